"""Terms of Party committees and the numbering sequence of a document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.rules import may_edit, require
from danvan.common.text import normalize
from danvan.documents.exceptions import DocumentError
from danvan.documents.models import Document, Term
from danvan.documents.services.base import PARTY, is_party_body, save_unique
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from danvan.accounts.models import User


def term_for(body: Body, on: dt.date) -> Term | None:
    """The term of ``body`` on ``on``: its own terms, else its Party committee's.

    A board (Ban Dân vận) numbers within the term of the committee it serves;
    a committee's own superior committee has other congresses, so the search
    stops at the first committee.
    """
    current: Body | None = body
    while current is not None:
        terms = list(Term.objects.filter(body=current))
        if terms:
            return next((t for t in terms if t.contains(on)), None)
        if current.kind == Body.Kind.PARTY_COMMITTEE:
            return None
        current = current.parent
    return None


def _issuer_key(body: Body | None, area: Area, issuer_code: str) -> str:
    # Issuer codes repeat across the country (every Tỉnh ủy is "TU", every UBND
    # "UBND"): a body of the tree is the issuer; otherwise the code within the
    # register (area) that holds the document.
    if body is not None:
        return f"body:{body.pk}"
    return f"area:{area.pk}:{issuer_code.upper()}"


def sequence_for(
    *,
    grammar: str,
    type_code: str,
    issued_on: dt.date,
    area: Area,
    body: Body | None,
    issuer_code: str,
) -> tuple[str, Term | None]:
    """The numbering sequence of a document and, for a Party one, its term.

    A Party document whose term is not known (no issuing body of the tree, or
    no term entered for it) is checked within its year, so that numbers of two
    terms are never refused as duplicates; ``add_term`` moves such documents
    into the term once it is entered.
    """
    issuer = _issuer_key(body, area, issuer_code)
    code = type_code.upper()
    if grammar == PARTY:
        term = term_for(body, issued_on) if body is not None else None
        span = f"term:{term.pk}" if term else f"year:{issued_on.year}"
        return f"party|{issuer}|{code}|{span}", term
    return f"state|{issuer}|{code}|{issued_on.year}", None


@transaction.atomic
def add_term(
    *,
    actor: User,
    body: Body,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
) -> Term:
    """Enter a term of a Party committee and move its documents into it.

    Documents of the committee and its boards registered before the term was
    known were numbered per year (see ``sequence_for``); they now join the term's
    sequence, and two of them with one number refuse the term.
    """
    require(may_edit(actor, body), _("You may not enter terms of this body."))
    if not is_party_body(body):
        raise DocumentError(_("Only Party committees have terms."))
    if ends_on is not None and ends_on < starts_on:
        raise DocumentError(_("The end date is before the start date."))
    overlapping = Term.objects.filter(body=body).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise DocumentError(
            _("This term overlaps %(term)s.") % {"term": overlapping.first()}
        )
    with acting_as(actor):
        term = Term.objects.create(
            body=body, name=normalize(name), starts_on=starts_on, ends_on=ends_on
        )
    _rekey(
        Document.objects.filter(
            grammar=PARTY, issuer_body__isnull=False, issued_on__gte=starts_on
        ).filter(Q(issuer_body=body) | Q(issuer_body__parent=body))
    )
    return term


def _rekey(documents: Iterable[Document]) -> None:
    for document in documents:
        type_code = document.symbol.split("/")[0]
        key, term = sequence_for(
            grammar=document.grammar,
            type_code=type_code,
            issued_on=document.issued_on,
            area=document.area,
            body=document.issuer_body,
            issuer_code=document.symbol.split("/")[-1],
        )
        if key != document.sequence_key:
            document.sequence_key, document.term = key, term
            save_unique(document)
