"""What the pivot page and the sums API are asked: indicators, area, span,
period type and grouping. One form for both (the API splits its
comma-separated lists first), so both refuse the same things the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.datasets.models import NUMERIC_TYPES, FormIndicator, Indicator
from danvan.meetings.models import PeriodType
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Area, Body
from danvan.units.widgets import AreaPicker, area_label

if TYPE_CHECKING:
    from danvan.accounts.models import User

# The groupings offered: (by, label).
GROUPINGS = {
    "unit": ("indicator", "unit"),
    "period": ("indicator", "period"),
    "unit_period": ("indicator", "unit", "period"),
    "indicator": ("indicator",),
}
GROUPING_CHOICES = [
    ("unit", _("by sub-unit")),
    ("period", _("by period")),
    ("unit_period", _("by sub-unit and period")),
    ("indicator", _("totals only")),
]
# Spans longer than this are refused (a decade of months is 120 columns).
MAX_YEARS = 20


class _AreaField(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at runtime
    widget = AreaPicker

    def label_from_instance(self, obj: Area) -> str:
        return area_label(obj)


class IndicatorChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Indicators by id or code."""

    def clean(self, value: Any) -> Any:
        if value and not isinstance(value, list | tuple):
            value = [value]
        if value:
            codes = [v for v in value if not str(v).isdigit()]
            if codes:
                found = dict(
                    Indicator.objects.filter(code__in=codes).values_list("code", "pk")
                )
                value = [str(found.get(v, v)) for v in value]
        return super().clean(value)

    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.name} ({obj.unit})" if obj.unit else obj.name


class PivotForm(ScopedFormMixin, CleanForm):
    indicators = IndicatorChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.filter(value_type__in=NUMERIC_TYPES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area = _AreaField(label=_("Area"), queryset=Area.objects.all(), required=False)
    body = BodyChoiceField(label=_("Body"), queryset=Body.objects.all(), required=False)
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    period_type = forms.ChoiceField(
        label=_("Period type"), choices=PeriodType.choices, required=False
    )
    by = forms.ChoiceField(label=_("Show"), choices=GROUPING_CHOICES, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, user=user, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end is before the start."))
            elif end.year - start.year > MAX_YEARS:
                self.add_error(
                    "end",
                    _("Choose a span of at most %(years)s years.")
                    % {"years": MAX_YEARS},
                )
        return cleaned

    def out_of_scope(self) -> bool:
        """An area or body was asked for that the user may not see."""
        return self.has_error("area", "invalid_choice") or self.has_error(
            "body", "invalid_choice"
        )


@dataclass
class PivotChoice:
    """What the page shows: a wrong parameter falls back to its default."""

    indicators: list[Indicator]
    area: Area | None
    body: Body | None
    start: dt.date
    end: dt.date
    period_type: str
    grouping: str

    @property
    def by(self) -> tuple[str, ...]:
        return GROUPINGS[self.grouping]


def _default_grouping(area: Area | None, body: Body | None) -> str:
    """By sub-unit above the communes; a commune's figures by period (its
    villages report nothing of their own)."""
    if body is None and area is not None and area.level in ("commune", "village"):
        return "period"
    return "unit"


def numeric_catalogue() -> list[Indicator]:
    """The indicators that add up, each marked ``on_form`` when a form in use
    carries it (those are the default choice), in one query."""
    on_form = FormIndicator.objects.filter(indicator=OuterRef("pk"), form__active=True)
    return list(
        Indicator.objects.filter(value_type__in=NUMERIC_TYPES).annotate(
            on_form=Exists(on_form)
        )
    )


def read_choice(
    form: PivotForm,
    default_area: Area | None,
    catalogue: list[Indicator] | None = None,
) -> PivotChoice:
    """The form's values, each wrong or missing one replaced by its default:
    the indicators of the forms in use (else every one in use; of
    ``catalogue``, ``numeric_catalogue()``, when the caller has read it), the
    user's own area, this year, quarters, by sub-unit (a commune by period)."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    today = timezone.localdate()
    start = data.get("start") or dt.date(today.year, 1, 1)
    end = data.get("end") or dt.date(today.year, 12, 31)
    if start > end or end.year - start.year > MAX_YEARS:
        start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    indicators = list(data.get("indicators") or [])
    if not indicators:
        if catalogue is None:
            catalogue = numeric_catalogue()
        in_use = [i for i in catalogue if i.active]
        indicators = [i for i in in_use if getattr(i, "on_form", False)] or in_use
    body = data.get("body")
    area = data.get("area")
    if area is None and body is None and not form.has_error("area"):
        area = default_area
    if form.has_error("area"):
        area = default_area
    return PivotChoice(
        indicators=indicators,
        area=area,
        body=body,
        start=start,
        end=end,
        period_type=data.get("period_type") or PeriodType.QUARTER,
        grouping=data.get("by") or _default_grouping(area, body),
    )
