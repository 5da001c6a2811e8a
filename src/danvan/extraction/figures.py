"""Quantities a text reports: counts, percentages, ratios and sums of money.

Each mention is one figure. Numbers that are not figures are masked first:
dates, document numbers and symbols, years and term spans, durations and
anniversaries ("4 tháng đầu năm", "90 năm ngày truyền thống"), ordinals,
section numbers, numbers inside names and quotes ("COVID-19", "Bữa cơm 0
đồng") and measurements. Qualifiers ("hơn", "gần", "ít nhất") do not change
the value; "100 triệu đồng/hộ" is money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.extraction.chars import LOWER
from danvan.extraction.numbers import (
    NUMBER,
    as_int_if_whole,
    parse_amount,
    parse_number,
)
from danvan.extraction.spans import Spans

_WORD = r"[^\W\d_]+"
PERCENT = re.compile(rf"(?<![\w.,/-])({NUMBER})\s?%")
RATIO = re.compile(
    rf"(?<![\w.,/-])(\d{{1,4}})\s?/\s?(\d{{1,4}})(?![\d/.-])\s+(?=({_WORD}))"
)
MONEY = re.compile(
    rf"(?<![\w.,/-])({NUMBER})\s*(nghìn|ngàn|triệu|tỷ|tỉ)?\s*(?:đồng|VNĐ|VND|đ\b)"
    r"(?!\s*(?:chí|bào|thời|ý|hành|bộ|đều|loạt|tình|nghiệp|hương|bằng|ruộng|lúa|minh|khởi|thuận))",
    re.IGNORECASE,
)
SCALED = re.compile(
    rf"(?<![\w.,/-])({NUMBER})\s+(nghìn|ngàn|triệu|tỷ|tỉ)\s+(?={_WORD})", re.IGNORECASE
)
COUNT = re.compile(rf"(?<![\w.,/%-])({NUMBER})(?![\w%/-]|[.,]\d)\s+(?=({_WORD}))")

# Words after a number that make it a duration, date part, ordinal or measure.
_NOT_COUNTED = {
    "năm",
    "tháng",
    "ngày",
    "tuần",
    "giờ",
    "phút",
    "giây",
    "quý",
    "thế",
    "kỷ",
    "tuổi",
    "khóa",
    "khoá",
    "lần",
    "độ",
    "km",
    "m",
    "cm",
    "mm",
    "kg",
    "g",
    "ha",
    "m2",
    "m3",
    "tấn",
    "tạ",
    "lít",
    "h",
    "oc",
    "°c",
    "mw",
    "kw",
    "kwh",
    "ml",
    "sào",
    "mẫu",
    "héc",
    "hecta",
    "hécta",
    "km2",
    "năm,",
    "tháng,",
    "và",
    "hoặc",
    "đến",
    "tới",
    "-",
    "giờ,",
    "trên",
    "dưới",
    "trong",
    "so",
    "của",
    "là",
    "thì",
    "với",
    "cho",
    "theo",
    "đ",
    "đồng",
    "triệu",
    "tỷ",
    "tỉ",
    "nghìn",
    "ngàn",
    "tr",
}
_ORDINAL_BEFORE = re.compile(
    r"(?:thứ|lần|khóa|khoá|(?<!tổng )số|Số|đợt|kỳ|lượt thứ|Điều|điều|khoản|mục|"
    r"phần|giai đoạn|nhiệm kỳ|Quý|quý|tháng|ngày|năm|Năm|Khóa)\s*:?\s*$"
)


@dataclass
class Figure:
    kind: str
    value: int | float | list[int]
    what: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "value": self.value, "what": self.what}


def _what(text: str, pos: int) -> str:
    rest = text[pos : pos + 90]
    rest = re.split(
        rf"[;:.()\n]|,\s(?=[{LOWER}]+\s[{LOWER}]+\s)"
        r"|\s(?:và|với|của|để|trong|tại|trên|được|đã|gồm)\s",
        rest,
    )[0]
    return " ".join(rest.split()[:10]).strip(" ,")


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            if chars[i].isdigit():
                chars[i] = "#"
    return "".join(chars)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[“\"]([^“”\"\n]{1,120})[”\"]", text):
        spans.append((m.start(), m.end()))
    return spans


def _year_spans(text: str) -> list[tuple[int, int]]:
    spans = [
        (m.start(), m.end())
        for m in re.finditer(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)", text)
    ]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b\d{1,2}/\d{4}\b", text)]
    return spans


def _section_spans(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in re.finditer(r"(?m)^\s*\d{1,2}(?:\.\d{1,2})*[.)]\s", text)
    ]


def find_figures(text: str, masked_spans: list[tuple[int, int]]) -> list[Figure]:
    """Figures of ``text``; ``masked_spans`` cover dates and document references."""
    spans = [
        *masked_spans,
        *_quote_spans(text),
        *_year_spans(text),
        *_section_spans(text),
    ]
    work = _masked(text, spans)
    figures: list[Figure] = []
    used = Spans()

    def free(a: int, b: int) -> bool:
        return not used.overlaps(a, b)

    for m in MONEY.finditer(work):
        if not free(m.start(), m.end()):
            continue
        value = parse_amount(m.group(1), m.group(2))
        figures.append(
            Figure(
                "money",
                value,
                _what_before(text, m.start()) or "tiền",
                m.start(),
                m.end(),
            )
        )
        used.add(m.start(), m.end())
    for m in PERCENT.finditer(work):
        if not free(m.start(), m.end()):
            continue
        value = as_int_if_whole(parse_number(m.group(1)))
        figures.append(
            Figure("percent", value, _what(text, m.end()), m.start(), m.end())
        )
        used.add(m.start(), m.end())
    for m in RATIO.finditer(work):
        if not free(m.start(), m.end()) or m.group(3).lower() in _NOT_COUNTED:
            continue
        before = work[max(0, m.start() - 12) : m.start()]
        if re.search(r"(ngày|Ngày|số|Số)\s*$", before):
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > b:
            continue
        figures.append(
            Figure("ratio", [a, b], _what(text, m.end()), m.start(), m.end())
        )
        used.add(m.start(), m.end())
    for m in SCALED.finditer(work):
        if not free(m.start(), m.end()):
            continue
        value = parse_amount(m.group(1), m.group(2))
        figures.append(Figure("count", value, _what(text, m.end()), m.start(), m.end()))
        used.add(m.start(), m.end())
    for m in COUNT.finditer(work):
        if not free(m.start(), m.end()):
            continue
        word = m.group(2).lower()
        following = work[m.end() : m.end() + 12].lower()
        counted = ("ngày công", "đồng chí", "đồng bào")
        if word in _NOT_COUNTED and not following.startswith(counted):
            continue
        if _ORDINAL_BEFORE.search(work[max(0, m.start() - 20) : m.start()]):
            continue
        number = m.group(1)
        if "#" in number:
            continue
        value = as_int_if_whole(parse_number(number))
        figures.append(Figure("count", value, _what(text, m.end()), m.start(), m.end()))
        used.add(m.start(), m.end())
    return sorted(figures, key=lambda f: f.start)


def _what_before(text: str, pos: int) -> str:
    before = text[max(0, pos - 60) : pos]
    before = re.split(r"[;:.,()\n]", before)[-1]
    return " ".join(before.split()[-6:]).strip()
