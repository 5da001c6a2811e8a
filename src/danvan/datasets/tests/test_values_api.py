"""The values API: a body's form for a period read and written in bulk, with
the page's validation and locks; idempotent, all or nothing."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from danvan.datasets.models import DataValue, Submission
from danvan.datasets.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/values/"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def query(body, period="quarter:2026:3"):
    return f"{URL}?form=test-bc-quy&period={period}&body={body.pk}"


def test_put_then_get(users, quarterly, period, bodies):
    client = api(users["commune"])
    data: dict[str, list[dict[str, object]]] = {
        "values": [
            {"indicator": "TEST_MH_DK", "value": 12},
            {"indicator": "TEST_MH_HQ", "value": "2.943"},
            {"indicator": "TEST_DOI_THOAI", "option": "", "value": 1.5},
        ]
    }
    response = client.put(query(bodies["commune"]), data, format="json")
    # 1.5 dialogues: not a whole number; nothing saved, every bad row listed.
    assert response.status_code == 400
    assert [e["indicator"] for e in response.json()["errors"]] == ["TEST_DOI_THOAI"]
    assert "số nguyên" in response.json()["errors"][0]["message"]
    assert not DataValue.objects.exists()
    data["values"][2]["value"] = 4
    response = client.put(query(bodies["commune"]), data, format="json")
    assert response.status_code == 200
    got = client.get(query(bodies["commune"])).json()
    assert got["status"] == "draft"
    assert {v["indicator"]: v["number"] for v in got["values"]} == {
        "TEST_DOI_THOAI": "4",
        "TEST_MH_DK": "12",
        "TEST_MH_HQ": "2943",
    }
    # Idempotent: the same PUT again leaves the same values.
    again = client.put(query(bodies["commune"]), data, format="json")
    assert again.json()["values"] == response.json()["values"]
    assert DataValue.objects.count() == 3


def test_null_clears_a_value(users, quarterly, period, bodies):
    client = api(users["commune"])
    url = query(bodies["commune"])
    client.put(
        url, {"values": [{"indicator": "TEST_MH_DK", "value": 3}]}, format="json"
    )
    client.put(
        url, {"values": [{"indicator": "TEST_MH_DK", "value": None}]}, format="json"
    )
    assert not DataValue.objects.exists()


def test_locked_is_409_and_nothing_saved(users, quarterly, period, bodies):
    SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"], status="accepted"
    )
    response = api(users["commune"]).put(
        query(bodies["commune"]),
        {"values": [{"indicator": "TEST_MH_DK", "value": 1}]},
        format="json",
    )
    assert response.status_code == 409
    assert "khóa" in response.json()["detail"]
    assert not DataValue.objects.exists()


def test_scope_and_roles(users, quarterly, period, bodies):
    data = {"values": [{"indicator": "TEST_MH_DK", "value": 1}]}
    assert api(users["sibling"]).get(query(bodies["commune"])).status_code == 404
    assert (
        api(users["sibling"])
        .put(query(bodies["commune"]), data, format="json")
        .status_code
        == 404
    )
    assert (
        api(users["viewer"])
        .put(query(bodies["commune"]), data, format="json")
        .status_code
        == 403
    )
    assert (
        api(users["viewer"]).get(query(bodies["commune"])).json()["submission"] is None
    )
    assert not Submission.objects.exists()


def test_body_that_does_not_report_and_unknown_period(users, quarterly, period, bodies):
    data = {"values": [{"indicator": "TEST_MH_DK", "value": 1}]}
    response = api(users["commune"]).put(query(bodies["front"]), data, format="json")
    assert response.status_code == 400
    assert "không báo cáo" in response.json()["detail"]
    assert (
        api(users["commune"]).get(query(bodies["commune"], "tuan:1")).status_code == 404
    )


def test_period_by_id_and_form_by_id(users, quarterly, period, bodies):
    url = f"{URL}?form={quarterly.pk}&period={period.pk}&body={bodies['commune'].pk}"
    client = api(users["commune"])
    assert (
        client.put(
            url, {"values": [{"indicator": "TEST_MH_DK", "value": "7"}]}, format="json"
        ).status_code
        == 200
    )
    assert client.get(url).json()["values"][0]["number"] == "7"


def test_anonymous_is_refused():
    assert APIClient().get(URL).status_code in (401, 403)
