"""Who may register, change, review and judge a "Dân vận khéo" model.

The rules themselves live in ``common.rules`` (one place for every app):
registering and changing need an editor over the registering unit (its body,
or its area); reviewing (accepting, returning, evaluating, commending,
publishing as exemplary) needs an approver of the level above who does not
belong to the model's own unit (``common.rules.may_judge``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from danvan.common.rules import (
    OwnUnits,
    is_own_unit,
    judgeable_q,
    may_edit_unit,
    may_judge,
    own_units,
    reviewer_unit,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.initiatives.models import Initiative
    from danvan.units.models import Area, Body


def may_register(user: User | AnonymousUser, *, area: Area, body: Body | None) -> bool:
    """May ``user`` register a model for this unit (editor over it)?"""
    return may_edit_unit(user, area=area, body=body)


def may_edit(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """May ``user`` change ``initiative``'s data, report progress, submit it?"""
    return may_edit_unit(user, area=initiative.area, body=initiative.body)


def may_review(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """May ``user`` accept, return, evaluate or commend ``initiative``?"""
    return may_judge(user, initiative)


def reviewable_q(user: User | AnonymousUser) -> Q:
    """Match the models ``user`` may judge: approver scope, minus own units."""
    return judgeable_q(user)


__all__ = [
    "OwnUnits",
    "is_own_unit",
    "may_edit",
    "may_register",
    "may_review",
    "own_units",
    "reviewable_q",
    "reviewer_unit",
]
