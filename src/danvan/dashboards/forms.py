"""What the area dashboard is asked: an area or a body, a span of periods
(``from``/``to`` as ``quarter:2026:1``), an indicator and a threshold. A wrong
or unseen value falls back to its default (an area out of the reader's scope
is never shown: the picker offers only what they see)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.datasets import completeness as rates
from danvan.datasets.models import NUMERIC_TYPES, Indicator
from danvan.documents.forms import AreaField
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Body


class IndicatorField(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at runtime
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.name} ({obj.unit})" if obj.unit else obj.name


class PeriodField(forms.CharField):
    """A period named ``type:year[:number]``: the triple, or None."""

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        named = rates.parse_period(text)
        if named is None or named[0] == "custom":
            raise forms.ValidationError(_("Name a period as quarter:2026:1."))
        return named


class DashboardForm(ScopedFormMixin, CleanForm):
    area = AreaField(label=_("Area"), required=False)
    body = BodyChoiceField(label=_("Body"), queryset=Body.objects.all(), required=False)
    indicator = IndicatorField(
        label=_("Indicator"),
        queryset=Indicator.objects.filter(value_type__in=NUMERIC_TYPES).order_by(
            "name", "pk"
        ),
        required=False,
        empty_label=_("The main indicators"),
    )
    start = PeriodField(label=_("From the period"), required=False)
    end = PeriodField(label=_("To the period"), required=False)
    threshold = forms.DecimalField(
        label=_("Threshold"), required=False, min_value=0, max_digits=20
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, user=user, **kwargs)
        # ``from`` and ``to`` in the address (``from`` is a Python keyword).
        self.fields["start"].widget.attrs["placeholder"] = "quarter:2026:1"
        self.fields["end"].widget.attrs["placeholder"] = "quarter:2026:4"

    def add_prefix(self, field_name: str) -> str:
        return {"start": "from", "end": "to"}.get(field_name, field_name)
