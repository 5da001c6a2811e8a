"""Forms of the register: entering a document, numbering one, links, reviews."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.models import Membership, User
from danvan.common.files import limit_note
from danvan.common.forms import CleanForm, ScopedFormMixin
from danvan.common.symbols import SymbolError, parse_symbol
from danvan.common.text import parse_id
from danvan.documents.models import Document, DocumentRelation, ReviewPoint
from danvan.units.choices import BodyChoiceField, check_body_on, offer_bodies_on
from danvan.units.models import Area, Body, Person
from danvan.units.widgets import AreaPicker, area_label


def default_area(user: User) -> Area | None:
    for membership in user.memberships.filter(
        role__gte=Membership.Role.EDITOR
    ).select_related("area", "body__area"):
        if membership.area is not None:
            return membership.area
        if membership.body is not None:
            return membership.body.area
    return None


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AreaField(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at runtime
    """An area of the user's, chosen with a search (``units.widgets``)."""

    widget = AreaPicker

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The whole table: ScopedFormMixin narrows it to the user's areas.
        kwargs.setdefault("queryset", Area.objects.all())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Area) -> str:
        return area_label(obj)


class _UserForm(ScopedFormMixin, CleanForm):
    # The register a document is filed in, the body that issues or holds a term.
    editable_fields = ("area", "body")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, user=user, **kwargs)
        if "area" in self.fields:
            initial = self.initial.get("area") or default_area(user)
            if initial is not None:
                self.initial["area"] = getattr(initial, "pk", initial)


class DocumentForm(_UserForm):
    """A document entered in the register, as written on it."""

    symbol_text = forms.CharField(
        label=_("Number and symbol"),
        max_length=150,
        help_text=_(
            "As written: 106-KH/HU (Party), 70/KH-UBND or 30/2020/NĐ-CP (State)."
        ),
    )
    accept_warning = forms.BooleanField(
        label=_("Keep this number and symbol although it does not parse"),
        required=False,
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("document", "Kind"),
        required=False,
        help_text=_("Leave empty to take it from the symbol."),
    )
    issued_on = forms.DateField(label=_("Date of issue"), widget=_date())
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=500)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    issuer_body = BodyChoiceField(
        label=_("Issuing body"),
        queryset=Body.objects.select_related("area").order_by("path"),
        required=False,
        help_text=_("A body of your units; otherwise write the issuer's name below."),
    )
    issuer_name = forms.CharField(
        label=_("Issuer as written"), max_length=250, required=False
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer = forms.ModelChoiceField(
        label=_("Signer in the unit tree"),
        queryset=Person.objects.order_by("search_name"),
        required=False,
        help_text=_("Optional: the person's record, when the signer is one of yours."),
    )
    valid_from = forms.DateField(
        label=_("In force from"), required=False, widget=_date()
    )
    valid_to = forms.DateField(
        label=_("In force until"), required=False, widget=_date()
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Document.Status.choices, initial="in_force"
    )
    area = AreaField(
        label=_("Register of"), help_text=_("The area whose register holds it.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", "—"),
            *Document.Kind.choices,
        ]

    def restrict_choices(self) -> None:
        super().restrict_choices()
        on = self.initial.get("issued_on") or timezone.localdate()
        offer_bodies_on(self, "issuer_body", on)

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, a dict, once the fields are clean.
        data = cast(dict[str, Any], super().clean())
        check_body_on(self, "issuer_body", data.get("issued_on"))
        text = data.get("symbol_text") or ""
        if text:
            try:
                parse_symbol(text)
            except SymbolError as error:
                if not data.get("accept_warning"):
                    self.add_error(
                        "symbol_text",
                        _(
                            "%(error)s To enter it as written, tick “Keep this "
                            "number and symbol although it does not parse”: it "
                            "will be shown with a warning."
                        )
                        % {"error": error},
                    )
        issuer_body = data.get("issuer_body")
        if not issuer_body and not (data.get("issuer_name") or "").strip():
            self.add_error(
                "issuer_name", _("Choose the issuing body or write the issuer's name.")
            )
        return data

    @classmethod
    def initial_for(cls, document: Document) -> dict[str, Any]:
        return {
            "symbol_text": document.reference,
            "accept_warning": bool(document.symbol_warning and not document.number),
            "kind": document.kind,
            "issued_on": document.issued_on,
            "title": document.title,
            "summary": document.summary,
            "issuer_body": document.issuer_body_id,
            "issuer_name": ""
            if document.issuer_body is not None
            and document.issuer_name == document.issuer_body.name
            else document.issuer_name,
            "signer_name": document.signer_name,
            "signer": document.signer_id,
            "valid_from": document.valid_from,
            "valid_to": document.valid_to,
            "status": document.status,
            "area": document.area_id,
        }


class IssueForm(_UserForm):
    """Numbering a document the office issues itself."""

    body = BodyChoiceField(
        label=_("Issuing body"),
        queryset=Body.objects.numbered().select_related("area").order_by("path"),
    )
    kind = forms.ChoiceField(label=pgettext_lazy("document", "Kind"))
    issued_on = forms.DateField(label=_("Date of issue"), widget=_date())
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=500)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    area = AreaField(label=_("Register of"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("issued_on", timezone.localdate())
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (value, label)
            for value, label in Document.Kind.choices
            if value not in (Document.Kind.LAW, Document.Kind.OTHER)
        ]

    def restrict_choices(self) -> None:
        super().restrict_choices()
        # A body that has ended takes no new numbers.
        field: Any = self.fields["body"]
        field.queryset = field.queryset.not_ended()
        offer_bodies_on(self, "body", self.initial.get("issued_on"))

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, a dict, once the fields are clean.
        data = cast(dict[str, Any], super().clean())
        check_body_on(self, "body", data.get("issued_on"))
        return data


class RelationForm(CleanForm):
    """This document implements, replaces, amends or reviews another."""

    kind = forms.ChoiceField(label=_("Relation"), choices=DocumentRelation.Kind.choices)
    target = forms.CharField(
        label=_("Related document"),
        max_length=200,
        help_text=_("Its number and symbol (106-KH/HU) or words of its title."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, documents: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.documents = documents

    def clean_target(self) -> Document:
        text = self.cleaned_data["target"].strip()
        found: list[Document]
        if (pk := parse_id(text)) is not None:
            found = list(self.documents.filter(pk=pk)[:2])
        else:
            found = list(self.documents.search(text)[:6])
        if not found:
            raise forms.ValidationError(
                _("No document of your units matches “%(text)s”.") % {"text": text}
            )
        if len(found) > 1:
            names = "; ".join(f"{d} ({d.issued_on:%d/%m/%Y})" for d in found[:5])
            raise forms.ValidationError(
                _("Several documents match: %(names)s. Be more precise.")
                % {"names": names}
            )
        return found[0]


class ReviewPointForm(CleanForm):
    """A review the directive calls for: after N years, or on a date."""

    kind = forms.ChoiceField(label=_("Review"), choices=ReviewPoint.Kind.choices)
    after_years = forms.IntegerField(
        label=_("After (years)"), min_value=1, max_value=50, required=False
    )
    due_on = forms.DateField(label=_("or on"), required=False, widget=_date())
    label = forms.CharField(label=_("Label"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, a dict, once the fields are clean.
        data = cast(dict[str, Any], super().clean())
        if not data.get("after_years") and not data.get("due_on"):
            raise forms.ValidationError(
                _("Give the number of years or the date of the review.")
            )
        return data


class AttachmentForm(CleanForm):
    file = forms.FileField(label=_("File"), help_text=limit_note("attachment"))


class TermForm(_UserForm):
    """A term (khóa, nhiệm kỳ) of a Party committee."""

    body = BodyChoiceField(
        label=_("Party committee"),
        queryset=Body.objects.of_kind(Body.Kind.PARTY_COMMITTEE)
        .select_related("area")
        .order_by("path"),
    )
    name = forms.CharField(label=_("Term"), max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), widget=_date())
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=_date())

    def restrict_choices(self) -> None:
        super().restrict_choices()
        offer_bodies_on(self, "body", self.initial.get("starts_on"))

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, a dict, once the fields are clean.
        data = cast(dict[str, Any], super().clean())
        check_body_on(self, "body", data.get("starts_on"))
        return data
