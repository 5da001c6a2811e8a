"""Whose dashboard: an area (its whole subtree) or a body (its own subtree).

The home page shows the user's own unit: the membership with the highest
role (an area; a body that speaks for its area, such as a Party committee or
the People's Committee, stands for its area; another body for itself). A
superuser, who belongs to no unit, sees the whole country.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from danvan.common.access import cached_for_user
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


@dataclass(frozen=True)
class Place:
    """The unit a dashboard is about; both None: the whole country."""

    area: Area | None
    body: Body | None

    @property
    def name(self) -> str:
        if self.body is not None:
            return self.body.name
        if self.area is not None:
            return self.area.full_name
        return _("Whole country")

    @property
    def key(self) -> tuple[int | None, int | None]:
        """What a kept figure of this place is told apart by."""
        return (
            self.area.pk if self.area is not None else None,
            self.body.pk if self.body is not None else None,
        )

    @property
    def path(self) -> str:
        """The path of the area whose subtree counts ("" for the country)."""
        if self.body is not None:
            return self.body.area.path
        return self.area.path if self.area is not None else ""

    @property
    def area_of(self) -> Area | None:
        """The area the place lies in: the area, or the body's."""
        if self.body is not None:
            return self.body.area
        return self.area


def home_place(user: User | AnonymousUser) -> Place | None:
    """The user's own unit (the highest role first); None without any. Kept
    with the user's scope (``common.access.cached_for_user``: it changes only
    with their memberships and the tree), read once per request."""
    if not user.is_authenticated:
        return None
    if "_danvan_home_place" not in user.__dict__:
        user.__dict__["_danvan_home_place"] = cached_for_user(
            user, "dashboard-place", _home_place
        )
    found: Place | None = user.__dict__["_danvan_home_place"]
    return found


def _home_place(user: User) -> Place | None:
    membership = (
        user.memberships.select_related("area", "body__area")
        .order_by("-role", "pk")
        .first()
    )
    if membership is None:
        return Place(None, None) if user.is_superuser else None
    if membership.area is not None:
        return Place(membership.area, None)
    body = membership.body
    assert body is not None
    if body.area_wide:
        return Place(body.area, None)
    return Place(None, body)
