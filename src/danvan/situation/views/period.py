"""The period view: an area's situation for a period, topic by topic, as the
periodic report quotes it (``situation.outline``); and its XLSX."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.common import clock
from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.xlsx import xlsx_response
from danvan.situation import outline, periods
from danvan.situation.forms import PeriodViewForm
from danvan.situation.kept import FIGURES
from danvan.units.models import Area


def _default_area(user: Any) -> Area | None:
    from danvan.documents.forms import default_area

    return default_area(user) if user.is_authenticated else None


@dataclass(frozen=True)
class Shown:
    """What the page shows of a period view: its counts and its sections'
    HTML kept (``situation.kept``), the area and period as chosen."""

    area: Area
    period: Any
    entry_count: int
    counts: dict[str, int]
    html: str


def _shown(request: AuthedRequest, area: Area, period: Any) -> Shown:
    def compute() -> tuple[int, dict[str, int], str]:
        view = outline.period_view(request.user, area, period)
        html = render_rows("situation/period_sections.html", {"view": view})
        return view.entry_count, view.counts, str(html)

    entry_count, counts, html = FIGURES.kept(
        "period",
        request.user,
        (area.pk, period.type, period.start, period.end),
        compute,
    )
    return Shown(area, period, entry_count, counts, html)


def _chosen(request: AuthedRequest) -> tuple[PeriodViewForm, Any]:
    data = request.GET.copy()
    if not data.get("period"):
        data["period"] = periods.containing(clock.today())
    if not data.get("area"):
        area = (
            _default_area(request.user)
            or Area.objects.visible_to(request.user).order_by("path").first()
        )
        if area is not None:
            data["area"] = str(area.pk)
    form = PeriodViewForm(data, user=request.user)
    if not form.is_valid():
        return form, None
    period = periods.named(form.cleaned_data["period"])
    assert period is not None  # the field accepts only periods that resolve
    return form, (form.cleaned_data["area"], period)


@login_required
@require_GET
def period_view(request: AuthedRequest) -> HttpResponse:
    form, chosen = _chosen(request)
    view = _shown(request, *chosen) if chosen is not None else None
    context = {
        "form": form,
        "view": view,
        "assessments": outline.ORDER,
        "query": request.GET.urlencode(),
    }
    return render(request, "situation/period.html", context)


@login_required
@require_GET
def period_export(request: AuthedRequest) -> HttpResponse:
    _form, chosen = _chosen(request)
    view = outline.period_view(request.user, *chosen) if chosen is not None else None
    headers = [
        _("Topic"),
        _("Place"),
        _("Assessment"),
        _("Summary"),
        _("Follow-up"),
        _("Reporting body"),
    ]
    rows = outline.xlsx_rows(view) if view is not None else []
    return xlsx_response("tinh-hinh-theo-ky.xlsx", _("Situation"), headers, rows)
