"""Pages of reception days: the list (filters, XLSX) and the form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.common import clock
from danvan.common.access import may_edit_somewhere
from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.paging import Paginator
from danvan.common.xlsx import xlsx_response
from danvan.dialogues import services
from danvan.dialogues.filters import ReceptionFilterSet
from danvan.dialogues.forms import ReceptionForm
from danvan.dialogues.models import Reception
from danvan.dialogues.views.common import PAGE_SIZE, REFUSALS, fail, partial

# The columns a row of the list shows.
LIST_COLUMNS = (
    "held_on",
    "leader_name",
    "leader_title",
    "citizens",
    "cases",
    "note",
    "body__name",
    "body__area__name",
)


def _receptions(request: AuthedRequest) -> Any:
    return Reception.objects.visible_to(request.user)


@login_required
@require_GET
def reception_list(request: AuthedRequest) -> HttpResponse:
    form = ReceptionFilterSet(request.GET, _receptions(request), user=request.user)
    receptions = form.qs.select_related("body__area").only(*LIST_COLUMNS)
    page = Paginator(receptions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = render_rows("dialogues/reception_rows.html", {"rows": page.object_list})
    context = {
        "page": page,
        "rows": rows,
        "form": form.form,
        "sort": form.sort_key,
        "can_create": may_edit_somewhere(request.user),
        "query": request.GET.urlencode(),
    }
    return render(
        request, partial(request, "dialogues/reception_list.html", "rows"), context
    )


@login_required
@require_GET
def reception_export(request: AuthedRequest) -> HttpResponse:
    form = ReceptionFilterSet(request.GET, _receptions(request), user=request.user)
    headers = [
        _("Date"),
        _("Body"),
        _("Area"),
        _("Leader"),
        _("Leader's title"),
        _("Citizens received"),
        _("Matters raised"),
        _("Note"),
    ]
    rows = (
        [
            r.held_on,
            r.body.name,
            r.body.area.full_name,
            r.leader_name,
            r.leader_title,
            r.citizens,
            r.cases,
            r.note,
        ]
        for r in form.qs.select_related("body__area")
    )
    return xlsx_response("tiep-cong-dan.xlsx", _("Reception days"), headers, rows)


@login_required
@require_http_methods(["GET", "POST"])
def reception_create(request: AuthedRequest) -> HttpResponse:
    if not may_edit_somewhere(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ReceptionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.record_reception(actor=request.user, **form.cleaned_data)
            except REFUSALS as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The reception day was recorded."))
                return redirect(reverse("dialogues:reception_list"))
    else:
        form = ReceptionForm(user=request.user, initial={"held_on": clock.today()})
    return render(request, "dialogues/reception_form.html", {"form": form})
