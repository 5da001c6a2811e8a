"""Evaluations are never overwritten: the latest is current, the rest stay."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.initiatives import services
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def scores(rubric, value):
    return {c.pk: Decimal(value) for c in rubric.criteria.all()}


def test_a_new_evaluation_becomes_current_and_the_old_one_stays(
    client, tree, users, registered, rubric
):
    initiative = registered(tree["commune"])
    first = services.evaluate_initiative(
        actor=users["province"],
        initiative=initiative,
        scores=scores(rubric, 6),
        evaluated_on=dt.date(2025, 6, 30),
        comment="Sơ kết 6 tháng",
    )
    initiative.refresh_from_db()
    assert (initiative.classification, initiative.evaluated_on) == (
        "dat",
        dt.date(2025, 6, 30),
    )
    second = services.evaluate_initiative(
        actor=users["province"],
        initiative=initiative,
        scores=scores(rubric, 9.5),
        evaluated_on=dt.date(2025, 11, 30),
        comment="Bình xét cuối năm",
    )
    initiative.refresh_from_db()
    assert initiative.classification == "dien_hinh"
    assert initiative.evaluated_on == dt.date(2025, 11, 30)
    assert list(initiative.evaluations.all()) == [second, first]
    first.refresh_from_db()
    assert first.classification == "dat"
    assert first.total == Decimal("60.00")

    client.force_login(users["commune"])
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Sơ kết 6 tháng" in page
    assert "Bình xét cuối năm" in page


def test_an_evaluation_dated_earlier_does_not_replace_the_current_one(
    tree, users, registered, rubric
):
    initiative = registered(tree["commune"])
    services.evaluate_initiative(
        actor=users["province"],
        initiative=initiative,
        scores=scores(rubric, 8),
        evaluated_on=dt.date(2025, 11, 30),
    )
    services.evaluate_initiative(
        actor=users["province"],
        initiative=initiative,
        scores=scores(rubric, 2),
        evaluated_on=dt.date(2025, 3, 1),
    )
    initiative.refresh_from_db()
    assert initiative.classification == "hieu_qua"
    assert initiative.evaluations.count() == 2
    assert Initiative.objects.effective().filter(pk=initiative.pk).exists()


def test_evaluation_page_saves_an_evaluation(client, tree, users, registered, rubric):
    initiative = registered(tree["commune"])
    client.force_login(users["province"])
    url = f"/models/{initiative.pk}/evaluate/"
    assert client.get(url).status_code == 200
    data = {f"score_{c.pk}": "7,5" for c in rubric.criteria.all()}
    data.update(evaluated_on="2025-06-30", comment="Tốt")
    response = client.post(url, data)
    assert response.status_code == 302
    evaluation = initiative.evaluations.get()
    assert evaluation.total == Decimal("75.00")
    assert evaluation.classification == "hieu_qua"
