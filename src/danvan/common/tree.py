"""Materialised paths for the unit trees (areas and bodies).

Why a materialised path: a subtree at any depth is then one indexed range scan,
with the same SQL on SQLite and PostgreSQL, and no recursive CTE or extension
(ltree exists only on PostgreSQL; nested sets rewrite half the table on every
insert; closure tables grow with depth × rows, and areas move and merge).

A path is the chain of primary keys from the root, each written as a fixed
number of digits with no separator: "0000003" is a root, "00000030000017" its
child. Because every path is digits only and each segment has the same width,
byte order, C collation and ICU/glibc collations all sort a subtree as one
contiguous range ``[path, next_sibling(path))``. The range form (rather than
``LIKE 'prefix%'``) is what lets SQLite use the index too: SQLite's LIKE is
case-insensitive and skips a plain index.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q

SEGMENT = 7  # up to 9,999,999 units of one kind; a path 4 levels deep is 28 chars


def segment(pk: int) -> str:
    return f"{pk:0{SEGMENT}d}"


def child_path(parent_path: str, pk: int) -> str:
    return f"{parent_path}{segment(pk)}"


def upper_bound(path: str) -> str:
    """Return the first path after the whole subtree of ``path``."""
    head, last = path[:-SEGMENT], int(path[-SEGMENT:])
    return f"{head}{last + 1:0{SEGMENT}d}"


def depth(path: str) -> int:
    return len(path) // SEGMENT


def ancestor_paths(path: str) -> list[str]:
    """Return the paths of the ancestors of ``path``, root first (not itself)."""
    return [path[:end] for end in range(SEGMENT, len(path), SEGMENT)]


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """Drop every path that lies inside another one of ``paths``."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def subtree_q(paths: Iterable[str], field: str = "path") -> Q:
    """Match rows whose ``field`` lies in any of the subtrees of ``paths``.

    An empty ``paths`` matches nothing.
    """
    q = Q(pk__in=[])
    for path in minimal_paths(paths):
        q |= Q(**{f"{field}__gte": path, f"{field}__lt": upper_bound(path)})
    return q


def lineage(
    paths: Iterable[str], predecessors_of: Callable[[list[str]], Iterable[str]]
) -> list[str]:
    """Return the minimal paths covering ``paths`` and, transitively, their past.

    ``predecessors_of(roots)`` returns the paths of the units that passed into
    any unit inside the subtrees of ``roots`` (``units.lineage`` asks the
    successions); the walk stops when a generation brings nothing new.
    """
    covered = minimal_paths(paths)
    frontier = list(covered)
    while frontier:
        found = predecessors_of(frontier)
        new = [p for p in set(found) if not any(p.startswith(c) for c in covered)]
        if not new:
            break
        covered = minimal_paths([*covered, *new])
        frontier = minimal_paths(new)
    return covered
