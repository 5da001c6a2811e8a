"""Named movements, campaigns, emulation drives, models, funds and theme years.

They are written in quotes (“Dân vận khéo”, "Ngày Chủ nhật xanh"), sometimes
with a straight opening and a curly closing quote. A quoted phrase is a
movement unless it is a document's subject (after "về", or right after a
document reference or type word), a political term or a working motto
(after "quan điểm", "phương châm", "khẩu hiệu", or known ones such as "tự
diễn biến", "dân là gốc", "đạo lạ"). Canonical forms: "DVK" is "Dân vận
khéo"; a fund is named without "Quỹ"; a theme year "chủ đề năm “X” 2020" is
also "Năm X 2020".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.common.text import fold
from danvan.extraction.chars import LOWER

QUOTED = re.compile(r"[“\"«]\s*([^“”\"«»\n]{2,160}?)\s*[”\"»]")
_NOT_MOVEMENTS = {
    fold(x)
    for x in (
        "tự diễn biến",
        "tự chuyển hóa",
        "dân là gốc",
        "đạo lạ",
        "tà đạo",
        "diễn biến hòa bình",
        "lợi ích nhóm",
        "nhóm lợi ích",
        "bám dân, sát cơ sở",
        "nói để dân hiểu, làm để dân tin",
        "trọng dân, gần dân, hiểu dân, học dân, có trách nhiệm với dân",
        "ba cùng",
        "4 tại chỗ",
        "bốn tại chỗ",
        "điểm nóng",
        "tín dụng đen",
        "sống thử",
        "cúm gà",
    )
}
_REJECT_BEFORE = re.compile(
    r"(?:\bvề|về việc|quan điểm|phương châm|khẩu hiệu|biểu hiện|tình trạng|hiện tượng|"
    r"các|những|gọi là|chủ đề|với tên|mang tên|tiêu đề|nội dung|"
    r"\d+-[A-ZĐ]+/[A-ZĐ]+|\d+/[A-ZĐ]+-[A-ZĐ]+|"
    r"Kế hoạch|Chỉ thị|Nghị quyết|Kết luận|Quyết định|Quy định|Thông báo|Hướng dẫn|"
    r"Đề án|Chương trình|Báo cáo|Luật|Nghị định|Thông tư|Đề tài|chuyên đề|Hội thảo|"
    r"Hội nghị|hội nghị|Cuộc thi|cuộc thi|tọa đàm|Tọa đàm|sách|Sách|bài viết|tác phẩm)"
    r"\s*(?:số\s*)?[\w/.,-]*\s*$",
)
_ACCEPT_BEFORE = re.compile(
    r"(?:phong trào|phong trào thi đua|cuộc vận động|mô hình|điển hình|gương|Quỹ|quỹ|"
    r"chủ đề năm|Năm|năm|chương trình|Chương trình|thi đua|hưởng ứng|xây dựng|"
    r"thực hiện|triển khai|nhân rộng|duy trì|các mô hình|giải thưởng|danh hiệu)\s*$",
)
_DVK = re.compile(r"(?<!\w)(?:Dân vận khéo|DVK)(?!\w)", re.IGNORECASE)
_THEME_YEAR = re.compile(
    r"chủ đề năm\s*[“\"]([^”\"]{2,80})[”\"]\s*((?:19|20)\d\d)", re.IGNORECASE
)
_YEAR_NAMED = re.compile(
    rf"(?<!\w)năm\s+(dân vận [{LOWER} ]+?)\s+((?:19|20)\d\d)", re.IGNORECASE
)


@dataclass
class Movement:
    text: str
    start: int


def canonical(text: str) -> str:
    text = " ".join(text.split()).strip(" .,;:!?…")
    text = re.sub(r"\s*\(DVK\)$", "", text)
    if fold(text) in {"dvk", "dan van kheo"}:
        return "Dân vận khéo"
    text = re.sub(r"^Quỹ\s+", "", text)
    return text


def find_movements(text: str) -> list[Movement]:
    found: list[Movement] = []
    for m in QUOTED.finditer(text):
        content = canonical(m.group(1))
        if not content or len(content.split()) > 14 or fold(content) in _NOT_MOVEMENTS:
            continue
        if not re.search(r"[^\W\d_]", content):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        if _REJECT_BEFORE.search(before) and not _ACCEPT_BEFORE.search(before):
            continue
        if content[0].islower() and len(content.split()) > 8:
            continue  # a subject line, not a name
        found.append(Movement(content, m.start()))
    for m in _DVK.finditer(text):
        found.append(Movement("Dân vận khéo", m.start()))
    for m in _THEME_YEAR.finditer(text):
        found.append(Movement(f"Năm {canonical(m.group(1))} {m.group(2)}", m.start()))
    for m in _YEAR_NAMED.finditer(text):
        found.append(Movement(f"Năm {m.group(1)} {m.group(2)}", m.start()))
    result: dict[str, Movement] = {}
    for movement in sorted(found, key=lambda x: x.start):
        result.setdefault(fold(movement.text), movement)
    return list(result.values())
