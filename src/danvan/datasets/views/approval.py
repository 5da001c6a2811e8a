"""Pages of reported figures: a submission and its approval, the lists of
submissions (of the user's units, and waiting for their decision), and the
completeness of a form's period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.roles import Role
from danvan.common.access import get_visible_or_404, may_act_somewhere, scope_for
from danvan.common.audit import history_for
from danvan.common.filters import ListFilterSet
from danvan.common.http import AuthedRequest, redirect_back
from danvan.common.kept import list_params
from danvan.common.paging import Paginator
from danvan.common.rules import is_own_unit, own_units
from danvan.common.text import clean_input, fold, parse_id
from danvan.common.xlsx import xlsx_response
from danvan.datasets import completeness as rates
from danvan.datasets import rules
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.kept import FIGURES
from danvan.datasets.models import (
    BreakdownOption,
    DataValue,
    FormIndicator,
    Period,
    ReportForm,
    Submission,
)
from danvan.datasets.services import approval, values
from danvan.units.models import Area

PAGE_SIZE = 50
# Reporting bodies listed per page of the completeness table (the XLSX has all).
RATE_PAGE_SIZE = 100
Status = Submission.Status


# --- one submission -------------------------------------------------------------


@dataclass
class Cell:
    """A value as the submission page shows it."""

    option: str
    label: str
    shown: str
    comment: str = ""


@dataclass
class Line:
    """An indicator of the form with its values (total and breakdown options)."""

    code: str
    name: str
    unit: str
    required: bool
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


def _sections(
    submission: Submission,
) -> tuple[list[Section], list[Line], dict[str, Any]]:
    """The form's sections with the submission's values, the values of
    indicators no longer on the form, and the totals by code (for the rules).

    Three queries: the form's indicators, the breakdown options, the values.
    """
    items = list(
        FormIndicator.objects.filter(form_id=submission.form_id)
        .select_related("indicator", "section")
        .order_by("section__order", "section_id", "order", "pk")
    )
    breakdowns = {i.indicator.breakdown_id for i in items if i.indicator.breakdown_id}
    options: dict[tuple[int, str], str] = {}
    if breakdowns:
        options = {
            (b, code): name
            for b, code, name in BreakdownOption.objects.filter(
                breakdown_id__in=breakdowns
            ).values_list("breakdown_id", "code", "name")
        }
    saved = list(
        DataValue.objects.filter(submission=submission)
        .select_related("indicator")
        .order_by("indicator__code", "option")
    )
    by_indicator: dict[int, list[DataValue]] = {}
    for value in saved:
        by_indicator.setdefault(value.indicator_id, []).append(value)
    totals = {
        v.indicator.code: v.number
        for v in saved
        if v.option == "" and v.number is not None
    }
    sections: list[Section] = []
    on_form = set()
    for item in items:
        indicator = item.indicator
        on_form.add(indicator.pk)
        title = item.section.title if item.section else ""
        if not sections or sections[-1].title != title:
            sections.append(Section(title))
        line = Line(indicator.code, indicator.name, indicator.unit, item.required)
        for value in by_indicator.get(indicator.pk, []):
            label = (
                options.get((indicator.breakdown_id or 0, value.option), value.option)
                if value.option
                else ""
            )
            shown = values.shown(indicator, value.number, value.text)
            line.cells.append(Cell(value.option, label, shown, value.comment))
        sections[-1].lines.append(line)
    removed = []
    for pk, found in by_indicator.items():
        if pk in on_form:
            continue
        indicator = found[0].indicator
        line = Line(indicator.code, indicator.name, indicator.unit, False)
        for value in found:
            shown = values.shown(indicator, value.number, value.text)
            line.cells.append(Cell(value.option, value.option, shown, value.comment))
        removed.append(line)
    return sections, removed, totals


def _submission(request: AuthedRequest, pk: int) -> Submission:
    return get_visible_or_404(
        Submission.objects.select_related(
            "form__owner_body__area",
            "period",
            "body__area",
            "submitted_by",
            "decided_by",
        ),
        request.user,
        pk=pk,
    )


@login_required
@require_GET
def submission_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A body's figures for a form's period: status, values, rules, history."""
    submission = _submission(request, pk)
    user = request.user
    sections, removed, totals = _sections(submission)
    failures = rules.evaluate(submission.form, totals) if totals else []
    # The level above may write the unit's figures too, but entering and
    # sending them is the unit's own work: its page offers them to the unit.
    may_submit = (
        submission.status in (Status.DRAFT, Status.RETURNED)
        and is_own_unit(user, submission)
        and approval.may_submit(user, submission)
    )
    may_decide = submission.status in (
        Status.SUBMITTED,
        Status.ACCEPTED,
    ) and approval.may_decide(user, submission)
    context = {
        "submission": submission,
        "sections": sections,
        "removed": removed,
        "failures": failures,
        "late": submission.late
        or (
            submission.submitted_at is None and timezone.localdate() > submission.due_on
        ),
        "may_submit": may_submit,
        "may_enter": may_submit,
        "may_decide": may_decide,
        "history": history_for(
            submission,
            user=user,
            known=[submission.body, submission.form, submission.period],
        ),
    }
    return render(request, "datasets/approval/submission_detail.html", context)


def _step(request: AuthedRequest, pk: int, *, decide: bool) -> Submission:
    """The submission, if the user may take the step (403 otherwise)."""
    submission = _submission(request, pk)
    allowed = (
        approval.may_decide(request.user, submission)
        if decide
        else approval.may_submit(request.user, submission)
    )
    if not allowed:
        raise PermissionDenied
    return submission


@login_required
@require_POST
def submission_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send the figures to the level above (refused while a rule blocks)."""
    submission = _step(request, pk, decide=False)
    try:
        warnings = approval.submit(actor=request.user, submission=submission)
    except approval.IncompleteError as exc:
        messages.error(request, _("The report cannot be submitted yet:"))
        for problem in exc.problems:
            messages.error(request, problem)
    except DatasetError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The figures were submitted to the level above."))
        for warning in warnings:
            messages.warning(request, warning.message)
    return redirect_back(request, submission.get_absolute_url())


def _note(request: AuthedRequest) -> str:
    return clean_input(request.POST.get("note", ""), multiline=True)


@login_required
@require_POST
def submission_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    """Accept submitted figures: they are locked."""
    submission = _step(request, pk, decide=True)
    try:
        approval.accept(actor=request.user, submission=submission, note=_note(request))
    except DatasetError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The figures were accepted and are locked."))
    return redirect_back(request, submission.get_absolute_url())


@login_required
@require_POST
def submission_return(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return submitted figures to the unit with a note."""
    submission = _step(request, pk, decide=True)
    try:
        approval.return_(actor=request.user, submission=submission, note=_note(request))
    except DatasetError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The figures were returned to the unit."))
    return redirect_back(request, submission.get_absolute_url())


@login_required
@require_POST
def submission_unlock(request: AuthedRequest, pk: int) -> HttpResponse:
    """Unlock accepted figures, saying why."""
    submission = _step(request, pk, decide=True)
    try:
        approval.unlock(
            actor=request.user, submission=submission, reason=_note(request)
        )
    except DatasetError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The figures were unlocked for correction."))
    return redirect_back(request, submission.get_absolute_url())


# --- lists ----------------------------------------------------------------------

LATE = "late"


class SubmissionFilterSet(ListFilterSet):
    """Form, period and status (``late``: submitted after the deadline, or
    not submitted with the deadline passed); newest period first."""

    class Meta(ListFilterSet.Meta):
        model = Submission

    SORTS = {
        "period": ("-period__start", "area_path", "pk"),
        "due": ("due_on", "area_path", "pk"),
        "unit": ("area_path", "body_path", "pk"),
    }
    DEFAULT_SORT = "period"

    form = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Form"),
        queryset=ReportForm.objects.none(),
        empty_label=gettext_lazy("All forms"),
    )
    period = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Period"),
        queryset=Period.objects.none(),
        empty_label=gettext_lazy("All periods"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        method="filter_status",
        empty_label=gettext_lazy("All"),
        choices=[*Status.choices, (LATE, gettext_lazy("late"))],
    )

    def __init__(self, data: Any = None, queryset: Any = None) -> None:
        super().__init__(data, queryset)
        # The catalogue, read by every officer and small (a form per
        # province, a row per period): offered whole, not searched for among
        # the submissions.
        fields = self.form.fields
        fields["form"].queryset = ReportForm.objects.only("pk", "name").order_by(
            "name", "pk"
        )
        fields["period"].queryset = Period.objects.exclude(type="custom").order_by(
            "-start", "end"
        )

    def filter_search(self, queryset: Any, name: str, value: str) -> Any:
        key = fold(value)
        return queryset.filter(body__search_name__contains=key) if key else queryset

    def filter_status(self, queryset: Any, name: str, value: str) -> Any:
        if value == LATE:
            return queryset.filter(late_q(timezone.localdate()))
        return queryset.filter(status=value)


def late_q(today: dt.date) -> Q:
    """Late submissions: submitted after the deadline, or still not submitted
    with the deadline passed."""
    return Q(submitted_at__isnull=False, submitted_at__date__gt=F("due_on")) | Q(
        submitted_at__isnull=True, due_on__lt=today
    )


TABS = ("decide", "mine")


def _tab(request: AuthedRequest) -> str:
    tab = request.GET.get("tab", "")
    if tab in TABS:
        return tab
    return "decide" if may_act_somewhere(request.user, Role.APPROVER) else "mine"


def tab_rows(user: Any, tab: str) -> Any:
    """The submissions of a tab: waiting for the user's decision, or those of
    the user's units (where they enter figures, not those they judge)."""
    visible = Submission.objects.visible_to(user)
    if tab == "decide":
        return visible.filter(approval.waiting_for(user))
    return Submission.objects.editable_by(user).exclude(approval.deciding_q(user))


def _roles_key(user: Any) -> tuple[Any, ...]:
    """What besides the reader's scope the tabs depend on (kept counts)."""
    approver = scope_for(user, Role.APPROVER)
    editor = scope_for(user, Role.EDITOR)
    own = own_units(user)
    return (
        approver.area_paths,
        approver.body_paths,
        editor.area_paths,
        editor.body_paths,
        tuple(sorted(own.area_ids)),
        tuple(sorted(own.body_ids)),
    )


@login_required
@require_GET
def submission_list(request: AuthedRequest) -> HttpResponse:
    """Figures of the user's units (due, returned, late) and those waiting
    for their decision, in two tabs."""
    user = request.user
    tab = _tab(request)
    filters = SubmissionFilterSet(request.GET, tab_rows(user, tab))
    rows = filters.qs.select_related("form", "period", "body", "area").only(
        "status",
        "due_on",
        "submitted_at",
        "decided_at",
        "note",
        "form__name",
        "period__type",
        "period__year",
        "period__number",
        "period__start",
        "period__end",
        "body__name",
        "area__full_name",
    )
    paginator = Paginator(
        rows,
        PAGE_SIZE,
        count=lambda: FIGURES.kept(
            f"submissions-{tab}",
            user,
            (*list_params(request.GET), _roles_key(user)),
            lambda: filters.qs.count(),
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    for row in page.object_list:
        row.overdue = row.submitted_at is None and today > row.due_on
    context = {
        "tab": tab,
        "page": page,
        "form": filters.form,
        "sort": filters.sort_key,
        "due": (
            FIGURES.kept("due", user, _roles_key(user), lambda: rates.due_for(user))
            if tab == "mine"
            else []
        ),
    }
    template = "datasets/approval/submission_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(request, template, context)


# --- completeness ---------------------------------------------------------------


def _period_of(request: AuthedRequest, form: ReportForm) -> tuple[Period, list[Any]]:
    """The period asked (``?period=quarter:2026:1`` or a period's key), else
    the latest whose deadline has passed; with the choices offered."""
    choices = rates.recent_periods(form.period_type)
    asked = request.GET.get("period", "")
    named = rates.parse_period(asked)
    if named is None and (key := parse_id(asked)) is not None:
        found = Period.objects.filter(pk=key, type=form.period_type).first()
        if found is not None:
            return found, choices
    if named is not None and named[0] == form.period_type:
        return rates.named_period(*named), choices
    due = set(rates.due_periods(form))
    past = [c for c in choices if c not in due]
    default = past[0] if past else (choices[0] if choices else None)
    if default is None:
        raise Http404
    return rates.named_period(*default), choices


def _area_of(request: AuthedRequest) -> Area | None:
    """The area asked (``?area=``), if the user sees it; otherwise none."""
    key = parse_id(request.GET.get("area"))
    if key is None:
        return None
    return Area.objects.visible_to(request.user).filter(pk=key).first()


@login_required
@require_GET
def completeness_page(request: AuthedRequest, pk: int) -> HttpResponse:
    """Which reporting bodies under an area submitted a form's period: on
    time, late, returned, being entered, not at all; by sub-area.

    The page below the menu is kept (``datasets.kept``: forgotten when a
    submission, a form or a period changes, or the tree): it depends on
    nothing but the form, the query string, the reader's scope and the day."""
    form = get_object_or_404(
        ReportForm.objects.select_related("area", "owner_body"), pk=pk
    )
    if request.GET.get("format") == "xlsx":
        period, _choices = _period_of(request, form)
        parent = _area_of(request)
        rows = rates.completeness(form, period, parent, request.user)
        return _completeness_xlsx(form, period, parent, rows)
    query = tuple(sorted((name, tuple(v)) for name, v in request.GET.lists()))
    content, totals = FIGURES.kept(
        "completeness",
        request.user,
        (form.pk, query),
        lambda: _completeness_content(request, form),
    )
    context = {"form": form, "content": content, "totals": totals}
    return render(request, "datasets/approval/completeness.html", context)


def _completeness_content(
    request: AuthedRequest, form: ReportForm
) -> tuple[str, rates.Totals]:
    """The completeness page below its title, and its totals."""
    period, choices = _period_of(request, form)
    parent = _area_of(request)
    rows = rates.completeness(form, period, parent, request.user)
    status = request.GET.get("status", "")
    listed = (
        [r for r in rows if r.status == status] if status in rates.STATUSES else rows
    )
    page = Paginator(listed, RATE_PAGE_SIZE).get_page(request.GET.get("page"))
    root = parent or form.area
    groups = rates.groups(rows) if rows else []
    offered = [
        (rates.period_spec(Period(type=t, year=y, number=n)), _label(t, y, n))
        for t, y, n in choices
    ]
    spec = rates.period_spec(period)
    if spec not in {value for value, _l in offered}:
        offered.append((spec, str(period)))
    totals = rates.totals(rows)
    context = {
        "form": form,
        "period": period,
        "spec": spec,
        "choices": offered,
        "parent": parent,
        "root": root,
        "up": _up(request, root, form),
        "totals": totals,
        # Sub-areas worth a table: some hold more than one reporting body.
        "groups": groups if any(g.totals.total > 1 for g in groups) else [],
        "page": page,
        "status": status if status in rates.STATUSES else "",
        "statuses": [(s, rates.STATUS_LABELS[s]) for s in rates.STATUSES],
        "due_on": _due(form, period),
    }
    content = render_to_string("datasets/approval/_completeness.html", context, request)
    return mark_safe(content), totals


def _label(period_type: str, year: int, number: int | None) -> str:
    from danvan.meetings import periods

    return periods.period_label(period_type, year, number)


def _due(form: ReportForm, period: Period) -> dt.date:
    from danvan.datasets import periods as cutoffs

    return cutoffs.due_on(form, period)


def _up(request: AuthedRequest, root: Area, form: ReportForm) -> Area | None:
    """The area above the one shown, while it lies within the form's area."""
    if root.pk == form.area_id or root.parent_id is None:
        return None
    parent = Area.objects.filter(pk=root.parent_id).first()
    if parent is None or not parent.path.startswith(form.area.path):
        return None
    return parent if parent.pk != form.area_id else form.area


def completeness_rows(rows: list[rates.Row]) -> list[list[Any]]:
    """The completeness table as the XLSX writes it (and the command)."""
    return [
        [
            i,
            row.area_name,
            row.body_name,
            str(row.label),
            str(row.submission_label),
            row.submitted_at.astimezone(timezone.get_current_timezone())
            if row.submitted_at
            else None,
            row.due_on,
        ]
        for i, row in enumerate(rows, start=1)
    ]


COMPLETENESS_HEADERS = [
    gettext_lazy("No."),
    gettext_lazy("Area"),
    gettext_lazy("Reporting body"),
    gettext_lazy("Completeness"),
    gettext_lazy("Status"),
    gettext_lazy("Submitted at"),
    gettext_lazy("Deadline"),
]


def _completeness_xlsx(
    form: ReportForm, period: Period, parent: Area | None, rows: list[rates.Row]
) -> HttpResponse:
    spec = rates.period_spec(period).replace(":", "-")
    return xlsx_response(
        f"{form.code}-{spec}.xlsx",
        # A sheet's title may not hold "/" ("quý III/2025").
        str(period).replace("/", "-"),
        COMPLETENESS_HEADERS,
        completeness_rows(rows),
    )


urlpatterns: list[URLPattern] = [
    path("submissions/", submission_list, name="submission_list"),
    path("submissions/<int:pk>/", submission_detail, name="submission"),
    path("submissions/<int:pk>/submit/", submission_submit, name="submission_submit"),
    path("submissions/<int:pk>/accept/", submission_accept, name="submission_accept"),
    path("submissions/<int:pk>/return/", submission_return, name="submission_return"),
    path("submissions/<int:pk>/unlock/", submission_unlock, name="submission_unlock"),
    path("forms/<int:pk>/completeness/", completeness_page, name="completeness"),
]
