"""The official layout of a Party paper, as DOCX (python-docx; no Django).

Hướng dẫn 36-HD/VPTW (3/4/2018) on the format of Party documents: A4, margins
20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 14. The header is
a borderless two-column table: on the left the superior body (capitals), the
issuing body (capitals, bold), "*" and "Số 05-TB/ĐU" (no colon); on the right
"ĐẢNG CỘNG SẢN VIỆT NAM" (bold, underlined) and the italic place-and-date line.
The title is centred and bold, with the subject below it and a short rule. The
foot is another borderless table: "Nơi nhận:" (underlined) and the recipients
on the left, the signature block on the right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

from danvan.common.text import strip_controls

FONT = "Times New Roman"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"


@dataclass(frozen=True)
class Para:
    """A paragraph of the body; ``indent`` is the usual first-line indent."""

    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True


@dataclass(frozen=True)
class Signature:
    """The signature block: "T/M BAN THƯỜNG VỤ" / "PHÓ BÍ THƯ" / the name."""

    capacity: str = ""
    title: str = ""
    name: str = ""


@dataclass
class PartyPaper:
    """What a Party paper says; ``render`` lays it out."""

    superior: str
    issuer: str
    reference: str
    place: str
    date: dt.date
    title: str
    subject: str = ""
    body: list[Para] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    # Minutes are signed by the secretary too, on the left of the chair.
    secretary: Signature | None = None


def date_line(place: str, date: dt.date) -> str:
    """ "Trạm Tấu, ngày 05 tháng 02 năm 2024": days below 10 and months 1–2 padded.

    36-HD/VPTW pads them so that nothing can be written in front later.
    """
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def _font(run_or_style: object, size: float, **flags: bool) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(size)
    for name, value in flags.items():
        setattr(font, name, value)
    element = getattr(run_or_style, "element", None)
    if element is not None:
        fonts = element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)


def _line(
    target: _Cell | DocxDocument,
    text: str,
    *,
    size: float = 14,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
    **flags: bool,
) -> Paragraph:
    """Add one paragraph with one run; ``first`` reuses a cell's empty paragraph."""
    paragraph: Paragraph
    if first and isinstance(target, _Cell):
        paragraph = target.paragraphs[0]
    else:
        paragraph = target.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        # Rows stored before input was cleaned may hold what XML cannot.
        _font(paragraph.add_run(strip_controls(text)), size, **flags)
    return paragraph


def _two_columns(
    document: DocxDocument, left: float, right: float
) -> tuple[_Cell, _Cell]:
    """A borderless table of one row and two columns (widths in mm)."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, (left, right), strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table.cell(0, 0), table.cell(0, 1)


def _keep_row_whole(cells: tuple[_Cell, ...]) -> None:
    """The row cannot break across pages (``w:cantSplit``), nor its paragraphs."""
    row = cells[0]._tc.getparent()
    row_properties = row.get_or_add_trPr()
    if row_properties.find(qn("w:cantSplit")) is None:
        row_properties.append(OxmlElement("w:cantSplit"))
    for cell in cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_together = True
            paragraph.paragraph_format.keep_with_next = True


def _signature_block(cell: _Cell, signature: Signature) -> None:
    first = True
    for text in (signature.capacity, signature.title):
        if text:
            _line(cell, text, bold=True, first=first)
            first = False
    for _ in range(4):  # room for the signature and the seal
        _line(cell, "", first=first)
        first = False
    _line(cell, signature.name, bold=True)


def _recipients(cell: _Cell | DocxDocument, recipients: list[str]) -> None:
    _line(
        cell,
        "Nơi nhận:",
        align=WD_ALIGN_PARAGRAPH.LEFT,
        underline=True,
        first=True,
    )
    for recipient in recipients:
        _line(cell, recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)


def _foot(document: DocxDocument, paper: PartyPaper) -> None:
    """Recipients and signature; never alone on a page, away from the text.

    The paragraphs before the foot keep with it and its row cannot split, so
    Word and LibreOffice move the last paragraph over with the signatures.
    """
    if paper.secretary is None:
        left, right = _two_columns(document, 80, 85)
        _recipients(left, paper.recipients)
        _signature_block(right, paper.signature)
        _keep_row_whole((left, right))
        return
    # Minutes: the secretary on the left, the chair on the right, recipients below.
    left, right = _two_columns(document, 80, 85)
    _signature_block(left, paper.secretary)
    _signature_block(right, paper.signature)
    _keep_row_whole((left, right))
    if paper.recipients:
        _line(document, "")
        _recipients(document, paper.recipients)


def _setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    _font(normal, 14)


def render(paper: PartyPaper) -> bytes:
    """The paper as the bytes of a .docx file."""
    document = Document()
    _setup(document)

    left, right = _two_columns(document, 75, 90)
    first = True
    if paper.superior:
        _line(left, paper.superior, first=True)
        first = False
    _line(left, paper.issuer, bold=True, first=first)
    _line(left, "*")
    _line(left, f"Số {paper.reference}")
    _line(right, PARTY, size=15, bold=True, underline=True, first=True)
    _line(right, "")
    _line(right, date_line(paper.place, paper.date), italic=True)

    _line(document, "")
    _line(document, paper.title, size=15, bold=True)
    if paper.subject:
        _line(document, paper.subject, bold=True)
    _line(document, "-----")
    _line(document, "")

    body_paragraphs = []
    for para in paper.body:
        paragraph = _line(
            document,
            para.text,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            bold=para.bold,
            italic=para.italic,
        )
        paragraph.paragraph_format.space_after = Pt(6)
        if para.indent:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        body_paragraphs.append(paragraph)

    last = _line(document, "")
    if body_paragraphs:
        body_paragraphs[-1].paragraph_format.keep_with_next = True
    last.paragraph_format.keep_with_next = True
    _foot(document, paper)

    out = BytesIO()
    document.save(out)
    return out.getvalue()
