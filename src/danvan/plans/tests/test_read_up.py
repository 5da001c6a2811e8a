"""Reading up the tree, page by page: the province's programme is read by the
commune whose plan implements it, never changed there; a sibling commune
whose plan does not implement it does not see it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.plans import services
from danvan.plans.models import Plan, PlanTask, Progress, Target
from danvan.plans.tests.factories import PlanFactory, PlanTaskFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cascade(tree, bodies, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = PlanFactory.create(
        area=tree["province"], body=bodies["province"], title="Chương trình PV-TOP"
    )
    target = TargetFactory.create(plan=province, name="Chỉ tiêu PV-TOP")
    task = PlanTaskFactory.create(
        plan=province, owner_body=bodies["province"], title="Nhiệm vụ PV-TOP"
    )
    progress = services.record_progress(
        actor=system_actor(),
        target=target,
        period_type="year",
        period_year=2025,
        achieved=Decimal(8),
        files=[ContentFile(b"minh chung", name="minh-chung.txt")],
    )
    commune = PlanFactory.create(
        area=tree["commune"], body=bodies["commune"], parent=province
    )
    TargetFactory.create(plan=commune, name="Chỉ tiêu của xã", serves=target)
    # The sibling commune's plan implements nothing.
    sibling = PlanFactory.create(area=tree["sibling"], body=bodies["sibling"])
    return {
        "plan": province,
        "target": target,
        "task": task,
        "evidence": progress.evidence.get(),
        "commune": commune,
        "sibling": sibling,
    }


READS = [
    ("plans:plan_detail", "plan"),
    ("plans:targets_export", "plan"),
    ("plans:target_detail", "target"),
    ("plans:task_detail", "task"),
    ("plans:evidence", "evidence"),
    ("plan-detail", "plan"),
]


@pytest.mark.parametrize(("name", "kind"), READS)
def test_the_commune_reads_the_programme_its_plan_implements(
    client, users, cascade, name, kind
):
    client.force_login(users["commune"])
    response = client.get(reverse(name, args=[cascade[kind].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "kind"), READS)
def test_a_sibling_whose_plan_does_not_implement_it_does_not_see_it(
    client, users, cascade, name, kind
):
    client.force_login(users["sibling"])
    response = client.get(reverse(name, args=[cascade[kind].pk]))
    assert response.status_code == 404


def test_the_programme_page_shows_the_communes_branch_only(client, users, cascade):
    client.force_login(users["commune"])
    text = client.get(
        reverse("plans:plan_detail", args=[cascade["plan"].pk])
    ).content.decode()
    assert "Chỉ tiêu PV-TOP" in text
    assert "Nhiệm vụ PV-TOP" in text
    assert "Chỉ tiêu của xã" in text  # the cascade, level 1
    assert reverse("plans:plan_edit", args=[cascade["plan"].pk]) not in text
    assert "only its own unit changes it" in text or "chỉ đơn vị" in text


def test_the_list_and_the_api_list_hold_it_for_the_commune_only(client, users, cascade):
    client.force_login(users["commune"])
    text = client.get(reverse("plans:list")).content.decode()
    assert "Chương trình PV-TOP" in text
    ids = {p["id"] for p in client.get("/api/v1/plans/").json()["results"]}
    assert ids == {cascade["plan"].pk, cascade["commune"].pk}
    client.force_login(users["sibling"])
    assert "PV-TOP" not in client.get(reverse("plans:list")).content.decode()
    ids = {p["id"] for p in client.get("/api/v1/plans/").json()["results"]}
    assert ids == {cascade["sibling"].pk}


WRITES = [
    (
        "plans:plan_edit",
        "plan",
        {"starts_year": 2025, "ends_year": 2026, "mostly_from": "50"},
    ),
    ("plans:group_add", "plan", {"name": "Nhóm chen vào"}),
    ("plans:target_add", "plan", {"name": "Chen vào", "target_value": "1"}),
    ("plans:task_add", "plan", {"title": "Chen vào"}),
    ("plans:targets_import", "plan", {}),
    ("plans:target_edit", "target", {"name": "Sửa", "target_value": "1"}),
    (
        "plans:progress_add",
        "target",
        {"period_type": "year", "period_year": 2025, "achieved": "1"},
    ),
    ("plans:task_status", "task", {"status": "done"}),
    ("plans:task_edit", "task", {"title": "Sửa"}),
]


def _state():
    return (
        list(Plan.objects.values_list("pk", "ends_year", "mostly_from")),
        list(Target.objects.values_list("pk", "name", "target_value")),
        list(PlanTask.objects.values_list("pk", "title", "status")),
        list(Progress.objects.values_list("pk", "achieved")),
        list(cascade_groups()),
    )


def cascade_groups():
    from danvan.plans.models import PlanGroup

    return PlanGroup.objects.values_list("pk", "name")


@pytest.mark.parametrize(("name", "kind", "data"), WRITES)
def test_the_commune_never_changes_what_it_reads_up(
    client, users, cascade, name, kind, data
):
    client.force_login(users["commune"])
    url = reverse(name, args=[cascade[kind].pk])
    before = _state()
    if name not in ("plans:group_add", "plans:task_status"):
        assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert _state() == before
    # The province's own officer may.
    client.force_login(users["province"])
    if name not in ("plans:group_add", "plans:task_status"):
        assert client.get(url).status_code == 200
