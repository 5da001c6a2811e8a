"""Forms of the "Dân vận khéo" register: registration, criteria, workflow,
progress, evaluation, commendation, import, list filters.

Every choice of an area, body, person or document is limited to the user's
units; the services check again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import User
from danvan.common.files import limit_note
from danvan.common.forms import (
    CleanForm,
    CleanModelForm,
    MultipleFileField,
    XlsxFileField,
)
from danvan.common.numbers import format_number
from danvan.documents.forms import (
    AreaField,
    default_area,
)
from danvan.documents.models import Document
from danvan.initiatives.models import (
    Commendation,
    Field,
    Initiative,
    Rubric,
)
from danvan.initiatives.services import FIRST_YEAR
from danvan.units.choices import BodyChoiceField, check_body_on, offer_bodies_on
from danvan.units.models import Area, Body, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def year_choices() -> list[tuple[int, str]]:
    last = timezone.localdate().year + 1
    return [(y, str(y)) for y in range(last, FIRST_YEAR - 1, -1)]


BodyField = BodyChoiceField


class InitiativeForm(CleanModelForm):
    """A registration as the forms of the provinces ask for it."""

    area = AreaField(
        label=_("Registering area"),
        required=False,
        help_text=_("The village, commune or higher area that registers the model."),
    )
    body = BodyField(
        label=_("Registering body"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_(
            "An agency, school or armed unit; leave empty when the area registers."
        ),
    )
    year = forms.TypedChoiceField(label=_("Year of registration"), coerce=int)
    adopted_from = forms.IntegerField(widget=forms.HiddenInput, required=False)

    AMOUNTS = ("money_vnd", "working_days", "socialized_vnd")

    class Meta:
        model = Initiative
        fields = [
            "name",
            "field",
            "kind",
            "year",
            "continuing",
            "problem",
            "goals",
            "content",
            "place",
            "beneficiaries",
            "lead_forces",
            "partner_forces",
            "money_vnd",
            "working_days",
            "socialized",
            "socialized_vnd",
            "start_date",
            "end_date",
            "timeline",
            "expected_outputs",
            "sustainability",
            "person_in_charge",
            "person",
        ]
        widgets = {
            "problem": _text(),
            "goals": _text(),
            "content": _text(5),
            "beneficiaries": _text(2),
            "lead_forces": _text(2),
            "partner_forces": _text(2),
            "socialized": _text(2),
            "timeline": _text(3),
            "expected_outputs": _text(3),
            "sustainability": _text(3),
            "start_date": DATE,
            "end_date": DATE,
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        instance = self.instance
        fields = Field.objects.filter(
            Q(active=True) | Q(pk=instance.field_id if instance.pk else None)
        )
        self.fields["field"].queryset = fields  # type: ignore[attr-defined]
        self.fields["year"].choices = year_choices()  # type: ignore[attr-defined]
        if not self.initial.get("year"):
            self.initial["year"] = timezone.localdate().year
        areas = Area.objects.editable_by(user)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        current = instance.area if instance.pk else default_area(user)
        if current is not None:
            self.initial.setdefault("area", current.pk)
        self.fields["body"].queryset = (  # type: ignore[attr-defined]
            Body.objects.editable_by(user).select_related("area").order_by("path")
        )
        on = (instance.start_date if instance.pk else None) or timezone.localdate()
        offer_bodies_on(self, "body", on)
        if instance.pk:
            self.initial.setdefault("body", instance.body_id)
            self.initial.setdefault("adopted_from", instance.adopted_from_id)
        self.fields["person"].queryset = Person.objects.visible_to(  # type: ignore[attr-defined]
            user
        ).order_by("search_name")
        self.fields["person"].required = False
        # A draft saves with its name alone; amounts left empty count as nothing.
        for name in self.AMOUNTS:
            self.fields[name].required = False
        self.fields["name"].widget.attrs.update(autocomplete="off")

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, never None (the stubs allow None).
        data = cast(dict[str, Any], super().clean())
        for name in self.AMOUNTS:
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        if not data.get("area") and not data.get("body"):
            self.add_error("area", _("Choose the registering area or body."))
        start, end = data.get("start_date"), data.get("end_date")
        check_body_on(self, "body", start)
        if start and end and start > end:
            self.add_error("end_date", _("The end date is before the start date."))
        pk = data.get("adopted_from")
        data["adopted_from"] = None
        if pk and pk == self.instance.adopted_from_id:
            # An origin linked earlier stays, even if it has left the user's scope.
            data["adopted_from"] = self.instance.adopted_from
        elif pk:
            origin = Initiative.objects.visible_to(self.user).filter(pk=pk).first()
            if origin is None:
                self.add_error(
                    None, _("The model it is adopted from no longer exists.")
                )
            data["adopted_from"] = origin
        return data

    def registration(self) -> dict[str, Any]:
        """The cleaned data as ``services.create_initiative`` takes it."""
        data = dict(self.cleaned_data)
        data.pop("area", None)
        data.pop("body", None)
        return data


class CriterionForm(CleanForm):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Criterion"), max_length=300, required=False)
    unit = forms.CharField(label=_("Unit of measure"), max_length=50, required=False)
    # Localised: "2,5" in Vietnamese.
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=16,
        decimal_places=2,
        required=False,
        localize=True,
    )

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, never None (the stubs allow None).
        data = cast(dict[str, Any], super().clean())
        if data.get("target") is not None and not (data.get("name") or "").strip():
            self.add_error("name", _("Name the criterion this target is for."))
        return data


if TYPE_CHECKING:
    # BaseFormSet is generic in the stubs only (not subscriptable at runtime).
    _BaseFormSet = forms.BaseFormSet[CriterionForm]
else:
    _BaseFormSet = forms.BaseFormSet


class BaseCriteriaFormSet(_BaseFormSet):
    def criteria(self) -> list[dict[str, Any]]:
        return [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and (f.cleaned_data.get("name") or "").strip()
        ]


CriteriaFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriteriaFormSet, extra=3, max_num=30
)


def criteria_initial(initiative: Initiative) -> list[dict[str, Any]]:
    return [
        {"pk": c.pk, "name": c.name, "unit": c.unit, "target": c.target}
        for c in initiative.criteria.all()
    ]


class ReturnForm(CleanForm):
    note = forms.CharField(
        label=_("What should the unit change?"), widget=_text(3), max_length=4000
    )


class CloseForm(CleanForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Initiative.Status.IN_PROGRESS, Initiative.Status.IN_PROGRESS.label),
            (Initiative.Status.COMPLETED, Initiative.Status.COMPLETED.label),
            (Initiative.Status.STOPPED, Initiative.Status.STOPPED.label),
        ],
    )


class ProgressForm(CleanForm):
    """A progress report: results against each criterion, money, days, people."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(
        label=_("Results and remarks"), widget=_text(4), required=False
    )
    money_vnd = forms.IntegerField(
        label=_("Money mobilized (đồng)"), min_value=0, initial=0
    )
    working_days = forms.IntegerField(
        label=_("Working days mobilized"), min_value=0, initial=0
    )
    people_reached = forms.IntegerField(
        label=_("People reached"), min_value=0, initial=0
    )
    # The metaclass moves declared fields off the class, so this does not shadow
    # BaseForm.files at runtime; the stubs see the class attribute.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Photos and files"),
        required=False,
        help_text=format_lazy(
            "{} {}", _("The originals are kept as uploaded."), limit_note("progress")
        ),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())
        self.criteria = list(initiative.criteria.all())
        for criterion in self.criteria:
            label = criterion.name
            if criterion.unit:
                label = f"{label} ({criterion.unit})"
            self.fields[f"result_{criterion.pk}"] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=16,
                decimal_places=2,
                localize=True,
                help_text=_("Target: %(target)s")
                % {"target": format_number(criterion.target)}
                if criterion.target is not None
                else "",
            )

    def result_fields(self) -> list[forms.BoundField]:
        return [self[f"result_{c.pk}"] for c in self.criteria]

    def results(self) -> dict[int, Decimal]:
        return {
            c.pk: self.cleaned_data[f"result_{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"result_{c.pk}") is not None
        }


class EvaluationForm(CleanForm):
    """Scores on each criterion of the rubric, a date and a comment."""

    evaluated_on = forms.DateField(label=_("Date of evaluation"), widget=DATE)
    comment = forms.CharField(label=_("Comment"), widget=_text(3), required=False)

    def __init__(self, *args: Any, rubric: Rubric, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.initial.setdefault("evaluated_on", timezone.localdate())
        self.rubric = rubric
        self.criteria = list(rubric.criteria.all())
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name,
                min_value=Decimal(0),
                max_value=criterion.max_score,
                max_digits=6,
                decimal_places=2,
                localize=True,
                help_text=_("From 0 to %(max)s; weight %(weight)s")
                % {
                    "max": format_number(criterion.max_score),
                    "weight": format_number(criterion.weight),
                },
            )

    def score_fields(self) -> list[forms.BoundField]:
        return [self[f"score_{c.pk}"] for c in self.criteria]

    def scores(self) -> dict[int, Decimal]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class CommendationForm(CleanForm):
    level = forms.ChoiceField(label=_("Level"), choices=Commendation.Level.choices)
    form = forms.ChoiceField(label=_("Form"), choices=Commendation.Form.choices)
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=120,
        required=False,
        help_text=_(
            "As written (1234/QĐ-UBND, 45-QĐ/TU); a decision of the register with "
            "this number is linked."
        ),
    )
    document = forms.ModelChoiceField(
        label=_("Decision in the register"),
        queryset=Document.objects.none(),
        required=False,
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    body = BodyField(
        label=_("Commended by (body)"), queryset=Body.objects.none(), required=False
    )
    body_name = forms.CharField(
        label=_("Commended by (as written)"),
        max_length=250,
        required=False,
        help_text=_("For example: Chủ tịch UBND tỉnh Lào Cai."),
    )
    note = forms.CharField(label=_("Note"), widget=_text(2), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = (  # type: ignore[attr-defined]
            Document.objects.visible_to(user)
            .filter(kind=Document.Kind.DECISION)
            .order_by("-issued_on")
        )
        self.fields["body"].queryset = (  # type: ignore[attr-defined]
            Body.objects.visible_to(user).select_related("area").order_by("path")
        )

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, never None (the stubs allow None).
        data = cast(dict[str, Any], super().clean())
        if not data.get("body") and not (data.get("body_name") or "").strip():
            self.add_error("body_name", _("Say who gave the commendation."))
        return data


class AdoptForm(CleanForm):
    """Replicate a model in one of the user's units."""

    area = AreaField(label=_("Registering area"), required=False)
    body = BodyField(
        label=_("Registering body"), queryset=Body.objects.none(), required=False
    )
    year = forms.TypedChoiceField(label=_("Year of registration"), coerce=int)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        areas = Area.objects.editable_by(user)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        default = default_area(user)
        if default is not None:
            self.initial.setdefault("area", default.pk)
        self.fields["body"].queryset = (  # type: ignore[attr-defined]
            Body.objects.editable_by(user).select_related("area").order_by("path")
        )
        self.fields["year"].choices = year_choices()  # type: ignore[attr-defined]
        self.initial.setdefault("year", timezone.localdate().year)

    def clean(self) -> dict[str, Any]:
        # Form.clean returns cleaned_data, never None (the stubs allow None).
        data = cast(dict[str, Any], super().clean())
        if not data.get("area") and not data.get("body"):
            self.add_error("area", _("Choose the registering area or body."))
        return data


class ImportForm(CleanForm):
    file = XlsxFileField(
        label=_("XLSX file"),
        help_text=format_lazy(
            "{} {}", _("The app's template, one model a row."), limit_note("import")
        ),
    )
