"""The API takes JSON numbers as they are and never misreads a string written
the Vietnamese way: "15.000" for a whole number is refused, not stored as 15."""

import pytest

pytestmark = pytest.mark.django_db


def _progress(client, initiative, money):
    return client.post(
        f"/api/v1/initiatives/{initiative.pk}/progress/",
        {"date": "2025-06-30", "money_vnd": money, "working_days": 3},
        content_type="application/json",
    )


def test_json_numbers_are_taken_as_they_are(client, tree, users, registered):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])

    assert _progress(client, initiative, 15_000_000).status_code == 201
    assert _progress(client, initiative, 15.0).status_code == 201
    assert _progress(client, initiative, "2500000").status_code == 201
    assert sorted(initiative.updates.values_list("money_vnd", flat=True)) == [
        15,
        2_500_000,
        15_000_000,
    ]


def test_a_grouped_string_is_refused_not_misread(client, tree, users, registered):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])

    response = _progress(client, initiative, "15.000")

    assert response.status_code == 400
    assert "money_vnd" in response.json()
    assert not initiative.updates.exists()
