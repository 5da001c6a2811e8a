"""Text hygiene at the edge: one cleaner for forms, API requests and imports;
exports that neither fail on stored control characters nor write formulas."""

import importlib
import pkgutil
from io import BytesIO

import pytest
from django import forms
from django.http import QueryDict
from openpyxl import load_workbook

import danvan
from danvan.common.forms import CleanForm, CleanTextMixin
from danvan.common.parsers import clean_strings
from danvan.common.text import clean_input, normalize, normalize_block, strip_controls
from danvan.common.xlsx import workbook_bytes

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "  =1+1", "\t=1"]


@pytest.mark.parametrize(
    ("raw", "single", "multi"),
    [
        ("Kế\u0001 hoạch\u0085", "Kế hoạch", "Kế hoạch"),
        ("  một\r\nhai\rba  ", "một hai ba", "một\nhai\nba"),
        ("cột\tcột", "cột cột", "cột\tcột"),
        ("a\u2028b\u2029c\x0bd\x0ce", "a b c d e", "a\nb\nc\nd\ne"),
        ("\ufeffgiữa\u202e\u2066\x7f\x9f\ud800\u200b\u200f", "giữa", "giữa"),
        ("Tra\u0323m Ta\u0302\u0301u", "Trạm Tấu", "Trạm Tấu"),
    ],
)
def test_clean_input_removes_controls_and_folds_lines_of_single_line_fields(
    raw, single, multi
):
    assert clean_input(raw, multiline=False) == single
    assert clean_input(raw, multiline=True) == multi


def test_clean_input_keeps_surrounding_whitespace_when_told():
    assert clean_input(" a\u0001 ", multiline=False, strip=False) == " a "


def test_output_cleaner_keeps_layout_and_removes_what_xml_cannot_hold():
    assert strip_controls("a\u0001\tb\r\nc\ud800\uffff") == "a\tb\r\nc"


def test_service_normalisers_remove_controls_too():
    assert normalize("Kế\u0001 hoạch\u0085 mới") == "Kế hoạch mới"
    assert normalize_block("trang 1\ftrang\u0001 2\nhết") == "trang 1 trang 2\nhết"


def _danvan_modules():
    for info in pkgutil.walk_packages(danvan.__path__, "danvan."):
        parts = info.name.split(".")
        if "tests" in parts or "migrations" in parts:
            continue
        yield importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_of_the_project_cleans_its_text():
    modules = list(_danvan_modules())
    assert len(modules) > 50
    ours = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("danvan.")
        and ".tests." not in cls.__module__
        and cls.__module__ != "danvan.common.forms"
    }
    # Formsets made by formset_factory carry their form class.
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseFormSet):
                ours.add(getattr(value, "form", CleanForm))
    assert len(ours) > 25
    missing = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in ours
        if not issubclass(cls, CleanTextMixin)
    )
    assert missing == [], "forms without danvan.common.forms.CleanForm"


class _Sample(CleanForm):
    title = forms.CharField(max_length=50)
    body = forms.CharField(widget=forms.Textarea, required=False)
    tags = forms.MultipleChoiceField(choices=[("a", "a"), ("b", "b")], required=False)


def test_form_cleans_each_field_by_its_widget_before_validation():
    data = QueryDict(mutable=True)
    data.update(
        {"title": " Tiêu\u0001 đề\r\nhai ", "body": "Dòng\u0085một\r\n\tDòng hai "}
    )
    data.setlist("tags", ["a\u0001", "b"])
    form = _Sample(data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "title": "Tiêu đề hai",
        "body": "Dòng\nmột\n\tDòng hai",
        "tags": ["a", "b"],
    }
    assert data["title"] == " Tiêu\u0001 đề\r\nhai "  # the request is left as it was


def test_form_with_a_prefix_and_plain_dict_data_is_cleaned():
    form = _Sample({"p-title": "A\u0001B", "p-body": "x\r\ny"}, prefix="p")
    assert form.is_valid()
    assert (form.cleaned_data["title"], form.cleaned_data["body"]) == ("AB", "x\ny")


def test_api_parsers_clean_every_string_and_key_keeping_lines():
    parsed = clean_strings(
        {"title\u0001": "A\u0001\r\nB", "items": [{"n": "\u202ex"}, 3, None, True]}
    )
    assert parsed == {"title": "A\nB", "items": [{"n": "x"}, 3, None, True]}


def test_workbook_writes_formula_like_text_as_text_and_drops_controls():
    data = workbook_bytes(
        "Danh sách",
        ["Tên", "Ghi chú"],
        [[text, "bình\u0001 thường\x0b"] for text in FORMULAS] + [[-5, "-"]],
    )
    sheet = load_workbook(BytesIO(data)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_row=len(FORMULAS) + 1)]
    assert [c.value for c in cells] == FORMULAS
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert sheet["B2"].value == "bình thường"
    assert sheet["B2"].data_type == "s"
    assert sheet.cell(row=len(FORMULAS) + 2, column=1).value == -5


def test_every_model_admin_of_the_project_cleans_its_text():
    from django.contrib import admin

    checked, missing = 0, []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("danvan."):
            continue
        classes = [model_admin.form, getattr(model_admin, "add_form", CleanForm)]
        classes += [inline.form for inline in model_admin.inlines]
        checked += 1
        missing += [
            f"{type(model_admin).__name__}: {cls.__name__}"
            for cls in classes
            if not issubclass(cls, CleanTextMixin)
        ]
    assert checked > 10
    assert missing == []


@pytest.mark.django_db
def test_admin_stores_text_without_control_characters(client, django_user_model):
    from danvan.initiatives.models import Field

    admin_user = django_user_model.objects.create_superuser("root", password="x-1")
    client.force_login(admin_user)
    response = client.post(
        "/admin/initiatives/field/add/",
        {"name": "Môi\u0001 trường\u0085xanh", "code": "moi-truong", "order": "9"},
    )

    assert response.status_code == 302
    assert Field.objects.get(code="moi-truong").name == "Môi trường xanh"
    for url in (
        "/admin/accounts/user/add/",
        f"/admin/accounts/user/{admin_user.pk}/change/",
    ):
        assert client.get(url).status_code == 200


def test_passwords_are_left_as_typed():
    class SignUp(CleanForm):
        password = forms.CharField(widget=forms.PasswordInput, strip=False)

    form = SignUp({"password": " a\tb\u0001 "})
    assert form.is_valid()
    assert form.cleaned_data["password"] == " a\tb\u0001 "


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/documents/?q=a%00b%01",
        "/units/?q=a%00b",
        "/meetings/?q=a%00b",
        "/api/v1/areas/?q=a%00b",
        "/api/v1/documents/?search=a%00b",
    ],
)
def test_control_characters_in_a_query_string_are_ignored(client, users, url):
    # PostgreSQL refuses a NUL in any text, a search term included.
    client.force_login(users["province"])
    assert client.get(url).status_code == 200
