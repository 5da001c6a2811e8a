"""The forms of the report pages: a new report (type, period, body), the
text of a section without JavaScript, a comment, the approval, a return and
the meeting a report is presented at."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.datasets.completeness import named_period, parse_period, recent_periods
from danvan.meetings import periods
from danvan.reports.models import ReportType
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Body

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Periods offered for a new report, per period type: the one under way and
# those before it.
RECENT = 4


def period_choices(
    period_types: set[str], today: dt.date | None = None
) -> list[tuple[str, str]]:
    """``quarter:2026:1`` → "quý I năm 2026" for the recent periods of each type."""
    found: list[tuple[str, str]] = []
    for period_type in sorted(period_types):
        for kind, year, number in recent_periods(
            period_type, today=today, count=RECENT
        ):
            spec = f"{kind}:{year}:{number}" if number else f"{kind}:{year}"
            found.append((spec, periods.period_label(kind, year, number)))
    return found


class ReportCreateForm(ScopedFormMixin, CleanForm):
    """Which report to open: its type, its period and, for a user who writes
    for several bodies, the body."""

    editable_fields = ("body",)

    report_type = forms.TypedChoiceField(label=gettext_lazy("Report type"), coerce=int)
    period = forms.ChoiceField(label=gettext_lazy("Period"))
    body = BodyChoiceField(
        label=gettext_lazy("Reporting body"),
        queryset=Body.objects.all(),
        required=False,
        help_text=gettext_lazy("Empty: your own unit's body that writes it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.types = {
            t.pk: t
            for t in ReportType.objects.filter(active=True)
            .select_related("area")
            .order_by("name", "pk")
        }
        cast(forms.ChoiceField, self.fields["report_type"]).choices = [
            (pk, t.name) for pk, t in self.types.items()
        ]
        cast(forms.ChoiceField, self.fields["period"]).choices = period_choices(
            {t.period_type for t in self.types.values()}, timezone.localdate()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        report_type = self.types.get(data.get("report_type") or 0)
        named = parse_period(data.get("period") or "")
        if report_type is None or named is None:
            return data
        if named[0] != report_type.period_type:
            self.add_error(
                "period", _("This report type is written for another kind of period.")
            )
            return data
        data["report_type"] = report_type
        data["period_named"] = named
        period = named_period(*named)
        body = data.get("body")
        from danvan.reports.schedule import reporters

        writers = reporters(report_type, period).editable_by(self.user)
        if body is not None:
            if not writers.filter(pk=body.pk).exists():
                self.add_error(
                    "body", _("This body does not write this report for the period.")
                )
            return data
        found = list(writers[:2])
        if len(found) == 1:
            data["body"] = found[0]
        elif not found:
            self.add_error(
                None, _("None of your units writes this report for the period.")
            )
        else:
            self.add_error("body", _("Choose the body the report is written for."))
        return data


class SectionTextForm(CleanForm):
    """A section's text as sent by the page (the editor, or the plain
    textarea without JavaScript) and the version it was changed from."""

    text = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class CommentForm(CleanForm):
    """A comment on a section, or on one figure of it."""

    text = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    figure = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)
    figure_label = forms.CharField(
        required=False, max_length=300, widget=forms.HiddenInput
    )


class ApproveForm(CleanForm):
    """The date of issue and the signature of the approved paper."""

    issued_on = forms.DateField(label=gettext_lazy("Date of issue"), widget=DATE)
    signer_capacity = forms.CharField(
        label=gettext_lazy("Signing for"),
        required=False,
        max_length=120,
        help_text=gettext_lazy("For example T/M BAN THƯỜNG VỤ, K/T TRƯỞNG BAN."),
    )
    signer_title = forms.CharField(
        label=gettext_lazy("Signer's title"), required=False, max_length=200
    )
    signer_name = forms.CharField(
        label=gettext_lazy("Signer"), required=False, max_length=150
    )
    recipients = forms.CharField(
        label=gettext_lazy("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One a line, as “Nơi nhận” lists them."),
    )


class ReturnForm(CleanForm):
    """Why the report goes back to its unit."""

    note = forms.CharField(
        label=gettext_lazy("Why it is returned"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PresentForm(CleanForm):
    """The meeting that takes the report as its paper (one of the recent
    meetings of the report's body or area)."""

    meeting = forms.TypedChoiceField(label=gettext_lazy("Meeting"), coerce=int)
