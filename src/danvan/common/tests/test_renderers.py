"""The Python form templates write exactly what Django's templates write."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.safestring import mark_safe

from danvan.common.renderers import FastRenderer

pytestmark = pytest.mark.django_db

SLOW = "django.forms.renderers.DjangoTemplates"


class Everything(forms.Form):
    name = forms.CharField(label="Tên <b>", help_text="Họ & tên", max_length=20)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    empty_note = forms.CharField(required=False, widget=forms.Textarea)
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    count = forms.IntegerField(min_value=0, label_suffix="")
    kind = forms.ChoiceField(choices=[("", "—"), ("a", "A & B"), ("b", '"B"')])
    grouped = forms.ChoiceField(
        choices=[("Nhóm 1", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False
    )
    many = forms.MultipleChoiceField(choices=[("1", "1"), ("2", "2")], required=False)
    agree = forms.BooleanField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(required=False)
    shown = forms.CharField(required=False, disabled=True, initial="<i>x</i>")
    safe_label = forms.CharField(label=mark_safe("<em>An toàn</em>"), required=False)
    radio = forms.ChoiceField(
        choices=[("1", "một"), ("2", "hai")], widget=forms.RadioSelect, required=False
    )
    no_label = forms.CharField(label="", required=False)


def html(form: forms.Form) -> list[str]:
    return [str(form), form.as_p(), form.as_ul(), form.as_table()] + [
        str(field.as_field_group()) for field in form
    ]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": 'A "quoted" <name> that is far too long',
            "note": "dòng 1\n<b>dòng 2</b>",
            "on": "2025-07-01",
            "count": "-1",
            "kind": "b",
            "grouped": "y",
            "many": ["1", "2"],
            "agree": "on",
            "hidden": "h&",
        },
    ],
)
def test_every_common_widget_is_written_as_the_templates_write_it(data):
    initial = {"on": dt.date(2025, 1, 2), "kind": "a"}
    fast = Everything(data, initial=initial, renderer=FastRenderer())
    slow = Everything(data, initial=initial, renderer=DjangoTemplates())
    if data:
        assert not fast.is_valid()
        assert not slow.is_valid()
    assert html(fast) == html(slow)


def test_the_site_renders_its_forms_with_the_python_templates(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "danvan.common.renderers.FastRenderer"
    assert isinstance(get_default_renderer(), FastRenderer)


PAGES = [
    ("accounts:login", False),
    ("ingestion:ingest", True),
    ("ingestion:source_list", True),
    ("documents:list", True),
    ("documents:create", True),
    ("meetings:list", True),
    ("initiatives:list", True),
    ("units:person_list", True),
]


@pytest.mark.parametrize(("name", "signed_in"), PAGES)
def test_pages_are_the_same_with_either_renderer(
    client, users, settings, name, signed_in
):
    if signed_in:
        client.force_login(users["province"])
    settings.FORM_RENDERER = SLOW
    slow = client.get(reverse(name))
    settings.FORM_RENDERER = "danvan.common.renderers.FastRenderer"
    fast = client.get(reverse(name))
    assert fast.status_code == slow.status_code == 200
    assert _without_tokens(fast.content) == _without_tokens(slow.content)


def _without_tokens(content: bytes) -> str:
    import re

    html = content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1", html)
