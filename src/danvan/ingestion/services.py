"""Writes of bringing texts in: sources from bytes or pasted text, batches of
files read in the background, and the confirmation of a source's facts."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.common.audit import acting_as, update_all
from danvan.common.files import storage_name
from danvan.common.rules import may_edit, require
from danvan.common.text import fold, normalize
from danvan.extraction import ExtractionError, convert_bytes, extract_text
from danvan.ingestion import schema
from danvan.ingestion.exceptions import IngestionError
from danvan.ingestion.models import Batch, Source
from danvan.units.models import Area

logger = logging.getLogger(__name__)

SUFFIXES = {
    ".txt": Source.Kind.TEXT,
    ".html": Source.Kind.HTML,
    ".htm": Source.Kind.HTML,
    ".docx": Source.Kind.DOCX,
    ".pdf": Source.Kind.PDF,
}
MAX_TITLE = Source._meta.get_field("title").max_length or 500


def is_supported(filename: str) -> bool:
    return Path(filename).suffix.lower() in SUFFIXES


def _kind(data: bytes, filename: str) -> str:
    if data.startswith(b"%PDF"):
        return Source.Kind.PDF
    return SUFFIXES.get(Path(filename).suffix.lower(), Source.Kind.TEXT)


def _no_nul(text: str) -> str:
    """``text`` without NUL characters, which PostgreSQL refuses in text and JSON."""
    return text.replace("\x00", "")


def _check_writer(actor: User, area: Area) -> None:
    """Only editors of an area (or the system) bring texts into it."""
    require(may_edit(actor, area), _("You may not bring texts into this area."))


def _stored_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    safe = get_valid_filename(slugify(fold(stem))[:80] or "source") + suffix
    return safe or "source.txt"


def _title(facts: dict[str, Any], text: str, filename: str, given: str = "") -> str:
    for candidate in (given, facts.get("title") or ""):
        title = normalize(candidate)
        if title:
            return title[:MAX_TITLE]
    for line in text.split("\n"):
        if line.strip():
            return normalize(line)[:MAX_TITLE]
    return Path(filename).name[:MAX_TITLE]


def _read_facts(text: str) -> dict[str, Any]:
    """The extractor's reading, or an empty record if it fails on this text.

    A text that converted is worth keeping even when the extractor stumbles on
    it: the reviewer fills the facts in by hand.
    """
    try:
        return schema.coerce(extract_text(text))
    except Exception:
        logger.exception("The extractor failed on a text; its facts are left empty.")
        return schema.empty_facts()


def ingest_bytes(
    *,
    actor: User,
    area: Area,
    data: bytes,
    filename: str,
    title: str = "",
    batch: Batch | None = None,
) -> tuple[Source, bool]:
    """Store a file as a source, or return the source that already holds it.

    The SHA-256 of the bytes identifies a source whatever its area: bringing the
    same file in again changes nothing and returns ``created=False``. A file that
    cannot be read raises ``IngestionError`` with the reason, and nothing is
    stored. Each source is saved in its own transaction.
    """
    _check_writer(actor, area)
    # A NUL in a name or title would end in a DataError on PostgreSQL.
    filename, title = _no_nul(filename), _no_nul(title)
    digest = hashlib.sha256(data).hexdigest()
    existing = Source.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing, False
    if not is_supported(filename):
        raise IngestionError(
            "định dạng tệp chưa hỗ trợ, chỉ nhận .txt, .html, .docx, .pdf"
            " (unsupported file type)"
        )
    try:
        text = convert_bytes(data, filename)
    except ExtractionError as exc:
        raise IngestionError(str(exc)) from exc
    if not text.strip():
        raise IngestionError("không tìm thấy chữ trong tệp (no text in the file)")
    facts = _read_facts(text)
    source = Source(
        area=area,
        title=_title(facts, text, filename, title),
        original_name=Path(filename.replace("\\", "/")).name[:255],
        kind=_kind(data, filename),
        size=len(data),
        sha256=digest,
        text=text,
        facts=facts,
        batch=batch,
        created_by=actor,
    )
    source.search_title = fold(source.title)
    source.search_text = fold(text)
    source.full_clean(exclude=["original", "search_title", "search_text"])
    source.original.save(_stored_name(filename), ContentFile(data), save=False)
    try:
        with transaction.atomic(), acting_as(actor):
            source.save()
    except IntegrityError:
        source.original.delete(save=False)
        # Someone stored the same bytes meanwhile: theirs is the source.
        existing = Source.objects.filter(sha256=digest).first()
        if existing is None:
            raise
        return existing, False
    except BaseException:
        source.original.delete(save=False)
        raise
    return source, True


def ingest_text(
    *, actor: User, area: Area, text: str, title: str = ""
) -> tuple[Source, bool]:
    """Store pasted text as a source (kept as a UTF-8 .txt file)."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("The text is empty."))
    stem = slugify(fold(title))[:60] if title else ""
    filename = f"{stem or 'van-ban'}.txt"
    return ingest_bytes(
        actor=actor,
        area=area,
        data=text.encode("utf-8"),
        filename=filename,
        title=title,
    )


def _new_batch(actor: User, area: Area) -> Batch:
    _check_writer(actor, area)
    with acting_as(actor):
        return Batch.objects.create(area=area, created_by=actor)


@transaction.atomic
def start_batch(
    *, actor: User, area: Area, files: Iterable[tuple[str, IO[bytes] | File[Any]]]
) -> Batch:
    """Keep the files under MEDIA_ROOT and queue a batch that reads them.

    ``files`` are (name, file object) pairs, e.g. uploaded files. The copies
    stay until the background worker has read them; the batch is queued once
    this transaction commits.
    """
    from danvan.ingestion.tasks import run_batch_task

    batch = _new_batch(actor, area)
    items = []
    for name, handle in files:
        shown = _no_nul(Path(name.replace("\\", "/")).name)
        stored = default_storage.save(
            storage_name(f"batches/{batch.pk}", shown),
            handle if isinstance(handle, File) else File(handle),
        )
        items.append({"file": shown, "path": stored, "stored": True})
    batch.items = items
    batch.total = len(items)
    with acting_as(actor):
        batch.save(update_fields=["items", "total"])
    transaction.on_commit(lambda: run_batch_task.enqueue(batch.pk))
    return batch


def folder_files(folder: Path) -> list[Path]:
    """The readable files under ``folder``, recursively, in a stable order."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and is_supported(path.name) and not path.name.startswith(".")
    )


def ingest_folder(*, actor: User, area: Area, folder: Path) -> Batch:
    """Read every .txt, .html, .docx and .pdf file under ``folder`` now.

    Runs in the calling process (the files are already on this machine); the
    batch records the outcome like an uploaded one.
    """
    folder = Path(folder).resolve()
    batch = _new_batch(actor, area)
    batch.items = [
        {"file": str(path.relative_to(folder)), "path": str(path), "stored": False}
        for path in folder_files(folder)
    ]
    batch.total = len(batch.items)
    batch.save(update_fields=["items", "total"])
    return run_batch(batch.pk)


def preview_folder(folder: Path) -> list[dict[str, str]]:
    """What ``ingest_folder`` would do with each file, changing nothing.

    Each entry is {"file", "outcome"} with outcome "new", "duplicate" or
    "failed", and a "reason" for the failed ones.
    """
    folder = Path(folder).resolve()
    known = set(Source.objects.values_list("sha256", flat=True))
    preview = []
    for path in folder_files(folder):
        entry = {"file": str(path.relative_to(folder))}
        try:
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() in known:
                entry["outcome"] = "duplicate"
            else:
                convert_bytes(data, path.name)
                entry["outcome"] = "new"
        except (ExtractionError, OSError) as exc:
            entry.update(outcome="failed", reason=_reason(exc))
        preview.append(entry)
    return preview


def _read_item(item: dict[str, Any]) -> bytes:
    if item.get("stored"):
        with default_storage.open(item["path"], "rb") as handle:
            data: bytes = handle.read()
            return data
    return Path(item["path"]).read_bytes()


def _forget_item(item: dict[str, Any]) -> None:
    if item.get("stored") and default_storage.exists(item["path"]):
        default_storage.delete(item["path"])


def run_batch(batch_id: int) -> Batch:
    """Read a batch's files one by one, counting as it goes; never stop on one.

    A file that cannot be read is recorded with its reason. Progress is saved
    after each file, so the page can show it and a restarted batch goes on
    where it stopped.
    """
    batch = Batch.objects.select_related("area", "created_by").get(pk=batch_id)
    if batch.is_done:
        return batch
    # Batches of before the system actor had no creator: the system ran them.
    actor = batch.created_by or system_actor()
    with acting_as(actor):
        batch.status = Batch.Status.RUNNING
        batch.started_at = batch.started_at or timezone.now()
        batch.save(update_fields=["status", "started_at"])
    for item in batch.items[batch.processed :]:
        _run_item(batch, item, actor)
    batch.refresh_from_db()
    with acting_as(actor):
        batch.status = Batch.Status.DONE
        batch.finished_at = timezone.now()
        batch.items = [{**i, "path": ""} if i.get("stored") else i for i in batch.items]
        batch.save(update_fields=["status", "finished_at", "items"])
    return batch


def _run_item(batch: Batch, item: dict[str, Any], actor: User) -> None:
    name = _no_nul(item["file"])
    try:
        data = _read_item(item)
        source, created = ingest_bytes(
            actor=actor, area=batch.area, data=data, filename=name, batch=batch
        )
    except (IngestionError, PermissionDenied, ValidationError, OSError) as exc:
        reason = _no_nul(_reason(exc))
        _count(batch.pk, "failed_count", "failures", {"file": name, "reason": reason})
    except Exception as exc:
        # An unexpected error in one file must not stop the others.
        logger.exception("Bringing in %s failed", name)
        reason = f"lỗi hệ thống (internal error: {type(exc).__name__})"
        _count(batch.pk, "failed_count", "failures", {"file": name, "reason": reason})
    else:
        if created:
            _count(batch.pk, "created_count")
        else:
            _count(
                batch.pk,
                "skipped_count",
                "duplicates",
                {"file": name, "source": source.pk},
            )
    _forget_item(item)


@transaction.atomic
def _count(
    batch_id: int, counter: str, note_in: str = "", note: dict[str, Any] | None = None
) -> None:
    """One more file done: bump its counter, note a failure or a duplicate."""
    changes: dict[str, object] = {
        "processed": F("processed") + 1,
        counter: F(counter) + 1,
    }
    if note_in:
        locked = Batch.objects.select_for_update().get(pk=batch_id)
        changes[note_in] = [*getattr(locked, note_in), note]
    # Counters and notes are not audited (the batch page shows them; each
    # source has its own entry), so this logs nothing unless that changes.
    update_all(Batch.objects.filter(pk=batch_id), actor=None, **changes)


def _reason(exc: BaseException) -> str:
    """Why a file was not read, as stored with the batch (Vietnamese, English)."""
    if isinstance(exc, PermissionDenied):
        return "không có quyền nhập vào địa bàn này (no permission for this area)"
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    if isinstance(exc, ExtractionError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"không đọc được tệp (cannot read the file: {exc.strerror or exc})"
    return str(exc) or type(exc).__name__


@transaction.atomic
def confirm_facts(*, actor: User, source: Source, facts: dict[str, Any]) -> Source:
    """Keep the facts a user checked, with who confirmed them and when.

    Confirming again replaces the confirmed facts; the change log keeps every
    version. Later issues turn confirmed facts into registry records.
    """
    if not may_edit(actor, source):
        raise PermissionDenied(_("You may not confirm the facts of this text."))
    try:
        clean = schema.validate(facts)
    except schema.FactsError as exc:
        raise ValidationError(exc.messages) from exc
    source.confirmed_facts = clean
    source.confirmed_by = actor
    source.confirmed_at = timezone.now()
    update = ["confirmed_facts", "confirmed_by", "confirmed_at"]
    if clean["title"] and clean["title"] != source.title:
        source.title = clean["title"][:MAX_TITLE]
        source.search_title = fold(source.title)
        update += ["title", "search_title"]
    with acting_as(actor):
        source.save(update_fields=update)
    return source
