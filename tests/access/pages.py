"""The HTML pages of the matrix's cases, and the text a reader sees on them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from tests.access.cases import CASES

# Kinds whose pages are files (downloads), not HTML.
_FILES = ("attachment", "paper", "progress")


def path_of(url: str) -> str:
    """``url`` without its query string or fragment."""
    return url.split("?", 1)[0].split("#", 1)[0]


def html_pages(world: Any, url_of: Any, variant: str = "own") -> list[tuple[str, str]]:
    """(name, url) of every HTML page the matrix reads, for ``variant``'s objects."""
    pages = []
    for name, cases in CASES.items():
        for case in cases:
            if case.write or case.api or case.public or case.gone or case.path:
                continue
            query = case.query if isinstance(case.query, str) else ""
            if "format=" in query or case.kind in _FILES:
                continue
            if name == "ingestion:source_original":
                continue
            pages.append((name, url_of(world, name, case, variant)))
    return pages


class _Visible(HTMLParser):
    """Text nodes and the attributes a reader sees or hears, scripts left out."""

    SHOWN_ATTRS = ("title", "placeholder", "aria-label", "alt")
    HIDDEN = ("script", "style", "template")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        values = dict(attrs)
        self.parts += [values[a] or "" for a in self.SHOWN_ATTRS if a in values]
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """What a reader of the page sees: tags stripped, scripts left out."""
    parser = _Visible()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))
