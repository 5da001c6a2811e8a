"""Entering documents in the register and changing them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.rules import may_edit, require
from danvan.common.symbols import PARTY_ISSUER_HINTS, Symbol, SymbolError, parse_symbol
from danvan.common.text import fold, normalize
from danvan.documents.exceptions import DocumentError, InvalidSymbolError
from danvan.documents.models import Document
from danvan.documents.services.base import (
    PARTY,
    STATE,
    coerce_kind,
    kind_of_symbol,
    save_unique,
    search_text_of,
)
from danvan.documents.services.terms import sequence_for
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from danvan.accounts.models import User


def _party_rewritten(symbol: Symbol) -> Symbol:
    """ "217/QĐ-TW" (a Party symbol written the State way) as "217-QĐ/TW"."""
    if symbol.grammar == STATE and symbol.issuer.split("-")[0] in PARTY_ISSUER_HINTS:
        return Symbol(
            symbol.number, symbol.type_code, symbol.issuer, None, PARTY, symbol.warnings
        )
    return symbol


@dataclass
class _Parsed:
    number: str
    number_value: int | None
    symbol: str
    grammar: str
    type_code: str
    issuer_code: str
    warnings: list[str]
    kind: Document.Kind | None


def _parse(
    text: str, *, accept_warning: bool, body: Body | None, issued_on: dt.date
) -> _Parsed:
    text = normalize(text or "")
    try:
        symbol = _party_rewritten(parse_symbol(text))
    except SymbolError as error:
        if not accept_warning or not text:
            raise InvalidSymbolError(str(error)) from error
        return _Parsed("", None, text, "", "", "", [str(error)], None)
    warnings = list(symbol.warnings)
    if symbol.year and symbol.year != issued_on.year:
        warnings.append(
            _("The year in the symbol (%(year)s) is not the year of issue.")
            % {"year": symbol.year}
        )
    issuer_code = symbol.issuer
    if symbol.grammar == STATE and not symbol.kind:
        # A State công văn: "125/UBND-VP" names the issuer, then the drafting unit.
        issuer_code = symbol.type_code
    if body is not None and body.abbreviation:
        head = issuer_code.split("-")[0]
        if fold(head) != fold(body.abbreviation):
            warnings.append(
                _(
                    "The issuer code in the symbol (%(code)s) differs from that of "
                    "%(body)s (%(abbreviation)s)."
                )
                % {"code": head, "body": body, "abbreviation": body.abbreviation}
            )
    return _Parsed(
        number=symbol.number,
        number_value=symbol.number_value,
        symbol=symbol.symbol,
        grammar=symbol.grammar,
        type_code=symbol.type_code if symbol.kind or symbol.grammar == PARTY else "CV",
        issuer_code=issuer_code,
        warnings=warnings,
        kind=kind_of_symbol(symbol),
    )


_FIELDS = (
    "title",
    "summary",
    "issuer_name",
    "signer_name",
    "signer",
    "valid_from",
    "valid_to",
    "status",
)


def _fill(
    document: Document,
    *,
    symbol_text: str,
    accept_warning: bool,
    kind: str | None,
    issuer_body: Body | None,
    issued_on: dt.date,
    area: Area,
    fields: dict[str, Any],
) -> None:
    parsed = _parse(
        symbol_text,
        accept_warning=accept_warning,
        body=issuer_body,
        issued_on=issued_on,
    )
    chosen = coerce_kind(kind) if kind else parsed.kind
    if chosen is None:
        raise DocumentError(
            _("Choose the kind of document: the symbol does not tell it.")
        )
    document.kind = chosen
    document.number = parsed.number
    document.number_value = parsed.number_value
    document.symbol = parsed.symbol
    document.grammar = parsed.grammar
    document.symbol_warning = "\n".join(parsed.warnings)
    document.issuer_body = issuer_body
    document.issued_on = issued_on
    document.area = area
    for name, value in fields.items():
        if name not in _FIELDS:
            raise TypeError(f"unexpected field {name!r}")
        setattr(document, name, value)
    if issuer_body is not None and not document.issuer_name:
        document.issuer_name = issuer_body.name
    if document.signer is not None and not document.signer_name:
        document.signer_name = document.signer.full_name
    document.title = normalize(document.title)
    if not document.title:
        raise DocumentError(_("Enter the title (subject) of the document."))
    if parsed.grammar:
        document.sequence_key, document.term = sequence_for(
            grammar=parsed.grammar,
            type_code=parsed.type_code,
            issued_on=issued_on,
            area=area,
            body=issuer_body,
            issuer_code=parsed.issuer_code,
        )
    else:
        document.sequence_key, document.term = "", None
    document.search_text = search_text_of(document)


@transaction.atomic
def register_document(
    *,
    actor: User,
    area: Area,
    symbol_text: str,
    issued_on: dt.date,
    title: str,
    kind: str | None = None,
    issuer_body: Body | None = None,
    accept_warning: bool = False,
    **fields: Any,
) -> Document:
    """Enter a document in the register of ``area``.

    ``symbol_text`` is the number and symbol as written ("106-KH/HU",
    "Số: 70/KH-UBND"). One that does not parse is entered only with
    ``accept_warning``, its warning kept on the record; a number already taken
    in its sequence raises ``DuplicateDocumentError`` naming the document that
    has it. Other ``fields``: summary, issuer_name, signer_name, signer,
    valid_from, valid_to, status.
    """
    require(may_edit(actor, area), _("You may not write to this register."))
    document = Document(created_by=actor)
    _fill(
        document,
        symbol_text=symbol_text,
        accept_warning=accept_warning,
        kind=kind,
        issuer_body=issuer_body,
        issued_on=issued_on,
        area=area,
        fields={"title": title, **fields},
    )
    with acting_as(actor):
        save_unique(document)
    return document


@transaction.atomic
def update_document(
    *,
    actor: User,
    document: Document,
    area: Area,
    symbol_text: str,
    issued_on: dt.date,
    title: str,
    kind: str | None = None,
    issuer_body: Body | None = None,
    accept_warning: bool = False,
    **fields: Any,
) -> Document:
    """Change a registered document; the same checks as ``register_document``."""
    require(may_edit(actor, document), _("You may not change this document."))
    require(may_edit(actor, area), _("You may not write to this register."))
    _fill(
        document,
        symbol_text=symbol_text,
        accept_warning=accept_warning,
        kind=kind,
        issuer_body=issuer_body,
        issued_on=issued_on,
        area=area,
        fields={"title": title, **fields},
    )
    with acting_as(actor):
        save_unique(document)
    return document
