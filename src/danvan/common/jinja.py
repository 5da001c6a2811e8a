"""List rows rendered by Jinja2: the pattern of every list that repeats a row.

A Django template costs about 0.2 ms per row of a list of tasks (variable
lookups, escaping and localisation per value); the same row in Jinja2, which
compiles to Python, costs about a fifth. So a list's repeated rows live in a
Jinja2 template under ``<app>/jinja2/<app>/…_rows.html`` (a loop over
``rows``); the page around them stays a Django template and writes them with
``{% rows "meetings/task_rows.html" rows=page row="list" %}``, and a view that
answers with one row (htmx) calls :func:`render_rows` with ``rows=[obj]``.

The environment offers what the rows need, named as in the Django templates:
``_()``/``gettext``/``ngettext`` (Django's catalogues), ``url(name, *args)``,
the filters ``vndate``, ``vndatetime``, ``vnnumber``, ``truncatechars``,
``isodatetime`` (``date:"c"``) and the
``options(choices, value)`` helper; ``csrf_token`` is computed once per render.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

import jinja2
from django.middleware.csrf import get_token
from django.template import engines
from django.template.defaultfilters import truncatechars as django_truncatechars
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext
from markupsafe import Markup, escape

from danvan.common.links import detail_url
from danvan.common.templatetags.display import vndate, vndatetime, vnnumber


def url(name: str, *args: Any) -> str:
    """``{% url name arg %}``: one integer argument costs no ``reverse()``."""
    if len(args) == 1 and isinstance(args[0], int):
        return detail_url(name, args[0])
    return reverse(name, args=args)


def truncatechars(value: object, length: int) -> str:
    """Django's ``truncatechars``; a text no longer than ``length`` is not
    counted character by character (nor its ellipsis translated): it is whole."""
    text = unicodedata.normalize("NFC", str(value))
    if len(text) <= length:
        return mark_safe(text) if isinstance(value, SafeData) else text
    return str(django_truncatechars(str(value), length))


def isodatetime(value: Any) -> str:
    """A moment in local time as ISO 8601 (Django's ``date:"c"``)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat() if value is not None else ""


def options(choices: Iterable[tuple[object, object]], value: object) -> Markup:
    """``<option>``s of a row's small ``<select>``, ``value``'s selected."""
    return Markup(
        "".join(
            f'<option value="{escape(key)}"{" selected" if key == value else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in choices
        )
    )


def environment(**settings: Any) -> jinja2.Environment:
    """The Jinja2 environment of ``TEMPLATES`` (``OPTIONS["environment"]``)."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **settings)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=True, pgettext=pgettext
    )
    env.globals.update(url=url, static=static, options=options)
    env.filters.update(
        vndate=vndate,
        vndatetime=vndatetime,
        vnnumber=vnnumber,
        truncatechars=truncatechars,
        isodatetime=isodatetime,
    )
    return env


def render_rows(name: str, context: dict[str, Any], request: Any = None) -> SafeString:
    """The Jinja2 template ``name`` with ``context`` (and ``request``)."""
    template: jinja2.Template = engines["jinja2"].get_template(name).template  # type: ignore[attr-defined]
    values = dict(context)
    if request is not None:
        values["request"] = request
        values["csrf_token"] = get_token(request)
    return mark_safe(template.render(values))
