"""A submission's cells as an XLSX template to fill offline, and back.

The template's first sheet lists the form's indicators (and breakdown
options), one a row, with the previous period's value and the value to
fill; only the value column is unlocked. A hidden, protected sheet names
what the file is for: the form's code and version, the period and the
reporting body. An import of a template made for another form, version,
period or body is refused with a message saying which.

Reading goes through ``common.xlsx.open_workbook`` and ``counted_rows`` (a
bomb or an endless sheet is refused before it holds the worker); every cell
is read by ``services.values.check_rows`` as the entry page reads it, and the
whole file is refused, listing every bad cell with its row, or saved at once
through ``save_values``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter

from danvan.common.numbers import format_number
from danvan.common.safefiles import configured_limits
from danvan.common.xlsx import (
    WorkbookRefusedError,
    append_row,
    cell_text,
    counted_rows,
    open_workbook,
    text_cell,
)
from danvan.datasets import periods as cutoffs
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.models import DataValue, Period, ReportForm, Submission
from danvan.datasets.services import values as service

if TYPE_CHECKING:
    from danvan.accounts.models import User

# The hidden sheet that says what the file is for.
META = "danvan"
# The first sheet: a title, the period and body, an empty line, the header.
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
CODE, OPTION, NAME, OPTION_NAME, UNIT, PREVIOUS, VALUE = range(1, 8)
WIDTHS = {CODE: 18, OPTION: 10, NAME: 60, OPTION_NAME: 14, UNIT: 12, PREVIOUS: 14}


def _identity(submission: Submission) -> list[tuple[str, Any]]:
    period = submission.period
    return [
        ("form", submission.form.code),
        ("version", submission.form.version),
        ("period_type", period.type),
        ("period_start", period.start.isoformat()),
        ("period_end", period.end.isoformat()),
        ("body", submission.body_id),
        ("body_name", submission.body.name),
    ]


def _previous(submission: Submission) -> dict[tuple[int, str], DataValue]:
    kind, year, number = cutoffs.previous(submission.period)
    rows = DataValue.objects.filter(
        submission__form_id=submission.form_id,
        submission__body_id=submission.body_id,
        submission__period__type=kind,
        submission__period__year=year,
        submission__period__number=number,
    )
    return {(v.indicator_id, v.option): v for v in rows}


def _cell_value(indicator: Any, value: DataValue | None) -> Any:
    """A stored value as the cell holds it: a number as a number."""
    if value is None:
        return None
    if indicator.value_type in ("integer", "number", "percent"):
        if value.number is None:
            return None
        number = value.number.normalize()
        return int(number) if number == number.to_integral_value() else number
    return service.shown(indicator, value.number, value.text)


def template_bytes(submission: Submission) -> bytes:
    """The workbook of ``submission``: its cells with the values stored now."""
    form = submission.form
    items = service.form_items(form.pk)
    stored = service.values_of(submission)
    previous = _previous(submission)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    append_row(sheet, [form.name])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    append_row(
        sheet,
        [
            _(
                "Period: %(period)s · Reporting body: %(body)s · Form %(code)s, "
                "version %(version)s"
            )
            % {
                "period": submission.period,
                "body": submission.body.name,
                "code": form.code,
                "version": form.version,
            }
        ],
    )
    append_row(
        sheet,
        [
            _(
                "Fill in the column “%(column)s” only, numbers typed the Vietnamese "
                "way (2.943 or 1,5), yes/no as có or không. Do not change the codes."
            )
            % {"column": _("Value")}
        ],
    )
    headers = {
        CODE: _("Indicator code"),
        OPTION: _("Option code"),
        NAME: _("Indicator"),
        OPTION_NAME: _("Breakdown"),
        UNIT: _("Unit"),
        PREVIOUS: _("Previous period"),
        VALUE: _("Value"),
    }
    append_row(sheet, [headers[i] for i in range(1, VALUE + 1)])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    section = None
    for code, item in items.items():
        if item.indicator.provider:
            continue  # counted from the registers, never typed
        title = item.section.title if item.section is not None else ""
        if title and title != section:
            append_row(sheet, ["", "", title])
            sheet.cell(row=sheet.max_row, column=NAME).font = Font(bold=True)
        section = title
        indicator = item.indicator
        options = [("", "")]
        if indicator.breakdown is not None:
            options += [(o.code, o.name) for o in indicator.breakdown.options.all()]
        for option, option_label in options:
            before = previous.get((indicator.pk, option))
            row = [
                code,
                option,
                indicator.name,
                option_label or _("Total"),
                indicator.unit,
                _cell_value(indicator, before),
                _cell_value(indicator, stored.get((code, option))),
            ]
            sheet.append([text_cell(sheet, v) for v in row])
            value_cell = sheet.cell(row=sheet.max_row, column=VALUE)
            value_cell.protection = Protection(locked=False)
            if indicator.value_type == "text":
                value_cell.number_format = "@"
    for column, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions[get_column_letter(VALUE)].width = 18
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=VALUE)
    sheet.protection.sheet = True
    meta = book.create_sheet(META)
    for key, value in _identity(submission):
        append_row(meta, [key, value])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading -----------------------------------------------------------------------


@dataclass
class Outcome:
    """A file read against a submission: its rows, what they change, what is wrong."""

    rows: list[tuple[str, str, str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each row's number in the sheet
    changes: list[service.Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    identity: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> list[service.Change]:
        return [c for c in self.changes if c.action != "same"]


def _typed(value: Any) -> str:
    """A cell's value as the entry page would have it typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float | Decimal):
        return format_number(Decimal(str(value)), grouping=False)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return cell_text(value)


def read_file(stream: IO[bytes]) -> Outcome:
    """The identity and the rows of a template, or why the file is refused."""
    outcome = Outcome()
    limits = configured_limits()
    try:
        with open_workbook(stream) as book:
            if META not in book.sheetnames:
                outcome.errors.append(
                    _(
                        "The file is not an entry template of this site: download "
                        "the template from the entry page and fill it in."
                    )
                )
                return outcome
            for _number, values in counted_rows(book[META], limits):
                if values and values[0] is not None:
                    key = cell_text(values[0])
                    outcome.identity[key] = cell_text(
                        values[1] if len(values) > 1 else ""
                    )
            sheet = book.worksheets[0]
            for number, values in counted_rows(sheet, limits, min_row=FIRST_ROW):
                cells = list(values) + [None] * (VALUE - len(values))
                code = cell_text(cells[CODE - 1], multiline=False)
                if not code:
                    continue  # a section's title
                outcome.rows.append(
                    (
                        code,
                        cell_text(cells[OPTION - 1], multiline=False),
                        _typed(cells[VALUE - 1]),
                    )
                )
                outcome.numbers.append(number)
    except WorkbookRefusedError as exc:
        outcome.errors.append(exc.message)
    return outcome


def _mismatch(identity: dict[str, str], submission: Submission) -> str:
    """Why a template is not for ``submission``; "" when it is."""
    form, period = submission.form, submission.period
    if identity.get("form") != form.code:
        return _(
            "The file is the template of another form (%(code)s), not of “%(form)s”."
        ) % {"code": identity.get("form") or "?", "form": form}
    if identity.get("version") != str(form.version):
        return _(
            "The file was made for version %(old)s of the form; the form has "
            "changed since (version %(new)s): download the template again."
        ) % {"old": identity.get("version") or "?", "new": form.version}
    if (
        identity.get("period_type") != period.type
        or identity.get("period_start") != period.start.isoformat()
        or identity.get("period_end") != period.end.isoformat()
    ):
        return _("The file is the template of another period, not of %(period)s.") % {
            "period": period
        }
    if identity.get("body") != str(submission.body_id):
        return _(
            "The file is the template of another reporting body (%(other)s), "
            "not of %(body)s."
        ) % {"other": identity.get("body_name") or "?", "body": submission.body}
    return ""


def check_file(outcome: Outcome, *, actor: User, submission: Submission) -> Outcome:
    """Fill ``outcome.changes`` for ``submission``, or its errors."""
    if outcome.errors:
        return outcome
    mismatch = _mismatch(outcome.identity, submission)
    if mismatch:
        outcome.errors.append(mismatch)
        return outcome
    try:
        service.check_writable(actor, submission)
    except PermissionDenied as error:
        outcome.errors.append(str(error))
        return outcome
    except DatasetError as error:
        outcome.errors.append(error.message)
        return outcome
    if not outcome.rows:
        outcome.errors.append(_("The sheet has no rows of values."))
        return outcome
    try:
        outcome.changes = service.check_rows(submission, outcome.rows)
    except service.ValuesError as error:
        outcome.errors += [
            _("Row %(row)s: %(message)s")
            % {"row": outcome.numbers[index], "message": message}
            for index, message in error.errors
        ]
    return outcome


def preview(stream: IO[bytes], *, actor: User, submission: Submission) -> Outcome:
    """What the file would change in ``submission`` (nothing is saved)."""
    return check_file(read_file(stream), actor=actor, submission=submission)


def submission_of(outcome: Outcome, *, actor: User) -> Submission:
    """The submission a template names (opened if need be), for the command."""
    from danvan.datasets.services.submissions import open_submission
    from danvan.units.models import Body

    identity = outcome.identity
    form = ReportForm.objects.filter(code=identity.get("form", "")).first()
    if form is None:
        raise DatasetError(
            _("There is no form %(code)s.") % {"code": identity.get("form") or "?"}
        )
    try:
        start = dt.date.fromisoformat(identity.get("period_start", ""))
        end = dt.date.fromisoformat(identity.get("period_end", ""))
        body_id = int(identity.get("body", ""))
    except ValueError:
        raise DatasetError(_("The file does not name its period and body.")) from None
    period = Period.objects.filter(
        type=identity.get("period_type", ""), start=start, end=end
    ).first()
    body = Body.objects.filter(pk=body_id).first()
    if period is None or body is None:
        raise DatasetError(_("The file does not name its period and body."))
    return open_submission(actor=actor, form=form, period=period, body=body)


def import_file(
    stream: IO[bytes], *, actor: User
) -> tuple[Outcome, service.Saved | None]:
    """Read a template and save its values into the submission it names,
    all or nothing (the ``figures_import`` command)."""
    outcome = read_file(stream)
    if outcome.errors:
        return outcome, None
    submission = submission_of(outcome, actor=actor)
    check_file(outcome, actor=actor, submission=submission)
    if outcome.errors:
        return outcome, None
    saved = service.save_values(actor=actor, submission=submission, rows=outcome.rows)
    return outcome, saved
