"""Forms of report types and their outlines; the filters of the type list.

The services (``reports.services.types``) check every value again.
"""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.filters import ListFilterSet
from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.datasets.models import ReportForm
from danvan.documents.forms import AreaField
from danvan.meetings.models import PeriodType
from danvan.reports.models import Layout, ReportType, Source
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Area, Body


class ReportTypeForm(ScopedFormMixin, CleanForm):
    """A report type's settings: who writes it, when, and its paper."""

    editable_fields = ("owner_body",)

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Lower-case letters, digits and - (bc-dan-van-quy-xa)."),
    )
    name = forms.CharField(label=_("Name"), max_length=300)
    subject = forms.CharField(
        label=_("Subject of the paper"),
        max_length=300,
        initial="Kết quả thực hiện công tác dân vận {period}",
        help_text=_("{period} is replaced by the period: “quý I năm 2026”."),
    )
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
        label=_("Written under"),
        help_text=_("The units below this area write the report."),
    )
    reporter_level = forms.ChoiceField(
        label=_("Writing level"),
        choices=Area.Level.choices,
        initial=Area.Level.COMMUNE,
    )
    reporter_kinds = forms.MultipleChoiceField(
        label=_("Writing body kinds"),
        choices=Body.Kind.choices,
        initial=[Body.Kind.PARTY_COMMITTEE],
        widget=forms.CheckboxSelectMultiple,
    )
    reporter_name = forms.CharField(
        label=_("Writing body's name contains"),
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
            "A period's facts run from this day of the month before to the "
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
    layout = forms.ChoiceField(
        label=_("Layout of the paper"),
        choices=[("", _("by the writing body (Party or State)")), *Layout.choices],
        required=False,
    )
    signer_capacity = forms.CharField(
        label=_("Signing for"),
        max_length=120,
        required=False,
        initial="T/M BAN THƯỜNG VỤ",
        help_text=_("T/M BAN THƯỜNG VỤ, K/T TRƯỞNG BAN, TM. ỦY BAN NHÂN DÂN…"),
    )
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=200, required=False
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, as “Nơi nhận” lists them."),
    )
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    # Last: the name hides django.forms in the rest of the class body.
    forms = forms.ModelMultipleChoiceField(
        label=_("Figures forms"),
        queryset=ReportForm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their figures of the period fill the draft and the annex."),
    )

    def restrict_choices(self) -> None:
        super().restrict_choices()
        # The figures forms are a catalogue every officer reads (by name).
        fields: Any = self.fields
        fields["forms"].queryset = ReportForm.objects.filter(active=True).order_by(
            "name", "pk"
        )
        fields["forms"].label_from_instance = lambda f: f"{f.name} ({f.code})"


def _codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", text.upper()) if code]


class OutlineSectionForm(CleanForm):
    """A section of an outline: its title, level, and what the draft puts in."""

    title = forms.CharField(
        label=pgettext_lazy("outline", "Title"),
        max_length=300,
        help_text="Công tác dân vận của chính quyền",
    )
    key = forms.CharField(
        label=pgettext_lazy("outline", "Key"),
        max_length=40,
        required=False,
        help_text=_(
            "Lower-case letters, digits, - and _; made from the title when empty."
        ),
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        choices=[(1, _("heading (I., II.)")), (2, _("part of a heading (1., 2.)"))],
        initial=1,
    )
    fills = forms.MultipleChoiceField(
        label=_("Filled by the system with"),
        choices=Source.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    body_kinds = forms.MultipleChoiceField(
        label=_("Documents and meetings of the bodies of kinds"),
        choices=Body.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.CharField(
        label=_("Indicators quoted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Codes separated by spaces or commas: DVK_MH_DANG_KY, DT_SO_CUOC"),
    )
    guidance = forms.CharField(
        label=_("Guidance for the writer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_indicators(self) -> list[str]:
        return _codes(self.cleaned_data.get("indicators") or "")


def section_initial(section: Any) -> dict[str, Any]:
    """The form's values of a saved section."""
    return {
        "title": section.title,
        "key": section.key,
        "level": section.level,
        "fills": section.fills,
        "body_kinds": section.body_kinds,
        "indicators": ", ".join(section.indicators),
        "guidance": section.guidance,
    }


class ReportTypeFilterSet(ListFilterSet):
    """Search by name or code, period type, in use; by code or name."""

    class Meta(ListFilterSet.Meta):
        model = ReportType

    SORTS = {"code": ("code",), "name": ("name", "code")}
    DEFAULT_SORT = "code"

    period_type = django_filters.ChoiceFilter(
        label=_("Period type"), choices=PeriodType.choices, empty_label=_("All")
    )
    active = django_filters.ChoiceFilter(
        label=_("In use"),
        method="filter_active",
        empty_label=_("All"),
        choices=[("yes", _("in use")), ("no", _("no longer in use"))],
    )

    def filter_active(
        self, queryset: QuerySet[ReportType], name: str, value: str
    ) -> QuerySet[ReportType]:
        return queryset.filter(active=value == "yes")
