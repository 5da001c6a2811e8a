"""The report types' pages and API: the list, a type's page with its outline,
creating and changing a type and its sections; who may open and write them;
bad input answered in Vietnamese with nothing saved; pinned query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.common.actors import system_actor
from danvan.datasets.completeness import named_period
from danvan.datasets.views.catalogue import current_key
from danvan.reports import schedule
from danvan.reports.models import OutlineSection, ReportType
from danvan.reports.outline import DEFAULT_OUTLINE
from danvan.reports.services import types as services
from danvan.reports.tests.test_types import (
    _make,
    bodies,  # noqa: F401
)

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture
def report_type(bodies, tree):  # noqa: F811
    return _make(system_actor(), bodies, tree)


@pytest.fixture
def own_type(bodies, tree):  # noqa: F811
    """A type of the commune's Party committee, written by its villages."""
    return _make(
        system_actor(),
        bodies,
        tree,
        code="bc-thon",
        name="Báo cáo của các chi bộ thôn",
        owner_body=bodies["commune"],
        area=tree["commune"],
        reporter_level="village",
    )


def _page(client, user, url, status=200, **extra):
    client.force_login(user)
    response = client.get(url, **extra)
    assert response.status_code == status
    return response.content.decode()


def _type_data(bodies, tree, **changes):  # noqa: F811
    data = {
        "code": "bc-moi",
        "name": "Báo cáo mới",
        "subject": "Kết quả công tác dân vận {period}",
        "period_type": "quarter",
        "owner_body": bodies["commune"].pk,
        "area": tree["commune"].pk,
        "reporter_level": "village",
        "reporter_kinds": ["party_committee"],
        "cutoff_day": 15,
        "deadline_days": 5,
        "layout": "",
        "signer_capacity": "T/M ĐẢNG ỦY",
        "recipients": "Ban Dân vận Tỉnh ủy\nLưu VP",
        "active": "on",
    }
    data.update(changes)
    return data


# --- the list -----------------------------------------------------------------------


def test_every_officer_reads_the_list_and_issuers_only_they_see(
    client, users, report_type, own_type, django_assert_max_num_queries
):
    url = reverse("reports:type_list")
    html = _page(client, users["sibling"], url)
    assert report_type.name in html
    assert own_type.name in html
    # Issuers are named to those who see them: not the sibling commune.
    assert "Tỉnh ủy Lào Cai" not in html
    assert "Đảng ủy xã Trạm Tấu" not in html
    assert "2 loại báo cáo" in html
    html = _page(client, users["province"], url)
    assert "Tỉnh ủy Lào Cai" in html
    assert "Đảng ủy xã Trạm Tấu" in html
    assert str(len(DEFAULT_OUTLINE)) in html
    assert reverse("reports:type_create") in html  # an editor issues types
    html = _page(client, users["viewer"], url + "?q=thon")
    assert own_type.name in html
    assert report_type.name not in html
    assert reverse("reports:type_create") not in html
    fragment = _page(client, users["viewer"], url + "?period_type=month", **HX)
    assert "<html" not in fragment
    assert "Không có loại báo cáo nào phù hợp." in fragment
    for n in range(5):
        _make(
            system_actor(),
            {"province": report_type.owner_body},
            {"province": report_type.area},
            code=f"bc-them-{n}",
        )
    client.force_login(users["province"])
    client.get(url)
    with django_assert_max_num_queries(8):
        html = client.get(url).content.decode()
    assert "7 loại báo cáo" in html


def test_anonymous_users_are_sent_to_log_in(client, report_type):
    response = client.get(reverse("reports:type_detail", args=[report_type.pk]))
    assert response.status_code == 302


# --- a type's page ------------------------------------------------------------------


def test_a_types_page_shows_its_outline_periods_and_writers(
    client,
    users,
    report_type,
    bodies,  # noqa: F811
    django_assert_max_num_queries,
):
    url = reverse("reports:type_detail", args=[report_type.pk])
    html = _page(client, users["commune"], url)
    assert "Phong trào thi đua “Dân vận khéo”" in html
    assert "Đề cương" in html
    key = current_key("quarter", timezone.localdate())
    assert key is not None
    period = named_period(*key)
    start, _end = schedule.span(report_type, period)
    assert start.strftime("%d/%m/%Y") in html
    assert schedule.due_on(report_type, period).strftime("%d/%m/%Y") in html
    # Two communes write it; the commune's reader is shown its own alone.
    assert "2 đơn vị viết báo cáo" in html
    assert "Đảng ủy xã Trạm Tấu" in html
    assert "Đảng ủy xã Hạnh Phúc" not in html
    # Read, not changed, by the commune.
    assert reverse("reports:type_edit", args=[report_type.pk]) not in html
    assert reverse("reports:outline_add", args=[report_type.pk]) not in html
    html = _page(client, users["province"], url)
    assert reverse("reports:type_edit", args=[report_type.pk]) in html
    assert reverse("reports:outline_add", args=[report_type.pk]) in html
    assert "Đảng ủy xã Hạnh Phúc" in html
    # Pinned: the kept figures (writers, periods) are read once.
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_another_provinces_officer_reads_the_type_without_its_issuer(
    client, report_type, tree
):
    from conftest import make_user
    from danvan.units.models import Area

    other = make_user(
        "ha-noi", area=Area.objects.resolve("01", tree["province"].valid_from)
    )
    url = reverse("reports:type_detail", args=[report_type.pk])
    html = _page(client, other, url)
    assert report_type.name in html
    assert report_type.owner_body.get_absolute_url() not in html
    assert "Đảng ủy xã Trạm Tấu" not in html
    _page(client, other, reverse("reports:type_edit", args=[report_type.pk]), 403)


# --- creating and changing ----------------------------------------------------------


def test_an_editor_creates_a_type_of_its_own_body(client, users, bodies, tree):  # noqa: F811
    client.force_login(users["commune"])
    response = client.post(reverse("reports:type_create"), _type_data(bodies, tree))
    created = ReportType.objects.get(code="bc-moi")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert created.recipients == "Ban Dân vận Tỉnh ủy\nLưu VP"
    assert created.outline.count() == len(DEFAULT_OUTLINE)
    # Not for a body one does not edit: the choice is refused.
    response = client.post(
        reverse("reports:type_create"),
        _type_data(bodies, tree, code="bc-khac", owner_body=bodies["sibling"].pk),
    )
    assert response.status_code == 200
    assert not ReportType.objects.filter(code="bc-khac").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "bc-dv-quy-xa"}, "Đã có loại báo cáo mã “bc-dv-quy-xa”."),
        ({"code": "Sai mã"}, "Mã"),
        ({"name": "  "}, "name"),
        ({"cutoff_day": 30}, "28"),
        ({"subject": "Kết quả {nam}"}, "{period}"),
    ],
)
def test_bad_input_comes_back_with_a_vietnamese_message(
    client,
    users,
    bodies,  # noqa: F811
    tree,
    report_type,
    changes,
    message,
):
    client.force_login(users["commune"])
    before = (ReportType.objects.count(), OutlineSection.objects.count())
    response = client.post(
        reverse("reports:type_create"), _type_data(bodies, tree, **changes)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html or "errorlist" in html
    if message != "name":
        assert message in html
    assert (ReportType.objects.count(), OutlineSection.objects.count()) == before


def test_an_editor_of_the_owner_changes_the_type(client, users, bodies, tree, own_type):  # noqa: F811
    url = reverse("reports:type_edit", args=[own_type.pk])
    html = _page(client, users["commune"], url)
    assert 'value="bc-thon"' in html
    response = client.post(
        url,
        _type_data(bodies, tree, code="bc-thon", name="Báo cáo chi bộ", cutoff_day=1),
    )
    assert response.status_code == 302
    own_type.refresh_from_db()
    assert (own_type.name, own_type.cutoff_day) == ("Báo cáo chi bộ", 1)
    _page(client, users["sibling"], url, 403)
    _page(client, users["viewer"], url, 403)
    client.force_login(users["sibling"])
    assert client.post(url, _type_data(bodies, tree, name="X")).status_code == 403
    own_type.refresh_from_db()
    assert own_type.name == "Báo cáo chi bộ"


# --- the outline --------------------------------------------------------------------


def test_an_editor_adds_edits_moves_and_removes_sections(client, users, own_type):
    client.force_login(users["commune"])
    add = reverse("reports:outline_add", args=[own_type.pk])
    fragment = client.get(add, **HX).content.decode()
    assert "<html" not in fragment
    assert 'name="title"' in fragment
    response = client.post(
        add,
        {
            "title": "Công tác tôn giáo",
            "level": "2",
            "fills": ["figures"],
            "indicators": "dvk_mh_dang_ky, DT_SO_CUOC",
        },
    )
    assert response.status_code == 302
    section = own_type.outline.get(key="cong-tac-ton-giao")
    assert section.indicators == ["DVK_MH_DANG_KY", "DT_SO_CUOC"]
    # A duplicate key: the form comes back with what was typed and why.
    response = client.post(add, {"title": "Lặp", "key": "situation", "level": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đề cương đã có mục mã “situation”." in html
    assert 'value="Lặp"' in html
    assert not own_type.outline.filter(title="Lặp").exists()
    response = client.post(
        add, {"title": "Sai", "indicators": "KHONG_CO", "level": "1"}
    )
    assert "Không có chỉ tiêu nào mã KHONG_CO." in response.content.decode()
    edit = reverse("reports:outline_edit", args=[own_type.pk, section.pk])
    page = _page(client, users["commune"], edit)
    assert 'value="Công tác tôn giáo"' in page
    assert "Sửa mục “Công tác tôn giáo”" in page
    client.post(edit, {"title": "Công tác dân tộc", "key": "dan-toc", "level": "2"})
    section.refresh_from_db()
    assert (section.title, section.key) == ("Công tác dân tộc", "dan-toc")
    client.post(edit, {"title": "", "key": "dan-toc", "level": "2"})
    section.refresh_from_db()
    assert section.title == "Công tác dân tộc"
    move = reverse("reports:outline_move", args=[own_type.pk, section.pk])
    client.post(move, {"step": "up"})
    keys = list(own_type.outline.order_by("order").values_list("key", flat=True))
    assert keys[-2:] == ["dan-toc", "proposals"]
    remove = reverse("reports:outline_remove", args=[own_type.pk, section.pk])
    assert client.post(remove).status_code == 302
    assert not own_type.outline.filter(pk=section.pk).exists()
    # Another unit's editor changes nothing.
    client.force_login(users["sibling"])
    first = own_type.outline.order_by("order").first()
    assert first is not None
    for name in ("outline_remove", "outline_move"):
        url = reverse(f"reports:{name}", args=[own_type.pk, first.pk])
        assert client.post(url, {"step": "down"}).status_code == 403
    assert own_type.outline.order_by("order").first() == first


def test_a_section_of_another_type_is_not_found(client, users, own_type, report_type):
    client.force_login(users["province"])
    section = report_type.outline.first()
    assert section is not None
    url = reverse("reports:outline_edit", args=[own_type.pk, section.pk])
    assert client.get(url).status_code == 404


# --- the API ------------------------------------------------------------------------


def test_the_api_lists_types_with_their_outlines(
    client, users, report_type, own_type, django_assert_max_num_queries
):
    client.force_login(users["sibling"])
    url = reverse("report-type-list")
    with django_assert_max_num_queries(8):
        data = client.get(url, HTTP_ACCEPT="application/json").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [row["code"] for row in rows] == ["bc-dv-quy-xa", "bc-thon"]
    first = rows[0]
    assert first["owner_body"] == report_type.owner_body_id
    assert [s["key"] for s in first["outline"]] == [p.key for p in DEFAULT_OUTLINE]
    detail = client.get(
        reverse("report-type-detail", args=[own_type.pk]),
        HTTP_ACCEPT="application/json",
    ).json()
    assert detail["reporter_level"] == "village"
    assert detail == rows[1]
    found = client.get(url + "?q=thon", HTTP_ACCEPT="application/json").json()
    found_rows = found["results"] if isinstance(found, dict) else found
    assert [row["code"] for row in found_rows] == ["bc-thon"]
    # Read only.
    assert client.post(url, {"code": "x"}).status_code in (403, 405)
    client.logout()
    assert client.get(url, HTTP_ACCEPT="application/json").status_code in (401, 403)


def test_may_edit_type_is_what_the_page_offers(users, own_type):
    assert services.may_edit_type(users["commune"], own_type)
    assert not services.may_edit_type(users["viewer"], own_type)
