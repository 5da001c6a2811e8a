"""Mark the facts of a text where they occur in it, for the review page.

Every occurrence of a fact's words (a person's or author's name, a place, a
document's number and symbol with its type word, a date in any of the ways
Vietnamese texts write it, a figure's number, a movement's name) is wrapped in
``<mark class="fact fact-KIND">``; everything else is escaped. Matching ignores
case and the old and new placement of tone marks ("uỷ" = "ủy"). Where two
matches overlap, the one that starts first (then the longer) wins. No Django
imports: the caller marks the result safe.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from danvan.common.text import modern_tones

KINDS = ("person", "author", "place", "docref", "date", "figure", "movement")

_WORD_BEFORE = r"(?<!\w)"
_WORD_AFTER = r"(?!\w)"
_NUM_BEFORE = r"(?<![\w.,/-])"
_NUM_AFTER = r"(?![\w/-]|[.,]\d)"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    note: str = ""


def _canon(text: str) -> str:
    return modern_tones(unicodedata.normalize("NFC", text))


def _words(phrase: str) -> str:
    """A regex for ``phrase`` with any run of spaces between its words."""
    return r"\s+".join(re.escape(part) for part in _canon(phrase).split())


def _phrase(phrase: str | None) -> str | None:
    if not phrase or not phrase.strip():
        return None
    return _WORD_BEFORE + _words(phrase) + _WORD_AFTER


def _symbol(symbol: str) -> str:
    """``QĐ/TW`` also as written ``QĐ-TW`` by websites; spaces allowed around."""
    parts = re.split(r"\s*[-/]\s*", _canon(symbol.strip()))
    return r"\s*[-/]\s*".join(re.escape(p) for p in parts if p)


def _doc_ref(ref: dict[str, Any]) -> str | None:
    number = str(ref.get("number") or "").strip()
    if not number:
        return None
    num = r"0*" + re.escape(number.lstrip("0") or "0")
    kind = ref.get("kind")
    lead = rf"{_words(kind)}\s+(?:số\s*:?\s*)?" if kind else ""
    symbol = ref.get("symbol")
    if symbol:
        core = rf"{num}\s*[-/]\s*{_symbol(symbol)}"
        return rf"{_WORD_BEFORE}(?:{lead})?{core}{_WORD_AFTER}"
    if not lead:
        return None  # a bare number would mark every such number in the text
    return rf"{_WORD_BEFORE}{lead}{num}(?![\w/-])"


def _date(value: Any, *, yearless: bool = False) -> str | None:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return None
    d, m, y = rf"0?{day.day}", rf"0?{day.month}", str(day.year)
    forms = [
        rf"{d}\s*([/.-])\s*{m}\s*\1\s*{y}",
        rf"{d}\s+tháng\s+{m}\s*,?\s+năm\s+{y}",
    ]
    if yearless:
        forms.append(rf"{d}\s*[/-]\s*{m}(?![\d/.-])")
    return _NUM_BEFORE + "(?:" + "|".join(forms) + ")"


def _number_forms(value: float) -> list[str]:
    """Ways a number is written: 2943, 2.943, 01; 1,1 and 1.1 for decimals."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        forms = [str(value), f"{value:,}".replace(",", ".")]
        return [r"0*" + re.escape(f) for f in dict.fromkeys(forms)]
    text = f"{value}"
    return [re.escape(text.replace(".", ",")), re.escape(text)]


def _number(value: Any) -> str:
    return "(?:" + "|".join(_number_forms(value)) + ")"


_MONEY_UNITS = ((10**9, "tỷ"), (10**6, "triệu"), (10**3, r"(?:nghìn|ngàn)"))


def _figure(figure: dict[str, Any]) -> str | None:
    kind, value = figure.get("kind"), figure.get("value")
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "ratio":
        if not (isinstance(value, list) and len(value) == 2):
            return None
        if not all(isinstance(v, int | float) for v in value):
            return None
        return (
            rf"{_NUM_BEFORE}{_number(value[0])}\s*/\s*{_number(value[1])}{_NUM_AFTER}"
        )
    if not numeric:
        return None
    assert isinstance(value, int | float)  # numeric says so; mypy cannot see it
    if kind == "percent":
        return rf"{_NUM_BEFORE}{_number(value)}\s*%"
    if kind == "money":
        forms = [rf"{_number(value)}(?:\s*(?:đồng|đ)\b)?"]
        for size, unit in _MONEY_UNITS:
            if value >= size:
                scaled = value / size
                if round(scaled, 3) == scaled:
                    forms.append(rf"{_number(scaled)}\s*{unit}(?:\s+đồng)?")
        return rf"{_NUM_BEFORE}(?:{'|'.join(forms)})(?!\w)"
    return rf"{_NUM_BEFORE}{_number(value)}{_NUM_AFTER}"


def _patterns(
    facts: dict[str, Any],
) -> Iterator[tuple[str | None, str, str, str]]:
    """(regex, kind, note, name) for every fact, in order of precedence."""
    for ref in facts.get("doc_refs") or []:
        if isinstance(ref, dict):
            yield _doc_ref(ref), "docref", str(ref.get("kind") or ""), ""
    for person in facts.get("people") or []:
        if isinstance(person, dict):
            note = str(person.get("position") or "")
            name = str(person.get("name") or "")
            yield _phrase(name), "person", note, name
    for author in facts.get("authors") or []:
        yield _phrase(str(author)), "author", "", str(author)
    for movement in facts.get("movements") or []:
        yield _phrase(str(movement)), "movement", "", ""
    for place in facts.get("places") or []:
        if isinstance(place, dict):
            name = str(place.get("name") or "")
            yield _phrase(name), "place", str(place.get("level") or ""), name
    meeting = facts.get("meeting") or {}
    if isinstance(meeting, dict) and meeting.get("date"):
        note = str(meeting.get("kind") or "")
        yield _date(meeting["date"], yearless=True), "date", note, ""
    if facts.get("published"):
        yield _date(facts["published"]), "date", "", ""
    for ref in facts.get("doc_refs") or []:
        if isinstance(ref, dict) and ref.get("date"):
            yield _date(ref["date"]), "date", "", ""
    for figure in facts.get("figures") or []:
        if isinstance(figure, dict):
            yield _figure(figure), "figure", str(figure.get("what") or ""), ""


_NAMES = {"person", "author", "place"}


def _initials(text: str) -> list[bool]:
    return [word[0].isupper() for word in text.split()]


def _same_case(matched: str, pattern: str) -> bool:
    """A name matches where its words are capitalised as in the fact.

    "Thôn Mới" must not mark every "mới" (new), nor "Trung Tâm" the words
    "trung tâm" (centre); a heading in capitals ("XÃ TRẠM TẤU") still matches.
    """
    return matched.isupper() or _initials(matched) == _initials(pattern)


def find_spans(text: str, facts: dict[str, Any]) -> list[Span]:
    """The non-overlapping places of ``facts`` in ``text`` (already NFC)."""
    haystack = modern_tones(text)
    found: list[tuple[int, int, int, Span]] = []
    for order, (pattern, kind, note, name) in enumerate(_patterns(facts or {})):
        if not pattern:
            continue
        for match in re.finditer(pattern, haystack, flags=re.IGNORECASE):
            if kind in _NAMES and not _same_case(match.group(), name):
                continue
            if match.end() > match.start():
                span = Span(match.start(), match.end(), kind, note)
                found.append(
                    (match.start(), -(match.end() - match.start()), order, span)
                )
    kept: list[Span] = []
    last_end = 0
    for _start, _length, _order, span in sorted(found):
        if span.start >= last_end:
            kept.append(span)
            last_end = span.end
    return kept


def highlight(text: str, facts: dict[str, Any]) -> str:
    """``text`` as HTML with each fact marked where it occurs."""
    text = unicodedata.normalize("NFC", text)
    parts: list[str] = []
    position = 0
    for span in find_spans(text, facts):
        parts.append(html.escape(text[position : span.start]))
        title = f' title="{html.escape(span.note)}"' if span.note else ""
        parts.append(
            f'<mark class="fact fact-{span.kind}"{title}>'
            f"{html.escape(text[span.start : span.end])}</mark>"
        )
        position = span.end
    parts.append(html.escape(text[position:]))
    return "".join(parts)
