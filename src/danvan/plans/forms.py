"""Forms of plans: the plan, a group, a target, progress, a task, an import.

Every choice of an area, a body, a document or a plan is limited to the
user's units (``ScopedFormMixin``); the services check again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.common.forms import CleanForm, MultipleFileField, ScopedFormMixin
from danvan.datasets.models import Indicator
from danvan.documents.forms import AreaField
from danvan.documents.models import Document
from danvan.meetings.forms import DATE
from danvan.meetings.models import PeriodType
from danvan.plans.models import Direction, Plan, PlanGroup, Target
from danvan.plans.services import PLAN_KINDS, PROGRESS_PERIODS
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Body


class _DocumentField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Document) -> str:
        return f"{obj.reference} · {obj.title}"[:160]


class _PlanField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Plan) -> str:
        return f"{obj.document.reference} · {obj.document.title}"[:160]


def _plans(user: Any) -> Any:
    return (
        Plan.objects.visible_to(user)
        .select_related("document")
        .order_by("-starts_year", "pk")
    )


class PlanForm(ScopedFormMixin, CleanForm):
    """A new plan: its document (chosen from the register or entered), its
    unit, years, the plan it implements and its threshold."""

    editable_fields = ("area", "body", "document")

    document = _DocumentField(
        label=_("Document of the register"),
        queryset=Document.objects.filter(kind__in=PLAN_KINDS, plan__isnull=True),
        required=False,
        help_text=_("Empty: enter the document below."),
    )
    symbol_text = forms.CharField(
        label=_("Number and symbol"), required=False, max_length=80
    )
    issued_on = forms.DateField(label=_("Date of issue"), required=False, widget=DATE)
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[(k.value, k.label) for k in PLAN_KINDS],
        initial=Document.Kind.PLAN,
    )
    area = AreaField(label=_("Area"))
    body = BodyChoiceField(label=_("Issued by"), queryset=Body.objects.all())
    starts_year = forms.IntegerField(label=_("From the year"), min_value=1945)
    ends_year = forms.IntegerField(
        label=_("To the year"), min_value=1945, required=False
    )
    parent = _PlanField(
        label=_("Implements the plan"), queryset=Plan.objects.all(), required=False
    )
    mostly_from = forms.DecimalField(
        label=_("“Mostly achieved” from (%)"),
        initial=Decimal(90),
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        decimal_places=2,
    )

    def restrict_choices(self) -> None:
        super().restrict_choices()
        fields: Any = self.fields
        fields["parent"].queryset = _plans(self.user)
        # The unit's plans, programmes and resolutions not yet a plan.
        fields["document"].queryset = fields["document"].queryset.order_by(
            "-issued_on", "pk"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("document") and not (
            data.get("symbol_text") and data.get("issued_on") and data.get("title")
        ):
            raise forms.ValidationError(
                _(
                    "Choose the plan's document in the register, or enter its "
                    "number and symbol, date of issue and title."
                )
            )
        return data


class PlanEditForm(ScopedFormMixin, CleanForm):
    starts_year = forms.IntegerField(label=_("From the year"), min_value=1945)
    ends_year = forms.IntegerField(label=_("To the year"), min_value=1945)
    parent = _PlanField(
        label=_("Implements the plan"), queryset=Plan.objects.all(), required=False
    )
    mostly_from = forms.DecimalField(
        label=_("“Mostly achieved” from (%)"),
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        decimal_places=2,
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)

    def restrict_choices(self) -> None:
        super().restrict_choices()
        fields: Any = self.fields
        fields["parent"].queryset = _plans(self.user).exclude(pk=self.plan.pk)


class GroupForm(CleanForm):
    name = forms.CharField(label=_("Group"), max_length=200)
    order = forms.IntegerField(label=_("Number"), min_value=1, required=False)


class TargetForm(ScopedFormMixin, CleanForm):
    """A target (chỉ tiêu) of a plan."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=PlanGroup.objects.all())
    order = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        required=False,
        help_text=_("Empty: the next number."),
    )
    name = forms.CharField(label=_("Target"), widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label=_("Unit of measure"), required=False, max_length=40)
    baseline = forms.DecimalField(
        label=_("Baseline"), required=False, max_digits=20, decimal_places=4
    )
    target_value = forms.DecimalField(
        label=_("Target value"), max_digits=20, decimal_places=4
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, initial=Direction.HIGHER
    )
    due_year = forms.IntegerField(label=_("Due by the year"), required=False)
    responsible_body = BodyChoiceField(
        label=_("Responsible body"), queryset=Body.objects.all(), required=False
    )
    serves = forms.ModelChoiceField(
        label=_("Contributes to the target"),
        queryset=Target.objects.all(),
        required=False,
        help_text=_("A target of the plan this plan implements."),
    )
    # The catalogue of indicators is read by every officer (not scoped).
    indicator = forms.ModelChoiceField(
        label=_("Measured by the indicator"),
        queryset=Indicator.objects.filter(active=True).order_by("code"),
        required=False,
        help_text=_("The figure units report each period that measures it."),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)

    def restrict_choices(self) -> None:
        super().restrict_choices()
        fields: Any = self.fields
        fields["group"].queryset = self.plan.groups.order_by("order", "pk")
        fields["serves"].queryset = (
            Target.objects.visible_to(self.user)
            .filter(plan=self.plan.parent_id)
            .select_related("group")
            .order_by("group__order", "order")
            if self.plan.parent_id
            else Target.objects.none()
        )
        fields["serves"].label_from_instance = lambda t: f"{t.code}. {t.name}"[:160]


class ProgressForm(CleanForm):
    """How far a target got in a period, with evidence files."""

    period_type = forms.ChoiceField(
        label=_("Period"),
        choices=[(p.value, p.label) for p in PeriodType if p.value in PROGRESS_PERIODS],
        initial=PeriodType.YEAR,
    )
    period_year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2200)
    period_number = forms.IntegerField(
        label=_("Month or quarter"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("For a month (1–12) or a quarter (1–4)."),
    )
    achieved = forms.DecimalField(
        label=_("Achieved"), required=False, max_digits=20, decimal_places=4
    )
    verdict_text = forms.CharField(
        label=_("Verdict as written"),
        required=False,
        max_length=300,
        help_text=_("As the report words it: “đạt 95%”, “vượt chỉ tiêu”."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = MultipleFileField(label=_("Evidence"), required=False)


class PlanTaskForm(ScopedFormMixin, CleanForm):
    """A task (nhiệm vụ) of a plan: what, which body leads it, by when."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=PlanGroup.objects.all())
    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_body = BodyChoiceField(label=_("Lead body"), queryset=Body.objects.all())
    partner_bodies = forms.ModelMultipleChoiceField(
        label=_("Partner bodies"), queryset=Body.objects.all(), required=False
    )
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)

    def restrict_choices(self) -> None:
        super().restrict_choices()
        fields: Any = self.fields
        fields["group"].queryset = self.plan.groups.order_by("order", "pk")
        # Partners are the bodies of the plan's area the user sees (a short
        # list), not every body of the scope.
        fields["partner_bodies"].queryset = (
            fields["partner_bodies"]
            .queryset.filter(area=self.plan.area_id)
            .order_by("path")
        )


class ImportForm(CleanForm):
    file = forms.FileField(
        label=_("XLSX file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
