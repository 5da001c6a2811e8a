"""The people's situation (tình hình nhân dân), per unit and period.

- ``Topic`` (chủ đề): a configurable catalogue, read by every officer, seeded
  with the topics of the domain guide §6 (opinion on national events and draft
  laws, ethnic issues, religion and "đạo lạ", land and site clearance, crowd
  complaints, child marriage, illegal migration, poverty, epidemics and
  disasters, hostile propaganda…). The hot spots, dialogues and petitions
  classify by the same topics.
- ``Entry``: what a body reports of the people's situation in its place
  (down to the village) for a period: a topic, an assessment (ổn định / có
  biểu hiện phức tạp / phức tạp), a summary, its sources and the follow-up.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.common.access import ScopedQuerySet
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels
from danvan.common.text import fold


class TopicQuerySet(models.QuerySet["Topic"]):
    """The catalogue: read by every signed-in officer."""

    def search(self, text: str) -> Self:
        key = fold(text)
        if not key:
            return self
        return self.filter(Q(search_name__contains=key) | Q(code__iexact=text.strip()))


class Topic(models.Model):
    """A topic of the people's situation (chủ đề tình hình nhân dân)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    search_name = models.CharField(max_length=300, editable=False, default="")

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("situation:topic_detail", self.pk)


class Assessment(models.TextChoices):
    """How the situation is judged, as reports write it."""

    STABLE = "stable", _("stable")
    SIGNS = "signs", _("signs of complexity")
    COMPLEX = "complex", _("complex")


class EntryQuerySet(ScopedQuerySet["Entry"]):
    # The place's path and the reporting body's path, copied on the row.
    scope_area = "area_"
    scope_body = "body_"

    def search(self, text: str) -> Self:
        """Accent-free search in the summary, sources and follow-up."""
        key = fold(text)
        if not key:
            return self
        return self.filter(search_text__contains=key)


class Entry(ChoiceLabels):
    """One topic of the people's situation in one place for one period."""

    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="situation_entries",
        verbose_name=_("reporting body"),
    )
    # The place: the body's area or a place inside it, down to the village.
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="situation_entries",
        verbose_name=_("place"),
    )
    period = models.ForeignKey(
        "datasets.Period",
        on_delete=models.PROTECT,
        related_name="situation_entries",
        verbose_name=_("period"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("topic"),
    )
    assessment = models.CharField(
        _("assessment"),
        max_length=8,
        choices=Assessment.choices,
        default=Assessment.STABLE,
    )
    summary = models.TextField(_("summary"))
    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_("Where it was learnt: meetings, reports of villages, the press…"),
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    observed_on = models.DateField(_("observed on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    area_path = models.CharField(max_length=255, editable=False, default="")
    body_path = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation entry")
        verbose_name_plural = _("situation entries")
        ordering = ["-observed_on", "-id"]
        indexes = [
            models.Index(
                fields=["area_path", "observed_on", "id"], name="situation_area_list"
            ),
            models.Index(
                fields=["body_path", "observed_on", "id"], name="situation_body_list"
            ),
            models.Index(fields=["observed_on", "id"], name="situation_list"),
            models.Index(fields=["period", "topic"], name="situation_period_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} · {self.area}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the place's and the body's paths (paths never change)."""
        if kwargs.get("update_fields") is None:
            self.area_path = self.area.path
            self.body_path = self.body.path
            self.search_text = fold(
                " ".join((self.summary, self.sources, self.follow_up))
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("situation:entry_detail", self.pk)
