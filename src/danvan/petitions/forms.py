"""Forms of petitions: the intake (with its petitioners), the steps, an
attachment, the bodies that also see the petitioners, a routing rule.

Every choice of an area or a body is limited to the user's units
(``ScopedFormMixin``); the services check again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.documents.forms import AreaField
from danvan.meetings.forms import DATE
from danvan.petitions.models import Channel, Kind, RoutingRule
from danvan.situation.models import Topic
from danvan.units.choices import BodyChoiceField
from danvan.units.models import Body

TEXT = forms.Textarea(attrs={"rows": 3})


class PetitionForm(ScopedFormMixin, CleanForm):
    """A petition entered by an officer on behalf of the citizens."""

    editable_fields = ("received_by", "area")

    received_by = BodyChoiceField(label=_("Received by"), queryset=Body.objects.all())
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    content = forms.CharField(label=_("Content"), widget=TEXT)
    area = AreaField(
        label=_("Place"), help_text=_("The commune or village the petition is about.")
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False
    )
    act = forms.CharField(
        label=_("Decision or act complained of"), widget=TEXT, required=False
    )
    act_on = forms.DateField(
        label=_("Act made or learnt of on"), widget=DATE, required=False
    )
    crowd = forms.BooleanField(label=_("Crowd petition"), required=False)
    people = forms.IntegerField(
        label=_("Number of petitioners"), min_value=1, initial=1
    )
    remote = forms.BooleanField(label=_("Remote area"), required=False)
    complex_case = forms.BooleanField(label=_("Complex case"), required=False)
    handling_body = BodyChoiceField(
        label=_("Handling body"),
        queryset=Body.objects.all(),
        required=False,
        help_text=_("Empty: routed by the rules of the place, kind and topic."),
    )


class PetitionerForm(CleanForm):
    """One petitioner, or a crowd's representative."""

    name = forms.CharField(label=_("Full name"), max_length=150)
    id_number = forms.CharField(
        label=_("Identity card number"), max_length=20, required=False
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    representative = forms.BooleanField(label=_("Representative"), required=False)


PetitionerFormSet = forms.formset_factory(
    PetitionerForm, extra=3, max_num=20, validate_max=True, min_num=1, validate_min=True
)


class DateForm(CleanForm):
    on = forms.DateField(label=_("Date"), widget=DATE)


class RefuseForm(DateForm):
    reason = forms.CharField(label=_("Reason"), widget=TEXT)


class OutcomeForm(DateForm):
    outcome = forms.CharField(label=_("Outcome"), widget=TEXT)


class NoFieldsForm(CleanForm):
    """A step without a field (an extension): a button."""


class ForwardForm(ScopedFormMixin, DateForm):
    to_body = BodyChoiceField(label=_("Forward to"), queryset=Body.objects.all())
    note = forms.CharField(label=_("Note"), widget=TEXT, required=False)


class AttachmentForm(CleanForm):
    upload = forms.FileField(label=_("File"))
    description = forms.CharField(
        label=_("Description"), max_length=300, required=False
    )


class IdentityBodiesForm(ScopedFormMixin, CleanForm):
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies that also see the petitioners"),
        queryset=Body.objects.all(),
        required=False,
    )

    def restrict_choices(self) -> None:
        super().restrict_choices()
        fields: Any = self.fields
        fields["bodies"].queryset = fields["bodies"].queryset.order_by("path", "pk")


class RoutingRuleForm(ScopedFormMixin, CleanForm):
    """Which body handles the petitions of a place (kind, topic)."""

    editable_fields = ("area",)

    area = AreaField(label=_("Place"))
    kind = forms.ChoiceField(
        label=_("Kind of petition"),
        choices=[("", _("Every kind")), *Kind.choices],
        required=False,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False
    )
    body = BodyChoiceField(label=_("Handled by"), queryset=Body.objects.all())
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, rule: RoutingRule | None = None, **kwargs: Any):
        if rule is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "area": rule.area_id,
                "kind": rule.kind,
                "topic": rule.topic_id,
                "body": rule.body_id,
                "active": rule.active,
            }
        super().__init__(*args, **kwargs)
