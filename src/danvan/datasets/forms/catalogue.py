"""Forms of the figures' catalogue: indicators, report forms, their sections,
items and rules; the filters of the indicator and form lists.

The services check every value again (codes, cut-off day, rules' sides).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.common.filters import ListFilterSet
from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.datasets.models import (
    Aggregation,
    Breakdown,
    FormSection,
    Indicator,
    ReportForm,
    ValidationRule,
    ValueType,
)
from danvan.documents.forms import AreaField
from danvan.meetings.models import PeriodType
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Area, Body


class IndicatorForm(CleanForm):
    """An indicator's fields; saved through ``services.catalogue``."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "Upper-case letters, digits and _ (MH_HIEU_QUA): rules and "
            "spreadsheets name it. Fixed once values are entered."
        ),
    )
    name = forms.CharField(label=_("Name"), max_length=300)
    value_type = forms.ChoiceField(label=_("Value type"), choices=ValueType.choices)
    unit = forms.CharField(
        label=_("Unit of measure"),
        max_length=40,
        required=False,
        help_text=_("mô hình, người, đồng…"),
    )
    aggregation = forms.ChoiceField(
        label=_("Aggregation"),
        choices=Aggregation.choices,
        initial=Aggregation.SUM,
        help_text=_("How the values of several units or periods add up."),
    )
    breakdown = forms.ModelChoiceField(
        label=_("Breakdown"),
        queryset=Breakdown.objects.all(),
        required=False,
        empty_label=_("none"),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class ReportFormForm(ScopedFormMixin, CleanForm):
    """A report form's settings: who reports it, when, who approves."""

    editable_fields = ("owner_body",)

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Lower-case letters, digits and - (bc-dan-van-quy)."),
    )
    name = forms.CharField(label=_("Name"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    period_type = forms.ChoiceField(
        label=_("Period type"), choices=PeriodType.choices, initial="quarter"
    )
    owner_body = BodyChoiceField(label=_("Issued by"), queryset=Body.objects.all())
    area = AreaField(
        label=_("Reported under"),
        help_text=_("The units below this area report the form."),
    )
    reporter_level = forms.ChoiceField(
        label=_("Reporting level"),
        choices=Area.Level.choices,
        initial=Area.Level.COMMUNE,
    )
    reporter_kinds = forms.MultipleChoiceField(
        label=_("Reporting body kinds"),
        choices=Body.Kind.choices,
        initial=[Body.Kind.PARTY_COMMITTEE],
        widget=forms.CheckboxSelectMultiple,
    )
    reporter_name = forms.CharField(
        label=_("Reporting body's name contains"),
        max_length=100,
        required=False,
        help_text=_("“dân vận” picks the dân vận boards among the Party boards."),
    )
    cutoff_day = forms.IntegerField(
        label=_("Cut-off day"),
        min_value=1,
        max_value=28,
        initial=15,
        help_text=_(
            "A period's figures run from this day of the month before to the "
            "day before it in its last month (Nghị định 09/2019/NĐ-CP: 15); "
            "1 is the calendar period."
        ),
    )
    deadline_days = forms.IntegerField(
        label=_("Days to report after the cut-off"),
        min_value=0,
        max_value=90,
        initial=5,
    )
    approval = forms.ChoiceField(
        label=_("Approved by"),
        choices=ReportForm.Approval.choices,
        initial=ReportForm.Approval.LEVEL_ABOVE,
    )
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class SectionForm(CleanForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("I. Công tác dân vận của hệ thống chính trị"),
    )


class ItemForm(CleanForm):
    """An indicator to put on a form, in one of its sections."""

    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none()
    )
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=FormSection.objects.none(),
        required=False,
        empty_label=_("no section"),
    )
    required = forms.BooleanField(label=_("Required"), required=False)

    def __init__(self, *args: Any, form: ReportForm, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["indicator"].queryset = (
            Indicator.objects.filter(active=True)
            .exclude(form_items__form=form)
            .order_by("code")
        )
        fields["indicator"].label_from_instance = lambda i: f"{i.code} — {i.name}"
        fields["section"].queryset = form.sections.order_by("order", "pk")


class RuleForm(CleanForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Mô hình hiệu quả không quá số mô hình đăng ký"),
    )
    left = forms.CharField(
        label=_("Left side"),
        max_length=300,
        help_text=_("Codes and numbers joined by + and -: DVK_MH_HIEU_QUA"),
    )
    operator = forms.ChoiceField(
        label=_("Comparison"), choices=ValidationRule.Operator.choices
    )
    right = forms.CharField(
        label=_("Right side"),
        max_length=300,
        help_text=_("DVK_MH_DANG_KY, or a number: 100"),
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        choices=ValidationRule.Severity.choices,
        initial=ValidationRule.Severity.BLOCKING,
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=300,
        required=False,
        help_text=_("Shown to the officer in Vietnamese when the rule fails."),
    )


# --- lists ----------------------------------------------------------------------------


class IndicatorFilterSet(ListFilterSet):
    """Search by name or code, value type, in use; by code."""

    class Meta(ListFilterSet.Meta):
        model = Indicator

    SORTS = {"code": ("code",), "name": ("name", "code")}
    DEFAULT_SORT = "code"

    value_type = django_filters.ChoiceFilter(
        label=_("Value type"), choices=ValueType.choices, empty_label=_("All types")
    )
    active = django_filters.ChoiceFilter(
        label=_("In use"),
        method="filter_active",
        empty_label=_("All"),
        choices=[("yes", _("in use")), ("no", _("no longer in use"))],
    )

    def filter_active(
        self, queryset: QuerySet[Indicator], name: str, value: str
    ) -> QuerySet[Indicator]:
        return queryset.filter(active=value == "yes")


class ReportFormFilterSet(ListFilterSet):
    """Search by name or code, period type; by code."""

    class Meta(ListFilterSet.Meta):
        model = ReportForm

    SORTS = {"code": ("code",), "name": ("name", "code")}
    DEFAULT_SORT = "code"

    period_type = django_filters.ChoiceFilter(
        label=_("Period type"), choices=PeriodType.choices, empty_label=_("All")
    )
