"""How alike two model names (or goals) are, accents and case ignored.

No Django here. Vietnamese words are made of syllables ("bê tông", "nghĩa
tình"), so names are compared on syllables and on pairs of adjacent syllables
(a pair keeps the word together), after dropping the words every registration
repeats ("mô hình", "dân vận khéo") and the places (a level word such as
"thôn" with the name after it, and the names of the areas compared). The
score is the larger of the Dice coefficient of those sets and difflib's ratio
of the folded strings.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable

from danvan.common.text import fold

# Said by nearly every registration: no evidence of likeness.
_GENERIC = re.compile(r"\b(mo hinh|dan van kheo|dan van|kheo)\b")
_WORD = re.compile(r"[0-9a-z]+")
_STOP = frozenset(
    (
        *("va", "cua", "cho", "trong", "voi", "cac", "nhung", "de", "tai", "la"),
        *("co", "mot", "ve", "theo", "tu", "o", "nham", "xay", "dung"),
        *("thuc", "hien"),
    )
)


# Words that name a level of the tree, compared accented and in lower case so
# that "bản" (a village) is one and "ban" (a board), "bàn", "bán" are not.
_LEVELS = (
    *(("tổ", "dân", "phố"), ("khu", "phố"), ("thị", "trấn"), ("thị", "xã")),
    *(("thành", "phố"), ("thôn",), ("bản",), ("xã",), ("phường",), ("ấp",)),
    *(("làng",), ("xóm",), ("tỉnh",), ("huyện",), ("quận",)),
)
_TOKEN = re.compile(r"\w+")


def _level_at(words: list[str], i: int) -> int:
    """How many words of ``words`` from ``i`` make a level word (0: none)."""
    for level in _LEVELS:
        if [w.lower() for w in words[i : i + len(level)]] == list(level):
            return len(level)
    return 0


def _is_name(word: str) -> bool:
    return word[0].isupper() or word.isdigit() or word.lower() == "số"


def without_places(text: str, places: Iterable[str] = ()) -> str:
    """``text`` folded, without level words, the names after them and ``places``.

    A shared place ("thôn Trung Tâm", "Phường Trung Tâm") says nothing about
    what a model does, so it must not make two models alike.
    """
    words = _TOKEN.findall(text)
    kept, i = [], 0
    while i < len(words):
        step = _level_at(words, i)
        if not step:
            kept.append(words[i])
            i += 1
            continue
        i += step
        while i < len(words) and _is_name(words[i]):
            i += 1
    folded = f" {fold(' '.join(kept))} "
    for place in sorted({fold(p) for p in places if fold(p)}, key=len, reverse=True):
        folded = folded.replace(f" {place} ", " ")
    return folded.strip()


def syllables(text: str, places: Iterable[str] = ()) -> list[str]:
    """The folded syllables of ``text`` that say something."""
    folded = _GENERIC.sub(" ", without_places(text, places))
    return [w for w in _WORD.findall(folded) if w not in _STOP]


def shingles(text: str, places: Iterable[str] = ()) -> set[str]:
    """Syllables and adjacent syllable pairs of ``text``."""
    words = syllables(text, places)
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words)}
    return set(words) | pairs


def key_pairs(text: str, limit: int = 6) -> list[str]:
    """The longest syllable pairs of ``text``: what a database pre-filter looks for."""
    # Adjacent in the text itself, so that a folded text containing the
    # phrase contains the pair.
    raw = _WORD.findall(_GENERIC.sub(" ", without_places(text)))
    pairs = {
        f"{a} {b}"
        for a, b in itertools.pairwise(raw)
        if a not in _STOP and b not in _STOP
    }
    if not pairs:
        pairs = {w for w in raw if w not in _STOP and len(w) > 2}
    return sorted(pairs, key=lambda p: (-len(p), p))[:limit]


def dice(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(a: str, b: str, places: Iterable[str] = ()) -> float:
    """How alike two texts are, from 0 to 1, accents and place names ignored."""
    left, right = " ".join(syllables(a, places)), " ".join(syllables(b, places))
    if not left or not right:
        return 0.0
    ratio = difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()
    return max(dice(shingles(a, places), shingles(b, places)), ratio)
