"""Kinds of documents, their Vietnamese names and type codes; saving a unique number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.common.actors import is_system
from danvan.common.symbols import Symbol
from danvan.common.text import fold
from danvan.documents.exceptions import DocumentError, DuplicateDocumentError
from danvan.documents.models import Document
from danvan.units.models import Body

if TYPE_CHECKING:
    from danvan.accounts.models import User


Kind = Document.Kind
PARTY = Document.Grammar.PARTY
STATE = Document.Grammar.STATE
PARTY_BODY_KINDS = frozenset({Body.Kind.PARTY_COMMITTEE, Body.Kind.PARTY_BOARD})

# The Vietnamese name of each kind, as in common.symbols.TYPE_CODES and on paper.
VIETNAMESE_NAMES: dict[str, str] = {
    Kind.RESOLUTION: "Nghị quyết",
    Kind.DIRECTIVE: "Chỉ thị",
    Kind.CONCLUSION: "Kết luận",
    Kind.DECISION: "Quyết định",
    Kind.REGULATION: "Quy định",
    Kind.PLAN: "Kế hoạch",
    Kind.ACTION_PROGRAMME: "Chương trình hành động",
    Kind.PROGRAMME: "Chương trình",
    Kind.NOTICE: "Thông báo",
    Kind.GUIDANCE: "Hướng dẫn",
    Kind.SCHEME: "Đề án",
    Kind.REPORT: "Báo cáo",
    Kind.LETTER: "Công văn",
    Kind.SUBMISSION: "Tờ trình",
    Kind.RULES: "Quy chế",
    Kind.LAW: "Luật",
    Kind.DECREE: "Nghị định",
    Kind.CIRCULAR: "Thông tư",
    Kind.MINUTES: "Biên bản",
    Kind.OTHER: "Văn bản",
}
_KIND_BY_NAME = {fold(name): kind for kind, name in VIETNAMESE_NAMES.items()}

# Type codes a body writes on its own documents: (Party, State), domain guide
# §2.3. Party Quy định are "QĐ" again since 399-QĐ/TW; a State công văn has no
# code ("125/UBND"); laws and "other" are not numbered here.
OWN_TYPE_CODES: dict[str, tuple[str, str]] = {
    Kind.RESOLUTION: ("NQ", "NQ"),
    Kind.DIRECTIVE: ("CT", "CT"),
    Kind.CONCLUSION: ("KL", "KL"),
    Kind.DECISION: ("QĐ", "QĐ"),
    Kind.REGULATION: ("QĐ", "QyĐ"),
    Kind.PLAN: ("KH", "KH"),
    Kind.ACTION_PROGRAMME: ("CTr", "CTr"),
    Kind.PROGRAMME: ("CTr", "CTr"),
    Kind.NOTICE: ("TB", "TB"),
    Kind.GUIDANCE: ("HD", "HD"),
    Kind.SCHEME: ("ĐA", "ĐA"),
    Kind.REPORT: ("BC", "BC"),
    Kind.LETTER: ("CV", ""),
    Kind.SUBMISSION: ("TTr", "TTr"),
    Kind.RULES: ("QC", "QC"),
    Kind.DECREE: ("", "NĐ"),
    Kind.CIRCULAR: ("", "TT"),
    Kind.MINUTES: ("BB", "BB"),
}


def coerce_kind(kind: str) -> Document.Kind:
    """A kind from its value ("thong_bao"), or its Vietnamese name ("Thông báo")."""
    if kind in Kind.values:
        return Kind(kind)
    found = _KIND_BY_NAME.get(fold(str(kind)))
    if found is None:
        raise DocumentError(_("Unknown kind of document: %(kind)s.") % {"kind": kind})
    return Kind(found)


def kind_of_symbol(symbol: Symbol) -> Document.Kind | None:
    name = symbol.kind
    return (
        Kind(_KIND_BY_NAME[fold(name)])
        if name and fold(name) in _KIND_BY_NAME
        else None
    )


def is_party_body(body: Body) -> bool:
    return body.kind in PARTY_BODY_KINDS


def search_text_of(document: Document) -> str:
    name = VIETNAMESE_NAMES.get(document.kind, "")
    ref = document.reference
    parts = [
        document.title,
        f"{name} {ref}",
        f"{name} số {ref}",
        document.issuer_name,
        document.issuer_body.name  # type: ignore[union-attr]  # issuer_body_id is set
        if document.issuer_body_id
        else "",
        document.signer_name,
    ]
    return fold(" | ".join(p for p in parts if p))


def refuse_duplicate(document: Document) -> None:
    if document.sequence_key:
        existing = (
            Document.objects.filter(
                sequence_key=document.sequence_key,
                number_value=document.number_value,
            )
            .exclude(pk=document.pk)
            .first()
        )
    else:
        # Unparsed symbols have no sequence: the same text, date and register.
        existing = (
            Document.objects.filter(
                sequence_key="",
                area=document.area,
                symbol__iexact=document.symbol,
                issued_on=document.issued_on,
            )
            .exclude(pk=document.pk)
            .first()
        )
    if existing is not None:
        raise DuplicateDocumentError(existing)


def save_unique(document: Document) -> None:
    """Save, turning a lost race on the unique number into a clear refusal."""
    refuse_duplicate(document)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        refuse_duplicate(document)
        raise


def may_see(actor: User, document: Document) -> bool:
    """May ``actor`` name ``document`` (in a relation, as a review's report)?

    A document is read beyond its register (up the tree, through what
    implements it), so the scoped QuerySet answers, not the register's area.
    """
    if is_system(actor):
        return True
    return Document.objects.visible_to(actor).filter(pk=document.pk).exists()
