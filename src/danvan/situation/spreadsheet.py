"""Entries as XLSX: the export of the list, and the import of the same columns.

The import reads the first sheet, the first row being the headers, one entry
per row in the export's first nine columns (date observed, period, topic,
place, reporting body, assessment, summary, sources, follow-up). A period is
written as the export writes it ("quý III/2026", "tháng 8/2026", "năm 2026")
or as ``quarter:2026:3``; a topic by its name or code; a place by its name or
official code inside the body's area; a body by its name among the bodies the
importing user edits; an assessment by its label or value. It is all or
nothing: every row is checked first, a bad row is named with its number in
the Vietnamese message, and nothing is saved while one is bad.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from danvan.common import clock
from danvan.common.dates import parse_date
from danvan.common.safefiles import ParseRefusedError
from danvan.common.text import fold
from danvan.common.xlsx import (
    WorkbookRefusedError,
    cell_text,
    counted_rows,
    open_workbook,
)
from danvan.meetings import periods as period_names
from danvan.situation import periods, services
from danvan.situation.models import Assessment, Entry, Topic
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from collections.abc import Iterable

    from danvan.accounts.models import User

SALT = "danvan.situation.import"
MAX_ROWS = 5000


def headers() -> list[str]:
    return [
        _("Observed on"),
        _("Period"),
        _("Topic"),
        _("Place"),
        _("Reporting body"),
        _("Assessment"),
        _("Summary"),
        _("Sources"),
        _("Follow-up"),
    ]


def export_rows(entries: Iterable[Entry]) -> Iterable[list[Any]]:
    """The export's rows (the import reads the same columns)."""
    for e in entries:
        yield [
            e.observed_on,
            str(e.period),
            e.topic.name,
            e.area.full_name,
            e.body.name,
            capfirst(e.get_assessment_display()),
            e.summary,
            e.sources,
            e.follow_up,
        ]


class ImportRefusedError(Exception):
    """The workbook is refused as a whole; ``messages`` say which rows and why."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class ImportRow:
    """A row read and checked, as plain values (signed between the steps)."""

    number: int
    observed_on: str
    period: str
    topic: int
    area: int
    body: int
    assessment: str
    summary: str
    sources: str
    follow_up: str


def _period_specs(today: dt.date) -> dict[str, str]:
    """Folded labels of periods ("quy iii/2026") → their spec."""
    found: dict[str, str] = {}
    for year in range(today.year - 5, today.year + 1):
        for kind in (
            period_names.YEAR,
            period_names.NINE_MONTHS,
            period_names.SIX_MONTHS,
            period_names.FOUR_MONTHS,
        ):
            spec = f"{kind}:{year}"
            found[fold(period_names.period_label(kind, year))] = spec
        for quarter in range(1, 5):
            label = period_names.period_label(period_names.QUARTER, year, quarter)
            found[fold(label)] = f"quarter:{year}:{quarter}"
        for month in range(1, 13):
            label = period_names.period_label(period_names.MONTH, year, month)
            found[fold(label)] = f"month:{year}:{month}"
    return found


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(cell_text(value, multiline=False))


class _Lookups:
    """What the rows name, read once for the whole workbook."""

    def __init__(self, user: User) -> None:
        self.periods = _period_specs(clock.today())
        self.topics: dict[str, Topic] = {}
        for topic in Topic.objects.filter(active=True):
            self.topics[fold(topic.name)] = topic
            self.topics[topic.code.lower()] = topic
        self.bodies: dict[str, list[Body]] = {}
        for body in Body.objects.editable_by(user).select_related("area"):
            self.bodies.setdefault(fold(body.name), []).append(body)
        self.assessments = {
            fold(str(label)): value for value, label in Assessment.choices
        }
        self.assessments.update({value: value for value in Assessment.values})
        self._areas: dict[int, dict[str, list[Area]]] = {}

    def areas_of(self, body: Body) -> dict[str, list[Area]]:
        """The places inside ``body``'s area by folded name, full name and code."""
        found = self._areas.get(body.area_id)
        if found is None:
            found = {}
            for area in Area.objects.subtree(body.area.path):
                for key in {fold(area.name), fold(area.full_name), area.code}:
                    if key:
                        found.setdefault(key, []).append(area)
            self._areas[body.area_id] = found
        return found


def _read_row(number: int, values: tuple[Any, ...], look: _Lookups) -> ImportRow:
    cells = [*values, *([None] * 9)][:9]
    observed, period, topic, place, body, assessment, summary, sources, follow = cells
    problems: list[str] = []
    on = _date(observed)
    if on is None:
        problems.append(_("the date observed is missing or not a date (dd/mm/yyyy)"))
    period_text = cell_text(period, multiline=False)
    spec = look.periods.get(fold(period_text)) or (
        period_text if periods.valid(period_text) else None
    )
    if spec is None:
        problems.append(_("unknown period “%(value)s”") % {"value": period_text})
    topic_text = cell_text(topic, multiline=False)
    found_topic = look.topics.get(fold(topic_text)) or look.topics.get(
        topic_text.lower()
    )
    if found_topic is None:
        problems.append(_("unknown topic “%(value)s”") % {"value": topic_text})
    body_text = cell_text(body, multiline=False)
    bodies = look.bodies.get(fold(body_text), [])
    found_body = bodies[0] if len(bodies) == 1 else None
    if not bodies:
        problems.append(
            _("“%(value)s” is not a body whose situation you record")
            % {"value": body_text}
        )
    elif found_body is None:
        problems.append(
            _("several bodies are named “%(value)s”") % {"value": body_text}
        )
    place_text = cell_text(place, multiline=False)
    found_area: Area | None = None
    if found_body is not None:
        if not place_text:
            found_area = found_body.area
        else:
            key = place_text if place_text.isdigit() else fold(place_text)
            areas = look.areas_of(found_body).get(key, [])
            in_force = [a for a in areas if on is None or a.in_force(on)] or areas
            if len(in_force) == 1:
                found_area = in_force[0]
            elif not in_force:
                problems.append(
                    _("“%(value)s” is not a place in the area of %(body)s")
                    % {"value": place_text, "body": found_body.name}
                )
            else:
                problems.append(
                    _("several places are named “%(value)s”") % {"value": place_text}
                )
    assessment_text = cell_text(assessment, multiline=False)
    found_assessment = look.assessments.get(fold(assessment_text)) or (
        Assessment.STABLE if not assessment_text else None
    )
    if found_assessment is None:
        problems.append(
            _("unknown assessment “%(value)s”") % {"value": assessment_text}
        )
    summary_text = cell_text(summary)
    if not summary_text:
        problems.append(_("the summary is empty"))
    if problems:
        raise ValidationError(
            _("Row %(row)s: %(problems)s.")
            % {"row": number, "problems": "; ".join(problems)}
        )
    assert on is not None
    assert spec is not None
    assert found_topic is not None
    assert found_body is not None
    assert found_area is not None
    assert found_assessment is not None
    return ImportRow(
        number=number,
        observed_on=on.isoformat(),
        period=spec,
        topic=found_topic.pk,
        area=found_area.pk,
        body=found_body.pk,
        assessment=found_assessment,
        summary=summary_text,
        sources=cell_text(sources),
        follow_up=cell_text(follow),
    )


def read_workbook(stream: IO[bytes], user: User) -> list[ImportRow]:
    """Every row of the workbook read and looked up; refused whole if one is bad."""
    look = _Lookups(user)
    rows: list[ImportRow] = []
    problems: list[str] = []
    try:
        with open_workbook(stream) as book:
            sheet = book.worksheets[0]
            for number, values in counted_rows(sheet, min_row=2):
                if len(rows) + len(problems) >= MAX_ROWS:
                    problems.append(
                        _("More than %(n)s rows: split the workbook.") % {"n": MAX_ROWS}
                    )
                    break
                try:
                    rows.append(_read_row(number, values, look))
                except ValidationError as exc:
                    problems.extend(exc.messages)
    except (WorkbookRefusedError, ParseRefusedError) as exc:
        raise ImportRefusedError([exc.message]) from exc
    if problems:
        raise ImportRefusedError(problems)
    if not rows:
        raise ImportRefusedError([_("The workbook has no entry under its header row.")])
    return rows


def sign(rows: list[ImportRow]) -> str:
    return signing.dumps([row.__dict__ for row in rows], salt=SALT, compress=True)


def unsign(token: str) -> list[ImportRow]:
    try:
        data = signing.loads(token, salt=SALT, max_age=3600)
    except signing.BadSignature as exc:
        raise ImportRefusedError(
            [_("The preview has expired or was changed: upload the workbook again.")]
        ) from exc
    return [ImportRow(**row) for row in data]


@transaction.atomic
def save_rows(rows: list[ImportRow], user: User) -> list[Entry]:
    """Record every row through the service, or none: a refused row undoes all."""
    topics = Topic.objects.in_bulk([r.topic for r in rows])
    areas = Area.objects.in_bulk([r.area for r in rows])
    bodies = Body.objects.select_related("area").in_bulk([r.body for r in rows])
    # Each period's row once (a workbook names a handful for its rows).
    resolved = {spec: periods.resolve(spec) for spec in {r.period for r in rows}}
    made: list[Entry] = []
    for row in rows:
        period = resolved[row.period]
        try:
            if period is None or row.topic not in topics or row.area not in areas:
                raise ValidationError(_("a period, topic or place no longer exists"))
            if row.body not in bodies:
                raise PermissionDenied
            made.append(
                services.record_entry(
                    actor=user,
                    body=bodies[row.body],
                    area=areas[row.area],
                    period=period,
                    topic=topics[row.topic],
                    assessment=row.assessment,
                    summary=row.summary,
                    observed_on=dt.date.fromisoformat(row.observed_on),
                    sources=row.sources,
                    follow_up=row.follow_up,
                )
            )
        except PermissionDenied as exc:
            raise ImportRefusedError(
                [
                    _("Row %(row)s: you may not record the situation for this body.")
                    % {"row": row.number}
                ]
            ) from exc
        except ValidationError as exc:
            raise ImportRefusedError(
                [
                    _("Row %(row)s: %(problems)s.")
                    % {"row": row.number, "problems": "; ".join(exc.messages)}
                ]
            ) from exc
    return made


def check_rows(rows: list[ImportRow], user: User) -> list[str]:
    """The problems the services find in the rows (nothing is kept)."""
    try:
        with transaction.atomic():
            save_rows(rows, user)
            transaction.set_rollback(True)
    except ImportRefusedError as exc:
        return exc.messages
    return []


def import_workbook(stream: IO[bytes], user: User) -> list[Entry]:
    """Read and record a workbook at once, all or nothing (the command)."""
    return save_rows(read_workbook(stream, user), user)


def preview(rows: list[ImportRow]) -> list[dict[str, Any]]:
    """The rows as the preview shows them (names, not keys): a query for the
    topics, the places, the bodies, and one per period named."""
    topics = Topic.objects.in_bulk([r.topic for r in rows])
    areas = Area.objects.in_bulk([r.area for r in rows])
    bodies = Body.objects.in_bulk([r.body for r in rows])
    named = {spec: periods.named(spec) for spec in {r.period for r in rows}}
    return [
        {
            "number": r.number,
            "observed_on": dt.date.fromisoformat(r.observed_on),
            "period": named[r.period],
            "topic": topics[r.topic].name,
            "area": areas[r.area].full_name,
            "body": bodies[r.body].name,
            "assessment": capfirst(Assessment(r.assessment).label),
            "summary": r.summary,
        }
        for r in rows
    ]
