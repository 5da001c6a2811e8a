"""Named people and the positions written next to their names.

Vietnamese personal names are two to five capitalised syllables, the first a
family name from a known list (Kinh and ethnic-minority family names alike). A
name is an actor when an honorific ("đồng chí", "ông", "bà") or a title
("Bí thư Huyện ủy", "Đại tướng") stands before it, or a position follows it
(", TVHU, Trưởng Ban Dân vận Huyện ủy", " - Phó Bí thư"); three-syllable names
count without either. The position is what stands before the name from the
clause start, plus the comma-separated title segments after it, each cut at
the first verb ("… Huyện ủy chủ trì hội nghị"). "các đồng chí Ủy viên Ban
TVTU: A, …; B, …" gives the shared title to each. Honorifics are not part of
names; names of ideas ("tư tưởng … Hồ Chí Minh"), streets and schools are not
people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.common.text import fold
from danvan.extraction.chars import LOWER, UPPER
from danvan.extraction.places import is_place_name

_SURNAME_TEXT = """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh
Đinh Lò Giàng Sùng Vàng Thào Mùa Hờ Lầu Cứ Tráng Hầu Chảo Tẩn Bàn Triệu Phùng
Sầm Nông Lục Lường Quàng Cầm Điêu Tòng Hà Vi La Lưu Mai Cao Tạ Chu Vương Kiều
Thái Lâm Tăng Tôn Khổng Đoàn Đàm Lương Trương Tô Văn Nghiêm Mạc Quách Thân Từ Âu
Ông Doãn Khúc Kim Lã Lại Lều Mẫn Nhữ Ninh Phí Quan Thạch Thiều Trình Tống Ứng Vy
Y Hứa Giáp Bế Lỗ Khuất Dư Cù Pờ Ly Lỳ Chang Thèn Hạng Vừ Sồng Lù Má Phàn Chẩu
Dền Ma Liêu Lành Nịnh Bạch Đồng Công Châu Diệp Đào Hán Hàn Kha Khương Lạc Lạng
Mã Mông Phương Quang Sơn Tiêu Ung Viên Xa Sái Đậu Đới Giang Hồng Ksor Rmah Siu
Nay Rơ Kpă H Niê Byă Bđap Êban Mlô Adrơng
"""
SURNAMES = frozenset(_SURNAME_TEXT.split())
HONORIFICS = re.compile(
    r"(?:các\s+)?(?:đồng\s+chí|đ/c|ông|bà|anh|chị|cụ|em|cháu|ThS\.?|TS\.?|PGS\.?|GS\.?|"
    r"BS\.?|Thượng\s+tọa|Hòa\s+thượng|Hoà\s+thượng|Đại\s+đức|Linh\s+mục|Mục\s+sư|Ni\s+sư)\s*$",
    re.IGNORECASE,
)
_TITLE_WORDS = [
    "Ủy viên",
    "Uỷ viên",
    "Phó",
    "Bí thư",
    "Trưởng",
    "Chủ tịch",
    "Chánh",
    "Giám đốc",
    "Tổng",
    "Thủ trưởng",
    "Chỉ huy",
    "Chính ủy",
    "Chính uỷ",
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
    "Hiệu trưởng",
    "Đại biểu",
    "Thường trực",
    "Nguyên",
    "Cán bộ",
    "Chuyên viên",
    "Hội viên",
    "Đoàn viên",
    "Đảng viên",
    "Già làng",
    "Người có uy tín",
    "Thư ký",
    "Chủ nhiệm",
    "Tư lệnh",
    "Bộ trưởng",
    "Thứ trưởng",
    "Thủ tướng",
    "Giáo viên",
    "Bác sĩ",
    "Nghệ nhân",
    "Cựu chiến binh",
    "Trưởng thôn",
    "Trưởng bản",
    "Công an viên",
    "Kiểm sát viên",
    "Thẩm phán",
    "Chấp hành viên",
    "Quyền",
    "Q.",
    "Tỉnh ủy viên",
    "Huyện ủy viên",
    "Thành ủy viên",
    "Đại sứ",
    "Giảng viên",
    "Kỹ sư",
    "Phóng viên",
    "Chiến sĩ",
    "Công chức",
    "Viên chức",
    "Nhân viên",
    "Nông dân",
    "Học sinh",
    "Sinh viên",
    "Chức sắc",
    "Tín đồ",
    "Người uy tín",
]
_TITLE_START = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in _TITLE_WORDS) + r")\b|^(?-i:[A-ZĐ]{2,})\b",
    re.IGNORECASE,
)
_VERB_STOP = re.compile(
    r"\s+(?:chủ trì|phát biểu|tham dự|dự|cùng|nhấn mạnh|đánh giá|cho biết|khẳng định|"
    r"yêu cầu|đề nghị|trao|tặng|làm việc|làm|đã|đến|tới|tại|được|chỉ đạo|thăm|kiểm tra|"
    r"chúc|ghi nhận|biểu dương|đề xuất|giới thiệu|báo cáo|trình bày|quán triệt|"
    r"kết luận|"
    r"nói|chia sẻ|cảm ơn|trả lời|tiếp thu|giải đáp|lưu ý|mong|đọc|công bố|điều hành|"
    r"gợi ý|thông tin|đi|(?<!người )có|cũng|luôn|vừa|sẽ|trong|khi|nhân dịp|"
    r"thay mặt|là|để|nhằm|"
    r"cùng với|và các|và đại|ký|tiếp|đón|gặp|thừa ủy quyền|theo|còn|hướng dẫn)\b"
    rf"|\s+(?:và|với)\s+(?=[{LOWER}])",
)
_CAP = rf"[{UPPER}][{LOWER}]+"
# Middle syllables may be one letter: Hmong names such as "Giàng A Sử".
NAME = re.compile(rf"(?<!\w)({_CAP}(?:[ \t]+(?:{_CAP}|[A-Z])){{1,4}})(?!\w)")
_NOT_PERSON_BEFORE = re.compile(
    r"(?:xã|huyện|tỉnh|thôn|bản|phường|quận|thành phố|TP\.?|thị xã|thị trấn|đường|phố|"
    r"trường|Trường|THPT|THCS|bệnh viện|Bệnh viện|công viên|Công viên|cầu|sông|núi|đèo|"
    r"chùa|đền|nhà thờ|giáo xứ|làng|xóm|ấp|Cụm|cụm|khu|Khu|tên|giải|Giải|Quỹ|quỹ|"
    r"tư tưởng|phong cách|đạo đức|di chúc|lời dạy|Bác|Lăng|lăng|gương)[\s,]*$",
)
_NEVER_PEOPLE = {"ho chi minh"}
# "Trưởng thôn Lý Seo Chảo": the village word is part of a title.
_VILLAGE_TITLE = re.compile(
    r"(?:Trưởng|trưởng|Phó)\s+(?:thôn|bản|ấp|xóm|khu phố|tổ dân phố)\s*$"
)
_HONORIFIC_WORDS = {"Ông", "Bà", "Anh", "Chị", "Cụ", "Em", "Cháu", "Đồng"}


@dataclass
class Person:
    name: str
    position: str | None
    start: int


def _family_name_ok(name: str) -> bool:
    return name.split()[0] in SURNAMES


def _clean_position(text: str) -> str:
    text = _VERB_STOP.split(text, maxsplit=1)[0]
    text = re.sub(r"\s*\((?:khóa|khoá)[^)]*\)", "", text)
    return text.strip(" ,;:-–—()")


def _after_segments(text: str) -> str:
    """The title segments right after a name (", TVHU, Trưởng Ban …")."""
    m = re.match(r"^\s*(?:,|\s[-–—]|\()\s*", text)
    if not m:
        return ""
    rest = text[m.end() : m.end() + 300]
    rest = re.split(r"[;:.)]|\s[-–—]\s", rest, maxsplit=1)[0]
    parts = []
    for segment in rest.split(","):
        segment = segment.strip()
        if not segment or not _TITLE_START.match(segment):
            break
        cleaned = _clean_position(segment)
        if cleaned:
            parts.append(cleaned)
        if cleaned != segment:
            break
    return ", ".join(parts)


def _before_title(text: str) -> str:
    """The title standing before a name, back to the clause start or honorific."""
    window = text[-160:].rsplit("\n", 1)[-1]  # a title does not cross lines
    cut = max(
        (
            m.end()
            for m in re.finditer(
                r"[,;:.(“”\"]|\b(?:đồng chí|các đồng chí|ông|bà|có|của|cùng|với|và)\s",
                window,
            )
        ),
        default=0,
    )
    phrase = window[cut:].strip()
    if not phrase or not _TITLE_START.match(phrase):
        return ""
    if _VERB_STOP.search(" " + phrase):
        return ""
    return phrase.strip(" ,")


def _shared_titles(text: str) -> list[tuple[int, int, str]]:
    """Spans of "các đồng chí <title>: A, …; B, …" with the shared title."""
    spans = []
    for m in re.finditer(r"các đồng chí\s+([^:;.]{3,80}?):\s*", text, re.IGNORECASE):
        title = m.group(1).strip()
        if _TITLE_START.match(title):
            end = text.find(".", m.end())
            spans.append((m.end(), end if end != -1 else len(text), title))
    return spans


def find_people(text: str, exclude: set[str] | None = None) -> list[Person]:
    """People named in ``text`` with their fullest position, once each."""
    exclude = {fold(n) for n in exclude or set()}
    shared = _shared_titles(text)
    found: dict[str, Person] = {}
    for m in NAME.finditer(text):
        name = m.group(1)
        words = name.split()
        # Drop capitalised words before the family name ("Ban Lò Văn A").
        while words and words[0] not in SURNAMES and len(words) > 2:
            words = words[1:]
        # A capitalised honorific opening a sentence ("Ông Giàng A Thào").
        if len(words) >= 3 and words[0] in _HONORIFIC_WORDS and words[1] in SURNAMES:
            words = words[1:]
        name = " ".join(words)
        start = m.end(1) - len(name)
        if len(words) < 2 or not _family_name_ok(name) or fold(name) in _NEVER_PEOPLE:
            continue
        if fold(name) in exclude:
            continue
        honorific_near = bool(
            HONORIFICS.search(text[max(0, start - 40) : start].rstrip())
        )
        if not honorific_near and is_place_name(name):
            continue
        before = text[max(0, start - 200) : start]
        if _NOT_PERSON_BEFORE.search(before) and not _VILLAGE_TITLE.search(before):
            continue
        honorific = bool(HONORIFICS.search(before.rstrip()))
        prefix = _before_title(before) if not honorific else ""
        if honorific:
            # "đồng chí Đại tướng Trần Đại Quang": the rank sits between.
            hm = re.search(
                rf"(?:đồng chí|ông|bà)\s+((?:[{UPPER}]\w*\s+){{1,3}})$",
                before,
                re.IGNORECASE,
            )
            if hm and _TITLE_START.match(hm.group(1)):
                prefix = hm.group(1).strip()
        elif re.search(
            rf"(?:đồng chí|ông|bà)\s+(?:[{UPPER}]\w*\s+){{1,3}}$",
            before,
            re.IGNORECASE,
        ):
            honorific = True
        after = _after_segments(text[m.end(1) :])
        group_title = next((t for a, b, t in shared if a <= start < b), "")
        if not (honorific or prefix or after or group_title or len(words) >= 3):
            continue
        position = ", ".join(p for p in (group_title, prefix, after) if p) or None
        key = fold(name)
        known = found.get(key)
        if known is None:
            found[key] = Person(name, position, start)
        elif position and len((position or "").split()) > len(
            (known.position or "").split()
        ):
            known.position = position
    return sorted(found.values(), key=lambda p: p.start)
