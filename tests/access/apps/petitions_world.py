"""The petitions app's objects in the access matrix's world, one set per variant.

``make`` creates them in the variant's area (``made["area"]``, its Party
committee ``made["body"]``, its village ``made["village"]``), each carrying
its marker (``tests.access.world.marker(variant, kind)``) in a text the pages
show; it returns them by kind. The kinds are listed in ``KINDS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.access.world import World

KINDS: tuple[str, ...] = ()


def make(world: World, variant: str, made: dict[str, Any]) -> dict[str, Any]:
    return {}
