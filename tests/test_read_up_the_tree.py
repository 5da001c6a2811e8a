"""Reading up the tree: units below read what the levels above address to them.

The rule (common/access.py): a document is read by the units of every document
that implements it, up the chain; a meeting task by the units of its owner
body. Reading never gives a write, and a sibling unit sees none of it.
"""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import User
from danvan.documents.models import Document, DocumentRelation
from danvan.meetings import services as meetings
from danvan.meetings.models import Task
from danvan.units import services as units
from danvan.units.models import Body

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", password="secret-pass-1")


@pytest.fixture
def plans(tree):
    def document(area, kind, title):
        return Document.objects.create(
            area=area,
            area_path=area.path,
            kind=kind,
            title=title,
            issued_on=D(2026, 3, 2),
        )

    kind = Document.Kind
    directive = document(
        tree["province"], kind.DIRECTIVE, "Chỉ thị về công tác dân vận năm 2026"
    )
    plan = document(
        tree["commune"], kind.PLAN, "Kế hoạch của xã Trạm Tấu thực hiện Chỉ thị"
    )
    village_plan = document(
        tree["village"], kind.PLAN, "Kế hoạch của chi bộ thôn Trung Tâm"
    )
    unrelated = document(
        tree["province"], kind.DIRECTIVE, "Chỉ thị về phòng chống thiên tai"
    )
    implements = DocumentRelation.Kind.IMPLEMENTS
    DocumentRelation.objects.create(source=plan, target=directive, kind=implements)
    DocumentRelation.objects.create(source=village_plan, target=plan, kind=implements)
    # A reply to the province (not an implementation) opens nothing upwards.
    DocumentRelation.objects.create(
        source=plan, target=unrelated, kind=DocumentRelation.Kind.REVIEWS
    )
    return {
        "directive": directive,
        "plan": plan,
        "village_plan": village_plan,
        "unrelated": unrelated,
    }


def test_village_viewer_reads_the_commune_plan_and_the_directive_it_implements(
    client, users, plans
):
    village = users["village"]
    visible = Document.objects.visible_to(village)
    assert set(visible) == {plans["village_plan"], plans["plan"], plans["directive"]}
    client.force_login(village)
    for key in ("plan", "directive"):
        page = client.get(reverse("documents:detail", args=[plans[key].pk]))
        assert page.status_code == 200
        assert plans[key].title in page.content.decode()


def test_reading_up_never_gives_a_write(client, users, plans):
    commune = users["commune"]  # an editor of the commune
    assert set(Document.objects.editable_by(commune)) == {
        plans["plan"],
        plans["village_plan"],
    }
    assert plans["directive"] in Document.objects.visible_to(commune)
    client.force_login(commune)
    edit = reverse("documents:edit", args=[plans["directive"].pk])
    assert client.get(edit).status_code == 403


def test_sibling_commune_sees_none_of_it(client, users, plans):
    sibling = users["sibling"]
    assert not Document.objects.visible_to(sibling).exists()
    client.force_login(sibling)
    for key in ("directive", "plan", "village_plan"):
        url = reverse("documents:detail", args=[plans[key].pk])
        assert client.get(url).status_code == 404


def test_only_implementing_opens_a_document_above(users, plans):
    assert plans["unrelated"] not in Document.objects.visible_to(users["commune"])


@pytest.fixture
def province_task(tree, root):
    def body(name, area, kind):
        return units.create_body(actor=root, name=name, kind=kind, area=area)

    province = body("Tỉnh ủy Lào Cai", tree["province"], Body.Kind.PARTY_COMMITTEE)
    commune = body("Đảng ủy xã Trạm Tấu", tree["commune"], Body.Kind.PARTY_COMMITTEE)
    meeting = meetings.create_meeting(
        actor=root,
        convening_body=province,
        kind="giao_ban",
        title="Giao ban dân vận quý III/2026 của Tỉnh ủy",
        held_on=D(2026, 10, 5),
    )
    conclusion = meetings.add_conclusion(
        actor=root, meeting=meeting, text="Các xã vùng cao rà soát mô hình dân vận"
    )
    return meetings.create_task(
        actor=root,
        meeting=meeting,
        title="Rà soát mô hình dân vận khéo của xã",
        owner_body=commune,
        conclusion=conclusion,
    )


def test_task_given_to_the_commune_is_read_there_never_changed(
    client, users, province_task
):
    commune = users["commune"]
    assert province_task in Task.objects.visible_to(commune)
    assert province_task not in Task.objects.editable_by(commune)
    client.force_login(commune)
    page = client.get(reverse("meetings:task_detail", args=[province_task.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert province_task.meeting.title in html
    assert "Các xã vùng cao rà soát" in html
    # The province's meeting itself stays out of reach, and is not linked.
    assert province_task.meeting.get_absolute_url() not in html
    meeting_page = client.get(province_task.meeting.get_absolute_url())
    assert meeting_page.status_code == 404
    listed = client.get(reverse("meetings:task_list")).content.decode()
    assert province_task.title in listed
    assert province_task.meeting.get_absolute_url() not in listed
    status = reverse("meetings:task_status", args=[province_task.pk])
    assert client.post(status, {"status": "done"}).status_code == 403
    province_task.refresh_from_db()
    assert province_task.status == Task.Status.OPEN


def test_sibling_commune_sees_nothing_of_the_task(client, users, province_task):
    sibling = users["sibling"]
    assert not Task.objects.visible_to(sibling).exists()
    client.force_login(sibling)
    url = reverse("meetings:task_detail", args=[province_task.pk])
    assert client.get(url).status_code == 404
    status = reverse("meetings:task_status", args=[province_task.pk])
    assert client.post(status, {"status": "done"}).status_code == 404
