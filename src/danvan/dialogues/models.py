"""Dialogues with the people (đối thoại trực tiếp) and citizen reception days.

Quy định 11-QĐi/TW (18/2/2019) requires the head of a Party committee to
receive citizens and hold direct dialogues; Kết luận 215-KL/TW (23/11/2025)
narrowed it to the province and the commune and asks for reports. Luật Tiếp
công dân 2013 sets the chairs' reception days.

- ``Session``: a dialogue: date, the leader who holds it, the audience (a
  group, a village, an association's members), the place, the issues raised.
- ``Issue``: one opinion raised: who raised it, its topic, the answer given at
  the session, or an assignment to a body with a due date, followed until
  answered.
- ``Reception``: a day a leader received citizens (tiếp công dân định kỳ).
- ``ObligationRule``: how many dialogues and reception days a leader of a
  level owes per month, by the rule in force on a date (dated data, never
  code): the statistics set what was held against it.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.common.access import ScopedQuerySet
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels
from danvan.common.text import fold


class SessionQuerySet(ScopedQuerySet["Session"]):
    # The place's path and the holding body's path, copied on the row.
    scope_area = "area_"
    scope_body = "body_"

    def search(self, text: str) -> Self:
        """Dialogues whose leader, audience, venue or subject holds ``text``
        (accents optional)."""
        key = fold(text)
        return self.filter(search_text__contains=key) if key else self


class Session(ChoiceLabels):
    """A direct dialogue of a leader with the people."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular (by the plan)")
        AD_HOC = "ad_hoc", _("ad hoc (a crowded, complex or risky case)")

    class Audience(models.TextChoices):
        VILLAGE = "village", _("the people of a village")
        GROUP = "group", _("a group of citizens")
        ASSOCIATION = "association", _("an association's members")
        OTHER = "other", _("other")

    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="dialogues",
        verbose_name=_("holding body"),
    )
    # Where it was held, down to the village.
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="dialogues",
        verbose_name=_("place"),
    )
    held_on = models.DateField(_("held on"))
    kind = models.CharField(
        _("kind"), max_length=8, choices=Kind.choices, default=Kind.REGULAR
    )
    leader_name = models.CharField(_("leader who holds it"), max_length=150)
    leader_title = models.CharField(_("leader's title"), max_length=200)
    # The leader's level for the obligation (``ObligationRule.level``).
    level = models.CharField(_("level"), max_length=10, editable=False, default="")
    audience_kind = models.CharField(
        _("audience"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.VILLAGE,
    )
    audience = models.CharField(
        _("audience in detail"),
        max_length=300,
        help_text=_("“Hội viên Hội Nông dân xã”, “Nhân dân thôn Tà Chử”…"),
    )
    place = models.CharField(_("venue"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
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

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(
                fields=["area_path", "held_on", "id"], name="dialogue_area_list"
            ),
            models.Index(
                fields=["body_path", "held_on", "id"], name="dialogue_body_list"
            ),
            models.Index(fields=["held_on", "id"], name="dialogue_list"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.audience}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the place's and body's paths and the body's level."""
        if kwargs.get("update_fields") is None:
            self.copy_columns()
        super().save(*args, **kwargs)

    def copy_columns(self) -> None:
        """Copy the place's and body's paths, the body's level and the
        search text on the row (``save()``, and a bulk writer before
        ``bulk_create``)."""
        self.area_path = self.area.path
        self.body_path = self.body.path
        self.level = self.body.area.level
        self.search_text = fold(
            " ".join((self.leader_name, self.audience, self.place, self.subject))
        )

    def get_absolute_url(self) -> str:
        return detail_url("dialogues:session_detail", self.pk)

    @property
    def unit_paths(self) -> tuple[str, str]:
        """Its place's and holding body's paths (copied on the row), for the
        rules (``common.access``)."""
        return self.area_path, self.body_path


class IssueQuerySet(ScopedQuerySet["Issue"]):
    # Read with its session; the body it is assigned to reads it too
    # (``assigned_body_path``).
    scope_area = "session__area_"
    scope_body = "session__body_"
    # The body it is assigned to, and the units of that body's area, read it
    # (and answer it: ``services.answer_issue``), never change the session.
    scope_read = ((None, "assigned_body_"), ("assigned_body__area__", None))

    def search(self, text: str) -> Self:
        """Opinions whose text, who raised it or session holds ``text``."""
        key = fold(text)
        return self.filter(search_text__contains=key) if key else self


class Issue(ChoiceLabels):
    """An opinion raised at a dialogue, and how it was answered."""

    class Status(models.TextChoices):
        ANSWERED = "answered", _("answered at the session")
        ASSIGNED = "assigned", _("assigned, waiting for the answer")
        DONE = "done", _("answered after the session")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="issues",
        verbose_name=_("dialogue"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    raised_by = models.CharField(_("raised by"), max_length=200)
    topic = models.ForeignKey(
        "situation.Topic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dialogue_issues",
        verbose_name=_("topic"),
    )
    content = models.TextField(_("opinion"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ANSWERED
    )
    answer = models.TextField(_("answer"), blank=True)
    assigned_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dialogue_issues",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    assigned_body_path = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion raised")
        verbose_name_plural = _("opinions raised")
        ordering = ["session", "order", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="dialogue_issue_due"),
            models.Index(
                fields=["assigned_body_path", "due_on"], name="dialogue_issue_body"
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    def get_absolute_url(self) -> str:
        return (
            f"{detail_url('dialogues:session_detail', self.session_id)}#issue-{self.pk}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            self.copy_columns()
        super().save(*args, **kwargs)

    def copy_columns(self) -> None:
        """Copy the assigned body's path and the search text (with its
        session's) on the row."""
        body = self.assigned_body
        self.assigned_body_path = body.path if body is not None else ""
        self.search_text = fold(
            " ".join((self.raised_by, self.content, self.session.search_text))
        )


class ReceptionQuerySet(ScopedQuerySet["Reception"]):
    scope_area = "body__area__"
    scope_body = "body__"

    def search(self, text: str) -> Self:
        """Reception days whose leader or note holds ``text``."""
        key = fold(text)
        return self.filter(search_text__contains=key) if key else self


class Reception(models.Model):
    """A day a leader received citizens (tiếp công dân)."""

    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="receptions",
        verbose_name=_("body"),
    )
    held_on = models.DateField(_("date"))
    leader_name = models.CharField(_("leader"), max_length=150)
    leader_title = models.CharField(_("leader's title"), max_length=200)
    level = models.CharField(_("level"), max_length=10, editable=False, default="")
    citizens = models.PositiveIntegerField(_("citizens received"), default=0)
    cases = models.PositiveIntegerField(_("matters raised"), default=0)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    objects = ReceptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception days")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.leader_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            self.copy_columns()
        super().save(*args, **kwargs)

    def copy_columns(self) -> None:
        """Copy the body's level and the search text on the row."""
        self.level = self.body.area.level
        self.search_text = fold(
            " ".join((self.leader_name, self.leader_title, self.note))
        )


class ObligationRule(models.Model):
    """How many dialogues and reception days a leader of a level owes each
    month, from a rule in force between two dates (dated data)."""

    class Duty(models.TextChoices):
        DIALOGUE = "dialogue", _("direct dialogues")
        RECEPTION = "reception", _("reception days")

    level = models.CharField(_("level"), max_length=10)
    # The leader it binds: "Bí thư cấp ủy", "Chủ tịch UBND".
    leader = models.CharField(_("leader"), max_length=120)
    # Bodies whose leader it binds (``units.Body.Kind``): a Party committee,
    # a People's Committee.
    body_kind = models.CharField(_("body kind"), max_length=20)
    duty = models.CharField(_("duty"), max_length=10, choices=Duty.choices)
    per_month = models.DecimalField(_("times a month"), max_digits=5, decimal_places=2)
    basis = models.CharField(_("legal basis"), max_length=300)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["duty", "level", "body_kind", "valid_from"]

    def __str__(self) -> str:
        return f"{self.leader} · {self.get_duty_display()} · {self.basis}"
