"""The statistics page: an area and a span, the figures as the reports
write them and the obligations against what was held; XLSX."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.xlsx import XLSX, append_row
from danvan.dialogues import stats
from danvan.dialogues.forms import StatsForm
from danvan.dialogues.kept import FIGURES
from danvan.dialogues.models import ObligationRule
from danvan.documents.forms import default_area
from danvan.units.models import Area


def _form(request: AuthedRequest) -> StatsForm:
    data: Any = request.GET.copy()
    if not data.get("area"):
        area = default_area(request.user)
        if area is None:
            field: Any = StatsForm(user=request.user).fields["area"]
            area = next(iter(field.queryset[:1]), None)
        if area is not None:
            data["area"] = str(area.pk)
    return StatsForm(data, user=request.user)


def _computed(request: AuthedRequest) -> tuple[StatsForm, stats.Stats | None]:
    """The form and its statistics, kept (``dialogues.kept``: per reader's
    scope, area, span and day, until a dialogue, opinion, reception day or
    rule changes)."""
    form = _form(request)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    area, start, end = data["area"], data["start"], data["end"]
    found = FIGURES.kept(
        "stats",
        request.user,
        (area.pk, start.isoformat(), end.isoformat()),
        lambda: stats.compute(user=request.user, area=area, start=start, end=end),
    )
    return form, found


@login_required
@require_GET
def stats_page(request: AuthedRequest) -> HttpResponse:
    form, found = _computed(request)
    context = {
        "form": form,
        "stats": found,
        "duty_rows": _duty_rows(request, found),
        "query": request.GET.urlencode(),
        "rules": _rules(),
    }
    return render(request, "dialogues/stats.html", context)


def _duty_rows(request: AuthedRequest, found: stats.Stats | None) -> str:
    """The obligations' rows (Jinja2), kept as the HTML they make."""
    if found is None:
        return ""
    params = (found.area.pk, found.start.isoformat(), found.end.isoformat())
    return str(
        FIGURES.kept(
            "stats-rows",
            request.user,
            params,
            lambda: render_rows("dialogues/duty_rows.html", {"rows": found.duties}),
        )
    )


def _rules() -> list[ObligationRule]:
    """The obligation rules, each with its level's label."""
    levels = dict(Area.Level.choices)
    rules = list(ObligationRule.objects.all())
    for rule in rules:
        rule.level_label = levels.get(rule.level, rule.level)  # type: ignore[attr-defined]
    return rules


def duty_label(duty: str) -> str:
    return str(dict(ObligationRule.Duty.choices).get(duty, duty))


@login_required
@require_GET
def stats_export(request: AuthedRequest) -> HttpResponse:
    """The figures (first sheet) and the obligations per body (second)."""
    _form_used, found = _computed(request)
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Figures"))[:31]
    append_row(sheet, [str(_("Figure")), str(_("Value"))])
    if found is not None:
        for label, value in figures(found):
            append_row(sheet, [str(label), value])
        duties = book.create_sheet(str(_("Obligations"))[:31])
        append_row(duties, [str(h) for h in DUTY_HEADERS])
        for d in found.duties:
            append_row(
                duties,
                [
                    d.body,
                    d.area,
                    d.leader,
                    duty_label(d.duty),
                    d.months,
                    d.owed_days,
                    d.sessions,
                    d.receptions,
                    d.held,
                    d.short,
                    d.basis,
                ],
            )
    out = BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="thong-ke-doi-thoai.xlsx"'
    return response


DUTY_HEADERS = (
    _lazy("Body"),
    _lazy("Area"),
    _lazy("Leader"),
    _lazy("Duty"),
    _lazy("Months"),
    _lazy("Days owed"),
    _lazy("Dialogues held"),
    _lazy("Reception days"),
    _lazy("Days counted"),
    _lazy("Short of"),
    _lazy("Legal basis"),
)


def figures(found: stats.Stats) -> list[tuple[Any, Any]]:
    """The figures of the span, as the reports write them."""
    return [
        (_("Area"), found.area.full_name),
        (_("From"), found.start),
        (_("To"), found.end),
        (_("Dialogues held"), found.sessions),
        (_("of which ad hoc"), found.ad_hoc),
        (_("Participants"), found.participants),
        (_("Opinions raised"), found.opinions),
        (_("Answered at the dialogue"), found.answered),
        (_("Share answered at the dialogue (%)"), found.answered_share),
        (_("Assigned to a body"), found.assigned),
        (_("Assignments answered"), found.done),
        (_("Assignments overdue"), found.overdue),
        (_("Assignments waiting"), found.waiting),
        (_("Reception days"), found.reception_days),
        (_("Citizens received"), found.citizens),
    ]
