"""Forms: bringing texts in (paste or upload), and reviewing a source's facts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms import formset_factory
from django.forms.widgets import Input
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from markupsafe import escape

from danvan.accounts.models import Membership, User
from danvan.common.files import limit_note
from danvan.common.forms import CleanForm, MultipleFileField
from danvan.common.renderers import INPUT_TYPES, PREFIX
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


# The widget templates ingestion/fact_rows.html writes.
_WRITTEN = {
    *(f"{PREFIX}widgets/{kind}.html" for kind in INPUT_TYPES if kind != "hidden"),
    f"{PREFIX}widgets/select.html",
}


@dataclass(frozen=True)
class Column:
    """A field of a list's rows as ``ingestion/fact_rows.html`` writes it.

    Taken from the formset's own empty form (its widget, attributes, label and
    choices), so that the rows of an unbound review form are written from the
    record without a form, a bound field and a widget render per value: the
    same HTML as Django's (``tests/test_review.py`` compares them).
    """

    # The field's name (written as it is: a name needing escapes is refused).
    name: str
    label_html: str
    # "input", "checkbox" or "select"
    kind: str
    input_type: str
    # The widget's attributes but its id, escaped, in Django's order.
    attrs: SafeString
    choices: tuple[tuple[str, str], ...]
    field: forms.Field
    # A select's options by the key selected, written once.
    _options: dict[str | None, SafeString] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, field: forms.BoundField) -> Column | None:
        """The column of ``field``, or None for a field this path does not write."""
        widget = field.field.widget
        attrs = widget.build_attrs(widget.attrs, field.build_widget_attrs({}, widget))
        if not field.label or field.help_text or {"id", "checked"} & set(attrs):
            return None
        if escape(field.name) != field.name:
            return None
        if isinstance(widget, forms.CheckboxInput):
            kind = "checkbox"
        elif isinstance(widget, forms.Select):
            kind = "select"
            labels = [label for _key, label in widget.choices]
            grouped = any(isinstance(label, list | tuple) for label in labels)
            if (
                grouped
                or widget.allow_multiple_selected
                or widget.option_template_name != f"{PREFIX}widgets/select_option.html"
            ):
                return None
        elif isinstance(widget, Input) and not widget.is_hidden:
            kind = "input"
        else:
            return None
        # Django's own templates only (FastRenderer writes the same).
        if widget.template_name not in _WRITTEN:
            return None
        written = "".join(
            f" {conditional_escape(key)}"
            if value is True
            else f' {conditional_escape(key)}="{conditional_escape(value)}"'
            for key, value in attrs.items()
            if value is not False
        )
        choices: tuple[tuple[str, str], ...] = ()
        if kind == "select":
            choices = tuple((str(key), str(label)) for key, label in widget.choices)
        return cls(
            name=field.name,
            label_html=str(escape(field.label)),
            kind=kind,
            input_type=getattr(widget, "input_type", ""),
            # Every key and value escaped above.
            attrs=mark_safe(written),
            choices=choices,
            field=field.field,
        )

    def shown(self, row: dict[str, Any]) -> Any:
        """What the row's value shows: the input's value (None: none), the
        checkbox's state, or the key of the option selected."""
        widget = self.field.widget
        value = self.field.prepare_value(row.get(self.name, self.field.initial))
        if self.kind == "checkbox":
            return widget.check_test(value)
        shown = widget.format_value(value)
        if self.kind == "select":
            return next((key for key, _label in self.choices if key in shown), None)
        return shown

    def cell(self, prefix: str, row: dict[str, Any]) -> str:
        """The field's ``<div>`` in the row ``prefix`` ("people-0", escaped), as
        Django's field template and FastRenderer write it."""
        # markupsafe's escape: Django's costs ten times as much per value.
        name = f"{prefix}-{self.name}"
        head = f'<div><label for="id_{name}">{self.label_html}</label>\n\n\n\n'
        shown = self.shown(row)
        if self.kind == "select":
            widget = (
                f'<select name="{name}"{self.attrs} id="id_{name}">'
                f"{self.options(shown)}\n</select>"
            )
        elif self.kind == "checkbox":
            checked = " checked" if shown else ""
            widget = (
                f'<input type="checkbox" name="{name}"{self.attrs} id="id_{name}"'
                f"{checked}>"
            )
        else:
            value = "" if shown is None else f' value="{escape(shown)}"'
            widget = (
                f'<input type="{self.input_type}" name="{name}"{value}{self.attrs}'
                f' id="id_{name}">'
            )
        return f"{head}{widget}</div>"

    def options(self, selected: str | None) -> SafeString:
        """A select's ``<option>``s, ``selected``'s selected, as Django writes them."""
        written = self._options.get(selected)
        if written is None:
            written = self._options[selected] = mark_safe(
                "".join(
                    f'\n  <option value="{escape(key)}"'
                    f"{' selected' if key == selected else ''}>"
                    f"{escape(label)}</option>\n"
                    for key, label in self.choices
                )
            )
        return written


@dataclass(frozen=True)
class Section:
    """One list of facts: its heading, its formset, and for an unbound form
    the columns and rows ``ingestion/fact_rows.html`` writes."""

    heading: StrOrPromise
    note: StrOrPromise
    formset: forms.BaseFormSet[Any]
    rows: list[dict[str, Any]]
    # None when the rows are Django's to write (a bound form, with its errors).
    columns: list[Column] | None

    @property
    def prefix(self) -> str:
        return str(self.formset.prefix)

    def management(self) -> list[tuple[str, int]]:
        """The management form's values (an unbound formset's)."""
        formset = self.formset
        return [
            ("TOTAL_FORMS", formset.total_form_count()),
            ("INITIAL_FORMS", formset.initial_form_count()),
            ("MIN_NUM_FORMS", formset.min_num),
            ("MAX_NUM_FORMS", formset.max_num),
        ]

    def written_rows(self) -> list[SafeString]:
        """Each form of the formset with its initial values (blank extra rows),
        as Django's formset writes it."""
        count = self.formset.total_form_count()
        return [
            self.row(str(index), self.rows[index] if index < len(self.rows) else {})
            for index in range(count)
        ]

    def row(self, index: str, values: dict[str, Any]) -> SafeString:
        """The row ``index`` ("__prefix__" for the empty form) with ``values``."""
        prefix = escape(f"{self.prefix}-{index}")
        cells = "".join(column.cell(prefix, values) for column in self.columns or ())
        # Each cell escapes what it writes.
        return mark_safe(f'<div class="row-fields fact-row">{cells}</div>')


_COLUMNS: dict[tuple[str, bool, str | None], list[Column] | None] = {}


def _columns(name: str, editable: bool) -> list[Column] | None:
    """The columns of the rows of the list ``name``, or None when one is not
    written by ``ingestion/fact_rows.html`` (its rows are then Django's).

    They depend on the form's code, the language and whether the fields are
    disabled alone: built once per process for each.
    """
    key = (name, editable, get_language())
    if key not in _COLUMNS:
        form = FORMSETS[name](form_kwargs={"label_suffix": ""}).empty_form
        columns: list[Column] | None = []
        for field_name in form.fields:
            if not editable:
                form.fields[field_name].disabled = True
            column = Column.of(form[field_name])
            if column is None or columns is None:
                columns = None
                continue
            columns.append(column)
        _COLUMNS[key] = columns
    return _COLUMNS[key]


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
        self.rows = rows
        self.editable = editable
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
            # The rows' fields are disabled where they are written (sections()).
            for field in self.form.fields.values():
                field.disabled = True

    @cached_property
    def sections(self) -> list[Section]:
        """Each list of facts, in schema order; an unbound form's rows are
        written from the record (``ingestion/fact_rows.html``), a bound one's
        by Django, with their errors."""
        columns = {
            name: None if formset.is_bound else _columns(name, self.editable)
            for name, formset in self.formsets.items()
        }
        if not all(columns.values()):
            # Django writes every list, read-only rows disabled.
            columns = dict.fromkeys(columns)
            if not self.editable:
                for formset in self.formsets.values():
                    for form in formset:
                        for field in form.fields.values():
                            field.disabled = True
        return [
            Section(
                heading=SECTIONS[name],
                note=SECTION_NOTES.get(name, ""),
                formset=formset,
                rows=self.rows[name],
                columns=columns[name],
            )
            for name, formset in self.formsets.items()
        ]

    @property
    def written(self) -> bool:
        """Are the lists written from the record (not by Django's formsets)?"""
        return all(section.columns is not None for section in self.sections)

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
