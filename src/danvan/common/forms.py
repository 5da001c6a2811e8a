"""The base of every form of the project: submitted text is cleaned first.

``CleanTextMixin`` passes each submitted string through ``clean_input``
before the fields validate it, so no form can store a control character:
a ``Textarea`` keeps its lines and tabs, every other widget gets one line.
Forms subclass ``CleanForm`` or ``CleanModelForm``; a test checks that every
form class of the project carries the mixin.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from danvan.common.access import restrict_choices
from danvan.common.text import clean_input
from danvan.common.widgets import NumberTextInput, localize_field, read_number

# (multiline, strip) for ``clean_input``; None leaves the value as sent.
Mode = tuple[bool, bool] | None
_UNKNOWN: Mode = (True, False)


class CleanTextMixin:
    """Clean the submitted text of a bound form before validation."""

    def full_clean(self) -> None:
        form: Any = self
        self._localize_fields()
        if form.is_bound and form.data is not None:
            form.data = clean_data(form.data, self._text_modes())
            form.data = read_numbers(form.data, self._number_names())
        super().full_clean()  # type: ignore[misc]

    def __getitem__(self, name: str) -> Any:
        # Fields added in a subclass's __init__ are localised when first shown.
        self._localize_fields()
        return super().__getitem__(name)  # type: ignore[misc]

    def _localize_fields(self) -> None:
        """Vietnamese number and date inputs on every field (common.widgets)."""
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            localize_field(name, field)

    def _number_names(self) -> set[str]:
        """Submitted names of the fields typed the Vietnamese way (15.000.000)."""
        form: Any = self
        return {
            form.add_prefix(name)
            for name, field in form.fields.items()
            if isinstance(field.widget, NumberTextInput)
        }

    def _text_modes(self) -> dict[str, Mode]:
        """Submitted name -> how its text is cleaned, for each field."""
        form: Any = self
        modes: dict[str, Mode] = {}
        for name, field in form.fields.items():
            widget = field.widget
            if isinstance(widget, forms.PasswordInput):
                # A password is compared as typed at sign-in, which is not cleaned.
                modes[form.add_prefix(name)] = None
                continue
            multiline = isinstance(widget, forms.Textarea)
            modes[form.add_prefix(name)] = (multiline, getattr(field, "strip", True))
        return modes


def clean_data(data: Any, modes: dict[str, Mode]) -> Any:
    """A copy of ``data`` with its strings cleaned; unknown names keep lines."""
    if isinstance(data, MultiValueDict):
        cleaned = data.copy()  # a QueryDict's copy is mutable
        for key, values in data.lists():
            mode = modes.get(key, _UNKNOWN)
            cleaned.setlist(key, [_clean(value, mode) for value in values])
        return cleaned
    if isinstance(data, dict):
        return {
            key: _clean(value, modes.get(key, _UNKNOWN)) for key, value in data.items()
        }
    return data


def read_numbers(data: Any, names: set[str]) -> Any:
    """A copy of ``data`` with the numbers of ``names`` as Django reads them."""
    if not names or not isinstance(data, MultiValueDict | dict):
        return data
    cleaned = data.copy()
    for name in names & set(data.keys()):
        if isinstance(cleaned, MultiValueDict):
            cleaned.setlist(
                name,
                [
                    read_number(v)
                    for v in cast("MultiValueDict[str, Any]", data).getlist(name)
                ],
            )
        else:
            cleaned[name] = read_number(data[name])
    return cleaned


def _clean(value: Any, mode: Mode) -> Any:
    if mode is None:
        return value
    if isinstance(value, list | tuple):
        return type(value)(_clean(v, mode) for v in value)
    if isinstance(value, str):
        return clean_input(value, multiline=mode[0], strip=mode[1])
    return value


class CleanForm(CleanTextMixin, forms.Form):
    """A form whose submitted text is cleaned before validation."""


class CleanModelForm(CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose submitted text is cleaned before validation."""


class ScopedFormMixin:
    """Offer in every related-row choice only what the form's user may use.

    Put it before ``CleanForm`` / ``CleanModelForm``; the form takes ``user=``.
    Every choice field over a scoped model offers the rows the user may read;
    the fields named in ``editable_fields`` (the unit a row is written into: the
    area or body a document is filed under) the rows the user may change.
    Declare fields over the whole table and let this narrow them, as NetBox's
    ``restrict_form_fields`` does; narrow further (by date, by kind) in
    ``restrict_choices`` after calling ``super()``.
    """

    editable_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.restrict_choices()

    def restrict_choices(self) -> None:
        """Narrow each choice field to the user's units (a hook for more)."""
        restrict_choices(self, self.user)


class MultipleFileInput(forms.ClearableFileInput):
    """``<input type=file multiple>``."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, cleaned to a list (empty when none is sent)."""

    def __init__(self, *args: Any, accept: str = "", **kwargs: Any) -> None:
        attrs = {"accept": accept} if accept else {}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class XlsxFileField(forms.FileField):
    """An uploaded workbook: only a name ending in .xlsx (Excel 2007 or later).

    The bytes are judged when read (``common.xlsx.open_workbook``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Upload an .xlsx file (Excel 2007 or later).")
            )
        return upload


def add_refusal(form: forms.BaseForm, exc: Exception) -> None:
    """Show a service's refusal on ``form`` (nothing was saved): a
    ``ValidationError``'s messages on their fields (the form when a field is
    not on it), an app's error its ``message``, a ``PermissionDenied`` its
    text or, without one, a sentence the officer understands."""
    from django.core.exceptions import ValidationError

    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, " ".join(exc.messages))
        return
    message = getattr(exc, "message", None) or str(exc)
    form.add_error(None, message or _("You may not do this."))
