"""Forms of the people's situation: an entry, a topic, an import, the period view.

Every choice of a unit is limited to the user's (``ScopedFormMixin``): the
reporting body to the bodies the user edits, the place to the areas they see;
the services check again (the place must lie in the body's area).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.common.forms import CleanForm, ScopedFormMixin, XlsxFileField
from danvan.documents.forms import AreaField
from danvan.situation import periods
from danvan.situation.models import Assessment, Entry, Topic
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Body

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


class PeriodChoiceField(forms.ChoiceField):
    """A reporting period named ``type:year[:number]`` (``situation.periods``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", periods.choices)
        super().__init__(*args, **kwargs)

    def valid_value(self, value: Any) -> bool:
        # Any period spec that resolves, not only those offered (an old period).
        return periods.valid(str(value))


class EntryForm(ScopedFormMixin, CleanForm):
    """An entry's fields; saved through ``services.record_entry``/``update_entry``."""

    editable_fields = ("body",)

    body = BodyChoiceField(label=_("Reporting body"), queryset=Body.objects.all())
    area = AreaField(
        label=_("Place"),
        help_text=_("The body's area or a place inside it, down to the village."),
    )
    period = PeriodChoiceField(label=_("Period"))
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.filter(active=True)
    )
    assessment = forms.ChoiceField(label=_("Assessment"), choices=Assessment.choices)
    observed_on = forms.DateField(label=_("Observed on"), widget=DATE)
    summary = forms.CharField(label=_("Summary"), widget=TEXT)
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where it was learnt: meetings, reports of villages, the press…"),
    )
    follow_up = forms.CharField(
        label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def initial_from(entry: Entry) -> dict[str, Any]:
        return {
            "body": entry.body,
            "area": entry.area,
            "period": periods.period_spec(entry.period),
            "topic": entry.topic,
            "assessment": entry.assessment,
            "observed_on": entry.observed_on,
            "summary": entry.summary,
            "sources": entry.sources,
            "follow_up": entry.follow_up,
        }

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned fields as the services take them (the period's row)."""
        data = dict(self.cleaned_data)
        data["period"] = periods.resolve(data["period"])
        return data


class TopicForm(CleanForm):
    """A topic of the catalogue."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters without accents, digits and hyphens: dat-dai."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class ImportForm(CleanForm):
    """An XLSX workbook of entries (the columns of the export)."""

    file = XlsxFileField(label=_("Workbook (.xlsx)"))


class PeriodViewForm(ScopedFormMixin, CleanForm):
    """The area and period of the period view."""

    area = AreaField(label=_("Area"))
    period = PeriodChoiceField(label=_("Period"))
