"""Writing the people's situation: entries and the topic catalogue.

Every write takes the acting user and checks it (``danvan.common.rules``): an
entry is written by an editor of its reporting body (or of the body's area),
for a place inside the body's area (down to the village); the topic catalogue,
shared by every province, is kept by the system's administrators
(``may_edit_topics``).
Commands and the demo act as the system actor.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.common import clock, rules
from danvan.common.actors import is_system
from danvan.common.audit import acting_as
from danvan.common.text import normalize, normalize_block
from danvan.situation.exceptions import SituationError
from danvan.situation.models import Assessment, Entry, Topic

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.datasets.models import Period
    from danvan.units.models import Area, Body

# The fields ``update_entry`` accepts.
ENTRY_FIELDS = (
    "body",
    "area",
    "period",
    "topic",
    "assessment",
    "summary",
    "observed_on",
    "sources",
    "follow_up",
)
TOPIC_FIELDS = ("code", "name", "description", "order", "active")


def may_edit_topics(user: User | AnonymousUser) -> bool:
    """May ``user`` change the topic catalogue? Only the system's
    administrators (superusers, the system actor): the catalogue is shared by
    every unit of every province, and the hot spots, dialogues and petitions
    classify by it, so no province changes what another reads."""
    return rules.may_administer(user)


def _check_entry(
    *, actor: User, body: Body, area: Area, period: Period, observed_on: Any
) -> None:
    rules.require(
        rules.may_edit(actor, body),
        _("You may not record the situation for this body."),
    )
    errors: dict[str, str] = {}
    if not area.path.startswith(body.area.path):
        errors["area"] = _("The place must lie in the reporting body's area.")
    if not isinstance(observed_on, dt.date):
        errors["observed_on"] = _("Enter the date the situation was observed.")
    elif observed_on > clock.today():
        errors["observed_on"] = _("The date observed cannot be in the future.")
    elif not (period.start <= observed_on <= period.end):
        errors["observed_on"] = _(
            "The date observed must fall in the period (%(start)s – %(end)s)."
        ) % {
            "start": period.start.strftime("%d/%m/%Y"),
            "end": period.end.strftime("%d/%m/%Y"),
        }
    if errors:
        raise SituationError(errors)


def _clean_texts(entry: Entry) -> None:
    entry.summary = normalize_block(entry.summary or "")
    entry.sources = normalize_block(entry.sources or "")
    entry.follow_up = normalize_block(entry.follow_up or "")
    if not entry.summary:
        raise SituationError({"summary": _("Write a summary of the situation.")})
    if entry.assessment not in Assessment.values:
        raise SituationError({"assessment": _("Choose an assessment.")})
    if not entry.topic.active and entry._state.adding:
        raise SituationError({"topic": _("This topic is no longer in use.")})


@transaction.atomic
def record_entry(
    *,
    actor: User,
    body: Body,
    area: Area,
    period: Period,
    topic: Topic,
    assessment: str,
    summary: str,
    observed_on: dt.date,
    sources: str = "",
    follow_up: str = "",
) -> Entry:
    """Record one topic of the people's situation in a place for a period."""
    _check_entry(
        actor=actor, body=body, area=area, period=period, observed_on=observed_on
    )
    entry = Entry(
        body=body,
        area=area,
        period=period,
        topic=topic,
        assessment=assessment,
        summary=summary,
        sources=sources,
        follow_up=follow_up,
        observed_on=observed_on,
        created_by=None if is_system(actor) else actor,
    )
    _clean_texts(entry)
    with acting_as(actor):
        entry.save()
    return entry


@transaction.atomic
def update_entry(*, actor: User, entry: Entry, **fields: Any) -> Entry:
    """Change an entry: the actor must edit it as it is and as it becomes."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"update_entry: unknown fields {sorted(unknown)}")
    rules.require(
        rules.may_edit(actor, entry.body),
        _("You may not change this entry."),
    )
    for name, value in fields.items():
        setattr(entry, name, value)
    _check_entry(
        actor=actor,
        body=entry.body,
        area=entry.area,
        period=entry.period,
        observed_on=entry.observed_on,
    )
    _clean_texts(entry)
    with acting_as(actor):
        entry.save()
    return entry


@transaction.atomic
def delete_entry(*, actor: User, entry: Entry) -> None:
    """Delete an entry (an editor of its body)."""
    rules.require(
        rules.may_edit(actor, entry.body), _("You may not delete this entry.")
    )
    with acting_as(actor):
        entry.delete()


def _clean_topic(topic: Topic) -> None:
    topic.name = normalize(topic.name or "")
    topic.description = normalize_block(topic.description or "")
    topic.code = (topic.code or "").strip().lower()
    errors: dict[str, str] = {}
    if not topic.name:
        errors["name"] = _("Enter the topic's name.")
    if not topic.code:
        errors["code"] = _("Enter the topic's code.")
    elif Topic.objects.filter(code=topic.code).exclude(pk=topic.pk).exists():
        errors["code"] = _("Another topic has this code.")
    if errors:
        raise SituationError(errors)


@transaction.atomic
def create_topic(
    *,
    actor: User,
    code: str,
    name: str,
    description: str = "",
    order: int = 0,
    active: bool = True,
) -> Topic:
    """Add a topic to the catalogue (the system's administrators)."""
    rules.require(may_edit_topics(actor), _("You may not change the topics."))
    topic = Topic(
        code=code, name=name, description=description, order=order, active=active
    )
    _clean_topic(topic)
    with acting_as(actor):
        topic.save()
    return topic


@transaction.atomic
def update_topic(*, actor: User, topic: Topic, **fields: Any) -> Topic:
    """Change a topic of the catalogue."""
    unknown = set(fields) - set(TOPIC_FIELDS)
    if unknown:
        raise TypeError(f"update_topic: unknown fields {sorted(unknown)}")
    rules.require(may_edit_topics(actor), _("You may not change the topics."))
    for name, value in fields.items():
        setattr(topic, name, value)
    _clean_topic(topic)
    with acting_as(actor):
        topic.save()
    return topic
