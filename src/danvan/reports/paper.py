"""The paper of a report: DOCX in the Party or the State layout, and its PDF.

The layout is ``danvan.common.paper`` (shared with the meetings' minutes and
notices): here a report becomes a ``Paper``. The report type's ``layout``
chooses it; empty, a Party body writes the Party layout (Hướng dẫn
36-HD/VPTW, domain guide §2.6) and any other body the State one (Nghị định
30/2020/NĐ-CP).

Sections are numbered from their level (I., II. / 1., 2. / a), b)); the text
of a section (the cleaned HTML of ``reports.html``: paragraphs, lists, bold,
italic, links) becomes paragraphs of runs, lists items written "- " (then
"+ ") or "1. " (then "a) ") as offices type them. The annex tables
(``Report.annex``) follow the signature on pages of their own.

A report not yet numbered is a draft: "Số    -BC/ĐU" with the number left
blank, the day and month of the date line blank, "DỰ THẢO" on every page.
The file approved is the one kept on its register entry
(``report.document.attachments``): ``paper_docx`` reads it back.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from danvan.common import paper
from danvan.common.numbers import format_number
from danvan.common.text import fold, normalize
from danvan.documents.services.base import is_party_body
from danvan.meetings.services.papers import archive_line, header_lines, place_of
from danvan.reports import office
from danvan.reports.models import Layout, Report, ReportSection
from danvan.units.models import Body

if TYPE_CHECKING:
    from collections.abc import Iterable

    from danvan.documents.models import Attachment

TITLE = "BÁO CÁO"
KIND = "BC"
PARTY_DEFAULT_CAPACITY = "T/M BAN THƯỜNG VỤ"
# Room left for the number in "Số      -BC/ĐU" while the report has none.
BLANK_NUMBER = "      "
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- the layout and the header -------------------------------------------------------


def layout_of(report: Report) -> str:
    """ "party" or "state": the type's choice, else by the writing body's kind."""
    chosen = report.report_type.layout
    if chosen:
        return str(chosen)
    return Layout.PARTY if is_party_body(report.body) else Layout.STATE


def numbered(report: Report) -> bool:
    """Approved (or sent) with its number: the paper as issued.

    A report returned after its approval keeps the register's old entry until
    approved anew, when it takes a new number: its paper is a draft again.
    """
    return bool(report.reference) and report.status in (
        Report.Status.APPROVED,
        Report.Status.SENT,
    )


def is_draft(report: Report) -> bool:
    """A paper without its number, or back in the unit's hands, is a draft."""
    return not numbered(report)


def reference_of(report: Report, layout: str) -> str:
    """ "12-BC/ĐU" / "12/BC-UBND" as numbered, else the same with a blank number."""
    if numbered(report):
        return report.reference
    code = report.body.abbreviation.strip()
    if layout == Layout.PARTY:
        return f"{BLANK_NUMBER}-{KIND}/{code}" if code else f"{BLANK_NUMBER}-{KIND}"
    return f"{BLANK_NUMBER}/{KIND}-{code}" if code else f"{BLANK_NUMBER}/{KIND}"


def _state_issuer(body: Body, issuer: str) -> str:
    """ "ỦY BAN NHÂN DÂN\\nXÃ TRẠM TẤU": the body's own name over its area's."""
    area = normalize(body.area.full_name).upper()
    if area and fold(issuer).endswith(fold(area)) and len(issuer) > len(area):
        head = issuer[: len(issuer) - len(area)].strip()
        if head:
            return f"{head}\n{area}"
    return issuer


def _signature(report: Report, layout: str, issuer: str) -> paper.Signature:
    """The block as the report or its type sets it; the committee's default
    ("T/M BAN THƯỜNG VỤ") where it cannot be: a board's head signs as
    "TRƯỞNG BAN" (36-HD), a State body "TM." itself (ND 30)."""
    kind = report.report_type
    capacity = report.signer_capacity or kind.signer_capacity
    title = report.signer_title or kind.signer_title
    committee_default = not capacity or fold(capacity) == fold(PARTY_DEFAULT_CAPACITY)
    if layout == Layout.STATE and committee_default:
        capacity = f"TM. {issuer.split(chr(10))[0]}"
    elif committee_default and report.body.kind == Body.Kind.PARTY_BOARD:
        capacity, title = "", title or "TRƯỞNG BAN"
    return paper.Signature(capacity, title, report.signer_name)


def _recipients(report: Report, layout: str) -> list[str]:
    text = report.recipients or report.report_type.recipients
    lines = []
    for raw in text.split("\n"):
        line = normalize(raw)
        if not line:
            continue
        lines.append(line if line.startswith(("-", "+")) else f"- {line}")
    if not any("lưu" in line.lower() for line in lines):
        if layout == Layout.STATE:
            lines.append("- Lưu: VT.")
        else:
            lines.append(archive_line(report.body))
    return lines


def _annex_caption(report: Report, reference: str) -> str:
    body = report.body.name
    if numbered(report) and report.issued_on:
        return (
            f"(Kèm theo Báo cáo số {reference} ngày "
            f"{report.issued_on:%d/%m/%Y} của {body})"
        )
    return f"(Kèm theo Báo cáo của {body})"


# --- the sections ----------------------------------------------------------------


def roman(number: int) -> str:
    """1 → "I", 14 → "XIV"."""
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    text = ""
    for value, letters in numerals:
        while number >= value:
            text += letters
            number -= value
    return text


_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LETTERS = "abcdđeghiklmnopqrstuvxy"


def letter(number: int) -> str:
    """1 → "a", 5 → "đ" (the Vietnamese order of a), b), c)…), then "aa"…"""
    count = len(_LETTERS)
    if number <= count:
        return _LETTERS[number - 1]
    return letter((number - 1) // count) + _LETTERS[(number - 1) % count]


class _Blocks(HTMLParser):
    """The section's HTML as paragraphs of runs."""

    def __init__(self, level: int = 1) -> None:
        super().__init__(convert_charrefs=True)
        self.level = max(1, level)
        self.paras: list[paper.Para] = []
        self.runs: list[paper.Run] = []
        self.prefix = ""
        self.lists: list[list[Any]] = []  # [tag, count]
        self.bold = 0
        self.italic = 0

    def flush(self) -> None:
        runs, self.runs = self.runs, []
        merged: list[paper.Run] = []
        for run in runs:
            if merged and (merged[-1].bold, merged[-1].italic) == (
                run.bold,
                run.italic,
            ):
                merged[-1] = _replace(merged[-1], merged[-1].text + run.text)
            else:
                merged.append(run)
        # Whitespace as a browser shows it: a run of it is one space, none at
        # the ends of the paragraph.
        pieces: list[paper.Run] = []
        after_space = True
        for run in merged:
            text = _SPACES.sub(" ", run.text)
            if after_space:
                text = text.lstrip(" ")
            if not text:
                continue
            after_space = text.endswith(" ")
            pieces.append(_replace(run, text))
        if pieces:
            pieces[-1] = _replace(pieces[-1], pieces[-1].text.rstrip(" "))
        if not any(piece.text.strip() for piece in pieces):
            return  # an item's marker waits for its text (<li><p>…)
        prefix, self.prefix = self.prefix, ""
        if prefix:
            pieces.insert(0, paper.Run(prefix))
        self.paras.append(paper.Para(runs=tuple(p for p in pieces if p.text)))

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self.flush()
            self.prefix = self._marker()
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "br":
            # A line of its own: a justified line ended by a break would be
            # stretched across the page.
            self.flush()

    def _marker(self) -> str:
        if not self.lists:
            return "- "
        current = self.lists[-1]
        current[1] += 1
        depth = len(self.lists)
        if current[0] == "ol":
            # Numbered on from the section's heading: I. → 1. → a) → 1)…
            rank = self.level + depth
            if rank <= 2:
                return f"{current[1]}. "
            if rank == 3:
                return f"{letter(current[1])}) "
            return f"{current[1]}) "
        return "- " if depth == 1 else "+ "

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.flush()
        elif tag == "li":
            self.flush()
            self.prefix = ""
        elif tag in ("ul", "ol"):
            self.flush()
            self.prefix = ""
            if self.lists:
                self.lists.pop()
        elif tag == "strong":
            self.bold = max(0, self.bold - 1)
        elif tag == "em":
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data: str) -> None:
        if data:
            self.runs.append(
                paper.Run(data, bold=self.bold > 0, italic=self.italic > 0)
            )


def _replace(run: paper.Run, text: str) -> paper.Run:
    return paper.Run(text, bold=run.bold, italic=run.italic, underline=run.underline)


def blocks(html: str, level: int = 1) -> list[paper.Para]:
    """The paragraphs of a section's HTML (``reports.html.clean_html`` output).

    ``level`` is the section's: a numbered list goes on from its heading's
    numbering ("1." under "I.", "a)" under "1.").
    """
    parser = _Blocks(level)
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.paras


def heading(section: ReportSection, number: int) -> paper.Para:
    """ "I. TÌNH HÌNH NHÂN DÂN", "1. Công tác …", "a) …" by the section's level."""
    title = normalize(section.title)
    if section.level <= 1:
        return paper.Para(
            f"{roman(number)}. {title.upper()}", bold=True, indent=True, heading=True
        )
    if section.level == 2:
        return paper.Para(f"{number}. {title}", bold=True, indent=True, heading=True)
    return paper.Para(
        f"{letter(number)}) {title}",
        bold=True,
        italic=True,
        indent=True,
        heading=True,
    )


def body_of(sections: Iterable[ReportSection]) -> list[paper.Para]:
    """The numbered sections and their text, in order."""
    counters = [0, 0, 0]
    paras: list[paper.Para] = []
    for section in sections:
        depth = min(max(section.level, 1), 3) - 1
        counters[depth] += 1
        for deeper in range(depth + 1, 3):
            counters[deeper] = 0
        paras.append(heading(section, counters[depth]))
        paras += blocks(section.text, section.level)
    return paras


# --- the annex ---------------------------------------------------------------------


def cell_text(cell: object) -> str:
    """An annex cell as written: a figure the Vietnamese way, a link's text."""
    if isinstance(cell, dict):
        return cell_text(cell.get("text", ""))
    if isinstance(cell, bool):
        return "Có" if cell else "Không"
    if isinstance(cell, int | float):
        return format_number(cell)
    return "" if cell is None else str(cell)


def cell_value(cell: object) -> object:
    """An annex cell as a spreadsheet keeps it: figures stay numbers."""
    if isinstance(cell, dict):
        return cell_value(cell.get("text", ""))
    if isinstance(cell, bool) or cell is None:
        return cell_text(cell)
    if isinstance(cell, int | float):
        return cell
    return str(cell)


def annex_tables(annex: object) -> list[dict[str, Any]]:
    """The report's annex as well-formed tables (a damaged entry is skipped)."""
    tables = []
    for entry in annex if isinstance(annex, list) else []:
        if not isinstance(entry, dict):
            continue
        columns = [str(c) for c in entry.get("columns") or []]
        rows = [list(r) for r in entry.get("rows") or [] if isinstance(r, list)]
        width = max([len(columns), *(len(r) for r in rows)], default=0)
        if not width:
            continue
        columns += [""] * (width - len(columns))
        rows = [r + [""] * (width - len(r)) for r in rows]
        tables.append(
            {
                "title": str(entry.get("title") or ""),
                "columns": columns,
                "rows": rows,
                "note": str(entry.get("note") or ""),
            }
        )
    return tables


def _numeric_columns(rows: list[list[Any]], width: int) -> tuple[bool, ...]:
    def figure(cell: object) -> bool:
        if isinstance(cell, dict):
            cell = cell.get("text")
        return isinstance(cell, int | float) and not isinstance(cell, bool)

    return tuple(
        bool(rows) and all(figure(r[i]) or r[i] in ("", None) for r in rows)
        for i in range(width)
    )


def _paper_tables(report: Report) -> list[paper.Table]:
    tables = []
    for number, table in enumerate(annex_tables(report.annex), 1):
        title = table["title"] or f"Biểu số {number:02d}"
        tables.append(
            paper.Table(
                title=f"Biểu số {number:02d}: {title}" if table["title"] else title,
                columns=tuple(table["columns"]),
                rows=tuple(tuple(cell_text(c) for c in r) for r in table["rows"]),
                note=table["note"],
                numeric=_numeric_columns(table["rows"], len(table["columns"])),
            )
        )
    return tables


# --- the paper ---------------------------------------------------------------------


def build_paper(report: Report, *, draft: bool | None = None) -> paper.Paper:
    """The report as a ``Paper`` of its layout."""
    layout = layout_of(report)
    body = report.body
    superior, issuer = header_lines(body)
    if layout == Layout.STATE:
        issuer = _state_issuer(body, issuer)
    reference = reference_of(report, layout)
    sections = report.sections.all()
    issued = numbered(report) and report.issued_on is not None
    return paper.Paper(
        superior=superior,
        issuer=issuer,
        reference=reference,
        place=place_of(body.area),
        date=report.issued_on if issued else None,
        year=(report.issued_on or timezone.localdate()).year,
        title=TITLE,
        subject=normalize(report.title),
        body=body_of(sections),
        recipients=_recipients(report, layout),
        signature=_signature(report, layout, issuer),
        layout=str(layout),
        draft=is_draft(report) if draft is None else draft,
        annex=_paper_tables(report),
        annex_caption=_annex_caption(report, reference),
    )


def render_docx(report: Report, *, draft: bool | None = None) -> bytes:
    """The report as a .docx file, rendered now from its rows.

    ``draft`` forces the "DỰ THẢO" mark on or off; by default a report without
    its number (or returned to the unit) is a draft. Approving calls this once
    the number and date are set, and keeps the file on the register entry.
    """
    return paper.render(build_paper(report, draft=draft))


def stored_docx(report: Report) -> Attachment | None:
    """The DOCX kept on the register entry of an approved or sent report."""
    if report.document_id is None or report.status not in (
        Report.Status.APPROVED,
        Report.Status.SENT,
    ):
        return None
    files = [
        a
        for a in report.document.attachments.all()  # type: ignore[union-attr]
        if a.original_name.lower().endswith(".docx")
    ]
    return max(files, key=lambda a: (a.uploaded_at, a.pk), default=None)


def paper_docx(report: Report) -> bytes:
    """The DOCX as issued when there is one kept, else rendered now."""
    kept = stored_docx(report)
    if kept is not None:
        with kept.file.open("rb") as handle:
            content: bytes = handle.read()
        return content
    return render_docx(report)


def render_pdf(report: Report) -> bytes:
    """The PDF of the paper (LibreOffice): of the DOCX issued, or rendered now."""
    return office.to_pdf(paper_docx(report))


def file_name(report: Report, extension: str) -> str:
    """ "Báo cáo 12-BC-ĐU Đảng ủy xã Trạm Tấu.docx"; a draft's says "dự thảo"."""
    what = report.reference if numbered(report) else "dự thảo"
    name = f"Báo cáo {what} {report.body.name} {report.period}"
    # A "/" would be read as a folder ("12-BC/ĐU", "quý I/2026").
    return f"{name.replace('/', '-')}.{extension}"
