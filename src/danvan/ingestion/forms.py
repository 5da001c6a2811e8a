"""Forms: bringing texts in (paste or upload), and reviewing a source's facts."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms import formset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.accounts.models import Membership, User
from danvan.common.files import limit_note
from danvan.common.forms import CleanForm, MultipleFileField
from danvan.ingestion import schema
from danvan.units.models import Area
from danvan.units.widgets import AreaPicker

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ACCEPT = ".txt,.html,.htm,.docx,.pdf"


def default_area(user: User) -> Area | None:
    """The area of the user's first membership where they edit, if any."""
    memberships = user.memberships.filter(
        role__gte=Membership.Role.EDITOR
    ).select_related("area", "body__area")
    for membership in memberships:
        if membership.area is not None:
            return membership.area
        if membership.body is not None and membership.body.area_wide:
            return membership.body.area
    return None


class IngestForm(CleanForm):
    """Bring texts into an area: paste one, upload several, or both."""

    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        widget=AreaPicker,
        help_text=_("The area the texts are about; you must be its editor."),
    )
    title = forms.CharField(
        label=pgettext_lazy("text", "Title"),
        max_length=500,
        required=False,
        help_text=_("Optional: the first line of the text is used otherwise."),
    )
    text = forms.CharField(
        label=_("Paste a text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    # The field shadows ``BaseForm.files`` only in the stubs: the form metaclass
    # moves declared fields into ``base_fields``.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Or upload files"),
        required=False,
        accept=ACCEPT,
        help_text=format_lazy(
            "{} {}",
            _(
                ".txt, .html, .docx or .pdf; choose several at once. Files already "
                "brought in are skipped."
            ),
            limit_note("source"),
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Area]", self.fields["area"])
        # Every area the user edits, the former ones too (a 2020 report of
        # huyện Trạm Tấu): the picker shows the chosen one and searches the rest.
        field.queryset = Area.objects.editable_by(user)
        initial = default_area(user)
        if initial is not None:
            self.initial.setdefault("area", initial.pk)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("files"):
            raise forms.ValidationError(_("Paste a text or choose at least one file."))
        return data


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(label: str) -> list[tuple[str, StrOrPromise]]:
    return [("", label)]


class FactsForm(CleanForm):
    """The single-valued facts of a source, and the lists written one per line."""

    title = forms.CharField(label=pgettext_lazy("text", "Title"), max_length=500)
    published = forms.DateField(
        label=_("Published on"), required=False, widget=_date_input()
    )
    period_start = forms.DateField(
        label=_("Period reviewed: from"), required=False, widget=_date_input()
    )
    period_end = forms.DateField(label=_("to"), required=False, widget=_date_input())
    meeting_kind = forms.ChoiceField(
        label=_("Meeting reported on"),
        required=False,
        choices=_blank("—") + [(k, k) for k in schema.MEETING_KINDS],
    )
    meeting_date = forms.DateField(
        label=_("Meeting date"), required=False, widget=_date_input()
    )
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    movements = forms.CharField(
        label=_("Movements and models"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, without quotes: Dân vận khéo."),
    )
    body = forms.CharField(
        label=pgettext_lazy("text", "Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The text without the page's menus and counters."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The end date is before the start date."))
        if (start is None) != (end is None):
            self.add_error(
                "period_end" if start else "period_start",
                _("Give both ends of the period, or neither."),
            )
        if data.get("meeting_date") and not data.get("meeting_kind"):
            self.add_error("meeting_kind", _("Choose the kind of meeting."))
        return data


class DocRefForm(CleanForm):
    kind = forms.ChoiceField(
        label=_("Type"), choices=_blank("—") + [(k, k) for k in schema.DOC_KINDS]
    )
    number = forms.CharField(label=_("Number"), max_length=30)
    symbol = forms.CharField(label=_("Symbol"), max_length=60, required=False)
    date = forms.DateField(label=_("Date"), required=False, widget=_date_input())
    issuer = forms.CharField(label=_("Issuer"), max_length=200, required=False)


class PersonForm(CleanForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)


class PlaceForm(CleanForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=_blank("—") + [(k, k) for k in schema.PLACE_LEVELS],
    )


_RATIO = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)\s*$")
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def parse_number(text: str) -> int | float:
    """A number as Vietnamese texts write it: "2.943" is 2943, "1,5" is 1.5."""
    text = text.strip().replace(" ", "")
    if _GROUPED.match(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    value = float(text)
    return int(value) if value.is_integer() else value


def format_value(value: Any) -> str:
    if isinstance(value, list):
        return "/".join(format_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


class FigureForm(CleanForm):
    KINDS: list[tuple[str, StrOrPromise]] = [
        ("count", _("count")),
        ("percent", _("percent")),
        ("ratio", _("ratio (9/9)")),
        ("money", _("money (đồng)")),
    ]

    kind = forms.ChoiceField(label=_("Kind"), choices=_blank("—") + KINDS)
    value = forms.CharField(label=_("Value"), max_length=40)
    what = forms.CharField(label=_("Of what"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, raw = data.get("kind"), data.get("value")
        if not kind or raw is None:
            return data
        try:
            if kind == "ratio":
                match = _RATIO.match(raw)
                if not match:
                    raise ValueError(raw)
                data["value"] = [parse_number(match[1]), parse_number(match[2])]
            else:
                data["value"] = parse_number(raw)
        except ValueError:
            message = (
                _("Write a ratio as two numbers: 9/9.")
                if kind == "ratio"
                else _("Not a number.")
            )
            self.add_error("value", message)
        return data


SECTIONS = {
    "doc_refs": _("Documents referred to"),
    "people": _("People named"),
    "places": _("Places named"),
    "figures": _("Figures"),
}
SECTION_NOTES = {"figures": _("A ratio as 9/9; money in đồng.")}
FORMSETS: dict[str, type[forms.BaseFormSet[Any]]] = {
    "doc_refs": formset_factory(DocRefForm, extra=1, can_delete=True),
    "people": formset_factory(PersonForm, extra=1, can_delete=True),
    "places": formset_factory(PlaceForm, extra=1, can_delete=True),
    "figures": formset_factory(FigureForm, extra=1, can_delete=True),
}


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class FactsForms:
    """The facts form with its four formsets, filled from and read as a record."""

    def __init__(
        self,
        facts: dict[str, Any],
        data: Any = None,
        *,
        editable: bool = True,
        body_limit: int | None = None,
    ) -> None:
        facts = schema.coerce(facts)
        self.facts = facts
        # A body too long to edit in a page is kept as read, not sent back and forth.
        self.body_kept = body_limit is not None and len(facts["body"]) > body_limit
        period = facts["period"] or {}
        meeting = facts["meeting"] or {}
        initial = {
            "title": facts["title"] or "",
            "published": _iso(facts["published"]),
            "period_start": _iso(period.get("start")),
            "period_end": _iso(period.get("end")),
            "meeting_kind": meeting.get("kind") or "",
            "meeting_date": _iso(meeting.get("date")),
            "authors": "\n".join(facts["authors"]),
            "movements": "\n".join(facts["movements"]),
            "body": facts["body"],
        }
        self.form = FactsForm(data, initial=initial, label_suffix="")
        if self.body_kept:
            del self.form.fields["body"]
        rows: dict[str, list[dict[str, Any]]] = {
            "doc_refs": [
                {**ref, "date": _iso(ref["date"]), "kind": ref["kind"] or ""}
                for ref in facts["doc_refs"]
            ],
            "people": facts["people"],
            "places": facts["places"],
            "figures": [
                {**f, "value": format_value(f["value"])} for f in facts["figures"]
            ],
        }
        self.formsets: dict[str, forms.BaseFormSet[Any]] = {}
        for name, factory in FORMSETS.items():
            formset = factory(
                data,
                initial=rows[name],
                prefix=name,
                form_kwargs={"label_suffix": ""},
            )
            if not editable:
                formset.extra = 0
            self.formsets[name] = formset
        if not editable:
            for form in [self.form, *self._row_forms()]:
                for field in form.fields.values():
                    field.disabled = True

    def sections(self) -> list[tuple[StrOrPromise, StrOrPromise, Any]]:
        """(heading, note, formset) for each list of facts, in schema order."""
        return [
            (SECTIONS[name], SECTION_NOTES.get(name, ""), formset)
            for name, formset in self.formsets.items()
        ]

    def _row_forms(self) -> list[forms.Form]:
        return [form for formset in self.formsets.values() for form in formset]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    def _rows(self, name: str) -> list[dict[str, Any]]:
        # Untouched blank rows have no cleaned data; deleted rows are dropped.
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.formsets[name].forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def to_facts(self) -> dict[str, Any]:
        """The record the forms hold (call after ``is_valid``)."""
        data = self.form.cleaned_data

        def iso(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        def lines(text: str) -> list[str]:
            seen: dict[str, None] = {}
            for line in text.splitlines():
                cleaned = line.strip().strip("“”\"'").strip()
                if cleaned:
                    seen.setdefault(cleaned)
            return list(seen)

        start, end = data.get("period_start"), data.get("period_end")
        kind, meeting_date = data.get("meeting_kind"), data.get("meeting_date")
        return {
            "title": data["title"],
            "published": iso(data.get("published")),
            "period": {"start": iso(start), "end": iso(end)} if start else None,
            "meeting": {"kind": kind, "date": iso(meeting_date)} if kind else None,
            "authors": lines(data.get("authors") or ""),
            "body": self.facts["body"]
            if self.body_kept
            else (data.get("body") or "").replace("\r\n", "\n").strip(),
            "doc_refs": [
                {
                    "kind": row["kind"],
                    "number": row["number"],
                    "symbol": row.get("symbol") or None,
                    "date": iso(row.get("date")),
                    "issuer": row.get("issuer") or None,
                }
                for row in self._rows("doc_refs")
            ],
            "people": [
                {"name": row["name"], "position": row.get("position") or None}
                for row in self._rows("people")
            ],
            "places": [
                {"name": row["name"], "level": row.get("level") or None}
                for row in self._rows("places")
            ],
            "figures": [
                {
                    "kind": row["kind"],
                    "value": row["value"],
                    "what": row.get("what") or None,
                }
                for row in self._rows("figures")
            ],
            "movements": lines(data.get("movements") or ""),
        }
