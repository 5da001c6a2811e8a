"""The base of every form of the project: submitted text is cleaned first.

``CleanTextMixin`` passes each submitted string through ``clean_input``
before the fields validate it, so no form can store a control character:
a ``Textarea`` keeps its lines and tabs, every other widget gets one line.
Forms subclass ``CleanForm`` or ``CleanModelForm``; a test checks that every
form class of the project carries the mixin.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict

from danvan.common.text import clean_input


class CleanTextMixin:
    """Clean the submitted text of a bound form before validation."""

    def full_clean(self) -> None:
        form: Any = self
        if form.is_bound and form.data is not None:
            form.data = clean_data(form.data, self._text_modes())
        super().full_clean()  # type: ignore[misc]

    def _text_modes(self) -> dict[str, tuple[bool, bool]]:
        """Submitted name -> (multiline, strip) for each field of the form."""
        form: Any = self
        modes = {}
        for name, field in form.fields.items():
            multiline = isinstance(field.widget, forms.Textarea)
            modes[form.add_prefix(name)] = (multiline, getattr(field, "strip", True))
        return modes


def clean_data(data: Any, modes: dict[str, tuple[bool, bool]]) -> Any:
    """A copy of ``data`` with its strings cleaned; unknown names keep lines."""
    if isinstance(data, MultiValueDict):
        cleaned = data.copy()  # a QueryDict's copy is mutable
        for key, values in data.lists():
            mode = modes.get(key, (True, False))
            cleaned.setlist(key, [_clean(value, *mode) for value in values])
        return cleaned
    if isinstance(data, dict):
        return {
            key: _clean_any(value, *modes.get(key, (True, False)))
            for key, value in data.items()
        }
    return data


def _clean_any(value: Any, multiline: bool, strip: bool) -> Any:
    if isinstance(value, list | tuple):
        return type(value)(_clean(v, multiline, strip) for v in value)
    return _clean(value, multiline, strip)


def _clean(value: Any, multiline: bool, strip: bool) -> Any:
    if isinstance(value, str):
        return clean_input(value, multiline=multiline, strip=strip)
    return value


class CleanForm(CleanTextMixin, forms.Form):
    """A form whose submitted text is cleaned before validation."""


class CleanModelForm(CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose submitted text is cleaned before validation."""
