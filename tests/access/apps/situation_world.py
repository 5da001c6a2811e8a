"""The situation app's objects in the access matrix's world, one set per variant.

``make`` creates them in the variant's area (``made["area"]``, its Party
committee ``made["body"]``, its village ``made["village"]``), each carrying
its marker (``tests.access.world.marker(variant, kind)``) in a text the pages
show; it returns them by kind. The kinds are listed in ``KINDS``.

- ``entry``: the Party committee's entry of quarter III/2025 on land, for the
  variant's area (a village's users read only their village's entries), its
  summary the marker.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.access.world import World

KINDS: tuple[str, ...] = ("entry",)


def make(world: World, variant: str, made: dict[str, Any]) -> dict[str, Any]:
    from danvan.common.actors import system_actor
    from danvan.datasets.models import Period
    from danvan.situation import services
    from danvan.situation.models import Topic
    from tests.access.world import marker

    entry = services.record_entry(
        actor=system_actor(),
        body=made["body"],
        area=made["area"],
        period=Period.objects.of("quarter", 2025, 3),
        topic=Topic.objects.get(code="land"),
        assessment="signs",
        summary=marker(variant, "entry"),
        observed_on=dt.date(2025, 8, 15),
        sources="Chi bộ thôn",
    )
    return {"entry": entry}
