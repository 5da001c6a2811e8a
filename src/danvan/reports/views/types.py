"""Pages of report types and their outlines.

Report types are a catalogue every signed-in officer reads (like the figures'
report forms, ``datasets.views.catalogue``); a type and its outline are
changed by the editors of its owner body (``services.types``). The type's
page builds no form: its small forms (a section added or changed) load in
place with htmx (docs/style.md, "Forms on a detail page").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.common.audit import history_for
from danvan.common.http import AuthedRequest
from danvan.common.paging import Paginator
from danvan.datasets.completeness import named_period
from danvan.datasets.models import Period
from danvan.datasets.views.catalogue import current_key, next_key
from danvan.reports import schedule
from danvan.reports.exceptions import ReportError
from danvan.reports.forms.types import (
    OutlineSectionForm,
    ReportTypeFilterSet,
    ReportTypeForm,
    section_initial,
)
from danvan.reports.kept import FIGURES
from danvan.reports.models import OutlineSection, ReportType, Source
from danvan.reports.services import types as services
from danvan.units.models import Area, Body

PAGE_SIZE = 50
# Writing bodies a type's page names (the count says how many in all).
WRITERS_SHOWN = 10


# --- the list -------------------------------------------------------------------------


def _seen_bodies(user: Any, keys: list[int]) -> set[int]:
    """The bodies of ``keys`` the reader sees: a type is read by everyone, its
    issuer's name only by those who see the issuer."""
    return set(
        Body.objects.visible_to(user).filter(pk__in=keys).values_list("pk", flat=True)
    )


@login_required
@require_GET
def type_list(request: AuthedRequest) -> HttpResponse:
    """The report types: search by name or code, filter by period type."""
    filters = ReportTypeFilterSet(request.GET, ReportType.objects.all())
    rows = filters.qs.select_related("owner_body")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    types = list(page.object_list)
    counts = dict(
        OutlineSection.objects.filter(report_type__in=[t.pk for t in types])
        .values("report_type")
        .annotate(n=Count("pk"))
        .values_list("report_type", "n")
    )
    seen = _seen_bodies(request.user, [t.owner_body_id for t in types])
    for report_type in types:
        report_type.section_count = counts.get(report_type.pk, 0)
        report_type.owner_name = (
            report_type.owner_body.name if report_type.owner_body_id in seen else ""
        )
    page.object_list = types
    template = "reports/type_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "form": filters.form,
        "sort": filters.sort_key,
        "may_create": Body.objects.editable_by(request.user).exists(),
    }
    return render(request, template, context)


# --- a type's page --------------------------------------------------------------------


@dataclass
class PeriodDates:
    """A period of a type with the span its report carries and its deadline."""

    period: Period
    span: tuple[dt.date, dt.date]
    due_on: dt.date


def _dates(report_type: ReportType, key: tuple[str, int, int | None]) -> PeriodDates:
    period = named_period(*key)
    return PeriodDates(
        period=period,
        span=schedule.span(report_type, period),
        due_on=schedule.due_on(report_type, period),
    )


def _type_figures(
    report_type: ReportType, key: tuple[str, int, int | None] | None, user: Any
) -> tuple[bool, PeriodDates | None, PeriodDates | None, int, list[Body]]:
    """What a type's page reads beyond the type: whether the reader sees its
    issuer; the current period (``key``) and the next with their dates; how
    many bodies write the current one, and the first of them the reader sees
    (only those are named)."""
    owner_seen = bool(_seen_bodies(user, [report_type.owner_body_id]))
    if key is None:
        return owner_seen, None, None, 0, []
    current = _dates(report_type, key)
    following = _dates(report_type, next_key(key))
    bodies = schedule.reporters(report_type, current.period)
    shown = list(bodies.visible_to(user).select_related("area")[:WRITERS_SHOWN])
    return owner_seen, current, following, bodies.count(), shown


@dataclass
class OutlineRow:
    """A section of the outline with the labels of what fills it."""

    section: OutlineSection
    fills: list[str]
    kinds: list[str]


def _levels() -> dict[str, str]:
    return {str(value): str(label) for value, label in Area.Level.choices}


@login_required
@require_GET
def type_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A report type: its settings, outline, figures forms, who writes it (for
    the current period) and the span and deadline of this period and the
    next."""
    report_type = get_object_or_404(
        ReportType.objects.select_related("owner_body", "area"), pk=pk
    )
    user = request.user
    outline = list(report_type.outline.order_by("order", "pk"))
    forms = list(report_type.forms.order_by("name", "pk"))
    key = current_key(report_type.period_type, timezone.localdate())
    # Kept (reports.kept): forgotten when a type or its outline changes, or
    # the tree (the reader's scope and the day are in the key).
    owner_seen, current, following, writers_count, writers = FIGURES.kept(
        "type-page",
        user,
        (
            report_type.pk,
            report_type.owner_body_id,
            report_type.area_id,
            report_type.cutoff_day,
            report_type.deadline_days,
            key,
        ),
        lambda: _type_figures(report_type, key, user),
    )
    sources = dict(Source.choices)
    kinds = dict(Body.Kind.choices)
    sections = [
        OutlineRow(
            section=section,
            fills=[str(sources.get(v, v)) for v in section.fills],
            kinds=[str(kinds.get(v, v)) for v in section.body_kinds],
        )
        for section in outline
    ]
    owner = [report_type.owner_body] if owner_seen else []
    context = {
        "report_type": report_type,
        "sections": sections,
        "forms": forms,
        "current": current,
        "following": following,
        "writers_count": writers_count,
        "writers": writers,
        "kinds": [str(kinds[k]) for k in report_type.reporter_kinds if k in kinds],
        "level": _levels().get(report_type.reporter_level, report_type.reporter_level),
        "recipients": [r for r in report_type.recipients.splitlines() if r],
        "can_edit": services.may_edit_type(user, report_type),
        "owner_seen": owner_seen,
        "history": history_for(
            report_type,
            outline,
            user=user,
            known=[report_type, report_type.area, *outline, *forms, *owner],
            unseen=[] if owner else [report_type.owner_body],
        ),
    }
    return render(request, "reports/type_detail.html", context)


# --- creating and changing a type -----------------------------------------------------


def _editable_type(request: AuthedRequest, pk: int) -> ReportType:
    """The type ``pk`` if the reader may change it (403 otherwise: types are
    read by everyone)."""
    report_type = get_object_or_404(
        ReportType.objects.select_related("owner_body", "area"), pk=pk
    )
    if not services.may_edit_type(request.user, report_type):
        raise PermissionDenied(
            _("Only the editors of %(body)s change this report type.")
            % {"body": report_type.owner_body}
        )
    return report_type


def _type_values(data: dict[str, Any]) -> dict[str, Any]:
    fields = (*services.TYPE_FIELDS, "forms")
    return {name: data[name] for name in fields if name in data}


def _message(error: ReportError | PermissionDenied) -> str:
    return getattr(error, "message", None) or str(error)


@login_required
@require_http_methods(["GET", "POST"])
def type_create(request: AuthedRequest) -> HttpResponse:
    if not Body.objects.editable_by(request.user).exists():
        raise PermissionDenied(_("Only editors of a unit issue report types."))
    form = ReportTypeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report_type = services.create_report_type(
                actor=request.user, **_type_values(form.cleaned_data)
            )
        except (ReportError, PermissionDenied) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(
                request, _("Report type created with the standard outline.")
            )
            return redirect(report_type)
    return render(
        request, "reports/type_form.html", {"form": form, "report_type": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def type_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    report_type = _editable_type(request, pk)
    initial = {name: getattr(report_type, name) for name in services.TYPE_FIELDS}
    initial["forms"] = list(report_type.forms.values_list("pk", flat=True))
    form = ReportTypeForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_report_type(
                actor=request.user,
                report_type=report_type,
                **_type_values(form.cleaned_data),
            )
        except (ReportError, PermissionDenied) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Report type saved."))
            return redirect(report_type)
    return render(
        request,
        "reports/type_form.html",
        {"form": form, "report_type": report_type},
    )


# --- the outline ----------------------------------------------------------------------


def _section_form_page(
    request: AuthedRequest,
    report_type: ReportType,
    form: OutlineSectionForm,
    action: str,
    submit: str,
    heading: str = "",
    status: int = 200,
) -> HttpResponse:
    """A section's form: for htmx the form alone, swapped in place of its
    link; otherwise a page of its own (also when a write was refused, with
    what was typed and why)."""
    template = "reports/outline_form.html"
    if request.method == "GET" and request.htmx and not request.htmx.boosted:
        template += "#form"
    context = {
        "report_type": report_type,
        "form": form,
        "action": action,
        "submit": submit,
        "heading": heading or submit,
    }
    return render(request, template, context, status=status)


def _section_write(
    request: AuthedRequest,
    report_type: ReportType,
    form: OutlineSectionForm,
    action: str,
    submit: str,
    write: Any,
    done: str,
    heading: str = "",
) -> HttpResponse:
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ReportError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect(report_type)
    return _section_form_page(request, report_type, form, action, submit, heading)


@login_required
@require_http_methods(["GET", "POST"])
def outline_add(request: AuthedRequest, pk: int) -> HttpResponse:
    report_type = _editable_type(request, pk)
    action = reverse("reports:outline_add", args=[report_type.pk])
    submit = pgettext("outline", "Add the section")
    form = OutlineSectionForm(request.POST or None, auto_id="id_section_%s")
    if request.method == "GET":
        return _section_form_page(request, report_type, form, action, submit)
    return _section_write(
        request,
        report_type,
        form,
        action,
        submit,
        lambda data: services.add_outline_section(
            actor=request.user, report_type=report_type, **data
        ),
        _("Section added at the end of the outline."),
    )


def _section_of(report_type: ReportType, section_pk: int) -> OutlineSection:
    section = get_object_or_404(report_type.outline, pk=section_pk)
    section.report_type = report_type
    return section


@login_required
@require_http_methods(["GET", "POST"])
def outline_edit(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    report_type = _editable_type(request, pk)
    section = _section_of(report_type, section_pk)
    action = reverse("reports:outline_edit", args=[report_type.pk, section.pk])
    submit = _("Save the section")
    heading = _("Edit the section “%(title)s”") % {"title": section.title}
    form = OutlineSectionForm(
        request.POST or None,
        initial=section_initial(section),
        auto_id=f"id_section_{section.pk}_%s",
    )
    if request.method == "GET":
        return _section_form_page(request, report_type, form, action, submit, heading)
    return _section_write(
        request,
        report_type,
        form,
        action,
        submit,
        lambda data: services.update_outline_section(
            actor=request.user, section=section, **data
        ),
        _("Section saved."),
        heading,
    )


@login_required
@require_POST
def outline_remove(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    report_type = _editable_type(request, pk)
    section = _section_of(report_type, section_pk)
    try:
        services.remove_outline_section(actor=request.user, section=section)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Section removed; the reports already opened keep theirs.")
        )
    return redirect(report_type)


@login_required
@require_POST
def outline_move(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    report_type = _editable_type(request, pk)
    section = _section_of(report_type, section_pk)
    up = request.POST.get("step") == "up"
    services.move_outline_section(
        actor=request.user, section=section, step="up" if up else "down"
    )
    return redirect(report_type)
