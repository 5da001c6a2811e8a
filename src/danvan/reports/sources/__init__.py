"""What the system writes into a report's draft, one module per ``Source``.

Each module reads its register once for the whole report (``Context.once``:
one grouped query per source, never one per unit or period) and writes, for
an outline section, Vietnamese sentences as an officer writes them, every
figure a link to the list or page it came from, marked with a stable key
(``data-figure="documents.issued"``) that comments on the figure follow
from one period to the next.

The report's unit: the area and everything that is or was inside it
(``units.lineage.lineage_paths``) when the writing body's remit is its area
(``Body.area_wide``: a Party committee, the Front, the People's Committee);
otherwise the body, its sub-bodies and the bodies that passed into them.
Registers are read over the report's span (``span_start``..``span_end``,
the type's cut-off); figures over the period's own periods (each form keeps
its own cut-off).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

from django.db.models import Q
from django.utils import timezone

from danvan.common import tree
from danvan.common.numbers import format_number
from danvan.initiatives.stats.rollup import body_lineage_paths
from danvan.units.lineage import lineage_paths

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.datasets.models import Period
    from danvan.reports.models import OutlineSection, Report, ReportType
    from danvan.units.models import Area, Body

T = TypeVar("T")


def reader() -> User:
    """Who the draft reads as: everything (the draft narrows to the report's
    unit itself). An unsaved superuser, never signed in, never written."""
    from danvan.accounts.models import User

    return User(username="", is_superuser=True, is_active=True)


@dataclass
class Context:
    """The report being drafted and what its sources have read so far."""

    report: Report
    report_type: ReportType
    body: Body
    area: Area
    period: Period
    start: dt.date
    end: dt.date
    today: dt.date
    area_wide: bool
    # The unit's subtrees with their past: area paths when area-wide, else
    # body paths (``paths_field`` of a row says which column they range).
    ranges: list[str]
    # The roots of those subtrees: the unit itself and its predecessors.
    roots: list[str]
    _found: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, report: Report) -> Context:
        body = report.body
        area = report.area
        area_wide = body.area_wide
        if area_wide:
            ranges = lineage_paths([area.path])
        else:
            ranges = body_lineage_paths(body.path)
        return cls(
            report=report,
            report_type=report.report_type,
            body=body,
            area=area,
            period=report.period,
            start=report.span_start,
            end=report.span_end,
            today=timezone.localdate(),
            area_wide=area_wide,
            ranges=ranges,
            roots=tree.minimal_paths(ranges),
        )

    @property
    def as_of(self) -> dt.date:
        """The day tasks are judged overdue on: the span's end, or today
        while the span runs."""
        return min(self.today, self.end)

    def once(self, key: str, load: Callable[[], T]) -> T:
        """What ``load`` returns, read once for the whole report."""
        if key not in self._found:
            self._found[key] = load()
        value: T = self._found[key]
        return value

    def unit_q(self, area_field: str, body_field: str) -> Q:
        """Rows of the unit: ``area_field`` in the area's lineage, or
        ``body_field`` in the body's."""
        return tree.subtree_q(self.ranges, area_field if self.area_wide else body_field)

    @property
    def period_label(self) -> str:
        return str(self.period)


# --- HTML ------------------------------------------------------------------------


def text(value: object) -> str:
    return escape(str(value), quote=False)


def number(value: object) -> str:
    """A number as reports write it: "15.000.000", "1,5"."""
    return format_number(value)


def date(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def url(path: str, **params: Any) -> str:
    """``path`` with the query string of ``params`` (None ones dropped)."""
    query = urlencode({k: v for k, v in params.items() if v is not None}, safe="/")
    return f"{path}?{query}" if query else path


def link(label: str, href: str) -> str:
    """A link to a page (a document, a meeting): ``label`` is HTML already."""
    return f'<a href="{escape(href)}">{label}</a>'


def figure(value: object, href: str, key: str) -> str:
    """A figure: its number, a link to where it came from, with its key."""
    shown = value if isinstance(value, str) else number(value)
    return f'<a href="{escape(href)}" data-figure="{escape(key)}">{text(shown)}</a>'


def para(*parts: str) -> str:
    body = "".join(p for p in parts if p)
    return f"<p>{body}</p>" if body else ""


def bullets(items: Iterable[str]) -> str:
    lines = [f"<li>{item}</li>" for item in items if item]
    return f"<ul>{''.join(lines)}</ul>" if lines else ""


def listing(names: list[str], *, limit: int = 5, more: str = "") -> str:
    """ "A, B, C" and "…" when there are more than ``limit``."""
    shown = names[:limit]
    rest = len(names) - len(shown)
    words = ", ".join(shown)
    if rest > 0:
        words += f" và {rest} {more}khác".replace("  ", " ")
    return words


def section_writers() -> dict[str, Callable[[Context, OutlineSection], str]]:
    """Source value → the function that writes it for a section."""
    from danvan.reports.models import Source
    from danvan.reports.sources import (
        directions,
        documents,
        dvk,
        facts,
        figures,
        meetings,
        people,
        shortcomings,
        subunits,
        targets,
        tasks,
    )

    return {
        Source.FACTS: facts.write,
        Source.DOCUMENTS: documents.write,
        Source.MEETINGS: meetings.write,
        Source.TASKS: tasks.write,
        Source.TARGETS: targets.write,
        Source.FIGURES: figures.write,
        Source.DVK: dvk.write,
        Source.SHORTCOMINGS: shortcomings.write,
        Source.DIRECTIONS: directions.write,
        Source.SUBUNITS: subunits.write,
        Source.PEOPLE: people.write,
    }
