"""The period view: topic by topic, the worst places first, through lineage."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from danvan.datasets.models import Period
from danvan.situation import outline
from danvan.situation.models import Topic
from danvan.situation.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(bodies: Any, tree: Any) -> None:
    land = Topic.objects.get(code="land")
    EntryFactory.create(body=bodies["commune"], topic=land, summary="Xã ổn định")
    EntryFactory.create(
        body=bodies["commune"],
        area=tree["village"],
        topic=land,
        assessment="complex",
        summary="Thôn tranh chấp",
        period=Period.objects.of("month", 2026, 8),
    )
    EntryFactory.create(
        body=bodies["sibling"], topic=land, assessment="signs", summary="Xã bên"
    )
    # Another quarter: not counted.
    EntryFactory.create(
        body=bodies["commune"],
        topic=land,
        assessment="complex",
        summary="Quý trước",
        period=Period.objects.of("quarter", 2026, 2),
        observed_on=dt.date(2026, 5, 2),
    )


def test_sections_worst_first(users: Any, tree: Any, made: None) -> None:
    view = outline.period_view(
        users["province"], tree["province"], Period.objects.of("quarter", 2026, 3)
    )
    codes = [s.topic.code for s in view.sections]
    assert codes[:3] == ["national-events", "ethnic", "religion"]
    land = next(s for s in view.sections if s.topic.code == "land")
    assert [p.assessment for p in land.places] == ["complex", "signs", "stable"]
    assert land.counts == {"stable": 1, "signs": 1, "complex": 1}
    assert "Trung Tâm" in land.sentence()
    assert view.entry_count == 3
    ethnic = next(s for s in view.sections if s.topic.code == "ethnic")
    assert ethnic.sentence() == "Chưa có thông tin trong kỳ."


def test_the_commune_sees_its_own_places_only(
    users: Any, tree: Any, made: None
) -> None:
    view = outline.period_view(
        users["commune"], tree["province"], Period.objects.of("quarter", 2026, 3)
    )
    land = next(s for s in view.sections if s.topic.code == "land")
    assert len(land.places) == 2
    assert view.counts == {"stable": 1, "signs": 0, "complex": 1}


def test_a_commune_reads_the_places_inside_it(
    users: Any, tree: Any, made: None
) -> None:
    # The commune and its village; not the sibling commune.
    view = outline.period_view(
        users["province"], tree["commune"], Period.objects.of("year", 2026)
    )
    land = next(s for s in view.sections if s.topic.code == "land")
    assert {p.area.pk for p in land.places} == {
        tree["commune"].pk,
        tree["village"].pk,
    }


def test_page_and_xlsx(
    users: Any, tree: Any, made: None, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(users["province"])
    url = reverse("situation:period")
    query = f"?area={tree['province'].pk}&period=quarter:2026:3"
    client.get(url + query)
    with django_assert_max_num_queries(12):
        response = client.get(url + query)
    text = response.content.decode()
    assert "Thôn tranh chấp" in text
    assert "Quý trước" not in text
    assert text.index("Thôn tranh chấp") < text.index("Xã ổn định")
    response = client.get(reverse("situation:period_export") + query)
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    land = [r for r in rows if r[0] == "Đất đai, bồi thường, giải phóng mặt bằng"]
    assert [r[2] for r in land] == ["Phức tạp", "Có biểu hiện phức tạp", "Ổn định"]


def test_defaults_to_the_users_area(users: Any, made: None) -> None:
    client = Client()
    client.force_login(users["commune"])
    response = client.get(reverse("situation:period") + "?period=quarter:2026:3")
    assert "Thôn tranh chấp" in response.content.decode()


def test_the_kept_view_shows_a_new_entry_at_once(
    users: Any, tree: Any, bodies: Any, made: None
) -> None:
    client = Client()
    client.force_login(users["province"])
    url = reverse("situation:period") + (
        f"?area={tree['province'].pk}&period=quarter:2026:3"
    )
    assert "Tin đồn mới" not in client.get(url).content.decode()
    EntryFactory.create(
        body=bodies["sibling"],
        topic=Topic.objects.get(code="religion"),
        assessment="complex",
        summary="Tin đồn mới",
    )
    text = client.get(url).content.decode()
    assert "Tin đồn mới" in text
    # Kept per reader's scope: the commune does not see its sibling's entry.
    client.force_login(users["commune"])
    assert "Tin đồn mới" not in client.get(url).content.decode()
