"""Document numbers and symbols (số, ký hiệu) of Party and State documents.

Party documents, Quy định 66-QĐ/TW and Hướng dẫn 36-HD/VPTW (now 399-QĐ/TW):
    NUMBER "-" TYPE "/" ISSUER ["-" ISSUER2 …]     106-KH/HU, 02-QC/BTCTU-BDVTU
    numbered per type across the issuing committee's term (congress to congress).
State documents, Nghị định 30/2020/NĐ-CP:
    NUMBER "/" [YEAR "/"] TYPE "-" ISSUER ["-" UNIT]   70/KH-UBND, 30/2020/NĐ-CP
    NUMBER "/" ISSUER "-" UNIT                          125/UBND-VP (công văn)
    numbered from 01 each calendar year.
Websites also rewrite Party codes the State way ("217/QĐ-TW"): such a symbol
parses, with a warning. No Django here: the register, the extractor and the API
all parse with ``parse_symbol``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Type codes -> canonical kind (domain guide §2.3). Case matters for "QĐi".
TYPE_CODES = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "KH": "Kế hoạch",
    "KHLT": "Kế hoạch",
    "CTr": "Chương trình",
    "CTR": "Chương trình",
    "CTHĐ": "Chương trình hành động",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "HDLT": "Hướng dẫn",
    "BC": "Báo cáo",
    "ĐA": "Đề án",
    "TTr": "Tờ trình",
    "TTR": "Tờ trình",
    "CV": "Công văn",
    "TT": "Thông tri",
    "TTLT": "Thông tư",
    "PA": "Phương án",
    "DA": "Dự án",
    "BB": "Biên bản",
    "GM": "Giấy mời",
    "NĐ": "Nghị định",
    "BS": "Bản sao",
    "SY": "Bản sao",
    "QH": "Luật",
}
PARTY_ISSUER_HINTS = ("TW", "TU", "HU", "QU", "ĐU", "ThU", "CB", "BCSĐ", "ĐĐ")
_CODE = r"[A-ZĐ][A-ZĐa-zđ]{0,15}\d{0,2}"
_PARTY = re.compile(
    rf"^(?P<number>\d{{1,5}})-(?P<type>{_CODE})/(?P<issuer>{_CODE}(?:-{_CODE})*)$"
)
_STATE = re.compile(
    rf"^(?P<number>\d{{1,5}})/(?:(?P<year>(?:19|20)\d\d)/)?"
    rf"(?P<type>{_CODE})(?:-(?P<issuer>{_CODE}(?:-{_CODE})*))?$"
)
_PREFIX = re.compile(r"^\s*(?:số|so)\s*:?\s*", re.IGNORECASE)


class SymbolError(ValueError):
    """The text is not a document number and symbol; the message says why."""


@dataclass(frozen=True)
class Symbol:
    """A parsed number and symbol."""

    number: str  # as written, leading zeros kept ("06")
    type_code: str  # "KH", "QĐi", or the issuer of a State công văn ("UBND")
    issuer: str  # "HU", "UBND", "BTCTU-BDVTU"
    year: int | None  # State legal acts only: 30/2020/NĐ-CP
    grammar: str  # "party" or "state"
    warnings: tuple[str, ...] = field(default=())

    @property
    def kind(self) -> str | None:
        """The canonical kind the type code stands for, when it is one."""
        code = self.type_code
        bare = code.rstrip("0123456789")  # "QH15": the Quốc hội's term
        return (
            TYPE_CODES.get(code) or TYPE_CODES.get(code.upper()) or TYPE_CODES.get(bare)
        )

    @property
    def symbol(self) -> str:
        """What follows the number: "KH/HU", "2020/NĐ-CP", "KH-UBND"."""
        if self.grammar == "party":
            return f"{self.type_code}/{self.issuer}"
        head = f"{self.year}/" if self.year else ""
        tail = f"-{self.issuer}" if self.issuer else ""
        return f"{head}{self.type_code}{tail}"

    @property
    def text(self) -> str:
        sep = "-" if self.grammar == "party" else "/"
        return f"{self.number}{sep}{self.symbol}"

    @property
    def number_value(self) -> int:
        return int(self.number)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("ð", "đ")
    text = text.replace("–", "-").replace("—", "-").replace("‑", "-")
    text = _PREFIX.sub("", text)
    return re.sub(r"\s+", "", text).strip(".,;")


def parse_symbol(text: str) -> Symbol:
    """Parse "106-KH/HU", "Số: 70/KH-UBND", "30/2020/NĐ-CP" and the like."""
    cleaned = _clean(text or "")
    if not cleaned:
        raise SymbolError("Chưa nhập số, ký hiệu văn bản.")
    m = _PARTY.match(cleaned)
    if m:
        warnings: list[str] = []
        if (
            m.group("type") not in TYPE_CODES
            and m.group("type").upper() not in TYPE_CODES
        ):
            warnings.append(
                f"Mã loại văn bản “{m.group('type')}” không có trong danh mục."
            )
        return Symbol(
            m.group("number"),
            m.group("type"),
            m.group("issuer"),
            None,
            "party",
            tuple(warnings),
        )
    m = _STATE.match(cleaned)
    if m:
        warnings = []
        type_code, issuer = m.group("type"), m.group("issuer") or ""
        if not issuer and not m.group("year"):
            raise SymbolError(
                f"“{text.strip()}” thiếu cơ quan ban hành sau mã loại "
                "(ví dụ 70/KH-UBND)."
            )
        if issuer.split("-")[0] in PARTY_ISSUER_HINTS:
            warnings.append(
                "Ký hiệu văn bản của Đảng viết theo kiểu văn bản nhà nước "
                f"(đúng là {m.group('number')}-{type_code}/{issuer})."
            )
        return Symbol(
            m.group("number"),
            type_code,
            issuer,
            int(m.group("year") or 0) or None,
            "state",
            tuple(warnings),
        )
    if re.fullmatch(r"\d{1,5}", cleaned):
        raise SymbolError(
            f"“{text.strip()}” chỉ có số, thiếu ký hiệu (ví dụ 106-KH/HU)."
        )
    raise SymbolError(
        f"“{text.strip()}” không đúng dạng số, ký hiệu văn bản của Đảng (106-KH/HU) "
        "hay của Nhà nước (70/KH-UBND, 30/2020/NĐ-CP)."
    )
