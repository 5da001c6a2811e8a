"""The annex of a report as an XLSX workbook: one sheet per table.

Each sheet says what it is above the table (the annex table's title, then
"Kèm theo Báo cáo số … của …"), then the bold column heads (frozen), the
rows (figures stay numbers, shown "15.000.000"; a linked cell keeps its
text), and the table's note. Written through ``common/xlsx.py``: text that
looks like a formula stays text.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from danvan.common.xlsx import append_row
from danvan.reports.models import Report
from danvan.reports.paper import (
    annex_tables,
    cell_value,
    layout_of,
    numbered,
    reference_of,
)

# Thousands grouped, up to two decimals: the cell's number format (the
# reader's spreadsheet shows it with its own separators: "15.000.000").
_WHOLE = "#,##0"
_FRACTION = "#,##0.0#"
_INVALID_SHEET = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _caption(report: Report) -> str:
    if numbered(report) and report.issued_on:
        return (
            f"Kèm theo Báo cáo số {reference_of(report, layout_of(report))} ngày "
            f"{report.issued_on:%d/%m/%Y} của {report.body.name}"
        )
    return f"Kèm theo Báo cáo của {report.body.name} (dự thảo): {report.title}"


def annex_xlsx(report: Report) -> bytes:
    """The workbook of the report's annex tables (a sheet saying so when none)."""
    book = Workbook()
    sheet = book.active
    tables = annex_tables(report.annex)
    caption = _caption(report)
    if not tables:
        sheet.title = "Phụ lục"
        append_row(sheet, [report.title])
        append_row(sheet, [caption])
        append_row(sheet, ["Báo cáo không có bảng phụ lục."])
    for number, table in enumerate(tables, 1):
        if number > 1:
            sheet = book.create_sheet()
        name = f"Biểu {number:02d}"
        title = table["title"] or name
        sheet.title = name.translate(_INVALID_SHEET)[:31]
        append_row(sheet, [f"Biểu số {number:02d}: {title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        append_row(sheet, [caption])
        sheet["A2"].font = Font(italic=True)
        append_row(sheet, [])
        append_row(sheet, table["columns"])
        widths = [min(40, max(8, len(c))) for c in table["columns"]]
        for cell in sheet[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(
                wrap_text=True, vertical="center", horizontal="center"
            )
        for row in table["rows"]:
            values = [cell_value(c) for c in row]
            append_row(sheet, values)
            widths = [
                max(w, min(60, len(str(v)) + 2))
                for w, v in zip(widths, values, strict=False)
            ]
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for row_cells in sheet.iter_rows(min_row=5, max_row=4 + len(table["rows"])):
            for cell in row_cells:
                value = cell.value
                if isinstance(value, bool) or not isinstance(value, int | float):
                    continue
                whole = isinstance(value, int) or value.is_integer()
                cell.number_format = _WHOLE if whole else _FRACTION
        if table["note"]:
            append_row(sheet, [])
            append_row(sheet, [table["note"]])
            sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
        sheet.freeze_panes = "A5"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
