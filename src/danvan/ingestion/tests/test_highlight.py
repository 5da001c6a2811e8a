"""Facts marked where they occur in the text; everything else escaped."""

import re

from danvan.ingestion.highlight import find_spans, highlight
from danvan.ingestion.tests.conftest import FACTS
from danvan.ingestion.tests.files import ARTICLE


def marked(html):
    """(kind, text) of every mark, in order."""
    return re.findall(r'<mark class="fact fact-(\w+)"[^>]*>(.*?)</mark>', html)


def test_every_kind_of_fact_is_marked_in_place():
    html = highlight(ARTICLE, FACTS)
    found = marked(html)
    assert ("place", "Trạm Tấu") in found
    assert ("date", "03/10/2025") in found  # the meeting date
    assert ("person", "Giàng A Sử") in found
    assert ("docref", "Chỉ thị số 49-CT/TW") in found
    assert ("date", "20/10/2015") in found  # the document's date
    assert ("figure", "100%") in found
    assert ("movement", "Dân vận khéo") in found
    assert ("figure", "12") in found
    assert ("figure", "350 triệu đồng") in found
    assert ("figure", "9/9") in found
    assert ("author", "Mùa Thị Dua") in found
    # Only the marks were added: removing them gives back the escaped text.
    assert re.sub(r"</?mark[^>]*>", "", html) == ARTICLE.replace("“", "“")


def test_the_text_and_the_notes_are_escaped():
    text = 'Ông <b>Lò Văn Pao</b> & "bà" Lò Thị Hoa <script>alert(1)</script>'
    facts = {"people": [{"name": "Lò Thị Hoa", "position": '<i>"Phó"</i>'}]}
    html = highlight(text, facts)
    assert "<b>" not in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert 'title="&lt;i&gt;&quot;Phó&quot;&lt;/i&gt;"' in html
    assert marked(html) == [("person", "Lò Thị Hoa")]


def test_matching_ignores_case_spacing_and_old_tone_marks():
    text = "Thực hiện CHỈ THỊ  số 49-CT/TW, Huyện uỷ chỉ đạo; bản  Tà Chử."
    facts = {
        "doc_refs": [{"kind": "Chỉ thị", "number": "49", "symbol": "CT/TW"}],
        "places": [{"name": "Huyện ủy", "level": None}, {"name": "Tà Chử"}],
    }
    assert marked(highlight(text, facts)) == [
        ("docref", "CHỈ THỊ  số 49-CT/TW"),
        ("place", "Huyện uỷ"),
        ("place", "Tà Chử"),
    ]


def test_references_dates_and_numbers_in_their_written_forms():
    text = (
        "Quyết định số 217/QĐ-TW ngày 12-12-2013; Đề án 61; ngày 7 tháng 1 năm 2016;"
        " 2.943 mô hình; gần 1,1 tỷ đồng; 01 cuộc; 2943 là số khác 29430."
    )
    facts = {
        "published": "2016-01-07",
        "doc_refs": [
            {
                "kind": "Quyết định",
                "number": "217",
                "symbol": "QĐ/TW",
                "date": "2013-12-12",
            },
            {"kind": "Đề án", "number": "61", "symbol": None},
        ],
        "figures": [
            {"kind": "count", "value": 2943},
            {"kind": "money", "value": 1100000000},
            {"kind": "count", "value": 1},
        ],
    }
    assert marked(highlight(text, facts)) == [
        ("docref", "Quyết định số 217/QĐ-TW"),
        ("date", "12-12-2013"),
        ("docref", "Đề án 61"),
        ("date", "7 tháng 1 năm 2016"),
        ("figure", "2.943"),
        ("figure", "1,1 tỷ đồng"),
        ("figure", "01"),
        ("figure", "2943"),
    ]


def test_a_number_is_not_marked_inside_a_longer_one_or_a_symbol():
    text = "Kế hoạch 106-KH/HU giao 106 chỉ tiêu, 1060 hộ, 10,6%."
    spans = find_spans(text, {"figures": [{"kind": "count", "value": 106}]})
    assert [text[s.start : s.end] for s in spans] == ["106"]
    assert spans[0].start == text.index("106 chỉ")


def test_overlapping_facts_keep_the_first_and_longest():
    text = "Ban Dân vận Huyện ủy Trạm Tấu"
    facts = {
        "places": [{"name": "Trạm Tấu"}],
        "movements": ["Dân vận Huyện ủy Trạm Tấu"],
    }
    assert marked(highlight(text, facts)) == [("movement", "Dân vận Huyện ủy Trạm Tấu")]


def test_no_or_broken_facts_leave_the_text_escaped():
    assert highlight("a < b", {}) == "a &lt; b"
    broken = {"people": ["not a dict"], "figures": [{"kind": "ratio", "value": 3}]}
    assert highlight("3 người", broken) == "3 người"


def test_names_match_only_where_capitalised_as_names():
    text = "ĐẢNG ỦY XÃ TRẠM TẤU\nBản Mới có 6 mô hình mới; Trung tâm hành chính ở thôn Trung Tâm."
    facts = {
        "places": [
            {"name": "Trạm Tấu"},
            {"name": "Mới", "level": "thôn"},
            {"name": "Trung Tâm", "level": "thôn"},
        ]
    }
    assert marked(highlight(text, facts)) == [
        ("place", "TRẠM TẤU"),
        ("place", "Mới"),
        ("place", "Trung Tâm"),
    ]
    assert text.index("thôn Trung Tâm") + 5 == find_spans(text, facts)[2].start
