"""The form of the records panel that makes a meeting from a text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.forms import CleanForm
from danvan.units.models import Body


class MeetingFromTextForm(CleanForm):
    """Organiser, date, title and conclusions, proposed from the text, editable."""

    body = forms.ModelChoiceField(
        label=_("Convening body"),
        queryset=Body.objects.none(),
        empty_label=_("Choose the body that convened it"),
    )
    held_on = forms.DateField(
        label=_("Date"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    title = forms.CharField(
        label=pgettext_lazy("meeting", "Title"),
        required=False,
        max_length=300,
        help_text=_("Empty: the kind, period and body of the meeting."),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One a line, as the text states them; edit before saving."),
    )

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        field.queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])  # type: ignore[attr-defined]
        field.label_from_instance = lambda body: body.name  # type: ignore[attr-defined]
        # Offered from the bodies already read, in the queryset's order (by
        # path); the queryset only validates.
        field.widget.choices = [("", field.empty_label)] + [  # type: ignore[attr-defined]
            (body.pk, body.name) for body in sorted(bodies, key=lambda b: b.path)
        ]

    def conclusion_lines(self) -> list[str]:
        text = self.cleaned_data.get("conclusions") or ""
        return [line.strip() for line in text.split("\n") if line.strip()]
