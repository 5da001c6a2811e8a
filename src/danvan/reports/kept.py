"""Figures of the reports kept until a report, section or type changes."""

from danvan.common.kept import KeptFigures

FIGURES = KeptFigures(
    "reports",
    watched=(
        "reports.ReportType",
        "reports.OutlineSection",
        "reports.Report",
        "reports.ReportSection",
        "reports.ReportComment",
    ),
)
