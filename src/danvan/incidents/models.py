"""Hot spots (điểm nóng): escalating, crowded or violent conflicts in a place.

- ``Incident``: the place (a village or a commune), the parties, how many
  people, the cause and topic, the severity, the status (phát sinh → đang xử
  lý → ổn định → kết thúc), the owner body and its deadlines, and links to
  the petitions, dialogues and meetings about it.
- ``FollowUp``: the dated timeline of what was done and learnt; a follow-up
  may change the status, the severity, the number of people and the next
  deadline, and marks the case escalating when it grows worse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.access import ScopedQuerySet
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels
from danvan.common.text import fold


class Severity(models.IntegerChoices):
    """How serious a hot spot is; higher is worse (sorted and coloured)."""

    LOW = 1, _("low")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")
    SEVERE = 4, _("severe")


class Status(models.TextChoices):
    ARISEN = "arisen", _("arisen")
    HANDLING = "handling", _("being handled")
    STABLE = "stable", _("stabilised")
    CLOSED = "closed", _("closed")


# The statuses in which a case is still followed (its deadline counts).
OPEN = (Status.ARISEN, Status.HANDLING, Status.STABLE)


class IncidentQuerySet(ScopedQuerySet["Incident"]):
    # The place's path and the owner body's path, copied on the row.
    scope_area = "area_"
    scope_body = "owner_body_"

    def search(self, text: str) -> Self:
        """Search title, place, cause and parties, accents optional."""
        key = fold(text)
        return self.filter(search_text__contains=key) if key else self

    def in_lineage_of(self, *paths: str) -> Self:
        """Hot spots whose place is or was inside the areas at ``paths``
        (those of communes merged into a new one count for it)."""
        from danvan.common import tree
        from danvan.units.lineage import lineage_paths

        return self.filter(tree.subtree_q(lineage_paths(paths), field="area_path"))


class Incident(ChoiceLabels):
    """A hot spot (điểm nóng) followed by its owner body until it is closed."""

    title = models.CharField(pgettext_lazy("hot spot", "title"), max_length=300)
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=pgettext_lazy("hot spot", "place"),
    )
    place = models.CharField(
        _("place in detail"), max_length=300, blank=True, help_text=_("Hamlet, road…")
    )
    topic = models.ForeignKey(
        "situation.Topic",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("topic"),
    )
    cause = models.TextField(_("cause"), blank=True)
    parties = models.TextField(_("parties"), blank=True)
    people = models.PositiveIntegerField(_("number of people"), default=0)
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ARISEN
    )
    # Grown worse at the last follow-up (more people, higher severity, or
    # marked so by the officer); cleared when a follow-up calms it.
    escalating = models.BooleanField(_("escalating"), default=False)
    owner_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("owner body"),
    )
    arose_on = models.DateField(_("arose on"))
    # The deadline to settle it, and the next date it must be reviewed.
    due_on = models.DateField(
        pgettext_lazy("hot spot", "deadline"), null=True, blank=True
    )
    next_review_on = models.DateField(_("next follow-up by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    petitions = models.ManyToManyField(
        "petitions.Petition",
        blank=True,
        related_name="incidents",
        verbose_name=_("petitions"),
    )
    dialogues = models.ManyToManyField(
        "dialogues.Session",
        blank=True,
        related_name="incidents",
        verbose_name=_("dialogues"),
    )
    meetings = models.ManyToManyField(
        "meetings.Meeting",
        blank=True,
        related_name="incidents",
        verbose_name=_("meetings"),
    )
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
    owner_body_path = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("hot spot")
        verbose_name_plural = _("hot spots")
        ordering = ["-arose_on", "-id"]
        indexes = [
            models.Index(
                fields=["area_path", "arose_on", "id"], name="incident_area_list"
            ),
            models.Index(
                fields=["owner_body_path", "arose_on", "id"],
                name="incident_body_list",
            ),
            models.Index(fields=["arose_on", "id"], name="incident_list"),
            models.Index(fields=["status", "due_on"], name="incident_status_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the place's and owner's paths (paths never change)."""
        if kwargs.get("update_fields") is None:
            self.area_path = self.area.path
            self.owner_body_path = self.owner_body.path
            self.search_text = fold(
                " ".join((self.title, self.place, self.cause, self.parties))
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("incidents:incident_detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def unit_paths(self) -> tuple[str, str]:
        """Its place's and owner body's paths (``common.access`` reads them)."""
        return self.area_path, self.owner_body_path

    def is_overdue(self, today: dt.date) -> bool:
        """Open, and its deadline or its next follow-up date has passed."""
        return self.is_open and any(
            day is not None and day < today
            for day in (self.due_on, self.next_review_on)
        )


class FollowUpQuerySet(ScopedQuerySet["FollowUp"]):
    scope_area = "incident__area_"
    scope_body = "incident__owner_body_"


class FollowUp(ChoiceLabels):
    """A dated step of a hot spot's timeline."""

    incident = models.ForeignKey(
        Incident,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("hot spot"),
    )
    on = models.DateField(_("date"))
    text = models.TextField(_("what was done or learnt"))
    # What changed with it (empty: unchanged).
    status = models.CharField(
        _("status after"), max_length=8, choices=Status.choices, blank=True
    )
    severity = models.PositiveSmallIntegerField(
        _("severity after"), choices=Severity.choices, null=True, blank=True
    )
    people = models.PositiveIntegerField(
        _("number of people after"), null=True, blank=True
    )
    escalating = models.BooleanField(_("escalating"), default=False)
    next_review_on = models.DateField(_("next follow-up by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["incident", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} · {self.incident}"
