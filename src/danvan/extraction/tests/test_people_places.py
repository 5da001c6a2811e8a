import pytest

from danvan.extraction.people import find_people
from danvan.extraction.places import find_places


def people(text, **kw):
    return [(p.name, p.position) for p in find_people(text, **kw)]


def places(text):
    return [(p.name, p.level) for p in find_places(text)]


def test_position_after_the_name_up_to_the_verb():
    text = "đồng chí Trịnh Văn An - Phó Bí thư thường trực Huyện ủy chủ trì hội nghị."
    assert people(text) == [("Trịnh Văn An", "Phó Bí thư thường trực Huyện ủy")]


def test_several_people_separated_by_semicolons():
    text = (
        "cùng dự có đồng chí Ngô Văn Bình, TVHU, Trưởng Ban Dân vận Huyện ủy; đồng chí "
        "Đinh Thị Hạnh, HUV, Phó Chủ tịch UBND huyện; lãnh đạo các đoàn thể."
    )
    assert people(text) == [
        ("Ngô Văn Bình", "TVHU, Trưởng Ban Dân vận Huyện ủy"),
        ("Đinh Thị Hạnh", "HUV, Phó Chủ tịch UBND huyện"),
    ]


def test_shared_title_goes_to_each_person():
    text = (
        "các đồng chí Ủy viên Ban TVTU: Vũ Xuân Lộc, Trưởng Ban Dân vận Tỉnh ủy; "
        "Hà Văn Cường, Chủ tịch Ủy ban MTTQ tỉnh."
    )
    assert people(text) == [
        ("Vũ Xuân Lộc", "Ủy viên Ban TVTU, Trưởng Ban Dân vận Tỉnh ủy"),
        ("Hà Văn Cường", "Ủy viên Ban TVTU, Chủ tịch Ủy ban MTTQ tỉnh"),
    ]


def test_title_before_the_name_and_rank():
    assert people("Bí thư Huyện ủy Lò Văn Pao phát biểu chỉ đạo.") == [
        ("Lò Văn Pao", "Bí thư Huyện ủy")
    ]
    text = (
        "Lễ tang đồng chí Đại tướng Phạm Văn Kiên, Ủy viên Bộ Chính trị, hoạt động của"
    )
    assert people(text) == [("Phạm Văn Kiên", "Đại tướng, Ủy viên Bộ Chính trị")]


def test_fullest_mention_wins_and_names_are_listed_once():
    text = (
        "đồng chí Trần Văn Chiến, Phó Bí thư Tỉnh ủy phát biểu. Sau đó đồng chí Trần Văn "
        "Chiến, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh trao quà."
    )
    assert people(text) == [
        ("Trần Văn Chiến", "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh")
    ]


def test_honorifics_ideas_places_and_authors_are_not_people():
    text = (
        "Ông Giàng A Thào, Trưởng thôn cho biết. Học tập và làm theo tư tưởng, đạo đức, "
        "phong cách Hồ Chí Minh; xã Hoàng Văn Thụ; trường THPT Lê Quý Đôn. Kim Thoa"
    )
    assert people(text, exclude={"Kim Thoa"}) == [("Giàng A Thào", "Trưởng thôn")]


def test_unnamed_office_holders_are_not_listed():
    assert people("đồng chí Phó Bí thư Huyện ủy nhấn mạnh các nhiệm vụ.") == []


def test_places_with_their_level_words_and_bodies():
    text = (
        "Huyện ủy Trạm Tấu, tỉnh Yên Bái; xã An Lạc, huyện Lục Yên; Thị ủy Sa Pa; "
        "thành phố Hà Nội; TP. Hồ Chí Minh; phường Cửa Nam; thôn Tà Xùa; bản Mới."
    )
    assert places(text) == [
        ("Trạm Tấu", "huyện"),
        ("Yên Bái", "tỉnh"),
        ("An Lạc", "xã"),
        ("Lục Yên", "huyện"),
        ("Sa Pa", "thị xã"),
        ("Hà Nội", "thành phố"),
        ("Hồ Chí Minh", "thành phố"),
        ("Cửa Nam", "phường"),
        ("Tà Xùa", "thôn"),
        ("Mới", "thôn"),
    ]


def test_legacy_units_resolve_through_the_gazetteer():
    assert places("xã Bản Hồ và huyện Lục Yên cũ") == [
        ("Bản Hồ", "xã"),
        ("Lục Yên", "huyện"),
    ]


def test_header_in_capitals_and_bare_province_names():
    assert places("ĐẢNG BỘ TỈNH LÀO CAI\nNhân dân Ninh Bình") == [
        ("Lào Cai", "tỉnh"),
        ("Ninh Bình", "tỉnh"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "các xã, phường, thị trấn",
        "huyện, thị, thành phố",
        "Công viên Văn hóa Mường Hoa",
        "tỉnh",
        "xã Không Có Thật",
    ],
)
def test_no_place_without_a_known_name(text):
    assert places(text) == []


def test_lists_under_one_level_word():
    text = "đại diện các thôn: Ná Lừu, Pạc Ngà, Trung Chải; các xã Bát Xát, Mường Hum và Y Tý"
    assert places(text) == [
        ("Ná Lừu", "thôn"),
        ("Pạc Ngà", "thôn"),
        ("Trung Chải", "thôn"),
        ("Bát Xát", "xã"),
        ("Mường Hum", "xã"),
        ("Y Tý", "xã"),
    ]


def test_a_title_with_a_level_word_is_not_a_place():
    assert places("Trưởng thôn Lý Seo Chảo chia sẻ kinh nghiệm") == []
    assert people("Trưởng thôn Lý Seo Chảo chia sẻ kinh nghiệm") == [
        ("Lý Seo Chảo", "Trưởng thôn")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tham dự có đồng chí Nguyễn Văn Hải (Bí thư Chi bộ thôn Tà Chải) và bà con.",
            ("Nguyễn Văn Hải", "Bí thư Chi bộ thôn Tà Chải"),
        ),
        (
            "Bà Lò Thị Hoa, người có uy tín ở bản Mới, cho biết bà con đồng tình.",
            ("Lò Thị Hoa", "người có uy tín ở bản Mới"),
        ),
        (
            "Đồng chí Giàng A Sử - Phó Chủ tịch UBND xã - cho biết xã đã hoàn thành.",
            ("Giàng A Sử", "Phó Chủ tịch UBND xã"),
        ),
        (
            "Đại tá Nguyễn Văn Tâm, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh phát biểu.",
            ("Nguyễn Văn Tâm", "Đại tá, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"),
        ),
        (
            "ThS. Trần Thị Thu Hà, giảng viên Trường Chính trị tỉnh trình bày chuyên đề.",
            ("Trần Thị Thu Hà", "giảng viên Trường Chính trị tỉnh"),
        ),
    ],
)
def test_more_ways_of_writing_a_position(text, expected):
    assert people(text) == [expected]
