"""The home page lists what waits for the user, counted in their own scope."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import Membership
from danvan.common.actors import system_actor
from danvan.ingestion import services as ingestion
from danvan.meetings.models import Task
from danvan.meetings.services import meetings
from danvan.units import services
from danvan.units.models import Body

pytestmark = pytest.mark.django_db


def test_home_counts_pending_texts_and_overdue_tasks_of_the_users_units(
    client, tree, users
):
    ingestion.ingest_text(
        actor=users["commune"],
        area=tree["commune"],
        text="Một bài viết chờ xác nhận dữ kiện.",
    )
    ingestion.ingest_text(
        actor=users["sibling"],
        area=tree["sibling"],
        text="Bài của xã bên cạnh, không phải của tôi.",
    )
    committee = services.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["commune"],
        valid_from=dt.date(2025, 7, 1),
    )
    meeting = meetings.create_meeting(
        actor=users["commune"],
        convening_body=committee,
        kind="giao_ban",
        title="Giao ban tháng 9",
        held_on=dt.date(2025, 9, 30),
    )
    task = meetings.create_task(
        actor=users["commune"],
        meeting=meeting,
        title="Rà soát hộ nghèo",
        owner_body=committee,
        due_on=dt.date(2025, 10, 15),
    )
    client.force_login(users["commune"])
    page = client.get(reverse("home")).content.decode()
    assert "Đang chờ bạn" in page
    pending = page.split("Bài viết, báo cáo chờ xác nhận dữ kiện")[1][:60]
    assert '<span class="badge">1</span>' in pending  # not the sibling's text
    assert Task.objects.visible_to(users["commune"]).overdue().count() == 1
    assert reverse("meetings:task_list") + "?status=overdue" in page
    overdue = page.split("Nhiệm vụ quá hạn")[1][:60]
    assert '<span class="badge">1</span>' in overdue
    # The task counts are kept (meetings.kept) until a task changes: done, the
    # task leaves them at once.
    meetings.set_task_status(actor=users["commune"], task=task, status=Task.Status.DONE)
    page = client.get(reverse("home")).content.decode()
    assert "Nhiệm vụ quá hạn" not in page

    client.force_login(users["village"])
    assert "Đang chờ bạn" not in client.get(reverse("home")).content.decode()


def test_home_names_the_users_units_and_follows_their_changes(client, tree, users):
    """The units are kept with the scope: a new membership or a renamed unit
    shows at once."""
    client.force_login(users["commune"])
    page = client.get(reverse("home")).content.decode()
    commune = tree["commune"]
    assert f'<a href="{commune.get_absolute_url()}">{commune.full_name}</a>' in page
    assert f"· {commune.parent.full_name}" in page
    body = services.create_body(
        actor=system_actor(),
        name="Ủy ban MTTQ xã Trạm Tấu",
        kind=Body.Kind.FRONT,
        area=commune,
    )
    Membership.objects.create(
        user=users["commune"], body=body, role=Membership.Role.APPROVER
    )
    page = client.get(reverse("home")).content.decode()
    named = page.split(
        f'<a href="{body.get_absolute_url()}">Ủy ban MTTQ xã Trạm Tấu</a>'
    )
    assert len(named) == 2
    assert f"· {commune.full_name}" in named[1][:200]
    assert "phê duyệt" in named[1][:300]  # the role
    body.name = "Ủy ban Mặt trận xã Trạm Tấu"
    body.save()
    assert "Ủy ban Mặt trận xã Trạm Tấu" in client.get(reverse("home")).content.decode()
