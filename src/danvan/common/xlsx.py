"""XLSX exports of list pages: what the page lists, as an office would file it.

Every workbook the project writes puts its rows through ``append_row``: text is
cleaned of the characters XML cannot hold (rows stored before input was
cleaned must not break an export), and text that a spreadsheet would read as
a formula (``= + - @``, also after spaces, a tab or a carriage return) is
written as a text cell with a quote prefix, so it shows literally.

Every import of a workbook opens it with ``open_workbook`` (the zip container
judged by ``common.safefiles.check_zip`` before openpyxl sees a byte, then
read-only, values not formulas) and walks a sheet with ``counted_rows`` (rows
counted as they are read, blank ones apart, so an endless sheet is refused
early); a cell's text is ``cell_text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from io import BytesIO
from typing import IO, TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.common.safefiles import (
    CORRUPT,
    ParseLimits,
    ParseRefusedError,
    RowCounter,
    check_zip,
    configured_limits,
)
from danvan.common.text import clean_input, strip_controls

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@")
# Excel refuses (and offers to "repair") a workbook with a longer cell.
_MAX_CELL = 32767


def text_cell(sheet: Worksheet, value: Any) -> Cell | Any:
    """A cell of ``sheet`` for ``value``: clean text, never a formula."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)[:_MAX_CELL]
    cell = Cell(sheet, value=text)
    if text.lstrip().startswith(_FORMULA_STARTS) or text.startswith(("\t", "\r")):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append ``values`` to ``sheet`` as one row through ``text_cell``."""
    sheet.append([text_cell(sheet, v) for v in values])


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str | int | float | dt.date):
        return value
    return str(value)


def workbook_bytes(
    title: str, headers: Sequence[StrOrPromise], rows: Iterable[Sequence[Any]]
) -> bytes:
    """A one-sheet workbook: a bold header row, then the rows; dates as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    append_row(sheet, [str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [_cell(v) for v in row]
        append_row(sheet, values)
        widths = [
            max(w, min(60, len(str(v)))) for w, v in zip(widths, values, strict=False)
        ]
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
        for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    filename: str,
    title: str,
    headers: Sequence[StrOrPromise],
    rows: Iterable[Sequence[Any]],
) -> HttpResponse:
    """Download ``rows`` as ``filename`` (.xlsx)."""
    response = HttpResponse(workbook_bytes(title, headers, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- reading ---------------------------------------------------------------------


class WorkbookRefusedError(Exception):
    """An uploaded workbook is refused as a whole; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def open_workbook(stream: IO[bytes]) -> Iterator[Workbook]:
    """An uploaded XLSX, read-only and with cached values (never formulas).

    The zip container is judged first (a bomb is refused unread); a file
    openpyxl cannot open, or a limit passed while the rows are read inside the
    block, raises ``WorkbookRefusedError`` with a message for the user.
    """
    limits = configured_limits()
    unreadable = _("The file is not a readable XLSX workbook.")
    try:
        check_zip(stream, kind="XLSX", limits=limits)
    except ParseRefusedError as exc:
        message = unreadable if exc.template == CORRUPT else exc.message
        raise WorkbookRefusedError(message) from exc
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise WorkbookRefusedError(unreadable) from exc
    try:
        yield book
    except ParseRefusedError as exc:
        raise WorkbookRefusedError(exc.message) from exc
    finally:
        book.close()


def cell_text(value: Any, *, multiline: bool = True) -> str:
    """A cell's value as text of the same hygiene as form input."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_input(str(value), multiline=multiline)


def counted_rows(
    sheet: Any, limits: ParseLimits | None = None, *, min_row: int = 1
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The (row number, values) of a sheet's rows that hold something.

    Rows are counted as they are read, blank ones apart, and the sheet is
    refused (``ParseRefusedError``) past the limits; a sheet claiming 16,384
    columns is read to ``max_xlsx_columns`` only.
    """
    limits = limits or configured_limits()
    counter = RowCounter(limits)
    rows = sheet.iter_rows(
        min_row=min_row, max_col=limits.max_xlsx_columns, values_only=True
    )
    for number, values in enumerate(rows, start=min_row):
        blank = not any(v is not None and cell_text(v) for v in values)
        counter.add(blank=blank)
        if not blank:
            yield number, values
