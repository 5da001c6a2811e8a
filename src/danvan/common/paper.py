"""The official layout of a paper, as DOCX (python-docx; no Django).

Two layouts, chosen by ``Paper.layout``:

- **Party** (Hướng dẫn 36-HD/VPTW, 3/4/2018): A4, margins 20 mm top and
  bottom, 30 mm left, 15 mm right; Times New Roman 14. The header is a
  borderless two-column table: on the left the superior body (capitals), the
  issuing body (capitals, bold), "*" and "Số 05-TB/ĐU" (no colon); on the right
  "ĐẢNG CỘNG SẢN VIỆT NAM" (bold, underlined) and the italic place-and-date
  line. The title is centred and bold, with the subject below it and a short
  rule. The foot is another borderless table: "Nơi nhận:" (underlined) and the
  recipients on the left, the signature block on the right.
- **State** (Nghị định 30/2020/NĐ-CP, Phụ lục I): the same page; on the left
  the managing body (capitals), the issuing body (capitals, bold) with a short
  solid line under it, then "Số: 12/BC-UBND"; on the right "CỘNG HÒA XÃ HỘI
  CHỦ NGHĨA VIỆT NAM" and "Độc lập - Tự do - Hạnh phúc" (bold, a line under
  it), then the italic place-and-date line. The foot: "Nơi nhận:" (bold
  italic) with the recipients ending "- Lưu: VT, …", the signature block
  ("TM."/"KT."/"TL.") on the right.

The body is paragraphs of runs (bold, italic), headings kept with what
follows, list items; annex tables come after the signature on a page of their
own (landscape when they are wide), their header row repeated on every page.
A draft carries "DỰ THẢO" at the top of every page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

from danvan.common.text import strip_controls

FONT = "Times New Roman"
BODY_SIZE = 14
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Clark names of the run's elements (``_append_run`` makes them directly).
_W_R, _W_RPR, _W_B, _W_I, _W_SZ, _W_SZCS, _W_U, _W_BR, _W_T, _W_VAL = (
    qn(f"w:{name}")
    for name in ("r", "rPr", "b", "i", "sz", "szCs", "u", "br", "t", "val")
)
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
PARTY_LAYOUT = "party"
STATE_LAYOUT = "state"
# Annex tables wider than this many columns get a landscape page.
_LANDSCAPE_COLUMNS = 6


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style; a "\\n" in ``text`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph of the body; ``indent`` is the usual first-line indent.

    ``runs`` (when given) are its pieces in their own styles, else ``text`` in
    the paragraph's style; a ``heading`` stays on the page of what follows it.
    """

    text: str = ""
    bold: bool = False
    italic: bool = False
    indent: bool = True
    runs: tuple[Run, ...] = ()
    heading: bool = False

    @property
    def pieces(self) -> tuple[Run, ...]:
        if self.runs:
            return self.runs
        return (Run(self.text, bold=self.bold, italic=self.italic),)

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.pieces)


@dataclass(frozen=True)
class Table:
    """An annex table: a title, the column heads, the rows of cell texts."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    # Columns whose cells are figures: right-aligned.
    numeric: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Signature:
    """The signature block: "T/M BAN THƯỜNG VỤ" / "PHÓ BÍ THƯ" / the name."""

    capacity: str = ""
    title: str = ""
    name: str = ""


@dataclass
class Paper:
    """What a paper says; ``render`` lays it out.

    ``reference`` is the number and symbol as the register gives it
    ("12-BC/ĐU", "12/BC-UBND"), blanks where the number will go while it has
    none; ``date`` None leaves the day and month of the date line blank (of
    ``year``). ``issuer`` may hold several lines ("ỦY BAN NHÂN DÂN\\nXÃ TRẠM TẤU").
    """

    superior: str
    issuer: str
    reference: str
    place: str
    date: dt.date | None
    title: str
    subject: str = ""
    body: list[Para] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    # Minutes are signed by the secretary too, on the left of the chair.
    secretary: Signature | None = None
    layout: str = PARTY_LAYOUT
    draft: bool = False
    year: int | None = None
    annex: list[Table] = field(default_factory=list)
    # Under "PHỤ LỤC": "(Kèm theo Báo cáo số … ngày … của …)".
    annex_caption: str = ""


def date_line(place: str, date: dt.date) -> str:
    """ "Trạm Tấu, ngày 05 tháng 02 năm 2024": days below 10 and months 1–2 padded.

    36-HD/VPTW pads them so that nothing can be written in front later.
    """
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def blank_date_line(place: str, year: int) -> str:
    """The date line of a paper not yet signed: day and month left to fill."""
    return f"{place}, ngày      tháng      năm {year}"


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


def _append_run(
    paragraph: Paragraph,
    text: str,
    size: float = BODY_SIZE,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    """Append a run to ``paragraph``, its properties written directly.

    The font is the Normal style's (Times New Roman, every script); a run
    says only what differs: bold, italic, size, underline, in the schema's
    order. (python-docx's property setters search the run's children on
    every call: a report's annex of 100 rows spent most of its time there.)
    A "\n" in ``text`` is a line break. Rows stored before input was cleaned
    may hold what XML cannot: it goes.
    """
    run = SubElement(paragraph._p, _W_R)
    if bold or italic or underline or size != BODY_SIZE:
        properties = SubElement(run, _W_RPR)
        if bold:
            SubElement(properties, _W_B)
        if italic:
            SubElement(properties, _W_I)
        if size != BODY_SIZE:
            half_points = str(round(size * 2))
            SubElement(properties, _W_SZ).set(_W_VAL, half_points)
            SubElement(properties, _W_SZCS).set(_W_VAL, half_points)
        if underline:
            SubElement(properties, _W_U).set(_W_VAL, "single")
    for number, line in enumerate(strip_controls(text).split("\n")):
        if number:
            SubElement(run, _W_BR)
        if line:
            element = SubElement(run, _W_T)
            element.set(_XML_SPACE, "preserve")
            element.text = line


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
    if text:
        # Rows stored before input was cleaned may hold what XML cannot.
        _append_run(paragraph, text, size, **flags)
    return paragraph


def _rule(target: _Cell | DocxDocument, *, indent: float) -> Paragraph:
    """A short solid line (ND 30: under the issuer and under the motto).

    An empty paragraph with a bottom border, narrowed by ``indent`` mm each side.
    """
    paragraph = _line(target, "", size=4)
    paragraph.paragraph_format.left_indent = Mm(indent)
    paragraph.paragraph_format.right_indent = Mm(indent)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1")):
        bottom.set(qn(f"w:{name}"), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(borders)
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


def _recipients(
    cell: _Cell | DocxDocument, recipients: list[str], *, state: bool = False
) -> None:
    if state:
        # ND 30: "Nơi nhận:" bold italic 12, the recipients 11.
        _line(
            cell,
            "Nơi nhận:",
            size=12,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            bold=True,
            italic=True,
            first=True,
        )
    else:
        _line(
            cell,
            "Nơi nhận:",
            align=WD_ALIGN_PARAGRAPH.LEFT,
            underline=True,
            first=True,
        )
    for recipient in recipients:
        _line(cell, recipient, size=11 if state else 12, align=WD_ALIGN_PARAGRAPH.LEFT)


def _foot(document: DocxDocument, paper: Paper) -> None:
    """Recipients and signature; never alone on a page, away from the text.

    The paragraphs before the foot keep with it and its row cannot split, so
    Word and LibreOffice move the last paragraph over with the signatures.
    """
    state = paper.layout == STATE_LAYOUT
    if paper.secretary is None:
        left, right = _two_columns(document, 80, 85)
        _recipients(left, paper.recipients, state=state)
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
        _recipients(document, paper.recipients, state=state)


def _setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    _font(normal, BODY_SIZE)
    # Paragraphs are tight by default (the template's 10 pt after is not the
    # papers'); the body's paragraphs set their own 6 pt.
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)


def _page_number(paragraph: Paragraph, size: float) -> None:
    """A PAGE field: the number of the page it is printed on."""
    half_points = str(round(size * 2))
    for kind, instruction in (
        ("begin", ""),
        ("", " PAGE "),
        ("separate", ""),
        ("end", ""),
    ):
        run = SubElement(paragraph._p, _W_R)
        properties = SubElement(run, _W_RPR)
        SubElement(properties, _W_SZ).set(_W_VAL, half_points)
        SubElement(properties, _W_SZCS).set(_W_VAL, half_points)
        if kind:
            SubElement(run, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
        else:
            element = SubElement(run, qn("w:instrText"))
            element.set(_XML_SPACE, "preserve")
            element.text = instruction


def _page_headers(document: DocxDocument, *, draft: bool) -> None:
    """The page number centred at the top from the second page on (36-HD,
    ND 30), and on a draft "DỰ THẢO" at the top right of every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    if draft:
        first = section.first_page_header.paragraphs[0]
        first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _append_run(first, DRAFT_MARK, 13, bold=True)
    header = section.header
    numbered = header.paragraphs[0]
    if draft:
        numbered.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _append_run(numbered, DRAFT_MARK, 13, bold=True)
        numbered = header.add_paragraph()
    numbered.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(numbered, 13)


def _date_text(paper: Paper) -> str:
    if paper.date is not None:
        return date_line(paper.place, paper.date)
    if paper.year is None:
        return f"{paper.place}, ngày      tháng      năm       "
    return blank_date_line(paper.place, paper.year)


def _party_header(document: DocxDocument, paper: Paper) -> None:
    left, right = _two_columns(document, 75, 90)
    first = True
    if paper.superior:
        _line(left, paper.superior, first=True)
        first = False
    for line in paper.issuer.split("\n"):
        _line(left, line, bold=True, first=first)
        first = False
    _line(left, "*")
    _line(left, f"Số {paper.reference}")
    _line(right, PARTY, size=15, bold=True, underline=True, first=True)
    _line(right, "")
    _line(right, _date_text(paper), italic=True)


def _state_header(document: DocxDocument, paper: Paper) -> None:
    left, right = _two_columns(document, 68, 97)
    first = True
    if paper.superior:
        _line(left, paper.superior, size=13, first=True)
        first = False
    for line in paper.issuer.split("\n"):
        _line(left, line, size=13, bold=True, first=first)
        first = False
    _rule(left, indent=22)
    _line(left, f"Số: {paper.reference}", size=13)
    _line(right, NATION, size=12.5, bold=True, first=True)
    _line(right, MOTTO, size=13.5, bold=True)
    _rule(right, indent=24)
    _line(right, _date_text(paper), italic=True)


def _body(document: DocxDocument, paper: Paper) -> list[Paragraph]:
    written = []
    for para in paper.body:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        form = paragraph.paragraph_format
        form.space_after = Pt(6)
        if para.indent:
            form.first_line_indent = Cm(1)
        if para.heading:
            form.keep_with_next = True
        for piece in para.pieces:
            if piece.text:
                _append_run(
                    paragraph,
                    piece.text,
                    bold=piece.bold,
                    italic=piece.italic,
                    underline=piece.underline,
                )
        written.append(paragraph)
    return written


def _repeat_header_row(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(OxmlElement("w:tblHeader"))
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def _cell_text(cell: _Cell, text: str, *, size: float, **flags: bool) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    if text:
        _append_run(paragraph, text, size, **flags)
    return paragraph


def _annex_table(document: DocxDocument, table: Table, size: float) -> None:
    title = _line(document, table.title, bold=True)
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.keep_with_next = True
    columns = max(1, len(table.columns))
    grid = document.add_table(rows=1 + len(table.rows), cols=columns)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = grid.rows
    heads = rows[0].cells
    for cell, text in zip(heads, table.columns, strict=False):
        _cell_text(
            cell, text, size=size, bold=True
        ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header_row(rows[0])
    numeric = table.numeric
    for row, values in zip(rows[1:], table.rows, strict=True):
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=False)):
            paragraph = _cell_text(cell, text, size=size)
            if index < len(numeric) and numeric[index]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.note:
        note = _line(document, table.note, size=12, italic=True)
        note.alignment = WD_ALIGN_PARAGRAPH.LEFT
        note.paragraph_format.space_before = Pt(3)


def _annex(document: DocxDocument, paper: Paper) -> None:
    """The annex tables on pages of their own, after the signature."""
    wide = any(len(t.columns) > _LANDSCAPE_COLUMNS for t in paper.annex)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    if wide:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(20), Mm(20)
        section.top_margin, section.bottom_margin = Mm(30), Mm(15)
    heading = _line(document, "PHỤ LỤC", bold=True)
    heading.paragraph_format.keep_with_next = True
    if paper.annex_caption:
        caption = _line(document, paper.annex_caption, italic=True)
        caption.paragraph_format.keep_with_next = True
    for table in paper.annex:
        _annex_table(document, table, 11 if wide else 12)


def render(paper: Paper) -> bytes:
    """The paper as the bytes of a .docx file."""
    document = Document()
    _setup(document)
    _page_headers(document, draft=paper.draft)

    if paper.layout == STATE_LAYOUT:
        _state_header(document, paper)
    else:
        _party_header(document, paper)

    _line(document, "")
    _line(document, paper.title, size=15, bold=True)
    if paper.subject:
        _line(document, paper.subject, bold=True)
    if paper.layout == STATE_LAYOUT:
        _rule(document, indent=65)
    else:
        _line(document, "-----")
    _line(document, "")

    body_paragraphs = _body(document, paper)

    last = _line(document, "")
    if body_paragraphs:
        body_paragraphs[-1].paragraph_format.keep_with_next = True
    last.paragraph_format.keep_with_next = True
    _foot(document, paper)
    if paper.annex:
        _annex(document, paper)

    out = BytesIO()
    document.save(out)
    return out.getvalue()
