"""Documents issued in the span by the unit's bodies of the section's kinds:
"Ban hành 12 văn bản, trong đó 3 kế hoạch, 2 hướng dẫn (Kế hoạch số
05-KH/ĐU, …)"."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse

from danvan.common.links import detail_url
from danvan.documents.models import Document
from danvan.reports.sources import Context, figure, link, number, para, text, url

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

# The kind as a sentence names it (lower case), whatever the UI language.
KIND_VI = {
    "nghi_quyet": "nghị quyết",
    "chi_thi": "chỉ thị",
    "ket_luan": "kết luận",
    "quyet_dinh": "quyết định",
    "quy_dinh": "quy định",
    "ke_hoach": "kế hoạch",
    "chuong_trinh_hanh_dong": "chương trình hành động",
    "chuong_trinh": "chương trình",
    "thong_bao": "thông báo",
    "huong_dan": "hướng dẫn",
    "de_an": "đề án",
    "bao_cao": "báo cáo",
    "cong_van": "công văn",
    "to_trinh": "tờ trình",
    "quy_che": "quy chế",
    "luat": "luật",
    "nghi_dinh": "nghị định",
    "thong_tu": "thông tư",
    "bien_ban": "biên bản",
    "khac": "văn bản khác",
}
# Kinds of the body a document without an issuing body is counted for, by
# the grammar of its symbol.
GRAMMAR_KIND = {"party": "party_committee", "state": "committee"}
SHOWN_REFERENCES = 6
LEVEL_VI = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


@dataclass(frozen=True)
class Issued:
    pk: int
    kind: str
    reference: str
    issued_on: dt.date
    body_kind: str
    own: bool  # issued at the unit's own level, not by a unit below


def issued(ctx: Context) -> list[Issued]:
    """The unit's documents issued in the span, oldest first (one query)."""

    def load() -> list[Issued]:
        rows = (
            Document.objects.filter(
                ctx.unit_q("area_path", "issuer_body__path"),
                issued_on__gte=ctx.start,
                issued_on__lte=ctx.end,
            )
            .order_by("issued_on", "pk")
            .values_list(
                "pk",
                "kind",
                "number",
                "symbol",
                "grammar",
                "issued_on",
                "issuer_body__kind",
                "area_path" if ctx.area_wide else "issuer_body__path",
            )
        )
        roots = set(ctx.roots)
        found = []
        for pk, kind, num, symbol, grammar, issued_on, body_kind, path in rows:
            reference = Document(number=num, symbol=symbol, grammar=grammar).reference
            found.append(
                Issued(
                    pk=pk,
                    kind=kind,
                    reference=reference,
                    issued_on=issued_on,
                    body_kind=body_kind or GRAMMAR_KIND.get(grammar, ""),
                    own=path in roots,
                )
            )
        return found

    return ctx.once("documents", load)


def of_section(ctx: Context, section: OutlineSection) -> list[Issued]:
    kinds = set(section.body_kinds or ())
    rows = issued(ctx)
    return [d for d in rows if d.body_kind in kinds] if kinds else rows


def _kind_word(kind: str) -> str:
    return KIND_VI.get(kind, "văn bản khác")


def _reference(row: Issued) -> str:
    word = _kind_word(row.kind)
    if row.kind == "khac" or not row.reference:
        label = f"Văn bản {row.reference}".strip()
    else:
        label = f"{word[:1].upper()}{word[1:]} số {row.reference}"
    return link(text(label), detail_url("documents:detail", row.pk))


def list_url(ctx: Context, kind: str | None = None) -> str:
    return url(
        reverse("documents:list"), area=ctx.area.pk, year=ctx.end.year, kind=kind
    )


def write(ctx: Context, section: OutlineSection) -> str:
    rows = of_section(ctx, section)
    if not rows:
        return para(
            f"Trong kỳ (từ ngày {ctx.start:%d/%m/%Y} đến ngày {ctx.end:%d/%m/%Y})"
            " chưa có văn bản nào được vào sổ văn bản."
        )
    prefix = f"documents.{section.key}"
    counts = Counter(row.kind for row in rows)
    words = f"Ban hành {figure(len(rows), list_url(ctx), f'{prefix}.issued')} văn bản"
    named = [
        f"{figure(n, list_url(ctx, kind), f'{prefix}.kind.{kind}')} {_kind_word(kind)}"
        for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if kind != "khac"
    ]
    if named and (len(counts) > 1 or "khac" in counts):
        words += ", trong đó " + ", ".join(named)
    # The unit's own documents first, then those of the units below.
    shown = sorted(rows, key=lambda row: not row.own)[:SHOWN_REFERENCES]
    references = [_reference(row) for row in shown]
    listed = ", ".join(references)
    more = len(rows) - len(references)
    if more > 0:
        listed += f" và {number(more)} văn bản khác"
    sentence = f"{words} ({listed})."
    own = sum(1 for row in rows if row.own)
    if own and own < len(rows) and ctx.area_wide:
        level = LEVEL_VI.get(ctx.area.level, "cấp mình")
        href = list_url(ctx)
        below = len(rows) - own
        sentence += (
            f" Trong đó, {level} ban hành {figure(own, href, f'{prefix}.own')} văn"
            f" bản, các đơn vị cấp dưới {figure(below, href, f'{prefix}.below')}"
            " văn bản."
        )
    return para(sentence)
