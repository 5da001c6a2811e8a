"""Time the refusal of the audit's hostile files (issue 8), with the default limits.

    .venv/bin/python bench/hostile_files.py

Each file is built here (nothing stored), then read as the site reads it:
DOCX, PDF and text through ``extraction.convert.to_text`` (the ingestion
path), XLSX through ``initiatives.spreadsheet.read_rows`` (the import path).
Prints the size of the file, the seconds to refuse (or read) it, the outcome,
and the peak memory of the process so far. The audit measured, before the
limits: DOCX bomb 283 s and 9.7 GB, 50 MB text 78 s, 100,000 blank rows 54 s.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(name: str, data: bytes, read: Callable[[bytes], str]) -> None:
    start = time.perf_counter()
    outcome = read(data)
    seconds = time.perf_counter() - start
    print(
        f"{name:<34} {len(data) / MB:7.2f} MB  {seconds:7.3f} s  "
        f"peak {peak_mb():6.0f} MB  {outcome}"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DANVAN_DATA_DIR", tempfile.mkdtemp(prefix="danvan-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from danvan.common.tests import hostile
    from danvan.extraction import ExtractionError, extract_bytes
    from danvan.extraction.convert import UnreadableInputError, to_text
    from danvan.initiatives import spreadsheet

    def convert(name: str) -> Callable[[bytes], str]:
        def read(data: bytes) -> str:
            try:
                return f"read: {len(to_text(data, name)):,} characters"
            except UnreadableInputError as exc:
                return f"refused: {exc}"

        return read

    def facts(data: bytes) -> str:
        try:
            return (
                f"read, facts: {len(extract_bytes(data, 'vua.txt')['people'])} people"
            )
        except ExtractionError as exc:
            return f"refused: {exc}"

    def sheet(data: bytes) -> str:
        rows, problems = spreadsheet.read_rows(io.BytesIO(data))
        return f"refused: {problems[0]}" if problems else f"read: {len(rows)} rows"

    headers = [str(c.label) for c in spreadsheet.IMPORTED]
    row = ["", "Mô hình", "Kinh tế", "", 2025, "", "04591"]
    print(f"{'file':<34} {'size':>10}  {'time':>9}  {'memory':>12}  outcome")
    measure("DOCX zip bomb (1 GB of zeros)", hostile.docx_bomb(), convert("bom.docx"))
    measure("XLSX zip bomb (1 GB of zeros)", hostile.xlsx_bomb(), sheet)
    measure(
        "text of 40 MB",
        ("Dân vận khéo. " * (40 * MB // len("Dân vận khéo. ".encode()))).encode(),
        convert("dai.txt"),
    )
    measure(
        "text of 900,000 characters",
        ("Dân vận khéo. " * 64_000).encode(),
        convert("vua.txt"),
    )
    measure(
        "the same, with its facts read",
        ("Dân vận khéo. " * 64_000).encode(),
        facts,
    )
    measure(
        "XLSX 100,000 blank rows, then data",
        hostile.sheet_with_gap(headers, 100_000, [row]),
        sheet,
    )
    measure(
        "XLSX 100,000 written blank rows",
        hostile.styled_blank_rows(headers, 100_000),
        sheet,
    )
    measure(
        "XLSX 20,000 rows of data",
        hostile.sheet_with_gap(headers, 0, [row] * 20_000),
        sheet,
    )
    measure("PDF of 2,000 blank pages", hostile.pdf_pages(2000), convert("dai.pdf"))
    para = "<p>Đồng chí Giàng A Sử, Chủ tịch Ủy ban MTTQ xã, dự hội nghị.</p>\n"
    for size in (4, 6):
        body = para * (size * MB // len(para.encode()))
        page = f"<html><body><article>{body}</article></body></html>".encode()
        measure(f"HTML of {size} MB of paragraphs", page, convert("trang.html"))


if __name__ == "__main__":
    main()
