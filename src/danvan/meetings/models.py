"""Meetings (hội nghị) of the bodies, their conclusions, and the tasks they set.

A meeting belongs to a series (the monthly giao ban of one body, say); the next
meeting of a series shows the tasks of the earlier ones that are still open.
Minutes and the conclusion notice are generated as DOCX and numbered in the
documents register.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.access import ScopedQuerySet
from danvan.common.files import storage_name
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels
from danvan.common.text import fold
from danvan.meetings import periods

if TYPE_CHECKING:
    from danvan.units.models import Area


class Kind(models.TextChoices):
    """The kinds of meeting a body holds."""

    BRIEFING = "giao_ban", _("briefing (giao ban)")
    INTERIM_REVIEW = "so_ket", _("interim review (sơ kết)")
    FINAL_REVIEW = "tong_ket", _("final review (tổng kết)")
    THEMATIC = "chuyen_de", _("thematic (chuyên đề)")
    TRAINING = "tap_huan", _("training (tập huấn)")
    DIALOGUE = "doi_thoai", _("dialogue (đối thoại)")
    OTHER = "khac", _("other")


# The kind as the Vietnamese papers write it, whatever the UI language.
KIND_VI = {
    Kind.BRIEFING: "giao ban",
    Kind.INTERIM_REVIEW: "sơ kết",
    Kind.FINAL_REVIEW: "tổng kết",
    Kind.THEMATIC: "chuyên đề",
    Kind.TRAINING: "tập huấn",
    Kind.DIALOGUE: "đối thoại",
    Kind.OTHER: "",
}


class PeriodType(models.TextChoices):
    MONTH = periods.MONTH, _("month")
    QUARTER = periods.QUARTER, _("quarter")
    FOUR_MONTHS = periods.FOUR_MONTHS, _("4 months")
    SIX_MONTHS = periods.SIX_MONTHS, _("6 months")
    NINE_MONTHS = periods.NINE_MONTHS, _("9 months")
    YEAR = periods.YEAR, _("year")
    CUSTOM = periods.CUSTOM, _("other dates")


class MeetingSeriesQuerySet(ScopedQuerySet["MeetingSeries"]):
    scope_area = "body__area__"
    scope_body = "body__"


class MeetingSeries(models.Model):
    """A recurring meeting of one body: its monthly giao ban, say."""

    name = models.CharField(_("name"), max_length=250)
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="meeting_series",
        verbose_name=_("convening body"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    search_name = models.CharField(max_length=250, editable=False)

    objects = MeetingSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["body", "kind", "search_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "search_name"], name="meeting_series_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.body})"


class MeetingQuerySet(ScopedQuerySet["Meeting"]):
    # Meetings in the user's areas, or convened by a body of theirs: through
    # the denormalised paths ("area_path", "convening_body_path"), no join.
    scope_area = "area_"
    scope_body = "convening_body_"

    def search(self, text: str) -> Self:
        """Search title, place, body, chair, guests and agenda, accents optional."""
        key = fold(text)
        return self.filter(search_text__contains=key) if key else self


class Meeting(ChoiceLabels):
    """A meeting (hội nghị) convened by a body: giao ban, sơ kết, tổng kết…"""

    Kind = Kind
    PeriodType = PeriodType

    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("series"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("meeting", "title"), max_length=300)
    period_type = models.CharField(
        _("period reviewed"), max_length=8, choices=PeriodType.choices, blank=True
    )
    period_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    period_number = models.PositiveSmallIntegerField(
        _("month or quarter"), null=True, blank=True
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    held_on = models.DateField(_("date"))
    place = models.CharField(
        pgettext_lazy("venue", "place"), max_length=250, blank=True
    )
    convening_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("convening body"),
    )
    chair = models.ForeignKey(
        "units.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
        verbose_name=_("chair"),
    )
    chair_name = models.CharField(
        _("chair (as written)"),
        max_length=250,
        blank=True,
        help_text=_("Name and title, e.g. đồng chí Nguyễn Văn A, Phó Bí thư."),
    )
    secretary = models.ForeignKey(
        "units.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minuted_meetings",
        verbose_name=_("secretary"),
        help_text=_("Keeps the minutes and signs them beside the chair."),
    )
    attendees = models.ManyToManyField(
        "units.Person",
        blank=True,
        related_name="attended_meetings",
        verbose_name=_("attendees"),
    )
    guests = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("Guests and participants outside the unit tree, one a line."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("area"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")
    # Copies of ``area.path`` and ``convening_body.path`` (a path never
    # changes), copied by save(): the scope is ranges of these
    # columns, read from the indexes below without a join.
    area_path = models.CharField(max_length=255, editable=False, blank=True, default="")
    convening_body_path = models.CharField(
        max_length=255, editable=False, blank=True, default=""
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["series", "held_on"]),
            # The list's order, read backwards: a province's first page stops
            # after its first 50 meetings in scope.
            models.Index(fields=["held_on", "id"], name="meeting_date"),
            # The scope: a range per subtree (a commune's few rows, the count).
            models.Index(
                fields=["area_path", "held_on", "id"], name="meeting_path_date"
            ),
            models.Index(
                fields=["convening_body_path", "held_on", "id"],
                name="meeting_body_path_date",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(chair__isnull=True)
                | Q(secretary__isnull=True)
                | ~Q(chair=models.F("secretary")),
                name="meeting_chair_is_not_secretary",
                violation_error_message=_(
                    "The chair and the secretary are two different people."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the paths of the area and of the convening body; a
        meeting moved to another body moves its tasks' copies too."""
        if kwargs.get("update_fields") is not None:
            super().save(*args, **kwargs)
            return
        self.area_path = self.area.path
        self.convening_body_path = self.convening_body.path
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            self.tasks.exclude(
                meeting_area_path=self.area_path,
                meeting_body_path=self.convening_body_path,
            ).update(
                meeting_area_path=self.area_path,
                meeting_body_path=self.convening_body_path,
            )

    def get_absolute_url(self) -> str:
        return detail_url("meetings:detail", self.pk)

    @property
    def unit_paths(self) -> tuple[str, str]:
        """The unit the meeting hangs on, for the scope checks: its area's path
        and its convening body's (whose area it is), copied, so no join."""
        return self.area_path, self.convening_body_path

    @property
    def period_label(self) -> str:
        """The period in the words of the papers: "quý II/2021"."""
        return periods.period_label(
            self.period_type,
            self.period_year,
            self.period_number,
            start=self.period_start,
            end=self.period_end,
        )

    @property
    def kind_vi(self) -> str:
        return KIND_VI.get(Kind(self.kind), "")


class ConclusionQuerySet(ScopedQuerySet["Conclusion"]):
    scope_area = "meeting__area_"
    scope_body = "meeting__convening_body_"


class Conclusion(models.Model):
    """One conclusion (kết luận) of a meeting, in the order it was stated."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="conclusions",
        verbose_name=_("meeting"),
    )
    order = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("conclusion"))

    objects = ConclusionQuerySet.as_manager()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:80]}"

    @property
    def area(self) -> Area:
        return self.meeting.area


class TaskQuerySet(ScopedQuerySet["Task"]):
    # The meeting's place and the owner body's, copied on the task
    # ("meeting_area_path", "meeting_body_path", "owner_area_path",
    # "owner_body_path"): the scope is ranges of the task's own indexed
    # columns, no join.
    scope_area = "meeting_area_"
    scope_body = "meeting_body_"
    # Reading up the tree: the units of the owner body read the task (with its
    # conclusion and meeting title) but change it only through their own scope.
    scope_read = (("owner_area_", "owner_body_"),)

    def pending(self) -> Self:
        """Tasks still to be done: open or in progress."""
        return self.filter(status__in=Task.PENDING)

    def overdue(self, on: dt.date | None = None) -> Self:
        return self.pending().filter(due_on__lt=on or timezone.localdate())

    def search(self, text: str) -> Self:
        key = fold(text)
        return self.filter(search_text__contains=key) if key else self


class TaskBase(ChoiceLabels):
    """A task (nhiệm vụ): what is to be done, by whom, by when, and how it went.

    Abstract: set by a meeting (``meetings.Task``) or written in a plan
    (``plans.PlanTask``); both keep the same status, dates and notes, and are
    followed up by the same service (``meetings.services.follow_up``).
    The concrete model declares ``owner_body`` (the lead body).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    PENDING = (Status.OPEN, Status.IN_PROGRESS)

    title = models.TextField(_("task"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.OPEN,
        db_index=True,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = models.TextField(_("follow-up notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title[:100]

    @property
    def pending(self) -> bool:
        return self.status in self.PENDING

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(self.status, self.due_on, timezone.localdate())

    @classmethod
    def overdue_on(cls, status: str, due_on: dt.date | None, today: dt.date) -> bool:
        """Is a task of ``status`` due on ``due_on`` overdue ``today``? (A list
        read as values asks it with today read once.)"""
        return status in cls.PENDING and due_on is not None and due_on < today


class Task(TaskBase):
    """A task (nhiệm vụ) set by a meeting, with an owner body and a due date."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("meeting"),
    )
    conclusion = models.ForeignKey(
        Conclusion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("conclusion"),
    )
    owner_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="meeting_tasks",
        verbose_name=_("lead body"),
    )
    # Copies of the meeting's paths and of the owner body's (paths never
    # change), set on save: the scope reads them from the indexes below.
    meeting_area_path = models.CharField(
        max_length=255, editable=False, blank=True, default=""
    )
    meeting_body_path = models.CharField(
        max_length=255, editable=False, blank=True, default=""
    )
    owner_area_path = models.CharField(
        max_length=255, editable=False, blank=True, default=""
    )
    owner_body_path = models.CharField(
        max_length=255, editable=False, blank=True, default=""
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]
        indexes = [
            # The list's order (soonest due first, undated last).
            models.Index(fields=["due_on", "id"], name="task_due"),
            # The scope: a range per subtree, for each way a unit reaches a task.
            models.Index(
                fields=["meeting_area_path", "due_on", "id"], name="task_meeting_area"
            ),
            models.Index(
                fields=["meeting_body_path", "due_on", "id"], name="task_meeting_body"
            ),
            models.Index(
                fields=["owner_area_path", "due_on", "id"], name="task_owner_area"
            ),
            models.Index(
                fields=["owner_body_path", "due_on", "id"], name="task_owner_body"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="meeting_task_done_on_iff_done",
            )
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the paths of the meeting and of the owner body."""
        if kwargs.get("update_fields") is None:
            self.meeting_area_path = self.meeting.area_path
            self.meeting_body_path = self.meeting.convening_body_path
            self.owner_area_path = self.owner_body.area.path
            self.owner_body_path = self.owner_body.path
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("meetings:task_detail", self.pk)

    @property
    def area(self) -> Area:
        return self.meeting.area


def paper_path(instance: GeneratedDocument, filename: str) -> str:
    return storage_name("meetings", filename)


class GeneratedDocumentQuerySet(ScopedQuerySet["GeneratedDocument"]):
    scope_area = "meeting__area_"
    scope_body = "meeting__convening_body_"


class GeneratedDocument(models.Model):
    """Minutes or a conclusion notice of a meeting: a numbered DOCX file."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("minutes")
        NOTICE = "notice", _("conclusion notice")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="generated_documents",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="meeting_papers",
        verbose_name=_("register entry"),
    )
    reference = models.CharField(
        _("number and symbol"),
        max_length=60,
        help_text=_("As taken from the register, e.g. 05-TB/ĐU."),
    )
    issued_on = models.DateField(_("date of issue"))
    file = models.FileField(_("file"), upload_to=paper_path, max_length=200)
    signer_capacity = models.CharField(_("signing for"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    generated_at = models.DateTimeField(_("generated"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("generated by"),
    )

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["meeting", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind"], name="meeting_generated_document_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    def get_absolute_url(self) -> str:
        return detail_url("meetings:download", self.pk)

    @property
    def download_name(self) -> str:
        """``Thông báo 01-TB-ĐU.docx``: the name the downloaded paper is saved under."""
        # The papers themselves are Vietnamese whatever the interface language.
        label = "Biên bản" if self.kind == self.Kind.MINUTES else "Thông báo"
        return f"{label} {self.reference.replace('/', '-')}.docx"

    @property
    def area(self) -> Area:
        return self.meeting.area
