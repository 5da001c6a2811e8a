"""Show a button only to who may use it: ``{% if user|may_edit:obj %}``.

In the template ``builtins`` (no ``{% load %}``). Each filter asks the rule a
service checks (``common.rules``), so a page never offers an action that ends
in a refusal, and never hides one the user may take.
"""

from __future__ import annotations

from typing import Any

from django import template

from danvan.common import access, rules

register = template.Library()


@register.filter
def may_view(user: Any, obj: Any) -> bool:
    """May ``user`` read ``obj``?"""
    return rules.may_view(user, obj)


@register.filter
def may_edit(user: Any, obj: Any) -> bool:
    """May ``user`` change ``obj`` or add rows under it (an area, a body)?"""
    return obj is not None and rules.may_edit(user, obj)


@register.filter
def may_judge(user: Any, obj: Any) -> bool:
    """May ``user`` accept, return, evaluate or commend ``obj`` (the level above)?"""
    return obj is not None and rules.may_judge(user, obj)


@register.filter
def may_edit_somewhere(user: Any) -> bool:
    """Is ``user`` an editor of any unit (may add a document, a text, a model)?"""
    return access.may_edit_somewhere(user)


@register.filter
def may_administer(user: Any) -> bool:
    """May ``user`` set what holds for every unit (rubrics)?"""
    return rules.may_administer(user)
