"""How a source's facts record reads in the change log."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _


def facts_summary(raw: Any) -> str:
    """A facts record as the change log shows it: how many of each, not JSON."""
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return str(raw)
    if not isinstance(data, dict):
        return ""
    return _(
        "%(people)s people, %(places)s places, %(refs)s documents, "
        "%(figures)s figures, %(movements)s movements"
    ) % {
        "people": len(data.get("people") or []),
        "places": len(data.get("places") or []),
        "refs": len(data.get("doc_refs") or []),
        "figures": len(data.get("figures") or []),
        "movements": len(data.get("movements") or []),
    }
