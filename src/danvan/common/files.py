"""Stored files: random storage names, safe downloads, upload limits.

Every upload and generated paper is served by a login-required view that fetches
the owning row through ``visible_to`` and answers with ``serve_file``; there is no
public ``/media/``. Every view that accepts files carries ``@upload_limit(kind)``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from danvan.common.http import safe_url

if TYPE_CHECKING:
    from danvan.common.models import StoredFile

KB = 1024
MB = 1024 * KB

# Only these are shown in the browser, recognised by their first bytes. SVG and
# HTML run scripts; PDF may carry scripts too, and browsers do not render it
# under ``sandbox``, so it is downloaded like everything else.
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
# Even if a browser ignored the type, a served file runs nothing and loads nothing.
FILE_CSP = "default-src 'none'; sandbox"
# Room for the other fields of an upload form and the multipart framing.
FORM_ALLOWANCE = 256 * KB
_CONTROL = dict.fromkeys([*range(32), 127])
_RANDOM_NAME = re.compile(r"/[0-9a-f]{2}/[0-9a-f]{32}(\.[a-z0-9]{1,10})?$")


def storage_name(folder: str, filename: str) -> str:
    """``folder/ab/<32 random hex digits>.ext``: a storage name no one can guess.

    Only the extension of the uploaded name is kept (letters and digits, for
    whoever looks at the folder); the name shown on download stays in the row.
    """
    token = secrets.token_hex(16)
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = base.rsplit(".", 1)[-1] if "." in base else ""
    suffix = "".join(c for c in suffix[:10] if c.isascii() and c.isalnum()).lower()
    return f"{folder}/{token[:2]}/{token}{'.' + suffix if suffix else ''}"


def rename_guessable_files(*, dry_run: bool = False) -> list[tuple[str, str]]:
    """Move files stored before random names to one, returning (old, new) pairs.

    Covers every ``FileField`` of the project's models; a row is updated only
    once its copy is written, and the old file removed only after that.
    """
    moved = []
    for model in apps.get_models():
        if not model.__module__.startswith("danvan."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                moved += _rename_field(model, field, dry_run)
    return moved


def _rename_field(
    model: type[models.Model], field: models.FileField, dry_run: bool
) -> list[tuple[str, str]]:
    moved = []
    rows = model._base_manager.exclude(**{field.name: ""}).order_by("pk")
    for row in rows.iterator():
        old = getattr(row, field.name).name
        if _RANDOM_NAME.search(old) or not field.storage.exists(old):
            continue
        new = field.generate_filename(row, old.rsplit("/", 1)[-1])
        if not dry_run:
            with field.storage.open(old, "rb") as handle:
                new = field.storage.save(new, handle)
            model._base_manager.filter(pk=row.pk).update(**{field.name: new})
            field.storage.delete(old)
        moved.append((old, new))
    return moved


def sniff_image(head: bytes) -> str | None:
    """The type of a PNG, JPEG, GIF or WebP image from its first bytes, else None."""
    for signature, content_type in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def download_name(filename: str) -> str:
    """The last part of ``filename`` without control characters, at most 150 long."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name.translate(_CONTROL)).strip()
    if len(name) > 150:
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            name = f"{stem[: 149 - len(suffix)]}.{suffix}"
        else:
            name = name[:150]
    return name or "tep"


def _ascii_name(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "".join(
        c if " " <= c <= "~" and c not in '"\\' else "_" for c in plain
    ).strip()


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """An RFC 6266 header: a plain ASCII name, and the UTF-8 one when it differs."""
    name = download_name(filename)
    fallback = _ascii_name(name) or "tep"
    value = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def serve_file(stored: FieldFile, *, filename: str) -> FileResponse:
    """Answer with a stored file: shown only when its bytes are a safe image.

    The type comes from the bytes, never from the uploader's header or the
    extension; anything else is a download of ``application/octet-stream``.
    The caller has fetched the owning row through ``visible_to``.
    """
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    head = handle.read(16)
    handle.seek(0)
    image_type = sniff_image(head)
    response = FileResponse(
        handle, content_type=image_type or "application/octet-stream"
    )
    response.headers["Content-Disposition"] = content_disposition(
        filename, inline=image_type is not None
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = FILE_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    patch_cache_control(response, private=True)
    return response


def serve_bytes(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """Answer with a file made now (a paper, a workbook): a download, as
    ``serve_file`` answers, of the type the program knows it wrote."""
    response = HttpResponse(content, content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = FILE_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- upload limits -------------------------------------------------------------------


def upload_limit_bytes(kind: str) -> int:
    """The largest file of ``kind`` accepted (``DANVAN_UPLOAD_LIMITS``)."""
    return int(settings.DANVAN_UPLOAD_LIMITS[kind])


def format_size(size: int) -> str:
    """``20 MB``, ``512 KB`` or ``300 byte``: how a limit is written to users."""
    if size >= MB and size % MB == 0:
        return f"{size // MB} MB"
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    if size >= KB:
        return f"{size // KB} KB"
    return f"{size} byte"


def file_too_large(limit: int) -> str:
    return _("File too large: at most %(limit)s.") % {"limit": format_size(limit)}


def _limit_note(kind: str) -> str:
    limit = format_size(upload_limit_bytes(kind))
    return _("At most %(limit)s a file.") % {"limit": limit}


# For help texts: read when shown, so the setting and the language apply.
limit_note = lazy(_limit_note, str)


def upload_too_large(limit: int) -> str:
    return _("Upload too large: at most %(limit)s at a time.") % {
        "limit": format_size(limit)
    }


class LimitedUploadHandler(FileUploadHandler):
    """Stops an upload as soon as one file or the whole body passes its limit.

    Placed first, it sees each chunk before the handlers that keep it, so an
    oversized file is never completed in memory or in a temporary file.
    """

    def __init__(self, request: HttpRequest, *, per_file: int, total: int) -> None:
        super().__init__(request)
        self.per_file = per_file
        self.total = total
        self.file_bytes = 0
        self.total_bytes = 0
        self.refusal = ""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file_bytes = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.file_bytes += len(raw_data)
        self.total_bytes += len(raw_data)
        if self.file_bytes > self.per_file:
            self.refusal = file_too_large(self.per_file)
        elif self.total_bytes > self.total:
            self.refusal = upload_too_large(self.total)
        if self.refusal:
            # The rest of the body is read and dropped (never kept), so the
            # browser receives the answer instead of a reset connection.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def _check_upload(request: HttpRequest, kind: str, several: bool) -> str:
    """Parse the body under the limits of ``kind``; the refusal, or ``""``."""
    per_file = upload_limit_bytes(kind)
    if several:
        total = int(settings.DANVAN_UPLOAD_REQUEST_LIMIT)
        refusal = upload_too_large(total)
    else:
        total = per_file + FORM_ALLOWANCE
        refusal = file_too_large(per_file)
    # Refused from the header alone: the body is not read at all.
    if _content_length(request) > total:
        return refusal
    handler = LimitedUploadHandler(request, per_file=per_file, total=total)
    request.upload_handlers.insert(0, handler)
    request.POST  # noqa: B018  (parses the body through the handler above)
    return handler.refusal


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    back = safe_url(request, request.META.get("HTTP_REFERER", ""), "/")
    context = {"message": message, "back": back}
    return render(request, "common/upload_refused.html", context, status=413)


def upload_limit(
    kind: str, *, several: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Refuse a POST whose files of ``kind`` pass their limit, before storing any.

    The limit must be in place before anything reads the body, and the CSRF
    check reads it: so the view is CSRF-exempt until the limit is installed and
    protected right after (Django's "Modifying upload handlers on the fly").
    ``several``: the form takes many files, each under the limit of ``kind``
    and all together under ``DANVAN_UPLOAD_REQUEST_LIMIT``.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        protected = csrf_protect(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                refusal = _check_upload(request, kind, several)
                if refusal:
                    return _refuse(request, refusal)
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapped)

    return decorator


# --- stored uploads ------------------------------------------------------------------


def sha256_of(upload: File[Any]) -> str:
    """The SHA-256 of an upload's bytes, read in chunks; the upload is rewound."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store_upload(row: StoredFile, upload: File[Any], *, sha256: str = "") -> None:
    """Write ``upload`` under a random name and fill ``row``'s file fields.

    Name shown, size, hash (``sha256`` when the caller has it already) and the
    type read from the first bytes; the caller saves the row.
    """
    row.sha256 = sha256 or sha256_of(upload)
    head = upload.read(16)
    upload.seek(0)
    row.content_type = sniff_image(head) or "application/octet-stream"
    name = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1]
    row.original_name = name[:255] or "file"
    row.size = upload.size or 0
    row.file.save(row.original_name, upload, save=False)
