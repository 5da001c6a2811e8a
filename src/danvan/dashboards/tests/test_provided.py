"""A provided indicator on the area dashboard: its trend and its communes
come from the register (``datasets.providers``), with no other change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from danvan.dashboards import figures as dash
from danvan.datasets.models import Indicator
from danvan.incidents.models import Incident
from danvan.situation.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def arisen(tree, bodies) -> Indicator:
    """Hot spots of the quarter under way: one in xã Trạm Tấu, two in xã
    Hạnh Phúc; one in xã Trạm Tấu the quarter before."""
    now = dash.current_period("quarter", timezone.localdate())
    first = dash.bounds(now)[0]
    before = dash.bounds(dash.previous(now))[0]
    topic, _made = Topic.objects.get_or_create(
        code="land", defaults={"name": "Đất đai"}
    )
    for area, day in (
        (tree["commune"], first),
        (tree["sibling"], first),
        (tree["sibling"], first + dt.timedelta(days=1)),
        (tree["commune"], before),
    ):
        Incident(
            title="Tranh chấp đất",
            area=area,
            topic=topic,
            owner_body=bodies["commune"],
            arose_on=min(day, timezone.localdate()),
        ).save()
    return Indicator.objects.get(code="DN_PHAT_SINH")


def page(client: Any, user: Any, **query: Any) -> str:
    client.force_login(user)
    response = client.get("/dashboard/", query)
    assert response.status_code == 200
    html: str = response.content.decode()
    return html


def test_the_province_sees_the_communes_hot_spots(client, users, arisen):
    html = page(client, users["province"], indicator=arisen.pk, start="", end="")
    now = dash.label(dash.current_period("quarter", timezone.localdate()))
    assert f"{now}: 3" in html
    ranked = html.split(f'id="units-{arisen.pk}-title"', 1)[1]
    assert ranked.index("Xã Hạnh Phúc") < ranked.index("Xã Trạm Tấu")


def test_the_commune_sees_only_its_own(client, users, arisen):
    html = page(client, users["commune"], indicator=arisen.pk)
    now = dash.label(dash.current_period("quarter", timezone.localdate()))
    assert f"{now}: 1" in html
    assert "Xã Hạnh Phúc" not in html
