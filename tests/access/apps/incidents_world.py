"""The incidents app's objects in the access matrix's world, one set per variant.

``make`` creates them in the variant's area (``made["area"]``, its Party
committee ``made["body"]``, its village ``made["village"]``), each carrying
its marker (``tests.access.world.marker(variant, kind)``) in a text the pages
show; it returns them by kind. The kinds are listed in ``KINDS``.

A hot spot lies in a commune: the commune's own for the communes' variants
(not its village, which the village's viewer reads), another commune of the
province for the province's, a commune of the other province for the
other's. Each is followed up once and linked to its variant's meeting; the
commune's is linked to the sibling's meeting too, which the commune's
readers must never see named.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.access.world import World

KINDS: tuple[str, ...] = ("incident",)


def _place(world: World, variant: str, area: Any) -> Any:
    from danvan.units.models import Area

    if area.level == Area.Level.COMMUNE:
        return area
    taken = [world.areas["own"].pk, world.areas["sibling"].pk]
    found = (
        Area.objects.subtree(area.path)
        .filter(level=Area.Level.COMMUNE, valid_to__isnull=True)
        .exclude(pk__in=taken)
        .order_by("path")
        .first()
    )
    assert found is not None, f"no commune under {area}"
    return found


def make(world: World, variant: str, made: dict[str, Any]) -> dict[str, Any]:
    from danvan.common.actors import system_actor
    from danvan.incidents import services
    from danvan.situation.models import Topic
    from tests.access.world import marker

    topic, _created = Topic.objects.get_or_create(
        code="land", defaults={"name": "Đất đai", "order": 4}
    )
    incident = services.open_incident(
        actor=system_actor(),
        title=f"Tranh chấp đất {marker(variant, 'incident')}",
        area=_place(world, variant, made["area"]),
        topic=topic,
        owner_body=made["body"],
        arose_on=dt.date(2025, 10, 1),
        severity=2,
        people=15,
        due_on=dt.date(2025, 11, 1),
    )
    services.add_follow_up(
        actor=system_actor(),
        incident=incident,
        on=dt.date(2025, 10, 5),
        text=f"Tổ công tác làm việc với các hộ {marker(variant, 'incident')}",
        status="handling",
        people=30,
    )
    services.link(actor=system_actor(), incident=incident, meetings=[made["meeting"]])
    if variant == "sibling":
        own = world.objects["own"]["incident"]
        services.link(actor=system_actor(), incident=own, meetings=[made["meeting"]])
    return {"incident": incident}
