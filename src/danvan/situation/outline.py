"""The period view: an area's situation for a period, topic by topic.

As the periodic report writes "tình hình nhân dân": the topics in the
catalogue's order; under each, the places of the area's lineage (the area,
the places inside it and the old units merged into it) with an entry of the
period, the worst assessed first, each place judged by the worst of its
entries of the period; the number of places stable, with signs of complexity
and complex; and the summaries. An entry counts for the period when its own
period lies inside it (a month's entry counts for its quarter and year).
One query reads the entries, one the topics.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.common import tree
from danvan.situation.models import Assessment, Entry, Topic
from danvan.units.lineage import lineage_paths

if TYPE_CHECKING:
    from danvan.datasets.models import Period
    from danvan.units.models import Area

# The worst first.
SEVERITY: dict[str, int] = {
    Assessment.COMPLEX: 0,
    Assessment.SIGNS: 1,
    Assessment.STABLE: 2,
}
ORDER = [Assessment.COMPLEX, Assessment.SIGNS, Assessment.STABLE]


@dataclass
class Place:
    """A place of the area with entries on a topic: judged by the worst."""

    area: Any
    entries: list[Entry] = field(default_factory=list)

    @property
    def assessment(self) -> str:
        return min((e.assessment for e in self.entries), key=lambda a: SEVERITY[a])

    def get_assessment_display(self) -> str:
        return capfirst(str(Assessment(self.assessment).label))


@dataclass
class Section:
    """One topic of the period view."""

    topic: Topic
    places: list[Place] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(Assessment.values, 0)
        for place in self.places:
            found[place.assessment] += 1
        return found

    def sentence(self) -> str:
        """The topic's assessment in one sentence, as the report quotes it."""
        if not self.places:
            return _("No entry for this period.")
        counts = self.counts
        parts = []
        if counts[Assessment.STABLE]:
            parts.append(
                ngettext(
                    "%(n)s place stable",
                    "%(n)s places stable",
                    counts[Assessment.STABLE],
                )
                % {"n": counts[Assessment.STABLE]}
            )
        if counts[Assessment.SIGNS]:
            parts.append(
                ngettext(
                    "%(n)s place with signs of complexity",
                    "%(n)s places with signs of complexity",
                    counts[Assessment.SIGNS],
                )
                % {"n": counts[Assessment.SIGNS]}
            )
        if counts[Assessment.COMPLEX]:
            names = ", ".join(
                p.area.full_name
                for p in self.places
                if p.assessment == Assessment.COMPLEX
            )
            parts.append(
                ngettext(
                    "%(n)s place complex (%(names)s)",
                    "%(n)s places complex (%(names)s)",
                    counts[Assessment.COMPLEX],
                )
                % {"n": counts[Assessment.COMPLEX], "names": names}
            )
        return "; ".join(parts) + "."


@dataclass
class PeriodView:
    area: Any
    period: Any
    sections: list[Section]

    @property
    def counts(self) -> dict[str, int]:
        """Places by their worst assessment over every topic."""
        worst: dict[int, str] = {}
        for section in self.sections:
            for place in section.places:
                now = worst.get(place.area.pk)
                if now is None or SEVERITY[place.assessment] < SEVERITY[now]:
                    worst[place.area.pk] = place.assessment
        found = dict.fromkeys(Assessment.values, 0)
        for value in worst.values():
            found[value] += 1
        return found

    @property
    def entry_count(self) -> int:
        return sum(len(p.entries) for s in self.sections for p in s.places)


def entries_of(user: Any, area: Area, period: Period) -> Any:
    """The entries the reader sees in the area's lineage for the period."""
    return (
        Entry.objects.visible_to(user)
        .filter(
            tree.subtree_q(lineage_paths([area.path]), field="area_path"),
            period__start__gte=period.start,
            period__end__lte=period.end,
        )
        .select_related("area", "topic", "body", "period")
        .order_by("topic__order", "area__path", "observed_on", "pk")
    )


def period_view(user: Any, area: Area, period: Period) -> PeriodView:
    """The area's situation for the period, topic by topic, worst places first."""
    by_topic: dict[int, dict[int, Place]] = defaultdict(dict)
    topics: dict[int, Topic] = {}
    for entry in entries_of(user, area, period):
        topics[entry.topic_id] = entry.topic
        places = by_topic[entry.topic_id]
        place = places.get(entry.area_id)
        if place is None:
            place = places[entry.area_id] = Place(entry.area)
        place.entries.append(entry)
    # Topics in use, and those with entries (a retired topic may have some).
    for topic in Topic.objects.filter(active=True):
        topics.setdefault(topic.pk, topic)
    sections = []
    for topic in sorted(topics.values(), key=lambda t: (t.order, t.code)):
        ranked = sorted(
            by_topic.get(topic.pk, {}).values(),
            key=lambda p: (SEVERITY[p.assessment], p.area.path),
        )
        sections.append(Section(topic, ranked))
    return PeriodView(area=area, period=period, sections=sections)


def xlsx_rows(view: PeriodView) -> list[list[Any]]:
    """The period view as rows: one per place and topic, worst first."""
    rows: list[list[Any]] = []
    for section in view.sections:
        if not section.places:
            rows.append([section.topic.name, "", "", section.sentence(), "", ""])
            continue
        for place in section.places:
            rows.append(
                [
                    section.topic.name,
                    place.area.full_name,
                    place.get_assessment_display(),
                    "\n".join(e.summary for e in place.entries),
                    "\n".join(e.follow_up for e in place.entries if e.follow_up),
                    "; ".join(sorted({e.body.name for e in place.entries})),
                ]
            )
    return rows
