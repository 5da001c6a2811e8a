"""Writing dialogues, the opinions raised, reception days and the rules.

Every function takes keyword arguments, an ``actor`` first, checks the rules
with it (``common.rules``) and raises ``PermissionDenied`` or
``DialogueError`` (a Vietnamese message) before anything is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common import audit, clock, rules
from danvan.dialogues import obligations
from danvan.dialogues.exceptions import DialogueError
from danvan.dialogues.models import Issue, ObligationRule, Reception, Session

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.situation.models import Topic
    from danvan.units.models import Area, Body

    Actor = User | AnonymousUser

SESSION_FIELDS = (
    "body",
    "area",
    "held_on",
    "leader_name",
    "leader_title",
    "audience_kind",
    "audience",
    "kind",
    "place",
    "participants",
    "subject",
    "summary",
)


def _day(date: dt.date) -> str:
    return f"{date:%d/%m/%Y}"


def _not_future(date: dt.date, what: str) -> None:
    if date > clock.today():
        raise DialogueError(
            _("%(what)s (%(date)s) cannot be in the future.")
            % {"what": what, "date": _day(date)}
        )


def _check_body(body: Body, on: dt.date) -> None:
    if not body.in_force(on):
        raise DialogueError(
            _("%(body)s was not in force on %(date)s.")
            % {"body": body.name, "date": _day(on)}
        )


def may_edit(user: Actor, session: Session) -> bool:
    """May ``user`` change ``session`` and its opinions (its holding body's
    or place's editors)?"""
    return rules.may_edit(user, session)


def may_answer(user: Actor, issue: Issue) -> bool:
    """May ``user`` answer ``issue``: an editor of its session, or of the body
    it is assigned to?"""
    if rules.may_edit(user, issue.session):
        return True
    body = issue.assigned_body
    return body is not None and rules.may_edit(user, body)


def _check_session(actor: Actor, session: Session) -> None:
    rules.require(
        rules.may_edit(actor, session.body),
        _("Only the holding body's editors may record its dialogues."),
    )
    rules.require(
        rules.may_view(actor, session.area),
        _("The place of the dialogue is outside your units."),
    )
    _not_future(session.held_on, _("The date of the dialogue"))
    _check_body(session.body, session.held_on)
    if not session.leader_name.strip() or not session.audience.strip():
        raise DialogueError(_("Name the leader who holds it and the audience."))
    if session.kind not in Session.Kind.values:
        raise DialogueError(_("Choose the kind of dialogue."))
    if session.audience_kind not in Session.Audience.values:
        raise DialogueError(_("Choose the audience."))


@transaction.atomic
def hold_session(
    *,
    actor: Actor,
    body: Body,
    area: Area,
    held_on: dt.date,
    leader_name: str,
    leader_title: str,
    audience_kind: str,
    audience: str,
    kind: str = Session.Kind.REGULAR,
    place: str = "",
    participants: int = 0,
    subject: str = "",
    summary: str = "",
) -> Session:
    """Record a dialogue held by ``body``'s leader at ``area``."""
    session = Session(
        body=body,
        area=area,
        held_on=held_on,
        leader_name=leader_name,
        leader_title=leader_title,
        audience_kind=audience_kind,
        audience=audience,
        kind=kind,
        place=place,
        participants=participants or 0,
        subject=subject,
        summary=summary,
        created_by=actor if isinstance(actor, User) and actor.pk else None,
    )
    _check_session(actor, session)
    session.save()
    return session


@transaction.atomic
def update_session(*, actor: Actor, session: Session, **fields: Any) -> Session:
    """Change a dialogue's facts (the fields of ``SESSION_FIELDS``)."""
    rules.require(
        may_edit(actor, session), _("Only its holding body's editors may change it.")
    )
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(session, name, value)
    _check_session(actor, session)
    early = Q(due_on__lt=session.held_on) | Q(answered_on__lt=session.held_on)
    if session.issues.filter(early).exists():
        raise DialogueError(
            _("An opinion of this dialogue is due or answered before its new date.")
        )
    session.save()
    return session


@transaction.atomic
def add_issue(
    *,
    actor: Actor,
    session: Session,
    raised_by: str,
    content: str,
    topic: Topic | None = None,
    answer: str = "",
    assigned_body: Body | None = None,
    due_on: dt.date | None = None,
) -> Issue:
    """An opinion raised at ``session``: answered there when ``answer`` is
    given, else assigned to a body with a due date."""
    rules.require(
        may_edit(actor, session),
        _("Only the dialogue's holding body's editors may add its opinions."),
    )
    if not content.strip() or not raised_by.strip():
        raise DialogueError(_("Write the opinion and who raised it."))
    issue = Issue(session=session, raised_by=raised_by, content=content, topic=topic)
    if answer.strip():
        if assigned_body is not None or due_on is not None:
            raise DialogueError(
                _(
                    "An opinion answered at the dialogue is not assigned: leave "
                    "the body and the due date empty."
                )
            )
        issue.status = Issue.Status.ANSWERED
        issue.answer = answer
        issue.answered_on = session.held_on
    else:
        if assigned_body is None or due_on is None:
            raise DialogueError(
                _(
                    "An opinion not answered at the dialogue is assigned: choose "
                    "the body that answers it and the due date."
                )
            )
        if due_on < session.held_on:
            raise DialogueError(
                _("The due date (%(due)s) is before the dialogue (%(held)s).")
                % {"due": _day(due_on), "held": _day(session.held_on)}
            )
        rules.require(
            rules.may_view(actor, assigned_body),
            _("The body it is assigned to is outside your units."),
        )
        _check_body(assigned_body, session.held_on)
        issue.status = Issue.Status.ASSIGNED
        issue.assigned_body = assigned_body
        issue.due_on = due_on
    last = session.issues.aggregate(last=Max("order"))["last"] or 0
    issue.order = last + 1
    issue.save()
    return issue


@transaction.atomic
def answer_issue(
    *, actor: Actor, issue: Issue, answer: str, answered_on: dt.date
) -> Issue:
    """The answer to an assigned opinion, given after the dialogue."""
    rules.require(
        may_answer(actor, issue),
        _("Only the dialogue's body or the body it is assigned to may answer it."),
    )
    if issue.status == Issue.Status.ANSWERED:
        raise DialogueError(_("This opinion was answered at the dialogue."))
    if not answer.strip():
        raise DialogueError(_("Write the answer."))
    _not_future(answered_on, _("The date of the answer"))
    if answered_on < issue.session.held_on:
        raise DialogueError(
            _("The answer (%(on)s) cannot be before the dialogue (%(held)s).")
            % {"on": _day(answered_on), "held": _day(issue.session.held_on)}
        )
    issue.answer = answer
    issue.answered_on = answered_on
    issue.status = Issue.Status.DONE
    issue.save()
    return issue


@transaction.atomic
def follow_issue(*, actor: Actor, issue: Issue, on: dt.date, text: str) -> Issue:
    """A dated note of how an assigned opinion is being handled."""
    rules.require(
        may_answer(actor, issue),
        _("Only the dialogue's body or the body it is assigned to may follow it."),
    )
    if issue.status != Issue.Status.ASSIGNED:
        raise DialogueError(_("Only an opinion waiting for its answer is followed."))
    if not text.strip():
        raise DialogueError(_("Write the follow-up."))
    _not_future(on, _("The date of the follow-up"))
    if on < issue.session.held_on:
        raise DialogueError(_("The follow-up cannot be before the dialogue."))
    line = f"{_day(on)}: {text.strip()}"
    issue.follow_up = f"{issue.follow_up}\n{line}".strip()
    issue.save()
    return issue


@transaction.atomic
def record_reception(
    *,
    actor: Actor,
    body: Body,
    held_on: dt.date,
    leader_name: str,
    leader_title: str,
    citizens: int = 0,
    cases: int = 0,
    note: str = "",
) -> Reception:
    """A day ``body``'s leader received citizens."""
    rules.require(
        rules.may_edit(actor, body),
        _("Only the body's editors may record its reception days."),
    )
    _not_future(held_on, _("The reception day"))
    _check_body(body, held_on)
    if not leader_name.strip():
        raise DialogueError(_("Name the leader who received the citizens."))
    if Reception.objects.filter(
        body=body, held_on=held_on, leader_name=leader_name
    ).exists():
        raise DialogueError(
            _("This reception day (%(date)s, %(leader)s) is recorded already.")
            % {"date": _day(held_on), "leader": leader_name}
        )
    reception = Reception(
        body=body,
        held_on=held_on,
        leader_name=leader_name,
        leader_title=leader_title,
        citizens=citizens or 0,
        cases=cases or 0,
        note=note,
    )
    reception.save()
    return reception


def current_rules() -> list[obligations.Rule]:
    """The obligation rules stored, as ``obligations.Rule``s."""
    return [obligations.rule_of(row) for row in ObligationRule.objects.all()]


@transaction.atomic
def replace_rules(*, actor: Actor, new_rules: Iterable[obligations.Rule]) -> int:
    """Replace every obligation rule by ``new_rules``, refused whole when they
    leave a gap or overlap (administrators of the whole system only)."""
    rules.require(
        rules.may_administer(actor),
        _("Only the system's administrators may change the obligations."),
    )
    found = list(new_rules)
    problems = obligations.check(found)
    if problems:
        raise DialogueError(" ".join(problems))
    for row in ObligationRule.objects.all():
        row.delete()  # one by one: each deletion is in the change log
    audit.create_all(
        [
            ObligationRule(
                level=r.level,
                leader=r.leader,
                body_kind=r.body_kind,
                duty=r.duty,
                per_month=r.per_month,
                basis=r.basis,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
            )
            for r in found
        ],
        actor=actor,
    )
    return len(found)
