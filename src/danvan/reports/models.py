"""Periodic reports (báo cáo định kỳ): written once from what danvan holds.

- ``ReportType`` (loại báo cáo): who writes it (the bodies of a level and kind
  under an area, as a figures form names its reporters), its period type, the
  cut-off and deadline (Nghị định 09/2019/NĐ-CP by default), the layout of its
  paper (Party, Hướng dẫn 36-HD/VPTW; State, Nghị định 30/2020/NĐ-CP), the
  signature block, the figures forms whose values fill it, and its **outline**
  (``OutlineSection``: domain guide §5 by default).
- ``Report``: one body × report type × period. The system writes a first
  draft (``reports.draft``) into its sections; officers finish them; it goes
  draft → submitted → approved (numbered ``…-BC/…`` in the register, entered
  in ``documents`` with its file) → sent to the level above, which reads it
  beside its own draft. Returned with a note at each step.
- ``ReportSection``: the text of one outline section (a small, cleaned HTML:
  paragraphs, lists, bold, italic, links to where a figure came from), with
  the system's draft kept apart and a version number that refuses a stale save.
- ``SectionVersion``: every saved text of a section, for its history.
- ``ReportComment``: a reviewer's comment on a section or on one figure
  (``figure``: the key the draft gives the figure); comments on a figure are
  kept with the body and the figure's key, so next period's report shows them.
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
from danvan.meetings.models import PeriodType


class Source(models.TextChoices):
    """What the system writes into a section of the draft."""

    FACTS = "facts", _("confirmed facts of ingested texts")
    DOCUMENTS = "documents", _("documents issued")
    MEETINGS = "meetings", _("meetings held and their conclusions")
    TASKS = "tasks", _("tasks done, open and overdue")
    TARGETS = "targets", _("targets and their verdicts")
    FIGURES = "figures", _("figures of the period's forms")
    DVK = "dvk", _("“Dân vận khéo” statistics")
    SHORTCOMINGS = "shortcomings", _("what is late or not achieved")
    DIRECTIONS = "directions", _("tasks and targets of the next period")
    SUBUNITS = "subunits", _("reports of the units below")
    PEOPLE = "people", _("the people's situation, hot spots, dialogues and petitions")


class Layout(models.TextChoices):
    PARTY = "party", _("Party paper (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("State paper (Nghị định 30/2020/NĐ-CP)")


class ReportTypeQuerySet(ScopedQuerySet["ReportType"]):
    """Report types are read by every signed-in officer (a catalogue, like
    the figures' forms); changed by the editors of the owner body's unit."""

    scope_area = "owner_body__area__"
    scope_body = "owner_body__"

    def search(self, text: str) -> Self:
        key = fold(text)
        if not key:
            return self
        return self.filter(Q(search_name__contains=key) | Q(code__iexact=text.strip()))


class ReportType(ChoiceLabels):
    """A periodic report the bodies of a level write for the level above."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    # The subject line of the paper; "{period}" is replaced by the period as
    # reports write it ("quý I năm 2026", "9 tháng đầu năm 2026").
    subject = models.CharField(
        _("subject"),
        max_length=300,
        default="Kết quả thực hiện công tác dân vận {period}",
        help_text=_("{period} is replaced by the period: “quý I năm 2026”."),
    )
    description = models.TextField(_("description"), blank=True)
    period_type = models.CharField(
        _("period type"), max_length=8, choices=PeriodType.choices
    )
    owner_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="report_types",
        verbose_name=_("issued by"),
    )
    # Who writes it: as ``datasets.ReportForm`` (``datasets.reporters``).
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="report_types",
        verbose_name=_("reported under"),
    )
    reporter_level = models.CharField(_("reporting level"), max_length=10)
    reporter_kinds = models.JSONField(_("reporting body kinds"), default=list)
    reporter_name = models.CharField(
        _("reporting body's name contains"), max_length=100, blank=True
    )
    cutoff_day = models.PositiveSmallIntegerField(_("cut-off day"), default=15)
    deadline_days = models.PositiveSmallIntegerField(
        _("days to report after the cut-off"), default=5
    )
    layout = models.CharField(
        _("layout of the paper"),
        max_length=5,
        choices=Layout.choices,
        blank=True,
        help_text=_("Empty: the Party layout for Party bodies, else the State one."),
    )
    signer_capacity = models.CharField(
        _("signing for"),
        max_length=120,
        blank=True,
        default="T/M BAN THƯỜNG VỤ",
        help_text=_("T/M BAN THƯỜNG VỤ, K/T TRƯỞNG BAN, TM. ỦY BAN NHÂN DÂN…"),
    )
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    recipients = models.TextField(
        _("recipients"),
        blank=True,
        help_text=_("One per line, as “Nơi nhận” lists them."),
    )
    # The figures forms whose values of the period fill the draft and annex.
    forms = models.ManyToManyField(
        "datasets.ReportForm",
        blank=True,
        related_name="report_types",
        verbose_name=_("figures forms"),
    )
    active = models.BooleanField(_("in use"), default=True)
    search_name = models.CharField(max_length=300, editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReportTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("report type")
        verbose_name_plural = _("report types")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("reports:type_detail", self.pk)


class OutlineSectionQuerySet(ScopedQuerySet["OutlineSection"]):
    scope_area = "report_type__owner_body__area__"
    scope_body = "report_type__owner_body__"


class OutlineSection(models.Model):
    """A section of a report type's outline, in order; ``level`` 1 is a
    heading (I., II.), 2 a part of it (1., 2.)."""

    report_type = models.ForeignKey(
        ReportType,
        on_delete=models.CASCADE,
        related_name="outline",
        verbose_name=_("report type"),
    )
    key = models.SlugField(_("key"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # What the system writes into it (``Source`` values), the kinds of the
    # bodies whose documents and meetings count here, the indicator codes
    # whose figures it quotes.
    fills = models.JSONField(_("filled with"), default=list, blank=True)
    body_kinds = models.JSONField(_("bodies of kinds"), default=list, blank=True)
    indicators = models.JSONField(_("indicators quoted"), default=list, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)

    objects = OutlineSectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("outline section")
        verbose_name_plural = _("outline sections")
        ordering = ["report_type", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "key"], name="outline_section_key_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReportQuerySet(ScopedQuerySet["Report"]):
    # The writing body's area and body paths, copied on the row.
    scope_area = "area_"
    scope_body = "body_"
    # The level above reads the reports sent to it: those of the units below
    # are in its subtree already; nothing more to declare.


class Report(ChoiceLabels):
    """The report of one body for one report type and one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for approval")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")
        SENT = "sent", _("sent to the level above")

    # The text may change only in these.
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    report_type = models.ForeignKey(
        ReportType,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("report type"),
    )
    period = models.ForeignKey(
        "datasets.Period",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("period"),
    )
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("reporting body"),
    )
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("area"),
    )
    title = models.CharField(_("subject"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    due_on = models.DateField(_("deadline"))
    # The span whose facts the draft carries (the type's cut-off).
    span_start = models.DateField(_("facts from"))
    span_end = models.DateField(_("facts to"))
    drafted_at = models.DateTimeField(_("drafted"), null=True, blank=True)
    # The annex as drafted: tables of figures (title, columns, rows, links).
    annex = models.JSONField(_("annex"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why it was returned, and by whom.")
    )
    # The register entry made on approval ("12-BC/ĐU"), its number and date.
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report",
        verbose_name=_("register entry"),
    )
    reference = models.CharField(_("number and symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    signer_capacity = models.CharField(_("signing for"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    # The giao ban meeting that took the report as its paper.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("presented at"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    area_path = models.CharField(max_length=255, editable=False, default="")
    body_path = models.CharField(max_length=255, editable=False, default="")

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-span_end", "area_path", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "period", "body"], name="report_one_per_period"
            )
        ]
        indexes = [
            models.Index(
                fields=["area_path", "span_end", "id"], name="report_area_list"
            ),
            models.Index(
                fields=["body_path", "span_end", "id"], name="report_body_list"
            ),
            models.Index(fields=["period", "status"], name="report_period_status"),
            models.Index(fields=["span_end", "id"], name="report_list"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.body}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the writing body's paths (paths never change)."""
        if kwargs.get("update_fields") is None:
            self.area_id = self.body.area_id
            self.area_path = self.body.area.path
            self.body_path = self.body.path
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("reports:report_detail", self.pk)

    @property
    def unit_paths(self) -> tuple[str, str]:
        """The writing body's area and body paths, copied, for the scope
        checks (``common.access``): a member of a body that is not area-wide
        reaches its own body's report without a join."""
        return self.area_path, self.body_path

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def late(self) -> bool:
        if self.submitted_at is None:
            return False
        return self.submitted_at.date() > self.due_on


class WithReport(ScopedQuerySet[Any]):
    scope_area = "report__area_"
    scope_body = "report__body_"


class ReportSectionQuerySet(WithReport):
    pass


class ReportSection(models.Model):
    """The text of one section of a report (cleaned HTML, ``reports.html``)."""

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("report"),
    )
    key = models.SlugField(_("key"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"), blank=True)
    # What the system wrote when it drafted; the officer may take it back.
    drafted = models.TextField(_("system's draft"), blank=True)
    # Raised on every save: a save from an older version is a conflict.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    objects = ReportSectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key"], name="report_section_key_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SectionVersionQuerySet(ScopedQuerySet["SectionVersion"]):
    scope_area = "section__report__area_"
    scope_body = "section__report__body_"


class SectionVersion(models.Model):
    """One saved text of a section (its history)."""

    section = models.ForeignKey(
        ReportSection,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("section"),
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    objects = SectionVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section version")
        verbose_name_plural = _("section versions")
        ordering = ["section", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "version"], name="section_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.version}"


class ReportCommentQuerySet(WithReport):
    pass


class ReportComment(models.Model):
    """A reviewer's comment on a section, or on one figure of it.

    A figure's comment keeps the figure's key and the writing body, so the
    same body's report of the next period shows it beside the same figure.
    """

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("report"),
    )
    section = models.ForeignKey(
        ReportSection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("section"),
    )
    # The figure's key as the draft marks it (``data-figure``), "" for none.
    figure = models.CharField(_("figure"), max_length=120, blank=True)
    figure_label = models.CharField(_("figure as written"), max_length=300, blank=True)
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting body"),
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = ReportCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["report", "created_at", "pk"]
        indexes = [
            models.Index(fields=["body", "figure", "created_at"], name="comment_figure")
        ]

    def __str__(self) -> str:
        return self.text[:60]
