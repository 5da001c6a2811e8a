"""Administrative places named in a text, checked against the real gazetteer.

The gazetteer is the official list of units before and after the 2025 reform
(the same sources the application loads, read without the database), so "xã
Bản Hồ" and "huyện Lục Yên" resolve although both units are gone. A place is
recognised from its level word ("huyện Lục Yên", "TP. Hồ Chí Minh"), from the
body it names ("Huyện ủy Trạm Tấu" names a huyện, "Thị ủy Sa Pa" a thị xã), or,
for provinces and centrally governed cities only, from its bare name.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from danvan.common.text import fold
from danvan.extraction.chars import LOWER, UPPER
from danvan.extraction.spans import Spans

_SYL = rf"(?:[{UPPER}][{LOWER}]*|\d+)"
NAME = rf"{_SYL}(?:[ -]{_SYL}){{0,4}}"
_UPPER_SYL = rf"[{UPPER}]{{2,}}"

# Level word as written (lower case) -> (level of the schema, gazetteer kinds).
LEVEL_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tỉnh": ("tỉnh", ("tinh", "thanh_pho_tw")),
    "thành phố": ("thành phố", ("thanh_pho_tw", "thanh_pho")),
    "tp.": ("thành phố", ("thanh_pho_tw", "thanh_pho")),
    "tp": ("thành phố", ("thanh_pho_tw", "thanh_pho")),
    "huyện": ("huyện", ("huyen",)),
    "quận": ("quận", ("quan",)),
    "thị xã": ("thị xã", ("thi_xa",)),
    "tx.": ("thị xã", ("thi_xa",)),
    "xã": ("xã", ("xa", "dac_khu")),
    "phường": ("phường", ("phuong",)),
    "thị trấn": ("thị trấn", ("thi_tran",)),
    "tt.": ("thị trấn", ("thi_tran",)),
    "đặc khu": (None, ("dac_khu",)),  # type: ignore[dict-item]
    "thôn": ("thôn", ()),
    "bản": ("thôn", ()),
    "ấp": ("thôn", ()),
    "xóm": ("thôn", ()),
    "làng": ("thôn", ()),
    "tổ dân phố": ("thôn", ()),
    "khu phố": ("thôn", ()),
    "buôn": ("thôn", ()),
    "sóc": ("thôn", ()),
    # Bodies that name their unit.
    "tỉnh ủy": ("tỉnh", ("tinh",)),
    "huyện ủy": ("huyện", ("huyen",)),
    "quận ủy": ("quận", ("quan",)),
    "thị ủy": ("thị xã", ("thi_xa", "thanh_pho")),
    "thành ủy": ("thành phố", ("thanh_pho_tw", "thanh_pho")),
    "đảng bộ tỉnh": ("tỉnh", ("tinh", "thanh_pho_tw")),
    "đảng bộ huyện": ("huyện", ("huyen",)),
}
# Village-level words need a capitalised name and may take any name.
_VILLAGE_WORDS = {word for word, (level, _) in LEVEL_WORDS.items() if level == "thôn"}
_WORDS = sorted(LEVEL_WORDS, key=len, reverse=True)
PLACE = re.compile(
    r"(?<!\w)(?P<word>(?i:" + "|".join(re.escape(w) for w in _WORDS) + r"))"
    rf"\s?:?[ \t]+(?P<name>{_UPPER_SYL}(?: {_UPPER_SYL}){{0,3}}(?!\w)|{NAME})"
)
# Bare names that are also the names of people or ideas.
_NOT_BARE = {"ho chi minh"}


@dataclass
class Gazetteer:
    by_kind: dict[str, set[str]]  # kind -> folded names
    provinces: dict[str, str]  # folded name -> level ("tỉnh" / "thành phố")

    def knows(self, name: str, kinds: tuple[str, ...]) -> bool:
        key = fold(name)
        return any(key in self.by_kind.get(kind, ()) for kind in kinds)


@functools.cache
def gazetteer() -> Gazetteer:
    """The official names, legacy and current (loaded once per process)."""
    from danvan.units.sources import load_divisions

    div = load_divisions()
    by_kind: dict[str, set[str]] = defaultdict(set)
    provinces: dict[str, str] = {}
    for unit in [*div.legacy, *div.current]:
        by_kind[unit.kind].add(fold(unit.name))
        if unit.level == "province":
            provinces[fold(unit.name)] = (
                "thành phố" if unit.kind == "thanh_pho_tw" else "tỉnh"
            )
    # Names written in two ways in the press.
    for alias, real in (("tp hcm", "ho chi minh"), ("sai gon", "ho chi minh")):
        if real in provinces:
            provinces[alias] = provinces[real]
    return Gazetteer(dict(by_kind), provinces)


_BARE = re.compile(rf"(?<!\w)({NAME})")


@dataclass
class Place:
    name: str
    level: str | None
    start: int
    end: int


def _trim_name(name: str, kinds: tuple[str, ...], gaz: Gazetteer) -> str | None:
    """The longest leading part of ``name`` that the gazetteer knows."""
    words = name.split()
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if gaz.knows(candidate, kinds):
            return candidate
    return None


_TITLE_BEFORE = re.compile(r"(?i:trưởng|phó|bí thư chi bộ|chủ tịch|công an)\s*$")
_LIST_NEXT = re.compile(rf"\s*(?:,|và|;)\s*({NAME})")


def _valid_name(
    raw: str, word: str, kinds: tuple[str, ...], gaz: Gazetteer
) -> str | None:
    """The place name in ``raw`` after a level word, or None."""
    if raw.isupper() and len(raw) > 1:
        if word.islower():
            return None
        raw = raw.title()
    if not re.fullmatch(r"\d+", raw):
        raw = re.sub(r"\s+\d+$", "", raw)
    if word.lower() in _VILLAGE_WORDS:
        if not (raw[0].isupper() or raw[0].isdigit()):
            return None
        return raw
    return _trim_name(raw, kinds, gaz)


def find_places(text: str, skip: list[tuple[int, int]] | None = None) -> list[Place]:
    """Places named in ``text``, once each by name, in order."""
    gaz = gazetteer()
    skip = skip or []
    found: list[Place] = []
    for m in PLACE.finditer(text):
        word = m.group("word").lower()
        level, kinds = LEVEL_WORDS[word]
        if _TITLE_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "Trưởng thôn Lý Seo Chảo", "Chủ tịch xã …": a title
        name = _valid_name(m.group("name"), m.group("word"), kinds, gaz)
        if name is None:
            continue
        start = m.start("name")
        found.append(Place(name, level, start, start + len(name)))
        # A list under one level word: "các thôn: Ná Lừu, Pạc Ngà và Trung Chải".
        pos = start + len(name)
        while True:
            more = _LIST_NEXT.match(text, pos)
            if not more:
                break
            name = _valid_name(more.group(1), m.group("word"), kinds, gaz)
            if name is None:
                break
            found.append(Place(name, level, more.start(1), more.start(1) + len(name)))
            pos = more.start(1) + len(name)
    taken = Spans([(p.start, p.end) for p in found] + list(skip))
    for m in _BARE.finditer(text):
        words = m.group(1).split()
        offset = m.start()
        i = 0
        while i < len(words) - 1:
            at = offset + len(" ".join(words[:i])) + (1 if i else 0)
            if taken.covers(at):
                i += 1
                continue
            bare = _trim_name(" ".join(words[i:]), ("tinh", "thanh_pho_tw"), gaz)
            bare_level = gaz.provinces.get(fold(bare)) if bare and " " in bare else None
            if bare and fold(bare) in _NOT_BARE:
                bare_level = None
            if bare and bare_level:
                found.append(Place(bare, bare_level, at, at + len(bare)))
                i += len(bare.split())
            else:
                i += 1
    result: dict[str, Place] = {}
    for place in sorted(found, key=lambda p: p.start):
        result.setdefault(fold(place.name), place)
    return list(result.values())


def is_place_name(name: str) -> bool:
    """Is ``name`` the name of some official unit, of any level?"""
    key = fold(name)
    return any(key in names for names in gazetteer().by_kind.values())
