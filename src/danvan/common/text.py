"""Vietnamese text normalisation in one place (no Django imports).

Two operations:

- ``normalize``: make a text canonical for storage and display — Unicode NFC,
  the Icelandic "Ð"/"ð" (U+00D0/U+00F0) that some portals type for "Đ"/"đ",
  non-breaking and other odd spaces folded to one plain space.
- ``normalize_block``: the same for a multi-line document, keeping its lines.
- ``modern_tones``: old tone-mark placement to the new one ("hoà" -> "hòa",
  "uỷ" -> "ủy"), length-preserving so offsets stay valid.
- ``fold``: a search key that ignores case, diacritics and so also the old and
  new tone-mark placement ("hoà"/"hòa", "thuỷ"/"thủy"), and a missing or
  misplaced mark ("Trạm Tâu"): "Trạm Tấu" -> "tram tau". Dashes of any length
  fold to "-" ("Chân Mây – Lăng Cô" and "Chân Mây - Lăng Cô" are one name).

And the hygiene of what users type, paste or import:

- ``clean_input``: what every form, API request and import stores — NFC, no
  control or invisible formatting characters, line breaks only where a field
  holds several lines.
- ``strip_controls``: what every export writes — the characters XML 1.0
  (XLSX, DOCX) cannot hold removed, so rows stored before the input was
  cleaned cannot break a workbook or a paper.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"Ð": "Đ", "ð": "đ"})
_FOLD_D = str.maketrans(
    {
        "Đ": "d",
        "đ": "d",
        "Ð": "d",
        "ð": "d",
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "−": "-",
    }
)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_LINE_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\f\v]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200c-\u200f\u2028\u2029]")
# C0 but tab, line feed and carriage return; DEL and C1; lone surrogates and
# U+FFFE/U+FFFF (not XML 1.0 characters); the byte-order mark, zero-width
# characters and bidirectional marks, embeddings, overrides and isolates (they
# hide or reorder what a reader sees, and break search and duplicate checks).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\ufeff\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f]"
)
# Line and page breaks other than "\n": Word's manual line break (VT), page
# break (FF), NEL and the Unicode line and paragraph separators.
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Old-style placement -> new style (Quyết định 240/QĐ, 1993 vs. the common usage).
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
    "Oà": "Òa",
    "Oá": "Óa",
    "Oả": "Ỏa",
    "Oã": "Õa",
    "Oạ": "Ọa",
    "Uỳ": "Ùy",
    "Uý": "Úy",
    "Uỷ": "Ủy",
    "Uỹ": "Ũy",
    "Uỵ": "Ụy",
    "OÀ": "ÒA",
    "OÁ": "ÓA",
    "OẢ": "ỎA",
    "OÃ": "ÕA",
    "OẠ": "ỌA",
    "UỲ": "ÙY",
    "UÝ": "ÚY",
    "UỶ": "ỦY",
    "UỸ": "ŨY",
    "UỴ": "ỤY",
}
# Not after "q" or "g": "quý", "quỹ", "giá" carry the mark on the last vowel.
_TONE_RE = re.compile(
    r"(?<![qQgG])(" + "|".join(_TONE_PAIRS) + r")(?![a-zA-Zàáảãạăằắẳẵặâầấẩẫậ])"
)


def normalize(text: str) -> str:
    """Return ``text`` in NFC with Vietnamese "Đ" and single plain spaces."""
    text = unicodedata.normalize("NFC", text).translate(_D_MAP)
    return strip_controls(_SPACES.sub(" ", text)).strip()


def normalize_block(text: str) -> str:
    """Normalise a whole document: NFC, "Đ", spaces; lines and paragraphs kept."""
    text = unicodedata.normalize("NFC", text).translate(_D_MAP)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    # Page breaks (pdftotext's "\f") become spaces before the rest is removed.
    lines = [
        strip_controls(_LINE_SPACES.sub(" ", line)).strip() for line in text.split("\n")
    ]
    return "\n".join(lines).strip()


def strip_controls(text: str) -> str:
    """Remove control and invisible formatting characters; keep tabs and breaks."""
    return _UNSAFE.sub("", text)


def clean_input(value: str, *, multiline: bool, strip: bool = True) -> str:
    """Return user input as stored: NFC, no control characters, "\n" breaks.

    A single-line field gets its tabs and line breaks as spaces; ``strip``
    trims surrounding whitespace as Django's ``CharField`` does.
    """
    text = _BREAKS.sub("\n", unicodedata.normalize("NFC", value))
    text = strip_controls(text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text.strip() if strip else text


def modern_tones(text: str) -> str:
    """Move tone marks to the new placement ("hoà" -> "hòa"); same length."""
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(1)], text)


def fold(text: str) -> str:
    """Return the accent-free, lower-case search key of ``text``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_D))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def parse_id(value: object) -> int | None:
    """The whole number ``value`` writes, if it may be a row's id; else None.

    ASCII digits only ("²" and "٣" are digits to Python, not to ``int`` or the
    database), and at most 18 of them (they fit a bigint): a query string or a
    key sent with anything else names no row, rather than a 500.
    """
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None
