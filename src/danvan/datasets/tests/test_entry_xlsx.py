"""The XLSX template of a submission and its import: a round trip, files of
another form, period, body or version refused, formula-like text kept as
text, every bad cell listed with its row, hostile files refused; all or
nothing, after a preview."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.common.actors import system_actor
from danvan.common.tests import hostile
from danvan.datasets import spreadsheet
from danvan.datasets.models import DataValue, FormIndicator, ReportForm, ValueType
from danvan.datasets.services import values
from danvan.datasets.tests.factories import (
    FormIndicatorFactory,
    IndicatorFactory,
    PeriodFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def draft(quarterly, period, bodies):
    return SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )


@pytest.fixture
def commune(client, users):
    client.force_login(users["commune"])
    return client


def fill(content: bytes, cells: dict[str, object]) -> bytes:
    """The template with values typed in the rows of the given codes."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=spreadsheet.FIRST_ROW):
        code = row[spreadsheet.CODE - 1].value
        if code in cells:
            row[spreadsheet.VALUE - 1].value = cells[code]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, submission, content: bytes, name: str = "so-lieu.xlsx"):
    return client.post(
        reverse("datasets:entry_import", args=[submission.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_template_names_its_form_period_body_and_version(commune, draft):
    response = commune.get(reverse("datasets:entry_xlsx", args=[draft.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    meta = {row[0].value: row[1].value for row in book[spreadsheet.META].iter_rows()}
    assert book[spreadsheet.META].sheet_state == "veryHidden"
    assert meta["form"] == "test-bc-quy"
    assert meta["version"] == 1
    assert meta["body"] == draft.body_id
    sheet = book.worksheets[0]
    assert sheet.protection.sheet
    codes = [r[0].value for r in sheet.iter_rows(min_row=spreadsheet.FIRST_ROW)]
    assert [c for c in codes if c] == ["TEST_MH_DK", "TEST_MH_HQ", "TEST_DOI_THOAI"]


def test_round_trip_preview_then_confirm(commune, draft, users):
    values.save_values(
        actor=users["commune"], submission=draft, rows=[("TEST_MH_DK", "", "5")]
    )
    content = spreadsheet.template_bytes(draft)
    filled = fill(
        content, {"TEST_MH_DK": 12, "TEST_MH_HQ": "2.943", "TEST_DOI_THOAI": 4}
    )
    response = upload(commune, draft, filled)
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.ok
    assert [(c.item.indicator.code, c.action) for c in outcome.changed] == [
        ("TEST_MH_DK", "update"),
        ("TEST_MH_HQ", "create"),
        ("TEST_DOI_THOAI", "create"),
    ]
    assert DataValue.objects.get(indicator__code="TEST_MH_DK").number == 5  # not yet
    confirm = commune.post(
        reverse("datasets:entry_import", args=[draft.pk]),
        {"confirm": "1", "token": response.context["token"]},
    )
    assert confirm.status_code == 302
    assert {k[0]: v.number for k, v in values.values_of(draft).items()} == {
        "TEST_MH_DK": 12,
        "TEST_MH_HQ": 2943,
        "TEST_DOI_THOAI": 4,
    }
    # The same file again changes nothing.
    again = spreadsheet.preview(
        io.BytesIO(spreadsheet.template_bytes(draft)),
        actor=users["commune"],
        submission=draft,
    )
    assert again.ok
    assert again.changed == []


def test_every_bad_cell_is_listed_with_its_row_and_nothing_saved(commune, draft):
    filled = fill(
        spreadsheet.template_bytes(draft),
        {"TEST_MH_DK": "mười", "TEST_MH_HQ": 3, "TEST_DOI_THOAI": 1.5},
    )
    response = upload(commune, draft, filled)
    errors = response.context["outcome"].errors
    first = spreadsheet.FIRST_ROW + 1  # under the section's title
    assert errors[0].startswith(f"Dòng {first}:")
    assert "TEST_MH_DK" in errors[0]
    assert errors[1].startswith(f"Dòng {first + 2}:")
    assert "TEST_DOI_THOAI" in errors[1]
    assert len(errors) == 2
    assert "token" not in response.context
    assert not DataValue.objects.exists()


def test_formula_like_text_stays_text(commune, draft, users):
    note = IndicatorFactory.create(code="TEST_GHI_CHU", value_type=ValueType.TEXT)
    FormIndicatorFactory.create(form=draft.form, indicator=note)
    values.save_values(
        actor=users["commune"],
        submission=draft,
        rows=[("TEST_GHI_CHU", "", '=HYPERLINK("http://x","y")')],
    )
    book = load_workbook(io.BytesIO(spreadsheet.template_bytes(draft)))
    cell = next(
        r[spreadsheet.VALUE - 1]
        for r in book.worksheets[0].iter_rows(min_row=spreadsheet.FIRST_ROW)
        if r[0].value == "TEST_GHI_CHU"
    )
    assert cell.data_type == "s"
    assert cell.quotePrefix
    outcome = spreadsheet.preview(
        io.BytesIO(spreadsheet.template_bytes(draft)),
        actor=users["commune"],
        submission=draft,
    )
    assert outcome.ok
    assert outcome.changed == []


def test_template_of_another_body_or_period_is_refused(
    commune, draft, quarterly, bodies
):
    sibling = SubmissionFactory.create(
        form=quarterly, period=draft.period, body=bodies["sibling"]
    )
    other_period = SubmissionFactory.create(
        form=quarterly, period=PeriodFactory.create(number=2), body=bodies["commune"]
    )
    for other, words in ((sibling, "đơn vị báo cáo khác"), (other_period, "kỳ khác")):
        content = fill(spreadsheet.template_bytes(other), {"TEST_MH_DK": 1})
        errors = upload(commune, draft, content).context["outcome"].errors
        assert len(errors) == 1
        assert words in errors[0]
    assert not DataValue.objects.exists()


def test_template_of_another_form_or_version_is_refused(commune, draft):
    content = fill(spreadsheet.template_bytes(draft), {"TEST_MH_DK": 1})
    ReportForm.objects.filter(pk=draft.form_id).update(version=2)
    errors = upload(commune, draft, content).context["outcome"].errors
    assert "phiên bản 1" in errors[0]
    ReportForm.objects.filter(pk=draft.form_id).update(version=1, code="test-khac")
    errors = upload(commune, draft, content).context["outcome"].errors
    assert "biểu khác" in errors[0]
    assert not DataValue.objects.exists()


def test_form_changed_between_preview_and_confirm(commune, draft):
    content = fill(spreadsheet.template_bytes(draft), {"TEST_MH_DK": 1})
    token = upload(commune, draft, content).context["token"]
    ReportForm.objects.filter(pk=draft.form_id).update(version=2)
    response = commune.post(
        reverse("datasets:entry_import", args=[draft.pk]),
        {"confirm": "1", "token": token},
    )
    assert response.status_code == 302
    assert not DataValue.objects.exists()


def test_a_forged_token_saves_nothing(commune, draft):
    response = commune.post(
        reverse("datasets:entry_import", args=[draft.pk]),
        {"confirm": "1", "token": "rows:TEST_MH_DK=9"},
    )
    assert response.status_code == 302
    assert not DataValue.objects.exists()


def test_hostile_files_are_refused(commune, draft):
    for content, words in (
        (hostile.xlsx_bomb(unpacked=60 * MB), "giải nén"),
        (b"%PDF-1.4 not a workbook", "không phải là bảng tính XLSX"),
        (hostile.zip_with(["../../etc/passwd"]), "bất thường"),
    ):
        response = upload(commune, draft, content)
        errors = response.context["outcome"].errors
        assert len(errors) == 1
        assert words in errors[0]
    assert not DataValue.objects.exists()


def test_a_sheet_that_is_not_a_template_is_refused(commune, draft):
    content = hostile.sheet_with_gap(["Mã", "Giá trị"], 0, [["TEST_MH_DK", 3]])
    errors = upload(commune, draft, content).context["outcome"].errors
    assert "không phải là mẫu nhập số liệu" in errors[0]


def test_locked_submission_refuses_the_import(commune, quarterly, period, bodies):
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"], status="accepted"
    )
    content = fill(spreadsheet.template_bytes(submission), {"TEST_MH_DK": 1})
    errors = upload(commune, submission, content).context["outcome"].errors
    assert "khóa" in errors[0]


def test_readers_and_other_units_may_not_import(client, users, draft):
    content = spreadsheet.template_bytes(draft)
    client.force_login(users["viewer"])
    assert upload(client, draft, content).status_code == 403
    client.force_login(users["sibling"])
    assert upload(client, draft, content).status_code == 404
    assert (
        client.get(reverse("datasets:entry_xlsx", args=[draft.pk])).status_code == 404
    )


def test_command_import_finds_the_submission_in_the_file(draft):
    content = fill(spreadsheet.template_bytes(draft), {"TEST_MH_DK": "1.500"})
    outcome, saved = spreadsheet.import_file(io.BytesIO(content), actor=system_actor())
    assert outcome.ok
    assert saved is not None
    assert saved.created == 1
    assert DataValue.objects.get().number == 1500
    assert FormIndicator.objects.filter(form=draft.form).count() == 3


def test_commands_export_and_import(tmp_path, quarterly, period, bodies):
    from django.core.management import CommandError, call_command

    out = tmp_path / "bao-cao.xlsx"
    call_command(
        "figures_export",
        "--form",
        "test-bc-quy",
        "--period",
        "quarter:2026:3",
        "--body",
        str(bodies["commune"].pk),
        str(out),
        stdout=io.StringIO(),
    )
    out.write_bytes(fill(out.read_bytes(), {"TEST_MH_DK": 9, "TEST_MH_HQ": "x"}))
    with pytest.raises(CommandError) as error:
        call_command("figures_import", str(out), stdout=io.StringIO())
    assert "TEST_MH_HQ" in str(error.value)
    assert not DataValue.objects.exists()
    out.write_bytes(fill(out.read_bytes(), {"TEST_MH_HQ": 4}))
    printed = io.StringIO()
    call_command("figures_import", str(out), "--dry-run", stdout=printed)
    assert "nothing saved" in printed.getvalue()
    assert not DataValue.objects.exists()
    call_command("figures_import", str(out), stdout=printed)
    assert {
        k[0]: v.number
        for k, v in values.values_of(
            DataValue.objects.get(indicator__code="TEST_MH_DK").submission
        ).items()
    } == {"TEST_MH_DK": 9, "TEST_MH_HQ": 4}
    with pytest.raises(CommandError):
        call_command(
            "figures_export",
            "--form",
            "test-bc-quy",
            "--period",
            "year:2026",
            "--body",
            str(bodies["commune"].pk),
            str(out),
        )
