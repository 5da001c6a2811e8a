"""Pages of plans: the list, a plan with its groups, targets, tasks and
cascade, targets and their progress, tasks and their follow-up, XLSX.

Every object is fetched through ``visible_to`` (another unit's plan is a 404;
a plan read up the tree, implemented by the user's own plan, is shown read
only); writes need the editor role over the plan's unit (else 403).
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.common.access import get_visible_or_404, may_edit_somewhere
from danvan.common.audit import history_for
from danvan.common.compiled import KeyedQuery
from danvan.common.files import serve_file, upload_limit
from danvan.common.http import AuthedRequest, redirect_back
from danvan.common.jinja import render_rows
from danvan.common.kept import list_params
from danvan.common.paging import Paginator
from danvan.common.xlsx import XLSX
from danvan.meetings.forms import TaskStatusForm
from danvan.plans import services, spreadsheet
from danvan.plans.exceptions import ImportRefusedError, PlanError
from danvan.plans.filters import PlanFilterSet
from danvan.plans.forms import (
    GroupForm,
    ImportForm,
    PlanEditForm,
    PlanForm,
    PlanTaskForm,
    ProgressForm,
    TargetForm,
)
from danvan.plans.kept import FIGURES
from danvan.plans.models import (
    Plan,
    PlanGroup,
    PlanTask,
    Progress,
    ProgressEvidence,
    Target,
)

PAGE_SIZE = 50


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _plans(request: AuthedRequest) -> Any:
    return Plan.objects.visible_to(request.user)


def _plan(request: AuthedRequest, pk: int) -> Plan:
    return get_visible_or_404(
        Plan.objects.select_related("document"), request.user, pk=pk
    )


def _editable(request: AuthedRequest, plan: Plan) -> None:
    if not services.may_edit(request.user, plan):
        raise PermissionDenied


def _fail(form: Any, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, _errors(exc))
    elif isinstance(exc, PlanError):
        form.add_error(None, exc.message)
    else:
        form.add_error(None, str(exc))


# --- the list ------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request: AuthedRequest) -> HttpResponse:
    """Plans of the user's units and those read up the tree; filters, sorting."""
    form = PlanFilterSet(request.GET, _plans(request), user=request.user)
    plans = form.qs.select_related("document", "area", "body").annotate(
        implemented=Exists(Plan.objects.filter(parent=OuterRef("pk")))
    )
    paginator = Paginator(
        plans,
        PAGE_SIZE,
        count=lambda: FIGURES.kept(
            "plan-count", request.user, list_params(request.GET), plans.count
        ),
    )
    page = paginator.get_page(request.GET.get("page"))
    # The page's rows are kept as the HTML they make (per reader's scope and
    # query string): the page's query runs only when they are made.
    rows = FIGURES.kept(
        "plan-rows",
        request.user,
        list_params(request.GET),
        lambda: render_rows("plans/plan_rows.html", {"rows": page.object_list}),
    )
    template = "plans/plan_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    context = {
        "page": page,
        "rows": rows,
        "form": form.form,
        "sort": form.sort_key,
        "can_create": may_edit_somewhere(request.user),
    }
    return render(request, template, context)


# --- a plan --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: AuthedRequest) -> HttpResponse:
    if not may_edit_somewhere(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = PlanForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = services.create_plan(
                    actor=request.user,
                    area=data["area"],
                    body=data["body"],
                    starts_year=data["starts_year"],
                    ends_year=data["ends_year"],
                    document=data["document"],
                    symbol_text=data["symbol_text"],
                    issued_on=data["issued_on"],
                    title=data["title"],
                    kind=data["kind"],
                    parent=data["parent"],
                    mostly_from=data["mostly_from"],
                )
            except (ValidationError, PlanError, PermissionDenied) as exc:
                _fail(form, exc)
            except Exception as exc:  # the register's refusals (DocumentError)
                if not hasattr(exc, "message"):
                    raise
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The plan was entered."))
                return redirect(plan.get_absolute_url())
    else:
        form = PlanForm(
            user=request.user, initial={"document": request.GET.get("document")}
        )
    return render(request, "plans/plan_form.html", {"form": form, "plan": None})


def _plan_body(plan: Plan, user: Any) -> dict[str, Any]:
    """What a plan's page shows of its rows, the same for every reader of the
    same scope: its groups with their targets' and tasks' rows (HTML), the
    summary, the plans implementing it and the cascade's rows (HTML)."""
    groups = list(plan.groups.order_by("order", "pk"))
    targets = list(
        plan.targets.select_related(
            "responsible_body", "serves__group", "group"
        ).order_by("group__order", "order", "pk")
    )
    tasks = list(
        plan.tasks.select_related("owner_body", "group").order_by(
            "group__order", "order", "pk"
        )
    )
    latest = services.latest_progress(targets)
    by_group: dict[int, dict[str, list[Any]]] = defaultdict(
        lambda: {"targets": [], "tasks": []}
    )
    for target in targets:
        target.latest = latest.get(target.pk)  # type: ignore[attr-defined]
        target.percent = services.percent_of(  # type: ignore[attr-defined]
            target,
            target.latest.achieved if target.latest else None,  # type: ignore[attr-defined]
        )
        by_group[target.group_id]["targets"].append(target)
    for task in tasks:
        by_group[task.group_id]["tasks"].append(task)
    sections = []
    for group in groups:
        rows = by_group[group.pk]
        sections.append(
            (
                {"pk": group.pk, "order": group.order, "name": group.name},
                render_rows("plans/target_rows.html", {"rows": rows["targets"]})
                if rows["targets"]
                else "",
                render_rows("plans/task_rows.html", {"rows": rows["tasks"]})
                if rows["tasks"]
                else "",
            )
        )
    summary = services.summarize(
        latest[t.pk].verdict if t.pk in latest else "" for t in targets
    )
    seen = Plan.objects.visible_to(user)
    children = [
        {
            "url": child.get_absolute_url(),
            "reference": child.document.reference,
            "area": child.area.full_name,
        }
        for child in seen.filter(parent=plan)
        .select_related("document", "area")
        .order_by("area_path", "pk")
    ]
    tree = services.walk(services.cascade(plan, user)) if children else []
    tree = [n for n in tree if n.level > 0 or n.below]
    return {
        "groups": groups,
        "sections": sections,
        "summary": summary,
        "children": children,
        "tree": render_rows("plans/cascade_rows.html", {"rows": tree}) if tree else "",
        "parent_seen": plan.parent_id is not None
        and seen.filter(pk=plan.parent_id).exists(),
    }


# A plan read by its key (SQL built once); whether the reader sees it is the
# ``visible_to`` query's answer, kept per reader's scope (``_seen``).
_PLAN = KeyedQuery(
    lambda pk: Plan.objects.filter(pk=pk).select_related(
        "document", "area", "body", "parent__document", "parent__area"
    )
)


def _seen(user: Any, pk: int) -> bool:
    """Does ``user`` read the plan ``pk`` (``Plan.objects.visible_to``)? Kept
    per reader's scope until a plan changes (a plan read up the tree is
    seen through the plans implementing it)."""
    return bool(
        FIGURES.kept(
            "plan-seen",
            user,
            (pk,),
            lambda: Plan.objects.visible_to(user).filter(pk=pk).exists(),
        )
    )


@login_required
@require_GET
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A plan: its groups with targets (latest progress) and tasks, the summary,
    the plans implementing it with their targets level by level, history.

    Its rows are kept (``FIGURES``, per reader's scope) as the HTML they
    make, until a plan, group, target, progress, task or document changes."""
    plan = next(iter(_PLAN(pk)), None)
    if plan is None or not _seen(request.user, plan.pk):
        raise Http404
    body = FIGURES.kept(
        "plan-page", request.user, (plan.pk,), lambda: _plan_body(plan, request.user)
    )
    groups = body["groups"]
    editable = services.may_edit(request.user, plan)
    context = {
        "plan": plan,
        **body,
        "editable": editable,
        "group_form": GroupForm() if editable else None,
        # The entries of its groups, targets and tasks: all the plan's, read
        # by subqueries (no row of them built here), kept as the HTML they
        # make like the page's rows (every row they name is watched).
        "history_html": FIGURES.kept(
            "plan-history",
            request.user,
            (plan.pk,),
            lambda: render_rows(
                "common/history.html",
                {
                    "history": history_for(
                        plan,
                        groups,
                        Target.objects.filter(plan=plan),
                        PlanTask.objects.filter(plan=plan),
                        user=request.user,
                        known=[plan.area, plan.body, *groups],
                    )
                },
            ),
        ),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    _editable(request, plan)
    if request.method == "POST":
        form = PlanEditForm(request.POST, user=request.user, plan=plan)
        if form.is_valid():
            try:
                services.update_plan(actor=request.user, plan=plan, **form.cleaned_data)
            except (ValidationError, PlanError) as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("The plan was updated."))
                return redirect(plan.get_absolute_url())
    else:
        form = PlanEditForm(
            user=request.user,
            plan=plan,
            initial={
                "starts_year": plan.starts_year,
                "ends_year": plan.ends_year,
                "parent": plan.parent_id,
                "mostly_from": plan.mostly_from,
            },
        )
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_POST
def group_add(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(Plan, request.user, pk=pk)
    _editable(request, plan)
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            services.add_group(
                actor=request.user, plan=plan, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The group was added."))
    else:
        messages.error(request, _("Name the group."))
    return redirect(plan.get_absolute_url())


@login_required
@require_POST
def group_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Rename or renumber a group; ``delete`` removes an empty one."""
    group = get_visible_or_404(
        PlanGroup.objects.select_related("plan"), request.user, pk=pk
    )
    _editable(request, group.plan)
    try:
        if request.POST.get("delete"):
            services.delete_group(actor=request.user, group=group)
            messages.success(request, _("The group was removed."))
        else:
            form = GroupForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Name the group."))
            services.update_group(
                actor=request.user,
                group=group,
                name=form.cleaned_data["name"],
                order=form.cleaned_data["order"],
            )
            messages.success(request, _("The group was updated."))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    except PlanError as exc:
        messages.error(request, exc.message)
    return redirect(group.plan.get_absolute_url())


# --- targets -------------------------------------------------------------------------


def _target_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k in services.TARGET_FIELDS}
    fields["unit"] = fields.get("unit") or ""
    if not fields.get("order"):
        # Empty: the next number for a new target, the same for a changed one.
        fields.pop("order", None)
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def target_add(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    _editable(request, plan)
    if request.method == "POST":
        form = TargetForm(request.POST, user=request.user, plan=plan)
        if form.is_valid():
            fields = _target_fields(form.cleaned_data)
            try:
                target = services.add_target(
                    actor=request.user,
                    plan=plan,
                    group=fields.pop("group"),
                    name=fields.pop("name"),
                    target_value=fields.pop("target_value"),
                    **fields,
                )
            except (ValidationError, PlanError) as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("The target was added."))
                if request.POST.get("another"):
                    return redirect("plans:target_add", plan.pk)
                return redirect(target.get_absolute_url())
    else:
        form = TargetForm(
            user=request.user, plan=plan, initial={"group": request.GET.get("group")}
        )
    return render(
        request, "plans/target_form.html", {"form": form, "plan": plan, "target": None}
    )


def _target(request: AuthedRequest, pk: int) -> Target:
    return get_visible_or_404(
        Target.objects.select_related(
            "plan__document",
            "plan__area",
            "group",
            "responsible_body",
            "serves__plan__document",
            "serves__group",
            "indicator",
        ),
        request.user,
        pk=pk,
    )


# A target read by its key (SQL built once); it is seen where its plan is
# (``ReadWithPlan``): the kept answer of ``_seen``.
_TARGET = KeyedQuery(
    lambda pk: Target.objects.filter(pk=pk).select_related(
        "plan__document",
        "plan__area",
        "group",
        "responsible_body",
        "serves__plan__document",
        "serves__group",
        "indicator",
    )
)


def _below(target: Target, user: Any) -> list[Target]:
    """The targets of the plans below serving ``target`` that ``user`` sees,
    each with its ``latest`` progress."""
    below = list(
        Target.objects.visible_to(user)
        .filter(serves=target)
        .select_related("plan__area", "plan__document")
        .order_by("plan__area_path", "pk")
    )
    latest = services.latest_progress(below)
    for other in below:
        other.latest = latest.get(other.pk)  # type: ignore[attr-defined]
    return below


@login_required
@require_GET
def target_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A target: its value, direction, progress period by period with the
    evidence, the targets below serving it (kept per reader's scope), history."""
    target: Target | None = next(iter(_TARGET(pk)), None)
    if target is None or not _seen(request.user, target.plan_id):
        raise Http404
    plan = target.plan
    progress = list(
        target.progress.select_related("recorded_by")
        .prefetch_related("evidence")
        .order_by("-period_end", "-pk")
    )
    for row in progress:
        row.percent = services.percent_of(target, row.achieved)  # type: ignore[attr-defined]
    below = FIGURES.kept(
        "target-below", request.user, (target.pk,), lambda: _below(target, request.user)
    )
    # Rows the page has read, named in its history without a query: bodies
    # and the indicator are named to everyone; the target it serves where
    # its plan is seen.
    known: list[Any] = [plan, target.group]
    unseen: list[Any] = []
    known += [r for r in (target.responsible_body, target.indicator) if r is not None]
    if target.serves is not None:
        seen = _seen(request.user, target.serves.plan_id)
        (known if seen else unseen).append(target.serves)
    context = {
        "target": target,
        "plan": plan,
        "progress": progress,
        "below": below,
        "editable": services.may_edit(request.user, plan),
        "history": history_for(
            target, progress, user=request.user, known=known, unseen=unseen
        ),
    }
    return render(request, "plans/target_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    target = _target(request, pk)
    plan = target.plan
    _editable(request, plan)
    if request.method == "POST":
        form = TargetForm(request.POST, user=request.user, plan=plan)
        if form.is_valid():
            try:
                services.update_target(
                    actor=request.user,
                    target=target,
                    **_target_fields(form.cleaned_data),
                )
            except (ValidationError, PlanError) as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("The target was updated."))
                return redirect(target.get_absolute_url())
    else:
        form = TargetForm(
            user=request.user,
            plan=plan,
            initial={
                name: getattr(target, f"{name}_id", None)
                if name in ("group", "responsible_body", "serves", "indicator")
                else getattr(target, name)
                for name in services.TARGET_FIELDS
            },
        )
    return render(
        request,
        "plans/target_form.html",
        {"form": form, "plan": plan, "target": target},
    )


@login_required
@require_http_methods(["GET", "POST"])
@upload_limit("progress", several=True)
def progress_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a target's progress for a period, with evidence files."""
    target = _target(request, pk)
    _editable(request, target.plan)
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_progress(
                    actor=request.user,
                    target=target,
                    period_type=data["period_type"],
                    period_year=data["period_year"],
                    period_number=data["period_number"],
                    achieved=data["achieved"],
                    note=data["note"],
                    verdict_text=data["verdict_text"],
                    files=data["evidence"],
                )
            except (ValidationError, PlanError) as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("The progress was recorded."))
                return redirect(target.get_absolute_url())
    else:
        form = ProgressForm(initial={"period_year": target.plan.ends_year})
    return render(request, "plans/progress_form.html", {"form": form, "target": target})


@login_required
@require_GET
def evidence(request: AuthedRequest, pk: int) -> FileResponse:
    """An evidence file of a target's progress, as uploaded, to those who
    read the plan (its progress is fetched through ``visible_to``)."""
    row = get_object_or_404(
        ProgressEvidence.objects.filter(
            progress__in=Progress.objects.visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    return serve_file(row.file, filename=row.original_name)


# --- XLSX ----------------------------------------------------------------------------


@login_required
@require_GET
def targets_export(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    response = HttpResponse(spreadsheet.export_bytes(plan), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{plan.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@upload_limit("import")
def targets_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Read a plan's targets from an XLSX file: all rows or none."""
    plan = _plan(request, pk)
    _editable(request, plan)
    errors: list[str] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                count = spreadsheet.import_targets(
                    actor=request.user, plan=plan, stream=io.BytesIO(upload.read())
                )
            except ImportRefusedError as exc:
                form.add_error(None, exc.message)
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("%(count)s targets were read from the file.") % {"count": count},
                )
                return redirect(plan.get_absolute_url())
    else:
        form = ImportForm()
    return render(
        request,
        "plans/import_form.html",
        {"form": form, "plan": plan, "errors": errors},
    )


# --- tasks ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    _editable(request, plan)
    if request.method == "POST":
        form = PlanTaskForm(request.POST, user=request.user, plan=plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                task = services.add_task(actor=request.user, plan=plan, **data)
            except (ValidationError, PlanError) as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("The task was added."))
                if request.POST.get("another"):
                    return redirect("plans:task_add", plan.pk)
                return redirect(task.get_absolute_url())
    else:
        form = PlanTaskForm(
            user=request.user, plan=plan, initial={"group": request.GET.get("group")}
        )
    return render(
        request, "plans/task_form.html", {"form": form, "plan": plan, "task": None}
    )


def _task(request: AuthedRequest, pk: int) -> PlanTask:
    return get_visible_or_404(
        PlanTask.objects.select_related(
            "plan__document", "plan__area", "group", "owner_body"
        ),
        request.user,
        pk=pk,
    )


@login_required
@require_GET
def task_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A plan's task, its follow-up and history (the meetings' task page's
    shape and follow-up form)."""
    task = _task(request, pk)
    editable = services.may_edit(request.user, task.plan)
    partners = list(task.partner_bodies.order_by("path"))
    context = {
        "task": task,
        "plan": task.plan,
        "partners": partners,
        "editable": editable,
        "status_form": TaskStatusForm(initial={"status": task.status}),
        "history": history_for(
            task, user=request.user, known=[task.plan, task.owner_body, *partners]
        ),
    }
    return render(request, "plans/task_detail.html", context)


@login_required
@require_POST
def task_status(request: AuthedRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    _editable(request, task.plan)
    form = TaskStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_task_status(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The task was updated."))
    else:
        messages.error(request, _("Unknown status."))
    return redirect_back(request, task.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    plan = task.plan
    _editable(request, plan)
    if request.method == "POST":
        form = PlanTaskForm(request.POST, user=request.user, plan=plan)
        if form.is_valid():
            try:
                services.update_task(actor=request.user, task=task, **form.cleaned_data)
            except (ValidationError, PlanError) as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("The task was updated."))
                return redirect(task.get_absolute_url())
    else:
        form = PlanTaskForm(
            user=request.user,
            plan=plan,
            initial={
                "group": task.group_id,
                "title": task.title,
                "owner_body": task.owner_body_id,
                "partner_bodies": list(
                    task.partner_bodies.values_list("pk", flat=True)
                ),
                "due_on": task.due_on,
            },
        )
    return render(
        request, "plans/task_form.html", {"form": form, "plan": plan, "task": task}
    )
