"""Hostile files made on the spot: zip bombs, endless sheets, long PDFs, lying zips.

Shared by the tests and by ``bench/hostile_files.py``; nothing is stored.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_ZEROS = b"\x00" * (1024 * 1024)


def _bomb(part: str, unpacked: int, others: dict[str, str]) -> bytes:
    """A zip whose ``part`` is ``unpacked`` bytes of zeros, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        for name, text in others.items():
            archive.writestr(name, text)
        # Streamed: the zeros are never all in memory at once.
        with archive.open(part, "w", force_zip64=True) as handle:
            left = unpacked
            while left > 0:
                handle.write(_ZEROS[: min(left, len(_ZEROS))])
                left -= len(_ZEROS)
    return out.getvalue()


def docx_bomb(unpacked: int = 1024**3) -> bytes:
    """A DOCX whose document part unpacks to ``unpacked`` bytes (1 GB: ~1 MB)."""
    return _bomb("word/document.xml", unpacked, {"_rels/.rels": "<Relationships/>"})


def xlsx_bomb(unpacked: int = 1024**3) -> bytes:
    """An XLSX whose first sheet unpacks to ``unpacked`` bytes (1 GB: ~1 MB)."""
    return _bomb(
        "xl/worksheets/sheet1.xml",
        unpacked,
        {"_rels/.rels": "<Relationships/>", "xl/workbook.xml": "<workbook/>"},
    )


def lying_zip(real: int = 200_000, declared: int = 1000) -> bytes:
    """A DOCX-like zip whose central directory understates a part's size."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w>" + b"a" * real + b"</w>")
    data = bytearray(out.getvalue())
    start = data.find(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        name = bytes(data[start + 46 : start + 46 + name_length])
        if name == b"word/document.xml":
            struct.pack_into("<I", data, start + 24, declared)
        start = data.find(b"PK\x01\x02", start + 4)
    return bytes(data)


def zip_with(names: Iterable[str]) -> bytes:
    """A zip holding an empty part for each name (odd names, many parts)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        for name in names:
            archive.writestr(zipfile.ZipInfo(name), b"")
    return out.getvalue()


def sheet_with_gap(
    header: Sequence[Any], blank: int, rows: Sequence[Sequence[Any]] = ()
) -> bytes:
    """An XLSX: the header, ``blank`` empty rows, then ``rows``.

    The empty rows are missing from the XML, as spreadsheet programs write
    them; the reader still meets each one.
    """
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for number, row in enumerate(rows, start=blank + 2):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def styled_blank_rows(header: Sequence[Any], blank: int) -> bytes:
    """An XLSX whose ``blank`` rows are written, each with a styled empty cell."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(header))
    bold = Font(bold=True)
    for _ in range(blank):
        cell = WriteOnlyCell(sheet, value=None)
        cell.font = bold
        sheet.append([cell])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_pages(count: int) -> bytes:
    """A PDF of ``count`` blank pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
