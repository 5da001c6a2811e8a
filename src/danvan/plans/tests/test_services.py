"""The plans' services: the plan and its register document, groups, targets
serving the parent plan's, progress, tasks followed up as meetings' are,
rights, the cascade."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.documents.models import Document, DocumentRelation
from danvan.meetings.models import TaskBase
from danvan.plans import services
from danvan.plans.exceptions import PlanError
from danvan.plans.models import DEFAULT_GROUPS, Plan, PlanTask, Progress, Verdict
from danvan.plans.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_plan_links_its_register_document_never_a_copy(tree, bodies):
    document = documents.register_document(
        actor=system_actor(),
        area=tree["commune"],
        symbol_text="12-KH/ĐU",
        issued_on=D(2025, 8, 4),
        title="Kế hoạch công tác dân vận năm 2025",
        issuer_body=bodies["commune"],
    )
    before = Document.objects.count()
    plan = services.create_plan(
        actor=system_actor(),
        area=tree["commune"],
        body=bodies["commune"],
        document=document,
        starts_year=2025,
    )
    assert Document.objects.count() == before
    assert plan.document == document
    assert [g.name for g in plan.groups.order_by("order")] == list(DEFAULT_GROUPS)
    with pytest.raises(PlanError, match="12-KH/ĐU đã có kế hoạch"):
        services.create_plan(
            actor=system_actor(),
            area=tree["commune"],
            body=bodies["commune"],
            document=document,
            starts_year=2025,
        )


def test_a_plan_enters_its_document_and_implements_the_parent(plans, users):
    province, plan = plans["province"], plans["commune"]
    assert plan.document.reference.endswith("-KH/ĐU")
    assert plan.document.kind == Document.Kind.PLAN
    assert DocumentRelation.objects.filter(
        source=plan.document, target=province.document, kind="implements"
    ).exists()
    # The commune's editor enters its own plan under the province's: once.
    second = services.create_plan(
        actor=users["commune"],
        area=plan.area,
        body=plan.body,
        symbol_text="31-KH/ĐU",
        issued_on=D(2025, 9, 1),
        title="Kế hoạch bổ sung",
        starts_year=2025,
        parent=province,
        groups=["Nhóm duy nhất"],
    )
    assert [g.name for g in second.groups.all()] == ["Nhóm duy nhất"]
    assert second.created_by == users["commune"]


def test_only_the_plans_unit_changes_it(plans, users):
    province = plans["province"]
    for name in ("commune", "sibling", "viewer"):
        with pytest.raises(PermissionDenied):
            services.add_target(
                actor=users[name],
                plan=province,
                group=province.groups.first(),
                name="Chỉ tiêu chen vào",
                target_value=Decimal(1),
            )
    with pytest.raises(PermissionDenied):
        services.create_plan(
            actor=users["commune"],
            area=plans["sibling"].area,
            body=plans["sibling"].body,
            symbol_text="40-KH/ĐU",
            issued_on=D(2025, 9, 1),
            title="Kế hoạch của xã khác",
            starts_year=2025,
        )
    target = services.add_target(
        actor=users["commune"],
        plan=plans["commune"],
        group=plans["commune"].groups.first(),
        name="Chỉ tiêu của xã",
        target_value=Decimal(3),
    )
    # Numbers run per group, targets and tasks together: two targets and a
    # task come before it.
    assert target.order == 4
    assert target.code == "1.4"


def test_a_target_serves_only_the_parent_plans_targets(plans):
    commune, sibling = plans["commune"], plans["sibling"]
    with pytest.raises(ValidationError) as error:
        TargetFactory.create(plan=commune, serves=plans["sibling_targets"][0])
    assert "serves" in error.value.message_dict
    with pytest.raises(ValidationError):
        TargetFactory.create(plan=plans["province"], serves=plans["top"][0])
    assert TargetFactory.create(plan=sibling, serves=plans["top"][1]).serves_id


def test_changing_the_parent_drops_what_served_the_old_one(plans):
    plan = plans["commune"]
    services.update_plan(
        actor=system_actor(),
        plan=plan,
        starts_year=2025,
        ends_year=2026,
        parent=None,
        mostly_from=Decimal(80),
    )
    assert not plan.targets.filter(serves__isnull=False).exists()
    with pytest.raises(ValidationError):
        services.update_plan(
            actor=system_actor(),
            plan=plans["province"],
            starts_year=2025,
            ends_year=2025,
            parent=plans["sibling"],
            mostly_from=Decimal(90),
        )


def test_progress_once_per_period_with_verdict_and_evidence(plans, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    target = plans["top"][1]  # poverty down to 5 %, lower is better
    first = services.record_progress(
        actor=system_actor(),
        target=target,
        period_type="year",
        period_year=2025,
        achieved=Decimal("5.4"),
        verdict_text="cơ bản đạt",
        files=[ContentFile(b"bao cao", name="bao-cao.pdf")],
    )
    assert first.verdict == Verdict.MOSTLY  # 5 / 5,4 = 92,6 %
    assert first.period_end == D(2025, 12, 31)
    again = services.record_progress(
        actor=system_actor(),
        target=target,
        period_type="year",
        period_year=2025,
        achieved=Decimal("4.8"),
    )
    assert again.pk == first.pk
    assert again.verdict == Verdict.EXCEEDED
    assert Progress.objects.filter(target=target).count() == 1
    evidence = first.evidence.get()
    assert evidence.original_name == "bao-cao.pdf"
    assert evidence.sha256
    # A stricter threshold judges the recorded values again.
    services.update_target(actor=system_actor(), target=target, target_value=Decimal(4))
    again.refresh_from_db()
    assert again.verdict == Verdict.NOT_ACHIEVED  # 4 / 4,8 = 83 %


def test_progress_needs_a_real_period_and_something_said(plans):
    target = plans["top"][0]
    with pytest.raises(ValidationError):
        services.record_progress(
            actor=system_actor(),
            target=target,
            period_type="quarter",
            period_year=2025,
            period_number=5,
            achieved=Decimal(1),
        )
    with pytest.raises(ValidationError):
        services.record_progress(
            actor=system_actor(),
            target=target,
            period_type="year",
            period_year=2025,
            achieved=None,
        )


def test_a_plans_task_is_followed_up_as_a_meetings(plans):
    task = plans["commune_task"]
    services.set_task_status(
        actor=system_actor(),
        task=task,
        status=TaskBase.Status.DONE,
        on=D(2025, 11, 3),
        note="Đã tổ chức",
    )
    task.refresh_from_db()
    assert task.done_on == D(2025, 11, 3)
    assert task.notes == "03/11/2025: Đã tổ chức"
    services.set_task_status(
        actor=system_actor(), task=task, status="open", on=D(2025, 11, 5), note="Mở lại"
    )
    task.refresh_from_db()
    assert task.done_on is None
    assert task.notes.splitlines() == ["03/11/2025: Đã tổ chức", "05/11/2025: Mở lại"]
    assert "mo lai" in task.search_text
    with pytest.raises(ValidationError):
        services.set_task_status(actor=system_actor(), task=task, status="lost")


def test_the_owner_body_of_a_task_reads_it_but_does_not_change_it(plans, users, bodies):
    task = services.add_task(
        actor=system_actor(),
        plan=plans["province"],
        group=plans["province"].groups.first(),
        title="Việc tỉnh giao cho xã",
        owner_body=bodies["sibling"],
        partner_bodies=[bodies["commune"]],
    )
    assert PlanTask.objects.visible_to(users["sibling"]).filter(pk=task.pk).exists()
    with pytest.raises(PermissionDenied):
        services.set_task_status(actor=users["sibling"], task=task, status="done")


def test_the_cascade_level_by_level(plans, users):
    services.record_progress(
        actor=system_actor(),
        target=plans["commune_targets"][0],
        period_type="year",
        period_year=2025,
        achieved=Decimal(3),
    )
    nodes = services.cascade(plans["province"], users["province"])
    assert [n.target for n in nodes] == plans["top"]
    below = {n.target.plan_id for n in nodes[0].below}
    assert below == {plans["commune"].pk, plans["sibling"].pk}
    commune_node = next(n for n in nodes[0].below if n.target.plan == plans["commune"])
    assert commune_node.level == 1
    assert commune_node.progress is not None
    assert commune_node.progress.verdict == Verdict.EXCEEDED
    # The commune sees its own branch only.
    mine = services.cascade(plans["province"], users["commune"])
    assert {n.target.plan_id for n in mine[0].below} == {plans["commune"].pk}
    flat = services.walk(mine)
    assert [n.level for n in flat] == [0, 1, 0, 1]


def test_plan_summary_reads_the_latest_progress(plans):
    for target, value in zip(plans["top"], ("25", "4"), strict=True):
        services.record_progress(
            actor=system_actor(),
            target=target,
            period_type="6m",
            period_year=2025,
            achieved=Decimal(1),
        )
        services.record_progress(
            actor=system_actor(),
            target=target,
            period_type="year",
            period_year=2025,
            achieved=Decimal(value),
        )
    summary = services.plan_summary(plans["province"])
    assert summary.text() == "hoàn thành 2/2 chỉ tiêu (100%), vượt 2"
    earlier = services.plan_summary(plans["province"], until=D(2025, 6, 30))
    # By mid-year: 1 model of 20 (không đạt), poverty at 1 % (below 5 %: vượt).
    assert (earlier.exceeded, earlier.not_achieved) == (1, 1)


def test_groups_are_editable_and_only_empty_ones_go(plans):
    plan = plans["commune"]
    group = services.add_group(actor=system_actor(), plan=plan, name="Chuyển đổi số")
    assert group.order == len(DEFAULT_GROUPS) + 1
    services.update_group(actor=system_actor(), group=group, name="Chuyển đổi số 2")
    with pytest.raises(PlanError):
        services.delete_group(actor=system_actor(), group=plan.groups.get(order=1))
    services.delete_group(actor=system_actor(), group=group)
    assert not plan.groups.filter(pk=group.pk).exists()
    assert Plan.objects.filter(pk=plan.pk).exists()
