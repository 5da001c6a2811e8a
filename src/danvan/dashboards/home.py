"""The home page's dashboard of the user's unit for the current period.

Kept as the HTML it makes (``dashboards.kept``), per reader's scope, unit,
day and language: a page after the first reads no row of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.dashboards import figures
from danvan.dashboards.kept import FIGURES
from danvan.dashboards.places import Place, home_place

if TYPE_CHECKING:
    from danvan.common.http import AuthedRequest


def panel(request: AuthedRequest) -> str:
    """The dashboard's HTML for the user's own unit ("" without a unit)."""
    user = request.user
    place = home_place(user)
    if place is None:
        return ""
    return FIGURES.kept("home", user, place.key, lambda: _render(request, place))


def _render(request: AuthedRequest, place: Place) -> str:
    user = request.user
    today = timezone.localdate()
    forms = figures.forms_of(place)
    reporting = figures.reporting(user, place, forms, today)
    key_figures = figures.key_figures(user, place, forms, today)
    context = {
        "place": place,
        "key_figures": figures.with_coverage(key_figures, reporting),
        "reporting": reporting,
        "targets": figures.targets(user, place, today),
        "follow_ups": figures.follow_ups(user, place, today),
        "area_url": _area_url(place),
        "today": today,
        "no_data": _("No figure reported yet."),
    }
    return render_to_string("dashboards/home_panel.html", context, request)


def _area_url(place: Place) -> str:
    from django.urls import reverse
    from django.utils.http import urlencode

    query = figures.place_query(place)
    url = reverse("dashboards:area")
    return url + ("?" + urlencode(query) if query else "")
