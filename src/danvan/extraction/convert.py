"""Turn an input file into plain text: text files, HTML pages, DOCX, PDF.

- Text: the encoding is detected (UTF-8 and UTF-16 with or without BOM first,
  then ``charset-normalizer`` for Windows-1258, TCVN3-era legacy code pages
  and the like).
- HTML: ``trafilatura`` finds the main content of a saved portal page and its
  metadata (title, date, author); page chrome (menus, counters, "Các tin
  khác") is dropped there, and ``layout`` drops what is left. The result is
  laid out like the text files: title, date stamp, body, byline.
- DOCX: ``python-docx`` paragraphs in order, then table cells row by row.
- PDF: ``pypdf`` text of each page.

Every converter raises ``UnreadableInputError`` with a reason a person understands
when the file is corrupt, empty or of a kind we cannot read, or passes one of the
limits of ``danvan.common.safefiles`` (zip bombs, page and character counts):
those are checked before the parser opens the file, or while it reads.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

from danvan.common.safefiles import (
    CHARS,
    CORRUPT,
    PAGES,
    UNPACKED,
    Deadline,
    ParseLimits,
    ParseRefusedError,
    check_html_bytes,
    check_text,
    check_text_bytes,
    check_zip,
    configured_limits,
    count_text,
    pdf_configuration,
    size_text,
)
from danvan.common.text import normalize_block

MAX_BYTES = 50 * 1024 * 1024  # larger inputs are refused, not read into memory
_CORRUPT_DOCX = "tệp DOCX bị hỏng hoặc không đúng định dạng"


class UnreadableInputError(Exception):
    """The input cannot be turned into text; the message says why."""


def sniff_kind(data: bytes, filename: str = "") -> str:
    """Return "pdf", "docx", "html" or "text", from the bytes first, then the name."""
    suffix = Path(filename).suffix.lower()
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (
        suffix in {".docx", ""} or b"word/" in data[:4096]
    ):
        return "docx"
    if suffix in {".pdf"}:
        return "pdf"
    if suffix in {".docx"}:
        return "docx"
    if suffix in {".html", ".htm", ".xhtml"} or head.startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    if b"<html" in head or b"<body" in head:
        return "html"
    return "text"


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding into text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableInputError(
            "không nhận ra bảng mã của tệp: không phải tệp văn bản"
        )
    return str(best)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:4000]
    bad = sum(
        1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f")
    )
    return bad / len(sample) > 0.1


def html_to_text(html: str) -> str:
    """Main content of an HTML page, laid out as title, date, body, byline."""
    import trafilatura

    # trafilatura logs every page it cannot parse; the caller reports it instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    # Only dates the page states as such (meta tags, <time>): htmldate's
    # extensive search would take the portal's "today" header for one.
    metadata = trafilatura.extract_metadata(
        html, date_config={"extensive_search": False, "original_date": True}
    )
    body = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not body:
        from lxml import html as lxml_html
        from lxml.etree import LxmlError

        try:
            tree = lxml_html.fromstring(html)
        except (LxmlError, ValueError, TypeError) as exc:
            raise UnreadableInputError("trang HTML không đọc được") from exc
        for node in tree.xpath("//script|//style|//nav|//header|//footer|//noscript"):
            node.drop_tree()
        body = "\n\n".join(
            " ".join(el.text_content().split())
            for el in tree.xpath("//p|//h1|//h2|//li")
        ).strip()
    if not body and (metadata is None or not metadata.title):
        raise UnreadableInputError("trang HTML không có nội dung")
    parts: list[str] = []
    if metadata is not None and metadata.title:
        title = metadata.title.strip()
        if not body or title not in body[: len(title) + 200]:
            parts.append(title)
    stamp = metadata.date if metadata is not None and metadata.date else None
    stamp = stamp or _visible_stamp(html)
    if stamp:
        parts.append(f"Ngày đăng: {stamp}")
    parts.append(body or "")
    if (
        metadata is not None
        and metadata.author
        and metadata.author not in (body or "")[-300:]
    ):
        parts.append(metadata.author)
    return "\n\n".join(p for p in parts if p)


def _visible_stamp(html: str) -> str | None:
    """A posting stamp written on the page ("Ngày đăng: 15/09/2025 08:30")."""
    from lxml import html as lxml_html
    from lxml.etree import LxmlError

    from danvan.extraction.layout import publication_date

    try:
        tree = lxml_html.fromstring(html)
    except (LxmlError, ValueError, TypeError):
        return None
    for node in tree.xpath("//script|//style|//noscript"):
        node.drop_tree()
    lines = [" ".join(line.split()) for line in tree.text_content().split("\n")]
    for line in [line for line in lines if line][:80]:
        found = publication_date(line)
        if found:
            return found.isoformat()
    return None


def docx_to_text(data: bytes, limits: ParseLimits | None = None) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    limits = limits or configured_limits()
    try:
        check_zip(data, kind="DOCX", limits=limits)
        document = docx.Document(io.BytesIO(data))
    except ParseRefusedError as exc:
        if exc.template != CORRUPT:
            raise
        raise UnreadableInputError(_CORRUPT_DOCX) from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableInputError(_CORRUPT_DOCX) from exc
    except Exception as exc:  # python-docx raises many kinds on broken XML
        raise UnreadableInputError("tệp DOCX bị hỏng") from exc
    lines: list[str] = []
    deadline = Deadline(limits, kind="DOCX")
    # Paragraphs and tables in document order: a Party paper's header (issuer,
    # number, place and date) is usually a two-column table above the title.
    for block in document.iter_inner_content():
        deadline.check()
        if isinstance(block, Table):
            for row in block.rows:
                seen: list[str] = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if text and text not in seen:
                        seen.append(text)
                lines.extend(seen)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def pdf_to_text(data: bytes, limits: ParseLimits | None = None) -> str:
    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    limits = limits or configured_limits()
    try:
        with apply_configuration(**pdf_configuration(limits)):
            pages = _pdf_pages(data, limits)
    except ParseRefusedError:
        raise
    except LimitReachedError as exc:
        raise ParseRefusedError(
            UNPACKED, kind="PDF", limit=size_text(limits.max_unpacked_bytes)
        ) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableInputError("tệp PDF bị hỏng") from exc
    except Exception as exc:  # pypdf surfaces many internal errors on junk
        raise UnreadableInputError("tệp PDF bị hỏng") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise UnreadableInputError("tệp PDF không có lớp chữ (bản quét)")
    return text


def _pdf_pages(data: bytes, limits: ParseLimits) -> list[str]:
    """The text of each page, refused past the page, character or time limit."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if len(reader.pages) > limits.max_pdf_pages:
        raise ParseRefusedError(PAGES, limit=count_text(limits.max_pdf_pages))
    deadline = Deadline(limits, kind="PDF")
    pages: list[str] = []
    length = 0
    for page in reader.pages:
        deadline.check()
        pages.append(page.extract_text() or "")
        length += len(pages[-1])
        if length > limits.max_text_chars:
            raise ParseRefusedError(CHARS, limit=count_text(limits.max_text_chars))
    return pages


def to_text(data: bytes, filename: str = "", limits: ParseLimits | None = None) -> str:
    """Convert the bytes of a file into normalised plain text, within the limits."""
    limits = limits or configured_limits()
    try:
        return _to_text(data, filename, limits)
    except ParseRefusedError as exc:
        raise UnreadableInputError(exc.message) from exc


def _to_text(data: bytes, filename: str, limits: ParseLimits) -> str:
    if len(data) > MAX_BYTES:
        raise UnreadableInputError("tệp quá lớn: tối đa 50 MB")
    if not data.strip():
        raise UnreadableInputError("tệp rỗng")
    kind = sniff_kind(data, filename)
    if kind == "pdf":
        text = pdf_to_text(data, limits)
    elif kind == "docx":
        text = docx_to_text(data, limits)
    else:
        if kind == "html":
            check_html_bytes(data, limits=limits)
        else:
            check_text_bytes(data, limits=limits)
        text = decode_text(data)
        if _looks_binary(text):
            raise UnreadableInputError("tệp nhị phân, không phải văn bản")
        if kind == "html":
            text = html_to_text(text)
    check_text(text, limits=limits)
    return normalize_block(text)
