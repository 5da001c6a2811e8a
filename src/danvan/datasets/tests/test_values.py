"""Writing values: typed the Vietnamese way, checked by type, locks, periods,
reporters, scope and the form's content; one or many, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from danvan.common.actors import system_actor
from danvan.datasets.exceptions import DatasetError, LockedError, NotReporterError
from danvan.datasets.models import DataValue, FormIndicator, Submission, ValueType
from danvan.datasets.services import values
from danvan.datasets.tests.factories import (
    BreakdownFactory,
    FormIndicatorFactory,
    IndicatorFactory,
    PeriodFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def indicator(value_type: str = ValueType.INTEGER, **kw):
    return IndicatorFactory.build(value_type=value_type, **kw)


@pytest.mark.parametrize(
    ("value_type", "typed", "number", "text"),
    [
        (ValueType.INTEGER, "2.943", Decimal(2943), ""),
        (ValueType.INTEGER, "15.000.000", Decimal(15_000_000), ""),
        (ValueType.INTEGER, " 12 ", Decimal(12), ""),
        (ValueType.NUMBER, "1,5", Decimal("1.5"), ""),
        (ValueType.NUMBER, "-3,25", Decimal("-3.25"), ""),
        (ValueType.PERCENT, "45,5", Decimal("45.5"), ""),
        (ValueType.PERCENT, "100%", Decimal(100), ""),
        (ValueType.BOOLEAN, "có", Decimal(1), ""),
        (ValueType.BOOLEAN, "Không", Decimal(0), ""),
        (ValueType.BOOLEAN, "1", Decimal(1), ""),
        (ValueType.TEXT, "=SUM(A1)\r\nhai", None, "=SUM(A1)\nhai"),
        (ValueType.INTEGER, "", None, ""),
    ],
)
def test_parse_value_reads_the_vietnamese_way(value_type, typed, number, text):
    assert values.parse_value(indicator(value_type), typed) == (number, text)


@pytest.mark.parametrize(
    ("value_type", "typed", "words"),
    [
        (ValueType.INTEGER, "abc", "không phải là số"),
        (ValueType.INTEGER, "1,5", "số nguyên"),
        (ValueType.INTEGER, "-2", "số nguyên"),
        (ValueType.INTEGER, "1,234.5", "không phải là số"),
        (ValueType.PERCENT, "120", "0 đến 100"),
        (ValueType.BOOLEAN, "có lẽ", "có"),
        (ValueType.NUMBER, "1,23456", "4 chữ số thập phân"),
        (ValueType.NUMBER, "99999999999999999", "quá lớn"),
        (ValueType.TEXT, "a\x00b", "ký tự điều khiển"),
    ],
)
def test_parse_value_refuses_naming_the_indicator(value_type, typed, words):
    item = indicator(value_type, code="TEST_X", name="Số mô hình")
    with pytest.raises(DatasetError) as error:
        values.parse_value(item, typed)
    assert "TEST_X" in error.value.message
    assert words in error.value.message


@pytest.fixture
def draft(quarterly, period, bodies):
    return SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )


def item(form, code):
    return FormIndicator.objects.get(form=form, indicator__code=code).indicator


def test_save_value_creates_updates_and_deletes(draft, users):
    mh = item(draft.form, "TEST_MH_DK")
    saved = values.save_value(
        actor=users["commune"], submission=draft, indicator=mh, text="2.943"
    )
    assert saved is not None
    assert saved.number == 2943
    assert saved.area_path == draft.area_path
    assert saved.period_type == "quarter"
    values.save_value(actor=users["commune"], submission=draft, indicator=mh, text="7")
    assert DataValue.objects.get(submission=draft).number == 7
    assert (
        values.save_value(
            actor=users["commune"], submission=draft, indicator=mh, text=""
        )
        is None
    )
    assert not DataValue.objects.filter(submission=draft).exists()


def test_every_save_is_audited_as_the_actor(draft, users):
    from auditlog.models import LogEntry

    mh = item(draft.form, "TEST_MH_DK")
    value = values.save_value(
        actor=users["commune"], submission=draft, indicator=mh, text="3"
    )
    entry = LogEntry.objects.get_for_object(value).get()
    assert entry.actor == users["commune"]


def test_locked_submission_refuses(quarterly, period, bodies, users):
    for status, words in (("submitted", "đã gửi"), ("accepted", "đã được duyệt")):
        submission = SubmissionFactory.create(
            form=quarterly, period=period, body=bodies["commune"], status=status
        )
        with pytest.raises(LockedError) as error:
            values.save_value(
                actor=users["commune"],
                submission=submission,
                indicator=item(quarterly, "TEST_MH_DK"),
                text="1",
            )
        assert words in error.value.message
        assert "khóa" in error.value.message
        Submission.objects.filter(pk=submission.pk).delete()
    assert not DataValue.objects.exists()


def test_period_not_started_refuses(quarterly, bodies, users):
    later = PeriodFactory.create(year=2099, number=2)
    submission = SubmissionFactory.create(
        form=quarterly, period=later, body=bodies["commune"]
    )
    with pytest.raises(DatasetError) as error:
        values.save_value(
            actor=users["commune"],
            submission=submission,
            indicator=item(quarterly, "TEST_MH_DK"),
            text="1",
        )
    assert "chưa bắt đầu" in error.value.message


def test_out_of_scope_and_readers_are_refused(draft, users):
    mh = item(draft.form, "TEST_MH_DK")
    for user in (users["sibling"], users["viewer"]):
        with pytest.raises(PermissionDenied):
            values.save_value(actor=user, submission=draft, indicator=mh, text="1")
    assert not DataValue.objects.exists()


def test_body_that_no_longer_reports_is_refused(draft, users):
    from danvan.datasets.models import ReportForm

    ReportForm.objects.filter(pk=draft.form_id).update(reporter_level="province")
    draft.form.refresh_from_db()
    with pytest.raises(NotReporterError):
        values.save_value(
            actor=users["commune"],
            submission=draft,
            indicator=item(draft.form, "TEST_MH_DK"),
            text="1",
        )


def test_indicator_removed_from_the_form_keeps_its_value(draft, users):
    mh = item(draft.form, "TEST_MH_DK")
    values.save_value(actor=users["commune"], submission=draft, indicator=mh, text="4")
    FormIndicator.objects.filter(form=draft.form, indicator=mh).delete()
    with pytest.raises(DatasetError) as error:
        values.save_value(
            actor=users["commune"], submission=draft, indicator=mh, text="5"
        )
    assert "biểu mẫu đã thay đổi" in error.value.message
    assert DataValue.objects.get(submission=draft).number == 4


def test_form_version_is_recorded_on_save(draft, users):
    from danvan.datasets.models import ReportForm

    ReportForm.objects.filter(pk=draft.form_id).update(version=3)
    draft.form.refresh_from_db()
    values.save_value(
        actor=users["commune"],
        submission=draft,
        indicator=item(draft.form, "TEST_MH_DK"),
        text="1",
    )
    draft.refresh_from_db()
    assert draft.form_version == 3


def test_breakdown_options_must_be_the_indicators(draft, users):
    gender = BreakdownFactory.create()
    people = IndicatorFactory.create(code="TEST_NGUOI", breakdown=gender)
    FormIndicatorFactory.create(form=draft.form, indicator=people)
    values.save_value(
        actor=users["commune"],
        submission=draft,
        indicator=people,
        option="nu",
        text="12",
    )
    with pytest.raises(DatasetError) as error:
        values.save_value(
            actor=users["commune"],
            submission=draft,
            indicator=people,
            option="tre-em",
            text="3",
        )
    assert "tre-em" in error.value.message
    assert DataValue.objects.get(submission=draft, option="nu").number == 12


def test_save_values_is_all_or_nothing_listing_every_bad_row(draft, users):
    rows = [
        ("TEST_MH_DK", "", "10"),
        ("TEST_MH_HQ", "", "mười"),
        ("TEST_KHONG_CO", "", "1"),
        ("TEST_DOI_THOAI", "", "1,5"),
    ]
    with pytest.raises(values.ValuesError) as error:
        values.save_values(actor=users["commune"], submission=draft, rows=rows)
    assert [index for index, _message in error.value.errors] == [1, 2, 3]
    assert "TEST_MH_HQ" in error.value.errors[0][1]
    assert not DataValue.objects.exists()


def test_save_values_again_changes_nothing(draft, users):
    rows = [("TEST_MH_DK", "", "10"), ("TEST_MH_HQ", "", "4")]
    first = values.save_values(actor=users["commune"], submission=draft, rows=rows)
    again = values.save_values(actor=users["commune"], submission=draft, rows=rows)
    assert (first.created, again.created, again.updated, again.same) == (2, 0, 0, 2)
    assert values.values_of(draft)[("TEST_MH_DK", "")].number == 10


def test_system_actor_writes_any_unit(draft):
    values.save_values(
        actor=system_actor(), submission=draft, rows=[("TEST_MH_DK", "", "1")]
    )
    assert DataValue.objects.get(submission=draft).number == 1
