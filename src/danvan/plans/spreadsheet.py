"""A plan's targets as an XLSX workbook, out and in.

The sheet has one row per target: its number in the plan ("1.5": the group's
number, then the target's), the group, the target, its unit, baseline, value,
direction, due year, responsible body and the number of the parent plan's
target it serves. Reading it back (``import_targets``) changes the targets
of the same numbers and adds the others; a file with any bad row is refused
whole, every bad row listed, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import load_workbook

from danvan.common.actors import is_system
from danvan.common.audit import acting_as
from danvan.common.numbers import NumberError, format_number, parse_number
from danvan.common.safefiles import (
    CORRUPT,
    ParseRefusedError,
    RowCounter,
    check_zip,
    configured_limits,
)
from danvan.common.text import clean_input, fold
from danvan.common.xlsx import workbook_bytes
from danvan.plans import services
from danvan.plans.exceptions import ImportRefusedError
from danvan.plans.models import Direction, Plan, PlanGroup, Target
from danvan.units.models import Body

if TYPE_CHECKING:
    from danvan.accounts.models import User

# The direction as the sheet writes it (Vietnamese, whatever the UI language).
DIRECTION_VI = {
    Direction.HIGHER: "càng cao càng tốt",
    Direction.LOWER: "càng thấp càng tốt",
    Direction.AT_LEAST: "tối thiểu",
    Direction.AT_MOST: "tối đa",
}

COLUMNS = (
    ("code", pgettext_lazy("plan", "No.")),
    ("group", gettext_lazy("Group")),
    ("name", gettext_lazy("Target")),
    ("unit", gettext_lazy("Unit of measure")),
    ("baseline", gettext_lazy("Baseline")),
    ("target_value", gettext_lazy("Target value")),
    ("direction", gettext_lazy("Direction")),
    ("due_year", gettext_lazy("Due by the year")),
    ("responsible_body", gettext_lazy("Responsible body")),
    ("serves", gettext_lazy("Contributes to the target No.")),
)
REQUIRED = ("code", "group", "name", "target_value")
_CODE = re.compile(r"(\d{1,3})\.(\d{1,4})")


def _number(value: Decimal | None) -> str:
    return format_number(value) if value is not None else ""


def export_bytes(plan: Plan) -> bytes:
    """The plan's targets as a workbook (numbers written the Vietnamese way)."""
    targets = plan.targets.select_related(
        "group", "responsible_body", "serves__group"
    ).order_by("group__order", "order", "pk")
    rows = (
        [
            t.code,
            t.group.name,
            t.name,
            t.unit,
            _number(t.baseline),
            _number(t.target_value),
            DIRECTION_VI[Direction(t.direction)],
            t.due_year or "",
            t.responsible_body.name if t.responsible_body else "",
            t.serves.code if t.serves else "",
        ]
        for t in targets
    )
    return workbook_bytes(_("Targets"), [str(label) for _k, label in COLUMNS], rows)


# --- reading -------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    values: dict[str, Any]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_input(str(value), multiline=False)


def _header_keys() -> dict[str, str]:
    keys = {}
    for key, label in COLUMNS:
        keys[fold(str(label))] = key
        keys[fold(key)] = key
    # The Vietnamese headers, whatever the language of the one importing.
    keys.update(
        {
            "stt": "code",
            "nhom": "group",
            "chi tieu": "name",
            "don vi tinh": "unit",
            "gia tri co so": "baseline",
            "gia tri chi tieu": "target_value",
            "chieu": "direction",
            "nam dat": "due_year",
            "co quan chu tri": "responsible_body",
            "gop phan thuc hien chi tieu so": "serves",
        }
    )
    return keys


def read_rows(stream: IO[bytes]) -> list[Row]:
    """The rows of the first sheet keyed by column; ImportRefusedError when
    the file itself cannot be read (bomb, damaged, no header, no rows)."""
    limits = configured_limits()
    unreadable = _("The file is not a readable XLSX workbook.")

    def refuse(message: str) -> ImportRefusedError:
        return ImportRefusedError(message, [message])

    try:
        check_zip(stream, kind="XLSX", limits=limits)
    except ParseRefusedError as exc:
        raise refuse(unreadable if exc.template == CORRUPT else exc.message) from exc
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise refuse(unreadable) from exc
    try:
        sheet = book.worksheets[0]
        cells = sheet.iter_rows(max_col=limits.max_xlsx_columns, values_only=True)
        header = next(cells, None)
        if not header:
            raise refuse(_("The sheet is empty."))
        known = _header_keys()
        keys = [known.get(fold(_text(h))) for h in header]
        missing = [
            str(label) for key, label in COLUMNS if key in REQUIRED and key not in keys
        ]
        if missing:
            raise refuse(
                _("The first row lacks the columns: %(columns)s.")
                % {"columns": ", ".join(missing)}
            )
        rows = []
        counter = RowCounter(limits)
        for number, values in enumerate(cells, start=2):
            blank = not any(_text(v) for v in values)
            counter.add(blank=blank)
            if not blank:
                row = {k: v for k, v in zip(keys, values, strict=False) if k}
                rows.append(Row(number, row))
    except ParseRefusedError as exc:
        raise refuse(exc.message) from exc
    finally:
        book.close()
    if not rows:
        raise refuse(_("The sheet has no rows under the header."))
    return rows


def _decimal(
    value: Any, label: str, required: bool, errors: list[str]
) -> Decimal | None:
    if value is None or _text(value) == "":
        if required:
            errors.append(_("%(column)s is empty") % {"column": label})
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    try:
        return parse_number(_text(value))
    except NumberError:
        errors.append(
            _("%(column)s “%(value)s” is not a number")
            % {"column": label, "value": _text(value)}
        )
        return None


def _label(key: str) -> str:
    return str(dict(COLUMNS)[key])


def _directions() -> dict[str, str]:
    found: dict[str, str] = {fold(v): k for k, v in DIRECTION_VI.items()}
    found.update({fold(str(label)): value for value, label in Direction.choices})
    found.update({value: value for value in Direction.values})
    return found


@dataclass
class _Parsed:
    row: int
    group_order: int
    order: int
    group: str
    fields: dict[str, Any]


def _bodies(actor: User, names: set[str]) -> dict[str, Body]:
    rows = Body.objects.all() if is_system(actor) else Body.objects.visible_to(actor)
    found: dict[str, Body] = {}
    folded = {fold(n) for n in names if n}
    if not folded:
        return found
    for body in rows.filter(name__in=names).only("pk", "name").order_by("pk"):
        key = fold(body.name)
        if key in folded and key not in found:
            found[key] = body
    return found


def _parse(plan: Plan, actor: User, rows: list[Row]) -> tuple[list[_Parsed], list[str]]:
    errors: list[str] = []
    parsed: list[_Parsed] = []
    directions = _directions()
    bodies = _bodies(actor, {_text(r.values.get("responsible_body")) for r in rows})
    served: dict[str, Target] = {}
    if plan.parent_id:
        served = {
            t.code: t
            for t in Target.objects.filter(plan=plan.parent_id).select_related("group")
        }
    seen: set[tuple[int, int]] = set()
    for row in rows:
        problems: list[str] = []
        values = row.values
        code = _text(values.get("code"))
        match = _CODE.fullmatch(code)
        if not match:
            problems.append(
                _("%(column)s “%(value)s” is not a number such as 1.5")
                % {"column": _label("code"), "value": code}
            )
            group_order = order = 0
        else:
            group_order, order = int(match[1]), int(match[2])
            if (group_order, order) in seen:
                problems.append(_("the number %(code)s is repeated") % {"code": code})
            seen.add((group_order, order))
        group = _text(values.get("group"))
        if not group:
            problems.append(_("%(column)s is empty") % {"column": _label("group")})
        name = clean_input(str(values.get("name") or ""), multiline=True)
        if not name:
            problems.append(_("%(column)s is empty") % {"column": _label("name")})
        fields: dict[str, Any] = {"name": name, "unit": _text(values.get("unit"))}
        fields["target_value"] = _decimal(
            values.get("target_value"), _label("target_value"), True, problems
        )
        fields["baseline"] = _decimal(
            values.get("baseline"), _label("baseline"), False, problems
        )
        direction = fold(_text(values.get("direction")))
        if not direction:
            fields["direction"] = Direction.HIGHER
        elif direction in directions:
            fields["direction"] = directions[direction]
        else:
            problems.append(
                _("%(column)s “%(value)s” is not one of: %(choices)s")
                % {
                    "column": _label("direction"),
                    "value": _text(values.get("direction")),
                    "choices": "; ".join(DIRECTION_VI.values()),
                }
            )
        year = _text(values.get("due_year"))
        fields["due_year"] = None
        if year:
            if year.isdigit() and plan.starts_year <= int(year) <= plan.ends_year + 10:
                fields["due_year"] = int(year)
            else:
                problems.append(
                    _("%(column)s “%(value)s” is not a year of the plan")
                    % {"column": _label("due_year"), "value": year}
                )
        body = _text(values.get("responsible_body"))
        fields["responsible_body"] = None
        if body:
            if fold(body) in bodies:
                fields["responsible_body"] = bodies[fold(body)]
            else:
                problems.append(
                    _("%(column)s “%(value)s” is not a body of your units")
                    % {"column": _label("responsible_body"), "value": body}
                )
        serves = _text(values.get("serves"))
        fields["serves"] = None
        if serves:
            if serves in served:
                fields["serves"] = served[serves]
            else:
                problems.append(
                    _("%(column)s “%(value)s” is no target of the plan implemented")
                    % {"column": _label("serves"), "value": serves}
                )
        if problems:
            errors.append(
                _("Row %(row)s: %(problems)s.")
                % {"row": row.number, "problems": "; ".join(problems)}
            )
        else:
            parsed.append(_Parsed(row.number, group_order, order, group, fields))
    return parsed, errors


def _refused(errors: list[str]) -> str:
    return _("The file was not imported: %(count)s bad rows.") % {"count": len(errors)}


@transaction.atomic
def import_targets(*, actor: User, plan: Plan, stream: IO[bytes]) -> int:
    """Write the targets of the sheet into ``plan``; the number written.

    Refused whole (``ImportRefusedError`` listing every bad row) when a row
    is bad; nothing is written then.
    """
    services._check_editor(actor, plan)
    rows = read_rows(stream)
    parsed, errors = _parse(plan, actor, rows)
    if errors:
        raise ImportRefusedError(
            _("The file was not imported: %(count)s bad rows.")
            % {"count": len(errors)},
            errors,
        )
    groups = {g.order: g for g in plan.groups.all()}
    existing = {
        (t.group.order, t.order): t
        for t in plan.targets.select_related("group", "plan")
    }
    for item in parsed:
        group = groups.get(item.group_order)
        try:
            if group is None:
                with acting_as(actor):
                    group = PlanGroup.objects.create(
                        plan=plan, name=item.group, order=item.group_order
                    )
                groups[item.group_order] = group
            elif fold(group.name) != fold(item.group):
                services.update_group(actor=actor, group=group, name=item.group)
            target = existing.get((item.group_order, item.order))
            if target is None:
                services.add_target(
                    actor=actor,
                    plan=plan,
                    group=group,
                    order=item.order,
                    **item.fields,
                )
            else:
                services.update_target(actor=actor, target=target, **item.fields)
        except ValidationError as exc:
            errors.append(
                _("Row %(row)s: %(problems)s.")
                % {"row": item.row, "problems": "; ".join(exc.messages)}
            )
    if errors:
        # Raised inside the transaction: every row written above is undone.
        raise ImportRefusedError(
            _("The file was not imported: %(count)s bad rows.")
            % {"count": len(errors)},
            errors,
        )
    return len(parsed)
