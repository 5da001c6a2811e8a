"""The system's draft of a report: each outline section written from the
registers, and the annex tables.

``write_draft(report)`` reads and never writes. For each section of the
report type's outline it asks the sources the section names (``fills``:
``reports.sources``, a module per ``Source``) for their sentences, over the
report's unit and span; each source reads its register once for the whole
report. The section's HTML is what ``html.clean_html`` keeps (paragraphs,
lists, links with ``data-figure``). A section whose key the outline no
longer has (the outline changed after the report was opened) gets nothing.

The annex: a table per figures form (its indicators' values for the
period, with how many units reported), the targets with their verdicts, the
"Dân vận khéo" models by field, and the reports of the units below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from danvan.reports.html import clean_html
from danvan.reports.sources import (
    Context,
    dvk,
    figures,
    section_writers,
    subunits,
    targets,
)

if TYPE_CHECKING:
    from danvan.reports.models import Report


@dataclass
class Draft:
    """Section key → cleaned HTML, and the annex tables as JSON."""

    sections: dict[str, str] = field(default_factory=dict)
    annex: list[dict[str, Any]] = field(default_factory=list)


def write_draft(report: Report) -> Draft:
    """The system's draft of ``report`` (reads only)."""
    ctx = Context.of(report)
    writers = section_writers()
    draft = Draft()
    for section in ctx.report_type.outline.order_by("order", "pk"):
        parts = [
            writers[fill](ctx, section) for fill in section.fills if fill in writers
        ]
        draft.sections[section.key] = clean_html("".join(parts))
    if report.pk is not None:
        for key in report.sections.values_list("key", flat=True):
            draft.sections.setdefault(key, "")
    draft.annex = [
        *figures.annex(ctx),
        *targets.annex(ctx),
        *dvk.annex(ctx),
        *subunits.annex(ctx),
    ]
    return draft
