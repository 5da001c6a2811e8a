"""The plans pages, read and written as each user may."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.common.audit import acting_as
from danvan.common.dashboard import items_for
from danvan.documents import services as documents
from danvan.plans import services
from danvan.plans.models import Plan, PlanTask, Progress
from danvan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_detail_shows_groups_targets_tasks_summary_and_cascade(client, users, plans):
    services.record_progress(
        actor=system_actor(),
        target=plans["top"][0],
        period_type="year",
        period_year=2025,
        achieved=Decimal(22),
        verdict_text="vượt chỉ tiêu",
    )
    client.force_login(users["province"])
    text = client.get(
        reverse("plans:plan_detail", args=[plans["province"].pk])
    ).content.decode()
    assert "Mô hình dân vận khéo" in text
    assert "Nhiệm vụ của tỉnh" in text
    assert "hoàn thành 1/2 chỉ tiêu (50%), vượt 1, chưa đánh giá 1" in text
    assert "“vượt chỉ tiêu”" in text
    assert "22 " in text  # the value, written the Vietnamese way
    # The cascade: both communes' targets below the province's.
    assert "Mô hình của commune" in text
    assert "Mô hình của sibling" in text
    assert reverse("plans:plan_edit", args=[plans["province"].pk]) in text


def test_detail_rows_are_kept_and_a_change_shows_at_once(client, users, plans):
    """The page's rows are kept per reader's scope: a progress recorded, a
    group renamed, a document retitled show on the next view; a plan read up
    the tree stays seen by the commune, another commune's plan is a 404."""
    url = reverse("plans:plan_detail", args=[plans["province"].pk])
    client.force_login(users["province"])
    assert "chưa đánh giá 2" in client.get(url).content.decode()
    services.record_progress(
        actor=system_actor(),
        target=plans["top"][0],
        period_type="year",
        period_year=2025,
        achieved=Decimal(20),
    )
    group = plans["province"].groups.order_by("order").first()
    services.update_group(
        actor=system_actor(), group=group, name="Nhóm đổi tên", order=group.order
    )
    text = client.get(url).content.decode()
    assert "hoàn thành 1/2 chỉ tiêu (50%), chưa đánh giá 1" in text
    assert "Nhóm đổi tên" in text
    # The commune reads the programme its plan implements, not the sibling's plan.
    client.force_login(users["commune"])
    assert client.get(url).status_code == 200
    sibling = reverse("plans:plan_detail", args=[plans["sibling"].pk])
    assert client.get(sibling).status_code == 404


def test_detail_change_log_is_kept_and_a_change_shows_at_once(client, users, plans):
    """The change log is kept as the HTML it makes: a target renamed after the
    first view is in the log of the next one."""
    url = reverse("plans:plan_detail", args=[plans["province"].pk])
    client.force_login(users["province"])
    first = client.get(url).content.decode()
    assert 'id="change-log"' in first
    assert "Mô hình được đổi tên" not in first
    target = plans["top"][0]
    target.name = "Mô hình được đổi tên"
    with acting_as(system_actor()):
        target.save()
    text = client.get(url).content.decode()
    log = text[text.index('id="change-log"') :]
    assert "Mô hình được đổi tên" in log


def test_target_page_keeps_the_targets_below_and_shows_a_change(client, users, plans):
    """A province target's page lists the communes' targets serving it (kept
    per reader's scope): a progress recorded below shows on the next view;
    the commune reads the province's target, the sibling not the commune's."""
    url = reverse("plans:target_detail", args=[plans["top"][0].pk])
    client.force_login(users["province"])
    before = client.get(url).content.decode()
    assert "Mô hình của commune" in before
    assert "badge verdict-" not in before
    services.record_progress(
        actor=system_actor(),
        target=plans["commune_targets"][0],
        period_type="year",
        period_year=2025,
        achieved=Decimal(7),
    )
    assert "badge verdict-" in client.get(url).content.decode()
    client.force_login(users["commune"])
    assert client.get(url).status_code == 200
    client.force_login(users["sibling"])
    mine = reverse("plans:target_detail", args=[plans["commune_targets"][0].pk])
    assert client.get(mine).status_code == 404


def test_list_rows_are_kept_and_a_new_plan_shows_at_once(
    client, users, plans, tree, bodies
):
    """The list's rows are kept per reader's scope and query string: a plan
    entered, a document retitled show on the next view."""
    client.force_login(users["commune"])
    url = reverse("plans:list")
    assert "Kế hoạch mới của xã" not in client.get(url).content.decode()
    PlanFactory.create(
        area=tree["commune"], body=bodies["commune"], title="Kế hoạch mới của xã"
    )
    document = plans["commune"].document
    document.title = "Tiêu đề đã sửa"
    document.save()
    text = client.get(url).content.decode()
    assert "Kế hoạch mới của xã" in text
    assert "Tiêu đề đã sửa" in text


def test_list_filters_and_search(client, users, plans):
    client.force_login(users["province"])
    url = reverse("plans:list")
    text = client.get(url).content.decode()
    assert text.count('href="/plans/') >= 3
    below = client.get(url, {"level": "below"}).content.decode()
    assert plans["province"].document.title not in below
    assert plans["commune"].document.title in below
    found = client.get(url, {"q": "chuong trinh hanh dong"}).content.decode()
    assert plans["province"].document.title in found
    assert plans["commune"].document.title not in found
    rows = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in rows
    assert plans["commune"].document.title in rows


def test_create_a_plan_from_the_page_entering_its_document(
    client, users, tree, bodies, plans
):
    client.force_login(users["commune"])
    url = reverse("plans:create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "area": tree["commune"].pk,
            "body": bodies["commune"].pk,
            "symbol_text": "45-KH/ĐU",
            "issued_on": "02/09/2025",
            "title": "Kế hoạch thực hiện chương trình của tỉnh",
            "kind": "ke_hoach",
            "starts_year": "2025",
            "ends_year": "2026",
            "mostly_from": "85",
            "parent": plans["province"].pk,
        },
    )
    plan = Plan.objects.get(document__title="Kế hoạch thực hiện chương trình của tỉnh")
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert plan.parent == plans["province"]
    assert plan.mostly_from == Decimal(85)
    # Neither a document nor a symbol: the form says what is missing.
    refused = client.post(url, {"area": tree["commune"].pk, "starts_year": "2025"})
    assert refused.status_code == 200
    assert Plan.objects.count() == 4


def test_create_a_plan_from_an_existing_document(client, users, tree, bodies):
    document = documents.register_document(
        actor=system_actor(),
        area=tree["commune"],
        symbol_text="46-KH/ĐU",
        issued_on=dt.date(2025, 9, 3),
        title="Kế hoạch đã vào sổ",
        issuer_body=bodies["commune"],
    )
    client.force_login(users["commune"])
    response = client.post(
        reverse("plans:create"),
        {
            "document": document.pk,
            "area": tree["commune"].pk,
            "body": bodies["commune"].pk,
            "kind": "ke_hoach",
            "starts_year": "2025",
            "mostly_from": "90",
        },
    )
    assert response.status_code == 302
    assert Plan.objects.get(document=document).ends_year == 2025


def test_add_a_target_record_progress_with_evidence(
    client, users, plans, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    plan = plans["commune"]
    client.force_login(users["commune"])
    group = plan.groups.get(order=2)
    response = client.post(
        reverse("plans:target_add", args=[plan.pk]),
        {
            "group": group.pk,
            "name": "Thôn không có người xuất cảnh trái phép",
            "unit": "thôn",
            "target_value": "1.500",
            "direction": "at_least",
            "serves": plans["top"][0].pk,
        },
    )
    assert response.status_code == 302
    target = plan.targets.get(group=group)
    assert target.target_value == Decimal(1500)
    assert target.serves == plans["top"][0]
    # Changed with its number left empty: it keeps its number.
    edit = client.post(
        reverse("plans:target_edit", args=[target.pk]),
        {
            "group": group.pk,
            "name": "Thôn không có người xuất cảnh trái phép",
            "unit": "thôn",
            "target_value": "1.500",
            "direction": "at_least",
        },
    )
    assert edit.status_code == 302
    target.refresh_from_db()
    assert target.order == 1
    assert target.serves is None
    target.serves = plans["top"][0]
    target.save()
    page = client.get(reverse("plans:progress_add", args=[target.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("plans:progress_add", args=[target.pk]),
        {
            "period_type": "quarter",
            "period_year": "2025",
            "period_number": "3",
            "achieved": "1.600,5",
            "note": "Theo báo cáo của các thôn",
            "evidence": SimpleUploadedFile("bao-cao.txt", b"so lieu"),
        },
    )
    assert response.status_code == 302
    progress = Progress.objects.get(target=target)
    assert progress.achieved == Decimal("1600.5")
    assert progress.verdict == "dat"
    evidence = progress.evidence.get()
    detail = client.get(target.get_absolute_url()).content.decode()
    assert "quý III/2025" in detail
    assert "1.600,5" in detail
    file = client.get(reverse("plans:evidence", args=[evidence.pk]))
    assert b"".join(file.streaming_content) == b"so lieu"
    # A quarter V does not exist: the form says so, nothing is saved.
    bad = client.post(
        reverse("plans:progress_add", args=[target.pk]),
        {
            "period_type": "quarter",
            "period_year": "2025",
            "period_number": "5",
            "achieved": "1",
        },
    )
    assert bad.status_code == 200
    assert Progress.objects.filter(target=target).count() == 1


def test_task_pages_and_follow_up(client, users, plans, bodies):
    task = plans["commune_task"]
    client.force_login(users["commune"])
    assert client.get(task.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("plans:task_status", args=[task.pk]),
        {"status": "done", "on": "05/11/2025", "note": "Đã hoàn thành"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == PlanTask.Status.DONE
    assert task.notes == "05/11/2025: Đã hoàn thành"
    response = client.post(
        reverse("plans:task_edit", args=[task.pk]),
        {
            "group": task.group_id,
            "title": "Nhiệm vụ đã sửa",
            "owner_body": bodies["commune"].pk,
            "due_on": "31/12/2025",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "Nhiệm vụ đã sửa"
    text = client.get(task.get_absolute_url()).content.decode()
    assert "05/11/2025: Đã hoàn thành" in text
    assert "31/12/2025" in text


def test_groups_from_the_page(client, users, plans):
    plan = plans["commune"]
    client.force_login(users["commune"])
    client.post(reverse("plans:group_add", args=[plan.pk]), {"name": "Chuyển đổi số"})
    group = plan.groups.get(name="Chuyển đổi số")
    client.post(
        reverse("plans:group_edit", args=[group.pk]), {"name": "Số hóa", "order": "9"}
    )
    group.refresh_from_db()
    assert (group.name, group.order) == ("Số hóa", 9)
    client.post(reverse("plans:group_edit", args=[group.pk]), {"delete": "1"})
    assert not plan.groups.filter(pk=group.pk).exists()


def test_home_page_items(users, plans):
    task = plans["commune_task"]
    task.due_on = dt.date(2020, 1, 1)
    task.save()
    found = {item.label: item.count for item in items_for(users["commune"])}
    assert found["Nhiệm vụ kế hoạch quá hạn"] == 1
    assert found["Nhiệm vụ kế hoạch đang thực hiện"] == 1
    # The province changes the communes' plans too: their tasks are its work.
    found = {item.label: item.count for item in items_for(users["province"])}
    assert found["Nhiệm vụ kế hoạch đang thực hiện"] == 3
    # The sibling's counts never hold the commune's task.
    found = {item.label: item.count for item in items_for(users["sibling"])}
    assert "Nhiệm vụ kế hoạch quá hạn" not in found
