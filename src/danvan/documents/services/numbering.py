"""Numbering and issuing the office's own documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.rules import may_issue, require
from danvan.common.text import normalize
from danvan.documents.exceptions import DocumentError, NumberingError, TermMissingError
from danvan.documents.models import Document, NumberSequence, Term
from danvan.documents.services.base import (
    OWN_TYPE_CODES,
    PARTY,
    STATE,
    Kind,
    coerce_kind,
    is_party_body,
    search_text_of,
)
from danvan.documents.services.terms import term_for
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from danvan.accounts.models import User


@dataclass(frozen=True)
class Proposal:
    """The next number of a sequence, as it would be written."""

    number: int
    number_text: str
    symbol: str
    grammar: str
    sequence_key: str
    term: Term | None

    @property
    def reference(self) -> str:
        separator = "-" if self.grammar == PARTY else "/"
        return f"{self.number_text}{separator}{self.symbol}"


@dataclass(frozen=True)
class _OwnSequence:
    grammar: str
    symbol: str
    key: str
    term: Term | None


def _own_sequence(body: Body, kind: Document.Kind, on: dt.date) -> _OwnSequence:
    abbreviation = body.abbreviation.strip()
    if not abbreviation:
        raise NumberingError(
            _(
                "%(body)s has no issuer code (such as TU, HU, ĐU, UBND): enter it "
                "before numbering its documents."
            )
            % {"body": body}
        )
    party = is_party_body(body)
    codes = OWN_TYPE_CODES.get(kind)
    code = None if codes is None else codes[0 if party else 1]
    if code is None or (party and not code):
        raise NumberingError(
            _("A %(kind)s is not numbered by %(body)s.")
            % {"kind": Kind(kind).label, "body": body}
        )
    if party:
        term = term_for(body, on)
        if term is None:
            raise TermMissingError(
                _(
                    "No term of %(body)s contains %(date)s: enter the term (khóa, "
                    "nhiệm kỳ) of its Party committee before numbering, since Party "
                    "documents are numbered per term."
                )
                % {"body": body, "date": date_format(on, "d/m/Y")}
            )
        return _OwnSequence(
            PARTY,
            f"{code}/{abbreviation}",
            f"party|body:{body.pk}|{code.upper()}|term:{term.pk}",
            term,
        )
    symbol = f"{code}-{abbreviation}" if code else abbreviation
    key = f"state|body:{body.pk}|{(code or 'CV').upper()}|{on.year}"
    return _OwnSequence(STATE, symbol, key, None)


def _last_taken(key: str) -> int:
    counter = NumberSequence.objects.filter(key=key).values_list(
        "last_number", flat=True
    )
    registered = Document.objects.filter(sequence_key=key).aggregate(
        top=Max("number_value")
    )["top"]
    return max([*counter, registered or 0])


def propose_number(*, body: Body, kind: str, on: dt.date) -> Proposal:
    """The number ``body``'s next ``kind`` issued on ``on`` would get.

    Only a proposal: ``issue_document`` takes the number when it saves.
    """
    kind = coerce_kind(kind)
    sequence = _own_sequence(body, kind, on)
    number = _last_taken(sequence.key) + 1
    return Proposal(
        number,
        f"{number:02d}",
        sequence.symbol,
        sequence.grammar,
        sequence.key,
        sequence.term,
    )


@transaction.atomic
def issue_document(
    *,
    actor: User,
    body: Body,
    kind: str,
    title: str,
    issued_on: dt.date,
    area: Area,
    signer_name: str = "",
    summary: str = "",
) -> Document:
    """Number and register a document ``body`` issues itself.

    The next number of the sequence (per term for a Party body, per calendar
    year for a State one) is taken under a row lock on the sequence's counter,
    so two users saving at the same moment get two numbers; the unique
    constraint on the register is the last guard, with a retry.
    """
    require(
        may_issue(actor, body=body, area=area),
        _("You may not issue documents of this body."),
    )
    kind = coerce_kind(kind)
    sequence = _own_sequence(body, kind, issued_on)
    title = normalize(title)
    if not title:
        raise DocumentError(_("Enter the title (subject) of the document."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                counter, _created = (
                    NumberSequence.objects.select_for_update().get_or_create(
                        key=sequence.key
                    )
                )
                number = _last_taken(sequence.key) + 1
                counter.last_number = number
                counter.save(update_fields=["last_number"])
                document = Document(
                    kind=kind,
                    number=f"{number:02d}",
                    number_value=number,
                    symbol=sequence.symbol,
                    grammar=sequence.grammar,
                    issuer_body=body,
                    issuer_name=body.name,
                    issued_on=issued_on,
                    title=title,
                    summary=summary,
                    signer_name=signer_name,
                    area=area,
                    term=sequence.term,
                    issued_here=True,
                    created_by=actor,
                    sequence_key=sequence.key,
                )
                document.search_text = search_text_of(document)
                with acting_as(actor):
                    document.save()
                return document
        except IntegrityError:
            continue
    raise NumberingError(
        _("No number could be taken for %(body)s; try again.") % {"body": body}
    )
