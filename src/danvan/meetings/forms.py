"""Forms of meetings: the meeting, conclusions, tasks, follow-up, papers, filters.

Every choice of a body or a person is limited to the user's units; the
services check again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.models import User
from danvan.common.forms import CleanForm
from danvan.common.text import fold
from danvan.meetings.models import Kind, Meeting, MeetingSeries, PeriodType, Task
from danvan.meetings.services import people_for
from danvan.meetings.services.series import (
    check_new_people,
    series_of,
    similar_series,
)
from danvan.units.choices import BodyChoiceField, check_body_on, offer_bodies_on
from danvan.units.models import Body, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


if TYPE_CHECKING:
    # ModelChoiceField is generic in django-stubs only, not subscriptable at run time.
    _SeriesFieldBase = forms.ModelChoiceField[MeetingSeries]
else:
    _SeriesFieldBase = forms.ModelChoiceField


class SeriesChoiceField(_SeriesFieldBase):
    def label_from_instance(self, obj: MeetingSeries) -> str:
        return f"{obj.name} — {obj.body.name} ({obj.get_kind_display()})"


class MeetingForm(CleanForm):
    """A meeting's fields; saved through ``services.create_meeting``/``update``."""

    convening_body = BodyChoiceField(label=_("Convening body"), queryset=Body.objects)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    series = SeriesChoiceField(
        label=_("Series"),
        queryset=MeetingSeries.objects.none(),
        required=False,
        empty_label=_("The body's usual series of this kind"),
        help_text=_(
            "Meetings of one series carry open tasks forward: choose the series "
            "of the earlier meetings."
        ),
    )
    new_series = forms.CharField(
        label=_("Start a new series"),
        required=False,
        max_length=250,
        help_text=_(
            "Only for a series not in the list; it starts without the open tasks "
            "of the others."
        ),
    )
    new_series_confirmed = forms.BooleanField(
        label=_("Start it although a series with a similar name exists"),
        required=False,
    )
    title = forms.CharField(label=pgettext_lazy("meeting", "Title"), max_length=300)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=250, required=False)
    period_type = forms.ChoiceField(
        label=_("Period reviewed"),
        choices=[("", _("none")), *PeriodType.choices],
        required=False,
    )
    period_number = forms.IntegerField(
        label=_("Month or quarter"), required=False, min_value=1, max_value=12
    )
    period_year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1945, max_value=2200
    )
    period_start = forms.DateField(label=_("From"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("To"), required=False, widget=DATE)
    chair = forms.ModelChoiceField(
        label=_("Chair"), queryset=Person.objects, required=False
    )
    chair_name = forms.CharField(
        label=_("Chair (as written)"),
        max_length=250,
        required=False,
        help_text=_(
            "Name and title as the papers should write them, or a chair not listed."
        ),
    )
    secretary = forms.ModelChoiceField(
        label=_("Secretary"),
        queryset=Person.objects,
        required=False,
        help_text=_("Keeps the minutes and signs them beside the chair."),
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=Person.objects,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    new_attendees = forms.CharField(
        label=_("New people"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Full names of attendees not in the list, one a line: each becomes a "
            "person of the body's area."
        ),
    )
    guests = forms.CharField(
        label=_("Other participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Guests and participants outside the unit tree, one a line."),
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The bodies whose meetings the user records: editor of the body or its area.
        self.fields["convening_body"].queryset = (  # type: ignore[attr-defined]
            Body.objects.editable_by(user).select_related("area").order_by("path")
        )
        people = people_for(user).order_by("search_name")
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = people  # type: ignore[attr-defined]
        self.people = people
        self.fields["series"].queryset = series_of(  # type: ignore[attr-defined]
            bodies=self.fields["convening_body"].queryset,  # type: ignore[attr-defined]
        )
        self.fields["attendees"].queryset = people  # type: ignore[attr-defined]
        # After the series: a past series of a dissolved body stays choosable.
        held_on = self.initial.get("held_on") or timezone.localdate()
        offer_bodies_on(self, "convening_body", held_on)

    @staticmethod
    def initial_from(meeting: Meeting) -> dict[str, Any]:
        return {
            "convening_body": meeting.convening_body_id,
            "kind": meeting.kind,
            "series": meeting.series_id,
            "title": meeting.title,
            "held_on": meeting.held_on,
            "place": meeting.place,
            "period_type": meeting.period_type,
            "period_number": meeting.period_number,
            "period_year": meeting.period_year,
            "period_start": meeting.period_start,
            "period_end": meeting.period_end,
            "chair": meeting.chair_id,
            "chair_name": meeting.chair_name,
            "secretary": meeting.secretary_id,
            "attendees": list(meeting.attendees.values_list("pk", flat=True)),
            "guests": meeting.guests,
            "agenda": meeting.agenda,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_body_on(self, "convening_body", data.get("held_on"))
        chair, secretary = data.get("chair"), data.get("secretary")
        if chair is not None and chair == secretary:
            self.add_error(
                "secretary", _("The chair and the secretary are two different people.")
            )
        self._clean_series(data)
        self._clean_people(data)
        return data

    def _clean_series(self, data: dict[str, Any]) -> None:
        """A chosen series is the body's and kind's; a new one is not a near twin."""
        body, chosen, name = (
            data.get("convening_body"),
            data.get("series"),
            data.get("new_series"),
        )
        if body is None:
            return
        if chosen is not None and name:
            self.add_error("new_series", _("Choose a series or start a new one."))
        elif chosen is not None and (
            chosen.body_id != body.pk or chosen.kind != data.get("kind")
        ):
            self.add_error(
                "series",
                _("This series is of another body or kind: choose one of %(body)s.")
                % {"body": body.name},
            )
        elif name and not data.get("new_series_confirmed"):
            near = similar_series(body=body, kind=data.get("kind") or "", name=name)
            if near:
                self.add_error(
                    "new_series",
                    _(
                        "A series with a similar name exists: %(names)s. Choose it "
                        "in the list, or confirm that this is another series."
                    )
                    % {"names": ", ".join(f"“{s.name}”" for s in near)},
                )

    def _clean_people(self, data: dict[str, Any]) -> None:
        """Guests and new people are not somebody the lists already hold."""
        names = [
            line.strip(" -–")
            for line in (data.get("new_attendees") or "").split("\n")
            if line.strip(" -–")
        ]
        try:
            check_new_people(self.people, names)
        except ValidationError as exc:
            self.add_error(None, exc)
        written = (data.get("chair_name") or "").split(",")[0].strip()
        if written.casefold().startswith("đồng chí "):
            written = written[len("đồng chí ") :]
        listed_chair = self.people.filter(search_name=fold(written)).exists()
        if not data.get("chair") and written and listed_chair:
            self.add_error(
                "chair",
                _("%(name)s is among the people: choose him or her as chair.")
                % {"name": written},
            )
        guests = [
            line.strip(" -–").split(",")[0].strip()
            for line in (data.get("guests") or "").split("\n")
        ]
        listed = [g for g in guests if g and self.people.filter(search_name=fold(g))]
        if listed:
            self.add_error(
                "guests",
                _("Already among the people: %(names)s. Choose them as attendees.")
                % {"names": ", ".join(listed)},
            )

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        chosen = data.pop("series")
        name = data.pop("new_series")
        data.pop("new_series_confirmed")
        data["series_name"] = chosen.name if chosen is not None else name
        data["new_attendees"] = [
            line.strip(" -–")
            for line in data.pop("new_attendees").split("\n")
            if line.strip(" -–")
        ]
        data["period_type"] = data["period_type"] or ""
        return data


class ConclusionForm(CleanForm):
    text = forms.CharField(
        label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskForm(CleanForm):
    """A task: what, which body leads it, by when."""

    title = forms.CharField(
        label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner_body = BodyChoiceField(label=_("Lead body"), queryset=Body.objects)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(
        self, *args: Any, user: User, title_required: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        bodies = Body.objects.visible_to(user).select_related("area").order_by("path")
        self.fields["owner_body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["title"].required = title_required
        if not title_required:
            self.fields["title"].help_text = _("Empty: the text of the conclusion.")


class TaskStatusForm(CleanForm):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
    note = forms.CharField(label=_("Follow-up note"), required=False, max_length=1000)
    on = forms.DateField(
        label=_("On"),
        required=False,
        widget=DATE,
        help_text=_("The day of the change; today if empty."),
    )


class PaperForm(CleanForm):
    """Options of generated minutes or a notice: date, signature, recipients."""

    issued_on = forms.DateField(label=_("Date of issue"), widget=DATE)
    signer_capacity = forms.CharField(
        label=_("Signing for"),
        required=False,
        max_length=120,
        help_text=_("For example T/M BAN THƯỜNG VỤ, K/T TRƯỞNG BAN."),
    )
    signer_title = forms.CharField(
        label=_("Signer's title"), required=False, max_length=200
    )
    signer_name = forms.CharField(label=_("Signer"), required=False, max_length=150)
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line; the last keeps the file copy."),
    )

    def options(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["recipients"] = [
            line for line in data["recipients"].split("\n") if line.strip()
        ]
        return data
