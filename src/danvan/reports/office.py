"""DOCX to PDF through LibreOffice, the office suite the project installs.

``to_pdf`` runs ``soffice --headless --convert-to pdf`` on the bytes in a
temporary folder, with a user profile of its own there (two conversions at
once never share one, and nothing is written to the server user's home),
under a time limit. The PDF is the same layout as the DOCX: LibreOffice lays
it out with the metric-compatible fonts Debian installs for Times New Roman
(fonts-liberation2, which has the Vietnamese letters).

A PDF is kept in the default cache under the SHA-256 of the DOCX it came
from: the same paper is converted once. A few conversions run at once on a
machine (``DANVAN_OFFICE_SLOTS``); the others wait their turn. Where
LibreOffice is missing, ``OfficeUnavailable`` says so in the user's language;
a conversion that fails or takes too long raises ``OfficeError``.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

# Where Debian, the LibreOffice packages of the Document Foundation and macOS
# put it, after the PATH.
_PLACES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_CACHE_SECONDS = 24 * 3600
_CACHE_PREFIX = "reports:pdf:"
_PDF_LIMIT = 50 * 1024 * 1024
_CACHE_LIMIT = 5 * 1024 * 1024


class OfficeError(Exception):
    """The PDF could not be made; ``message`` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OfficeUnavailable(OfficeError):  # noqa: N818 (the name the other apps call)
    """LibreOffice is not installed (or not where the settings say)."""


def soffice_path() -> str | None:
    """The LibreOffice program: ``DANVAN_SOFFICE`` when set, else found."""
    configured = getattr(settings, "DANVAN_SOFFICE", "") or os.environ.get(
        "DANVAN_SOFFICE", ""
    )
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((place for place in _PLACES if os.access(place, os.X_OK)), None)


def available() -> bool:
    return soffice_path() is not None


def _timeout() -> float:
    return float(getattr(settings, "DANVAN_OFFICE_TIMEOUT", 120))


def _unavailable() -> OfficeUnavailable:
    return OfficeUnavailable(
        _(
            "The PDF cannot be made: LibreOffice is not installed on the server "
            "(the administrator installs it with “make office”). Download the "
            "DOCX instead."
        )
    )


def _slot_path(number: int) -> Path:
    folder = Path(
        getattr(settings, "DANVAN_OFFICE_LOCKS", "")
        or Path(tempfile.gettempdir()) / f"danvan-office-slots-{os.getuid()}"
    )
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"slot-{number}.lock"


@contextmanager
def _slot() -> Iterator[None]:
    """One of ``DANVAN_OFFICE_SLOTS`` conversions at a time on this machine.

    Each LibreOffice takes a few hundred megabytes: many requests at once wait
    for a free slot (a lock file held while converting, shared by every
    worker process) up to ``DANVAN_OFFICE_WAIT`` seconds, then give up.
    """
    slots = max(1, int(getattr(settings, "DANVAN_OFFICE_SLOTS", 2)))
    wait = float(getattr(settings, "DANVAN_OFFICE_WAIT", 30))
    deadline = time.monotonic() + wait
    while True:
        for number in range(slots):
            handle = _slot_path(number).open("a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        if time.monotonic() >= deadline:
            raise OfficeError(
                _("LibreOffice is busy making other PDFs: try again in a moment.")
            )
        time.sleep(0.1)


def _convert(program: str, docx: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="danvan-office-") as folder:
        work = Path(folder)
        source = work / "paper.docx"
        source.write_bytes(docx)
        profile = work / "profile"
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(work),
            "LANG": "C.UTF-8",
            "SAL_USE_VCLPLUGIN": "svp",
        }
        try:
            finished = subprocess.run(
                command,
                capture_output=True,
                timeout=_timeout(),
                env=environment,
                cwd=work,
                check=False,
            )
        except FileNotFoundError as error:
            raise _unavailable() from error
        except subprocess.TimeoutExpired as error:
            raise OfficeError(
                _("LibreOffice took too long to make the PDF: try again later.")
            ) from error
        target = work / "paper.pdf"
        if finished.returncode != 0 or not target.exists():
            raise OfficeError(
                _("LibreOffice could not make the PDF (exit status %(status)s).")
                % {"status": finished.returncode}
            )
        if target.stat().st_size > _PDF_LIMIT:
            raise OfficeError(_("The PDF is too large."))
        return target.read_bytes()


def to_pdf(docx: bytes) -> bytes:
    """The PDF of a DOCX file, converted by LibreOffice (kept by the file's hash)."""
    program = soffice_path()
    if program is None:
        raise _unavailable()
    key = _CACHE_PREFIX + hashlib.sha256(docx).hexdigest()
    kept = cache.get(key)
    if isinstance(kept, bytes):
        return kept
    with _slot():
        pdf = _convert(program, docx)
    if len(pdf) <= _CACHE_LIMIT:
        cache.set(key, pdf, _CACHE_SECONDS)
    return pdf
