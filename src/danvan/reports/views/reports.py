"""Placeholder: replaced by the helper that owns this module."""

from typing import Any

from django.http import Http404


def views(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def report_list(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def report_create(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def report_detail(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def redraft(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def subunits(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def section_save(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def section_history(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def section_restore(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def comment_add(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def submit(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def approve(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def return_report(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def send(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404


def present(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise Http404
