"""Placeholder: replaced by the helper that owns this module."""

from typing import Any

from django.http import Http404


def docx(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def pdf(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def annex_xlsx(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404
