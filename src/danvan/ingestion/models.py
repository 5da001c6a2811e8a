"""Texts brought into danvan (sources) and the runs that brought them in (batches).

A source is one text, stored once: its original file is kept, and the SHA-256
of the original bytes identifies it, so the same file brought in twice (by
anyone, into any area) is the same source. The extractor's reading of the text
is kept in ``facts``; what a user checked and confirmed is kept apart in
``confirmed_facts``, with who confirmed it and when.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.access import ScopedQuerySet
from danvan.common.files import storage_name
from danvan.common.links import detail_url
from danvan.common.text import fold


def original_path(source: Source, filename: str) -> str:
    """``sources/ab/<random>.docx``: a name no one can guess from the file."""
    return storage_name("sources", filename)


class SourceQuerySet(ScopedQuerySet["Source"]):
    scope_area = "area__"

    def search(self, text: str) -> Self:
        """Title or text contains ``text``, ignoring case and diacritics."""
        key = fold(text)
        if not key:
            return self
        return self.filter(Q(search_title__contains=key) | Q(search_text__contains=key))

    def confirmed(self) -> Self:
        return self.filter(confirmed_at__isnull=False)


class Source(models.Model):
    """A text brought in: a news article or a report, with the facts read from it."""

    class Kind(models.TextChoices):
        TEXT = "text", _("plain text")
        HTML = "html", _("web page (HTML)")
        DOCX = "docx", _("Word document (DOCX)")
        PDF = "pdf", _("PDF document")

    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="sources",
        verbose_name=_("area"),
    )
    title = models.CharField(pgettext_lazy("text", "title"), max_length=500)
    original = models.FileField(
        _("original file"), upload_to=original_path, max_length=500
    )
    original_name = models.CharField(_("original file name"), max_length=255)
    kind = models.CharField(_("format"), max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    text = models.TextField(_("text"))
    facts = models.JSONField(_("extracted facts"), default=dict, blank=True)
    confirmed_facts = models.JSONField(_("confirmed facts"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    batch = models.ForeignKey(
        "Batch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("batch"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("brought in by"),
    )
    created_at = models.DateTimeField(_("brought in at"), default=timezone.now)
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source text")
        verbose_name_plural = _("source texts")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["area", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return detail_url("ingestion:source_detail", self.pk)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def current_facts(self) -> dict[str, Any]:
        """The confirmed facts when there are, else what the extractor read."""
        if self.confirmed_facts is not None:
            facts: dict[str, Any] = self.confirmed_facts
            return facts
        return self.facts or {}


class BatchQuerySet(ScopedQuerySet["Batch"]):
    scope_area = "area__"


class Batch(models.Model):
    """One run of bringing texts in: uploaded files or a folder, file by file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")

    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="batches",
        verbose_name=_("area"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # The files still to read: [{"file": name shown, "path": where it is,
    # "stored": True when it is a temporary copy under MEDIA_ROOT}].
    items = models.JSONField(default=list, blank=True, editable=False)
    total = models.PositiveIntegerField(_("files"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("read"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped as duplicates"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    # [{"file": name, "reason": why it could not be read}]
    failures = models.JSONField(_("failures"), default=list, blank=True)
    # [{"file": name, "source": id of the source it duplicates}]
    duplicates = models.JSONField(_("duplicates"), default=list, blank=True)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.processed}/{self.total})"

    def get_absolute_url(self) -> str:
        return detail_url("ingestion:batch_detail", self.pk)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.is_done else 0
        return round(100 * self.processed / self.total)
