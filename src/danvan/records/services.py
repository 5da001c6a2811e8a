"""Confirmed facts of a text becoming records, one click each.

- A document reference becomes an entry of the register of the text's area,
  or links to the entry that exists already with the same kind, number and
  symbol.
- The meeting becomes a meeting of the body that convened it, with its period
  resolved to dates, or links to that body's meeting of the same kind that day.
- A person becomes a person of the text's area, or links to the person of that
  name within the area (and what was inside it); with several, the user chooses.
- A figure becomes a reported value (``datasets``) of a body of the text's
  area for a period, on the form in use that carries the indicator chosen,
  saved through ``datasets.services.values.save_value`` (its checks and
  locks) with the text as its source.

Every record made or linked this way keeps a ``RecordLink`` back to the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common import tree
from danvan.common.rules import may_edit, require
from danvan.common.symbols import SymbolError, parse_symbol
from danvan.common.text import fold
from danvan.documents import services as documents
from danvan.documents.exceptions import DocumentError, DuplicateDocumentError
from danvan.documents.models import Document
from danvan.ingestion.models import Source
from danvan.meetings import periods
from danvan.meetings.models import KIND_VI, Meeting
from danvan.meetings.services import meetings
from danvan.records import meeting_text
from danvan.records.models import RecordLink
from danvan.units import services as units
from danvan.units.lineage import lineage_paths
from danvan.units.models import Body, Person

MEETING_KINDS = {
    "giao ban": Meeting.Kind.BRIEFING,
    "sơ kết": Meeting.Kind.INTERIM_REVIEW,
    "tổng kết": Meeting.Kind.FINAL_REVIEW,
    "tập huấn": Meeting.Kind.TRAINING,
    "đối thoại": Meeting.Kind.DIALOGUE,
    "khác": Meeting.Kind.OTHER,
}


class RecordError(Exception):
    """A fact cannot become a record; the message says what to do."""


class AmbiguousPersonError(RecordError):
    """Several people of the area have that name: the user chooses one."""

    def __init__(self, candidates: list[Person]) -> None:
        super().__init__(_("Several people have this name: choose one."))
        self.candidates = candidates


@dataclass
class Outcome:
    link: RecordLink
    # None when a linked record was deleted since (a generic relation does not cascade).
    record: models.Model | None
    created: bool


def confirmed_facts(source: Source) -> dict[str, Any]:
    if not source.confirmed_facts:
        raise RecordError(_("Confirm the facts of this text first."))
    facts: dict[str, Any] = source.confirmed_facts
    return facts


def _check(actor: User, source: Source) -> None:
    require(may_edit(actor, source), _("You may not make records from this text."))


def _existing(source: Source, fact: str, index: int) -> RecordLink | None:
    return RecordLink.objects.filter(source=source, fact=fact, index=index).first()


def _link(
    *,
    actor: User,
    source: Source,
    fact: str,
    index: int,
    record: models.Model,
    created: bool,
) -> Outcome:
    link = RecordLink.objects.create(
        source=source,
        fact=fact,
        index=index,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        created=created,
        created_by=actor,
    )
    return Outcome(link, record, created)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def symbol_text(ref: dict[str, Any]) -> str:
    """The number and symbol as one text: "106-KH/HU", "30/2020/NĐ-CP", "05"."""
    number, symbol = (
        str(ref.get("number") or "").strip(),
        (ref.get("symbol") or "").strip(),
    )
    if not symbol:
        return number
    state = re.match(r"^(?:19|20)\d\d/", symbol) or "/" not in symbol
    return f"{number}{'/' if state else '-'}{symbol}"


def _find_document(actor: User, kind: Document.Kind, text: str) -> Document | None:
    visible = Document.objects.visible_to(actor).filter(kind=kind)
    try:
        parsed = parse_symbol(text)
    except SymbolError:
        return visible.filter(number="", symbol__iexact=text).first()
    return visible.filter(
        number_value=parsed.number_value, symbol__iexact=parsed.symbol
    ).first()


@transaction.atomic
def record_document(
    *, actor: User, source: Source, index: int, issued_on: dt.date | None = None
) -> Outcome:
    """Make the ``index``-th document reference a register entry, or link it."""
    _check(actor, source)
    found = _existing(source, RecordLink.Fact.DOC_REF, index)
    if found:
        return Outcome(found, found.record, False)
    refs = confirmed_facts(source).get("doc_refs") or []
    if not 0 <= index < len(refs):
        raise RecordError(_("This text has no such document reference."))
    ref = refs[index]
    try:
        kind = documents.coerce_kind(ref.get("kind") or "")
    except DocumentError as exc:
        raise RecordError(str(exc)) from exc
    text = symbol_text(ref)
    existing = _find_document(actor, kind, text)
    if existing is not None:
        return _link(
            actor=actor,
            source=source,
            fact=RecordLink.Fact.DOC_REF,
            index=index,
            record=existing,
            created=False,
        )
    date = _date(ref.get("date")) or issued_on
    if date is None:
        raise RecordError(
            _("The text gives no date of issue: enter it to register the document.")
        )
    name = ref.get("kind") or kind.label
    try:
        document = documents.register_document(
            actor=actor,
            area=source.area,
            symbol_text=text,
            issued_on=date,
            title=f"{name} {text}",
            kind=kind,
            issuer_name=ref.get("issuer") or "",
            accept_warning=True,
            summary=_("Registered from the text “%(title)s”.")
            % {"title": source.title},
        )
    except DuplicateDocumentError as exc:
        if not Document.objects.visible_to(actor).filter(pk=exc.existing.pk).exists():
            raise RecordError(
                _("Another unit's register already has this number and symbol.")
            ) from exc
        return _link(
            actor=actor,
            source=source,
            fact=RecordLink.Fact.DOC_REF,
            index=index,
            record=exc.existing,
            created=False,
        )
    except DocumentError as exc:
        raise RecordError(str(exc)) from exc
    return _link(
        actor=actor,
        source=source,
        fact=RecordLink.Fact.DOC_REF,
        index=index,
        record=document,
        created=True,
    )


def _period_fields(period: dict[str, str] | None) -> dict[str, Any]:
    """The meeting's period fields for a reviewed period given as two dates."""
    start, end = _date((period or {}).get("start")), _date((period or {}).get("end"))
    if not (start and end):
        return {}
    last_day = (end + dt.timedelta(days=1)).day == 1
    if start.month == 1 and start.day == 1 and last_day and start.year == end.year:
        kind = {
            4: periods.FOUR_MONTHS,
            6: periods.SIX_MONTHS,
            9: periods.NINE_MONTHS,
            12: periods.YEAR,
        }.get(end.month)
        if kind:
            return {"period_type": kind, "period_year": start.year}
    if start.day == 1 and last_day and start.year == end.year:
        months = end.month - start.month + 1
        if months == 1:
            return {
                "period_type": periods.MONTH,
                "period_year": start.year,
                "period_number": start.month,
            }
        if months == 3 and start.month in (1, 4, 7, 10):
            return {
                "period_type": periods.QUARTER,
                "period_year": start.year,
                "period_number": (start.month + 2) // 3,
            }
    return {"period_type": periods.CUSTOM, "period_start": start, "period_end": end}


def _lineage(source: Source) -> list[str]:
    """The paths of the text's area and its past, walked once per text object."""
    paths: list[str] | None = source.__dict__.get("_danvan_lineage")
    if paths is None:
        paths = source.__dict__["_danvan_lineage"] = lineage_paths([source.area.path])
    return list(paths)


def convening_bodies(actor: User, source: Source, on: dt.date | None) -> list[Body]:
    """Bodies that may have convened the text's meeting: those of its area."""
    paths = _lineage(source) + tree.ancestor_paths(source.area.path)
    bodies = Body.objects.visible_to(actor).filter(
        tree.subtree_q(paths, field="area__path")
    )
    if on:
        bodies = bodies.in_force(on)
    return list(bodies.select_related("area").order_by("area__path", "path")[:50])


def meeting_date(source: Source) -> dt.date | None:
    """The date the confirmed facts give the text's meeting."""
    fact = (source.confirmed_facts or {}).get("meeting") or {}
    return _date(fact.get("date"))


def default_convening_body(
    actor: User, source: Source, bodies: list[Body] | None = None
) -> Body | None:
    """The body the text says organised its meeting, if one of ``bodies`` only."""
    if bodies is None:
        fact = confirmed_facts(source).get("meeting") or {}
        bodies = convening_bodies(actor, source, _date(fact.get("date")))
    phrase = meeting_text.organiser_phrase(source.text)
    named = [b for b in bodies if meeting_text.matches_organiser(phrase, b.name)]
    return named[0] if len(named) == 1 else None


def meeting_title(
    kind: str, body: Body, period: dict[str, Any], held_on: dt.date
) -> str:
    """ "Hội nghị giao ban 9 tháng đầu năm 2018 của Huyện ủy Kim Sơn"."""
    words = ["Hội nghị"]
    if KIND_VI.get(Meeting.Kind(kind)):
        words.append(KIND_VI[Meeting.Kind(kind)])
    label = periods.period_label(
        period.get("period_type", ""),
        period.get("period_year"),
        period.get("period_number"),
        start=period.get("period_start"),
        end=period.get("period_end"),
    )
    words.append(label or f"ngày {held_on:%d/%m/%Y}")
    return f"{' '.join(words)} của {body.name}"


@dataclass
class MeetingProposal:
    """What the records panel proposes for the text's meeting, editable there."""

    body: Body | None
    bodies: list[Body]
    held_on: dt.date | None
    title: str
    chair: dict[str, str] | None
    conclusions: list[str]


def propose_meeting(actor: User, source: Source) -> MeetingProposal:
    """The organiser, title, chair and conclusions the text gives its meeting."""
    facts = confirmed_facts(source)
    fact = facts.get("meeting") or {}
    held_on = _date(fact.get("date"))
    bodies = convening_bodies(actor, source, held_on)
    body = default_convening_body(actor, source, bodies)
    title = ""
    if body is not None and held_on is not None and fact.get("kind"):
        kind = MEETING_KINDS.get(fact["kind"], Meeting.Kind.OTHER)
        title = meeting_title(kind, body, _period_fields(facts.get("period")), held_on)
    people = facts.get("people") or []
    index = meeting_text.chair_index(source.text, people)
    return MeetingProposal(
        body=body,
        bodies=bodies,
        held_on=held_on,
        title=title,
        chair=people[index] if index is not None else None,
        conclusions=meeting_text.conclusions(source.text),
    )


def _chair(actor: User, source: Source) -> tuple[Person | None, str]:
    """The chair named by the text, as a person of the area, and as written.

    The person made or linked the way ``record_person`` does; with several
    people of that name none is chosen, and the name as written stays.
    """
    people = confirmed_facts(source).get("people") or []
    index = meeting_text.chair_index(source.text, people)
    if index is None:
        return None, ""
    fact = people[index]
    written = ", ".join(p for p in (fact.get("name"), fact.get("position")) if p)
    try:
        outcome = record_person(actor=actor, source=source, index=index)
    except AmbiguousPersonError:
        return None, written
    person = outcome.record if may_see(actor, outcome.record) else None
    return person, written  # type: ignore[return-value]


@transaction.atomic
def record_meeting(
    *,
    actor: User,
    source: Source,
    convening_body: Body,
    held_on: dt.date | None = None,
    title: str = "",
    conclusions: list[str] | None = None,
) -> Outcome:
    """Make the text's meeting a meeting of ``convening_body``, or link it.

    The title is built from the kind, period and body unless given; the chair
    is the person the text says chaired; the conclusions are those given, else
    those the text states. The headline stays the title of the text.
    """
    _check(actor, source)
    found = _existing(source, RecordLink.Fact.MEETING, 0)
    if found:
        return Outcome(found, found.record, False)
    facts = confirmed_facts(source)
    fact = facts.get("meeting") or {}
    if not fact.get("kind"):
        raise RecordError(_("The confirmed facts name no meeting."))
    date = _date(fact.get("date")) or held_on
    if date is None:
        raise RecordError(_("The text gives no date for the meeting: enter it."))
    kind = MEETING_KINDS.get(fact["kind"], Meeting.Kind.OTHER)
    existing = (
        Meeting.objects.visible_to(actor)
        .filter(convening_body=convening_body, held_on=date, kind=kind)
        .first()
    )
    if existing is not None:
        return _link(
            actor=actor,
            source=source,
            fact=RecordLink.Fact.MEETING,
            index=0,
            record=existing,
            created=False,
        )
    period = _period_fields(facts.get("period"))
    if conclusions is None:
        conclusions = meeting_text.conclusions(source.text)
    chair, chair_name = _chair(actor, source)
    try:
        meeting = meetings.create_meeting(
            actor=actor,
            convening_body=convening_body,
            kind=kind,
            title=title or meeting_title(kind, convening_body, period, date),
            held_on=date,
            chair=chair,
            chair_name=chair_name,
            **period,
        )
        for text in conclusions:
            if text.strip():
                meetings.add_conclusion(actor=actor, meeting=meeting, text=text)
    except ValidationError as exc:
        raise RecordError(" ".join(exc.messages)) from exc
    return _link(
        actor=actor,
        source=source,
        fact=RecordLink.Fact.MEETING,
        index=0,
        record=meeting,
        created=True,
    )


def person_candidates(actor: User, source: Source, name: str) -> list[Person]:
    """People of that name in the text's area and what is or was inside it."""
    return people_candidates(actor, source, [name])[fold(name)]


def people_candidates(
    actor: User, source: Source, names: list[str]
) -> dict[str, list[Person]]:
    """``person_candidates`` of every name at once, by folded name: two queries."""
    keys = {fold(name) for name in names}
    found: dict[str, list[Person]] = {key: [] for key in keys}
    if not keys:
        return found
    paths = _lineage(source)
    for person in (
        Person.objects.visible_to(actor)
        .filter(tree.subtree_q(paths, field="area__path"), search_name__in=keys)
        .select_related("area")
    ):
        found[person.search_name].append(person)
    return found


@transaction.atomic
def record_person(
    *, actor: User, source: Source, index: int, person: Person | None = None
) -> Outcome:
    """Make the ``index``-th person a person of the unit tree, or link them."""
    _check(actor, source)
    found = _existing(source, RecordLink.Fact.PERSON, index)
    if found:
        return Outcome(found, found.record, False)
    people = confirmed_facts(source).get("people") or []
    if not 0 <= index < len(people):
        raise RecordError(_("This text has no such person."))
    fact = people[index]
    candidates = person_candidates(actor, source, fact.get("name") or "")
    if person is not None:
        if person not in candidates:
            raise RecordError(_("Choose one of the people listed."))
        chosen = person
    elif len(candidates) == 1:
        chosen = candidates[0]
    elif len(candidates) > 1:
        raise AmbiguousPersonError(candidates)
    else:
        note = ""
        if fact.get("position"):
            note = _("Position in “%(title)s”: %(position)s") % {
                "title": source.title,
                "position": fact["position"],
            }
        created = units.create_person(
            actor=actor, full_name=fact.get("name") or "", area=source.area, note=note
        )
        return _link(
            actor=actor,
            source=source,
            fact=RecordLink.Fact.PERSON,
            index=index,
            record=created,
            created=True,
        )
    return _link(
        actor=actor,
        source=source,
        fact=RecordLink.Fact.PERSON,
        index=index,
        record=chosen,
        created=False,
    )


def may_see(user: User, record: models.Model | None) -> bool:
    """Whether ``user`` may see ``record`` (a document, meeting or person)."""
    if record is None:
        return False
    return record in seen_records(user, [record])


def seen_records(
    user: User, records: Iterable[models.Model | None]
) -> set[models.Model]:
    """Those of ``records`` the user may see: one query per kind of record."""
    found = [r for r in records if r is not None]
    by_model: dict[type[models.Model], set[Any]] = {}
    for record in found:
        by_model.setdefault(type(record), set()).add(record.pk)
    seen: set[models.Model] = set()
    for model, pks in by_model.items():
        rows: Any = model._default_manager.all()
        visible = set(
            rows.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True)
        )
        seen |= {r for r in records if type(r) is model and r.pk in visible}
    return seen


def links_of(record: models.Model) -> models.QuerySet[RecordLink]:
    """The texts a record was made from or linked to."""
    return RecordLink.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("source")


# --- figures ----------------------------------------------------------------------


def figure_text(figure: dict[str, Any]) -> str:
    """A figure's value as it would be typed: "2.943", "1,5", "10/11" → "10"."""
    from danvan.common.numbers import format_number

    value = figure.get("value")
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return format_number(value)


def figure_period(source: Source) -> dict[str, Any]:
    """The period the text reports on, as type, year and number (if it says)."""
    fields = _period_fields((source.confirmed_facts or {}).get("period"))
    if fields.get("period_type") in (None, periods.CUSTOM):
        return {}
    return fields


def figure_bodies(actor: User, source: Source) -> list[Body]:
    """Bodies of the text's area (and its past) whose figures the user enters."""
    paths = _lineage(source)
    bodies = Body.objects.editable_by(actor).filter(
        tree.subtree_q(paths, field="area__path")
    )
    return list(bodies.select_related("area").order_by("area__path", "path")[:100])


@transaction.atomic
def record_figure(
    *,
    actor: User,
    source: Source,
    index: int,
    indicator: Any,
    body: Body,
    period: Any,
    text: str,
) -> Outcome:
    """Make the ``index``-th figure a value of ``indicator`` reported by
    ``body`` for ``period``, on the form in use that carries it.

    The value is written as typed (``text``, the figure's value unless
    changed), through the values service; the value keeps the text as its
    source, and a ``RecordLink`` leads back to it.
    """
    from danvan.datasets import reporters
    from danvan.datasets.exceptions import DatasetError
    from danvan.datasets.models import DataValue, ReportForm
    from danvan.datasets.services.submissions import open_submission
    from danvan.datasets.services.values import save_value

    _check(actor, source)
    found = _existing(source, RecordLink.Fact.FIGURE, index)
    if found:
        return Outcome(found, found.record, False)
    figures = confirmed_facts(source).get("figures") or []
    if not 0 <= index < len(figures):
        raise RecordError(_("This text has no such figure."))
    form = next(
        (
            f
            for f in ReportForm.objects.filter(
                active=True, period_type=period.type, items__indicator=indicator
            ).select_related("area")
            if reporters.reports(f, period, body)
        ),
        None,
    )
    if form is None:
        raise RecordError(
            _(
                "No form in use carries %(indicator)s for %(period)s reported by "
                "%(body)s."
            )
            % {"indicator": indicator, "period": period, "body": body}
        )
    try:
        submission = open_submission(actor=actor, form=form, period=period, body=body)
        existed = DataValue.objects.filter(
            submission=submission, indicator=indicator, option=""
        ).exists()
        value = save_value(
            actor=actor,
            submission=submission,
            indicator=indicator,
            text=text,
            source=source,
        )
    except DatasetError as exc:
        raise RecordError(exc.message) from exc
    if value is None:
        raise RecordError(_("Type the value to record."))
    return _link(
        actor=actor,
        source=source,
        fact=RecordLink.Fact.FIGURE,
        index=index,
        record=value,
        created=not existed,
    )
