"""Abstract models shared by the apps."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.common.files import storage_name


def stored_file_path(instance: StoredFile, filename: str) -> str:
    # A random name: the original name is kept in the row, never trusted as a
    # path, and neither it nor the hash lets anyone guess where the file is.
    return storage_name(instance.STORAGE_FOLDER, filename)


class StoredFile(models.Model):
    """A file kept as uploaded: random storage name, the name shown, size, hash, type.

    Filled by ``common.files.store_upload``; served by ``serve_file`` from a
    view that fetched the owning row through ``visible_to``.
    """

    STORAGE_FOLDER: ClassVar[str] = "files"

    file = models.FileField(_("file"), upload_to=stored_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    # Read from the file's first bytes, never from the uploader's header.
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
