"""What a news text says of its meeting beyond the extracted facts (no Django).

Simple rules over the text: who organised the meeting ("Thường trực Huyện ủy
tổ chức Hội nghị…"), which of the extracted people chaired it ("… chủ trì hội
nghị", else the first Bí thư or Chủ tịch), and the conclusions (the sentences
after "kết luận:", "yêu cầu:", "đề nghị:" or "nhấn mạnh:", or after "yêu cầu" in
the sentence that says "kết luận").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from danvan.common.text import fold

# "<organiser> (đã|vừa) tổ chức|triệu tập hội nghị": the organiser ends the clause.
_ORGANISED = re.compile(
    r"([^.;:,\n]{3,120}?)\s+(?:đã\s+|vừa\s+)?(?:tổ\s+chức|triệu\s+tập)\s+hội\s+nghị",
    re.IGNORECASE,
)
# Words before the body's name that name its standing part, not another body.
_STANDING = ("thuong truc", "ban thuong vu", "thuong vu", "btv")
_CHAIR_ROLES = ("bi thu", "chu tich")
_CUES = re.compile(
    r"(?:kết\s+luận|yêu\s+cầu|đề\s+nghị|nhấn\s+mạnh)[^:.\n]{0,40}:", re.IGNORECASE
)
# "Kết luận hội nghị, đồng chí … yêu cầu các chi bộ …": no colon, in one sentence.
_CONCLUDING = re.compile(
    r"kết\s+luận[^.\n]{0,120}?\b(?:yêu\s+cầu|đề\s+nghị|giao)\s+", re.IGNORECASE
)
# A sentence ends at a full stop followed by a space ("2.100 m2" is no end).
_SENTENCE_END = re.compile(r"(?<=\.)\s+")
# A closing paragraph shorter than this is a by-line ("Ngô Quyền-Văn phòng Huyện ủy").
_BYLINE = 80
MAX_CONCLUSIONS = 12
# Shorter pieces are list markers or stray words, not a conclusion.
_SHORTEST = 8


def organiser_phrase(text: str) -> str:
    """The organiser as the text writes it, folded ("huyen uy"); empty if none."""
    match = _ORGANISED.search(text)
    if not match:
        return ""
    phrase = fold(match.group(1))
    for word in _STANDING:
        if phrase.startswith(word + " "):
            phrase = phrase[len(word) + 1 :]
            break
    return phrase.strip()


def matches_organiser(phrase: str, body_name: str) -> bool:
    """Does the organiser phrase name this body ("huyen uy" ~ "Huyện ủy Kim Sơn")?"""
    if not phrase:
        return False
    name = fold(body_name)
    return name == phrase or name.startswith(phrase + " ") or phrase.endswith(name)


def _clauses(text: str) -> list[str]:
    return [fold(c) for c in re.split(r"[.;\n]", text) if c.strip()]


def chair_index(text: str, people: Sequence[dict[str, str]]) -> int | None:
    """The index of the extracted person who chaired the meeting, or None.

    The one the text says "chủ trì" of in the same clause, else the first whose
    position is a Bí thư, else a Chủ tịch.
    """
    names = [fold(p.get("name") or "") for p in people]
    for clause in _clauses(text):
        if "chu tri" not in clause:
            continue
        for index, name in enumerate(names):
            if name and name in clause:
                return index
    positions = [fold(p.get("position") or "") for p in people]
    for deputy_too in (False, True):
        for role in _CHAIR_ROLES:
            for index, position in enumerate(positions):
                if role in position and (deputy_too or "pho " + role not in position):
                    return index
    return None


def conclusions(text: str) -> list[str]:
    """The sentences after the first conclusion cue, to the text's by-line."""
    match = _CUES.search(text) or _CONCLUDING.search(text)
    if not match:
        return []
    rest = text[match.end() :]
    paragraphs = [p.strip() for p in rest.split("\n") if p.strip()]
    kept = [paragraphs[0]] if paragraphs else []
    kept += [p for p in paragraphs[1:] if len(p) >= _BYLINE]
    sentences = []
    for paragraph in kept:
        for sentence in _SENTENCE_END.split(paragraph):
            sentence = sentence.strip(" ;")
            if len(sentence) >= _SHORTEST:
                sentences.append(sentence[:1].upper() + sentence[1:])
    return sentences[:MAX_CONCLUSIONS]
