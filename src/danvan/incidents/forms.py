"""Forms of hot spots: the hot spot, a follow-up, a link.

Every choice of an area, a body or a linked row is limited to the user's
units (``ScopedFormMixin``); the services check again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common import tree
from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.documents.forms import AreaField
from danvan.incidents.models import Incident, Severity, Status
from danvan.meetings.forms import DATE
from danvan.units.choices import BodyChoiceField, check_body_on, offer_bodies_on
from danvan.units.models import Area, Body


class _TopicField(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at runtime
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _topics() -> Any:
    from danvan.situation.models import Topic

    return Topic.objects.filter(active=True).order_by("order", "code")


class IncidentForm(ScopedFormMixin, CleanForm):
    """A hot spot's own fields (``services.open_incident`` / ``update_incident``)."""

    editable_fields = ("owner_body",)

    title = forms.CharField(label=pgettext_lazy("hot spot", "Title"), max_length=300)
    area = AreaField(
        label=_("Place"), help_text=_("The commune or the village where it arose.")
    )
    place = forms.CharField(
        label=_("Place in detail"),
        max_length=300,
        required=False,
        help_text=_("Hamlet, road…"),
    )
    topic = _TopicField(label=_("Topic"), queryset=_topics())
    owner_body = BodyChoiceField(label=_("Owner body"), queryset=Body.objects.all())
    arose_on = forms.DateField(label=_("Arose on"), widget=DATE)
    severity = forms.TypedChoiceField(
        label=_("Severity"),
        choices=Severity.choices,
        coerce=int,
        initial=Severity.MEDIUM,
    )
    people = forms.IntegerField(
        label=_("Number of people"), min_value=0, initial=0, required=False
    )
    cause = forms.CharField(
        label=_("Cause"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    parties = forms.CharField(
        label=_("Parties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who is involved, on each side."),
    )
    due_on = forms.DateField(
        label=pgettext_lazy("hot spot", "Deadline"), required=False, widget=DATE
    )
    next_review_on = forms.DateField(
        label=_("Next follow-up by"), required=False, widget=DATE
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def restrict_choices(self) -> None:
        super().restrict_choices()
        fields: Any = self.fields
        fields["area"].queryset = fields["area"].queryset.filter(
            level__in=(Area.Level.COMMUNE, Area.Level.VILLAGE)
        )
        offer_bodies_on(self, "owner_body", self.initial.get("arose_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_body_on(self, "owner_body", data.get("arose_on"))
        if data.get("people") is None:
            data["people"] = 0
        return data

    @staticmethod
    def initial_from(incident: Incident) -> dict[str, Any]:
        return {
            "title": incident.title,
            "area": incident.area_id,
            "place": incident.place,
            "topic": incident.topic_id,
            "owner_body": incident.owner_body_id,
            "arose_on": incident.arose_on,
            "severity": incident.severity,
            "people": incident.people,
            "cause": incident.cause,
            "parties": incident.parties,
            "due_on": incident.due_on,
            "next_review_on": incident.next_review_on,
            "summary": incident.summary,
        }


ESCALATING_CHOICES = [
    ("", _("As the changes say")),
    ("yes", _("Escalating")),
    ("no", _("Not escalating")),
]


class FollowUpForm(CleanForm):
    """A dated step of the timeline and what changed with it."""

    on = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(
        label=_("What was done or learnt"), widget=forms.Textarea(attrs={"rows": 4})
    )
    status = forms.ChoiceField(
        label=_("Status after"),
        choices=[("", _("unchanged")), *Status.choices],
        required=False,
    )
    severity = forms.TypedChoiceField(
        label=_("Severity after"),
        choices=[("", _("unchanged")), *Severity.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    people = forms.IntegerField(
        label=_("Number of people after"),
        min_value=0,
        required=False,
        help_text=_("Empty: unchanged."),
    )
    escalating = forms.ChoiceField(
        label=_("Escalating"),
        choices=ESCALATING_CHOICES,
        required=False,
        help_text=_("More people or a higher severity mark it escalating anyway."),
    )
    next_review_on = forms.DateField(
        label=_("Next follow-up by"), required=False, widget=DATE
    )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        flag = {"yes": True, "no": False}.get(data.get("escalating") or "")
        return {
            "on": data["on"],
            "text": data["text"],
            "status": data.get("status") or "",
            "severity": data.get("severity"),
            "people": data.get("people"),
            "escalating": flag,
            "next_review_on": data.get("next_review_on"),
        }


class _RowField(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at runtime
    def label_from_instance(self, obj: Any) -> str:
        day = getattr(obj, "received_on", None) or getattr(obj, "held_on", None)
        label = getattr(obj, "subject", None) or getattr(obj, "title", None) or obj
        prefix = f"{day:%d/%m/%Y} · " if isinstance(day, dt.date) else ""
        return f"{prefix}{label}"[:160]


def _models() -> dict[str, Any]:
    from danvan.dialogues.models import Session
    from danvan.meetings.models import Meeting
    from danvan.petitions.models import Petition

    return {"petition": Petition, "dialogue": Session, "meeting": Meeting}


# The date column of each linked kind (for the order of its choices).
DATES = {"petition": "received_on", "dialogue": "held_on", "meeting": "held_on"}


class LinkForm(ScopedFormMixin, CleanForm):
    """Link a petition, a dialogue session or a meeting to the hot spot: the
    rows the user reads of its commune (and of the levels above since it
    arose)."""

    petition = _RowField(label=_("Petition"), queryset=None, required=False)
    dialogue = _RowField(label=_("Dialogue session"), queryset=None, required=False)
    meeting = _RowField(label=_("Meeting"), queryset=None, required=False)

    def __init__(
        self, *args: Any, incident: Incident | None = None, **kwargs: Any
    ) -> None:
        self.incident = incident
        super().__init__(*args, **kwargs)

    def _base_fields_querysets(self) -> None:
        for name, model in _models().items():
            self.fields[name].queryset = model.objects.all()  # type: ignore[attr-defined]

    def restrict_choices(self) -> None:
        self._base_fields_querysets()
        super().restrict_choices()
        incident = self.incident
        for name in _models():
            field: Any = self.fields[name]
            if incident is None:
                field.queryset = field.queryset.none()
                continue
            path = incident.area_path
            if incident.area.level == Area.Level.VILLAGE:
                path = path[: -tree.SEGMENT]
            near = tree.subtree_q([path], field="area_path") | Q(
                area_path__in=tree.ancestor_paths(path),
                **{f"{DATES[name]}__gte": incident.arose_on},
            )
            field.queryset = field.queryset.filter(near).order_by(
                f"-{DATES[name]}", "-pk"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in _models()):
            raise forms.ValidationError(
                _("Choose a petition, a dialogue or a meeting.")
            )
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "petitions": [data["petition"]] if data.get("petition") else [],
            "dialogues": [data["dialogue"]] if data.get("dialogue") else [],
            "meetings": [data["meeting"]] if data.get("meeting") else [],
        }
