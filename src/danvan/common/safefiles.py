"""Limits on reading uploaded files, so that a small hostile file stays harmless.

Every reader of DOCX, XLSX, PDF, HTML and text calls these checks before its
parser sees the bytes: a zip container (DOCX, XLSX) is judged from its central
directory first (number of parts, declared unpacked size, compression ratio,
encrypted or misnamed parts), then unpacked once with a running count, since
declared sizes can lie. Long loops (sheet rows, PDF pages) check a
``Deadline``. A refusal raises ``ParseRefusedError`` whose message says which
limit was passed, in the user's language.

The limits come from ``DANVAN_PARSE_LIMITS`` in the settings over the defaults
of ``ParseLimits``. No Django import at module level: the extractor's command
line uses this module too, and then the defaults and English messages apply.
"""

from __future__ import annotations

import dataclasses
import io
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any

MB = 1024 * 1024
# Small parts compress well whatever they hold; the ratio says little below this.
_RATIO_FLOOR = 1 * MB
_CHUNK = 64 * 1024
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


def gettext_noop(message: str) -> str:
    """Mark a message for the catalogue; it is translated when raised."""
    return message


@dataclass(frozen=True)
class ParseLimits:
    """How much an uploaded file may hold before it is refused unread."""

    max_unpacked_bytes: int = 50 * MB  # a zip container's parts, unpacked
    max_entries: int = 2000  # parts of a zip container
    max_ratio: int = 200  # unpacked / packed size of one part
    max_pdf_pages: int = 1000
    max_text_chars: int = 1_000_000  # the text read out of any file, or pasted
    max_html_bytes: int = 5 * MB  # trafilatura takes ~10 s on 4 MB of paragraphs
    max_xlsx_rows: int = 5000  # rows with data; blank rows do not count
    max_xlsx_blank_rows: int = 10_000
    max_xlsx_columns: int = 100
    max_seconds: float = 30.0  # checked between rows, pages and parts
    max_review_chars: int = 200_000  # shown (and marked) on the review page

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> ParseLimits:
        """The defaults with the given ones over them; unknown names are an error."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"DANVAN_PARSE_LIMITS: unknown limits {unknown}")
        return cls(**values)


def configured_limits() -> ParseLimits:
    """The site's limits: ``DANVAN_PARSE_LIMITS`` over the defaults."""
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - used without Django
        return ParseLimits()
    if not settings.configured:
        return ParseLimits()
    return ParseLimits.from_mapping(getattr(settings, "DANVAN_PARSE_LIMITS", {}))


def _translate(message: str) -> str:
    try:
        from django.conf import settings
        from django.utils.translation import gettext
    except ImportError:  # pragma: no cover - used without Django
        return message
    return gettext(message) if settings.configured else message


def count_text(number: float) -> str:
    """A count as Vietnamese writes it: 1.000.000."""
    return f"{number:,.0f}".replace(",", ".")


def size_text(size: int) -> str:
    """A size in MB (or KB below one MB), for messages."""
    if size >= MB:
        return f"{size / MB:g} MB"
    return f"{max(size // 1024, 1)} KB"


class ParseRefusedError(Exception):
    """A file was refused before or while reading it; ``message`` says why."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        self.message = _translate(template) % params
        super().__init__(self.message)


UNPACKED = gettext_noop(
    "The %(kind)s file is refused: its content unpacks to more than %(limit)s "
    "(it may be a malicious compressed file)."
)
ENTRIES = gettext_noop(
    "The %(kind)s file is refused: it holds more than %(limit)s parts."
)
RATIO = gettext_noop(
    "The %(kind)s file is refused: a part of it is compressed more than "
    "%(limit)s times (it may be a malicious compressed file)."
)
ODD = gettext_noop(
    "The %(kind)s file is refused: it holds encrypted, unusual or misnamed parts."
)
CORRUPT = gettext_noop("The %(kind)s file is damaged or is not a %(kind)s file.")
PAGES = gettext_noop("The PDF file is refused: it has more than %(limit)s pages.")
CHARS = gettext_noop("The text is refused: it is longer than %(limit)s characters.")
HTML_SIZE = gettext_noop("The HTML file is refused: it is larger than %(limit)s.")
ROWS = gettext_noop(
    "The sheet is refused: it has more than %(limit)s rows of data. "
    "Split it into several files."
)
BLANK_ROWS = gettext_noop(
    "The sheet is refused: it has more than %(limit)s empty rows. "
    "Delete the empty rows and upload it again."
)
SECONDS = gettext_noop(
    "The %(kind)s file is refused: reading it took longer than %(limit)s seconds."
)


def _odd_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (
        name.startswith(("/", "\\")) or ".." in parts or "\x00" in name or ":" in name
    )


def check_zip(source: bytes | IO[bytes], *, kind: str, limits: ParseLimits) -> None:
    """Refuse a zip container (DOCX, XLSX) that would unpack beyond the limits.

    First from the central directory alone (cheap: a 1 MB bomb is refused
    without unpacking a byte), then by unpacking every part once with a
    running count, which also catches parts whose declared size lies (zipfile
    stops at the declared size and the checksum then fails). Parts that are
    themselves archives (a chart's workbook inside a DOCX) are allowed: no
    parser opens them, and their size counts. A stream is left at its start.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            _check_directory(infos, kind=kind, limits=limits)
            _check_unpacked(archive, infos, kind=kind, limits=limits)
    except ParseRefusedError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ParseRefusedError(CORRUPT, kind=kind) from exc
    except (NotImplementedError, RuntimeError, EOFError) as exc:
        raise ParseRefusedError(ODD, kind=kind) from exc
    finally:
        stream.seek(0)


def _check_directory(
    infos: list[zipfile.ZipInfo], *, kind: str, limits: ParseLimits
) -> None:
    if len(infos) > limits.max_entries:
        raise ParseRefusedError(
            ENTRIES, kind=kind, limit=count_text(limits.max_entries)
        )
    total = 0
    names: set[str] = set()
    for info in infos:
        encrypted = info.flag_bits & 0x1
        if encrypted or info.compress_type not in _METHODS:
            raise ParseRefusedError(ODD, kind=kind)
        if _odd_name(info.filename) or info.filename in names:
            raise ParseRefusedError(ODD, kind=kind)
        names.add(info.filename)
        total += info.file_size
        if total > limits.max_unpacked_bytes:
            raise ParseRefusedError(
                UNPACKED, kind=kind, limit=size_text(limits.max_unpacked_bytes)
            )
        packed = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * packed:
            raise ParseRefusedError(
                RATIO, kind=kind, limit=count_text(limits.max_ratio)
            )


def _check_unpacked(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    *,
    kind: str,
    limits: ParseLimits,
) -> None:
    total = 0
    deadline = Deadline(limits, kind=kind)
    for info in infos:
        if info.is_dir():
            continue
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                total += len(chunk)
                if total > limits.max_unpacked_bytes:
                    raise ParseRefusedError(
                        UNPACKED, kind=kind, limit=size_text(limits.max_unpacked_bytes)
                    )
                deadline.check()


def check_text(text: str, *, limits: ParseLimits) -> None:
    """Refuse a text longer than ``max_text_chars``."""
    if len(text) > limits.max_text_chars:
        raise ParseRefusedError(CHARS, limit=count_text(limits.max_text_chars))


def check_text_bytes(data: bytes, *, limits: ParseLimits) -> None:
    """Refuse, before decoding, bytes that cannot fit in ``max_text_chars``.

    UTF-8 takes at most four bytes a character, so more bytes than that are
    surely too many characters; the decoded text is checked again.
    """
    if len(data) > 4 * limits.max_text_chars:
        raise ParseRefusedError(CHARS, limit=count_text(limits.max_text_chars))


def check_html_bytes(data: bytes, *, limits: ParseLimits) -> None:
    """Refuse an HTML page larger than ``max_html_bytes`` before parsing it."""
    if len(data) > limits.max_html_bytes:
        raise ParseRefusedError(HTML_SIZE, limit=size_text(limits.max_html_bytes))


class Deadline:
    """The time a reader may spend on one file, checked between its steps."""

    def __init__(self, limits: ParseLimits, *, kind: str) -> None:
        self.kind = kind
        self.seconds = limits.max_seconds
        self.ends = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise ParseRefusedError(
                SECONDS, kind=self.kind, limit=count_text(self.seconds)
            )


class RowCounter:
    """Counts a sheet's rows while it is read: data rows and blank ones apart."""

    def __init__(self, limits: ParseLimits) -> None:
        self.limits = limits
        self.rows = 0
        self.blank = 0
        self.deadline = Deadline(limits, kind="XLSX")

    def add(self, *, blank: bool) -> None:
        """Count one more row; refuse the sheet once a limit is passed."""
        self.deadline.check()
        if blank:
            self.blank += 1
            if self.blank > self.limits.max_xlsx_blank_rows:
                raise ParseRefusedError(
                    BLANK_ROWS, limit=count_text(self.limits.max_xlsx_blank_rows)
                )
            return
        self.rows += 1
        if self.rows > self.limits.max_xlsx_rows:
            raise ParseRefusedError(ROWS, limit=count_text(self.limits.max_xlsx_rows))


def pdf_configuration(limits: ParseLimits) -> dict[str, Any]:
    """Overwrites of pypdf's own limits: no stream unpacks beyond our limit.

    ``jbig2dec_binary=None``: a hostile image never reaches an outside program.
    """
    cap = min(limits.max_unpacked_bytes, 75_000_000)
    return {
        "maximum_declared_stream_length": cap,
        "array_based_stream_maximum_output_length": cap,
        "jbig2_maximum_output_length": cap,
        "lzw_maximum_output_length": cap,
        "run_length_maximum_output_length": cap,
        "zlib_maximum_output_length": cap,
        "brotli_maximum_output_length": cap,
        "image_maximum_buffer_size": cap,
        "jbig2dec_binary": None,
    }
