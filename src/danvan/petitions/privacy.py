"""Who sees a petitioner's identity and contact, the masks for everyone
else, and the log of every unmasked view.

A petition's petitioners (name, identity card number, address, phone) are
seen unmasked by superusers and by the members of the units that need them:
the handling body, the receiving body and the bodies the petition names in
``identity_bodies``. A member of a body is a user with a membership in that
body, or in its area (an area's member belongs to every body of the area).
The roles that count are ``settings.DANVAN_PETITION_IDENTITY_ROLES`` (by
default editors and above: a viewer of the commune sees the petitions
masked). Everyone else reads "Nguyễn V… A", and ``•••`` for the card number,
address and phone, in pages, lists, XLSX and the API.

Each unmasked view (the page, a list, an export, the API) writes an
``IdentityView`` row: who, when, where.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.petitions.models import IdentityView, Petition

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

HIDDEN = "•••"

# Where an unmasked view happened (``IdentityView.where``), as the log shows it.
WHERE = {
    "page": _("the petition's page"),
    "list": _("the list of petitions"),
    "due": _("the list of due petitions"),
    "xlsx": _("an XLSX export"),
    "api": _("the API"),
}


def identity_roles() -> tuple[int, ...]:
    """The membership roles whose holders may see the petitioners."""
    return tuple(
        getattr(
            settings,
            "DANVAN_PETITION_IDENTITY_ROLES",
            (Role.EDITOR, Role.APPROVER, Role.ADMINISTRATOR),
        )
    )


@dataclass(frozen=True)
class IdentityScope:
    """The units through which a user sees petitioners: the bodies and the
    areas they are a member of (with a role that counts)."""

    everything: bool
    body_ids: frozenset[int]
    area_ids: frozenset[int]

    def body(self, body_id: int | None, area_id: int | None) -> bool:
        """Is the user a member of this body (or of its area)?"""
        return body_id in self.body_ids or area_id in self.area_ids

    def sees(self, petition: Petition, identity_body_ids: Iterable[int] = ()) -> bool:
        """May the user see this petition's petitioners?

        ``petition`` has its ``handling_body`` and ``received_by`` read (or
        ``handling_area_id`` / ``received_area_id`` annotated)."""
        if self.everything:
            return True
        if self.body(petition.handling_body_id, _area_id(petition, "handling")):
            return True
        if self.body(petition.received_by_id, _area_id(petition, "received")):
            return True
        return any(pk in self.body_ids for pk in identity_body_ids) or bool(
            self.area_ids and _areas_of(identity_body_ids) & self.area_ids
        )


def _area_id(petition: Petition, which: str) -> int | None:
    found = petition.__dict__.get(f"{which}_area_id")
    if found is not None:
        return int(found)
    body = petition.handling_body if which == "handling" else petition.received_by
    return body.area_id


def _areas_of(body_ids: Iterable[int]) -> set[int]:
    from danvan.units.models import Body

    ids = list(body_ids)
    if not ids:
        return set()
    return set(Body.objects.filter(pk__in=ids).values_list("area_id", flat=True))


def identity_scope(user: User | AnonymousUser) -> IdentityScope:
    """The user's ``IdentityScope``, read once per request (one query)."""
    if not user.is_authenticated:
        return IdentityScope(False, frozenset(), frozenset())
    cached = user.__dict__.get("_danvan_identity_scope")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    if user.is_superuser:
        scope = IdentityScope(True, frozenset(), frozenset())
    else:
        bodies: set[int] = set()
        areas: set[int] = set()
        for body_id, area_id in user.memberships.filter(
            role__in=identity_roles()
        ).values_list("body_id", "area_id"):
            if body_id is not None:
                bodies.add(body_id)
            if area_id is not None:
                areas.add(area_id)
        scope = IdentityScope(False, frozenset(bodies), frozenset(areas))
    user.__dict__["_danvan_identity_scope"] = scope
    return scope


def may_see_identity(user: User | AnonymousUser, petition: Petition) -> bool:
    """May ``user`` see the petitioners of ``petition`` unmasked?"""
    scope = identity_scope(user)
    if scope.everything:
        return True
    if not user.is_authenticated:
        return False
    if scope.sees(petition):
        return True
    return scope.sees(petition, petition.identity_bodies.values_list("pk", flat=True))


def seen_petitions(
    user: User | AnonymousUser, petitions: Sequence[Petition]
) -> set[int]:
    """The keys of ``petitions`` whose petitioners ``user`` sees: one query
    for the petitions' extra bodies, whatever their number."""
    scope = identity_scope(user)
    if scope.everything:
        return {p.pk for p in petitions}
    if not user.is_authenticated:
        return set()
    seen = {p.pk for p in petitions if scope.sees(p)}
    rest = [p.pk for p in petitions if p.pk not in seen]
    if rest and (scope.body_ids or scope.area_ids):
        through = Petition.identity_bodies.through
        extra = through.objects.filter(petition_id__in=rest).values_list(
            "petition_id", "body_id", "body__area_id"
        )
        for petition_id, body_id, area_id in extra:
            if scope.body(body_id, area_id):
                seen.add(petition_id)
    return seen


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "Nguyễn V… A"; one word → its first letter."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}…"
    middle = "".join(f" {w[0]}…" for w in words[1:-1])
    return f"{words[0]}{middle} {words[-1][0]}"


def mask(value: str) -> str:
    """A card number, address or phone: ``•••`` (empty stays empty)."""
    return HIDDEN if value else ""


@dataclass(frozen=True)
class ShownPetitioner:
    """A petitioner as one reader may see them."""

    name: str
    id_number: str
    address: str
    phone: str
    representative: bool


def shown(petitioner: Any, unmasked: bool) -> ShownPetitioner:
    """``petitioner`` (a model row or a values row) as the reader sees it."""
    if unmasked:
        return ShownPetitioner(
            petitioner.name,
            petitioner.id_number,
            petitioner.address,
            petitioner.phone,
            petitioner.representative,
        )
    return ShownPetitioner(
        mask_name(petitioner.name),
        mask(petitioner.id_number),
        mask(petitioner.address),
        mask(petitioner.phone),
        petitioner.representative,
    )


def log_views(
    user: User | AnonymousUser, petition_ids: Iterable[int], where: str
) -> None:
    """Write who saw these petitions' petitioners unmasked, and where."""
    if not user.is_authenticated:
        return
    IdentityView.objects.bulk_create(
        [IdentityView(petition_id=pk, user=user, where=where) for pk in petition_ids]
    )
