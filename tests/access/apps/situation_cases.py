"""The access matrix's cases for the situation app's URL names (merged into
``tests.access.cases.CASES``).

Entries are scoped by their place and reporting body; the topics are a
catalogue every signed-in user reads and only the system's administrators
change (a seeded topic stands for every variant).
"""

from __future__ import annotations

from typing import Any

from tests.access.cases import Case, detail, empty, filter_by, obj_of, page, text
from tests.access.world import World

PERIOD = "period=quarter:2025:3"


def entry_data(world: World, variant: str) -> dict[str, Any]:
    from danvan.situation.models import Topic

    return {
        "body": obj_of(world, variant, "body").pk,
        "area": obj_of(world, variant, "village").pk,
        "period": "quarter:2025:3",
        "topic": Topic.objects.get(code="land").pk,
        "assessment": "stable",
        "observed_on": "2025-08-20",
        "summary": "Tình hình mới",
    }


def api_entry_data(world: World, variant: str) -> dict[str, Any]:
    data = entry_data(world, variant)
    data["topic"] = "land"
    return data


def topic_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "code": f"pv-chu-de-{variant}",
        "name": "Chủ đề mới",
        "order": 900,
        "active": "on",
    }


def topic_path(suffix: str = "", *, api: bool = False) -> Any:
    """The seeded topic "land" (the catalogue: the same for every variant)."""

    def where(world: World, variant: str) -> str:
        from danvan.situation.models import Topic

        pk = Topic.objects.get(code="land").pk
        if api:
            return f"/api/v1/situation-topics/{pk}/"
        return f"/situation/topics/{pk}/{suffix}"

    return where


def in_area(area: Any) -> str:
    return f"?area={area.pk}"


CASES: dict[str, list[Case]] = {
    "situation:list": [
        page("entry"),
        page("entry", query="?q=PV"),
        page("entry", query=f"?{PERIOD}&assessment=signs&sort=assessment"),
        filter_by("area", in_area),
    ],
    "situation:export": [page("entry"), filter_by("area", in_area)],
    "situation:create": [
        page(),
        page(write="post", data=entry_data, creates=True, label="post"),
    ],
    "situation:import": [
        page(),
        page(write="post", data=empty, creates=True, label="post"),
    ],
    "situation:entry_detail": [detail("entry")],
    "situation:entry_edit": [detail("entry", write="post", data=entry_data)],
    "situation:entry_delete": [detail("entry", write="post", data=empty)],
    "situation:period": [
        page(query=f"?{PERIOD}"),
        filter_by("area", lambda a: f"?area={a.pk}&{PERIOD}"),
    ],
    "situation:period_export": [
        page(query=f"?{PERIOD}"),
        filter_by("area", lambda a: f"?area={a.pk}&{PERIOD}"),
    ],
    "situation:topic_list": [page(), page(query="?q=dat dai")],
    "situation:topic_create": [
        page(write="post", data=topic_data, creates=True, label="post")
    ],
    "situation:topic_detail": [Case(path=topic_path())],
    "situation:topic_edit": [
        Case(path=topic_path("edit/"), write="post", data=text("name", "Đất"))
    ],
    # --- API
    "situation-entry-list": [
        page("entry", api=True),
        page("entry", query="?q=PV", api=True),
        filter_by("area", in_area, api=True),
        page(write="post", data=api_entry_data, creates=True, api=True, label="post"),
    ],
    "situation-entry-detail": [
        detail("entry", api=True),
        detail("entry", write="patch", data=text("summary"), api=True, label="patch"),
        detail("entry", write="delete", data=empty, api=True, label="delete"),
    ],
    "situation-topic-list": [page(api=True)],
    "situation-topic-detail": [Case(path=topic_path(api=True), api=True)],
}
