"""Forms of dialogues: a dialogue, an opinion, its answer and follow-up, a
reception day, the statistics' area and span.

Every choice of a unit is limited to the user's (``ScopedFormMixin``): the
holding body and the reception's body to those the user edits; the services
check again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.common import clock
from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.dialogues.models import Session
from danvan.documents.forms import AreaField, default_area
from danvan.situation.models import Topic
from danvan.units.choices import BodyChoiceField, check_body_on, offer_bodies_on
from danvan.units.models import Body

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SessionForm(ScopedFormMixin, CleanForm):
    """A dialogue's facts, saved through ``services.hold_session`` or
    ``update_session``."""

    editable_fields = ("body",)

    body = BodyChoiceField(label=_("Holding body"), queryset=Body.objects.all())
    area = AreaField(
        label=_("Place"), help_text=_("The commune or village where it was held.")
    )
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    leader_name = forms.CharField(label=_("Leader who holds it"), max_length=150)
    leader_title = forms.CharField(
        label=_("Leader's title"),
        max_length=200,
        help_text=_("“Bí thư Đảng ủy xã”, “Chủ tịch UBND xã”…"),
    )
    audience_kind = forms.ChoiceField(
        label=_("Audience"), choices=Session.Audience.choices
    )
    audience = forms.CharField(
        label=_("Audience in detail"),
        max_length=300,
        help_text=_("“Hội viên Hội Nông dân xã”, “Nhân dân thôn Tà Chử”…"),
    )
    place = forms.CharField(label=_("Venue"), max_length=300, required=False)
    participants = forms.IntegerField(
        label=_("Participants"), min_value=0, required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        if user is not None and "area" not in self.initial:
            area = default_area(user)
            if area is not None:
                self.initial["area"] = area.pk
        held_on = self.initial.get("held_on") or clock.today()
        offer_bodies_on(self, "body", held_on)

    @staticmethod
    def initial_from(session: Session) -> dict[str, Any]:
        return {
            "body": session.body_id,
            "area": session.area_id,
            "held_on": session.held_on,
            "kind": session.kind,
            "leader_name": session.leader_name,
            "leader_title": session.leader_title,
            "audience_kind": session.audience_kind,
            "audience": session.audience,
            "place": session.place,
            "participants": session.participants,
            "subject": session.subject,
            "summary": session.summary,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_body_on(self, "body", data.get("held_on"))
        if data.get("participants") is None:
            data["participants"] = 0
        return data


class IssueForm(ScopedFormMixin, CleanForm):
    """An opinion raised at a dialogue: answered there, or assigned."""

    raised_by = forms.CharField(
        label=_("Raised by"),
        max_length=200,
        help_text=_("“Ông Giàng A Sử, thôn Tà Chử”, “Hội viên Hội Phụ nữ”…"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False
    )
    content = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answer = forms.CharField(
        label=_("Answer given at the dialogue"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Empty: the opinion is assigned to a body, below."),
    )
    assigned_body = BodyChoiceField(
        label=_("Assigned to"), queryset=Body.objects.all(), required=False
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any, session: Session, **kwargs: Any) -> None:
        self.session = session
        super().__init__(*args, user=user, **kwargs)
        fields: Any = self.fields
        fields["topic"].queryset = Topic.objects.filter(active=True).order_by(
            "order", "pk"
        )
        offer_bodies_on(self, "assigned_body", session.held_on)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_body_on(self, "assigned_body", self.session.held_on)
        if not data.get("answer"):
            if not data.get("assigned_body"):
                self.add_error(
                    "assigned_body",
                    _("Choose the body that answers it, or write the answer given."),
                )
            if not data.get("due_on"):
                self.add_error("due_on", _("Give the date it is due."))
        return data


class AnswerForm(CleanForm):
    """The answer to an assigned opinion."""

    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = clock.today()


class FollowUpForm(CleanForm):
    """A dated note of how an assigned opinion is being handled."""

    on = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(
        label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = clock.today()


class ReceptionForm(ScopedFormMixin, CleanForm):
    """A reception day of a body's leader."""

    editable_fields = ("body",)

    body = BodyChoiceField(label=_("Body"), queryset=Body.objects.all())
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    leader_name = forms.CharField(label=_("Leader"), max_length=150)
    leader_title = forms.CharField(label=_("Leader's title"), max_length=200)
    citizens = forms.IntegerField(
        label=_("Citizens received"), min_value=0, required=False
    )
    cases = forms.IntegerField(label=_("Matters raised"), min_value=0, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        fields: Any = self.fields
        fields["body"].queryset = fields["body"].queryset.filter(
            kind__in=(Body.Kind.PARTY_COMMITTEE, Body.Kind.PEOPLES_COMMITTEE)
        )
        offer_bodies_on(self, "body", self.initial.get("held_on") or clock.today())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_body_on(self, "body", data.get("held_on"))
        data["citizens"] = data.get("citizens") or 0
        data["cases"] = data.get("cases") or 0
        return data


class StatsForm(ScopedFormMixin, CleanForm):
    """The statistics' area and span (this year by default)."""

    area = AreaField(label=_("Area"))
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = clock.today()
        data["start"] = data.get("start") or dt.date(today.year, 1, 1)
        data["end"] = data.get("end") or dt.date(today.year, 12, 31)
        if data["end"] < data["start"]:
            self.add_error("end", _("The end of the span is before its start."))
        elif (data["end"] - data["start"]).days > 3 * 366:
            self.add_error("end", _("Choose a span of at most three years."))
        return data
