"""Writes of the document register: registering, numbering, relations, reviews.

Numbering (domain guide §2.2): a Party document's number runs per type across
the issuing committee's term, congress to congress; a State document's per type
from 01 each calendar year. ``sequence_for`` names the sequence of a document
as a key; the database refuses a second document with the same key and number.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.symbols import PARTY_ISSUER_HINTS, Symbol, SymbolError, parse_symbol
from danvan.common.text import fold, normalize
from danvan.documents.exceptions import (
    DocumentError,
    DuplicateDocumentError,
    InvalidSymbolError,
    NumberingError,
    TermMissingError,
)
from danvan.documents.models import (
    Attachment,
    Document,
    DocumentRelation,
    NumberSequence,
    ReviewPoint,
    Term,
)
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

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


# --- terms and sequences ---------------------------------------------------------


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


# --- registering -------------------------------------------------------------------


def _party_rewritten(symbol: Symbol) -> Symbol:
    """ "217/QĐ-TW" (a Party symbol written the State way) as "217-QĐ/TW"."""
    if symbol.grammar == STATE and symbol.issuer.split("-")[0] in PARTY_ISSUER_HINTS:
        return Symbol(
            symbol.number, symbol.type_code, symbol.issuer, None, PARTY, symbol.warnings
        )
    return symbol


def _search_text(document: Document) -> str:
    name = VIETNAMESE_NAMES.get(document.kind, "")
    ref = document.reference
    parts = [
        document.title,
        f"{name} {ref}",
        f"{name} số {ref}",
        document.issuer_name,
        document.issuer_body.name if document.issuer_body_id else "",
        document.signer_name,
    ]
    return fold(" | ".join(p for p in parts if p))


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


def _refuse_duplicate(document: Document) -> None:
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


def _save_unique(document: Document) -> None:
    """Save, turning a lost race on the unique number into a clear refusal."""
    _refuse_duplicate(document)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        _refuse_duplicate(document)
        raise


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
    document.search_text = _search_text(document)


@transaction.atomic
def register_document(
    *,
    actor: User | None,
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
        _save_unique(document)
    return document


@transaction.atomic
def update_document(
    *,
    actor: User | None,
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
        _save_unique(document)
    return document


# --- numbering the office's own documents -------------------------------------------


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
    actor: User | None,
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
                document.search_text = _search_text(document)
                with acting_as(actor):
                    document.save()
                return document
        except IntegrityError:
            continue
    raise NumberingError(
        _("No number could be taken for %(body)s; try again.") % {"body": body}
    )


# --- terms ----------------------------------------------------------------------------


@transaction.atomic
def add_term(
    *,
    actor: User | None,
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
            _save_unique(document)


# --- relations and reviews ------------------------------------------------------------

_STATUS_AFTER = {
    DocumentRelation.Kind.REPLACES: Document.Status.REPLACED,
    DocumentRelation.Kind.AMENDS: Document.Status.AMENDED,
}


@transaction.atomic
def relate_documents(
    *,
    actor: User | None,
    source: Document,
    target: Document,
    kind: str,
    note: str = "",
) -> DocumentRelation:
    """Record that ``source`` implements, replaces, amends or reviews ``target``.

    A replaced or amended document changes status; a review closes the
    target's earliest open review point due within a year of it.
    """
    kind = DocumentRelation.Kind(kind)
    if source.pk == target.pk:
        raise DocumentError(_("A document cannot refer to itself."))
    if DocumentRelation.objects.filter(
        source=source, target=target, kind=kind
    ).exists():
        raise DocumentError(_("This relation is already recorded."))
    if kind == DocumentRelation.Kind.IMPLEMENTS and target.pk in _implementing_ids(
        source
    ):
        raise DocumentError(
            _("%(target)s already implements %(source)s.")
            % {"target": target, "source": source}
        )
    with acting_as(actor):
        relation = DocumentRelation.objects.create(
            source=source, target=target, kind=kind, note=normalize(note)
        )
        status = _STATUS_AFTER.get(kind)
        if status is not None and (
            kind == DocumentRelation.Kind.REPLACES
            or target.status == Document.Status.IN_FORCE
        ):
            target.status = status
            target.save(update_fields=["status"])
        if kind == DocumentRelation.Kind.REVIEWS:
            limit = _add_years(source.issued_on, 1)
            point = (
                target.review_points.open()
                .filter(due_on__lte=limit)
                .order_by("due_on")
                .first()
            )
            if point is not None:
                point.done_by_document = source
                point.done_on = source.issued_on
                point.save(update_fields=["done_by_document", "done_on"])
    return relation


@transaction.atomic
def unrelate_documents(*, actor: User | None, relation: DocumentRelation) -> None:
    """Remove a relation (the target's status is left as it is)."""
    with acting_as(actor):
        relation.delete()


def _implementing_ids(document: Document) -> set[int]:
    """Ids of every document implementing ``document``, at any depth."""
    seen: set[int] = set()
    frontier = {document.pk}
    while frontier:
        below = set(
            DocumentRelation.objects.filter(
                kind=DocumentRelation.Kind.IMPLEMENTS, target_id__in=frontier
            ).values_list("source_id", flat=True)
        )
        frontier = below - seen - {document.pk}
        seen |= frontier
    return seen


def _add_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


@transaction.atomic
def add_review_point(
    *,
    actor: User | None,
    document: Document,
    kind: str,
    after_years: int | None = None,
    due_on: dt.date | None = None,
    label: str = "",
) -> ReviewPoint:
    """Schedule a review of ``document``: after N years of its issue, or on a date."""
    if after_years is None and due_on is None:
        raise DocumentError(_("Give the number of years or the date of the review."))
    if due_on is None:
        due_on = _add_years(document.issued_on, after_years or 0)
    with acting_as(actor):
        return ReviewPoint.objects.create(
            document=document,
            kind=ReviewPoint.Kind(kind),
            after_years=after_years,
            due_on=due_on,
            label=normalize(label),
        )


@transaction.atomic
def complete_review_point(
    *,
    actor: User | None,
    point: ReviewPoint,
    done_on: dt.date,
    document: Document | None = None,
) -> ReviewPoint:
    """Mark a review as held, by ``document`` (the review report) when known."""
    point.done_on = done_on
    point.done_by_document = document
    with acting_as(actor):
        point.save(update_fields=["done_on", "done_by_document"])
    return point


# --- attachments ----------------------------------------------------------------------


@transaction.atomic
def attach_file(
    *, actor: User | None, document: Document, upload: UploadedFile
) -> Attachment:
    """Keep an uploaded file of ``document`` as it is; the same file twice is one."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha = digest.hexdigest()
    existing = document.attachments.filter(sha256=sha).first()
    if existing is not None:
        return existing
    upload.seek(0)
    attachment = Attachment(
        document=document,
        original_name=(upload.name or "file").rsplit("/", 1)[-1][:255],
        sha256=sha,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    with acting_as(actor):
        attachment.save()
    return attachment


def attach_bytes(
    *, actor: User | None, document: Document, name: str, content: bytes
) -> Attachment:
    """``attach_file`` for bytes produced by the program (a generated DOCX)."""
    upload = ContentFile(content, name=name)
    return attach_file(actor=actor, document=document, upload=upload)  # type: ignore[arg-type]
