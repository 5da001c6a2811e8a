"""Vietnamese text normalisation in one place (no Django imports).

Two operations:

- ``normalize``: make a text canonical for storage and display — Unicode NFC,
  the Icelandic "Ð"/"ð" (U+00D0/U+00F0) that some portals type for "Đ"/"đ",
  non-breaking and other odd spaces folded to one plain space.
- ``fold``: a search key that ignores case, diacritics and so also the old and
  new tone-mark placement ("hoà"/"hòa", "thuỷ"/"thủy"), and a missing or
  misplaced mark ("Trạm Tâu"): "Trạm Tấu" -> "tram tau". Dashes of any length
  fold to "-" ("Chân Mây – Lăng Cô" and "Chân Mây - Lăng Cô" are one name).
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


def normalize(text: str) -> str:
    """Return ``text`` in NFC with Vietnamese "Đ" and single plain spaces."""
    text = unicodedata.normalize("NFC", text).translate(_D_MAP)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Return the accent-free, lower-case search key of ``text``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_D))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()
