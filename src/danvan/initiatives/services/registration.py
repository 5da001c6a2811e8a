"""Registering a model and changing its registration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common import audit
from danvan.common.actors import is_system
from danvan.common.text import normalize
from danvan.initiatives import rules
from danvan.initiatives.exceptions import WrongStatusError
from danvan.initiatives.models import Criterion, Field, Initiative
from danvan.initiatives.services.base import (
    FIRST_YEAR,
    REGISTRATION_FIELDS,
    TEXT_FIELDS,
    Status,
    as_int,
    search_text_of,
    unit_fields,
)

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.units.models import Area, Body


def _check_register(actor: User, area: Area, body: Body | None) -> None:
    if not rules.may_register(actor, area=area, body=body):
        raise PermissionDenied(_("You may not register models for this unit."))


def _clean(initiative: Initiative) -> None:
    errors: dict[str, list[str]] = {}
    this_year = timezone.localdate().year
    if not initiative.name.strip():
        errors.setdefault("name", []).append(_("Give the model a name."))
    if not FIRST_YEAR <= initiative.year <= this_year + 1:
        errors.setdefault("year", []).append(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": this_year + 1}
        )
    if (
        initiative.start_date
        and initiative.end_date
        and initiative.start_date > initiative.end_date
    ):
        errors.setdefault("end_date", []).append(
            _("The end date is before the start date.")
        )
    if initiative.body is not None and initiative.body.area_id != initiative.area_id:
        errors.setdefault("body", []).append(
            _("The body does not belong to the chosen area.")
        )
    if initiative.field_id and not initiative.field.active and initiative._state.adding:
        errors.setdefault("field", []).append(_("This field is no longer in use."))
    origin = initiative.adopted_from
    if origin is not None:
        if initiative.pk and _in_chain(origin, initiative.pk):
            errors.setdefault("adopted_from", []).append(
                _("A model cannot be adopted from itself or from its own copies.")
            )
        elif not origin.is_registered:
            errors.setdefault("adopted_from", []).append(
                _("Only a registered model can be replicated.")
            )
    previous = initiative.previous
    if previous is not None and (
        previous.year >= initiative.year or previous.pk == initiative.pk
    ):
        errors.setdefault("previous", []).append(
            _("The previous registration must be of an earlier year.")
        )
    if errors:
        raise ValidationError(errors)


def _check_links(actor: User, initiative: Initiative, before: dict[str, Any]) -> None:
    """Refuse an origin or a previous registration the actor may not see.

    The adopt page only offers models in the actor's scope; a form or API call
    naming another id must not link (and so reveal) a model outside it. A link
    set earlier stays, even when it has since left the actor's scope.
    """
    if is_system(actor):
        return
    visible = Initiative.objects.visible_to(actor)
    errors: dict[str, list[str]] = {}
    for name in ("adopted_from", "previous"):
        pk = getattr(initiative, f"{name}_id")
        if pk and pk != before.get(name) and not visible.filter(pk=pk).exists():
            errors[name] = [_("Choose a model within your scope.")]
    if errors:
        raise ValidationError(errors)


def _in_chain(origin: Initiative, pk: int) -> bool:
    seen: set[int] = set()
    current: Initiative | None = origin
    while current is not None and current.pk not in seen:
        if current.pk == pk:
            return True
        seen.add(current.pk)
        current = current.adopted_from
    return False


def _apply(initiative: Initiative, data: Mapping[str, Any]) -> None:
    for name, value in data.items():
        if name not in REGISTRATION_FIELDS:
            raise TypeError(f"Unknown field of a model: {name}")
        if name in TEXT_FIELDS:
            value = normalize(value or "") if name in ("name", "place") else value
            value = (value or "").strip()
        elif name in ("money_vnd", "working_days", "socialized_vnd"):
            value = as_int(value)
        setattr(initiative, name, value)
    if initiative.previous_id:
        initiative.continuing = True


def _set_criteria(
    initiative: Initiative, criteria: Sequence[Mapping[str, Any]]
) -> None:
    """Replace the criteria by ``criteria`` (dicts: name, unit, target; pk kept)."""
    keep: list[int] = []
    existing = {c.pk: c for c in initiative.criteria.all()}
    for order, item in enumerate(criteria, 1):
        name = normalize(str(item.get("name") or ""))
        if not name:
            continue
        row = existing.get(item.get("pk") or 0) or Criterion(initiative=initiative)
        row.name = name
        row.unit = normalize(str(item.get("unit") or ""))
        row.target = item.get("target")
        if "actual" in item:
            row.actual = item.get("actual")
        row.order = order
        row.save()
        keep.append(row.pk)
    initiative.criteria.exclude(pk__in=keep).delete()


@transaction.atomic
def create_initiative(
    *,
    actor: User,
    area: Area | None,
    body: Body | None = None,
    field: Field,
    name: str,
    year: int,
    criteria: Sequence[Mapping[str, Any]] = (),
    status: str = Status.DRAFT,
    **data: Any,
) -> Initiative:
    """Register a model for a unit as a draft (or, for the system, any status)."""
    if body is not None:
        area = body.area
    # The form and the API refuse a registration with neither area nor body.
    assert area is not None, "an area or a body is required"
    _check_register(actor, area, body)
    if not is_system(actor) and status != Status.DRAFT:
        raise WrongStatusError(_("A new registration starts as a draft."))
    initiative = Initiative(
        field=field,
        name=name,
        year=year,
        status=status,
        created_by=actor,
        **unit_fields(area=area, body=body),
    )
    _apply(initiative, {"name": name, **data})
    _check_links(actor, initiative, {})
    _clean(initiative)
    initiative.search_text = search_text_of(initiative)
    with audit.acting_as(actor):
        initiative.save()
        _set_criteria(initiative, criteria)
    return initiative


@transaction.atomic
def update_initiative(
    *,
    actor: User,
    initiative: Initiative,
    area: Area | None = None,
    body: Body | None = None,
    criteria: Sequence[Mapping[str, Any]] | None = None,
    **data: Any,
) -> Initiative:
    """Change a draft or returned registration (its unit included)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not change this model."))
    if not is_system(actor) and not initiative.is_editable:
        raise WrongStatusError(
            _("A model can be changed only as a draft or when returned for changes.")
        )
    if area is not None or body is not None:
        if body is not None:
            area = body.area
        assert area is not None
        _check_register(actor, area, body)
        for name, value in unit_fields(area=area, body=body).items():
            setattr(initiative, name, value)
    before = {
        "adopted_from": initiative.adopted_from_id,
        "previous": initiative.previous_id,
    }
    _apply(initiative, data)
    _check_links(actor, initiative, before)
    _clean(initiative)
    initiative.search_text = search_text_of(initiative)
    with audit.acting_as(actor):
        initiative.save()
        if criteria is not None:
            _set_criteria(initiative, criteria)
    return initiative
