"""Which bodies report a form for a period (DHIS2's "data set assignment").

A form names the reporting bodies by rule, never one by one, so that the list
follows the tree through reforms: the bodies of ``reporter_kinds`` whose area
is at ``reporter_level``, under the form's area (its lineage: a commune merged
on 1 July 2025 reports the quarters before it under the old name), in force on
at least one day of the period, and whose name contains ``reporter_name``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q

from danvan.common import tree
from danvan.common.text import fold
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area, Body, BodyQuerySet

if TYPE_CHECKING:
    from danvan.datasets.models import Period


class ReporterRule(Protocol):
    """What names the reporting bodies: a figures form (``ReportForm``) or a
    periodic report's type (``reports.ReportType``)."""

    @property
    def area(self) -> Area: ...

    @property
    def reporter_level(self) -> str: ...

    @property
    def reporter_kinds(self) -> Any: ...  # a list of ``Body.Kind`` values

    @property
    def reporter_name(self) -> str: ...


def reporters(
    form: ReporterRule, period: Period, under: Area | None = None
) -> BodyQuerySet:
    """The bodies that report ``form`` (a form, a report type: any
    ``ReporterRule``) for ``period`` (under ``under`` if given)."""
    roots = lineage_paths([form.area.path])
    bodies = Body.objects.in_force_during(period.start, period.end).filter(
        tree.subtree_q(roots, field="area__path"),
        kind__in=form.reporter_kinds,
        area__level=form.reporter_level,
    )
    if under is not None:
        bodies = bodies.filter(
            tree.subtree_q(lineage_paths([under.path]), field="area__path")
        )
    name = fold(form.reporter_name)
    if name:
        bodies = bodies.filter(search_name__contains=name)
    return bodies.order_by("area__path", "path")


def reports(form: ReporterRule, period: Period, body: Body) -> bool:
    """Does ``body`` report ``form`` for ``period``?"""
    return reporters(form, period).filter(Q(pk=body.pk)).exists()
