"""Continuing a model into the next year and replicating it in another unit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.initiatives.exceptions import WrongStatusError
from danvan.initiatives.models import Initiative
from danvan.initiatives.services.base import REGISTRATION_FIELDS
from danvan.initiatives.services.registration import create_initiative

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.units.models import Area, Body


def _copy(
    source: Initiative, *, fields: Iterable[str] = REGISTRATION_FIELDS
) -> dict[str, Any]:
    skip = {"adopted_from", "previous", "continuing", "year"}
    return {name: getattr(source, name) for name in fields if name not in skip}


def _criteria_of(source: Initiative) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "unit": c.unit, "target": c.target}
        for c in source.criteria.all()
    ]


@transaction.atomic
def continue_initiative(
    *, actor: User, initiative: Initiative, year: int
) -> Initiative:
    """Start next year's registration of a model as a draft continuing it."""
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be continued."))
    data = _copy(initiative)
    data.update(previous=initiative, continuing=True)
    return create_initiative(
        actor=actor,
        area=initiative.area,
        body=initiative.body,
        year=year,
        criteria=_criteria_of(initiative),
        **data,
    )


@transaction.atomic
def adopt_initiative(
    *,
    actor: User,
    origin: Initiative,
    area: Area,
    body: Body | None = None,
    year: int,
) -> Initiative:
    """Start a draft in another unit that replicates ``origin`` (nhân rộng)."""
    if not origin.is_registered:
        raise WrongStatusError(_("Only a registered model can be replicated."))
    data = _copy(
        origin,
        fields=["name", "kind", "problem", "goals", "content", "expected_outputs"],
    )
    return create_initiative(
        actor=actor,
        area=area,
        body=body,
        field=origin.field,
        year=year,
        adopted_from=origin,
        criteria=_criteria_of(origin),
        **data,
    )
