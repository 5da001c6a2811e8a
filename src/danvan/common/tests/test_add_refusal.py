from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.common.forms import CleanForm, add_refusal


class Form(CleanForm):
    title = forms.CharField()


class AppError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refused(exc: Exception) -> Form:
    form = Form({"title": "x"})
    assert form.is_valid()
    add_refusal(form, exc)
    return form


def test_a_refusal_lands_on_its_field_or_on_the_form():
    form = refused(ValidationError({"title": "Trùng", "other": "Thiếu"}))
    assert form.errors["title"] == ["Trùng"]
    assert form.non_field_errors() == ["Thiếu"]
    assert refused(ValidationError(["Một", "Hai"])).non_field_errors() == ["Một Hai"]


def test_an_apps_error_and_a_bare_permission_denied_say_why():
    assert refused(AppError("Đơn đã đóng.")).non_field_errors() == ["Đơn đã đóng."]
    assert refused(PermissionDenied("Ngoài phạm vi.")).non_field_errors() == [
        "Ngoài phạm vi."
    ]
    assert refused(PermissionDenied()).non_field_errors() == [
        "Bạn không được làm việc này."
    ]
