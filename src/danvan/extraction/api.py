"""Entry points of the extractor: from a file, from bytes, from text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from danvan.extraction.convert import UnreadableInputError, to_text
from danvan.extraction.facts import read_facts

ReportFacts = dict[str, Any]

# The fields of a ReportFacts record, in the order of the schema.
FIELDS = (
    "title",
    "published",
    "period",
    "meeting",
    "authors",
    "body",
    "doc_refs",
    "people",
    "places",
    "figures",
    "movements",
)


class ExtractionError(Exception):
    """A file could not be read; ``str(error)`` is the reason for the user."""


def extract_text(text: str) -> ReportFacts:
    """Read the facts of a text that is already plain text."""
    from danvan.common.text import normalize_block

    return read_facts(normalize_block(text))


def convert_bytes(data: bytes, filename: str = "") -> str:
    """The normalised plain text of a file's bytes (text, HTML, DOCX or PDF)."""
    try:
        return to_text(data, filename)
    except UnreadableInputError as exc:
        raise ExtractionError(str(exc)) from exc


def extract_bytes(data: bytes, filename: str = "") -> ReportFacts:
    """Read the facts of a file's bytes (text, HTML, DOCX or PDF)."""
    return read_facts(convert_bytes(data, filename))


def extract_file(path: str | Path) -> ReportFacts:
    """Read the facts of a file on disk."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"không đọc được tệp: {exc.strerror or exc}") from exc
    return extract_bytes(data, path.name)
