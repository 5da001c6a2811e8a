"""Pages of situation entries: the list, an entry, its form, export and import.

Every entry is fetched through ``visible_to`` (another unit's entry is a
404); writes need the editor role over the reporting body (else 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.common import clock, rules
from danvan.common.access import cached_for_user, get_visible_or_404
from danvan.common.audit import history_for
from danvan.common.http import AuthedRequest
from danvan.common.paging import Paginator
from danvan.common.xlsx import xlsx_response
from danvan.meetings.periods import period_label
from danvan.situation import periods, services, spreadsheet
from danvan.situation.filters import EntryFilterSet
from danvan.situation.forms import EntryForm, ImportForm
from danvan.situation.kept import list_count
from danvan.situation.models import Entry
from danvan.units.models import Body

PAGE_SIZE = 50

# The columns a row of the list shows (situation/entry_rows.html).
LIST_COLUMNS = ("observed_on", "assessment", "summary", "area_path", "body_path")


def _entries(request: AuthedRequest) -> QuerySet[Entry]:
    return Entry.objects.visible_to(request.user)


def _has_editable_body(user: Any) -> bool:
    return Body.objects.editable_by(user).exists()


def may_record(user: Any) -> bool:
    """Is the user an editor of some body (who may record the situation)?"""
    if not user.is_authenticated:
        return False
    return cached_for_user(user, "situation:may_record", _has_editable_body)


def _editable_entry(request: AuthedRequest, pk: int) -> Entry:
    entry = get_visible_or_404(
        Entry.objects.select_related("body__area", "area", "topic", "period"),
        request.user,
        pk=pk,
    )
    if not rules.may_edit(request.user, entry.body):
        raise PermissionDenied
    return entry


@login_required
@require_GET
def entry_list(request: AuthedRequest) -> HttpResponse:
    """Entries of the user's units: filters, accent-free search, sorting."""
    form = EntryFilterSet(request.GET, _entries(request), user=request.user)
    entries = form.qs.only(*LIST_COLUMNS).annotate(
        topic_name=F("topic__name"),
        area_name=F("area__full_name"),
        body_name=F("body__name"),
        period_type=F("period__type"),
        period_year=F("period__year"),
        period_number=F("period__number"),
    )
    count = list_count(request.user, request.GET, form.qs, lambda: form)
    page = Paginator(entries, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    for entry in page.object_list:
        # A row-only attribute (the period's name, from the columns read with it).
        entry.period_label = period_label(
            entry.period_type,
            entry.period_year,
            entry.period_number,
        )
    template = "situation/entry_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "form": form.form,
        "sort": form.sort_key,
        "can_create": may_record(request.user),
    }
    return render(request, template, context)


@login_required
@require_GET
def entry_export(request: AuthedRequest) -> HttpResponse:
    """The entries of the list, with its filters, as an XLSX workbook."""
    form = EntryFilterSet(request.GET, _entries(request), user=request.user)
    entries = form.qs.select_related("topic", "area", "body", "period")
    return xlsx_response(
        "tinh-hinh-nhan-dan.xlsx",
        _("Situation entries"),
        spreadsheet.headers(),
        spreadsheet.export_rows(entries),
    )


@login_required
@require_GET
def entry_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = get_visible_or_404(
        Entry.objects.select_related(
            "body__area", "area__parent", "topic", "period", "created_by"
        ),
        request.user,
        pk=pk,
    )
    context = {
        "entry": entry,
        "editable": rules.may_edit(request.user, entry.body),
        "period_spec": periods.period_spec(entry.period),
        "history": history_for(
            entry,
            user=request.user,
            known=[entry.body, entry.area, entry.topic, entry.period],
        ),
    }
    return render(request, "situation/entry_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: AuthedRequest) -> HttpResponse:
    if not may_record(request.user):
        raise PermissionDenied
    initial: dict[str, Any] = {"period": periods.containing(clock.today())}
    form = EntryForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.record_entry(
                actor=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The entry was recorded."))
            return redirect(entry)
    return render(request, "situation/entry_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = _editable_entry(request, pk)
    form = EntryForm(
        request.POST or None, user=request.user, initial=EntryForm.initial_from(entry)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_entry(
                actor=request.user, entry=entry, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect(entry)
    return render(request, "situation/entry_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = _editable_entry(request, pk)
    if request.method == "POST":
        services.delete_entry(actor=request.user, entry=entry)
        messages.success(request, _("The entry was deleted."))
        return redirect("situation:list")
    return render(request, "situation/entry_delete.html", {"entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def entry_import(request: AuthedRequest) -> HttpResponse:
    """Upload a workbook, see its rows checked, then confirm: all or nothing."""
    if not may_record(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and "token" in request.POST:
        try:
            rows = spreadsheet.unsign(request.POST["token"])
            made = spreadsheet.save_rows(rows, request.user)
        except spreadsheet.ImportRefusedError as exc:
            context["problems"] = exc.messages
            form = ImportForm()
            context["form"] = form
        else:
            messages.success(
                request,
                _("%(n)s entries were recorded from the workbook.") % {"n": len(made)},
            )
            return redirect(reverse("situation:list"))
    elif request.method == "POST" and form.is_valid():
        try:
            rows = spreadsheet.read_workbook(form.cleaned_data["file"], request.user)
        except spreadsheet.ImportRefusedError as exc:
            context["problems"] = exc.messages
        else:
            problems = spreadsheet.check_rows(rows, request.user)
            if problems:
                context["problems"] = problems
            else:
                context["rows"] = spreadsheet.preview(rows)
                context["token"] = spreadsheet.sign(rows)
    return render(request, "situation/entry_import.html", context)
