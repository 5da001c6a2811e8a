"""The dialogues app's objects in the access matrix's world, one set per variant.

``make`` creates them in the variant's area (``made["area"]``, its Party
committee ``made["body"]``, its village ``made["village"]``), each carrying
its marker (``tests.access.world.marker(variant, kind)``) in a text the pages
show; it returns them by kind. The kinds are listed in ``KINDS``.

A dialogue of the variant's Party committee in its area (the marker in its
audience), an opinion raised there and assigned to the same committee,
overdue (the marker in its text), and a reception day of the committee's
leader (the marker in the leader's name).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.access.world import World

KINDS: tuple[str, ...] = ("dialogue", "dialogueissue", "reception")


def make(world: World, variant: str, made: dict[str, Any]) -> dict[str, Any]:
    from danvan.common.actors import system_actor
    from danvan.dialogues import services
    from danvan.dialogues.models import Session
    from tests.access.world import marker

    actor = system_actor()
    session = services.hold_session(
        actor=actor,
        body=made["body"],
        area=made["area"],
        held_on=dt.date(2025, 10, 8),
        leader_name="Bí thư cấp ủy",
        leader_title="Bí thư",
        audience_kind=Session.Audience.VILLAGE,
        audience=f"Nhân dân {marker(variant, 'dialogue')}",
        participants=30,
    )
    issue = services.add_issue(
        actor=actor,
        session=session,
        raised_by="Người dân",
        content=f"Đề nghị sửa đường {marker(variant, 'dialogueissue')}",
        assigned_body=made["body"],
        due_on=dt.date(2025, 11, 1),
    )
    reception = services.record_reception(
        actor=actor,
        body=made["body"],
        held_on=dt.date(2025, 10, 6),
        leader_name=f"Lãnh đạo {marker(variant, 'reception')}",
        leader_title="Bí thư",
        citizens=4,
    )
    return {"dialogue": session, "dialogueissue": issue, "reception": reception}
