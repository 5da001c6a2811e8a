"""Placeholder: replaced by the helper that owns this module."""

from typing import Any

from django.http import Http404


def area_dashboard(request: Any) -> Any:
    raise Http404


def chart_xlsx(request: Any) -> Any:
    raise Http404
