"""The catalogue's pages: the "Số liệu" hub, indicators, report forms and a
form's small forms; who may open and write them; their query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from danvan.datasets import periods as cutoffs
from danvan.datasets.models import (
    FormIndicator,
    Indicator,
    Period,
    ReportForm,
    ValidationRule,
)
from danvan.datasets.services import catalogue
from danvan.datasets.tests.factories import (
    FormIndicatorFactory,
    FormSectionFactory,
    IndicatorFactory,
    ReportFormFactory,
    ValidationRuleFactory,
)
from danvan.datasets.views.catalogue import current_key, next_key
from danvan.units import services as units
from danvan.units.models import Area, Body

D = dt.date
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def root(db):
    return User.objects.create_superuser(username="root", password="secret-pass-1")


def _page(client, user, url, status=200, **extra):
    client.force_login(user)
    response = client.get(url, **extra)
    assert response.status_code == status
    return response.content.decode()


def _queries(client, url):
    client.get(url)  # content types, the scope and the period are read once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# --- periods ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period_type", "today", "current", "following"),
    [
        ("month", D(2026, 12, 6), ("month", 2026, 12), ("month", 2027, 1)),
        ("quarter", D(2026, 12, 6), ("quarter", 2026, 4), ("quarter", 2027, 1)),
        ("quarter", D(2026, 4, 1), ("quarter", 2026, 2), ("quarter", 2026, 3)),
        ("6m", D(2026, 3, 1), ("6m", 2026, None), ("6m", 2027, None)),
        ("year", D(2026, 3, 1), ("year", 2026, None), ("year", 2027, None)),
    ],
)
def test_the_current_and_next_period(period_type, today, current, following):
    assert current_key(period_type, today) == current
    assert next_key(current) == following
    assert current_key("custom", today) is None


# --- the hub ----------------------------------------------------------------------------


def test_the_hub_lists_the_forms_one_reports_with_entry_links(
    client, users, quarterly, bodies
):
    html = _page(client, users["commune"], reverse("datasets:index"))
    assert quarterly.name in html
    key = current_key("quarter", timezone.localdate())
    assert key is not None
    period = Period.objects.of(*key)
    entry = reverse(
        "datasets:entry", args=[quarterly.pk, period.pk, bodies["commune"].pk]
    )
    assert f'href="{entry}"' in html
    # The sibling commune's body is not the reader's.
    assert bodies["sibling"].name not in html
    assert reverse("datasets:form_create") in html  # an editor issues forms


def test_the_hub_lists_the_forms_one_issues_with_their_completeness(
    client, users, quarterly, bodies
):
    html = _page(client, users["province"], reverse("datasets:index"))
    completeness = reverse("datasets:completeness", args=[quarterly.pk])
    assert completeness in html
    # The viewer of the commune reports nothing and issues nothing.
    html = _page(client, users["viewer"], reverse("datasets:index"))
    assert quarterly.name not in html
    assert reverse("datasets:form_create") not in html


def test_the_hub_matches_the_reporters_name_without_accents(
    client, users, bodies, tree
):
    boards = ReportFormFactory.create(
        name="Báo cáo của các ban dân vận",
        owner_body=bodies["province"],
        area=tree["province"],
        reporter_level="province",
        reporter_kinds=["party_board"],
        reporter_name="dan van",
    )
    html = _page(client, users["province"], reverse("datasets:index"))
    assert boards.name in html
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai" in html
    boards.reporter_name = "kiểm tra"
    boards.save()
    html = _page(client, users["province"], reverse("datasets:index"))
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai" not in html


def test_the_menu_links_the_hub(client, users):
    html = _page(client, users["viewer"], reverse("home"))
    assert f'href="{reverse("datasets:index")}"' in html


# --- indicators -------------------------------------------------------------------------


def test_the_indicator_list_searches_filters_and_pages(client, users):
    url = reverse("datasets:indicator_list")
    html = _page(client, users["viewer"], url + "?q=dan van kheo")
    assert "DVK_MH_HIEU_QUA" in html
    assert "DIEM_NONG" not in html
    html = _page(client, users["viewer"], url + "?value_type=percent")
    assert "DVK_TL_XA_CO_MH" in html
    assert "DVK_MH_HIEU_QUA" not in html
    first = _page(client, users["viewer"], url)
    assert "Trang 1 / 2" in first
    second = _page(client, users["viewer"], url + "?page=2")
    assert "TL_CHI_TIEU_DAT" in second  # the last codes are on page 2
    rows = _page(client, users["viewer"], url + "?q=diem nong", **HX)
    assert "<html" not in rows
    assert "DIEM_NONG_GIAI_QUYET" in rows
    assert reverse("datasets:indicator_create") not in first  # not an administrator


def test_an_indicators_page_shows_its_breakdown_and_forms(client, users, quarterly):
    indicator = Indicator.objects.get(code="DT_NGUOI_DU")
    FormIndicatorFactory.create(form=quarterly, indicator=indicator)
    html = _page(client, users["viewer"], indicator.get_absolute_url())
    assert "Giới tính: Nam, Nữ" in html
    assert quarterly.get_absolute_url() in html
    assert reverse("datasets:indicator_edit", args=[indicator.pk]) not in html


def test_administrators_create_and_edit_indicators(client, users, root, tree):
    url = reverse("datasets:indicator_create")
    data = {
        "code": "test_moi",
        "name": "Số hộ mới",
        "value_type": "integer",
        "aggregation": "sum",
        "unit": "hộ",
        "active": "on",
    }
    client.force_login(users["province"])
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert not Indicator.objects.filter(code="TEST_MOI").exists()
    admin = make_user(
        "administrator", area=tree["province"], role=Membership.Role.ADMINISTRATOR
    )
    client.force_login(admin)
    response = client.post(url, data)
    indicator = Indicator.objects.get(code="TEST_MOI")
    assert response["Location"] == indicator.get_absolute_url()
    # A bad code comes back with its Vietnamese message, nothing saved.
    html = client.post(url, {**data, "code": "MỚI"}).content.decode()
    assert "chữ in hoa" in html
    edit = reverse("datasets:indicator_edit", args=[indicator.pk])
    client.force_login(root)
    assert "TEST_MOI" in client.get(edit).content.decode()
    client.post(edit, {**data, "code": "TEST_MOI", "name": "Số hộ được hỗ trợ mới"})
    indicator.refresh_from_db()
    assert indicator.name == "Số hộ được hỗ trợ mới"


# --- forms ------------------------------------------------------------------------------


def test_the_form_list_searches_and_names_issuers_one_sees(
    client, users, quarterly, bodies
):
    url = reverse("datasets:form_list")
    html = _page(client, users["commune"], url + "?q=bao cao cong tac")
    assert quarterly.name in html
    assert "Tỉnh ủy Lào Cai" not in html  # the province's body is not the commune's
    html = _page(client, users["province"], url)
    assert "Tỉnh ủy Lào Cai" in html
    assert ">3<" in html  # its indicators
    rows = _page(client, users["commune"], url + "?period_type=month", **HX)
    assert "<html" not in rows
    assert quarterly.name not in rows


def test_a_forms_page_shows_its_content_periods_and_reporters(
    client, users, quarterly, bodies
):
    url = quarterly.get_absolute_url()
    html = _page(client, users["province"], url)
    for text in (
        "I. Phong trào thi đua “Dân vận khéo”",
        "TEST_MH_DK",
        "TEST_DOI_THOAI",
        "TEST_MH_HQ ≤ TEST_MH_DK",
        "Mô hình hiệu quả không quá số đăng ký",
        "Đảng ủy xã Trạm Tấu",
        "Đảng ủy xã Hạnh Phúc",
        reverse("datasets:item_add", args=[quarterly.pk]),
        reverse("datasets:pivot")
        + "?period_type=quarter&amp;indicators=TEST_MH_DK&amp;indicators=TEST_MH_HQ",
    ):
        assert text in html
    key = current_key("quarter", timezone.localdate())
    assert key is not None
    for period_key in (key, next_key(key)):
        period = Period.objects.of(*period_key)
        first, last = cutoffs.form_cutoff(quarterly, period)
        due = cutoffs.due_on(quarterly, period)
        for day in (first, last, due):
            assert day.strftime("%d/%m/%Y") in html
    assert "2 đơn vị báo cáo" in html
    # The commune's editor reads the form; only its own body is named, and it
    # may not change the form.
    html = _page(client, users["commune"], url)
    assert "Đảng ủy xã Trạm Tấu" in html
    assert "Đảng ủy xã Hạnh Phúc" not in html
    assert "2 đơn vị báo cáo" in html
    assert reverse("datasets:item_add", args=[quarterly.pk]) not in html
    assert reverse("datasets:form_edit", args=[quarterly.pk]) not in html


def test_the_issuer_is_named_only_to_those_who_see_it(client, tree, quarterly):
    other = make_user(
        "hanoi",
        area=Area.objects.resolve("01", D(2025, 7, 1)),
        role=Membership.Role.APPROVER,
    )
    html = _page(client, other, quarterly.get_absolute_url())
    assert quarterly.name in html
    assert "Tỉnh ủy Lào Cai" not in html
    assert "Đảng ủy xã" not in html


def test_an_editor_issues_a_form_from_the_page(client, users, bodies, tree):
    url = reverse("datasets:form_create")
    data = {
        "code": "test-bc-thang",
        "name": "Báo cáo tháng",
        "period_type": "month",
        "owner_body": bodies["province"].pk,
        "area": tree["province"].pk,
        "reporter_level": "commune",
        "reporter_kinds": ["party_committee", "front"],
        "cutoff_day": "15",
        "deadline_days": "3",
        "approval": "above",
        "active": "on",
    }
    client.force_login(users["province"])
    assert client.get(url).status_code == 200
    html = client.post(url, {**data, "cutoff_day": "30"}).content.decode()
    assert not ReportForm.objects.filter(code="test-bc-thang").exists()
    assert "errorlist" in html
    response = client.post(url, data)
    form = ReportForm.objects.get(code="test-bc-thang")
    assert response["Location"] == form.get_absolute_url()
    assert form.reporter_kinds == ["party_committee", "front"]
    # The commune's editor cannot name the province's body as the issuer.
    client.force_login(users["commune"])
    client.post(url, {**data, "code": "test-bc-xa"})
    assert not ReportForm.objects.filter(code="test-bc-xa").exists()
    # A viewer issues nothing.
    client.force_login(users["viewer"])
    assert client.get(url).status_code == 403


def test_only_the_owner_bodys_editors_change_a_form(client, users, quarterly):
    edit = reverse("datasets:form_edit", args=[quarterly.pk])
    for name in ("commune", "sibling", "viewer"):
        client.force_login(users[name])
        assert client.get(edit).status_code == 403
        for action in ("item_add", "rule_add", "section_add"):
            url = reverse(f"datasets:{action}", args=[quarterly.pk])
            assert client.post(url, {"title": "Khác"}).status_code == 403
    client.force_login(users["province"])
    html = client.get(edit).content.decode()
    assert quarterly.code in html
    data = {
        "code": quarterly.code,
        "name": "Báo cáo quý mới",
        "period_type": "quarter",
        "owner_body": quarterly.owner_body_id,
        "area": quarterly.area_id,
        "reporter_level": "commune",
        "reporter_kinds": ["party_committee"],
        "cutoff_day": "1",
        "deadline_days": "10",
        "approval": "owner",
        "active": "on",
    }
    client.post(edit, data)
    quarterly.refresh_from_db()
    assert (quarterly.name, quarterly.cutoff_day, quarterly.approval) == (
        "Báo cáo quý mới",
        1,
        "owner",
    )


def test_a_forms_small_forms_load_in_place_and_write(client, users, quarterly):
    client.force_login(users["province"])
    url = reverse("datasets:item_add", args=[quarterly.pk])
    partial = client.get(url, **HX).content.decode()
    assert "<html" not in partial
    assert 'action="' + url + '"' in partial
    assert "TEST_MH_DK" not in partial  # already on the form
    assert "DIEM_NONG" in partial
    whole = client.get(url).content.decode()
    assert "<html" in whole
    indicator = Indicator.objects.get(code="DIEM_NONG")
    section = quarterly.sections.get()
    response = client.post(
        url, {"indicator": indicator.pk, "section": section.pk, "required": "on"}
    )
    assert response["Location"] == quarterly.get_absolute_url()
    item = FormIndicator.objects.get(form=quarterly, indicator=indicator)
    assert (item.section, item.required, item.order) == (section, True, 4)
    # A rule that does not read comes back as a Vietnamese message.
    rule_url = reverse("datasets:rule_add", args=[quarterly.pk])
    assert "<html" not in client.get(rule_url, **HX).content.decode()
    response = client.post(
        rule_url,
        {
            "name": "Sai",
            "left": "DIEM_NONG * 2",
            "operator": "<=",
            "right": "1",
            "severity": "blocking",
        },
        follow=True,
    )
    assert "Không đọc được" in response.content.decode()
    client.post(
        rule_url,
        {
            "name": "Điểm nóng giải quyết",
            "left": "DIEM_NONG",
            "operator": ">=",
            "right": "0",
            "severity": "warning",
            "message": "Số điểm nóng không âm.",
        },
    )
    rule = ValidationRule.objects.get(form=quarterly, name="Điểm nóng giải quyết")
    section_url = reverse("datasets:section_add", args=[quarterly.pk])
    client.post(section_url, {"title": "II. Tình hình Nhân dân"})
    added = quarterly.sections.get(title="II. Tình hình Nhân dân")
    # Move the new item up, then remove the rule, the item and the section.
    move = reverse("datasets:item_move", args=[quarterly.pk, item.pk])
    client.post(move, {"step": "up"})
    item.refresh_from_db()
    assert item.order == 3
    required = reverse("datasets:item_required", args=[quarterly.pk, item.pk])
    client.post(required, {"required": "0"})
    item.refresh_from_db()
    assert item.required is False
    client.force_login(users["commune"])
    assert client.post(required, {"required": "1"}).status_code == 403
    item.refresh_from_db()
    assert item.required is False
    client.force_login(users["province"])
    response = client.post(
        reverse("datasets:item_remove", args=[quarterly.pk, item.pk]), follow=True
    )
    assert "quy tắc" in response.content.decode()  # the rule names it
    client.post(reverse("datasets:rule_remove", args=[quarterly.pk, rule.pk]))
    client.post(reverse("datasets:item_remove", args=[quarterly.pk, item.pk]))
    client.post(reverse("datasets:section_remove", args=[quarterly.pk, added.pk]))
    assert not FormIndicator.objects.filter(pk=item.pk).exists()
    assert not quarterly.sections.filter(pk=added.pk).exists()
    # Removing rows of another form is a 404.
    other = ReportFormFactory.create(owner_body=quarterly.owner_body)
    foreign = FormSectionFactory.create(form=other)
    url = reverse("datasets:section_remove", args=[quarterly.pk, foreign.pk])
    assert client.post(url).status_code == 404


def test_the_pages_ask_anonymous_users_to_sign_in(client, quarterly):
    for url in (
        reverse("datasets:index"),
        reverse("datasets:indicator_list"),
        reverse("datasets:form_list"),
        quarterly.get_absolute_url(),
    ):
        assert client.get(url).status_code == 302


# --- query counts -----------------------------------------------------------------------


def _grow(form, bodies, tree, count):
    """``count`` more indicators on ``form`` (a section each), rules, forms of
    the province and commune bodies reporting them."""
    actor = system_actor()
    for i in range(count):
        section = FormSectionFactory.create(form=form, title=f"Phần {i}")
        indicator = IndicatorFactory.create()
        FormIndicatorFactory.create(form=form, indicator=indicator, section=section)
        ValidationRuleFactory.create(
            form=form, left=indicator.code, operator=">=", right="0"
        )
        other = ReportFormFactory.create(owner_body=bodies["province"])
        FormIndicatorFactory.create(form=other, indicator=indicator)
        catalogue.update_form(actor=actor, form=other, name=f"Biểu {i}")
    communes = Area.objects.filter(
        parent=tree["province"], level=Area.Level.COMMUNE, valid_to=None
    ).exclude(pk__in=[tree["commune"].pk, tree["sibling"].pk])[:count]
    for commune in communes:
        units.create_body(
            actor=actor,
            name=f"Đảng ủy {commune.full_name}",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=commune,
        )


@pytest.mark.parametrize("reader", ["province", "commune"])
def test_the_pages_cost_the_same_queries_with_many_rows(
    client, users, quarterly, bodies, tree, reader
):
    client.force_login(users[reader])
    urls = [
        reverse("datasets:index"),
        reverse("datasets:indicator_list"),
        reverse("datasets:indicator_list") + "?q=mo hinh&value_type=integer",
        reverse("datasets:form_list"),
        quarterly.get_absolute_url(),
        Indicator.objects.get(code="TEST_MH_DK").get_absolute_url(),
    ]
    # The form's current and next periods are made on its first view (which
    # forgets the kept figures once).
    client.get(quarterly.get_absolute_url())
    few = [_queries(client, url) for url in urls]
    _grow(quarterly, bodies, tree, 12)
    many = [_queries(client, url) for url in urls]
    assert many == few
    assert max(few) <= 15, few
    # The form's page: session, user, the form, its items, sections and rules,
    # its history; its issuer seen, periods and reporters are kept.
    assert few[4] == 8, few
