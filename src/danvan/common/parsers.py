"""API request parsers that clean every string before a serializer sees it.

Set as ``DEFAULT_PARSER_CLASSES``, so no serializer can store a control
character: strings (and object keys) of JSON, form and multipart bodies go
through ``clean_input`` keeping their lines and tabs; serializers' own
``CharField`` trims the surrounding whitespace.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.datastructures import MultiValueDict
from rest_framework import parsers

from danvan.common.text import clean_input


def clean_strings(value: Any) -> Any:
    """``value`` with every string inside it cleaned, lines kept."""
    if isinstance(value, str):
        return clean_input(value, multiline=True, strip=False)
    if isinstance(value, MultiValueDict):
        cleaned = value.copy()  # a QueryDict's copy is mutable
        for key, values in value.lists():
            cleaned.setlist(key, [clean_strings(v) for v in values])
        return cleaned
    if isinstance(value, Mapping):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    return value


class JSONParser(parsers.JSONParser):
    def parse(self, *args: Any, **kwargs: Any) -> Any:
        return clean_strings(super().parse(*args, **kwargs))


class FormParser(parsers.FormParser):
    def parse(self, *args: Any, **kwargs: Any) -> Any:
        return clean_strings(super().parse(*args, **kwargs))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, *args: Any, **kwargs: Any) -> Any:
        parsed = super().parse(*args, **kwargs)
        return parsers.DataAndFiles(clean_strings(parsed.data), parsed.files)
