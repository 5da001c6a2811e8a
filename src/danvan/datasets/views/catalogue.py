"""Pages of reported figures: the hub ("Số liệu"), the indicators and the
report forms with their sections, indicators and rules.

The catalogue (indicators, forms) is read by every signed-in officer;
indicators are changed by administrators, a form by the editors of its owner
body (``services.catalogue``). A form's page builds no form: its small forms
load in place with htmx (docs/style.md, "Forms on a detail page").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.common.audit import history_for
from danvan.common.compiled import KeyedQuery
from danvan.common.http import AuthedRequest
from danvan.common.paging import Paginator
from danvan.common.text import fold
from danvan.datasets import periods as cutoffs
from danvan.datasets import reporters
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.forms.catalogue import (
    IndicatorFilterSet,
    IndicatorForm,
    ItemForm,
    ReportFormFilterSet,
    ReportFormForm,
    RuleForm,
    SectionForm,
)
from danvan.datasets.kept import FIGURES
from danvan.datasets.models import (
    FormIndicator,
    FormSection,
    Indicator,
    Period,
    ReportForm,
    ValidationRule,
)
from danvan.datasets.services import catalogue as services
from danvan.meetings import periods
from danvan.units.models import Body

PAGE_SIZE = 50
# Reporting bodies a form's page names (the count says how many in all).
REPORTERS_SHOWN = 10
# Bodies of the reader's own a hub's form names with a link to enter figures.
OWN_SHOWN = 5
# Bodies of the reader's read for the hub at most (a province reaches many).
OWN_READ = 300


# --- periods of the hub and the form's page ------------------------------------------


def current_key(period_type: str, today: dt.date) -> tuple[str, int, int | None] | None:
    """The type, year and number of the period of ``period_type`` that holds
    ``today`` (the cumulative ones: this year's); None for ad hoc spans."""
    if period_type == periods.MONTH:
        return period_type, today.year, today.month
    if period_type == periods.QUARTER:
        return period_type, today.year, (today.month - 1) // 3 + 1
    if period_type == periods.CUSTOM:
        return None
    return period_type, today.year, None


def next_key(key: tuple[str, int, int | None]) -> tuple[str, int, int | None]:
    period_type, year, number = key
    next_year, next_number = periods.next_period(period_type, year, number)
    return period_type, next_year or year + 1, next_number


@dataclass
class PeriodDates:
    """A period of a form with its cut-off span and deadline."""

    period: Period
    cutoff: tuple[dt.date, dt.date]
    due_on: dt.date


def _dates(form: ReportForm, key: tuple[str, int, int | None]) -> PeriodDates:
    period = Period.objects.of(*key)
    return PeriodDates(
        period=period,
        cutoff=cutoffs.form_cutoff(form, period),
        due_on=cutoffs.due_on(form, period),
    )


# --- the hub ------------------------------------------------------------------------


@dataclass
class HubRow:
    form: ReportForm
    period: Period | None
    bodies: list[Body] = field(default_factory=list)
    more: bool = False
    owned: bool = False


def _reports(form: ReportForm, body: Body) -> bool:
    """Does ``body`` (in force today) report ``form`` now? Read in Python
    from the current tree: the hub's shortcut, not ``reporters.reports``."""
    return (
        body.kind in form.reporter_kinds
        and body.area.level == form.reporter_level
        and body.area.path.startswith(form.area.path)
        and fold(form.reporter_name) in body.search_name
    )


@login_required
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    """ "Số liệu": the forms the reader's units report or issue, with links to
    enter the current period, to its completeness and to the sums."""
    user = request.user
    today = timezone.localdate()
    forms = list(
        ReportForm.objects.filter(active=True)
        .select_related("area", "owner_body")
        .order_by("name", "pk")
    )
    owned = set(ReportForm.objects.editable_by(user).values_list("pk", flat=True))
    kinds = {kind for form in forms for kind in form.reporter_kinds}
    levels = {form.reporter_level for form in forms}
    own_bodies: list[Body] = []
    if forms:
        own_bodies = list(
            Body.objects.editable_by(user)
            .in_force(today)
            .filter(kind__in=kinds, area__level__in=levels)
            .select_related("area")
            .order_by("path")[:OWN_READ]
        )
    periods_of: dict[tuple[str, int, int | None], Period] = {}
    rows = []
    for form in forms:
        bodies = [body for body in own_bodies if _reports(form, body)]
        if not bodies and form.pk not in owned:
            continue
        key = current_key(form.period_type, today)
        period = None
        if key is not None:
            if key not in periods_of:
                periods_of[key] = Period.objects.of(*key)
            period = periods_of[key]
        rows.append(
            HubRow(
                form=form,
                period=period,
                bodies=bodies[:OWN_SHOWN],
                more=len(bodies) > OWN_SHOWN,
                owned=form.pk in owned,
            )
        )
    context = {
        "rows": rows,
        "reported": [row for row in rows if row.bodies],
        "issued": [row for row in rows if row.owned],
        "may_create_form": Body.objects.editable_by(user).exists(),
        "may_change_indicators": services.may_change_indicators(user),
    }
    return render(request, "datasets/catalogue/index.html", context)


# --- indicators ---------------------------------------------------------------------

INDICATOR_COLUMNS = (
    "code",
    "name",
    "value_type",
    "unit",
    "aggregation",
    "active",
    "breakdown_id",
)


@login_required
@require_GET
def indicator_list(request: AuthedRequest) -> HttpResponse:
    """The indicators: search by name or code, filter by value type."""
    filters = IndicatorFilterSet(request.GET, Indicator.objects.all())
    rows = filters.qs.only(*INDICATOR_COLUMNS).select_related("breakdown")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "datasets/catalogue/indicator_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "form": filters.form,
        "sort": filters.sort_key,
        "may_change": services.may_change_indicators(request.user),
    }
    return render(request, template, context)


@login_required
@require_GET
def indicator_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("breakdown"), pk=pk)
    options = list(indicator.breakdown.options.all()) if indicator.breakdown else []
    items = list(
        indicator.form_items.select_related("form")
        .filter(form__active=True)
        .order_by("form__name")
    )
    context = {
        "indicator": indicator,
        "options": options,
        "forms": [item.form for item in items],
        "may_change": services.may_change_indicators(request.user),
        "history": history_for(indicator, user=request.user),
    }
    return render(request, "datasets/catalogue/indicator_detail.html", context)


def _require_indicators(request: AuthedRequest) -> None:
    if not services.may_change_indicators(request.user):
        raise PermissionDenied(_("Only administrators change the indicators."))


def _error_text(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: AuthedRequest) -> HttpResponse:
    _require_indicators(request)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.create_indicator(
                actor=request.user, **form.cleaned_data
            )
        except DatasetError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Indicator created."))
            return redirect(indicator)
    return render(
        request,
        "datasets/catalogue/indicator_form.html",
        {"form": form, "indicator": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    _require_indicators(request)
    initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_indicator(
                actor=request.user, indicator=indicator, **form.cleaned_data
            )
        except DatasetError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect(indicator)
    return render(
        request,
        "datasets/catalogue/indicator_form.html",
        {"form": form, "indicator": indicator},
    )


# --- forms --------------------------------------------------------------------------


@login_required
@require_GET
def form_list(request: AuthedRequest) -> HttpResponse:
    """The report forms: search by name or code, filter by period type."""
    filters = ReportFormFilterSet(request.GET, ReportForm.objects.all())
    rows = filters.qs.select_related("owner_body", "area")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    forms = list(page.object_list)
    counts = dict(
        FormIndicator.objects.filter(form__in=[f.pk for f in forms])
        .values("form")
        .annotate(n=Count("pk"))
        .values_list("form", "n")
    )
    seen = _seen_bodies(request.user, [f.owner_body_id for f in forms])
    for report_form in forms:
        report_form.item_count = counts.get(report_form.pk, 0)
        report_form.owner_name = (
            report_form.owner_body.name if report_form.owner_body_id in seen else ""
        )
    page.object_list = forms
    template = "datasets/catalogue/form_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "form": filters.form,
        "sort": filters.sort_key,
        "may_create": Body.objects.editable_by(request.user).exists(),
    }
    return render(request, template, context)


def _seen_bodies(user: Any, keys: list[int]) -> set[int]:
    """The bodies of ``keys`` the reader sees: a form is read by everyone, its
    issuer's name only by those who see the issuer."""
    return set(
        Body.objects.visible_to(user).filter(pk__in=keys).values_list("pk", flat=True)
    )


def _form_figures(
    form: ReportForm, key: tuple[str, int, int | None] | None, user: Any
) -> tuple[bool, PeriodDates | None, PeriodDates | None, int, list[Body]]:
    """What a form's page reads beyond the form: whether the reader sees its
    issuer; the current period (``key``) and the next with their dates; how
    many bodies report the current one, and the first of them the reader sees
    (only those are named)."""
    owner_seen = bool(_seen_bodies(user, [form.owner_body_id]))
    if key is None:
        return owner_seen, None, None, 0, []
    current = _dates(form, key)
    following = _dates(form, next_key(key))
    bodies = reporters.reporters(form, current.period)
    shown = list(bodies.visible_to(user).select_related("area")[:REPORTERS_SHOWN])
    return owner_seen, current, following, bodies.count(), shown


def _form_rows() -> QuerySet[ReportForm]:
    return ReportForm.objects.select_related("owner_body", "area")


# A form's page reads its rows by the form's key (SQL built once).
_FORM = KeyedQuery(
    lambda pk: ReportForm.objects.filter(pk=pk).select_related("owner_body", "area")
)
_ITEMS = KeyedQuery(
    lambda pk: (
        FormIndicator.objects.filter(form_id=pk)
        .select_related("indicator")
        .order_by("order", "pk")
    )
)
_SECTIONS = KeyedQuery(
    lambda pk: FormSection.objects.filter(form_id=pk).order_by("order", "pk")
)
_RULES = KeyedQuery(lambda pk: ValidationRule.objects.filter(form_id=pk).order_by("pk"))


@login_required
@require_GET
def form_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A form: its settings, sections and indicators, rules, who reports it
    (for the current period) and the cut-off and deadline of this period and
    the next."""
    form = next(iter(_FORM(pk)), None)
    if form is None:
        raise Http404
    user = request.user
    items = _ITEMS(form.pk)
    sections = []
    loose = [item for item in items if item.section_id is None]
    section_rows = _SECTIONS(form.pk)
    rules = _RULES(form.pk)
    for section in section_rows:
        sections.append(
            (section, [item for item in items if item.section_id == section.pk])
        )
    key = current_key(form.period_type, timezone.localdate())
    # Kept (datasets.kept): forgotten when a form or a period changes, or the
    # tree (the reader's scope and the day are in the key).
    owner_seen, current, following, reporting_count, reporting = FIGURES.kept(
        "form-page",
        user,
        (form.pk, form.owner_body_id, key),
        lambda: _form_figures(form, key, user),
    )
    owner = [form.owner_body] if owner_seen else []
    context = {
        "report_form": form,
        "sections": sections,
        "loose": loose,
        "rules": rules,
        "current": current,
        "following": following,
        "reporting_count": reporting_count,
        "reporting": reporting,
        "kinds": [
            label for value, label in Body.Kind.choices if value in form.reporter_kinds
        ],
        "level": dict(_levels()).get(form.reporter_level, form.reporter_level),
        "can_edit": services.may_edit_form(user, form),
        "owner_seen": owner_seen,
        # The pivot of the form's numeric indicators (datasets:pivot).
        "sums_query": urlencode(
            [
                ("period_type", form.period_type),
                *(
                    ("indicators", item.indicator.code)
                    for item in items
                    if item.indicator.is_numeric
                ),
            ]
        ),
        "history": history_for(
            form,
            items,
            section_rows,
            rules,
            user=user,
            known=[
                form,
                form.area,
                *items,
                *{item.indicator for item in items},
                *section_rows,
                *rules,
                *owner,
            ],
            unseen=[] if owner else [form.owner_body],
        ),
    }
    return render(request, "datasets/catalogue/form_detail.html", context)


def _levels() -> list[tuple[str, str]]:
    from danvan.units.models import Area

    return [(str(value), str(label)) for value, label in Area.Level.choices]


def _editable_form(request: AuthedRequest, pk: int) -> ReportForm:
    """The form ``pk`` if the reader may change it (403 otherwise: forms are
    read by everyone)."""
    form = get_object_or_404(_form_rows(), pk=pk)
    if not services.may_edit_form(request.user, form):
        raise PermissionDenied(
            _("Only the editors of %(body)s change this form.")
            % {"body": form.owner_body}
        )
    return form


def _form_values(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in services.FORM_FIELDS if name in data}


@login_required
@require_http_methods(["GET", "POST"])
def form_create(request: AuthedRequest) -> HttpResponse:
    if not Body.objects.editable_by(request.user).exists():
        raise PermissionDenied(_("Only editors of a unit issue forms."))
    form = ReportFormForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report_form = services.create_form(
                actor=request.user, **_form_values(form.cleaned_data)
            )
        except (DatasetError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "message", str(error)))
        else:
            messages.success(request, _("Form created: add its indicators."))
            return redirect(report_form)
    return render(
        request,
        "datasets/catalogue/form_form.html",
        {"form": form, "report_form": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    initial = {name: getattr(report_form, name) for name in services.FORM_FIELDS}
    form = ReportFormForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_form(
                actor=request.user,
                form=report_form,
                **_form_values(form.cleaned_data),
            )
        except (DatasetError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "message", str(error)))
        else:
            messages.success(request, _("Form saved."))
            return redirect(report_form)
    return render(
        request,
        "datasets/catalogue/form_form.html",
        {"form": form, "report_form": report_form},
    )


# --- the form's small forms (sections, indicators, rules) -----------------------------


def _action_form(
    request: AuthedRequest, report_form: ReportForm, form: Any, name: str, submit: str
) -> HttpResponse:
    """A small form of a form's page: for htmx the form alone, swapped in place
    of its link (docs/style.md, "Forms on a detail page")."""
    template = "datasets/catalogue/form_action.html"
    if request.htmx and not request.htmx.boosted:
        template += "#form"
    context = {
        "report_form": report_form,
        "form": form,
        "action": reverse(name, args=[report_form.pk]),
        "submit": submit,
    }
    return render(request, template, context)


def _write(request: AuthedRequest, form: Any, done: str, write: Any) -> None:
    if not form.is_valid():
        messages.error(request, _error_text(form))
        return
    try:
        write(form.cleaned_data)
    except DatasetError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request: AuthedRequest, pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    if request.method == "GET":
        form = SectionForm(auto_id="id_section_%s")
        return _action_form(
            request, report_form, form, "datasets:section_add", _("Add the section")
        )
    _write(
        request,
        SectionForm(request.POST),
        _("Section added."),
        lambda data: services.add_section(
            actor=request.user, form=report_form, title=data["title"]
        ),
    )
    return redirect(report_form)


@login_required
@require_POST
def section_remove(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    section = get_object_or_404(report_form.sections, pk=section_pk)
    services.remove_section(actor=request.user, section=section)
    messages.success(request, _("Section removed; its indicators stay on the form."))
    return redirect(report_form)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    if request.method == "GET":
        form = ItemForm(auto_id="id_item_%s", form=report_form)
        return _action_form(
            request, report_form, form, "datasets:item_add", _("Add the indicator")
        )
    _write(
        request,
        ItemForm(request.POST, form=report_form),
        _("Indicator added to the form."),
        lambda data: services.add_indicator_to_form(
            actor=request.user,
            form=report_form,
            indicator=data["indicator"],
            section=data["section"],
            required=data["required"],
        ),
    )
    return redirect(report_form)


@login_required
@require_POST
def item_remove(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    item = get_object_or_404(
        report_form.items.select_related("indicator", "form"), pk=item_pk
    )
    try:
        services.remove_indicator_from_form(actor=request.user, item=item)
    except DatasetError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Indicator taken off the form."))
    return redirect(report_form)


@login_required
@require_POST
def item_move(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    item = get_object_or_404(report_form.items.select_related("form"), pk=item_pk)
    step = -1 if request.POST.get("step") == "up" else 1
    services.move_item(actor=request.user, item=item, step=step)
    return redirect(report_form)


@login_required
@require_POST
def item_required(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    item = get_object_or_404(report_form.items.select_related("form"), pk=item_pk)
    required = request.POST.get("required") == "1"
    services.set_required(actor=request.user, item=item, required=required)
    return redirect(report_form)


@login_required
@require_http_methods(["GET", "POST"])
def rule_add(request: AuthedRequest, pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    if request.method == "GET":
        form = RuleForm(auto_id="id_rule_%s")
        return _action_form(
            request, report_form, form, "datasets:rule_add", _("Add the rule")
        )
    _write(
        request,
        RuleForm(request.POST),
        _("Rule added."),
        lambda data: services.add_rule(actor=request.user, form=report_form, **data),
    )
    return redirect(report_form)


@login_required
@require_POST
def rule_remove(request: AuthedRequest, pk: int, rule_pk: int) -> HttpResponse:
    report_form = _editable_form(request, pk)
    rule = get_object_or_404(report_form.rules.select_related("form"), pk=rule_pk)
    services.remove_rule(actor=request.user, rule=rule)
    messages.success(request, _("Rule removed."))
    return redirect(report_form)


urlpatterns: list[URLPattern] = [
    path("", index, name="index"),
    path("indicators/", indicator_list, name="indicator_list"),
    path("indicators/new/", indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", indicator_edit, name="indicator_edit"),
    path("forms/", form_list, name="form_list"),
    path("forms/new/", form_create, name="form_create"),
    path("forms/<int:pk>/", form_detail, name="form_detail"),
    path("forms/<int:pk>/edit/", form_edit, name="form_edit"),
    path("forms/<int:pk>/sections/", section_add, name="section_add"),
    path(
        "forms/<int:pk>/sections/<int:section_pk>/remove/",
        section_remove,
        name="section_remove",
    ),
    path("forms/<int:pk>/items/", item_add, name="item_add"),
    path("forms/<int:pk>/items/<int:item_pk>/remove/", item_remove, name="item_remove"),
    path("forms/<int:pk>/items/<int:item_pk>/move/", item_move, name="item_move"),
    path(
        "forms/<int:pk>/items/<int:item_pk>/required/",
        item_required,
        name="item_required",
    ),
    path("forms/<int:pk>/rules/", rule_add, name="rule_add"),
    path("forms/<int:pk>/rules/<int:rule_pk>/remove/", rule_remove, name="rule_remove"),
]
