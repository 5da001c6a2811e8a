"""Pieces shared by the services of the register: fields, unit columns, numbers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from danvan.common.actors import is_system
from danvan.common.text import fold
from danvan.initiatives import rules
from danvan.initiatives.exceptions import OwnUnitError
from danvan.initiatives.models import Initiative, Level

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.units.models import Area, Body


Status = Initiative.Status

# The registration's own fields, as the form, the import and the export carry them.
TEXT_FIELDS = [
    "name",
    "problem",
    "goals",
    "content",
    "place",
    "beneficiaries",
    "lead_forces",
    "partner_forces",
    "socialized",
    "timeline",
    "expected_outputs",
    "sustainability",
    "person_in_charge",
]
OTHER_FIELDS = [
    "field",
    "kind",
    "year",
    "continuing",
    "money_vnd",
    "working_days",
    "socialized_vnd",
    "start_date",
    "end_date",
    "person",
    "adopted_from",
    "previous",
]
REGISTRATION_FIELDS = TEXT_FIELDS + OTHER_FIELDS
FIRST_YEAR = 2009  # the movement began in 2009 (Bắc Giang, 24-KH/BDVTU)


def level_of(area: Area, body: Body | None) -> str:
    """The level of the registering unit: a body's, else its area's."""
    if body is not None:
        return Level.BODY
    return str(area.level)


def unit_fields(*, area: Area, body: Body | None) -> dict[str, Any]:
    """The unit columns of a model: area, body, and the derived level and path."""
    return {
        "area": area,
        "body": body,
        "level": level_of(area, body),
        "area_path": area.path,
    }


def search_text_of(initiative: Initiative) -> str:
    """The folded text the list search and the similarity hints look in."""
    unit = (
        initiative.body.name
        if initiative.body is not None
        else initiative.area.full_name
    )
    parts = [
        initiative.name,
        initiative.goals,
        initiative.problem,
        initiative.place,
        initiative.beneficiaries,
        initiative.person_in_charge,
        unit,
    ]
    return fold(" \n ".join(p for p in parts if p))


def as_int(value: Any) -> int:
    return int(value or 0)


def as_decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(
            _("“%(value)s” is not a number.") % {"value": value}
        ) from exc


def check_reviewer(actor: User, initiative: Initiative) -> None:
    if is_system(actor):
        return
    if rules.is_own_unit(actor, initiative) and not actor.is_superuser:
        raise OwnUnitError(
            _("This model was registered by your own unit: the level above judges it.")
        )
    if not rules.may_review(actor, initiative):
        raise PermissionDenied(
            _("Only an approver of the level above may judge this model.")
        )
