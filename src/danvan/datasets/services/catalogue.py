"""The catalogue of figures: indicators, report forms, their sections, items
and validation rules.

Rights: indicators (shared by every form) are changed by superusers and
administrators (``may_change_indicators``); a form, its sections, items and
rules by the editors of its owner body (``may_edit_form``). Commands and the
demo act as ``common.actors.system_actor()``.

Every change of a form's content (sections, indicators, rules) once a
submission of it exists raises ``form.version`` (``bump_version``): a
spreadsheet filled from the older version is refused, and the values of an
indicator taken off the form are shown apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from danvan.accounts.roles import Role
from danvan.common.access import may_act_somewhere
from danvan.common.actors import is_system
from danvan.common.audit import acting_as
from danvan.common.numbers import format_number
from danvan.common.rules import may_administer, may_edit, may_view, require
from danvan.common.text import normalize
from danvan.datasets import rules
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.models import (
    Aggregation,
    Breakdown,
    DataValue,
    FormIndicator,
    FormSection,
    Indicator,
    ReportForm,
    Submission,
    ValidationRule,
    ValueType,
)
from danvan.meetings.models import PeriodType
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

# Codes of indicators: upper-case letters, digits and "_" (rules name them).
CODE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")
FORM_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")

INDICATOR_FIELDS = (
    "code",
    "name",
    "value_type",
    "unit",
    "aggregation",
    "breakdown",
    "description",
    "active",
)
FORM_FIELDS = (
    "code",
    "name",
    "description",
    "period_type",
    "owner_body",
    "area",
    "reporter_level",
    "reporter_kinds",
    "reporter_name",
    "cutoff_day",
    "deadline_days",
    "approval",
    "active",
)


# --- rights ---------------------------------------------------------------------------


def may_change_indicators(user: User | AnonymousUser) -> bool:
    """Superusers and administrators (of any unit) keep the shared indicators."""
    return may_administer(user) or may_act_somewhere(user, Role.ADMINISTRATOR)


def may_edit_form(user: User | AnonymousUser, form: ReportForm) -> bool:
    """Editors of the form's owner body (or of its area) change the form."""
    return is_system(user) or may_edit(user, form.owner_body)


def _require_form(actor: User, form: ReportForm) -> None:
    require(
        may_edit_form(actor, form),
        _("You may not change the form “%(form)s”.") % {"form": form},
    )


def bump_version(form: ReportForm) -> None:
    """Raise the form's version once a submission of it exists."""
    if Submission.objects.filter(form=form).exists():
        ReportForm.objects.filter(pk=form.pk).update(version=F("version") + 1)
        form.version += 1


# --- indicators -----------------------------------------------------------------------


def _check_indicator(values: dict[str, Any]) -> None:
    if not CODE.fullmatch(values["code"]):
        raise DatasetError(
            _(
                "The code “%(code)s” must be upper-case letters, digits and _, "
                "starting with a letter (MH_HIEU_QUA)."
            )
            % {"code": values["code"]}
        )
    if not values["name"]:
        raise DatasetError(_("The indicator needs a name."))
    if values["value_type"] not in ValueType.values:
        raise DatasetError(
            _("Unknown value type “%(type)s”.") % {"type": values["value_type"]}
        )
    if values["aggregation"] not in Aggregation.values:
        raise DatasetError(
            _("Unknown aggregation “%(aggregation)s”.")
            % {"aggregation": values["aggregation"]}
        )
    if values["value_type"] == ValueType.TEXT and values["breakdown"] is not None:
        raise DatasetError(_("A text indicator has no breakdown."))


@transaction.atomic
def create_indicator(
    *,
    actor: User,
    code: str,
    name: str,
    value_type: str,
    unit: str = "",
    aggregation: str = Aggregation.SUM,
    breakdown: Breakdown | None = None,
    description: str = "",
    active: bool = True,
) -> Indicator:
    require(may_change_indicators(actor), _("You may not change the indicators."))
    values: dict[str, Any] = {
        "code": code.strip().upper(),
        "name": normalize(name),
        "value_type": value_type,
        "unit": normalize(unit),
        "aggregation": aggregation,
        "breakdown": breakdown,
        "description": description.strip(),
        "active": active,
    }
    _check_indicator(values)
    if Indicator.objects.filter(code=values["code"]).exists():
        raise DatasetError(
            _("An indicator with the code “%(code)s” exists.")
            % {"code": values["code"]}
        )
    indicator = Indicator(**values)
    with acting_as(actor):
        indicator.save()
    return indicator


@transaction.atomic
def update_indicator(*, actor: User, indicator: Indicator, **changes: Any) -> Indicator:
    """Change an indicator; its code, value type and breakdown are fixed once
    values of it exist, and its code while a rule names it."""
    require(may_change_indicators(actor), _("You may not change the indicators."))
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    values = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    values.update(changes)
    values["code"] = str(values["code"]).strip().upper()
    values["name"] = normalize(values["name"])
    values["unit"] = normalize(values["unit"])
    values["description"] = str(values["description"]).strip()
    _check_indicator(values)
    fixed = [
        name
        for name in ("code", "value_type", "breakdown")
        if values[name] != getattr(indicator, name)
    ]
    if fixed and DataValue.objects.filter(indicator=indicator).exists():
        raise DatasetError(
            _(
                "Values of “%(indicator)s” have been entered: its code, value "
                "type and breakdown can no longer change."
            )
            % {"indicator": indicator}
        )
    if values["code"] != indicator.code:
        if Indicator.objects.filter(code=values["code"]).exists():
            raise DatasetError(
                _("An indicator with the code “%(code)s” exists.")
                % {"code": values["code"]}
            )
        naming = _rules_naming(indicator.code)
        if naming:
            raise DatasetError(
                _("The code “%(code)s” is used by the rule “%(rule)s” of “%(form)s”.")
                % {"code": indicator.code, "rule": naming[0], "form": naming[0].form}
            )
    for name, value in values.items():
        setattr(indicator, name, value)
    with acting_as(actor):
        indicator.save()
    return indicator


def _rules_naming(code: str, form: ReportForm | None = None) -> list[ValidationRule]:
    found = ValidationRule.objects.select_related("form")
    if form is not None:
        found = found.filter(form=form)
    candidates = found.filter(left__icontains=code) | found.filter(
        right__icontains=code
    )
    return [
        rule
        for rule in candidates.order_by("pk")
        if code in _codes_of(rule.left, rule.right)
    ]


def _codes_of(left: str, right: str) -> tuple[str, ...]:
    try:
        return rules.codes_of(rules.parse_side(left), rules.parse_side(right))
    except DatasetError:
        return ()


# --- forms ----------------------------------------------------------------------------


def _check_form(actor: User, values: dict[str, Any]) -> None:
    if not FORM_CODE.fullmatch(values["code"]):
        raise DatasetError(
            _(
                "The form's code “%(code)s” must be lower-case letters, digits "
                "and -, such as bc-dan-van-quy."
            )
            % {"code": values["code"]}
        )
    if not values["name"]:
        raise DatasetError(_("The form needs a name."))
    if values["period_type"] not in PeriodType.values:
        raise DatasetError(_("Choose the period type of the form."))
    if values["reporter_level"] not in Area.Level.values:
        raise DatasetError(_("Choose the level of the units that report."))
    kinds = values["reporter_kinds"]
    if not kinds or any(kind not in Body.Kind.values for kind in kinds):
        raise DatasetError(_("Choose the kinds of body that report."))
    if not 1 <= int(values["cutoff_day"]) <= 28:
        raise DatasetError(_("The cut-off day is between 1 and 28."))
    if not 0 <= int(values["deadline_days"]) <= 90:
        raise DatasetError(_("The days to report are between 0 and 90."))
    if values["approval"] not in ReportForm.Approval.values:
        raise DatasetError(_("Choose who approves the form."))
    require(
        may_edit(actor, values["owner_body"]),
        _("You may not issue forms for %(body)s.") % {"body": values["owner_body"]},
    )
    require(
        may_view(actor, values["area"]),
        _("You may not name %(area)s.") % {"area": values["area"]},
    )


def _form_values(values: dict[str, Any]) -> dict[str, Any]:
    values["code"] = str(values["code"]).strip().lower()
    values["name"] = normalize(values["name"])
    values["reporter_name"] = normalize(values["reporter_name"])
    values["description"] = str(values["description"]).strip()
    values["reporter_kinds"] = list(dict.fromkeys(values["reporter_kinds"]))
    return values


@transaction.atomic
def create_form(
    *,
    actor: User,
    code: str,
    name: str,
    owner_body: Body,
    area: Area,
    period_type: str,
    reporter_level: str,
    reporter_kinds: Sequence[str],
    reporter_name: str = "",
    cutoff_day: int = 15,
    deadline_days: int = 5,
    approval: str = ReportForm.Approval.LEVEL_ABOVE,
    description: str = "",
    active: bool = True,
) -> ReportForm:
    """A new form of ``owner_body``, reported by the bodies of
    ``reporter_kinds`` at ``reporter_level`` under ``area``."""
    values = _form_values(
        {
            "code": code,
            "name": name,
            "description": description,
            "period_type": period_type,
            "owner_body": owner_body,
            "area": area,
            "reporter_level": reporter_level,
            "reporter_kinds": list(reporter_kinds),
            "reporter_name": reporter_name,
            "cutoff_day": cutoff_day,
            "deadline_days": deadline_days,
            "approval": approval,
            "active": active,
        }
    )
    _check_form(actor, values)
    if ReportForm.objects.filter(code=values["code"]).exists():
        raise DatasetError(
            _("A form with the code “%(code)s” exists.") % {"code": values["code"]}
        )
    form = ReportForm(**values)
    with acting_as(actor):
        form.save()
    return form


@transaction.atomic
def update_form(*, actor: User, form: ReportForm, **changes: Any) -> ReportForm:
    """Change a form's settings; its code and period type are fixed once a
    submission of it exists."""
    _require_form(actor, form)
    unknown = set(changes) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    form = ReportForm.objects.select_for_update().get(pk=form.pk)
    values = _form_values(
        {name: changes.get(name, getattr(form, name)) for name in FORM_FIELDS}
    )
    _check_form(actor, values)
    fixed = [
        name for name in ("code", "period_type") if values[name] != getattr(form, name)
    ]
    if fixed and Submission.objects.filter(form=form).exists():
        raise DatasetError(
            _(
                "Units have reported “%(form)s”: its code and period type can no "
                "longer change."
            )
            % {"form": form}
        )
    if (
        values["code"] != form.code
        and ReportForm.objects.filter(code=values["code"]).exists()
    ):
        raise DatasetError(
            _("A form with the code “%(code)s” exists.") % {"code": values["code"]}
        )
    for name, value in values.items():
        setattr(form, name, value)
    with acting_as(actor):
        form.save()
    return form


# --- sections -------------------------------------------------------------------------


@transaction.atomic
def add_section(
    *, actor: User, form: ReportForm, title: str, order: int | None = None
) -> FormSection:
    _require_form(actor, form)
    title = normalize(title)
    if not title:
        raise DatasetError(_("The section needs a title."))
    if order is None:
        order = (form.sections.aggregate(last=Max("order"))["last"] or 0) + 1
    section = FormSection(form=form, title=title, order=order)
    with acting_as(actor):
        section.save()
        bump_version(form)
    return section


@transaction.atomic
def remove_section(*, actor: User, section: FormSection) -> None:
    """Remove a section; its indicators stay on the form, outside any section."""
    form = section.form
    _require_form(actor, form)
    with acting_as(actor):
        for item in section.items.all():
            item.section = None
            item.save()
        section.delete()
        bump_version(form)


# --- indicators of a form -------------------------------------------------------------


@transaction.atomic
def add_indicator_to_form(
    *,
    actor: User,
    form: ReportForm,
    indicator: Indicator,
    section: FormSection | None = None,
    required: bool = False,
    order: int | None = None,
) -> FormIndicator:
    _require_form(actor, form)
    if section is not None and section.form_id != form.pk:
        raise DatasetError(_("The section is not one of this form's."))
    if not indicator.active:
        raise DatasetError(
            _("The indicator “%(indicator)s” is no longer in use.")
            % {"indicator": indicator}
        )
    if form.items.filter(indicator=indicator).exists():
        raise DatasetError(
            _("“%(indicator)s” is on the form already.") % {"indicator": indicator}
        )
    if order is None:
        order = (form.items.aggregate(last=Max("order"))["last"] or 0) + 1
    item = FormIndicator(
        form=form, section=section, indicator=indicator, required=required, order=order
    )
    try:
        with transaction.atomic(), acting_as(actor):
            item.save()
    except IntegrityError:
        raise DatasetError(
            _("“%(indicator)s” is on the form already.") % {"indicator": indicator}
        ) from None
    with acting_as(actor):
        bump_version(form)
    return item


@transaction.atomic
def remove_indicator_from_form(*, actor: User, item: FormIndicator) -> None:
    """Take an indicator off its form (its values stay, shown apart); refused
    while a rule of the form names it."""
    form = item.form
    _require_form(actor, form)
    naming = _rules_naming(item.indicator.code, form)
    if naming:
        raise DatasetError(
            _("The rule “%(rule)s” names “%(code)s”: remove the rule first.")
            % {"rule": naming[0], "code": item.indicator.code}
        )
    with acting_as(actor):
        item.delete()
        bump_version(form)


@transaction.atomic
def set_required(*, actor: User, item: FormIndicator, required: bool) -> None:
    """Make an indicator of a form required (submission refused without its
    value) or optional."""
    form = item.form
    _require_form(actor, form)
    if item.required == required:
        return
    item.required = required
    with acting_as(actor):
        item.save()
        bump_version(form)


@transaction.atomic
def reorder_items(*, actor: User, form: ReportForm, order: Sequence[int]) -> None:
    """Put the form's items in the order of their keys in ``order`` (items not
    named keep their place after them)."""
    _require_form(actor, form)
    items = {item.pk: item for item in form.items.all()}
    unknown = [pk for pk in order if pk not in items]
    if unknown:
        raise DatasetError(_("An item is not one of this form's."))
    rest = [
        pk for pk in sorted(items, key=lambda k: (items[k].order, k)) if pk not in order
    ]
    with acting_as(actor):
        for position, pk in enumerate([*order, *rest], start=1):
            item = items[pk]
            if item.order != position:
                item.order = position
                item.save()
        bump_version(form)


def move_item(*, actor: User, item: FormIndicator, step: int) -> None:
    """Move an item one place up (``step`` -1) or down (+1) on its form."""
    form = item.form
    keys = list(form.items.order_by("order", "pk").values_list("pk", flat=True))
    at = keys.index(item.pk)
    to = max(0, min(len(keys) - 1, at + step))
    if to == at:
        return
    keys[at], keys[to] = keys[to], keys[at]
    reorder_items(actor=actor, form=form, order=keys)


# --- rules ----------------------------------------------------------------------------


def _side_text(terms: list[rules.Term]) -> str:
    parts = []
    for position, (sign, term) in enumerate(terms):
        text = term if isinstance(term, str) else format_number(term, grouping=False)
        if position == 0:
            parts.append(f"-{text}" if sign < 0 else text)
        else:
            parts.append(f"{'-' if sign < 0 else '+'} {text}")
    return " ".join(parts)


@transaction.atomic
def add_rule(
    *,
    actor: User,
    form: ReportForm,
    name: str,
    left: str,
    operator: str,
    right: str,
    severity: str = ValidationRule.Severity.BLOCKING,
    message: str = "",
) -> ValidationRule:
    """A rule ``left operator right`` between indicators of ``form`` (each side
    a sum of codes and numbers, checked by ``rules.check_rule``)."""
    _require_form(actor, form)
    if operator not in ValidationRule.Operator.values:
        raise DatasetError(_("Choose the comparison of the rule."))
    if severity not in ValidationRule.Severity.values:
        raise DatasetError(_("Choose whether the rule warns or blocks."))
    left_terms, right_terms = rules.check_rule(form, left, right)
    name = normalize(name)
    if not name:
        raise DatasetError(_("The rule needs a name."))
    rule = ValidationRule(
        form=form,
        name=name,
        left=_side_text(left_terms),
        operator=operator,
        right=_side_text(right_terms),
        severity=severity,
        message=normalize(message) or name,
    )
    with acting_as(actor):
        rule.save()
        bump_version(form)
    return rule


@transaction.atomic
def remove_rule(*, actor: User, rule: ValidationRule) -> None:
    form = rule.form
    _require_form(actor, form)
    with acting_as(actor):
        rule.delete()
        bump_version(form)
