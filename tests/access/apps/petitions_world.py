"""The petitions app's objects in the access matrix's world, one set per variant.

``make`` creates them in the variant's area (``made["area"]``, its Party
committee ``made["body"]``, its village ``made["village"]``), each carrying
its marker (``tests.access.world.marker(variant, kind)``) in a text the pages
show; it returns them by kind. The kinds are listed in ``KINDS``:

- ``petition``: a complaint about the variant's area, received and handled
  by its Party committee (its subject is the marker);
- ``petitionfile``: a file attached to it (its name is the marker);
- ``petitionroute``: a routing rule of the variant's area to its Party
  committee (no text of its own: the body's name shows).

The masking of the petitioners (seen by the handling and receiving bodies'
members only) is walked page by page in ``petitions/tests/test_access.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile

if TYPE_CHECKING:
    from tests.access.world import World

KINDS: tuple[str, ...] = ("petition", "petitionfile", "petitionroute")


def make(world: World, variant: str, made: dict[str, Any]) -> dict[str, Any]:
    from danvan.common.actors import system_actor
    from danvan.petitions import services
    from tests.access.world import marker

    actor = system_actor()
    petition = services.receive_petition(
        actor=actor,
        received_by=made["body"],
        received_on=dt.date(2025, 9, 15),
        channel="in_person",
        kind="complaint",
        subject=marker(variant, "petition"),
        content="Khiếu nại việc bồi thường khi mở đường.",
        area=made["area"],
        petitioners=[{"name": "Giàng A Páo", "id_number": "015086000001"}],
        act="Quyết định thu hồi đất",
        act_on=dt.date(2025, 9, 1),
        handling_body=made["body"],
    )
    upload = ContentFile(
        b"don khieu nai", name=f"{marker(variant, 'petitionfile')}.txt"
    )
    attachment = services.add_attachment(
        actor=actor,
        petition=petition,
        upload=upload,
        description=marker(variant, "petitionfile"),
    )
    route = services.save_routing_rule(
        actor=actor, area=made["area"], body=made["body"], kind="denunciation"
    )
    return {"petition": petition, "petitionfile": attachment, "petitionroute": route}
