"""The services: who may write, and the checks on dates and places."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.datasets.models import Period
from danvan.situation import services
from danvan.situation.models import Entry, Topic
from danvan.situation.tests.factories import EntryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _args(bodies: Any, tree: Any, **kw: Any) -> dict[str, Any]:
    args = {
        "body": bodies["commune"],
        "area": tree["village"],
        "period": Period.objects.of("quarter", 2026, 3),
        "topic": Topic.objects.get(code="land"),
        "assessment": "signs",
        "summary": "  Tranh chấp   đất  ",
        "observed_on": dt.date(2026, 8, 1),
    }
    args.update(kw)
    return args


def test_record_by_an_editor_of_the_commune(users: Any, bodies: Any, tree: Any) -> None:
    entry = services.record_entry(actor=users["commune"], **_args(bodies, tree))
    assert entry.summary == "Tranh chấp đất"
    assert entry.created_by == users["commune"]


@pytest.mark.parametrize("who", ["sibling", "viewer", "village"])
def test_others_may_not_record(who: str, users: Any, bodies: Any, tree: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.record_entry(actor=users[who], **_args(bodies, tree))
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"observed_on": dt.date(2099, 8, 1)}, "observed_on"),
        ({"observed_on": dt.date(2026, 1, 5)}, "observed_on"),
        ({"summary": "  "}, "summary"),
    ],
)
def test_bad_input_is_refused(
    change: dict[str, Any], field: str, users: Any, bodies: Any, tree: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.record_entry(actor=users["commune"], **_args(bodies, tree, **change))
    assert field in caught.value.message_dict
    assert not Entry.objects.exists()


def test_future_date_against_the_fixed_clock(
    settings: Any, users: Any, bodies: Any, tree: Any
) -> None:
    settings.DANVAN_TODAY = "2026-07-31"
    with pytest.raises(ValidationError) as caught:
        services.record_entry(actor=users["commune"], **_args(bodies, tree))
    assert "observed_on" in caught.value.message_dict


def test_the_place_lies_in_the_bodys_area(users: Any, bodies: Any, tree: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.record_entry(
            actor=users["province"], **_args(bodies, tree, area=tree["sibling"])
        )
    assert "area" in caught.value.message_dict


def test_update_and_delete(users: Any, bodies: Any, tree: Any) -> None:
    entry = EntryFactory.create(body=bodies["commune"])
    with pytest.raises(PermissionDenied):
        services.update_entry(actor=users["sibling"], entry=entry, summary="Khác")
    with pytest.raises(PermissionDenied):
        services.update_entry(
            actor=users["commune"], entry=entry, body=bodies["sibling"]
        )
    entry.refresh_from_db()
    services.update_entry(actor=users["commune"], entry=entry, assessment="complex")
    assert Entry.objects.get().assessment == "complex"
    with pytest.raises(PermissionDenied):
        services.delete_entry(actor=users["viewer"], entry=entry)
    services.delete_entry(actor=users["commune"], entry=entry)
    assert not Entry.objects.exists()


def test_topics_are_kept_by_the_administrators(users: Any) -> None:
    assert not services.may_edit_topics(users["province"])
    for who in ("commune", "province"):
        with pytest.raises(PermissionDenied):
            services.create_topic(actor=users[who], code="x", name="X")
    root = User.objects.create_superuser(username="root", password="x-pass-123")
    topic = services.create_topic(actor=root, code=" Nuoc-Sach ", name="Nước sạch")
    assert topic.code == "nuoc-sach"
    with pytest.raises(ValidationError):
        services.create_topic(actor=system_actor(), code="land", name="Trùng mã")
    services.update_topic(actor=system_actor(), topic=topic, active=False)
    assert not Topic.objects.get(code="nuoc-sach").active


def test_a_retired_topic_takes_no_new_entry(bodies: Any) -> None:
    topic = TopicFactory.create(active=False)
    with pytest.raises(ValidationError):
        EntryFactory.create(body=bodies["commune"], topic=topic)
    assert not Entry.objects.exists()
