"""The form renderer: Django's templates, with the common ones written in Python.

A form field costs Django four to six template renders (the field group, its
label, its error list, the widget, its attributes, and one or two per option
of a select), which made a page of ninety fields spend most of its time in
the template engine. ``FastRenderer`` writes the HTML of Django's own field,
label, error list, input, textarea and select templates directly, character
for character (``common/tests/test_renderers.py`` compares them with the
templates for every form of the project), and leaves every other template
(a fieldset, a radio list, a widget of our own such as the unit picker) to
the template engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

PREFIX = "django/forms/"
# The input widgets whose template only includes ``input.html``.
INPUT_TYPES = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "file",
    "hidden",
    "input",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(out)


def _input(context: dict[str, Any]) -> str:
    widget = context["widget"]
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}"'
        f' name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _textarea(context: dict[str, Any]) -> str:
    widget = context["widget"]
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"'
        f"{_attrs(widget['attrs'])}>\n{value}</textarea>"
    )


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{conditional_escape(option["value"])}"'
        f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
    )


def _select(context: dict[str, Any]) -> str | None:
    widget = context["widget"]
    parts = [
        f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>'
    ]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != f"{PREFIX}widgets/select_option.html":
                return None
            # The option's template ends with a newline, which the include keeps.
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _label(context: dict[str, Any]) -> str:
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return str(label)
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>"


def _errors(context: dict[str, Any]) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    named = f' id="{conditional_escape(field_id)}_error"' if field_id else ""
    items = "".join(format_html("<li>{}</li>", error) for error in errors)
    return (
        f'<ul class="{conditional_escape(context["error_class"])}"{named}>{items}</ul>'
    )


def _field(context: dict[str, Any]) -> str | None:
    field = context["field"]
    if field.use_fieldset:
        return None
    label = str(field.label_tag()) if field.label else ""
    help_text = ""
    if field.help_text:
        named = (
            f' id="{conditional_escape(field.auto_id)}_helptext"'
            if field.auto_id
            else ""
        )
        help_text = f'<div class="helptext"{named}>{field.help_text}</div>'
    # The template's lines, its leading and trailing blanks stripped.
    return f"{label}\n\n{help_text}\n{field.errors}\n{field}".strip()


FAST: dict[str, Callable[[dict[str, Any]], str | None]] = {
    **{f"{PREFIX}widgets/{kind}.html": _input for kind in INPUT_TYPES},
    f"{PREFIX}widgets/textarea.html": _textarea,
    f"{PREFIX}widgets/select.html": _select,
    f"{PREFIX}label.html": _label,
    f"{PREFIX}errors/list/default.html": _errors,
    f"{PREFIX}errors/list/ul.html": _errors,
    f"{PREFIX}field.html": _field,
}


class FastRenderer(DjangoTemplates):
    """Django's template renderer, with its common templates written in Python."""

    def render(
        self, template_name: str, context: dict[str, Any], request: Any = None
    ) -> SafeString:
        fast = FAST.get(template_name)
        if fast is not None and request is None:
            html = fast(context)
            if html is not None:
                return mark_safe(html.strip())
        return mark_safe(super().render(template_name, context, request))
