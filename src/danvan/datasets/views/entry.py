"""Pages of reported figures: entry of one body's form for one period.

One page per reporting body × form × period: the form's sections and
indicators, a cell per value (and per breakdown option), each saved as it is
typed (htmx posts the cell to ``entry_cell``; ``datasets/entry.js`` keeps the
cells not yet sent in the browser and sends them again once back online).
Without JavaScript the page is one form whose POST saves every cell at once.
The same cells go out as an XLSX template (``entry_xlsx``) and come back
through ``entry_import``: upload, preview, confirm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.common.access import get_visible_or_404
from danvan.common.files import upload_limit
from danvan.common.jinja import render_rows
from danvan.common.rules import may_edit
from danvan.common.xlsx import XLSX
from danvan.datasets import periods as cutoffs
from danvan.datasets import spreadsheet
from danvan.datasets.aggregate import sums
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.forms.entry import ImportForm
from danvan.datasets.models import (
    DataValue,
    FormIndicator,
    Period,
    ReportForm,
    Submission,
    ValueType,
)
from danvan.datasets.services import values as service
from danvan.datasets.services.submissions import open_submission
from danvan.units.models import Body

if TYPE_CHECKING:
    from danvan.common.http import AuthedRequest

# The name of a cell's input: "v.<indicator code>.<option code>" (codes are
# slugs, which hold no dot; the total's option is empty).
PREFIX = "v."


def cell_name(code: str, option: str) -> str:
    return f"{PREFIX}{code}.{option}"


def typed_cells(data: Any) -> list[tuple[str, str, str]]:
    """The (code, option, text) of every cell input in ``data`` (a QueryDict)."""
    found = []
    for key in data:
        if key.startswith(PREFIX) and key.count(".") == 2:
            _prefix, code, option = key.split(".")
            found.append((code, option, data.get(key, "")))
    return found


@dataclass
class Cell:
    """One input of the page: a value, or one breakdown option of it."""

    code: str
    option: str
    label: str  # the option's name; "" for the total
    value: str  # as typed, or as stored
    previous: str = ""
    error: str = ""
    saved: bool = False
    # Counted from an app's register (``datasets.providers``), never typed.
    provided: bool = False

    @property
    def name(self) -> str:
        return cell_name(self.code, self.option)


@dataclass
class Line:
    """One indicator of the form with its cells."""

    item: FormIndicator
    cells: list[Cell]

    @property
    def indicator(self) -> Any:
        return self.item.indicator

    @property
    def numeric(self) -> bool:
        return bool(self.item.indicator.value_type != ValueType.TEXT)

    @property
    def boolean(self) -> bool:
        return bool(self.item.indicator.value_type == ValueType.BOOLEAN)


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


def _previous_values(
    request: AuthedRequest, form: ReportForm, period: Period, body: Body
) -> dict[tuple[int, str], DataValue]:
    """The body's values of the period before, by (indicator id, option): one query."""
    kind, year, number = cutoffs.previous(period)
    rows = DataValue.objects.visible_to(request.user).filter(
        submission__form=form,
        submission__body=body,
        submission__period__type=kind,
        submission__period__year=year,
        submission__period__number=number,
    )
    return {(v.indicator_id, v.option): v for v in rows}


def provided_values(
    user: Any, items: dict[str, FormIndicator], period: Period, body: Body
) -> dict[str, str]:
    """The values of the form's provided indicators for the body and the
    period, counted from the registers the user sees (``datasets.aggregate``:
    one grouped query per register), by code, as the page shows them: the
    body's area when its remit is its area (a Party committee, a People's
    Committee), else the body and the bodies below it."""
    indicators = [i.indicator for i in items.values() if i.indicator.provider]
    if not indicators:
        return {}
    area_wide = body.area_wide
    found = sums(
        user=user,
        indicators=indicators,
        area=body.area if area_wide else None,
        body=None if area_wide else body,
        start=period.start,
        end=period.end,
        period_type=period.type,
    )
    return {i.code: service.shown(i, found.total(i) or Decimal(0)) for i in indicators}


def build_sections(
    items: dict[str, FormIndicator],
    stored: dict[tuple[str, str], DataValue],
    previous: dict[tuple[int, str], DataValue],
    typed: dict[tuple[str, str], str] | None = None,
    errors: dict[tuple[str, str], str] | None = None,
    provided: dict[str, str] | None = None,
) -> list[Section]:
    """The page's sections, lines and cells, in the form's order; a provided
    indicator's cell holds the register's figure (``provided``)."""
    typed = typed or {}
    errors = errors or {}
    provided = provided or {}
    sections: list[Section] = []
    for code, item in items.items():
        title = item.section.title if item.section is not None else ""
        if not sections or sections[-1].title != title:
            sections.append(Section(title))
        indicator = item.indicator
        if indicator.provider:
            cell = Cell(code, "", "", provided.get(code, ""), provided=True)
            sections[-1].lines.append(Line(item, [cell]))
            continue
        options = [("", "")]
        if indicator.breakdown is not None:
            options = [("", _("Total"))]
            options += [(o.code, o.name) for o in indicator.breakdown.options.all()]
        cells = []
        for option, label in options:
            value = stored.get((code, option))
            before = previous.get((indicator.pk, option))
            shown = service.shown(indicator, value.number, value.text) if value else ""
            cells.append(
                Cell(
                    code=code,
                    option=option,
                    label=label,
                    value=typed.get((code, option), shown),
                    previous=(
                        service.shown(indicator, before.number, before.text)
                        if before
                        else ""
                    ),
                    error=errors.get((code, option), ""),
                )
            )
        sections[-1].lines.append(Line(item, cells))
    return sections


def _rule_failures(submission: Submission | None) -> list[Any]:
    """The failures of the form's validation rules (``datasets.rules``)."""
    if submission is None:
        return []
    try:
        from danvan.datasets import rules
    except ImportError:  # pragma: no cover - the rule engine lands separately
        return []
    evaluate = getattr(rules, "evaluate_submission", None)
    return list(evaluate(submission)) if evaluate is not None else []


def _fetch(
    request: AuthedRequest, form_pk: int, period_pk: int, body_pk: int
) -> tuple[ReportForm, Period, Body]:
    form = get_object_or_404(
        ReportForm.objects.select_related("owner_body"), pk=form_pk
    )
    period = get_object_or_404(Period, pk=period_pk)
    body = get_visible_or_404(
        Body.objects.select_related("area"), request.user, pk=body_pk
    )
    return form, period, body


def _submission(pk: int, request: AuthedRequest) -> Submission:
    """A submission the user sees (another unit's is a 404)."""
    return get_visible_or_404(
        Submission.objects.select_related("form", "period", "body__area"),
        request.user,
        pk=pk,
    )


def page_context(
    request: AuthedRequest,
    form: ReportForm,
    period: Period,
    body: Body,
    submission: Submission | None,
    *,
    typed: dict[tuple[str, str], str] | None = None,
    errors: dict[tuple[str, str], str] | None = None,
    problem: str = "",
) -> dict[str, Any]:
    items = service.form_items(form.pk)
    stored: dict[tuple[str, str], DataValue] = {}
    if submission is not None:
        stored = service.values_of(submission)
    removed = [(key, value) for key, value in stored.items() if key[0] not in items]
    closed = service.closed_reason(submission) if submission is not None else ""
    editable = (
        submission is not None
        and not closed
        and not problem
        and may_edit(request.user, body)
    )
    return {
        "form": form,
        "period": period,
        "body": body,
        "submission": submission,
        "sections": build_sections(
            items,
            stored,
            _previous_values(request, form, period, body),
            typed,
            errors,
            provided_values(request.user, items, period, body),
        ),
        "removed": [
            (
                value.indicator,
                key[1],
                service.shown(value.indicator, value.number, value.text),
            )
            for key, value in removed
        ],
        "changed": submission is not None and submission.form_version != form.version,
        "failures": _rule_failures(submission),
        "editable": editable,
        "closed": closed,
        "problem": problem,
        "errors": errors or {},
    }


@login_required
@require_http_methods(["GET", "POST"])
def entry(
    request: AuthedRequest, form_pk: int, period_pk: int, body_pk: int
) -> HttpResponse:
    """The entry page of ``body``'s ``form`` for ``period``.

    An editor of the body opens its submission on the first visit; a reader
    sees the values read-only. POST (the page without JavaScript) saves
    every cell at once, all or nothing.
    """
    form, period, body = _fetch(request, form_pk, period_pk, body_pk)
    submission = (
        Submission.objects.filter(form=form, period=period, body=body)
        .select_related("form", "period", "body__area")
        .first()
    )
    problem = ""
    if submission is None and may_edit(request.user, body):
        try:
            submission = open_submission(
                actor=request.user, form=form, period=period, body=body
            )
        except DatasetError as error:
            problem = error.message
    if request.method == "POST":
        if submission is None:
            raise PermissionDenied
        return _save_page(request, form, period, body, submission)
    context = page_context(request, form, period, body, submission, problem=problem)
    return render(request, "datasets/entry/page.html", context)


def _save_page(
    request: AuthedRequest,
    form: ReportForm,
    period: Period,
    body: Body,
    submission: Submission,
) -> HttpResponse:
    rows = typed_cells(request.POST)
    try:
        saved = service.save_values(
            actor=request.user, submission=submission, rows=rows
        )
    except service.ValuesError as error:
        typed = {(code, option): text for code, option, text in rows}
        errors = {(rows[i][0], rows[i][1]): message for i, message in error.errors}
        messages.error(request, _("Nothing was saved: correct the cells marked."))
        context = page_context(
            request, form, period, body, submission, typed=typed, errors=errors
        )
        return render(request, "datasets/entry/page.html", context, status=400)
    except DatasetError as error:
        messages.error(request, error.message)
        return redirect(request.path)
    messages.success(
        request,
        _("Saved: %(created)s new, %(updated)s changed, %(deleted)s cleared.")
        % {
            "created": saved.created,
            "updated": saved.updated,
            "deleted": saved.deleted,
        },
    )
    return redirect(request.path)


@login_required
@require_POST
def entry_cell(request: AuthedRequest, pk: int) -> HttpResponse:
    """Save one cell as typed (htmx); answer with its state, and the rules'
    failures out of band."""
    submission = _submission(pk, request)
    if not may_edit(request.user, submission.body):
        raise PermissionDenied
    cells = typed_cells(request.POST)
    if len(cells) != 1:
        return HttpResponse(_("One cell at a time."), status=400)
    code, option, text = cells[0]
    items = service.form_items(submission.form_id)
    item = items.get(code)
    state = {"code": code, "option": option, "error": "", "saved": False}
    try:
        if item is None:
            service.check_rows(submission, [(code, option, text)], items=items)
        else:
            service.save_value(
                actor=request.user,
                submission=submission,
                indicator=item.indicator,
                option=option,
                text=text,
                items=items,
            )
            state["saved"] = True
    except DatasetError as error:
        state["error"] = error.message
    html = render_rows(
        "datasets/entry/cell_state.html",
        {"state": state, "failures": _rule_failures(submission), "oob": True},
        request,
    )
    return HttpResponse(html)


def _xlsx_name(submission: Submission) -> str:
    period = submission.period
    return f"{submission.form.code}-{period.start:%Y%m%d}-{submission.body_id}.xlsx"


@login_required
@require_GET
def entry_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    """The submission's cells as an XLSX template to fill offline."""
    submission = _submission(pk, request)
    response = HttpResponse(spreadsheet.template_bytes(submission), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_xlsx_name(submission)}"'
    return response


_SALT = "datasets.entry_import"


@login_required
@require_http_methods(["GET", "POST"])
@upload_limit("import")
def entry_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload a filled template: preview what changes (or every bad cell),
    then confirm; all or nothing."""
    submission = _submission(pk, request)
    if not may_edit(request.user, submission.body):
        raise PermissionDenied
    context: dict[str, Any] = {"submission": submission}
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, submission)
    form = ImportForm(request.POST or None, request.FILES or None)
    context["upload"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = spreadsheet.preview(upload, actor=request.user, submission=submission)
        context["outcome"] = outcome
        if outcome.ok:
            context["token"] = signing.dumps(
                {
                    "s": submission.pk,
                    "v": submission.form.version,
                    "rows": outcome.rows,
                },
                salt=_SALT,
                compress=True,
            )
    return render(request, "datasets/entry/import.html", context)


def _confirm(request: AuthedRequest, submission: Submission) -> HttpResponse:
    try:
        kept = signing.loads(request.POST.get("token", ""), salt=_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired: upload the file again."))
        return redirect("datasets:entry_import", pk=submission.pk)
    if kept.get("s") != submission.pk:
        raise Http404
    if kept.get("v") != submission.form.version:
        messages.error(
            request,
            _("The form has changed since the preview: upload the file again."),
        )
        return redirect("datasets:entry_import", pk=submission.pk)
    rows = [(str(c), str(o), str(t)) for c, o, t in kept["rows"]]
    try:
        saved = service.save_values(
            actor=request.user, submission=submission, rows=rows
        )
    except service.ValuesError as error:
        context = {
            "submission": submission,
            "upload": ImportForm(),
            "refused": [message for _i, message in error.errors],
        }
        return render(request, "datasets/entry/import.html", context, status=400)
    except DatasetError as error:
        messages.error(request, error.message)
        return redirect("datasets:entry_import", pk=submission.pk)
    messages.success(
        request,
        _("Imported: %(created)s new, %(updated)s changed, %(deleted)s cleared.")
        % {
            "created": saved.created,
            "updated": saved.updated,
            "deleted": saved.deleted,
        },
    )
    return redirect(
        "datasets:entry",
        form_pk=submission.form_id,
        period_pk=submission.period_id,
        body_pk=submission.body_id,
    )


def entry_url(submission: Submission) -> str:
    from django.urls import reverse

    return reverse(
        "datasets:entry",
        kwargs={
            "form_pk": submission.form_id,
            "period_pk": submission.period_id,
            "body_pk": submission.body_id,
        },
    )


urlpatterns: list[URLPattern] = [
    path(
        "entry/<int:form_pk>/<int:period_pk>/<int:body_pk>/",
        entry,
        name="entry",
    ),
    path("submissions/<int:pk>/cell/", entry_cell, name="entry_cell"),
    path("submissions/<int:pk>/template.xlsx", entry_xlsx, name="entry_xlsx"),
    path("submissions/<int:pk>/import/", entry_import, name="entry_import"),
]
