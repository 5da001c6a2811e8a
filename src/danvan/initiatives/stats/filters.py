"""What the statistics page is asked for: area or body, year or period, N.

The area picker (``units.widgets.AreaPicker``) searches the units in force
during the chosen year or period (the districts of 2024 for 2024, the new
communes for 2026) inside the user's scope, which includes the units that
merged into theirs; any area of the scope is accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership, User
from danvan.common.access import restrict_choices
from danvan.common.forms import CleanForm
from danvan.initiatives.stats.figures import DEFAULT_N
from danvan.units.models import Area, Body
from danvan.units.widgets import AreaPicker

FIRST_YEAR = 2009  # the movement began in 2009 (Bắc Giang, 24-KH/BDVTU)
MAX_N = 1000
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _last_year() -> int:
    return timezone.localdate().year + 1


class StatsFilterForm(CleanForm):
    """The area or body, the year or period and the threshold N of the page."""

    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), required=False, widget=AreaPicker
    )
    body = forms.ModelChoiceField(queryset=Body.objects.all(), required=False)
    year = forms.IntegerField(required=False)
    n = forms.IntegerField(required=False)

    def __init__(self, data: Any = None, *, user: User | None) -> None:
        if data is not None:
            data = data.copy()
            # Absent (not blank, which means all years): this year.
            data.setdefault("year", str(timezone.localdate().year))
        super().__init__(data)
        restrict_choices(self, user if user is not None else AnonymousUser())
        first, last = FIRST_YEAR, _last_year()
        year_error = _("The year must be between %(first)s and %(last)s.") % {
            "first": first,
            "last": last,
        }
        n_error = _("N must be between 1 and %(max)s.") % {"max": MAX_N}
        self.fields["year"].error_messages["invalid"] = year_error
        self.fields["year"].widget.attrs.update(min=first, max=last)
        self.fields["n"].error_messages["invalid"] = n_error
        for name, label in (("from", _("Registered from")), ("to", _("to"))):
            self.fields[name] = forms.DateField(
                required=False,
                label=label,
                input_formats=DATE_FORMATS,
                error_messages={
                    "invalid": _("Enter the date as dd/mm/yyyy, e.g. 31/12/2024.")
                },
            )
        self._year_error = year_error
        self._n_error = n_error

    def clean_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("year")
        if year is not None and not FIRST_YEAR <= year <= _last_year():
            raise forms.ValidationError(self._year_error)
        return year

    def clean_n(self) -> int:
        n: int | None = self.cleaned_data.get("n")
        if n is None:
            return DEFAULT_N
        if not 1 <= n <= MAX_N:
            raise forms.ValidationError(self._n_error)
        return n

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.has_error("from") or self.has_error("to"):
            return cleaned  # the date itself is wrong: one message is enough
        start, end = cleaned.get("from"), cleaned.get("to")
        if (start or end) and not (start and end and start <= end):
            raise forms.ValidationError(
                _("Give the start and the end of the period, the start first.")
            )
        return cleaned

    def out_of_scope(self) -> bool:
        """Whether an area or body was asked for that the user may not see.

        A name typed in the picker without JavaScript that names no single
        unit is not: the page lists what it matches.
        """
        typed = not str(self.data.get("area") or "").isdigit()
        return (self.has_error("area", "invalid_choice") and not typed) or (
            self.has_error("body", "invalid_choice")
        )

    def messages(self) -> list[str]:
        """Every error of the form, as one list of sentences."""
        return [str(e) for errors in self.errors.values() for e in errors]


@dataclass
class Choice:
    """What the page shows: invalid parameters fall back to their default."""

    area: Area | None
    body: Body | None
    year: int | None
    period: tuple[dt.date, dt.date] | None
    n: int
    errors: list[str]

    def picker_period(self) -> tuple[dt.date, dt.date]:
        """The days whose units the area picker offers."""
        if self.period is not None:
            return self.period
        if self.year is not None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        return dt.date(FIRST_YEAR, 1, 1), timezone.localdate()


def user_roots(user: User) -> tuple[list[Area], list[Body]]:
    """The areas a user belongs to (directly or through an area-wide body), and
    the bodies of their other memberships."""
    areas: dict[int, Area] = {}
    bodies: dict[int, Body] = {}
    for m in Membership.objects.filter(user=user).select_related("area", "body__area"):
        if m.area is not None:
            areas[m.area.pk] = m.area
        elif m.body is not None:
            if m.body.area_wide:
                areas[m.body.area.pk] = m.body.area
            else:
                bodies[m.body.pk] = m.body
    return list(areas.values()), list(bodies.values())


def read_choice(
    form: StatsFilterForm, user: User, roots: list[Area], bodies: list[Body]
) -> Choice:
    """The page's choice from a bound form; 404 for an area or body out of scope."""
    form.is_valid()
    if form.out_of_scope():
        raise Http404
    cleaned = form.cleaned_data
    area, body = cleaned.get("area"), cleaned.get("body")
    if area is None and body is None and not user.is_superuser:
        if roots:
            area = roots[0]
        elif bodies:
            body = bodies[0]
        else:
            raise Http404
    start, end = cleaned.get("from"), cleaned.get("to")
    return Choice(
        area=area,
        body=body,
        year=cleaned.get("year", timezone.localdate().year),
        period=(start, end) if start and end and "__all__" not in form.errors else None,
        n=cleaned.get("n", DEFAULT_N),
        errors=form.messages(),
    )


# --- the area picker -----------------------------------------------------------


def area_label(area: Area) -> str:
    """The area's name, with the day it ended for a former unit."""
    if area.valid_to is not None:
        return _("%(name)s (until %(date)s)") % {
            "name": area.full_name,
            "date": area.valid_to.strftime("%d/%m/%Y"),
        }
    return area.full_name


def area_picker(form: StatsFilterForm, choice: Choice, *, country: bool) -> str:
    """The page's area picker: the chosen area, and a search of the units in
    force during the year or period shown."""
    field: Any = form.fields["area"]
    field.empty_label = _("Whole country") if country else "—"
    start, end = choice.picker_period()
    field.widget.search_limits = {"start": start.isoformat(), "end": end.isoformat()}
    chosen = choice.area.pk if choice.area is not None else None
    return str(field.widget.render("area", chosen, attrs={"id": "stats-area"}))


SEARCH_RESULTS = 30


def search_areas(
    user: User, period: tuple[dt.date, dt.date], text: str
) -> list[tuple[int, str]]:
    """Units in force during ``period`` that match ``text``, within the scope,
    as (pk, label)."""
    if not text.strip():
        return []
    # Villages too: a search names one unit, the list-length reason is gone.
    areas = Area.objects.visible_to(user).in_force_during(*period).search(text)
    return [(a.pk, area_label(a)) for a in areas.for_display()[:SEARCH_RESULTS]]
