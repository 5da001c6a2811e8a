"""The reports of the units below, laid beside a report to merge them.

A province's report is written with its communes' reports of the same period
in view: ``below(report)`` gives those sent up (with their sections), the
writers still missing, and how many were expected. The units below are the
writers of the report types one level under the report's own: types of the
same period type whose writers' level is the first level below the report's
area (a province sees its communes' types; where districts still stand, the
districts'), under the report's area through lineage (a commune merged in
2025 still counts with its old reports).

One query per kind of row (the types, their writers per type, the reports,
their sections), never one per unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from danvan.common import tree
from danvan.reports.models import Report, ReportSection, ReportType
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.units.models import Body

# The levels of the tree, top down.
LEVELS: list[str] = [
    Area.Level.PROVINCE,
    Area.Level.DISTRICT,
    Area.Level.COMMUNE,
    Area.Level.VILLAGE,
]


@dataclass
class Below:
    """What the units below sent for the report's period."""

    # Sent reports of the units below, in the order of the tree, each with
    # its sections (``report.sections.all()`` reads no row).
    reports: list[Report] = field(default_factory=list)
    # The writers expected that have sent nothing yet.
    missing: list[Body] = field(default_factory=list)
    expected: int = 0

    @property
    def sent(self) -> int:
        return len(self.reports)

    def sections(self, key: str) -> list[tuple[Report, ReportSection]]:
        """Each report's section of ``key``, when it has one."""
        found = []
        for report in self.reports:
            for section in report.sections.all():
                if section.key == key:
                    found.append((report, section))
                    break
        return found


def levels_below(level: str) -> list[str]:
    """The levels under ``level``, nearest first."""
    if level not in LEVELS:
        return []
    return LEVELS[LEVELS.index(level) + 1 :]


def types_below(report: Report, roots: list[str] | None = None) -> list[ReportType]:
    """The report types one level below ``report``'s: same period type,
    written at the nearest level under its area that has one, by units under
    its area (or a type for a wider area, such as the whole country's).
    ``roots``: the area's lineage, when read already."""
    area = report.area
    below = levels_below(area.level)
    if not below:
        return []
    ancestors = tree.ancestor_paths(area.path)
    if roots is None:
        roots = lineage_paths([area.path])
    candidates = [
        t
        for t in ReportType.objects.filter(
            active=True,
            period_type=report.report_type.period_type,
            reporter_level__in=below,
        ).select_related("area")
        if t.area.path in ancestors
        or t.area.path == area.path
        or any(t.area.path.startswith(p) for p in roots)
    ]
    if not candidates:
        return []
    nearest = min(below.index(t.reporter_level) for t in candidates)
    return [t for t in candidates if below.index(t.reporter_level) == nearest]


def below(report: Report, user: User | AnonymousUser | None = None) -> Below:
    """The sent reports of the units below ``report`` for its period, the
    writers missing, and how many were expected. ``user``: only the reports
    they may read (the level above reads them all)."""
    from danvan.reports import schedule

    if not levels_below(report.area.level):
        return Below()
    roots = lineage_paths([report.area.path])
    types = types_below(report, roots)
    if not types:
        return Below()
    writers: dict[int, Body] = {}
    for report_type in types:
        for body in schedule.reporters(
            report_type, report.period, under=report.area
        ).select_related("area"):
            writers.setdefault(body.pk, body)
    rows = (
        Report.objects.filter(
            report_type__in=types,
            period_id=report.period_id,
            status=Report.Status.SENT,
        )
        .filter(tree.subtree_q(roots, field="area_path"))
        .exclude(pk=report.pk)
        .select_related("body", "area", "report_type")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=ReportSection.objects.order_by("report_id", "order", "pk"),
            )
        )
        .order_by("area_path", "body_path", "pk")
    )
    if user is not None:
        rows = rows.visible_to(user)
    reports = list(rows)
    sent = {r.body_id for r in reports}
    missing = [b for b in writers.values() if b.pk not in sent]
    missing.sort(key=lambda b: (b.area.path, b.path))
    return Below(
        reports=reports,
        missing=missing,
        expected=len(writers | {r.body_id: r.body for r in reports}),
    )
