"""Placeholder: replaced by the real field readers."""

from typing import Any


def read_facts(text: str) -> dict[str, Any]:
    lines = [line for line in text.split("\n") if line.strip()]
    return {
        "title": lines[0] if lines else None,
        "published": None,
        "period": None,
        "meeting": None,
        "authors": [],
        "body": "\n\n".join(lines[1:]),
        "doc_refs": [],
        "people": [],
        "places": [],
        "figures": [],
        "movements": [],
    }
