"""The judging pages: accept, return and evaluate through the test client.

The approver of the level above judges; the unit's own approver and a viewer
are refused with a 403; every outcome is told in Vietnamese.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from danvan.accounts.models import Membership
from danvan.accounts.tests.factories import UserFactory
from danvan.initiatives.models import Initiative
from danvan.initiatives.tests.factories import InitiativeFactory
from danvan.units.tests.factories import BodyFactory, PersonFactory, VillageFactory

Status = Initiative.Status
APPROVER = Membership.Role.APPROVER


@pytest.fixture
def judge(tree):
    return UserFactory.create(
        membership__area=tree["province"], membership__role=APPROVER
    )


@pytest.fixture
def own_approver(tree):
    return UserFactory.create(
        membership__area=tree["commune"], membership__role=APPROVER
    )


@pytest.fixture
def viewer(tree):
    return UserFactory.create(
        membership__area=tree["province"], membership__role=Membership.Role.VIEWER
    )


@pytest.fixture
def submitted(tree):
    return InitiativeFactory.create(area=tree["commune"], status=Status.SUBMITTED)


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_approver_above_accepts(client, judge, submitted):
    client.force_login(judge)
    url = reverse("initiatives:accept", args=[submitted.pk])
    response = client.post(url, {"note": "Đạt yêu cầu."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.ACCEPTED
    assert submitted.reviewed_by == judge
    assert said(response) == [f"Đã chấp thuận đăng ký “{submitted.name}”."]


def test_accept_and_return_refuse_get(client, judge, submitted):
    client.force_login(judge)
    for name in ("accept", "return"):
        url = reverse(f"initiatives:{name}", args=[submitted.pk])
        assert client.get(url).status_code == 405
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_approver_above_returns_with_a_note(client, judge, submitted):
    client.force_login(judge)
    url = reverse("initiatives:return", args=[submitted.pk])
    response = client.post(url, {"note": "Bổ sung số hộ tham gia."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    assert said(response) == [f"Đã trả lại “{submitted.name}” để bổ sung."]


def test_return_without_a_note_is_refused(client, judge, submitted):
    client.force_login(judge)
    url = reverse("initiatives:return", args=[submitted.pk])
    response = client.post(url, {"note": ""})
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert said(response) == [
        "Hãy ghi rõ đơn vị cần sửa đổi, bổ sung gì trước khi trả lại."
    ]


@pytest.mark.parametrize("who", ["own_approver", "viewer"])
@pytest.mark.parametrize("name", ["accept", "return", "evaluate"])
def test_own_unit_and_viewer_are_refused(request, client, submitted, rubric, who, name):
    client.force_login(request.getfixturevalue(who))
    url = reverse(f"initiatives:{name}", args=[submitted.pk])
    assert client.post(url, {"note": "Được."}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_village_approver_cannot_judge_the_commune_above(client, tree, submitted):
    village = VillageFactory.create(commune=tree["commune"])
    user = UserFactory.create(membership__area=village, membership__role=APPROVER)
    client.force_login(user)
    url = reverse("initiatives:accept", args=[submitted.pk])
    assert client.post(url).status_code in (403, 404)


def test_approver_above_evaluates(client, tree, judge, rubric):
    initiative = InitiativeFactory.create(area=tree["commune"], status=Status.ACCEPTED)
    client.force_login(judge)
    url = reverse("initiatives:evaluate", args=[initiative.pk])
    page = client.get(url)
    assert page.status_code == 200
    criteria = list(rubric.criteria.all())
    assert all(c.name in page.content.decode() for c in criteria)

    data = {f"score_{c.pk}": str(c.max_score) for c in criteria}
    data.update(evaluated_on="15/12/2025", comment="Tốt.")
    response = client.post(url, data)
    assert response.status_code == 302
    evaluation = initiative.evaluations.get()
    assert evaluation.evaluator == judge
    assert said(response) == [
        f"Đã đánh giá: {evaluation.total} điểm, "
        f"xếp loại {evaluation.get_classification_display()}."
    ]


def test_a_body_model_is_judged_by_the_level_above(client, tree, judge):
    front = BodyFactory.create(area=tree["commune"])
    leader = PersonFactory.create(area=tree["commune"])
    initiative = InitiativeFactory.create(
        area=tree["commune"],
        body=front,
        status=Status.SUBMITTED,
        person_in_charge=leader.full_name,
    )
    assert initiative.body == front
    client.force_login(judge)
    url = reverse("initiatives:accept", args=[initiative.pk])
    assert client.post(url).status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.ACCEPTED
