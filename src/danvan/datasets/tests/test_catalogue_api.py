"""The catalogue's API (indicators, forms) and the seeded indicators."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.datasets.models import Breakdown, Indicator, ValueType
from danvan.datasets.services.catalogue import CODE
from danvan.datasets.tests.factories import (
    FormIndicatorFactory,
    FormSectionFactory,
    IndicatorFactory,
    ReportFormFactory,
    ValidationRuleFactory,
)


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


# --- the seeded catalogue -------------------------------------------------------------


def test_the_seeded_catalogue_holds_the_figures_reports_quote(db):
    every = Indicator.objects.exclude(code__startswith="TEST_")
    # The typed catalogue (the provided indicators follow the apps' registers).
    seeded = every.filter(provider="")
    assert 30 <= seeded.count() <= 60
    for indicator in every:
        assert CODE.fullmatch(indicator.code), indicator.code
        assert indicator.name
        assert indicator.search_name
    for code in (
        "DVK_MH_DANG_KY",
        "DVK_MH_HIEU_QUA",
        "DT_SO_CUOC",
        "DT_Y_KIEN",
        "DON_NHAN",
        "DON_GIAI_QUYET",
        "DIEM_NONG",
        "HOI_NGHI_GIAO_BAN",
        "TUYEN_TRUYEN_LUOT",
        "TIEN_HUY_DONG",
        "NGAY_CONG",
        "HO_DUOC_HO_TRO",
        "DVK_THON_CO_MH",
        "TL_CHI_TIEU_DAT",
    ):
        assert seeded.filter(code=code).exists(), code
    money = Indicator.objects.get(code="TIEN_HUY_DONG")
    assert (money.unit, money.value_type) == ("đồng", ValueType.NUMBER)
    assert Indicator.objects.get(code="TL_CHI_TIEU_DAT").aggregation == "average"
    gender = Breakdown.objects.get(code="gioi-tinh")
    assert list(gender.options.values_list("code", "name")) == [
        ("nam", "Nam"),
        ("nu", "Nữ"),
    ]
    minority = Breakdown.objects.get(code="dan-toc")
    assert list(minority.options.values_list("code", flat=True)) == ["dtts", "khac"]
    assert gender.indicators.exists()
    assert minority.indicators.exists()
    # Found by a search without accents.
    found = seeded.search("diem nong").values_list("code", flat=True)
    assert set(found) == {"DIEM_NONG", "DIEM_NONG_GIAI_QUYET"}
    provided = every.exclude(provider="").search("diem nong")
    assert "DN_PHAT_SINH" in set(provided.values_list("code", flat=True))


# --- the API --------------------------------------------------------------------------


def test_indicators_are_read_with_their_breakdown(client, users):
    data = _get(client, users["viewer"], "/api/v1/indicators/?q=dt_nguoi_du")
    assert [row["code"] for row in data["results"]] == ["DT_NGUOI_DU"]
    row = data["results"][0]
    assert row["breakdown"] == {
        "code": "gioi-tinh",
        "name": "Giới tính",
        "options": [{"code": "nam", "name": "Nam"}, {"code": "nu", "name": "Nữ"}],
    }
    assert row["value_type"] == "integer"
    percent = _get(client, users["viewer"], "/api/v1/indicators/?value_type=percent")
    assert percent["results"]
    assert {r["value_type"] for r in percent["results"]} == {"percent"}
    IndicatorFactory.create(code="TEST_CU", active=False)
    retired = _get(client, users["viewer"], "/api/v1/indicators/?active=false")
    assert [r["code"] for r in retired["results"]] == ["TEST_CU"]
    one = Indicator.objects.get(code="DIEM_NONG")
    detail = _get(client, users["viewer"], f"/api/v1/indicators/{one.pk}/")
    assert (detail["code"], detail["breakdown"]) == ("DIEM_NONG", None)


def test_a_form_is_read_with_its_sections_indicators_and_rules(
    client, users, quarterly
):
    data = _get(client, users["sibling"], f"/api/v1/forms/{quarterly.pk}/")
    assert data["code"] == "test-bc-quy"
    assert data["period_type"] == "quarter"
    assert data["reporter_kinds"] == ["party_committee"]
    assert (data["cutoff_day"], data["deadline_days"], data["version"]) == (15, 5, 1)
    assert [s["title"] for s in data["sections"]] == [
        "I. Phong trào thi đua “Dân vận khéo”"
    ]
    assert [i["code"] for i in data["indicators"]] == [
        "TEST_MH_DK",
        "TEST_MH_HQ",
        "TEST_DOI_THOAI",
    ]
    assert data["indicators"][0]["section"] == data["sections"][0]["id"]
    assert data["rules"] == [
        {
            "id": quarterly.rules.get().pk,
            "name": "Mô hình hiệu quả không quá số đăng ký",
            "left": "TEST_MH_HQ",
            "operator": "<=",
            "right": "TEST_MH_DK",
            "severity": "blocking",
            "message": "Số mô hình hiệu quả không được lớn hơn số mô hình đăng ký.",
        }
    ]
    # The issuer's name is not in the answer: a form is read by everyone.
    assert "owner_body_name" not in data
    assert not re.search("Tỉnh ủy", str(data))
    listed = _get(client, users["sibling"], "/api/v1/forms/?q=bao cao cong tac")
    assert [row["id"] for row in listed["results"]] == [quarterly.pk]
    assert listed["results"][0] == data
    months = _get(client, users["sibling"], "/api/v1/forms/?period_type=month")
    assert months["results"] == []


def test_the_form_list_costs_the_same_queries_with_many_forms(
    client, users, quarterly, bodies
):
    client.force_login(users["commune"])
    url = "/api/v1/forms/"

    def count():
        client.get(url, HTTP_ACCEPT="application/json")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        return len(captured), len(response.json()["results"])

    few, shown = count()
    for i in range(10):
        form = ReportFormFactory.create(owner_body=bodies["province"])
        section = FormSectionFactory.create(form=form)
        item = FormIndicatorFactory.create(form=form, section=section)
        ValidationRuleFactory.create(
            form=form, left=item.indicator.code, right="1", message=f"Quy tắc {i}"
        )
    many, more = count()
    assert (shown, more) == (1, 11)
    assert many == few


@pytest.mark.parametrize("url", ["/api/v1/indicators/", "/api/v1/forms/"])
def test_the_api_asks_to_sign_in(client, db, url):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code in (401, 403)
