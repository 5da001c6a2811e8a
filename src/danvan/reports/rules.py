"""Who may write, approve, send, return and comment on a periodic report.

The rules themselves live in ``common.rules`` (one place for every app):

- writing the text and submitting it: an editor over the writing body
  (``may_edit``);
- approving it (and returning it before it is sent): an approver of the
  unit, its own included (``may_approve``: the head of the office signs
  the unit's own report);
- sending the approved report: the unit's editor or approver;
- returning a report already sent: an approver of the level above, never
  the unit itself (``may_judge``);
- commenting: the unit's own editors, its approvers and the level above.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from danvan.accounts.roles import Role
from danvan.common.access import unit_scope
from danvan.common.rules import judgeable_q, may_approve, may_edit, may_judge

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.reports.models import Report


def may_write(user: User | AnonymousUser, report: Report) -> bool:
    """May ``user`` change the report's text and submit it (an editor over
    the writing body)?"""
    return may_edit(user, report)


def may_approve_report(user: User | AnonymousUser, report: Report) -> bool:
    """May ``user`` approve the report, or return it before it is sent?"""
    return may_approve(user, report)


def may_send(user: User | AnonymousUser, report: Report) -> bool:
    """May ``user`` send the approved report to the level above?"""
    return may_edit(user, report)


def may_return_sent(user: User | AnonymousUser, report: Report) -> bool:
    """May ``user`` return a report already sent (the level above)?"""
    return may_judge(user, report)


def may_comment(user: User | AnonymousUser, report: Report) -> bool:
    """May ``user`` comment on the report: its editors and approvers, and
    the level above (an approver above is an editor below too)?"""
    return may_edit(user, report) or may_judge(user, report)


def approving_q(user: User | AnonymousUser) -> Q:
    """Match the reports ``user`` approves (an approver over their unit)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return unit_scope(user, area="area_", body="body_", min_role=Role.APPROVER)


def judging_q(user: User | AnonymousUser) -> Q:
    """Match the reports ``user`` judges as the level above."""
    return judgeable_q(user, area="area_", body="body_")
