"""Meetings, their conclusions, tasks and their follow-up; carried-forward tasks.

Every write takes the acting user and checks it (``danvan.common.rules``):
a user writes only what they edit, the convening body or its area, at the
editor role or above; commands and the demo act as the system actor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common import rules
from danvan.common.actors import is_system
from danvan.common.audit import acting_as
from danvan.common.text import fold, normalize, normalize_block
from danvan.meetings import periods
from danvan.meetings.models import (
    KIND_VI,
    Conclusion,
    Kind,
    Meeting,
    MeetingSeries,
    Task,
    TaskBase,
)
from danvan.meetings.services.series import add_people
from danvan.units.models import Body, Person, Position, in_force_q

# The fields ``update_meeting`` accepts, besides the series name.
MEETING_FIELDS = (
    "convening_body",
    "kind",
    "title",
    "held_on",
    "place",
    "chair",
    "chair_name",
    "secretary",
    "guests",
    "agenda",
    "period_type",
    "period_year",
    "period_number",
    "period_start",
    "period_end",
)


def may_edit(user: User, meeting: Meeting) -> bool:
    """May ``user`` change ``meeting`` (editor of its convening body or its
    area)? Read from the meeting's copies of their paths: no row is loaded."""
    return rules.may_edit(user, meeting)


def _check_editor(actor: User, body: Body) -> None:
    rules.require(
        rules.may_edit(actor, body), _("You may not record meetings of this body.")
    )


def _visible(model: type[Body], actor: User, pk: int) -> bool:
    return model.objects.visible_to(actor).filter(pk=pk).exists()


def _check_visible_body(actor: User, body: Body) -> None:
    if not is_system(actor) and not _visible(Body, actor, body.pk):
        raise ValidationError({"owner_body": _("Choose a body of your units.")})


def people_for(user: User) -> QuerySet[Person]:
    """People a user may name as chair or attendee.

    Those their areas keep, and those holding a position in a body they see:
    a commune's Phó Bí thư may be kept by the former province that recorded
    him, and still sits in the commune's meetings.
    """
    in_bodies = Position.objects.filter(body__in=Body.objects.visible_to(user)).values(
        "person"
    )
    return Person.objects.filter(
        Q(pk__in=Person.objects.visible_to(user).values("pk")) | Q(pk__in=in_bodies)
    )


def _check_visible_people(actor: User, people: Iterable[Person]) -> None:
    if is_system(actor):
        return
    pks = {p.pk for p in people}
    if pks and people_for(actor).filter(pk__in=pks).count() != len(pks):
        raise ValidationError(_("Choose people of your units."))


def _named(fields: dict[str, Any]) -> list[Person]:
    """The chair and the secretary among the fields given, when set."""
    return [fields[name] for name in ("chair", "secretary") if fields.get(name)]


def default_series_name(kind: str) -> str:
    """A series without a name is the body's series of that kind: "Giao ban"."""
    words = KIND_VI.get(Kind(kind), "") or "hội nghị"
    return words[:1].upper() + words[1:]


def series_for(*, body: Body, kind: str, name: str = "") -> MeetingSeries:
    """The series of ``body`` and ``kind`` called ``name`` (accents optional)."""
    name = normalize(name) or default_series_name(kind)
    series, _created = MeetingSeries.objects.get_or_create(
        body=body, kind=kind, search_name=fold(name), defaults={"name": name}
    )
    return series


def _set_period(meeting: Meeting) -> None:
    """Resolve the reviewed period to dates, or clear it."""
    kind = meeting.period_type
    if not kind:
        meeting.period_year = meeting.period_number = None
        meeting.period_start = meeting.period_end = None
        return
    if kind not in (periods.MONTH, periods.QUARTER):
        meeting.period_number = None
    if kind == periods.CUSTOM:
        meeting.period_year = (
            meeting.period_start.year if meeting.period_start else None
        )
    try:
        start, end = periods.resolve_period(
            kind,
            meeting.period_year,
            meeting.period_number,
            start=meeting.period_start,
            end=meeting.period_end,
        )
    except periods.PeriodError:
        field = {
            periods.MONTH: "period_number",
            periods.QUARTER: "period_number",
            periods.CUSTOM: "period_end",
        }.get(kind, "period_year")
        message = {
            periods.MONTH: _("Give the month (1–12) and the year."),
            periods.QUARTER: _("Give the quarter (1–4) and the year."),
            periods.CUSTOM: _("Give the first and last day; the last is not before."),
        }.get(kind, _("Give the year."))
        raise ValidationError({field: message}) from None
    meeting.period_start, meeting.period_end = start, end


def position_title(person: Person, on: dt.date, body: Body | None = None) -> str:
    """The person's title on a date, preferring one in ``body`` or its family."""
    positions: list[Position] = list(
        person.positions.filter(in_force_q(on)).select_related("body").order_by("pk")
    )
    if not positions:
        return ""
    if body is not None:
        family = {body.pk, body.parent_id}
        for position in positions:
            if position.body_id == body.pk:
                return position.title
        for position in positions:
            if position.body_id in family or position.body.parent_id == body.pk:
                return position.title
    return positions[0].title


def chair_label(meeting: Meeting) -> str:
    """The chair as written: the given text, else name and title on the day."""
    if meeting.chair_name:
        return meeting.chair_name
    if meeting.chair is None:
        return ""
    title = position_title(meeting.chair, meeting.held_on, meeting.convening_body)
    return f"{meeting.chair.full_name}, {title}" if title else meeting.chair.full_name


def _refresh_search(meeting: Meeting) -> None:
    parts = [
        meeting.title,
        meeting.place,
        meeting.convening_body.name,
        meeting.series.name,
        meeting.chair_name,
        meeting.chair.full_name if meeting.chair else "",
        meeting.guests,
        meeting.agenda,
        meeting.kind_vi,
        meeting.period_label,
        *meeting.conclusions.values_list("text", flat=True),
    ]
    if meeting.pk:
        parts += list(meeting.attendees.values_list("full_name", flat=True))
    meeting.search_text = fold(" ".join(p for p in parts if p))
    Meeting.objects.filter(pk=meeting.pk).update(search_text=meeting.search_text)


def _validate(meeting: Meeting) -> None:
    body = meeting.convening_body
    if not body.in_force(meeting.held_on):
        raise ValidationError(
            {"convening_body": _("This body did not exist on the meeting's date.")}
        )
    meeting.title = normalize(meeting.title)
    if not meeting.title:
        raise ValidationError({"title": _("The title is required.")})
    meeting.place = normalize(meeting.place)
    meeting.chair_name = normalize(meeting.chair_name)
    meeting.guests = normalize_block(meeting.guests)
    meeting.agenda = normalize_block(meeting.agenda)
    _set_period(meeting)
    meeting.area = body.area
    meeting.full_clean(exclude=["series", "search_text", "created_by"])


@transaction.atomic
def create_meeting(
    *,
    actor: User,
    convening_body: Body,
    kind: str,
    title: str,
    held_on: dt.date,
    series_name: str = "",
    attendees: Iterable[Person] = (),
    new_attendees: Iterable[str] = (),
    **fields: Any,
) -> Meeting:
    """Record a meeting of ``convening_body``, in its series of that kind."""
    _check_editor(actor, convening_body)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    attendees = list(attendees)
    _check_visible_people(actor, [*attendees, *_named(fields)])
    # Names typed for people not listed become people only on this explicit field.
    attendees += add_people(
        actor=actor,
        area=convening_body.area,
        names=new_attendees,
        known=people_for(actor),
    )
    meeting = Meeting(
        convening_body=convening_body,
        kind=kind,
        title=title,
        held_on=held_on,
        created_by=actor,
        **fields,
    )
    _validate(meeting)
    meeting.series = series_for(body=convening_body, kind=kind, name=series_name)
    with acting_as(actor):
        meeting.save()
        meeting.attendees.set(attendees)
    _refresh_search(meeting)
    return meeting


@transaction.atomic
def update_meeting(
    *,
    actor: User,
    meeting: Meeting,
    series_name: str | None = None,
    attendees: Iterable[Person] | None = None,
    new_attendees: Iterable[str] = (),
    **fields: Any,
) -> Meeting:
    """Change a meeting; a new body, kind or series name moves it to that series."""
    _check_editor(actor, meeting.convening_body)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    # The new body must be one the actor edits too.
    _check_editor(actor, fields.get("convening_body", meeting.convening_body))
    for name, value in fields.items():
        setattr(meeting, name, value)
    new_people = list(attendees) if attendees is not None else []
    _check_visible_people(actor, [*new_people, *_named(fields)])
    added = add_people(
        actor=actor,
        area=meeting.convening_body.area,
        names=new_attendees,
        known=people_for(actor),
    )
    if added:
        kept = new_people if attendees is not None else list(meeting.attendees.all())
        attendees = new_people = [*kept, *added]
    _validate(meeting)
    series = meeting.series
    if (
        series_name is not None
        or series.body_id != meeting.convening_body_id
        or series.kind != meeting.kind
    ):
        name = series.name if series_name is None else series_name
        meeting.series = series_for(
            body=meeting.convening_body, kind=meeting.kind, name=name
        )
    with acting_as(actor):
        meeting.save()
        if attendees is not None:
            meeting.attendees.set(new_people)
    _refresh_search(meeting)
    return meeting


def _check_meeting_editor(actor: User, meeting: Meeting) -> None:
    rules.require(may_edit(actor, meeting), _("You may not change this meeting."))


@transaction.atomic
def add_conclusion(*, actor: User, meeting: Meeting, text: str) -> Conclusion:
    """Add a conclusion after the meeting's last one."""
    _check_meeting_editor(actor, meeting)
    text = normalize_block(text)
    if not text:
        raise ValidationError({"text": _("Write the conclusion.")})
    last = meeting.conclusions.aggregate(m=Max("order"))["m"] or 0
    with acting_as(actor):
        conclusion = Conclusion.objects.create(
            meeting=meeting, order=last + 1, text=text
        )
    _refresh_search(meeting)
    return conclusion


@transaction.atomic
def update_conclusion(*, actor: User, conclusion: Conclusion, text: str) -> Conclusion:
    _check_meeting_editor(actor, conclusion.meeting)
    text = normalize_block(text)
    if not text:
        raise ValidationError({"text": _("Write the conclusion.")})
    conclusion.text = text
    with acting_as(actor):
        conclusion.save(update_fields=["text"])
    _refresh_search(conclusion.meeting)
    return conclusion


@transaction.atomic
def delete_conclusion(*, actor: User, conclusion: Conclusion) -> None:
    """Remove a conclusion; its tasks stay, as tasks of the meeting."""
    meeting = conclusion.meeting
    _check_meeting_editor(actor, meeting)
    with acting_as(actor):
        conclusion.delete()
    _refresh_search(meeting)


def _refresh_task_search(task: Task) -> None:
    parts = [task.title, task.owner_body.name, task.notes, task.meeting.title]
    task.search_text = fold(" ".join(p for p in parts if p))
    Task.objects.filter(pk=task.pk).update(search_text=task.search_text)


@transaction.atomic
def create_task(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    owner_body: Body,
    due_on: dt.date | None = None,
    conclusion: Conclusion | None = None,
) -> Task:
    """Give a task of the meeting to ``owner_body``, due on ``due_on``."""
    _check_meeting_editor(actor, meeting)
    _check_visible_body(actor, owner_body)
    if conclusion is not None and conclusion.meeting_id != meeting.pk:
        raise ValidationError(_("The conclusion belongs to another meeting."))
    title = normalize_block(title)
    if not title:
        raise ValidationError({"title": _("Say what is to be done.")})
    if due_on is not None and due_on < meeting.held_on:
        raise ValidationError({"due_on": _("The due date is before the meeting.")})
    task = Task(
        meeting=meeting,
        conclusion=conclusion,
        title=title,
        owner_body=owner_body,
        due_on=due_on,
    )
    task.full_clean(exclude=["search_text"])
    with acting_as(actor):
        task.save()
    _refresh_task_search(task)
    return task


def task_from_conclusion(
    *,
    actor: User,
    conclusion: Conclusion,
    owner_body: Body,
    due_on: dt.date | None = None,
    title: str = "",
) -> Task:
    """Turn a conclusion into a task; its text is the task unless ``title``."""
    return create_task(
        actor=actor,
        meeting=conclusion.meeting,
        conclusion=conclusion,
        title=title or conclusion.text,
        owner_body=owner_body,
        due_on=due_on,
    )


@transaction.atomic
def update_task(
    *,
    actor: User,
    task: Task,
    title: str | None = None,
    owner_body: Body | None = None,
    due_on: dt.date | None = None,
    clear_due: bool = False,
) -> Task:
    """Change what a task says, who leads it, or when it is due."""
    _check_meeting_editor(actor, task.meeting)
    if title is not None:
        task.title = normalize_block(title)
        if not task.title:
            raise ValidationError({"title": _("Say what is to be done.")})
    if owner_body is not None:
        _check_visible_body(actor, owner_body)
        task.owner_body = owner_body
    if due_on is not None or clear_due:
        task.due_on = due_on
    task.full_clean(exclude=["search_text"])
    with acting_as(actor):
        task.save()
    _refresh_task_search(task)
    return task


@transaction.atomic
def set_task_status(
    *,
    actor: User,
    task: Task,
    status: str,
    on: dt.date | None = None,
    note: str = "",
) -> Task:
    """Follow a task up: a new status and a dated note.

    Done records the day it was done (today unless ``on``); any other status
    clears it, so a reopened task is pending again.
    """
    _check_meeting_editor(actor, task.meeting)
    follow_up(task, status=status, on=on, note=note)
    with acting_as(actor):
        task.save(update_fields=FOLLOW_UP_FIELDS)
    _refresh_task_search(task)
    return task


# The fields ``follow_up`` changes, for ``save(update_fields=…)``.
FOLLOW_UP_FIELDS = ["status", "done_on", "notes"]


def follow_up(
    task: TaskBase, *, status: str, on: dt.date | None = None, note: str = ""
) -> None:
    """Set a task's new status and add a dated note line, unsaved.

    One rule for every task (a meeting's, a plan's): done records the day it
    was done (today unless ``on``); any other status clears it, so a reopened
    task is pending again; the note is added as "dd/mm/yyyy: note".
    """
    if status not in TaskBase.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    day = on or timezone.localdate()
    task.status = status
    task.done_on = day if status == TaskBase.Status.DONE else None
    note = normalize(note)
    if note:
        line = f"{day:%d/%m/%Y}: {note}"
        task.notes = f"{task.notes}\n{line}" if task.notes else line


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting of the same series held just before this one: its key and
    date (what a page links it by); other fields load when read."""
    return (
        Meeting.objects.filter(series=meeting.series_id)
        .filter(
            Q(held_on__lt=meeting.held_on)
            | Q(held_on=meeting.held_on, pk__lt=meeting.pk)
        )
        .order_by("-held_on", "-pk")
        .only("held_on")
        .first()
    )


def carried_forward(meeting: Meeting) -> QuerySet[Task]:
    """Tasks of earlier meetings of the series still open at this one.

    A task is carried from meeting to meeting until it is done or cancelled,
    so the list holds the previous meeting's open tasks and those it carried
    itself. "Open at this meeting" is read as of its date: a task done after
    the meeting was still pending then, and older meetings keep showing it.
    """
    earlier = Q(meeting__held_on__lt=meeting.held_on) | Q(
        meeting__held_on=meeting.held_on, meeting__pk__lt=meeting.pk
    )
    still_open = Q(status__in=Task.PENDING) | Q(
        status=Task.Status.DONE, done_on__gt=meeting.held_on
    )
    return (
        Task.objects.filter(meeting__series=meeting.series_id)
        .filter(earlier & still_open)
        .select_related("meeting", "owner_body", "conclusion")
        .order_by("meeting__held_on", "meeting__pk", "pk")
    )
