"""The pipeline that reads a ReportFacts record out of a text.

1. ``convert`` turns the input (text of any common encoding, an HTML page, a
   DOCX or a PDF) into plain text; ``common.text.normalize_block`` makes it
   NFC with "Đ" for "Ð" and plain spaces, lines kept.
2. ``layout`` splits the page: chrome before the headline and after the byline
   is dropped, chrome lines inside are dropped by their look; it yields the
   title, the publication stamp, the authors and the body. Formal documents
   are recognised by their header and read as such (title = type word +
   subject, own number, place-and-date line, signer).
3. The field readers work on the body with old tone placement moved to the new
   one (same length, so offsets stay valid): ``refs`` (document references
   with the Party and State symbol grammars), ``timeline`` (period, meeting),
   ``people``, ``places`` (checked against the official gazetteer of units
   before and after 2025), ``figures`` (with dates, references and names
   masked) and ``movements``.

Rules, not a statistical model: the genre is formulaic, and rules are precise,
fast (hundreds of documents a second) and explainable to the officer who
reviews the result. ``underthesea``'s NER is the baseline the benchmark
compares with (``bench/extract_speed.py``).
"""

from __future__ import annotations

import re
from typing import Any

from danvan.common.text import fold, modern_tones
from danvan.extraction.chars import LOWER, UPPER
from danvan.extraction.figures import find_figures
from danvan.extraction.layout import FormalHeader, read_layout
from danvan.extraction.movements import find_movements
from danvan.extraction.numbers import find_full_dates
from danvan.extraction.people import find_people
from danvan.extraction.places import find_places
from danvan.extraction.refs import DocRef, canonical_kind, find_refs
from danvan.extraction.timeline import find_meeting, find_period

_SIGNER_BLOCK = re.compile(
    r"^(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.|Q\.)\s*.*$", re.IGNORECASE | re.MULTILINE
)


def _formal_extras(
    header: FormalHeader, body: str
) -> tuple[list[DocRef], list[dict[str, str | None]], str]:
    """The document's own reference, its signer, and its header text for places."""
    refs: list[DocRef] = []
    if header.own_number:
        m = re.match(r"(\d+)\s*[-/]\s*(.+)$", header.own_number)
        if m and header.type_word:
            refs.append(
                DocRef(
                    canonical_kind(header.type_word.lower()),
                    m.group(1),
                    re.sub(r"\s+", "", m.group(2)),
                    header.date.isoformat() if header.date else None,
                    header.issuer_lines[-1].title() if header.issuer_lines else None,
                    -1,
                    -1,
                )
            )
    people: list[dict[str, str | None]] = []
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        if not _SIGNER_BLOCK.match(line) and not (
            i > len(lines) - 12 and line.isupper() and len(line.split()) <= 6
        ):
            continue
        # The signer's title is the last capitals line before a name line.
        for j in range(i, min(i + 5, len(lines))):
            candidate = lines[j]
            if re.fullmatch(
                rf"[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,4}}", candidate
            ):
                title = lines[j - 1] if j > i else line
                title = re.sub(r"^(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.)\s*", "", title)
                people.append({"name": candidate, "position": title.capitalize()})
                break
        if people:
            break
    return refs, people, "\n".join(header.issuer_lines)


def _reports_a_meeting(formal: FormalHeader | None, title: str) -> bool:
    """News may report a meeting; of formal papers only minutes and conclusion
    notices do ("Thông báo kết luận … tại Hội nghị giao ban …"), not a report
    or a plan that mentions one."""
    if formal is None:
        return True
    if formal.type_word == "BIÊN BẢN":
        return True
    return formal.type_word in {"THÔNG BÁO", "THÔNG BÁO KẾT LUẬN"} and bool(
        re.search(r"hội nghị|giao ban|sơ kết|tổng kết|đối thoại", title, re.IGNORECASE)
    )


def read_facts(text: str) -> dict[str, Any]:
    """Read every field of the schema from normalised plain text."""
    layout = read_layout(text)
    title = layout.title
    body = "\n\n".join(layout.body_lines)
    work = modern_tones(body)
    published = layout.published.isoformat() if layout.published else None

    refs = find_refs(work)
    people_found = find_people(work, exclude=set(layout.authors))
    extra_people: list[dict[str, str | None]] = []
    header_text = ""
    if layout.formal:
        own, extra_people, header_text = _formal_extras(layout.formal, body)
        refs = own + [
            r
            for r in refs
            if not own or (r.kind, r.number) != (own[0].kind, own[0].number)
        ]

    date_spans = [(a, b) for a, b, _ in find_full_dates(work)]
    ref_spans = [(r.start, r.end) for r in refs if r.start >= 0]
    places = find_places(modern_tones((title or "") + "\n" + header_text + "\n") + work)
    figures = find_figures(work, date_spans + ref_spans)
    movements = find_movements(modern_tones(title or "") + "\n" + work)
    is_plan = bool(
        layout.formal and layout.formal.type_word in {"KẾ HOẠCH", "CHƯƠNG TRÌNH"}
    )
    period = find_period(modern_tones(title or ""), work, layout.published, is_plan)
    meeting = None
    if _reports_a_meeting(layout.formal, title or ""):
        meeting = find_meeting(
            modern_tones(title or ""), work, layout.published, period
        )

    people = [
        {"name": _original(body, p.name, p.start), "position": p.position}
        for p in people_found
    ]
    by_name = {fold(p["name"] or ""): p for p in people}
    for signer in extra_people:
        known = by_name.get(fold(signer["name"] or ""))
        if known is None:
            people.append(signer)
        elif not known["position"]:
            known["position"] = signer["position"]
    return {
        "title": title,
        "published": published,
        "period": period,
        "meeting": meeting,
        "authors": layout.authors,
        "body": body,
        "doc_refs": [r.as_dict() for r in refs],
        "people": people,
        "places": [{"name": p.name, "level": p.level} for p in places],
        "figures": [f.as_dict() for f in figures],
        "movements": [m.text for m in movements],
    }


def _original(body: str, name: str, start: int) -> str:
    """The name as the body writes it (tone placement may differ in ``work``)."""
    return body[start : start + len(name)] if 0 <= start < len(body) else name
