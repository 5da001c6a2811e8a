"""Who must see and change what in the access matrix, by role and variant."""

from __future__ import annotations

from tests.access.cases import Case
from tests.access.world import KINDS, UNMARKED, VARIANTS, World, marker

ROLES = (
    "anonymous",
    "village",  # viewer of a village of xã Trạm Tấu
    "viewer",  # viewer of xã Trạm Tấu
    "commune",  # editor of xã Trạm Tấu
    "sibling",  # editor of the sibling xã Hạnh Phúc
    "province",  # approver of tỉnh Lào Cai
    "other",  # approver of another province (Hà Nội)
    "body_member",  # editor of Đảng ủy xã Trạm Tấu, an area-wide body
    "school_member",  # editor of a school of xã Trạm Tấu (not area-wide)
    "superuser",
)

# The variants each role reaches (see world.VARIANTS).
SEES = {
    "anonymous": set(),
    "village": set(),
    "viewer": {"own"},
    "commune": {"own"},
    "sibling": {"sibling"},
    "province": {"own", "sibling", "parent"},
    "other": {"other"},
    "body_member": {"own"},
    "school_member": set(),
    "superuser": set(VARIANTS),
}
# Who uploaded each variant's import (imports are their uploader's only).
UPLOADER = {
    "own": "commune",
    "sibling": "sibling",
    "parent": "province",
    "other": "other",
}
READ_ONLY = {"anonymous", "village", "viewer"}


# Reading up the tree (common/access.py): the province's plan that the
# commune's and the sibling's plans implement, and what it implements in turn,
# are read (never changed) by the units whose plans implement them.
READ_UP = {("parent", "document"), ("parent", "relation"), ("parent", "attachment")}
# The province's plan that the commune's and the sibling's plans implement,
# with its content (plans.models.PlanQuerySet.scope_read_up).
READ_UP |= {
    ("parent", kind) for kind in ("plan", "plangroup", "target", "plantask", "evidence")
}
# Shown as parts of what is read up, though not opened on their own: the
# province plan's issuer, its issuer's term and its review points.
SHOWN_WITH_READ_UP = {("parent", "body"), ("parent", "term"), ("parent", "review")}


def in_scope(role: str, variant: str, kind: str) -> bool:
    """Is the ``variant`` object of ``kind`` in ``role``'s own units?"""
    if kind == "import":
        return UPLOADER[variant] == role
    if role == "village" and variant == "own" and kind == "village":
        return True
    return variant in SEES[role]


def _reads_up(role: str) -> bool:
    return bool(SEES[role] & {"own", "sibling"})


def visible(role: str, variant: str, kind: str) -> bool:
    """Must ``role`` be able to open the ``variant`` object of ``kind``?"""
    if (variant, kind) in READ_UP and _reads_up(role):
        return True
    return in_scope(role, variant, kind)


def shown(role: str, variant: str, kind: str) -> bool:
    """May ``role`` be shown the name of the ``variant`` object of ``kind``?"""
    if (variant, kind) in SHOWN_WITH_READ_UP and _reads_up(role):
        return True
    return visible(role, variant, kind)


def forbidden_markers(world: World, role: str) -> list[str]:
    """The markers (names, numbers, links) ``role`` must never be shown."""
    cache: dict[str, list[str]] = world.__dict__.setdefault("forbidden", {})
    if role not in cache:
        cache[role] = [
            text
            for variant in VARIANTS
            for kind in KINDS
            if not shown(role, variant, kind)
            for text in world.texts(variant, kind)
            if (variant, kind) not in UNMARKED or text.startswith("href")
        ]
        # The sibling's plan that the commune's text links to.
        if not visible(role, "sibling", "document"):
            linked = world.obj("sibling", "linked").get_absolute_url()
            cache[role].append(f'href="{linked}"')
    return cache[role]


def expected_markers(role: str, kinds: tuple[str, ...]) -> list[str]:
    """The markers of ``kinds`` a list must show to ``role``."""
    return [
        marker(variant, kind)
        for kind in kinds
        for variant in VARIANTS
        if (variant, kind) not in UNMARKED and visible(role, variant, kind)
    ]


def must_refuse(role: str, variant: str, case: Case) -> bool:
    """Must ``role`` be refused the write of ``case`` on ``variant``?"""
    kind = case.kind or "area"
    # What is read up the tree is read only: changing it is refused too.
    if role == "anonymous" or not in_scope(role, variant, kind):
        return True
    if role in READ_ONLY:
        return True
    if case.judge:
        # The registering unit never judges its own model; the level above does.
        return not (
            role == "superuser"
            or (role == "province" and variant in ("own", "sibling"))
        )
    return False
