"""The ReportFacts record (``/work/shared/extraction/SCHEMA.md``): its vocabularies,
a tolerant reading of what the extractor returns, and the strict check of what a
user confirms. No Django imports.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from danvan.extraction import FIELDS

MEETING_KINDS = ("giao ban", "sơ kết", "tổng kết", "tập huấn", "đối thoại", "khác")
DOC_KINDS = (
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quyết định",
    "Quy định",
    "Kế hoạch",
    "Chương trình hành động",
    "Chương trình",
    "Thông báo",
    "Hướng dẫn",
    "Đề án",
    "Báo cáo",
    "Công văn",
    "Tờ trình",
    "Quy chế",
    "Luật",
    "Nghị định",
    "Thông tư",
)
PLACE_LEVELS = (
    "tỉnh",
    "thành phố",
    "huyện",
    "thị xã",
    "quận",
    "xã",
    "phường",
    "thị trấn",
    "thôn",
)
FIGURE_KINDS = ("count", "percent", "ratio", "money")

_LIST_FIELDS = ("authors", "doc_refs", "people", "places", "figures", "movements")
_DOC_REF_KEYS = ("kind", "number", "symbol", "date", "issuer")


class FactsError(ValueError):
    """A facts record breaks the schema; ``messages`` says where."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def empty_facts() -> dict[str, Any]:
    return {
        field: ([] if field in _LIST_FIELDS else "" if field == "body" else None)
        for field in FIELDS
    }


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text or None


def _iso(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        return None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if value else []


def coerce(raw: Any) -> dict[str, Any]:
    """Every field present, in schema order, with the types the schema names.

    Tolerant: the extractor's output is kept as far as it fits; a value of the
    wrong shape becomes empty rather than stopping the text from being stored.
    """
    raw = raw if isinstance(raw, dict) else {}
    facts = empty_facts()
    facts["title"] = _text(raw.get("title"))
    facts["published"] = _iso(raw.get("published"))
    period = raw.get("period")
    if isinstance(period, dict) and (period.get("start") or period.get("end")):
        facts["period"] = {
            "start": _iso(period.get("start")),
            "end": _iso(period.get("end")),
        }
    meeting = raw.get("meeting")
    if isinstance(meeting, dict) and (meeting.get("kind") or meeting.get("date")):
        facts["meeting"] = {
            "kind": _text(meeting.get("kind")),
            "date": _iso(meeting.get("date")),
        }
    body = raw.get("body")
    facts["body"] = body if isinstance(body, str) else ""
    facts["authors"] = [a for a in (_text(x) for x in raw.get("authors") or []) if a]
    facts["movements"] = [
        m for m in (_text(x) for x in raw.get("movements") or []) if m
    ]
    facts["doc_refs"] = [
        {
            "kind": _text(ref.get("kind")),
            "number": _text(ref.get("number")),
            "symbol": _text(ref.get("symbol")),
            "date": _iso(ref.get("date")),
            "issuer": _text(ref.get("issuer")),
        }
        for ref in _dicts(raw.get("doc_refs"))
    ]
    facts["people"] = [
        {"name": _text(p.get("name")), "position": _text(p.get("position"))}
        for p in _dicts(raw.get("people"))
        if _text(p.get("name"))
    ]
    facts["places"] = [
        {"name": _text(p.get("name")), "level": _text(p.get("level"))}
        for p in _dicts(raw.get("places"))
        if _text(p.get("name"))
    ]
    facts["figures"] = [
        {"kind": f.get("kind"), "value": f.get("value"), "what": _text(f.get("what"))}
        for f in _dicts(raw.get("figures"))
    ]
    return facts


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def validate(data: Any) -> dict[str, Any]:
    """Return ``data`` as a clean facts record, or raise ``FactsError``."""
    if not isinstance(data, dict):
        raise FactsError(["facts: not a record"])
    errors: list[str] = []
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        errors.append(f"unknown fields: {', '.join(unknown)}")
    facts = coerce(data)
    if not facts["title"]:
        errors.append("title: required")

    def check_date(where: str, value: Any) -> None:
        if value not in (None, "") and _iso(value) is None:
            errors.append(f"{where}: not an ISO date")

    check_date("published", data.get("published"))
    period = data.get("period")
    if period is not None:
        if not isinstance(period, dict):
            errors.append("period: not a record")
        else:
            check_date("period.start", period.get("start"))
            check_date("period.end", period.get("end"))
            span = facts["period"] or {}
            if span.get("start") and span.get("end") and span["start"] > span["end"]:
                errors.append("period: the end is before the start")
    meeting = data.get("meeting")
    if meeting is not None:
        if not isinstance(meeting, dict):
            errors.append("meeting: not a record")
        else:
            check_date("meeting.date", meeting.get("date"))
            kind = _text(meeting.get("kind"))
            if kind is not None and kind not in MEETING_KINDS:
                errors.append(f"meeting.kind: unknown kind {kind!r}")
    for field in _LIST_FIELDS:
        if data.get(field) is not None and not isinstance(data.get(field), list):
            errors.append(f"{field}: not a list")
    for i, ref in enumerate(data.get("doc_refs") or []):
        if not isinstance(ref, dict):
            errors.append(f"doc_refs[{i}]: not a record")
            continue
        if _text(ref.get("kind")) not in DOC_KINDS:
            errors.append(f"doc_refs[{i}].kind: unknown kind {ref.get('kind')!r}")
        if not _text(ref.get("number")):
            errors.append(f"doc_refs[{i}].number: required")
        check_date(f"doc_refs[{i}].date", ref.get("date"))
    for field in ("people", "places"):
        for i, item in enumerate(data.get(field) or []):
            if not isinstance(item, dict) or not _text(item.get("name")):
                errors.append(f"{field}[{i}].name: required")
    for i, place in enumerate(data.get("places") or []):
        level = _text(place.get("level")) if isinstance(place, dict) else None
        if level is not None and level not in PLACE_LEVELS:
            errors.append(f"places[{i}].level: unknown level {level!r}")
    for i, figure in enumerate(data.get("figures") or []):
        if not isinstance(figure, dict):
            errors.append(f"figures[{i}]: not a record")
            continue
        kind, value = figure.get("kind"), figure.get("value")
        if kind not in FIGURE_KINDS:
            errors.append(f"figures[{i}].kind: unknown kind {kind!r}")
        elif kind == "ratio":
            if not (
                isinstance(value, list)
                and len(value) == 2
                and all(_number(v) for v in value)
            ):
                errors.append(f"figures[{i}].value: a ratio is two numbers")
        elif not _number(value):
            errors.append(f"figures[{i}].value: not a number")
    if errors:
        raise FactsError(errors)
    return facts
