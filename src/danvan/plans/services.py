"""Writes of plans: the plan and its document, groups, targets, progress, tasks.

Every write takes the acting user and checks it (``danvan.common.rules``): a
user changes only the plans of the units where they are an editor or above
(the plan's area or its issuing body); plans read up the tree (a province's
programme that the commune's plan implements) are read, never changed.
Commands and the demo act as the system actor.

A plan is a document of the register: ``create_plan`` takes an existing
document or enters a new one through ``documents.services.register_document``,
never a copy. A plan implementing a higher one records the register's
"implements" relation between their documents too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from danvan.common import rules
from danvan.common.actors import is_system
from danvan.common.audit import acting_as
from danvan.common.files import store_upload
from danvan.common.numbers import format_number
from danvan.common.text import fold, normalize, normalize_block
from danvan.documents import services as documents
from danvan.documents.models import Document, DocumentRelation
from danvan.meetings import periods
from danvan.meetings.services import FOLLOW_UP_FIELDS, follow_up
from danvan.plans.exceptions import PlanError
from danvan.plans.models import (
    DEFAULT_GROUPS,
    Direction,
    Plan,
    PlanGroup,
    PlanTask,
    Progress,
    ProgressEvidence,
    Target,
    Verdict,
)
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from danvan.accounts.models import User

# The kinds of register document a plan may be.
PLAN_KINDS = (
    Document.Kind.PLAN,
    Document.Kind.ACTION_PROGRAMME,
    Document.Kind.PROGRAMME,
    Document.Kind.RESOLUTION,
    Document.Kind.SCHEME,
    Document.Kind.DIRECTIVE,
    Document.Kind.CONCLUSION,
)

# The periods progress is recorded for (a custom span has no number to key it).
PROGRESS_PERIODS = (
    periods.MONTH,
    periods.QUARTER,
    periods.FOUR_MONTHS,
    periods.SIX_MONTHS,
    periods.NINE_MONTHS,
    periods.YEAR,
)

HUNDRED = Decimal(100)


# --- rights --------------------------------------------------------------------------


def may_edit(user: User, plan: Plan) -> bool:
    """May ``user`` change ``plan`` and its content (editor of its area or
    issuing body)? A plan read up the tree is never changed from below."""
    return rules.may_edit(user, plan)


def _check_editor(actor: User, plan: Plan) -> None:
    rules.require(may_edit(actor, plan), _("You may not change this plan."))


def _check_visible_body(actor: User, body: Body | None, name: str) -> None:
    if body is None or is_system(actor):
        return
    if not Body.objects.visible_to(actor).filter(pk=body.pk).exists():
        raise ValidationError({name: _("Choose a body of your units.")})


def _visible_plan(actor: User, plan: Plan) -> bool:
    return is_system(actor) or (
        Plan.objects.visible_to(actor).filter(pk=plan.pk).exists()
    )


# --- plans ---------------------------------------------------------------------------


def _check_years(starts_year: int, ends_year: int) -> None:
    if not 1945 <= starts_year <= 2200 or not 1945 <= ends_year <= 2200:
        raise ValidationError({"starts_year": _("Enter years such as 2020.")})
    if ends_year < starts_year:
        raise ValidationError(
            {"ends_year": _("The plan ends before the year it starts.")}
        )


def _check_mostly(mostly_from: Decimal) -> None:
    if not Decimal(0) < mostly_from <= HUNDRED:
        raise ValidationError(
            {"mostly_from": _("Enter a percentage above 0 and at most 100.")}
        )


def _check_parent(actor: User, plan: Plan, parent: Plan | None) -> None:
    if parent is None:
        return
    if not _visible_plan(actor, parent):
        raise ValidationError({"parent": _("Choose a plan of your units.")})
    below: Plan | None = parent
    while below is not None:
        if plan.pk is not None and below.pk == plan.pk:
            raise ValidationError(
                {"parent": _("A plan cannot implement itself or a plan below it.")}
            )
        below = below.parent


def _link_documents(actor: User, plan: Plan) -> None:
    """Record in the register that the plan's document implements its parent's."""
    parent = plan.parent
    if parent is None:
        return
    source, target = plan.document, parent.document
    if DocumentRelation.objects.filter(
        source=source, target=target, kind=DocumentRelation.Kind.IMPLEMENTS
    ).exists():
        return
    documents.relate_documents(
        actor=actor,
        source=source,
        target=target,
        kind=DocumentRelation.Kind.IMPLEMENTS,
    )


@transaction.atomic
def create_plan(
    *,
    actor: User,
    area: Area,
    body: Body,
    starts_year: int,
    ends_year: int | None = None,
    document: Document | None = None,
    symbol_text: str = "",
    issued_on: dt.date | None = None,
    title: str = "",
    kind: str = Document.Kind.PLAN,
    parent: Plan | None = None,
    mostly_from: Decimal = Decimal(90),
    groups: Sequence[str] = DEFAULT_GROUPS,
) -> Plan:
    """Make ``document`` (already in the register) a plan, or enter its
    document first (``symbol_text``, ``issued_on``, ``title``, ``kind``),
    with the default groups unless ``groups``."""
    rules.require(
        rules.may_edit(actor, area) and rules.may_edit(actor, body),
        _("You may not enter plans of this unit."),
    )
    ends_year = ends_year or starts_year
    _check_years(starts_year, ends_year)
    _check_mostly(mostly_from)
    _check_visible_body(actor, body, "body")
    if document is None:
        if issued_on is None:
            raise ValidationError({"issued_on": _("Enter the date of issue.")})
        document = documents.register_document(
            actor=actor,
            area=area,
            symbol_text=symbol_text,
            issued_on=issued_on,
            title=title,
            kind=kind,
            issuer_body=body,
        )
    else:
        rules.require(
            rules.may_edit(actor, document), _("You may not change this document.")
        )
        if Plan.objects.filter(document=document).exists():
            raise PlanError(
                _("%(document)s has its plan already.") % {"document": document}
            )
    plan = Plan(
        document=document,
        parent=parent,
        area=area,
        body=body,
        starts_year=starts_year,
        ends_year=ends_year,
        mostly_from=mostly_from,
        created_by=None if is_system(actor) else actor,
    )
    _check_parent(actor, plan, parent)
    with acting_as(actor):
        plan.save()
        for order, name in enumerate(groups, 1):
            PlanGroup.objects.create(plan=plan, name=normalize(name), order=order)
    _link_documents(actor, plan)
    return plan


@transaction.atomic
def update_plan(
    *,
    actor: User,
    plan: Plan,
    starts_year: int,
    ends_year: int,
    parent: Plan | None,
    mostly_from: Decimal,
) -> Plan:
    """Change a plan's years, the plan it implements and its threshold.

    The verdicts recorded are computed again when the threshold changes.
    """
    _check_editor(actor, plan)
    _check_years(starts_year, ends_year)
    _check_mostly(mostly_from)
    _check_parent(actor, plan, parent)
    if parent != plan.parent:
        # A target serves a target of the parent plan only.
        Target.objects.filter(plan=plan, serves__isnull=False).update(serves=None)
    threshold_changed = plan.mostly_from != mostly_from
    plan.starts_year, plan.ends_year = starts_year, ends_year
    plan.parent, plan.mostly_from = parent, mostly_from
    with acting_as(actor):
        plan.save()
        if threshold_changed:
            for progress in Progress.objects.filter(target__plan=plan).select_related(
                "target"
            ):
                progress.verdict = verdict_of(progress.target, progress.achieved, plan)
                progress.save(update_fields=["verdict"])
    _link_documents(actor, plan)
    return plan


# --- groups --------------------------------------------------------------------------


@transaction.atomic
def add_group(*, actor: User, plan: Plan, name: str) -> PlanGroup:
    _check_editor(actor, plan)
    name = normalize(name)
    if not name:
        raise ValidationError({"name": _("Name the group.")})
    last = plan.groups.aggregate(last=Max("order"))["last"] or 0
    with acting_as(actor):
        return PlanGroup.objects.create(plan=plan, name=name, order=last + 1)


@transaction.atomic
def update_group(
    *, actor: User, group: PlanGroup, name: str, order: int | None = None
) -> PlanGroup:
    _check_editor(actor, group.plan)
    name = normalize(name)
    if not name:
        raise ValidationError({"name": _("Name the group.")})
    group.name = name
    if order is not None:
        group.order = order
    with acting_as(actor):
        group.save()
    return group


@transaction.atomic
def delete_group(*, actor: User, group: PlanGroup) -> None:
    _check_editor(actor, group.plan)
    if group.targets.exists() or group.tasks.exists():
        raise PlanError(_("The group still holds targets or tasks."))
    with acting_as(actor):
        group.delete()


# --- targets -------------------------------------------------------------------------

TARGET_FIELDS = (
    "group",
    "order",
    "name",
    "unit",
    "baseline",
    "target_value",
    "direction",
    "due_year",
    "responsible_body",
    "serves",
    "indicator",
)


def _check_target(actor: User, target: Target) -> None:
    plan = target.plan
    if target.group.plan_id != plan.pk:
        raise ValidationError({"group": _("The group belongs to another plan.")})
    target.name = normalize_block(target.name)
    if not target.name:
        raise ValidationError({"name": _("Say what the target is.")})
    target.unit = normalize(target.unit)
    if target.direction not in Direction.values:
        raise ValidationError({"direction": _("Unknown direction.")})
    if target.serves is not None and (
        plan.parent_id is None or target.serves.plan_id != plan.parent_id
    ):
        raise ValidationError(
            {"serves": _("Choose a target of the plan this plan implements.")}
        )
    if target.due_year is not None and not (
        plan.starts_year <= target.due_year <= plan.ends_year + 10
    ):
        raise ValidationError({"due_year": _("The year is outside the plan's years.")})
    _check_visible_body(actor, target.responsible_body, "responsible_body")


def _next_order(group: PlanGroup) -> int:
    last_target = group.targets.aggregate(last=Max("order"))["last"] or 0
    last_task = group.tasks.aggregate(last=Max("order"))["last"] or 0
    return max(last_target, last_task) + 1


@transaction.atomic
def add_target(
    *,
    actor: User,
    plan: Plan,
    group: PlanGroup,
    name: str,
    target_value: Decimal,
    **fields: Any,
) -> Target:
    """Add a target (chỉ tiêu) to ``group`` of ``plan``. Other ``fields``:
    order (the next number by default), unit, baseline, direction,
    due_year, responsible_body, serves (a target of the parent plan),
    indicator."""
    _check_editor(actor, plan)
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields {sorted(unknown)}")
    target = Target(plan=plan, group=group, name=name, target_value=target_value)
    for name_, value in fields.items():
        setattr(target, name_, value)
    if not fields.get("order"):
        target.order = _next_order(group)
    _check_target(actor, target)
    with acting_as(actor):
        target.save()
    return target


@transaction.atomic
def update_target(*, actor: User, target: Target, **fields: Any) -> Target:
    """Change a target's ``fields`` (any of ``TARGET_FIELDS``); its recorded
    verdicts follow a new value or direction."""
    _check_editor(actor, target.plan)
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(target, name, value)
    _check_target(actor, target)
    with acting_as(actor):
        target.save()
        for progress in target.progress.all():
            verdict = verdict_of(target, progress.achieved, target.plan)
            if verdict != progress.verdict:
                progress.verdict = verdict
                progress.save(update_fields=["verdict"])
    return target


@transaction.atomic
def delete_target(*, actor: User, target: Target) -> None:
    _check_editor(actor, target.plan)
    with acting_as(actor):
        target.delete()


# --- verdicts ------------------------------------------------------------------------


def verdict_of(target: Target, achieved: Decimal | None, plan: Plan) -> str:
    """The verdict of ``achieved`` against ``target``, "" when nothing was achieved.

    - higher is better: above the target "vượt", at it "đạt", from the plan's
      ``mostly_from`` percent of it "cơ bản đạt", below "không đạt";
    - lower is better (a rate to bring down): below the target "vượt", at it
      "đạt", when the target is at least ``mostly_from`` percent of what was
      achieved "cơ bản đạt", else "không đạt";
    - at least / at most: a floor or a ceiling, met ("đạt") or not
      ("không đạt"); going beyond it is no more than meeting it.
    """
    if achieved is None:
        return ""
    goal = target.target_value
    direction = target.direction
    if direction == Direction.AT_LEAST:
        return Verdict.ACHIEVED if achieved >= goal else Verdict.NOT_ACHIEVED
    if direction == Direction.AT_MOST:
        return Verdict.ACHIEVED if achieved <= goal else Verdict.NOT_ACHIEVED
    if direction == Direction.LOWER:
        if achieved < goal:
            return Verdict.EXCEEDED
        if achieved == goal:
            return Verdict.ACHIEVED
        share = goal * HUNDRED / achieved if achieved > 0 else Decimal(0)
    else:
        if achieved > goal:
            return Verdict.EXCEEDED
        if achieved == goal:
            return Verdict.ACHIEVED
        share = achieved * HUNDRED / goal if goal > 0 else Decimal(0)
    return Verdict.MOSTLY if share >= plan.mostly_from else Verdict.NOT_ACHIEVED


def percent_of(target: Target, achieved: Decimal | None) -> Decimal | None:
    """How far ``achieved`` got, as a percentage of the target (for lower is
    better, the target over the achieved value); None when it has no sense."""
    if achieved is None:
        return None
    goal = target.target_value
    if target.direction in (Direction.LOWER, Direction.AT_MOST):
        if achieved <= 0:
            return None if goal < 0 else HUNDRED
        return (goal * HUNDRED / achieved).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if goal <= 0:
        return None
    return (achieved * HUNDRED / goal).quantize(Decimal("0.1"), ROUND_HALF_UP)


# --- progress ------------------------------------------------------------------------


@transaction.atomic
def record_progress(
    *,
    actor: User,
    target: Target,
    period_type: str,
    period_year: int,
    period_number: int | None = None,
    achieved: Decimal | None,
    note: str = "",
    verdict_text: str = "",
    files: Iterable[File[Any]] = (),
) -> Progress:
    """Record how far ``target`` got in a period (once per period: a second
    entry for the same period changes the first), with evidence ``files``."""
    plan = target.plan
    _check_editor(actor, plan)
    if period_type not in PROGRESS_PERIODS:
        raise ValidationError({"period_type": _("Choose the reporting period.")})
    if period_type not in (periods.MONTH, periods.QUARTER):
        period_number = None
    try:
        _start, end = periods.resolve_period(period_type, period_year, period_number)
    except periods.PeriodError as exc:
        raise ValidationError(
            {"period_number": _("The period does not exist: check its number.")}
        ) from exc
    note = normalize_block(note)
    verdict_text = normalize(verdict_text)
    if achieved is None and not note and not verdict_text:
        raise ValidationError(
            {"achieved": _("Enter the value achieved, a note or the verdict.")}
        )
    progress = Progress.objects.filter(
        target=target,
        period_type=period_type,
        period_year=period_year,
        period_number=period_number,
    ).first() or Progress(
        target=target,
        period_type=period_type,
        period_year=period_year,
        period_number=period_number,
    )
    progress.period_end = end
    progress.achieved = achieved
    progress.note = note
    progress.verdict_text = verdict_text
    progress.verdict = verdict_of(target, achieved, plan)
    progress.recorded_by = None if is_system(actor) else actor
    with acting_as(actor):
        progress.save()
        for upload in files:
            evidence = ProgressEvidence(progress=progress)
            store_upload(evidence, upload)
            evidence.save()
    return progress


def latest_progress(
    targets: Iterable[Target], *, until: dt.date | None = None
) -> dict[int, Progress]:
    """The latest progress of each target (by the end of its period), in one
    query; ``until``: of the periods ending by that day."""
    ids = [t.pk for t in targets]
    rows = Progress.objects.filter(target__in=ids).order_by(
        "target_id", "period_end", "pk"
    )
    if until is not None:
        rows = rows.filter(period_end__lte=until)
    found: dict[int, Progress] = {}
    for progress in rows:
        found[progress.target_id] = progress
    return found


@dataclass(frozen=True)
class Summary:
    """How a set of targets went, counted as reports count them."""

    total: int
    exceeded: int
    achieved: int
    mostly: int
    not_achieved: int
    unjudged: int = 0

    @property
    def done(self) -> int:
        """Targets met: exceeded or achieved."""
        return self.exceeded + self.achieved

    @property
    def percent(self) -> Decimal | None:
        if not self.total:
            return None
        share = Decimal(self.done) * HUNDRED / Decimal(self.total)
        return share.quantize(Decimal("0.1"), ROUND_HALF_UP)

    def text(self) -> str:
        """ "hoàn thành 10/11 chỉ tiêu (90,9%), vượt 3": as a report writes
        it, whatever the UI language; "" without targets."""
        if not self.total:
            return ""
        words = (
            f"hoàn thành {self.done}/{self.total} chỉ tiêu "
            f"({format_number(self.percent)}%)"
        )
        if self.exceeded:
            words += f", vượt {self.exceeded}"
        if self.mostly:
            words += f", cơ bản đạt {self.mostly}"
        if self.unjudged:
            words += f", chưa đánh giá {self.unjudged}"
        return words


def summarize(verdicts: Iterable[str]) -> Summary:
    """Count the verdicts of a plan's targets ("" for a target not judged)."""
    counts = dict.fromkeys(Verdict.values, 0)
    total = unjudged = 0
    for verdict in verdicts:
        total += 1
        if verdict in counts:
            counts[verdict] += 1
        else:
            unjudged += 1
    return Summary(
        total=total,
        exceeded=counts[Verdict.EXCEEDED],
        achieved=counts[Verdict.ACHIEVED],
        mostly=counts[Verdict.MOSTLY],
        not_achieved=counts[Verdict.NOT_ACHIEVED],
        unjudged=unjudged,
    )


def plan_summary(plan: Plan, *, until: dt.date | None = None) -> Summary:
    """The summary of every target of ``plan`` by its latest progress."""
    targets = list(plan.targets.only("pk"))
    latest = latest_progress(targets, until=until)
    return summarize(latest[t.pk].verdict if t.pk in latest else "" for t in targets)


# --- tasks ---------------------------------------------------------------------------


def _refresh_task_search(task: PlanTask) -> None:
    parts = [task.title, task.owner_body.name, task.notes]
    task.search_text = fold(" ".join(p for p in parts if p))
    PlanTask.objects.filter(pk=task.pk).update(search_text=task.search_text)


def _check_task(actor: User, task: PlanTask, partners: Iterable[Body]) -> None:
    if task.group.plan_id != task.plan_id:
        raise ValidationError({"group": _("The group belongs to another plan.")})
    task.title = normalize_block(task.title)
    if not task.title:
        raise ValidationError({"title": _("Say what is to be done.")})
    _check_visible_body(actor, task.owner_body, "owner_body")
    for body in partners:
        _check_visible_body(actor, body, "partner_bodies")


@transaction.atomic
def add_task(
    *,
    actor: User,
    plan: Plan,
    group: PlanGroup,
    title: str,
    owner_body: Body,
    due_on: dt.date | None = None,
    partner_bodies: Iterable[Body] = (),
    order: int | None = None,
) -> PlanTask:
    """Add a task (nhiệm vụ) of ``plan``, led by ``owner_body``."""
    _check_editor(actor, plan)
    partners = list(partner_bodies)
    task = PlanTask(
        plan=plan,
        group=group,
        title=title,
        owner_body=owner_body,
        due_on=due_on,
        order=order or _next_order(group),
    )
    _check_task(actor, task, partners)
    with acting_as(actor):
        task.save()
        if partners:
            task.partner_bodies.set(partners)
    _refresh_task_search(task)
    return task


@transaction.atomic
def update_task(
    *,
    actor: User,
    task: PlanTask,
    title: str,
    owner_body: Body,
    due_on: dt.date | None,
    group: PlanGroup | None = None,
    partner_bodies: Iterable[Body] | None = None,
) -> PlanTask:
    """Change what a plan's task says, who leads it and when it is due."""
    _check_editor(actor, task.plan)
    partners = list(partner_bodies) if partner_bodies is not None else []
    task.title, task.owner_body, task.due_on = title, owner_body, due_on
    if group is not None:
        task.group = group
    _check_task(actor, task, partners)
    with acting_as(actor):
        task.save()
        if partner_bodies is not None:
            task.partner_bodies.set(partners)
    _refresh_task_search(task)
    return task


@transaction.atomic
def set_task_status(
    *,
    actor: User,
    task: PlanTask,
    status: str,
    on: dt.date | None = None,
    note: str = "",
) -> PlanTask:
    """Follow a plan's task up, as a meeting's task is
    (``meetings.services.follow_up``: status, done day, dated note)."""
    _check_editor(actor, task.plan)
    follow_up(task, status=status, on=on, note=note)
    with acting_as(actor):
        task.save(update_fields=FOLLOW_UP_FIELDS)
    _refresh_task_search(task)
    return task


# --- the cascade ---------------------------------------------------------------------


@dataclass
class Node:
    """A target in the cascade, with those of the plans below that serve it."""

    target: Target
    progress: Progress | None
    level: int
    below: list[Node] = field(default_factory=list)


def cascade(plan: Plan, user: User, *, depth: int = 3) -> list[Node]:
    """The targets of ``plan``, each with the targets below serving it, level
    by level (the plans implementing it that ``user`` sees, ``depth`` levels
    down), with the latest progress of each: one query per level and one for
    the progress."""
    top = list(plan.targets.select_related("group").order_by("group__order", "order"))
    nodes = {t.pk: Node(t, None, 0) for t in top}
    roots = [nodes[t.pk] for t in top]
    every = list(top)
    parents = [plan.pk]
    for level in range(1, depth + 1):
        below = list(
            Plan.objects.visible_to(user)
            .filter(parent__in=parents)
            .values_list("pk", flat=True)
        )
        if not below:
            break
        targets = list(
            Target.objects.filter(plan__in=below, serves__isnull=False)
            .select_related("plan__area", "plan__document")
            .order_by("plan__area_path", "plan_id", "order", "pk")
        )
        for target in targets:
            node = Node(target, None, level)
            nodes[target.pk] = node
            up = nodes.get(target.serves_id or 0)
            if up is not None:
                up.below.append(node)
        every.extend(targets)
        parents = below
    latest = latest_progress(every)
    for key, node in nodes.items():
        node.progress = latest.get(key)
    return roots


def walk(nodes: Iterable[Node]) -> list[Node]:
    """The cascade's nodes depth first, for a flat list indented by level."""
    out: list[Node] = []
    for node in nodes:
        out.append(node)
        out.extend(walk(node.below))
    return out
