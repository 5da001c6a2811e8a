"""The access matrix's cases for the incidents app's URL names (merged into
``tests.access.cases.CASES``)."""

from __future__ import annotations

from typing import Any

from tests.access.cases import (
    Case,
    action,
    api_action,
    area_of,
    detail,
    filter_by,
    in_area,
    obj_of,
    page,
    text,
)
from tests.access.world import World


def _topic() -> int:
    from danvan.situation.models import Topic

    topic, _created = Topic.objects.get_or_create(
        code="land", defaults={"name": "Đất đai", "order": 4}
    )
    return topic.pk


def incident_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "title": "Điểm nóng mới",
        "area": area_of(world, variant).pk,
        "topic": _topic(),
        "owner_body": obj_of(world, variant, "body").pk,
        "arose_on": "01/10/2025",
        "severity": "2",
        "people": "10",
    }


def incident_api_data(world: World, variant: str) -> dict[str, Any]:
    data = incident_data(world, variant)
    data.update(arose_on="2025-10-01", severity=2, people=10)
    return data


def follow_up_data(world: World, variant: str) -> dict[str, Any]:
    return {"on": "10/10/2025", "text": "Diễn biến mới", "people": "40"}


def follow_up_api_data(world: World, variant: str) -> dict[str, Any]:
    return {"on": "2025-10-10", "text": "Diễn biến mới", "people": 40}


def link_data(world: World, variant: str) -> dict[str, Any]:
    return {"meeting": obj_of(world, variant, "meeting").pk}


def unlink_data(world: World, variant: str) -> dict[str, Any]:
    return {"kind": "meeting", "row": obj_of(world, variant, "meeting").pk}


def api_link_data(world: World, variant: str) -> dict[str, Any]:
    return {"meetings": [obj_of(world, variant, "meeting").pk]}


CASES: dict[str, list[Case]] = {
    "incidents:list": [
        page("incident"),
        page("incident", query="?q=PV"),
        page("incident", query="?overdue=1&sort=-severity"),
        filter_by("area", in_area),
    ],
    "incidents:export": [page("incident"), filter_by("area", in_area)],
    "incidents:create": [page(write="post", data=incident_data, creates=True)],
    "incidents:incident_detail": [detail("incident")],
    "incidents:incident_edit": [detail("incident", write="post", data=incident_data)],
    "incidents:follow_up_add": [action("incident", follow_up_data)],
    "incidents:link_add": [action("incident", link_data)],
    "incidents:link_remove": [action("incident", unlink_data)],
    "incidents:communes": [page(), filter_by("area", in_area)],
    "incidents:communes_export": [page(), filter_by("area", in_area)],
    "incident-list": [
        page("incident", api=True),
        filter_by("area", in_area, api=True),
        page(
            write="post",
            data=incident_api_data,
            creates=True,
            api=True,
            label="post",
        ),
    ],
    "incident-detail": [
        detail("incident", api=True),
        detail("incident", write="patch", data=text("place"), api=True, label="patch"),
    ],
    "incident-follow-ups": [api_action("incident", follow_up_api_data)],
    "incident-link": [api_action("incident", api_link_data)],
    "incident-unlink": [api_action("incident", api_link_data)],
}
