"""References to numbered documents, with the two symbol grammars.

Party documents (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW):
    NUMBER "-" TYPE "/" ISSUER ["-" ISSUER2]        106-KH/HU, 367-QĐ/TWĐTN-VP
State documents (Nghị định 30/2020/NĐ-CP):
    NUMBER "/" [YEAR "/"] TYPE "-" ISSUER ["-" UNIT] 70/KH-UBND, 30/2020/NĐ-CP
    NUMBER "/" ISSUER "-" UNIT                       125/UBND-VP (công văn)
Websites also rewrite Party codes the State way ("217/QĐ-TW"); both are read.

A reference is a type word ("Kế hoạch", "Chương trình hành động"), optional
"số" and colon, a number, an optional symbol, then optionally its date
("ngày 03/01/2020") and its issuer ("của Ban Thường vụ Tỉnh ủy"). The type is
the word written, not the code: "Quy định số 66-QĐ/TW" is a Quy định.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.extraction.numbers import FULL_DATE, WORDY_DATE, make_date
from danvan.extraction.spans import Spans

# Written type word (lower case) -> canonical kind; the longest first.
KINDS: list[tuple[str, str]] = [
    ("chương trình hành động", "Chương trình hành động"),
    ("chương trình phối hợp", "Chương trình"),
    ("chương trình công tác", "Chương trình"),
    ("chương trình", "Chương trình"),
    ("nghị quyết liên tịch", "Nghị quyết"),
    ("nghị quyết", "Nghị quyết"),
    ("nghị định", "Nghị định"),
    ("chỉ thị", "Chỉ thị"),
    ("kết luận", "Kết luận"),
    ("quyết định", "Quyết định"),
    ("quy định", "Quy định"),
    ("kế hoạch liên tịch", "Kế hoạch"),
    ("kế hoạch", "Kế hoạch"),
    ("thông báo kết luận", "Thông báo"),
    ("thông báo", "Thông báo"),
    ("hướng dẫn liên tịch", "Hướng dẫn"),
    ("hướng dẫn", "Hướng dẫn"),
    ("đề án", "Đề án"),
    ("báo cáo", "Báo cáo"),
    ("công văn", "Công văn"),
    ("tờ trình", "Tờ trình"),
    ("quy chế phối hợp", "Quy chế"),
    ("quy chế", "Quy chế"),
    ("luật", "Luật"),
    ("thông tư liên tịch", "Thông tư"),
    ("thông tư", "Thông tư"),
    ("thông tri", "Thông tri"),
]
KIND_OF_CODE = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐI": "Quy định",
    "QYĐ": "Quy định",
    "KH": "Kế hoạch",
    "CTR": "Chương trình",
    "CTHĐ": "Chương trình hành động",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "TTR": "Tờ trình",
    "QC": "Quy chế",
    "NĐ": "Nghị định",
    "TT": "Thông tri",
}

_CODE = r"[A-ZĐ][A-ZĐa-zđ]{0,9}"
_PARTY_SYMBOL = rf"{_CODE}\s?/\s?{_CODE}(?:-{_CODE})*"
_STATE_SYMBOL = (
    rf"(?:(?:19|20)\d\d\s?/\s?)?{_CODE}(?:-{_CODE})+"
    r"|(?:19|20)\d\d\s?/\s?[A-ZĐ]{2,}\d{0,3}(?:-[A-ZĐ]+)*"
)
_KIND_WORDS = "|".join(re.escape(word) for word, _ in KINDS)
REF = re.compile(
    rf"(?P<kind>{_KIND_WORDS})"
    r"(?P<extra>\s+(?:số|sô)\b)?\s*:?\s*"
    r"(?P<number>\d{1,5}[a-z]?)(?![\d,.]\d)"
    rf"(?:\s?-\s?(?P<party>{_PARTY_SYMBOL})|\s?/\s?(?P<state>{_STATE_SYMBOL}))?"
    r"(?![\w/-])",
    re.IGNORECASE,
)
# A bare symbol with no type word before it ("theo 106-KH/HU").
BARE = re.compile(
    rf"(?<![\w/-])(?P<number>\d{{1,5}})(?:-(?P<party>{_PARTY_SYMBOL})|/(?P<state>{_STATE_SYMBOL}))(?![\w/-])"
)
_AFTER_DATE = re.compile(r"^\s*[,(]?\s*(?:ban hành\s+)?(?:ngày|ngay)\s*")
_ISSUER = re.compile(r"^\s*,?\s*(?:của|do)\s+")
_ISSUER_STOP = re.compile(
    r"\s*(?:[,;.:(“\"”]|\b(?:về|khóa|khoá|thực hiện|để|nhằm|ngày|số|trong|đối với|"
    r"quy định|hướng dẫn|với|và|tại|trên|đã|đang|sẽ|được|nhiệm kỳ|giai đoạn|lần thứ|"
    r"triển khai|tổ chức|ban hành)\b)"
)


@dataclass
class DocRef:
    kind: str
    number: str
    symbol: str | None
    date: str | None
    issuer: str | None
    start: int
    end: int

    def as_dict(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "issuer": self.issuer,
        }


def canonical_kind(written: str) -> str:
    written = " ".join(written.lower().split())
    for word, kind in KINDS:
        if written == word:
            return kind
    return written.capitalize()


def clean_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    return re.sub(r"\s+", "", symbol)


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _AFTER_DATE.match(text[pos : pos + 30])
    if not m:
        return None, pos
    at = pos + m.end()
    window = text[at : at + 30]
    for pattern in (FULL_DATE, WORDY_DATE):
        found = (
            pattern.match(window)
            if pattern is FULL_DATE
            else pattern.match("ngày " + window)
        )
        if found:
            date = make_date(
                int(found.group(3)), int(found.group(2)), int(found.group(1))
            )
            if date:
                span = (
                    found.end() if pattern is FULL_DATE else found.end() - len("ngày ")
                )
                return date.isoformat(), at + span
    return None, pos


def _issuer_after(text: str, pos: int) -> str | None:
    m = _ISSUER.match(text[pos : pos + 12])
    if not m:
        return None
    rest = text[pos + m.end() : pos + m.end() + 120]
    stop = _ISSUER_STOP.search(rest)
    issuer = rest[: stop.start()] if stop else rest
    words = issuer.split()[:8]
    issuer = " ".join(words).strip(" ,;.")
    if not issuer or not issuer[0].isupper():
        return None
    return issuer


# A law cited by its name before its number: "Luật Thực hiện dân chủ ở cơ sở số
# 10/2022/QH15", "Luật Mặt trận Tổ quốc Việt Nam năm 2015 số 75/2015/QH13".
NAMED_LAW = re.compile(
    r"\bLuật\s+[^.;:()\n\d]{3,90}?\s+(?:năm\s+\d{4}\s+)?(?:\(\w+\)\s+)?số\s*:?\s*"
    r"(?P<number>\d{1,4})\s?/\s?(?P<state>(?:19|20)\d\d\s?/\s?QH\d{1,2})(?![\w/-])"
)


def find_refs(text: str) -> list[DocRef]:
    """Every numbered document reference, once each, in order of appearance."""
    refs: list[DocRef] = []
    for m in NAMED_LAW.finditer(text):
        date, end = _date_after(text, m.end())
        refs.append(
            DocRef(
                "Luật",
                m.group("number"),
                clean_symbol(m.group("state")),
                date,
                None,
                m.start(),
                end,
            )
        )
    for m in REF.finditer(text):
        written = m.group("kind")
        # Lower-case type words without "số" are often verbs or common nouns
        # ("quyết định 3 nội dung"); keep them only with a symbol.
        symbol_written = m.group("party") or m.group("state")
        if not written[0].isupper() and not m.group("extra") and not symbol_written:
            continue
        number = m.group("number")
        symbol = m.group("party") or m.group("state")
        if symbol is None and re.fullmatch(r"(19|20)\d\d", number):
            continue  # "Kế hoạch 2021": a year, not a number
        end = m.end()
        date, end_date = _date_after(text, end)
        issuer = _issuer_after(text, end_date)
        refs.append(
            DocRef(
                canonical_kind(written),
                number,
                clean_symbol(symbol),
                date,
                issuer,
                m.start(),
                end_date,
            )
        )
    taken = Spans((r.start, r.end) for r in refs)
    for m in BARE.finditer(text):
        if taken.covers(m.start()):
            continue
        symbol = clean_symbol(m.group("party") or m.group("state"))
        assert symbol is not None  # BARE matches a party or a state symbol
        code = re.split(r"[/-]", symbol.split("/")[-1] if m.group("state") else symbol)[
            0
        ]
        if m.group("state") and re.match(r"(19|20)\d\d/", symbol):
            code = symbol.split("/")[1].split("-")[0]
        kind = KIND_OF_CODE.get(code.upper())
        if kind is None:
            continue
        date, end_date = _date_after(text, m.end())
        refs.append(
            DocRef(
                kind,
                m.group("number"),
                symbol,
                date,
                _issuer_after(text, end_date),
                m.start(),
                end_date,
            )
        )
    return dedupe(sorted(refs, key=lambda r: r.start))


def dedupe(refs: list[DocRef]) -> list[DocRef]:
    """One entry per document; a short form ("Hướng dẫn 05") joins the full one."""
    kept: list[DocRef] = []
    for ref in refs:
        same = next(
            (
                k
                for k in kept
                if k.kind == ref.kind
                and k.number.lstrip("0") == ref.number.lstrip("0")
                and (k.symbol == ref.symbol or ref.symbol is None or k.symbol is None)
            ),
            None,
        )
        if same is None:
            kept.append(ref)
            continue
        if same.symbol is None and ref.symbol:
            same.symbol = ref.symbol
        same.date = same.date or ref.date
        same.issuer = same.issuer or ref.issuer
    return kept
