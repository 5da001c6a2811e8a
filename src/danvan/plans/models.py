"""Plans with targets and tasks (kế hoạch, chương trình hành động, nghị quyết).

A plan is a document of the register (``documents.Document``, linked, never
copied): the plan row adds its content. Its groups (kinh tế - xã hội; quốc
phòng - an ninh - nội chính; xây dựng Đảng; Mặt trận và các đoàn thể by
default) hold **chỉ tiêu** (``Target``: numeric, with a unit, baseline, target
and direction) and **nhiệm vụ** (``PlanTask``: the meeting task's fields and
follow-up, ``meetings.models.TaskBase``).

Cascade: a plan implementing a higher one names it (``parent``), and each of
its targets may name the higher target it serves ("góp phần thực hiện",
``Target.serves``). Units below read the plans above that their own plans
implement, up the chain (``PlanQuerySet.scope_read_up``), and never change
them.

Progress: for each reporting period a unit records a target's achieved value,
a note and evidence (``Progress``); the verdict (vượt / đạt / cơ bản đạt /
không đạt) follows the direction and the plan's thresholds, and the verdict as
the report wrote it stays beside the number.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.common.access import ScopedQuerySet
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels, StoredFile
from danvan.common.text import fold
from danvan.meetings import periods
from danvan.meetings.models import PeriodType, TaskBase

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

# The groups a new plan starts with (dev article 000, Kế hoạch 106-KH/HU).
DEFAULT_GROUPS = (
    "Kinh tế - xã hội",
    "Quốc phòng - an ninh - nội chính",
    "Xây dựng Đảng",
    "Mặt trận và các đoàn thể",
)


class PlanQuerySet(ScopedQuerySet["Plan"]):
    scope_area = "area_"
    scope_body = "body_"
    # A unit reads the plans its own plans implement, up the chain.
    scope_read_up = ("children", {})

    def search(self, text: str) -> Self:
        """Plans whose document's number, symbol or title holds ``text``
        (accents optional)."""
        key = fold(text)
        return self.filter(document__search_text__contains=key) if key else self


class ReadWithPlan:
    """The rows of a plan (groups, targets, progress, tasks) are read wherever
    the plan is read: by its own units, and up the tree by the units whose
    plans implement it (``PlanQuerySet.scope_read_up``); changed only by the
    plan's own units (``editable_by`` reads the plan's paths alone)."""

    plan_prefix = "plan__"

    def reading_q(self, user: User | AnonymousUser, own: Q) -> Q:
        q: Q = super().reading_q(user, own)  # type: ignore[misc]
        plans = Plan.objects.all()
        plan_own = plans.scope_q(user)
        read = Plan._base_manager.filter(plans.reading_q(user, plan_own))
        return q | Q(**{f"{self.plan_prefix}in": read.values("pk")})


class Plan(models.Model):
    """The content of a plan of the register: groups, targets, tasks, thresholds."""

    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="plan",
        verbose_name=_("document"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("implements the plan"),
    )
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("area"),
    )
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("issued by"),
    )
    starts_year = models.PositiveSmallIntegerField(_("from the year"))
    ends_year = models.PositiveSmallIntegerField(_("to the year"))
    # Verdict thresholds, as percentages of the target: from ``mostly_from``
    # a target not reached is "cơ bản đạt"; above 100 it is "vượt".
    mostly_from = models.DecimalField(
        _("“mostly achieved” from (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(90),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    area_path = models.CharField(max_length=255, editable=False, default="")
    body_path = models.CharField(max_length=255, editable=False, default="")

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-starts_year", "area_path", "pk"]
        indexes = [
            models.Index(fields=["area_path", "starts_year"], name="plan_area"),
            models.Index(fields=["body_path", "starts_year"], name="plan_body"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_year__lte=models.F("ends_year")),
                name="plan_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return str(self.document)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            self.area_path = self.area.path
            self.body_path = self.body.path
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("plans:plan_detail", self.pk)

    @property
    def unit_paths(self) -> tuple[str, str]:
        """The plan's area and body (copied paths), for ``may_edit``."""
        return self.area_path, self.body_path


class PlanGroupQuerySet(ReadWithPlan, ScopedQuerySet["PlanGroup"]):
    scope_area = "plan__area_"
    scope_body = "plan__body_"


class PlanGroup(models.Model):
    """A group of a plan's targets and tasks ("Xây dựng Đảng")."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="groups", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PlanGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group of targets")
        verbose_name_plural = _("groups of targets")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_paths(self) -> tuple[str, str]:
        """Its plan's unit, for ``may_edit``."""
        return self.plan.unit_paths


class Direction(models.TextChoices):
    """Which way a target is met."""

    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class Verdict(models.TextChoices):
    """The judgement reports write, best first."""

    EXCEEDED = "vuot", _("exceeded (vượt)")
    ACHIEVED = "dat", _("achieved (đạt)")
    MOSTLY = "co_ban_dat", _("mostly achieved (cơ bản đạt)")
    NOT_ACHIEVED = "khong_dat", _("not achieved (không đạt)")


class TargetQuerySet(ReadWithPlan, ScopedQuerySet["Target"]):
    scope_area = "plan__area_"
    scope_body = "plan__body_"


class Target(ChoiceLabels):
    """A target (chỉ tiêu) of a plan: numeric, with its unit, baseline and direction."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan")
    )
    group = models.ForeignKey(
        PlanGroup,
        on_delete=models.PROTECT,
        related_name="targets",
        verbose_name=_("group"),
    )
    order = models.PositiveSmallIntegerField(_("number"), default=0)
    name = models.TextField(_("target"))
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=20, decimal_places=4
    )
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.HIGHER,
    )
    due_year = models.PositiveSmallIntegerField(
        _("due by the year"), null=True, blank=True
    )
    responsible_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_targets",
        verbose_name=_("responsible body"),
    )
    serves = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="served_by",
        verbose_name=_("contributes to the target"),
    )
    # Optional: the indicator whose reported figures measure this target.
    indicator = models.ForeignKey(
        "datasets.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("measured by the indicator"),
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "group__order", "order", "pk"]

    def __str__(self) -> str:
        return self.name[:120]

    def get_absolute_url(self) -> str:
        return detail_url("plans:target_detail", self.pk)

    @property
    def unit_paths(self) -> tuple[str, str]:
        """Its plan's unit, for ``may_edit`` (the plan is read with it)."""
        return self.plan.unit_paths

    @property
    def code(self) -> str:
        """Its number in the plan, "group.number" ("1.5"): the key a
        spreadsheet and a lower plan's target name it by."""
        return f"{self.group.order}.{self.order}"


class ProgressQuerySet(ReadWithPlan, ScopedQuerySet["Progress"]):
    scope_area = "target__plan__area_"
    scope_body = "target__plan__body_"
    plan_prefix = "target__plan__"


class Progress(ChoiceLabels):
    """How far a target got in a reporting period."""

    target = models.ForeignKey(
        Target,
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("target"),
    )
    period_type = models.CharField(
        _("period type"), max_length=8, choices=PeriodType.choices
    )
    period_year = models.PositiveSmallIntegerField(_("year"))
    period_number = models.PositiveSmallIntegerField(
        _("month or quarter"), null=True, blank=True
    )
    period_end = models.DateField(_("period to"))
    achieved = models.DecimalField(
        _("achieved"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    verdict = models.CharField(
        _("verdict"), max_length=10, choices=Verdict.choices, blank=True
    )
    verdict_text = models.CharField(
        _("verdict as written"),
        max_length=300,
        blank=True,
        help_text=_("As the report words it: “đạt 95%”, “vượt chỉ tiêu”."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress of a target")
        verbose_name_plural = _("progress of targets")
        ordering = ["target", "period_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_type", "period_year", "period_number"],
                name="progress_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} · {self.period_label}"

    @property
    def period_label(self) -> str:
        return periods.period_label(
            self.period_type, self.period_year, self.period_number
        )

    @property
    def unit_paths(self) -> tuple[str, str]:
        """Its plan's unit, for ``may_edit``."""
        return self.target.plan.unit_paths


class ProgressEvidence(StoredFile):
    """A file proving a target's progress, kept as uploaded."""

    STORAGE_FOLDER = "plans"

    progress = models.ForeignKey(
        Progress,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("progress"),
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


class PlanTaskQuerySet(ReadWithPlan, ScopedQuerySet["PlanTask"]):
    scope_area = "plan__area_"
    scope_body = "plan__body_"
    # The lead body's units read the task (as they read a meeting's task).
    scope_read = (("owner_body__area__", "owner_body__"),)


class PlanTask(TaskBase):
    """A task (nhiệm vụ) of a plan: lead and partner bodies, deadline, follow-up."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    group = models.ForeignKey(
        PlanGroup,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("group"),
    )
    order = models.PositiveSmallIntegerField(_("number"), default=0)
    owner_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="plan_tasks",
        verbose_name=_("lead body"),
    )
    partner_bodies = models.ManyToManyField(
        "units.Body",
        blank=True,
        related_name="partnered_plan_tasks",
        verbose_name=_("partner bodies"),
    )

    objects = PlanTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task of a plan")
        verbose_name_plural = _("tasks of plans")
        ordering = ["plan", "group__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="done", done_on__isnull=False)
                | (~models.Q(status="done") & models.Q(done_on__isnull=True)),
                name="plan_task_done_on_iff_done",
            )
        ]

    def get_absolute_url(self) -> str:
        return detail_url("plans:task_detail", self.pk)

    @property
    def unit_paths(self) -> tuple[str, str]:
        """Its plan's unit, for ``may_edit`` (the plan is read with it)."""
        return self.plan.unit_paths
