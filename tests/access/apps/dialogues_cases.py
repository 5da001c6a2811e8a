"""The access matrix's cases for the dialogues app's URL names (merged into
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
)
from tests.access.world import World


def session_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "body": obj_of(world, variant, "body").pk,
        "area": area_of(world, variant).pk,
        "held_on": "10/10/2025",
        "kind": "regular",
        "leader_name": "Bí thư cấp ủy",
        "leader_title": "Bí thư",
        "audience_kind": "group",
        "audience": "Nhóm hộ dân mới",
    }


def issue_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "raised_by": "Người dân",
        "content": "Ý kiến mới",
        "answer": "Đã trả lời tại buổi đối thoại.",
    }


def answer_data(world: World, variant: str) -> dict[str, Any]:
    return {"answer": "Đã trả lời.", "answered_on": "10/11/2025"}


def follow_data(world: World, variant: str) -> dict[str, Any]:
    return {"on": "05/11/2025", "text": "Đang xác minh."}


def reception_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "body": obj_of(world, variant, "body").pk,
        "held_on": "13/10/2025",
        "leader_name": "Lãnh đạo mới",
        "leader_title": "Bí thư",
        "citizens": "3",
    }


def _stats(area: Any) -> str:
    return f"?area={area.pk}&start=01/01/2025&end=31/12/2025"


CASES: dict[str, list[Case]] = {
    "dialogues:list": [
        page("dialogue"),
        page("dialogue", query="?q=PV"),
        filter_by("area", in_area),
    ],
    "dialogues:export": [page("dialogue"), filter_by("area", in_area)],
    "dialogues:create": [page(write="post", data=session_data, creates=True)],
    "dialogues:session_detail": [detail("dialogue")],
    "dialogues:session_edit": [detail("dialogue", write="post", data=session_data)],
    "dialogues:issue_add": [action("dialogue", issue_data)],
    "dialogues:minutes": [Case(kind="dialogue")],
    "dialogues:issue_list": [
        page("dialogueissue"),
        page("dialogueissue", query="?q=PV&state=overdue"),
        filter_by("area", in_area),
    ],
    "dialogues:issue_export": [page("dialogueissue"), filter_by("area", in_area)],
    "dialogues:issue_answer": [action("dialogueissue", answer_data)],
    "dialogues:issue_follow": [action("dialogueissue", follow_data)],
    "dialogues:reception_list": [
        page("reception"),
        page("reception", query="?q=PV"),
        filter_by("area", in_area),
    ],
    "dialogues:reception_export": [page("reception"), filter_by("area", in_area)],
    "dialogues:reception_create": [
        page(write="post", data=reception_data, creates=True)
    ],
    "dialogues:stats": [page(), filter_by("area", _stats)],
    "dialogues:stats_export": [page(), filter_by("area", _stats)],
    "dialogue-list": [page("dialogue", api=True), filter_by("area", in_area, api=True)],
    "dialogue-detail": [detail("dialogue", api=True)],
}
