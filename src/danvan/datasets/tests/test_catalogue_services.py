"""The catalogue's services: who changes indicators and forms, what is fixed
once figures exist, and the form's version raised by content changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from conftest import make_user
from danvan.accounts.models import Membership
from danvan.common.actors import system_actor
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.models import (
    FormIndicator,
    FormSection,
    Indicator,
    ReportForm,
    ValidationRule,
)
from danvan.datasets.services import catalogue
from danvan.datasets.tests.factories import (
    BreakdownFactory,
    DataValueFactory,
    IndicatorFactory,
    SubmissionFactory,
)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def administrator(tree):
    return make_user(
        "administrator", area=tree["commune"], role=Membership.Role.ADMINISTRATOR
    )


def _indicator(actor, **fields):
    values: dict[str, Any] = {
        "code": "test_tl_dat",
        "name": "  Tỷ lệ   chỉ tiêu đạt ",
        "value_type": "percent",
        "unit": "%",
        "aggregation": "average",
    }
    values.update(fields)
    return catalogue.create_indicator(actor=actor, **values)


# --- indicators -----------------------------------------------------------------------


def test_administrators_and_superusers_keep_the_indicators(users, administrator):
    indicator = _indicator(administrator)
    assert indicator.code == "TEST_TL_DAT"  # upper-cased
    assert indicator.name == "Tỷ lệ chỉ tiêu đạt"  # spaces normalised
    assert indicator.search_name  # folded for the search
    assert Indicator.objects.search("ty le chi tieu").filter(pk=indicator.pk).exists()
    for user in (users["commune"], users["province"], users["viewer"]):
        assert not catalogue.may_change_indicators(user)
        with pytest.raises(PermissionDenied):
            _indicator(user, code="TEST_KHAC")
        with pytest.raises(PermissionDenied):
            catalogue.update_indicator(actor=user, indicator=indicator, name="Khác")
    assert catalogue.may_change_indicators(system_actor())


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"code": "1ABC"}, "chữ in hoa"),
        ({"code": "MH-HQ"}, "chữ in hoa"),
        ({"name": "   "}, "cần có tên"),
        ({"value_type": "money"}, "kiểu giá trị"),
        ({"aggregation": "median"}, "cách tổng hợp"),
        ({"code": "DVK_MH_HIEU_QUA"}, "Đã có chỉ số"),
    ],
)
def test_a_bad_indicator_is_refused_in_vietnamese(db, fields, says):
    with pytest.raises(DatasetError) as refused:
        _indicator(system_actor(), **fields)
    assert says in refused.value.message


def test_a_text_indicator_has_no_breakdown(db):
    with pytest.raises(DatasetError):
        _indicator(
            system_actor(), value_type="text", breakdown=BreakdownFactory.create()
        )


def test_code_type_and_breakdown_are_fixed_once_values_exist(quarterly, period, bodies):
    actor = system_actor()
    indicator = Indicator.objects.get(code="TEST_DOI_THOAI")
    # Before any value: everything changes (the code is free of rules).
    catalogue.update_indicator(
        actor=actor, indicator=indicator, code="TEST_DOI_THOAI_2", unit="buổi"
    )
    indicator.refresh_from_db()
    assert (indicator.code, indicator.unit) == ("TEST_DOI_THOAI_2", "buổi")
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    DataValueFactory.create(submission=submission, indicator=indicator)
    for change in (
        {"code": "TEST_DOI_THOAI_3"},
        {"value_type": "number"},
        {"breakdown": BreakdownFactory.create()},
    ):
        with pytest.raises(DatasetError) as refused:
            catalogue.update_indicator(actor=actor, indicator=indicator, **change)
        assert "Đã có số liệu" in refused.value.message
    # The name, unit and description still change.
    catalogue.update_indicator(actor=actor, indicator=indicator, name="Số cuộc")
    indicator.refresh_from_db()
    assert (indicator.code, indicator.name) == ("TEST_DOI_THOAI_2", "Số cuộc")


def test_a_code_named_by_a_rule_does_not_change(quarterly):
    indicator = Indicator.objects.get(code="TEST_MH_HQ")
    with pytest.raises(DatasetError) as refused:
        catalogue.update_indicator(
            actor=system_actor(), indicator=indicator, code="TEST_MH_HQ_2"
        )
    assert "quy tắc" in refused.value.message
    with pytest.raises(TypeError):
        catalogue.update_indicator(
            actor=system_actor(), indicator=indicator, search_name="x"
        )


# --- forms ----------------------------------------------------------------------------


def _form(actor, bodies, tree, **fields):
    values = {
        "code": "Test-BC-Moi",
        "name": "Báo cáo  mới",
        "owner_body": bodies["province"],
        "area": tree["province"],
        "period_type": "quarter",
        "reporter_level": "commune",
        "reporter_kinds": ["party_committee", "party_committee"],
    }
    values.update(fields)
    return catalogue.create_form(actor=actor, **values)


def test_the_owner_bodys_editors_issue_and_change_a_form(users, bodies, tree):
    form = _form(users["province"], bodies, tree)
    assert (form.code, form.name) == ("test-bc-moi", "Báo cáo mới")
    assert form.reporter_kinds == ["party_committee"]
    assert (form.cutoff_day, form.deadline_days, form.version) == (15, 5, 1)
    assert catalogue.may_edit_form(users["province"], form)
    for user in (users["commune"], users["sibling"], users["viewer"]):
        assert not catalogue.may_edit_form(user, form)
        with pytest.raises(PermissionDenied):
            catalogue.update_form(actor=user, form=form, name="Khác")
        with pytest.raises(PermissionDenied):
            catalogue.add_section(actor=user, form=form, title="I. Khác")
    # A commune's editor issues the commune's own forms, not the province's.
    with pytest.raises(PermissionDenied):
        _form(users["commune"], bodies, tree, code="test-khac")
    own = _form(
        users["commune"],
        bodies,
        tree,
        code="test-xa",
        owner_body=bodies["commune"],
        area=tree["commune"],
        reporter_level="village",
        reporter_kinds=["front"],
    )
    assert catalogue.may_edit_form(users["commune"], own)
    changed = catalogue.update_form(
        actor=users["province"], form=form, cutoff_day=1, deadline_days=10
    )
    assert (changed.cutoff_day, changed.deadline_days) == (1, 10)


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"code": "BC MOI"}, "Mã biểu mẫu"),
        ({"name": ""}, "cần có tên"),
        ({"period_type": "week"}, "loại kỳ"),
        ({"reporter_level": "hamlet"}, "cấp"),
        ({"reporter_kinds": []}, "loại cơ quan"),
        ({"reporter_kinds": ["church"]}, "loại cơ quan"),
        ({"cutoff_day": 0}, "từ 1 đến 28"),
        ({"cutoff_day": 29}, "từ 1 đến 28"),
        ({"deadline_days": 91}, "từ 0 đến 90"),
        ({"approval": "anyone"}, "người duyệt"),
    ],
)
def test_a_bad_form_is_refused_in_vietnamese(bodies, tree, fields, says):
    with pytest.raises(DatasetError) as refused:
        _form(system_actor(), bodies, tree, **fields)
    assert says in refused.value.message


def test_a_form_code_is_unique(quarterly, bodies, tree):
    with pytest.raises(DatasetError) as refused:
        _form(system_actor(), bodies, tree, code=quarterly.code)
    assert "Đã có biểu mẫu" in refused.value.message


def test_code_and_period_type_are_fixed_once_a_unit_reports(quarterly, period, bodies):
    SubmissionFactory.create(form=quarterly, period=period, body=bodies["commune"])
    for change in ({"code": "test-khac"}, {"period_type": "month"}):
        with pytest.raises(DatasetError) as refused:
            catalogue.update_form(actor=system_actor(), form=quarterly, **change)
        assert "Đã có đơn vị báo cáo" in refused.value.message
    catalogue.update_form(actor=system_actor(), form=quarterly, name="Tên mới")
    quarterly.refresh_from_db()
    assert quarterly.name == "Tên mới"
    assert quarterly.version == 1  # settings are not the form's content


# --- content: sections, items, rules ----------------------------------------------------


def test_content_changes_raise_the_version_once_a_unit_reports(
    quarterly, period, bodies
):
    actor = system_actor()
    catalogue.add_section(actor=actor, form=quarterly, title="II. Khác")
    quarterly.refresh_from_db()
    assert quarterly.version == 1  # no submission yet
    SubmissionFactory.create(form=quarterly, period=period, body=bodies["commune"])
    section = catalogue.add_section(actor=actor, form=quarterly, title="III. Khác")
    item = catalogue.add_indicator_to_form(
        actor=actor,
        form=quarterly,
        indicator=Indicator.objects.get(code="DIEM_NONG"),
        section=section,
        required=True,
    )
    rule = catalogue.add_rule(
        actor=actor,
        form=quarterly,
        name="Điểm nóng",
        left="DIEM_NONG",
        operator=">=",
        right="0",
    )
    catalogue.set_required(actor=actor, item=item, required=False)
    catalogue.set_required(actor=actor, item=item, required=False)  # no change
    catalogue.remove_rule(actor=actor, rule=rule)
    catalogue.remove_indicator_from_form(actor=actor, item=item)
    catalogue.remove_section(actor=actor, section=section)
    quarterly.refresh_from_db()
    assert quarterly.version == 8


def test_sections_and_items_take_the_next_place(quarterly):
    actor = system_actor()
    section = catalogue.add_section(actor=actor, form=quarterly, title=" II.  Khác ")
    assert (section.title, section.order) == ("II. Khác", 2)
    item = catalogue.add_indicator_to_form(
        actor=actor, form=quarterly, indicator=Indicator.objects.get(code="TAO_HON")
    )
    assert (item.order, item.section) == (4, None)
    with pytest.raises(DatasetError) as refused:
        catalogue.add_indicator_to_form(
            actor=actor, form=quarterly, indicator=item.indicator
        )
    assert "đã có trong biểu mẫu" in refused.value.message
    with pytest.raises(DatasetError):
        catalogue.add_section(actor=actor, form=quarterly, title="  ")


def test_an_item_goes_in_a_section_of_its_own_form(quarterly, bodies, tree):
    other = _form(system_actor(), bodies, tree)
    elsewhere = catalogue.add_section(actor=system_actor(), form=other, title="I")
    with pytest.raises(DatasetError):
        catalogue.add_indicator_to_form(
            actor=system_actor(),
            form=quarterly,
            indicator=Indicator.objects.get(code="TAO_HON"),
            section=elsewhere,
        )
    retired = IndicatorFactory.create(active=False)
    with pytest.raises(DatasetError) as refused:
        catalogue.add_indicator_to_form(
            actor=system_actor(), form=quarterly, indicator=retired
        )
    assert "không còn dùng" in refused.value.message


def test_removing_a_section_keeps_its_indicators(quarterly):
    section = quarterly.sections.get()
    catalogue.remove_section(actor=system_actor(), section=section)
    assert not FormSection.objects.filter(form=quarterly).exists()
    items = FormIndicator.objects.filter(form=quarterly)
    assert items.count() == 3
    assert not items.exclude(section=None).exists()


def test_an_indicator_named_by_a_rule_stays_on_the_form(quarterly):
    item = quarterly.items.get(indicator__code="TEST_MH_DK")
    with pytest.raises(DatasetError) as refused:
        catalogue.remove_indicator_from_form(actor=system_actor(), item=item)
    assert "Mô hình hiệu quả không quá số đăng ký" in refused.value.message
    free = quarterly.items.get(indicator__code="TEST_DOI_THOAI")
    catalogue.remove_indicator_from_form(actor=system_actor(), item=free)
    assert quarterly.items.count() == 2


def _codes(form: ReportForm) -> list[str]:
    return list(
        form.items.order_by("order", "pk").values_list("indicator__code", flat=True)
    )


def test_items_are_reordered_and_moved(quarterly):
    actor = system_actor()
    assert _codes(quarterly) == ["TEST_MH_DK", "TEST_MH_HQ", "TEST_DOI_THOAI"]
    last = quarterly.items.get(indicator__code="TEST_DOI_THOAI")
    catalogue.reorder_items(actor=actor, form=quarterly, order=[last.pk])
    assert _codes(quarterly) == ["TEST_DOI_THOAI", "TEST_MH_DK", "TEST_MH_HQ"]
    last.refresh_from_db()
    catalogue.move_item(actor=actor, item=last, step=1)
    assert _codes(quarterly) == ["TEST_MH_DK", "TEST_DOI_THOAI", "TEST_MH_HQ"]
    first = quarterly.items.get(indicator__code="TEST_MH_DK")
    catalogue.move_item(actor=actor, item=first, step=-1)  # already first
    assert _codes(quarterly) == ["TEST_MH_DK", "TEST_DOI_THOAI", "TEST_MH_HQ"]
    with pytest.raises(DatasetError):
        catalogue.reorder_items(actor=actor, form=quarterly, order=[0])


def test_a_rule_is_checked_and_stored_as_read(quarterly):
    rule = catalogue.add_rule(
        actor=system_actor(),
        form=quarterly,
        name=" Đối thoại ",
        left="test_doi_thoai+1,5",
        operator="<=",
        right="-2.000 + TEST_MH_DK",
        severity="warning",
    )
    assert (rule.left, rule.right) == ("TEST_DOI_THOAI + 1,5", "-2000 + TEST_MH_DK")
    assert (rule.name, rule.message) == ("Đối thoại", "Đối thoại")
    for bad in (
        {"left": "TEST_DOI_THOAI * 2"},
        {"left": "DIEM_NONG"},
        {"operator": "=<"},
        {"severity": "fatal"},
        {"name": ""},
    ):
        values = {
            "name": "Sai",
            "left": "TEST_DOI_THOAI",
            "operator": "<=",
            "right": "10",
            "severity": "blocking",
        }
        values.update(bad)
        with pytest.raises(DatasetError):
            catalogue.add_rule(actor=system_actor(), form=quarterly, **values)
    assert ValidationRule.objects.filter(form=quarterly).count() == 2


def test_a_refused_write_leaves_nothing_behind(quarterly, period, bodies):
    SubmissionFactory.create(form=quarterly, period=period, body=bodies["commune"])
    item = quarterly.items.get(indicator__code="TEST_MH_DK")
    with pytest.raises(DatasetError):
        catalogue.remove_indicator_from_form(actor=system_actor(), item=item)
    quarterly.refresh_from_db()
    assert quarterly.version == 1
    assert quarterly.items.filter(pk=item.pk).exists()
