"""The access matrix's cases for the petitions app's URL names (merged into
``tests.access.cases.CASES``)."""

from __future__ import annotations

from typing import Any

from tests.access.cases import (
    Case,
    action,
    area_of,
    detail,
    filter_by,
    in_area,
    obj_of,
    page,
    text,
)
from tests.access.world import World


def petition_data(world: World, variant: str) -> dict[str, Any]:
    body = obj_of(world, variant, "body").pk
    return {
        "received_by": body,
        "received_on": "15/09/2025",
        "channel": "in_person",
        "kind": "complaint",
        "subject": "Đơn mới",
        "content": "Nội dung",
        "area": area_of(world, variant).pk,
        "people": "1",
        "handling_body": body,
        "p-TOTAL_FORMS": "1",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "1",
        "p-MAX_NUM_FORMS": "20",
        "p-0-name": "Lò Văn Mới",
    }


def petition_api_data(world: World, variant: str) -> dict[str, Any]:
    body = obj_of(world, variant, "body").pk
    return {
        "received_by": body,
        "received_on": "2025-09-15",
        "kind": "feedback",
        "subject": "Đơn mới",
        "content": "Nội dung",
        "area": area_of(world, variant).pk,
        "handling_body": body,
        "petitioners": [{"name": "Lò Văn Mới"}],
    }


def route_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "area": area_of(world, variant).pk,
        "kind": "feedback",
        "body": obj_of(world, variant, "body").pk,
        "active": "on",
    }


def step(name: str) -> Any:
    return lambda obj: {"pk": obj.pk, "name": name}


CASES: dict[str, list[Case]] = {
    "petitions:list": [
        page("petition"),
        page("petition", query="?q=PV"),
        filter_by("area", in_area),
    ],
    "petitions:export": [page()],
    "petitions:due": [page("petition")],
    "petitions:create": [page(write="post", data=petition_data, creates=True)],
    "petitions:petition_detail": [detail("petition")],
    "petitions:step": [
        detail("petition", kwargs=step("accept")),
        action("petition", text("on", "16/09/2025"), kwargs=step("accept")),
        action("petition", text("reason", "Không đủ điều kiện"), kwargs=step("refuse")),
        action("petition", text("on", "16/09/2025"), kwargs=step("withdraw")),
    ],
    "petitions:attachment_add": [action("petition")],
    "petitions:identity_bodies": [action("petition", text("bodies", ""))],
    "petitions:attachment": [Case(kind="petitionfile")],
    "petitions:rule_sets": [page()],
    "petitions:routing_list": [page()],
    "petitions:routing_create": [page(write="post", data=route_data, creates=True)],
    "petitions:routing_edit": [
        Case(kind="petitionroute"),
        action("petitionroute", route_data),
    ],
    "petition-list": [
        page("petition", api=True),
        filter_by("area", in_area, api=True),
        page(
            write="post", data=petition_api_data, creates=True, api=True, label="post"
        ),
    ],
    "petition-detail": [detail("petition", api=True)],
}
