"""The HTML of a report section: what an officer may write, and nothing else.

A section is paragraphs, lists, bold and italic, and links to where a figure
came from (``<a href="/…" data-figure="key">``). Text typed in the page or
pasted from Word goes through ``clean_html`` (nh3, the ammonia sanitizer):
Word's styles, classes, spans, fonts, comments and conditional blocks go;
``<b>``/``<i>`` become ``<strong>``/``<em>``; links keep only this site's
addresses; control characters go.
"""

from __future__ import annotations

import html as std_html
import re

import nh3

from danvan.common.text import strip_controls

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href", "data-figure"}}
# Word writes these around what it pastes; their content is not text.
_DROPPED = {"style", "script", "xml", "title", "head", "meta", "o:p"}
_WORD_CONDITIONAL = re.compile(r"<!--\[if.*?<!\[endif\]-->", re.DOTALL | re.I)
_RENAMED = (
    (re.compile(r"<(/?)b(\s[^>]*)?>", re.I), r"<\1strong>"),
    (re.compile(r"<(/?)i(\s[^>]*)?>", re.I), r"<\1em>"),
    (re.compile(r"<(/?)(?:h[1-6]|div)(\s[^>]*)?>", re.I), r"<\1p>"),
)
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")
MAX_LENGTH = 200_000


def _local(_tag: str, attribute: str, value: str) -> str | None:
    """Keep a link only to this site ("/documents/…"), never elsewhere."""
    if attribute == "href":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


def clean_html(text: str) -> str:
    """The section's HTML as it may be kept: only ``TAGS``, no foreign links."""
    text = strip_controls(text or "")[:MAX_LENGTH]
    text = _WORD_CONDITIONAL.sub("", text)
    for pattern, replacement in _RENAMED:
        text = pattern.sub(replacement, text)
    cleaned = nh3.clean(
        text,
        tags=TAGS,
        clean_content_tags=_DROPPED,
        attributes=ATTRIBUTES,
        attribute_filter=_local,
        link_rel=None,
        strip_comments=True,
    )
    return _EMPTY_PARAGRAPH.sub("", cleaned).strip()


def plain_text(html: str) -> str:
    """The words of a section without its markup (search, previews)."""
    text = re.sub(r"<(?:br|/p|/li)\s*/?>", "\n", html)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{2,}", "\n", std_html.unescape(text)).strip()
