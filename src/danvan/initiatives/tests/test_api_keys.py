"""Progress results and evaluation scores are keyed by criterion ids: any other
key is a 400 with a message in Vietnamese, never a server error."""

import pytest

pytestmark = pytest.mark.django_db

BAD_KEYS = ["abc", "", "1.5", "²", "-3", "9" * 30]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_progress_with_a_key_that_is_not_an_id_is_refused(
    client, tree, users, registered, key
):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/progress/",
        {"date": "2025-06-30", "results": {key: "2.5"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "không phải là mã số" in response.json()["results"][0]
    assert not initiative.updates.exists()


@pytest.mark.parametrize("key", BAD_KEYS)
def test_scores_with_a_key_that_is_not_an_id_are_refused(
    client, tree, users, registered, rubric, key
):
    initiative = registered(tree["commune"])
    client.force_login(users["province"])
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/evaluate/",
        {"scores": {key: "9"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "không phải là mã số" in response.json()["scores"][0]
    assert not initiative.evaluations.exists()


def test_ids_of_no_criterion_are_refused_not_failed(
    client, tree, users, registered, rubric
):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/progress/",
        {"date": "2025-06-30", "results": {"987654321": "2.5"}},
        content_type="application/json",
    )
    assert response.status_code in (201, 400)
    client.force_login(users["province"])
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/evaluate/",
        {"scores": {"987654321": "9"}},
        content_type="application/json",
    )
    assert response.status_code == 400
