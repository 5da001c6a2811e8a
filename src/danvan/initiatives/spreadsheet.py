"""The XLSX of registrations offices circulate: template, export, import.

One row per model, in the columns of ``COLUMNS``; the export writes those
columns and a few derived ones (level, status, classification…) that the
import ignores, so a list exported and imported again gives the same
registrations. Headers are recognised in Vietnamese and English, accents
optional. Criteria go in one cell, one a line: ``name | target | unit``.

The import is all or nothing: every row is checked through the same service
as the form (``services.create_initiative``) inside one transaction, and the
transaction is kept only when no row is refused and the user confirms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from danvan.common.numbers import NumberError, format_number, parse_number
from danvan.common.safefiles import ParseLimits, configured_limits
from danvan.common.text import fold, normalize
from danvan.common.xlsx import (
    WorkbookRefusedError,
    append_row,
    cell_text,
    counted_rows,
    open_workbook,
    workbook_bytes,
)
from danvan.initiatives import rules, services
from danvan.initiatives.exceptions import InitiativeError
from danvan.initiatives.models import Field, Initiative
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from danvan.accounts.models import User


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy translation
    imported: bool = True
    width: int = 18


COLUMNS = [
    Column("id", gettext_lazy("ID"), width=8),
    Column("name", gettext_lazy("Name of the model"), width=40),
    Column("field", gettext_lazy("Field"), width=22),
    Column("kind", gettext_lazy("Collective or individual")),
    Column("year", gettext_lazy("Year of registration"), width=10),
    Column("continuing", gettext_lazy("Continued from an earlier year"), width=10),
    Column("area_code", gettext_lazy("Area code"), width=10),
    Column("area_name", gettext_lazy("Area"), width=30),
    Column("body", gettext_lazy("Body"), width=30),
    Column("problem", gettext_lazy("Problem it answers"), width=40),
    Column("goals", gettext_lazy("Goals"), width=40),
    Column("criteria", gettext_lazy("Criteria (name | target | unit)"), width=40),
    Column("content", gettext_lazy("Content and methods"), width=40),
    Column("place", gettext_lazy("Place"), width=25),
    Column("beneficiaries", gettext_lazy("Beneficiaries"), width=25),
    Column("lead_forces", gettext_lazy("Lead forces"), width=25),
    Column("partner_forces", gettext_lazy("Partner forces"), width=25),
    Column("money_vnd", gettext_lazy("Funds (đồng)"), width=15),
    Column("working_days", gettext_lazy("Working days"), width=10),
    Column("socialized", gettext_lazy("Socialized contributions"), width=25),
    Column("socialized_vnd", gettext_lazy("Socialized contributions (đồng)"), width=15),
    Column("start_date", gettext_lazy("Start date"), width=12),
    Column("end_date", gettext_lazy("End date"), width=12),
    Column("timeline", gettext_lazy("Timeline"), width=30),
    Column("expected_outputs", gettext_lazy("Expected outputs"), width=30),
    Column(
        "sustainability", gettext_lazy("Sustainability and replicability"), width=30
    ),
    Column("person_in_charge", gettext_lazy("Person in charge"), width=25),
    Column("adopted_from", gettext_lazy("Adopted from (ID)"), width=10),
    # Written by the export, ignored by the import.
    Column("level", gettext_lazy("Level"), imported=False),
    Column("status", gettext_lazy("Status"), imported=False),
    Column("classification", gettext_lazy("Classification"), imported=False),
    Column("evaluated_on", gettext_lazy("Evaluated on"), imported=False),
    Column("commended_on", gettext_lazy("Commended on"), imported=False),
    Column("mobilized_vnd", gettext_lazy("Money mobilized (đồng)"), imported=False),
    Column("mobilized_days", gettext_lazy("Working days mobilized"), imported=False),
    Column("people_reached", gettext_lazy("People reached"), imported=False),
    Column("replications", gettext_lazy("Replications"), imported=False),
]
IMPORTED = [c for c in COLUMNS if c.imported]
REQUIRED = ("name", "field", "year", "area_code")
_YES = {"x", "co", "yes", "true", "1", "c", "y"}


def _number(value: Decimal | None) -> str:
    # Written the way it is read back: "1,125" (a dot would group thousands).
    return format_number(value, grouping=False)


def criteria_cell(initiative: Initiative) -> str:
    lines = []
    for c in initiative.criteria.all():
        parts = [c.name, _number(c.target), c.unit]
        lines.append(" | ".join(parts).rstrip(" |"))
    return "\n".join(lines)


def _row(initiative: Initiative) -> list[Any]:
    values = {
        "id": initiative.pk,
        "name": initiative.name,
        "field": initiative.field.name,
        "kind": initiative.get_kind_display(),
        "year": initiative.year,
        "continuing": "x" if initiative.continuing else "",
        "area_code": initiative.area.code,
        "area_name": initiative.area.full_name,
        "body": initiative.body.name if initiative.body is not None else "",
        "criteria": criteria_cell(initiative),
        "money_vnd": initiative.money_vnd,
        "working_days": initiative.working_days,
        "socialized_vnd": initiative.socialized_vnd,
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "adopted_from": initiative.adopted_from_id or "",
        "level": initiative.get_level_display(),
        "status": initiative.get_status_display(),
        "classification": initiative.get_classification_display(),
        "evaluated_on": initiative.evaluated_on,
        "commended_on": initiative.commended_on,
        "mobilized_vnd": initiative.mobilized_vnd,
        "mobilized_days": initiative.mobilized_days,
        "people_reached": initiative.people_reached,
        "replications": getattr(initiative, "copies", ""),
    }
    return [
        values[c.key] if c.key in values else getattr(initiative, c.key)
        for c in COLUMNS
    ]


def export_bytes(initiatives: Iterable[Initiative]) -> bytes:
    """The models as the XLSX offices circulate (and the import reads back)."""
    headers = [str(c.label) for c in COLUMNS]
    return workbook_bytes(
        _("“Dân vận khéo” models"), headers, (_row(i) for i in initiatives)
    )


def template_bytes(user: User) -> bytes:
    """An empty sheet with the import columns, and a sheet of instructions."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Models")[:31]
    append_row(sheet, [str(c.label) for c in IMPORTED])
    for i, column in enumerate(IMPORTED, 1):
        cell = sheet.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(_("Instructions")[:31])
    lines = [
        _("One model a row, from the second row. Columns in bold are required."),
        _("Leave the ID empty: it is given by the register."),
        _("Field: one of the names below."),
        _("Collective or individual: “%(collective)s” or “%(individual)s”.")
        % {
            "collective": Initiative.Kind.COLLECTIVE.label,
            "individual": Initiative.Kind.INDIVIDUAL.label,
        },
        _(
            "Area code: the official code (04591); Area: its name, which tells "
            "reused codes apart."
        ),
        _("Body: the exact name of an agency, school or unit of that area, or empty."),
        _("Criteria: one a line, written “name | target | unit”."),
        _("Money in đồng, without separators; dates as dates (dd/mm/yyyy)."),
        _("Continued from an earlier year: x, or empty."),
        "",
        _("Fields:"),
        *(f"  {f.name}" for f in Field.objects.active()),
        "",
        _("Areas you may register for:"),
        *(
            f"  {a.code}  {a.full_name}"
            for a in services_areas(user).in_force().order_by("path")[:500]
        ),
    ]
    for line in lines:
        append_row(notes, [line])
    notes.column_dimensions["A"].width = 100
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def services_areas(user: User) -> Any:
    return Area.objects.editable_by(user).exclude(level=Area.Level.VILLAGE)


# --- reading -----------------------------------------------------------------------


@dataclass
class Row:
    """A row of the sheet: its number, what it registers, what is wrong with it."""

    number: int
    values: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.values.get("name") or "")


def _header_keys() -> dict[str, str]:
    """Folded header label (Vietnamese or English) -> column key."""
    keys: dict[str, str] = {}
    for language in ("vi", "en"):
        with translation.override(language):
            for column in COLUMNS:
                keys[fold(str(column.label))] = column.key
    for column in COLUMNS:
        keys[column.key] = column.key
    return keys


def _text(value: Any) -> str:
    # Cells of the same hygiene as form input; criteria keep their lines.
    return cell_text(value)


def read_rows(stream: IO[bytes]) -> tuple[list[Row], list[str]]:
    """The rows of the first sheet, keyed by column, and problems of the file.

    ``common.xlsx.open_workbook`` judges the zip container before openpyxl
    opens it, and ``counted_rows`` counts the rows while they are read (blank
    ones apart), so a bomb or an endless sheet is refused early with a
    message instead of holding the worker.
    """
    try:
        with open_workbook(stream) as book:
            return _sheet_rows(book.worksheets[0], configured_limits())
    except WorkbookRefusedError as exc:
        return [], [exc.message]


def _sheet_rows(sheet: Any, limits: ParseLimits) -> tuple[list[Row], list[str]]:
    # max_col: a sheet claiming 16,384 columns is not padded to them.
    header = next(
        sheet.iter_rows(max_row=1, max_col=limits.max_xlsx_columns, values_only=True),
        None,
    )
    if not header:
        return [], [_("The sheet is empty.")]
    known = _header_keys()
    keys = [known.get(fold(_text(h))) for h in header]
    missing = [
        str(c.label) for c in IMPORTED if c.key in REQUIRED and c.key not in keys
    ]
    if missing:
        return [], [
            _("The first row lacks the columns: %(columns)s. Use the template.")
            % {"columns": ", ".join(missing)}
        ]
    result = []
    for number, values in counted_rows(sheet, limits, min_row=2):
        row = {k: v for k, v in zip(keys, values, strict=False) if k is not None}
        result.append(Row(number=number, values=row))
    if not result:
        return [], [_("The sheet has no rows under the header.")]
    return result, []


def _int(value: Any, label: str, errors: list[str]) -> int:
    # A numeric cell is taken as it is; text is read the Vietnamese way
    # ("15.000.000", "15 000 000 đồng"), as the forms read it.
    number: Decimal | None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = re.sub(r"\s*(đồng|đ)$", "", _text(value).lower())
        if not text:
            return 0
        try:
            number = parse_number(text)
        except NumberError:
            number = None
    if number is None or number != number.to_integral_value() or number < 0:
        errors.append(
            _("%(column)s: “%(value)s” is not a whole number.")
            % {"column": label, "value": _text(value)}
        )
        return 0
    return int(number)


def _date(value: Any, label: str, errors: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    errors.append(
        _("%(column)s: “%(value)s” is not a date (dd/mm/yyyy).")
        % {"column": label, "value": text}
    )
    return None


def parse_criteria(text: str, errors: list[str]) -> list[dict[str, Any]]:
    criteria = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        name = normalize(parts[0])
        target = None
        if len(parts) > 1 and parts[1]:
            try:
                target = parse_number(parts[1])
            except NumberError:
                errors.append(
                    _("Criterion “%(name)s”: the target “%(value)s” is not a number.")
                    % {"name": name, "value": parts[1]}
                )
        unit = parts[2] if len(parts) > 2 else ""
        criteria.append({"name": name, "target": target, "unit": unit})
    return criteria


class _Lookups:
    """Fields, kinds and areas, looked up once per file."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.fields: dict[str, Field] = {}
        for f in Field.objects.all():
            self.fields[fold(f.name)] = f
            self.fields[f.code] = f
        self.kinds: dict[str, str] = {}
        for language in ("vi", "en"):
            with translation.override(language):
                for value, label in Initiative.Kind.choices:
                    self.kinds[fold(str(label))] = value
        for value in Initiative.Kind.values:
            self.kinds[value] = value
        self.kinds.update({"tap the": "collective", "ca nhan": "individual"})

    def area(self, code: str, name: str, year: int | None) -> Area | None:
        areas: list[Area] = list(
            Area.objects.filter(code=code).select_related("parent")
        )
        if len(areas) <= 1:
            return areas[0] if areas else None
        folded = fold(name)
        named = [a for a in areas if folded and fold(a.full_name) == folded]
        if len(named) == 1:
            return named[0]
        on = dt.date(year, 12, 31) if year else timezone.localdate()
        in_force = [a for a in areas if a.in_force(on)]
        return in_force[0] if in_force else areas[0]

    def body(self, area: Area, name: str) -> Body | None:
        folded = fold(name)
        body: Body
        for body in Body.objects.filter(area=area):
            if body.search_name == folded or fold(body.name) == folded:
                return body
        return None


def _label(key: str) -> str:
    return next(str(c.label) for c in COLUMNS if c.key == key)


def check_row(row: Row, lookups: _Lookups, seen: set[tuple[Any, ...]]) -> None:
    """Fill ``row.data`` for ``services.create_initiative``, or ``row.errors``."""
    values, errors = row.values, row.errors

    def get(key: str) -> str:
        return _text(values.get(key))

    for key in REQUIRED:
        if not get(key):
            errors.append(_("%(column)s is required.") % {"column": _label(key)})
    existing = _int(values["id"], "ID", errors) if get("id") else 0
    if existing and Initiative.objects.filter(pk=existing).exists():
        errors.append(
            _(
                "Model %(id)s is already in the register; leave the ID empty to "
                "register a new one."
            )
            % {"id": get("id")}
        )
    field_obj = lookups.fields.get(fold(get("field"))) or lookups.fields.get(
        get("field")
    )
    if get("field") and field_obj is None:
        errors.append(
            _("Field “%(value)s” is not in the list.") % {"value": get("field")}
        )
    kind: str = Initiative.Kind.COLLECTIVE
    if get("kind"):
        kind = lookups.kinds.get(fold(get("kind")), "")
        if not kind:
            errors.append(
                _("“%(value)s”: write collective or individual.")
                % {"value": get("kind")}
            )
    year = _int(values.get("year"), _label("year"), errors) if get("year") else None
    area = None
    if get("area_code"):
        area = lookups.area(get("area_code"), get("area_name"), year)
        if area is None:
            errors.append(
                _("There is no area with code %(code)s.") % {"code": get("area_code")}
            )
    body = None
    if area is not None and get("body"):
        body = lookups.body(area, get("body"))
        if body is None:
            errors.append(
                _("%(area)s has no body named “%(body)s”.")
                % {"area": area.full_name, "body": get("body")}
            )
    if (
        area is not None
        and not errors
        and not rules.may_register(lookups.user, area=area, body=body)
    ):
        errors.append(
            _("You may not register models for %(unit)s.") % {"unit": body or area}
        )
    origin = None
    if get("adopted_from"):
        origin_pk = _int(values["adopted_from"], _label("adopted_from"), errors)
        # Only a model the importer sees may be named, as on the adopt page.
        visible = Initiative.objects.visible_to(lookups.user)
        origin = visible.filter(pk=origin_pk).first() if origin_pk else None
        if origin is None:
            errors.append(
                _("There is no model %(id)s to adopt from.")
                % {"id": get("adopted_from")}
            )
    row_key = (
        area.pk if area else None,
        body.pk if body else None,
        year,
        fold(get("name")),
    )
    if row_key in seen and get("name"):
        errors.append(_("The same model appears twice in the file."))
    seen.add(row_key)
    data: dict[str, Any] = {
        "area": area,
        "body": body,
        "field": field_obj,
        "name": normalize(get("name")),
        "year": year,
        "kind": kind,
        "continuing": fold(get("continuing")) in _YES,
        "adopted_from": origin,
        "criteria": parse_criteria(get("criteria"), errors),
        "start_date": _date(values.get("start_date"), _label("start_date"), errors),
        "end_date": _date(values.get("end_date"), _label("end_date"), errors),
    }
    for key in ("money_vnd", "working_days", "socialized_vnd"):
        data[key] = _int(values.get(key), _label(key), errors)
    for key in services.TEXT_FIELDS:
        if key != "name":
            data[key] = _text(values.get(key))
    row.data = data


@dataclass
class Outcome:
    rows: list[Row]
    errors: list[tuple[int, str]]
    created: list[Initiative]

    @property
    def ok(self) -> bool:
        return not self.errors


class _RollbackError(Exception):
    pass


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, InitiativeError):
        return exc.message
    return str(exc) or _("Not allowed.")


def run_import(stream: IO[bytes], *, actor: User, commit: bool) -> Outcome:
    """Check (and, with ``commit`` and no refused row, save) a sheet's models."""
    rows, problems = read_rows(stream)
    if problems:
        return Outcome(rows=[], errors=[(0, p) for p in problems], created=[])
    lookups = _Lookups(actor)
    seen: set[tuple[Any, ...]] = set()
    errors: list[tuple[int, str]] = []
    created: list[Initiative] = []
    try:
        with transaction.atomic():
            for row in rows:
                check_row(row, lookups, seen)
                if not row.errors:
                    try:
                        with transaction.atomic():
                            created.append(
                                services.create_initiative(actor=actor, **row.data)
                            )
                    except (ValidationError, PermissionDenied, InitiativeError) as exc:
                        row.errors.append(_message(exc))
                errors.extend((row.number, e) for e in row.errors)
            if errors or not commit:
                raise _RollbackError
    except _RollbackError:
        created = []
    return Outcome(rows=rows, errors=errors, created=created)


def iter_errors(outcome: Outcome) -> Iterator[str]:
    for number, message in outcome.errors:
        if number:
            yield _("Row %(row)s: %(message)s") % {"row": number, "message": message}
        else:
            yield message


__all__: Sequence[str] = [
    "COLUMNS",
    "export_bytes",
    "read_rows",
    "run_import",
    "template_bytes",
]
