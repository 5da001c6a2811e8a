"""The period a text reviews and the meeting it reports on.

Period: the first reviewing expression in the title, else in the body —
"N tháng đầu năm [YYYY]", "quý I [năm] YYYY", "Quý II/2021", "6 tháng",
"năm YYYY" (a whole year only when the text keeps returning to it). Forward
expressions ("3 tháng cuối năm", "Quý II/2021" as a task horizon after
"nhiệm vụ") are not the reviewed period; a plan reviews nothing. A missing
year comes from the same sentence, then from the publication date.

Meeting: only when the title or the opening paragraph says a meeting was held
("tổ chức Hội nghị giao ban", "Hội nghị sơ kết …"). Its kind comes from the
words used; a conference assessing the first six months is a sơ kết, one
assessing the year a tổng kết. Its date is the day given there ("Sáng ngày
03/10", "Chiều 30-6"), the year taken from context.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from danvan.extraction.numbers import (
    ROMAN,
    SHORT_DATE,
    find_full_dates,
    make_date,
    period_from_months,
)

_MONTHS = re.compile(
    r"(?<!\w)(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm(?:\s+(?:học\s+)?((?:19|20)\d\d))?",
    re.IGNORECASE,
)
_MONTHS_FIRST = re.compile(r"(?<!\w)(\d{1,2})\s+tháng\s+đầu\s+năm", re.IGNORECASE)
_QUARTER = re.compile(
    r"(?<!\w)quý\s+(I{1,3}|IV|[1-4])(?:\s*(?:năm\s+|/\s*)((?:19|20)\d\d))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\w/])năm\s+((?:19|20)\d\d)(?![\d/])", re.IGNORECASE)
_FORWARD = re.compile(
    r"(cuối năm|tiếp theo|tới|sắp tới|nhiệm vụ|phương hướng|trọng tâm|kế hoạch|"
    r"phấn đấu)\s*$",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _year_near(text: str, pos: int) -> int | None:
    """The first year written after ``pos`` in the same sentence, else before."""
    end = text.find(".", pos)
    after = _ANY_YEAR.search(text[pos : end if end != -1 else pos + 200])
    if after:
        return int(after.group(1))
    start = text.rfind(".", 0, pos)
    before = _ANY_YEAR.findall(text[start + 1 : pos])
    return int(before[-1]) if before else None


def _months_period(
    text: str, default_year: int | None
) -> tuple[int, dict[str, str]] | None:
    for m in _MONTHS_FIRST.finditer(text):
        n = int(m.group(1))
        if not 1 <= n <= 12:
            continue
        before = text[max(0, m.start() - 25) : m.start()]
        if _FORWARD.search(before):
            continue
        year_m = re.match(r"\s+((?:19|20)\d\d)", text[m.end() : m.end() + 6])
        year = (
            int(year_m.group(1))
            if year_m
            else _year_near(text, m.end()) or default_year
        )
        if year:
            return m.start(), period_from_months(year, 1, n)
    return None


def _quarter_period(
    text: str, default_year: int | None
) -> tuple[int, dict[str, str]] | None:
    for m in _QUARTER.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        if _FORWARD.search(before) or re.search(r"trong\s+quý\s*$", before):
            continue
        raw = m.group(1).upper()
        q = ROMAN.get(raw) or int(raw)
        year = (
            int(m.group(2)) if m.group(2) else _year_near(text, m.end()) or default_year
        )
        if year:
            return m.start(), period_from_months(year, 3 * q - 2, 3 * q)
    return None


def find_period(
    title: str, body: str, published: dt.date | None, is_plan: bool
) -> dict[str, str] | None:
    if is_plan:
        return None
    default_year = published.year if published else None
    for text in (title, body[:1500], body):
        candidates = [
            c
            for c in (
                _months_period(text, default_year),
                _quarter_period(text, default_year),
            )
            if c
        ]
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]
    for text in (title,):
        m = _YEAR.search(text)
        if m:
            year = int(m.group(1))
            return {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    years: Counter[int] = Counter()
    for m in _YEAR.finditer(body):
        before = body[max(0, m.start() - 14) : m.start()]
        if re.search(r"(quý|tháng|cuối|đầu|tới|sau)\W*\w*\W*$", before, re.IGNORECASE):
            continue
        # "Năm 2023, toàn huyện …" opening a sentence states the year reviewed.
        opening = body[m.end() : m.end() + 1] == "," and re.search(
            r"(^|[.\n]\s*|Trong\s+)$", before
        )
        years[int(m.group(1))] += 2 if opening else 1
    if years:
        year, count = years.most_common(1)[0]
        if count >= 2 and (published is None or year <= published.year):
            return {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    return None


_HELD = re.compile(
    r"(tổ chức|khai mạc|diễn ra|đã diễn ra|họp|tiến hành|long trọng tổ chức|chủ trì)\s+"
    r"(?:thành công\s+)?(?:các\s+)?(Hội nghị|hội nghị|buổi|cuộc|lớp|Lớp|phiên|Phiên|"
    r"Lễ|lễ|Hội thảo|hội thảo|Tọa đàm|tọa đàm|Tọa|Đối thoại|đối thoại)",
)
_MEETING_TITLE = re.compile(
    r"^(Hội nghị|Giao ban|Sơ kết|Tổng kết|Tập huấn|Đối thoại|Lớp|Hội thảo|Tọa đàm)",
    re.IGNORECASE,
)
_KINDS = [
    (re.compile(r"giao ban", re.IGNORECASE), "giao ban"),
    (re.compile(r"sơ kết", re.IGNORECASE), "sơ kết"),
    (re.compile(r"tổng kết", re.IGNORECASE), "tổng kết"),
    (re.compile(r"tập huấn|bồi dưỡng nghiệp vụ", re.IGNORECASE), "tập huấn"),
    (re.compile(r"đối thoại", re.IGNORECASE), "đối thoại"),
    (
        re.compile(r"(đánh giá|kiểm điểm)[^.]{0,60}6 tháng đầu năm", re.IGNORECASE),
        "sơ kết",
    ),
    (
        re.compile(
            r"(đánh giá|kiểm điểm)[^.]{0,60}(công tác|kết quả)[^.]{0,40}"
            r"năm\s+(19|20)\d\d",
            re.IGNORECASE,
        ),
        "tổng kết",
    ),
]
_PART_OF_DAY = re.compile(
    r"(?:(?:Sáng|Chiều|Tối|Trưa|sáng|chiều|tối|trưa)\s+(?:ngày\s+|nay\s+)?|(?:Ngày|ngày)\s+)"
    r"(\d{1,2}\s?[/-]\s?\d{1,2}(?:\s?[/-]\s?\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"
)


def _meeting_sentence(title: str, lead: str) -> str | None:
    """The words saying a meeting was held: the title, or the lead's first sentence."""
    if _MEETING_TITLE.match(title):
        return title + ". " + lead[:400]
    opening = lead[:600]
    m = _HELD.search(opening)
    if m:
        end = opening.find(".", m.end())
        return opening[: end if end != -1 else len(opening)]
    return None


def find_meeting(
    title: str, body: str, published: dt.date | None, period: dict[str, str] | None
) -> dict[str, str | None] | None:
    lead = body[:800]
    sentence = _meeting_sentence(title, lead)
    if sentence is None:
        return None
    kind = "khác"
    for text in (sentence, title):
        hit = next((k for pattern, k in _KINDS if pattern.search(text)), None)
        if hit:
            kind = hit
            break
    year = None
    if published:
        year = published.year
    elif period:
        year = int(period["end"][:4])
    else:
        years = _ANY_YEAR.findall(title + " " + lead)
        year = int(years[-1]) if years else None
    date = None
    for m in _PART_OF_DAY.finditer(lead[:400]):
        full = find_full_dates(m.group(0))
        if full:
            date = full[0][2]
            break
        words = re.match(r"(\d{1,2})\s+tháng\s+(\d{1,2})", m.group(1))
        if words and year:
            date = make_date(year, int(words.group(2)), int(words.group(1)))
            break
        short = SHORT_DATE.search(m.group(1))
        if short and year:
            date = make_date(year, int(short.group(2)), int(short.group(1)))
            break
    return {"kind": kind, "date": date.isoformat() if date else None}
