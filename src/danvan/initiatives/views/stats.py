"""The statistics page of the register, its XLSX table, and its area search.

The charts are SVG written by the template from geometry computed in
``initiatives.charts``: no script, no external service, and each chart has a
text alternative next to a table of the same figures.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common.http import AuthedRequest
from danvan.common.xlsx import xlsx_response
from danvan.initiatives.kept import FIGURES
from danvan.initiatives.stats import ModelStats, display, model_statistics, table
from danvan.initiatives.stats.filters import (
    FIRST_YEAR,
    Choice,
    StatsFilterForm,
    area_picker,
    read_choice,
    search_areas,
    user_roots,
)
from danvan.units.models import Area, Body


def _xlsx(choice: Choice, stats: ModelStats) -> HttpResponse:
    slug = choice.area.code if choice.area else "ca-nuoc"
    when = stats.year or (
        f"{stats.period[0]:%Y%m%d}-{stats.period[1]:%Y%m%d}"
        if stats.period
        else "tat-ca"
    )
    return xlsx_response(
        f"thong-ke-mo-hinh-{slug}-{when}.xlsx",
        _("Statistics"),
        table.table_headers(),
        table.table_rows(stats),
    )


def _pk(unit: Area | Body | None) -> int | None:
    return unit.pk if unit is not None else None


def _figures(choice: Choice, user: User) -> ModelStats:
    return FIGURES.kept(
        "figures",
        user,
        (_pk(choice.area), _pk(choice.body), choice.year, choice.period, choice.n),
        lambda: model_statistics(
            area=choice.area,
            body=choice.body,
            year=choice.year,
            period=choice.period,
            n=choice.n,
            user=user,
        ),
    )


def _content(
    request: AuthedRequest,
    choice: Choice,
    stats: ModelStats,
    form: StatsFilterForm,
    bodies: list[Body],
) -> str:
    """The page below the menu: the form, the figures, the charts and tables."""
    user = request.user
    this_year = timezone.localdate().year
    headers = table.table_headers()
    context = {
        "stats": stats,
        "choice": choice,
        "area_picker": area_picker(form, choice, country=user.is_superuser),
        "bodies": bodies,
        "years": list(range(this_year + 1, FIRST_YEAR - 1, -1)),
        "scope_text": table.scope_text(stats),
        "unit_name": table.unit_name(stats),
        "unit_word": table.unit_word(stats.units_with_at_least_n_effective.level),
        "cards": display.cards(stats),
        # The sub-units have their own table on the page; the XLSX lists them.
        # Each cell carries its header, shown beside it on a phone.
        "rows": [
            list(zip(headers, table.shown(row), strict=True))
            for row in table.table_rows(stats, units=False)
        ],
        "headers": headers,
        **display.page_charts(stats),
    }
    return render_to_string("initiatives/stats.html#content", context, request)


@login_required
def stats_page(request: AuthedRequest) -> HttpResponse:
    """Figures of the register for an area or body and a year or period.

    The page below the menu is kept until the register or the tree changes
    (``initiatives.kept``): it depends on nothing but the reader's scope, their own
    units (the defaults and the area list) and the query string.
    """
    user = request.user
    roots, bodies = user_roots(user)
    form = StatsFilterForm(request.GET, user=user)
    choice = read_choice(form, user, roots, bodies)
    if request.GET.get("format") == "xlsx":
        return _xlsx(choice, _figures(choice, user))
    stats = _figures(choice, user)
    content = FIGURES.kept(
        "page",
        user,
        (
            request.GET.urlencode(),
            tuple(root.pk for root in roots),
            tuple(body.pk for body in bodies),
        ),
        lambda: _content(request, choice, stats, form, bodies),
    )
    context = {"content": content, "stats": stats, "choice": choice}
    return render(request, "initiatives/stats.html", context)


@login_required
def stats_areas(request: AuthedRequest) -> HttpResponse:
    """Units in force in the chosen year or period whose name matches ``q``.

    The page's area search: a fragment of options for htmx, a list of links
    to their statistics otherwise.
    """
    user = request.user
    roots, bodies = user_roots(user)
    form = StatsFilterForm(request.GET, user=user)
    choice = read_choice(form, user, roots, bodies)
    query = request.GET.get("q", "")
    context = {
        "choice": choice,
        "q": query,
        "areas": search_areas(user, choice.picker_period(), query),
    }
    template = "initiatives/stats_areas.html"
    if request.htmx and not request.htmx.boosted:
        template += "#options"
    return render(request, template, context)
