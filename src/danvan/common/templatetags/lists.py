"""Links of list pages: a page or a sort order, keeping the other parameters."""

from typing import Any

from django import template
from django.http import QueryDict

register = template.Library()


def _query(context: template.Context, **changes: object) -> str:
    """``?…`` of the current request with ``changes`` (None removes a parameter)."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    # An export link is not a page of the list.
    query.pop("format", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = str(value)
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, number: int, param: str = "page") -> str:
    """The address of page ``number`` of the list, its filters and order kept."""
    return _query(context, **{param: number})


@register.simple_tag(takes_context=True)
def sort_query(context: template.Context, key: str) -> str:
    """The address of the list sorted by ``key``, from its first page."""
    return _query(context, sort=key, page=None)


@register.simple_tag(takes_context=True)
def rows(context: template.Context, name: str, **values: object) -> str:
    """A list's rows from the Jinja2 template ``name`` (see ``danvan.common.jinja``),
    with this template's context and ``values``."""
    from danvan.common.jinja import render_rows

    flat: dict[str, Any] = {str(key): value for key, value in context.flatten().items()}
    return render_rows(name, {**flat, **values}, context.get("request"))
