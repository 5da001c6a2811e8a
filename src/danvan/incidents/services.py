"""Writes of hot spots (điểm nóng): open one, change it, follow it up, link it.

Every function takes the acting user (``actor``, first, keyword-only), checks
the rules (``incidents.rules``) and raises ``PermissionDenied``, or
``IncidentError`` with a Vietnamese message for bad input; nothing is half
saved (``transaction.atomic``).

Status order: phát sinh → đang xử lý → ổn định → kết thúc. The status moves
only with a follow-up (so closing has one, dated): forward freely, back from
"stabilised" to "being handled" when a case flares up again, never back to
"arisen", never out of "closed". A follow-up reporting more people or a
higher severity marks the case escalating; one that calms it (fewer people,
lower severity, stabilised or closed) clears the mark; the officer may set
it either way when nothing grew worse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.common import clock
from danvan.common.actors import is_system
from danvan.common.rules import require
from danvan.incidents import rules
from danvan.incidents.exceptions import IncidentError
from danvan.incidents.models import FollowUp, Incident, Severity, Status
from danvan.units.models import Area

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.situation.models import Topic
    from danvan.units.models import Body

    Actor = User | AnonymousUser

# The order of the statuses (a follow-up moves a case along it).
ORDER = {
    Status.ARISEN: 0,
    Status.HANDLING: 1,
    Status.STABLE: 2,
    Status.CLOSED: 3,
}

# The fields ``update_incident`` changes.
FIELDS = (
    "title",
    "area",
    "topic",
    "owner_body",
    "arose_on",
    "severity",
    "people",
    "cause",
    "parties",
    "place",
    "due_on",
    "next_review_on",
    "summary",
)

# A place: a commune (ward, township…) or a village.
PLACE_LEVELS = (Area.Level.COMMUNE, Area.Level.VILLAGE)


def _user(actor: Actor) -> User | None:
    """The actor as the row's author (None for an anonymous one)."""
    from danvan.accounts.models import User

    return actor if isinstance(actor, User) else None


def _day(date: dt.date) -> str:
    return date.strftime("%d/%m/%Y")


def _check_incident(incident: Incident) -> None:
    """The hot spot's own fields, as a whole (creating or changing it)."""
    if not incident.title.strip():
        raise IncidentError(_("Give the hot spot a title."))
    if incident.area.level not in PLACE_LEVELS:
        raise IncidentError(
            _("A hot spot's place is a commune or a village, not %(area)s.")
            % {"area": incident.area.full_name}
        )
    if incident.arose_on > clock.today():
        raise IncidentError(
            _("The date it arose (%(date)s) is in the future.")
            % {"date": _day(incident.arose_on)}
        )
    if not incident.owner_body.in_force(incident.arose_on):
        raise IncidentError(
            _("%(body)s was not in force on %(date)s, when the hot spot arose.")
            % {"body": incident.owner_body.name, "date": _day(incident.arose_on)}
        )
    if incident.severity not in Severity.values:
        raise IncidentError(_("Choose a severity from the list."))
    for day, label in (
        (incident.due_on, _("The deadline")),
        (incident.next_review_on, _("The next follow-up date")),
    ):
        if day is not None and day < incident.arose_on:
            raise IncidentError(
                _("%(what)s (%(date)s) is before the date it arose (%(arose)s).")
                % {"what": label, "date": _day(day), "arose": _day(incident.arose_on)}
            )


def _check_unit(actor: Actor, area: Area, owner_body: Body) -> None:
    require(
        rules.may_open(actor, area=area, owner_body=owner_body),
        _("You may not record hot spots for this body or place."),
    )


@transaction.atomic
def open_incident(
    *,
    actor: Actor,
    title: str,
    area: Area,
    topic: Topic,
    owner_body: Body,
    arose_on: dt.date,
    severity: int,
    people: int = 0,
    cause: str = "",
    parties: str = "",
    place: str = "",
    due_on: dt.date | None = None,
    next_review_on: dt.date | None = None,
    summary: str = "",
) -> Incident:
    """Record a hot spot that arose (status "arisen")."""
    _check_unit(actor, area, owner_body)
    incident = Incident(
        title=title.strip(),
        area=area,
        topic=topic,
        owner_body=owner_body,
        arose_on=arose_on,
        severity=severity,
        people=people,
        cause=cause,
        parties=parties,
        place=place,
        due_on=due_on,
        next_review_on=next_review_on,
        summary=summary,
        status=Status.ARISEN,
        created_by=_user(actor),
    )
    _check_incident(incident)
    incident.save()
    return incident


@transaction.atomic
def update_incident(*, actor: Actor, incident: Incident, **fields: Any) -> Incident:
    """Change the hot spot's own fields (``FIELDS``); its status moves only
    with a follow-up."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"update_incident() got unexpected fields {sorted(unknown)}")
    require(rules.may_edit(actor, incident), _("You may not change this hot spot."))
    for name, value in fields.items():
        setattr(incident, name, value)
    if "area" in fields or "owner_body" in fields:
        _check_unit(actor, incident.area, incident.owner_body)
    _check_incident(incident)
    first = incident.follow_ups.order_by("on").values_list("on", flat=True).first()
    if first is not None and first < incident.arose_on:
        raise IncidentError(
            _("The hot spot cannot arise after its first follow-up (%(date)s).")
            % {"date": _day(first)}
        )
    incident.save()
    return incident


def _escalating(
    incident: Incident,
    *,
    status: str,
    severity: int | None,
    people: int | None,
    escalating: bool | None,
) -> bool:
    """Whether the case escalates after a follow-up with these changes."""
    if status == Status.CLOSED:
        return False
    worse = (severity is not None and severity > incident.severity) or (
        people is not None and people > incident.people
    )
    if worse:
        return True
    if escalating is not None:
        return escalating
    calmer = (
        (severity is not None and severity < incident.severity)
        or (people is not None and people < incident.people)
        or status in (Status.STABLE, Status.CLOSED)
    )
    return False if calmer else incident.escalating


def _check_status(incident: Incident, status: str) -> None:
    """A follow-up's new status from the present one (nothing follows "closed")."""
    if incident.status == Status.CLOSED:
        raise IncidentError(_("The hot spot is closed; its status no longer changes."))
    if not status or status == incident.status:
        return
    if status not in Status.values:
        raise IncidentError(_("Choose a status from the list."))
    if status == Status.ARISEN:
        raise IncidentError(_("A hot spot being handled does not return to “arisen”."))
    if ORDER[Status(status)] < ORDER[Status(incident.status)] and not (
        incident.status == Status.STABLE and status == Status.HANDLING
    ):
        raise IncidentError(_("This status comes before the hot spot's present one."))


@transaction.atomic
def add_follow_up(
    *,
    actor: Actor,
    incident: Incident,
    on: dt.date,
    text: str,
    status: str = "",
    severity: int | None = None,
    people: int | None = None,
    escalating: bool | None = None,
    next_review_on: dt.date | None = None,
) -> FollowUp:
    """Add a dated step to the timeline and apply its changes to the hot spot.

    ``status`` "closed" closes it (``closed_on`` = ``on``). More people or a
    higher severity mark it escalating. A follow-up on or after the next
    follow-up date without a new one clears that date (the review is done).
    """
    require(rules.may_edit(actor, incident), _("You may not follow up this hot spot."))
    # The row is locked: two follow-ups at once apply one after the other.
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    text = text.strip()
    if not text:
        raise IncidentError(_("Say what was done or learnt."))
    if on > clock.today():
        raise IncidentError(
            _("The follow-up's date (%(date)s) is in the future.") % {"date": _day(on)}
        )
    if on < incident.arose_on:
        raise IncidentError(
            _(
                "The follow-up's date (%(date)s) is before the hot spot arose "
                "(%(arose)s)."
            )
            % {"date": _day(on), "arose": _day(incident.arose_on)}
        )
    last = incident.follow_ups.order_by("-on").values_list("on", flat=True).first()
    if last is not None and on < last:
        raise IncidentError(
            _(
                "The follow-up's date (%(date)s) is before the last follow-up "
                "(%(last)s): the timeline is kept in order."
            )
            % {"date": _day(on), "last": _day(last)}
        )
    if next_review_on is not None and next_review_on < on:
        raise IncidentError(
            _("The next follow-up date (%(next)s) is before this follow-up (%(date)s).")
            % {"next": _day(next_review_on), "date": _day(on)}
        )
    if severity is not None and severity not in Severity.values:
        raise IncidentError(_("Choose a severity from the list."))
    if people is not None and people < 0:
        raise IncidentError(_("The number of people cannot be negative."))
    _check_status(incident, status)
    flag = _escalating(
        incident,
        status=status,
        severity=severity,
        people=people,
        escalating=escalating,
    )
    follow_up = FollowUp.objects.create(
        incident=incident,
        on=on,
        text=text,
        status=status if status != incident.status else "",
        severity=severity if severity != incident.severity else None,
        people=people if people != incident.people else None,
        escalating=flag,
        next_review_on=next_review_on,
        created_by=_user(actor),
    )
    if status:
        incident.status = status
    if status == Status.CLOSED:
        incident.closed_on = on
    if severity is not None:
        incident.severity = severity
    if people is not None:
        incident.people = people
    incident.escalating = flag
    if next_review_on is not None:
        incident.next_review_on = next_review_on
    elif incident.next_review_on is not None and incident.next_review_on <= on:
        incident.next_review_on = None
    incident.save()
    return follow_up


# --- links to petitions, dialogues and meetings --------------------------------------

# The linked kinds: the incident's relation (and the argument) -> the model's label.
LINKS = {
    "petitions": "petitions.Petition",
    "dialogues": "dialogues.Session",
    "meetings": "meetings.Meeting",
}


def _seen(actor: Actor, label: str, rows: Iterable[Any]) -> list[Any]:
    """``rows`` (instances or keys) as rows ``actor`` reads; refused otherwise."""
    from django.apps import apps

    model: Any = apps.get_model(label)
    keys = {getattr(row, "pk", row) for row in rows}
    if not keys:
        return []
    # The system actor (commands, the demo) passes every rule.
    seen: Any = (
        model.objects.all() if is_system(actor) else model.objects.visible_to(actor)
    )
    found = list(seen.filter(pk__in=keys))
    if len(found) != len(keys):
        raise PermissionDenied(_("You may not link a row you do not see."))
    return found


def _change_links(
    actor: Actor, incident: Incident, method: str, kinds: dict[str, Iterable[Any]]
) -> None:
    """Call ``method`` ("add" or "remove") of each of ``incident``'s links
    with the rows of ``kinds`` (by relation) that ``actor`` reads."""
    require(rules.may_edit(actor, incident), _("You may not change this hot spot."))
    for name, rows in kinds.items():
        found = _seen(actor, LINKS[name], rows)
        if found:
            getattr(getattr(incident, name), method)(*found)


@transaction.atomic
def link(
    *,
    actor: Actor,
    incident: Incident,
    petitions: Iterable[Any] = (),
    dialogues: Iterable[Any] = (),
    meetings: Iterable[Any] = (),
) -> None:
    """Link petitions, dialogue sessions and meetings the actor reads to
    ``incident`` (a row linked already stays linked once)."""
    kinds = {"petitions": petitions, "dialogues": dialogues, "meetings": meetings}
    _change_links(actor, incident, "add", kinds)


@transaction.atomic
def unlink(
    *,
    actor: Actor,
    incident: Incident,
    petitions: Iterable[Any] = (),
    dialogues: Iterable[Any] = (),
    meetings: Iterable[Any] = (),
) -> None:
    """Remove links of ``incident`` to rows the actor reads."""
    kinds = {"petitions": petitions, "dialogues": dialogues, "meetings": meetings}
    _change_links(actor, incident, "remove", kinds)
