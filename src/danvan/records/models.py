"""Links from confirmed facts of a text to the records made from them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordLink(models.Model):
    """A document, meeting, person or reported value made from, or linked to,
    a fact of a text."""

    class Fact(models.TextChoices):
        DOC_REF = "doc_refs", _("document reference")
        MEETING = "meeting", _("meeting")
        PERSON = "people", _("person")
        FIGURE = "figures", _("figure")

    source = models.ForeignKey(
        "ingestion.Source",
        on_delete=models.CASCADE,
        related_name="record_links",
        verbose_name=_("text"),
    )
    fact = models.CharField(_("fact"), max_length=10, choices=Fact.choices)
    index = models.PositiveSmallIntegerField(_("position in the list"), default=0)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    created = models.BooleanField(
        _("record made from the text"),
        default=False,
        help_text=_("False when the fact was linked to a record that existed already."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("record from a text")
        verbose_name_plural = _("records from texts")
        ordering = ["source", "fact", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "fact", "index"], name="record_link_one_per_fact"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.source} · {self.get_fact_display()} {self.index + 1}"
