"""The forms of the records panel: a meeting, or a reported value, from a text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.forms import CleanForm
from danvan.datasets.models import Indicator, Period
from danvan.meetings import periods
from danvan.meetings.models import PeriodType
from danvan.units.models import Body


class MeetingFromTextForm(CleanForm):
    """Organiser, date, title and conclusions, proposed from the text, editable."""

    body = forms.ModelChoiceField(
        label=_("Convening body"),
        queryset=Body.objects.none(),
        empty_label=_("Choose the body that convened it"),
    )
    held_on = forms.DateField(
        label=_("Date"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    title = forms.CharField(
        label=pgettext_lazy("meeting", "Title"),
        required=False,
        max_length=300,
        help_text=_("Empty: the kind, period and body of the meeting."),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One a line, as the text states them; edit before saving."),
    )

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        field.queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])  # type: ignore[attr-defined]
        field.label_from_instance = lambda body: body.name  # type: ignore[attr-defined]
        # Offered from the bodies already read, in the queryset's order (by
        # path); the queryset only validates.
        field.widget.choices = [("", field.empty_label)] + [  # type: ignore[attr-defined]
            (body.pk, body.name) for body in sorted(bodies, key=lambda b: b.path)
        ]

    def conclusion_lines(self) -> list[str]:
        text = self.cleaned_data.get("conclusions") or ""
        return [line.strip() for line in text.split("\n") if line.strip()]


class FigureForm(CleanForm):
    """The indicator, body and period a figure of a text becomes a value of."""

    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        empty_label=_("Choose the indicator"),
    )
    body = forms.ModelChoiceField(
        label=_("Reporting body"),
        queryset=Body.objects.none(),
        empty_label=_("Choose the body"),
    )
    period_type = forms.ChoiceField(label=_("Period type"), choices=())
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    number = forms.IntegerField(
        label=_("Month or quarter"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("For a month (1–12) or a quarter (1–4) only."),
    )
    value = forms.CharField(
        label=_("Value"),
        max_length=100,
        help_text=_("As the text gives it; typed the Vietnamese way (2.943, 1,5)."),
    )

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        field.queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])  # type: ignore[attr-defined]
        field.widget.choices = [("", field.empty_label)] + [  # type: ignore[attr-defined]
            (body.pk, f"{body.name} ({body.area.full_name})") for body in bodies
        ]
        items = Indicator.objects.filter(
            active=True, form_items__form__active=True
        ).distinct()
        self.fields["indicator"].queryset = items  # type: ignore[attr-defined]
        self.fields["indicator"].label_from_instance = (  # type: ignore[attr-defined]
            lambda indicator: f"{indicator.code} · {indicator.name}"
        )
        self.fields["period_type"].choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in PeriodType.choices
            if value != periods.CUSTOM
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, year = data.get("period_type"), data.get("year")
        if kind and year:
            try:
                number = (
                    data.get("number")
                    if kind in (periods.MONTH, periods.QUARTER)
                    else None
                )
                data["period"] = Period.objects.of(kind, year, number)
            except (ValueError, KeyError):
                raise forms.ValidationError(
                    _("This is not a period: check its type, year and number.")
                ) from None
        return data
