"""Every form of the project types numbers and dates the Vietnamese way: no
browser ``type=number`` (which reads "1.5" and refuses "15.000.000") and no
``type=date`` (mm/dd/yyyy in an English browser) is left in any form, since
the form base (CleanTextMixin, common/widgets.py) gives each field its input."""

import importlib
import inspect
import re
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

import danvan
from danvan.common.forms import CleanForm

pytestmark = pytest.mark.django_db

MODULES = [
    "danvan.documents.forms",
    "danvan.ingestion.forms",
    "danvan.initiatives.forms",
    "danvan.meetings.forms",
    "danvan.plans.forms",
    "danvan.records.forms",
    "danvan.units.forms",
]
PACKAGE = Path(danvan.__file__).parent
_BROWSER_INPUT = re.compile(r'type="(?:number|date)"')


def _forms(user):
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != name:
                continue
            for kwargs in ({"user": user}, {}):
                try:
                    yield cls.__name__, cls(**kwargs)
                    break
                except Exception:
                    continue


def test_no_form_uses_the_browser_number_or_date_input(users):
    offending = {}
    seen = 0
    with translation.override("en"):
        for name, form in _forms(users["commune"]):
            seen += 1
            html = str(form)
            if _BROWSER_INPUT.search(html):
                offending[name] = _BROWSER_INPUT.findall(html)
    assert seen > 15
    assert offending == {}


def test_no_template_writes_a_browser_date_or_number_input():
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.html")
        if _BROWSER_INPUT.search(path.read_text(encoding="utf-8"))
        # TODO(#9): the statistics page's own filter inputs move to its FilterSet.
        and "initiatives/stats.html" not in str(path)
    ]
    assert found == []


def test_a_field_added_after_init_is_localised_too():
    class Late(CleanForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["amount"] = forms.IntegerField()
            self.fields["on"] = forms.DateField()

    form = Late(data={"amount": "2.500.000", "on": "5/12/2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == 2_500_000
    assert form.cleaned_data["on"].isoformat() == "2026-12-05"
    html = str(Late(initial={"amount": 2_500_000})["amount"])
    assert 'value="2.500.000"' in html
    assert 'inputmode="numeric"' in html
