"""Placeholder: replaced by the helper that owns this module."""

from typing import Any

from django.http import Http404


def type_list(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def type_create(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def type_detail(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def type_edit(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def outline_add(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def outline_edit(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def outline_remove(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def outline_move(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404
