"""Figures reported each period (số liệu báo cáo định kỳ), DHIS2's spine in our terms.

- ``Indicator`` (chỉ số): what is counted, its value type, unit and how it adds up;
  optionally broken down (``Breakdown``: nam/nữ, dân tộc thiểu số).
- ``ReportForm`` (biểu mẫu): a set of indicators in sections, a period type, the
  units that report it (by level and body kind under one area), the cut-off of
  each period and the deadline (Nghị định 09/2019/NĐ-CP by default) and who
  approves. Indicators, breakdowns, forms and periods are a catalogue: every
  signed-in officer reads them; only the owner body's editors change a form.
- ``Period``: a month, a quarter, 4/6/9 months or a year (cumulative from 1
  January, as Party reports are), or an ad hoc span; one row per period.
- ``Submission``: one reporting body × form × period, with its state (draft,
  submitted, accepted and locked, returned) and deadline; scoped by the copies
  of its body's and area's paths.
- ``DataValue``: one value of one indicator (and breakdown option) in a
  submission. The columns sums read (area and body paths, period type and
  dates) are copied from the submission, so a sum over an area's lineage and a
  span of periods is ranges of one index, no join.
- ``ValidationRule``: a comparison between two sums of indicators of a form
  ("mô hình hiệu quả ≤ mô hình đăng ký"), which warns or blocks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.access import ScopedQuerySet
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels
from danvan.common.text import fold
from danvan.meetings import periods
from danvan.meetings.models import PeriodType


class ValueType(models.TextChoices):
    INTEGER = "integer", _("whole number")
    NUMBER = "number", _("number")
    PERCENT = "percent", _("percent")
    BOOLEAN = "boolean", _("yes/no")
    TEXT = "text", _("text")


# Value types stored in ``DataValue.number`` (yes/no as 1/0): the ones that add up.
NUMERIC_TYPES = (
    ValueType.INTEGER,
    ValueType.NUMBER,
    ValueType.PERCENT,
    ValueType.BOOLEAN,
)


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum")
    AVERAGE = "average", _("average")
    MIN = "min", _("minimum")
    MAX = "max", _("maximum")
    LAST = "last", _("latest value")


class Breakdown(models.Model):
    """A breakdown of an indicator (phân tổ): gender, ethnic minority…"""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BreakdownOption(models.Model):
    """One option of a breakdown ("nam", "nữ"); its code is stored on values."""

    breakdown = models.ForeignKey(
        Breakdown,
        on_delete=models.CASCADE,
        related_name="options",
        verbose_name=_("breakdown"),
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("breakdown option")
        verbose_name_plural = _("breakdown options")
        ordering = ["breakdown", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["breakdown", "code"], name="breakdown_option_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    """The catalogue: read by every signed-in officer."""

    def search(self, text: str) -> Self:
        key = fold(text)
        if not key:
            return self
        return self.filter(Q(search_name__contains=key) | Q(code__iexact=text.strip()))


class Indicator(ChoiceLabels):
    """An indicator (chỉ số): a figure units report, with how it adds up."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Short and stable: used in validation rules and spreadsheets."),
    )
    name = models.CharField(_("name"), max_length=300)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices
    )
    unit = models.CharField(
        _("unit of measure"),
        max_length=40,
        blank=True,
        help_text=_("mô hình, người, đồng…"),
    )
    aggregation = models.CharField(
        _("aggregation"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    breakdown = models.ForeignKey(
        Breakdown,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("breakdown"),
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("in use"), default=True)
    # A figure an app's register provides ("petitions.received",
    # ``datasets.providers``): summed from the register, never typed.
    provider = models.CharField(
        _("provided by"), max_length=60, blank=True, default="", editable=False
    )
    search_name = models.CharField(max_length=300, editable=False, default="")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("datasets:indicator_detail", self.pk)

    @property
    def is_numeric(self) -> bool:
        return self.value_type in NUMERIC_TYPES

    @property
    def is_provided(self) -> bool:
        """Counted from an app's register, not typed by the units."""
        return bool(self.provider)


class PeriodQuerySet(models.QuerySet["Period"]):
    def of(
        self, period_type: str, year: int | None, number: int | None = None
    ) -> Period:
        """The row of a named period, made on first use."""
        start, end = periods.resolve_period(period_type, year, number)
        row, _created = self.get_or_create(
            type=period_type,
            start=start,
            end=end,
            defaults={"year": year, "number": number},
        )
        return row

    def spanning(self, start: dt.date, end: dt.date) -> Self:
        """Periods that lie wholly inside ``start``..``end``."""
        return self.filter(start__gte=start, end__lte=end)


class Period(models.Model):
    """A reporting period: its type, calendar span and the name reports give it.

    Cumulative periods start on 1 January ("9 tháng 2025" is 01/01–30/09); a
    custom span carries its own dates ("4 tháng đầu năm" is the 4-month type).
    """

    type = models.CharField(_("period type"), max_length=8, choices=PeriodType.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    number = models.PositiveSmallIntegerField(
        _("month or quarter"), null=True, blank=True
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["start", "end"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "start", "end"], name="period_unique_span"
            ),
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")), name="period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return periods.period_label(
            self.type, self.year, self.number, start=self.start, end=self.end
        )


class ReportFormQuerySet(ScopedQuerySet["ReportForm"]):
    """Forms are read by every signed-in officer (``catalogue``); they are
    changed by the editors of the owner body's unit (``editable_by``)."""

    scope_area = "owner_body__area__"
    scope_body = "owner_body__"

    def search(self, text: str) -> Self:
        key = fold(text)
        if not key:
            return self
        return self.filter(Q(search_name__contains=key) | Q(code__iexact=text.strip()))


class ReportForm(ChoiceLabels):
    """A report form (biểu mẫu): what is reported, by whom, for which periods."""

    class Approval(models.TextChoices):
        LEVEL_ABOVE = "above", _("an approver of the level above")
        OWNER = "owner", _("an approver of the body that owns the form")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    period_type = models.CharField(
        _("period type"), max_length=8, choices=PeriodType.choices
    )
    owner_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="report_forms",
        verbose_name=_("issued by"),
    )
    # Who reports: the bodies of ``reporter_kinds`` at ``reporter_level`` under
    # ``area`` (its lineage on the period's dates), whose name contains
    # ``reporter_name`` when given ("dân vận" picks the Ban Dân vận among the
    # Party boards).
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="report_forms",
        verbose_name=_("reported under"),
    )
    reporter_level = models.CharField(_("reporting level"), max_length=10)
    reporter_kinds = models.JSONField(_("reporting body kinds"), default=list)
    reporter_name = models.CharField(
        _("reporting body's name contains"), max_length=100, blank=True
    )
    # Cut-off (Nghị định 09/2019/NĐ-CP, art. 12): a period's figures run from
    # ``cutoff_day`` of the month before its first month to the day before
    # ``cutoff_day`` of its last month (15 → "15/12 to 14/3" for quarter I);
    # 1 means the calendar period. The deadline is ``deadline_days`` after.
    cutoff_day = models.PositiveSmallIntegerField(_("cut-off day"), default=15)
    deadline_days = models.PositiveSmallIntegerField(
        _("days to report after the cut-off"), default=5
    )
    approval = models.CharField(
        _("approved by"),
        max_length=6,
        choices=Approval.choices,
        default=Approval.LEVEL_ABOVE,
    )
    # Raised on every change of the form's content: a spreadsheet of an older
    # version is refused, and values of removed indicators are shown apart.
    version = models.PositiveIntegerField(_("version"), default=1)
    active = models.BooleanField(_("in use"), default=True)
    search_name = models.CharField(max_length=300, editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReportFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("datasets:form_detail", self.pk)


class FormSection(models.Model):
    """A section of a form ("I. Công tác dân vận của hệ thống chính trị")."""

    form = models.ForeignKey(
        ReportForm,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=pgettext_lazy("report form", "form"),
    )
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["form", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class FormIndicator(models.Model):
    """An indicator on a form, in a section, in order."""

    form = models.ForeignKey(
        ReportForm,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=pgettext_lazy("report form", "form"),
    )
    section = models.ForeignKey(
        FormSection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("section"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="form_items",
        verbose_name=_("indicator"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("indicator of a form")
        verbose_name_plural = _("indicators of a form")
        ordering = ["form", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "indicator"], name="form_indicator_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form.code} · {self.indicator.code}"


class ValidationRule(models.Model):
    """A rule between indicators of a form: ``left`` ``operator`` ``right``.

    Each side is a sum of indicator codes and numbers ("MH_HIEU_QUA",
    "DOI_THOAI_Y_KIEN + 5", "100"); a rule that ``blocks`` stops submission,
    one that warns is shown and submission goes on.
    """

    class Operator(models.TextChoices):
        LE = "<=", "≤"
        LT = "<", "<"
        EQ = "==", "="
        GE = ">=", "≥"
        GT = ">", ">"

    class Severity(models.TextChoices):
        WARNING = "warning", _("warns")
        BLOCKING = "blocking", _("blocks submission")

    form = models.ForeignKey(
        ReportForm,
        on_delete=models.CASCADE,
        related_name="rules",
        verbose_name=pgettext_lazy("report form", "form"),
    )
    name = models.CharField(_("name"), max_length=200)
    left = models.CharField(_("left side"), max_length=300)
    operator = models.CharField(_("comparison"), max_length=2, choices=Operator.choices)
    right = models.CharField(_("right side"), max_length=300)
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.BLOCKING
    )
    message = models.CharField(
        _("message"),
        max_length=300,
        help_text=_("Shown to the officer in Vietnamese when the rule fails."),
    )

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["form", "pk"]

    def __str__(self) -> str:
        return self.name


class SubmissionQuerySet(ScopedQuerySet["Submission"]):
    # The reporting body's area and body paths, copied on the row.
    scope_area = "area_"
    scope_body = "body_"


class Submission(ChoiceLabels):
    """The figures of one reporting body for one form and one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being entered")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")

    form = models.ForeignKey(
        ReportForm,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=pgettext_lazy("report form", "form"),
    )
    period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("period"),
    )
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("reporting body"),
    )
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("area"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The form's version when values were last saved.
    form_version = models.PositiveIntegerField(_("form version"), default=1)
    due_on = models.DateField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    note = models.TextField(
        _("approver's note"),
        blank=True,
        help_text=_("Why it was returned, or why accepted data was unlocked."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    area_path = models.CharField(max_length=255, editable=False, default="")
    body_path = models.CharField(max_length=255, editable=False, default="")

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-period__start", "area_path", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "period", "body"], name="submission_one_per_period"
            )
        ]
        indexes = [
            models.Index(
                fields=["form", "period", "area_path"], name="submission_completeness"
            ),
            models.Index(fields=["area_path", "form"], name="submission_area"),
            models.Index(fields=["body_path", "form"], name="submission_body"),
            models.Index(fields=["status", "form"], name="submission_status"),
        ]

    def __str__(self) -> str:
        return f"{self.form} · {self.period} · {self.body}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the reporting body's paths (paths never change)."""
        if kwargs.get("update_fields") is None:
            self.area_id = self.body.area_id
            self.area_path = self.body.area.path
            self.body_path = self.body.path
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("datasets:submission", self.pk)

    @property
    def locked(self) -> bool:
        """Accepted data is locked; submitted data waits for a decision."""
        return self.status in (self.Status.ACCEPTED, self.Status.SUBMITTED)

    @property
    def late(self) -> bool:
        if self.submitted_at is None:
            return False
        return self.submitted_at.date() > self.due_on


class DataValueQuerySet(ScopedQuerySet["DataValue"]):
    scope_area = "area_"
    scope_body = "body_"


class DataValue(models.Model):
    """One value of an indicator (and breakdown option) in a submission.

    Numbers (and yes/no as 1/0) are in ``number``; text in ``text``. The
    submission's paths and the period's type and dates are copied here, so
    sums read one table through one index.
    """

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("submission"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indicator"),
    )
    # The breakdown option's code; "" is the total.
    option = models.CharField(
        _("breakdown option"), max_length=30, blank=True, default=""
    )
    number = models.DecimalField(
        _("value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    # A figure confirmed in an ingested text (records): the text it came from.
    source = models.ForeignKey(
        "ingestion.Source",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_values",
        verbose_name=_("from the text"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Copies for sums (set on save from the submission and its period).
    area_path = models.CharField(max_length=255, editable=False, default="")
    body_path = models.CharField(max_length=255, editable=False, default="")
    period_type = models.CharField(max_length=8, editable=False, default="")
    period_start = models.DateField(editable=False, null=True)
    period_end = models.DateField(editable=False, null=True)

    objects = DataValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        ordering = ["submission", "indicator", "option"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "option"], name="data_value_once"
            )
        ]
        indexes = [
            # Sums over an area's lineage and a span of periods, per indicator.
            models.Index(
                fields=["period_type", "indicator", "area_path", "period_start"],
                name="value_sums",
            ),
            models.Index(
                fields=["period_type", "indicator", "body_path", "period_start"],
                name="value_body_sums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.number if self.text == '' else self.text}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            self.copy_from(self.submission)
        super().save(*args, **kwargs)

    def copy_from(self, submission: Submission) -> None:
        """Copy the submission's paths and period (bulk writers call it too)."""
        self.area_path = submission.area_path
        self.body_path = submission.body_path
        period = submission.period
        self.period_type = period.type
        self.period_start = period.start
        self.period_end = period.end
