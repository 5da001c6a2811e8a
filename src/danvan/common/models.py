"""Abstract models shared by the apps."""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from django.db import models
from django.utils.encoding import force_str
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


class ChoiceLabels(models.Model):
    """``get_FOO_display()`` as a lookup in the field's labels.

    Django rebuilds a dict of every choice on each call, translating every
    label to hash it: a list of 50 documents showing their kind and status
    spent a third of its time there. The labels stay lazy, so each is
    translated when shown, in the language of the request.
    """

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: Any) -> Any:  # noqa: N802  (Django's name)
        value = getattr(self, field.attname)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # a value that cannot be a key: Django's own way
            return super()._get_FIELD_display(field)  # type: ignore[misc]
        return force_str(label, strings_only=True)


@cache
def _labels(field: Any) -> dict[Any, Any]:
    """The labels of a choice field by value (choices never change)."""
    return dict(field.flatchoices)


def choice_label(model: type[models.Model], name: str, value: Any) -> str:
    """The label of ``value`` in the choice field ``name`` of ``model``, as
    ``get_FOO_display()`` shows it: for rows read as values."""
    return str(_labels(model._meta.get_field(name)).get(value, value))
