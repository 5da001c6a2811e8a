"""/api/v1/plans/: the plans a user reads, with groups, targets (latest
progress) and tasks; read only; the list's rows as their details."""

from __future__ import annotations

from decimal import Decimal

import pytest

from danvan.common.actors import system_actor
from danvan.plans import services

pytestmark = pytest.mark.django_db


def test_list_and_detail(client, users, plans):
    services.record_progress(
        actor=system_actor(),
        target=plans["commune_targets"][0],
        period_type="year",
        period_year=2025,
        achieved=Decimal(2),
    )
    client.force_login(users["commune"])
    listed = client.get("/api/v1/plans/").json()
    assert listed["count"] == 2  # its own plan and the province's it implements
    by_id = {row["id"]: row for row in listed["results"]}
    assert set(by_id) == {plans["commune"].pk, plans["province"].pk}
    for pk, row in by_id.items():
        assert client.get(f"/api/v1/plans/{pk}/").json() == row
    mine = by_id[plans["commune"].pk]
    assert mine["parent"] == plans["province"].pk
    assert mine["summary"] == "hoàn thành 1/2 chỉ tiêu (50%), chưa đánh giá 1"
    first = mine["groups"][0]
    assert first["name"] == "Kinh tế - xã hội"
    target = first["targets"][0]
    assert target["code"] == "1.1"
    assert target["serves"] == plans["top"][0].pk
    assert target["latest_progress"]["verdict"] == "dat"
    assert target["latest_progress"]["period_label"] == "năm 2025"
    assert first["targets"][1]["latest_progress"] is None
    assert first["tasks"][0]["title"] == "Nhiệm vụ của commune"


def test_filters_scope_and_read_only(client, users, plans):
    client.force_login(users["province"])
    rows = client.get("/api/v1/plans/?level=below").json()["results"]
    assert {r["id"] for r in rows} == {plans["commune"].pk, plans["sibling"].pk}
    client.force_login(users["sibling"])
    assert client.get(f"/api/v1/plans/{plans['commune'].pk}/").status_code == 404
    assert client.post("/api/v1/plans/", {}).status_code == 405
    client.logout()
    assert client.get("/api/v1/plans/").status_code in (401, 403)
