"""How alike two model names (or goals) are, accents and case ignored.

No Django here. Vietnamese words are made of syllables ("bê tông", "nghĩa
tình"), so names are compared on syllables and on pairs of adjacent syllables
(a pair keeps the word together), after dropping the words every registration
repeats ("mô hình", "dân vận khéo"). The score is the larger of the Dice
coefficient of those sets and difflib's ratio of the folded strings.
"""

from __future__ import annotations

import difflib
import itertools
import re

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


def syllables(text: str) -> list[str]:
    """The folded syllables of ``text`` that say something."""
    folded = _GENERIC.sub(" ", fold(text))
    return [w for w in _WORD.findall(folded) if w not in _STOP]


def shingles(text: str) -> set[str]:
    """Syllables and adjacent syllable pairs of ``text``."""
    words = syllables(text)
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words)}
    return set(words) | pairs


def key_pairs(text: str, limit: int = 6) -> list[str]:
    """The longest syllable pairs of ``text``: what a database pre-filter looks for."""
    # Adjacent in the text itself, so that a folded text containing the
    # phrase contains the pair.
    raw = _WORD.findall(_GENERIC.sub(" ", fold(text)))
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


def similarity(a: str, b: str) -> float:
    """How alike two texts are, from 0 to 1, accents ignored."""
    left, right = " ".join(syllables(a)), " ".join(syllables(b))
    if not left or not right:
        return 0.0
    ratio = difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()
    return max(dice(shingles(a), shingles(b)), ratio)
