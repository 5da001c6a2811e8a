"""Roll-up of areas and bodies, past ones included, to the units in force.

A model recorded against a commune merged in 2025 counts for the commune that
took its records (``AreaSuccession.primary``), once, and never twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from danvan.common import tree
from danvan.units.models import AreaSuccession, BodySuccession


def _prefixes(path: str) -> list[str]:
    """``path`` and its ancestors' paths, deepest first."""
    return [path[:end] for end in range(len(path), 0, -tree.SEGMENT)]


class RollUp:
    """Maps an area path to the unit in force it counts for (or to none).

    ``units`` are paths of areas in force; ``links`` map a predecessor's path
    to its main successor's path. A path inside a unit counts for it; else the
    deepest of its ancestors (itself included) that has a main successor hands
    it on, until it lands inside a unit or nowhere.
    """

    def __init__(self, units: Mapping[str, int], links: Mapping[str, str]) -> None:
        self.units = units
        self.links = links
        self.cache: dict[str, int | None] = {}

    def unit_of(self, path: str) -> int | None:
        if path in self.cache:
            return self.cache[path]
        found: int | None = None
        current: str | None = path
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            prefixes = _prefixes(current)
            found = next((self.units[p] for p in prefixes if p in self.units), None)
            if found is not None:
                break
            current = next((self.links[p] for p in prefixes if p in self.links), None)
        self.cache[path] = found
        return found


def main_successors(ranges: list[str] | None) -> dict[str, str]:
    """Predecessor path → main successor path, for predecessors inside ``ranges``.

    ``None`` means everywhere (the whole country).
    """
    links = AreaSuccession.objects.filter(primary=True)
    if ranges is not None:
        links = links.filter(tree.subtree_q(ranges, field="predecessor__path"))
    return dict(links.values_list("predecessor__path", "successor__path"))


def body_lineage_paths(path: str) -> list[str]:
    """The body's subtree and the subtrees of every body that passed into it."""
    covered = [path]
    frontier = [path]
    while frontier:
        found = BodySuccession.objects.filter(
            tree.subtree_q(frontier, field="successor__path")
        ).values_list("predecessor__path", flat=True)
        new = [p for p in set(found) if not any(p.startswith(c) for c in covered)]
        if not new:
            break
        covered = tree.minimal_paths([*covered, *new])
        frontier = tree.minimal_paths(new)
    return covered


def body_roll_up(counts: Mapping[int, int], in_force: set[int]) -> set[int]:
    """The bodies in force that have a model, their own or a predecessor's."""
    links = dict(
        BodySuccession.objects.filter(primary=True).values_list(
            "predecessor_id", "successor_id"
        )
    )
    with_model: set[int] = set()
    for body_id, n in counts.items():
        if not n:
            continue
        current: int | None = body_id
        seen: set[int] = set()
        while current is not None and current not in in_force and current not in seen:
            seen.add(current)
            current = links.get(current)
        if current is not None and current in in_force:
            with_model.add(current)
    return with_model
