"""The text a response shows, whatever its format: HTML, JSON, XLSX or DOCX."""

from __future__ import annotations

import io
import zipfile
from typing import Any

XLSX = "spreadsheetml"
DOCX = "wordprocessingml"


def _content(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
        # Keep the bytes for a second read by the same test.
        response.streaming_content = [data]
        return data
    return bytes(response.content)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    cells = []
    for sheet in book.worksheets:
        cells.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


def _zip_text(data: bytes) -> str:
    # A DOCX (or any zip) is scanned entry by entry, names included.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = list(archive.namelist())
        parts += [
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels", ".txt"))
        ]
    return "\n".join(parts)


def shown_text(response: Any) -> str:
    """Everything a user could read in ``response``, headers included."""
    data = _content(response)
    content_type = response.get("Content-Type", "")
    text = ""
    if data[:2] == b"PK":
        try:
            text = _xlsx_text(data) if XLSX in content_type else _zip_text(data)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            text = ""
    if not text:
        text = data.decode("utf-8", "replace")
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return f"{headers}\n{text}"
