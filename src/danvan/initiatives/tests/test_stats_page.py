"""The statistics page: figures, charts without scripts, XLSX, and its scope."""

import datetime as dt
import re
from io import BytesIO
from urllib.parse import quote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.models import Membership
from danvan.common.actors import system_actor
from danvan.initiatives.tests import test_stats
from danvan.units import services as units
from danvan.units.models import Body

pytestmark = pytest.mark.django_db

URL = reverse("initiatives:stats")
register_book = test_stats.register_book  # the register drawn in test_stats


def login(client, user):
    client.force_login(user)
    return client


def test_commune_user_sees_their_commune_by_default(client, users, register_book):
    response = login(client, users["commune"]).get(URL, {"year": 2026})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.area_name == "Xã Trạm Tấu"
    assert stats.registered == 4  # m1, m2, m3 (its village), m8 (its school)
    body = response.content.decode()
    assert "<svg" in body
    assert 'role="img"' in body
    assert "<desc" in body
    assert "http://" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "<script" not in body.split("<main>", 1)[1]


def test_a_sibling_commune_is_out_of_reach(client, tree, users, register_book):
    client = login(client, users["commune"])
    assert client.get(URL, {"area": tree["sibling"].pk}).status_code == 404
    assert client.get(URL, {"area": tree["province"].pk}).status_code == 404
    assert (
        client.get(URL, {"area": tree["sibling"].pk, "format": "xlsx"}).status_code
        == 404
    )
    # Its own former commune (xã Pá Lau) is in its scope.
    assert client.get(URL, {"area": tree["pa_lau"].pk}).status_code == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_user_without_unit_gets_404(client, django_user_model, db):
    user = django_user_model.objects.create_user(username="nobody", password="x")
    assert login(client, user).get(URL).status_code == 404


def test_province_page_rolls_up_communes_and_offers_its_units(
    client, tree, users, register_book
):
    client = login(client, users["province"])
    response = client.get(URL, {"area": tree["province"].pk, "year": 2026, "n": 2})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.registered == 5
    threshold = stats.units_with_at_least_n_effective
    assert (threshold.numerator, threshold.denominator) == (1, 99)
    body = response.content.decode()
    assert "1/99" in body
    assert "Xã Trạm Tấu" in body
    # The area picker holds the chosen area; its search offers the others.
    assert f'<option value="{tree["province"].pk}" selected>Tỉnh Lào Cai' in body
    search = re.search(r'hx-get="([^"]+)"[^>]*hx-target="previous select"', body)
    assert search is not None
    # The search's own limits are in its address: the test client would
    # replace them with a ``data`` argument.
    url = search.group(1).replace("&amp;", "&") + "&area_q="
    found = client.get(url + quote("hanh phuc"), headers={"HX-Request": "true"})
    assert "Xã Hạnh Phúc" in found.content.decode()  # a commune of the province
    # All years: the former province's and district's models come along.
    response = client.get(URL, {"area": tree["province"].pk, "year": ""})
    assert response.context["stats"].registered == 8


def test_period_and_n_are_read_and_checked(client, tree, users, register_book):
    client = login(client, users["province"])
    response = client.get(
        URL,
        {
            "area": tree["province"].pk,
            "year": "",
            "from": "2024-01-01",
            "to": "2024-01-31",
            "n": "1",
        },
    )
    stats = response.context["stats"]
    assert stats.period == (dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert stats.registered == 3
    assert stats.units_with_at_least_n_effective.n == 1

    response = client.get(
        URL, {"area": tree["province"].pk, "from": "2024-02-01", "n": "0"}
    )
    assert response.status_code == 200
    assert response.context["stats"].period is None
    assert response.context["stats"].units_with_at_least_n_effective.n == 10
    assert len(response.context["choice"].errors) == 2


def test_the_area_search_keeps_the_period_shown(client, tree, users, register_book):
    client = login(client, users["province"])
    params = {"area": tree["province"].pk, "year": "", "from": "2024-01-01"}
    response = client.get(URL, {**params, "to": "2024-01-31"})
    search = reverse("initiatives:stats_areas")
    assert f"{search}?year=&amp;from=2024-01-01&amp;to=2024-01-31" in (
        response.content.decode()
    )


def test_xlsx_holds_the_same_figures(client, tree, users, register_book):
    client = login(client, users["province"])
    response = client.get(
        URL, {"area": tree["province"].pk, "year": 2026, "n": 2, "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "thong-ke-mo-hinh-15-2026.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Nhóm", "Chỉ tiêu", "Số", "Trên tổng số", "Tỷ lệ (%)", "Ghi chú"]
    figures = {(r[0], r[1]): r[2:5] for r in rows[1:]}
    assert figures[("Phạm vi", "Đơn vị")][0] == "Tỉnh Lào Cai"
    assert figures[("Đăng ký", "Mô hình đăng ký")][0] == 5
    assert figures[("Theo lĩnh vực", "Kinh tế")] == [3, 5, 60.0]
    assert figures[("Phủ rộng", "Xã có ít nhất một mô hình")] == [2, 99, 2.0]
    assert figures[("Phủ rộng", "Xã có ít nhất 2 mô hình hiệu quả")][:2] == [1, 99]
    assert figures[("Nguồn lực", "Tiền huy động (đồng)")][0] == 100_000_000
    assert figures[("Khen thưởng", "Mô hình được khen thưởng")][0] == 1
    assert figures[("Nhân rộng", "Mô hình nhân rộng từ mô hình khác")][0] == 1
    units = [r for r in rows if r[0] == "Mô hình hiệu quả theo xã"]
    assert len(units) == 99
    assert units[0][1:4] == ["Xã Trạm Tấu", 2, 4]


def test_body_user_sees_their_body(client, tree, register_book):
    from conftest import make_user

    school = register_book["school"]
    user = make_user("teacher", body=school, role=Membership.Role.VIEWER)
    response = login(client, user).get(URL, {"year": 2026})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.body_name == school.name
    assert stats.registered == 1
    other = units.create_body(
        actor=system_actor(),
        name="Trạm Y tế xã",
        kind=Body.Kind.PUBLIC_SERVICE,
        area=tree["sibling"],
    )
    assert client.get(URL, {"body": other.pk}).status_code == 404


def test_superuser_may_see_the_whole_country(client, tree, register_book, admin_user):
    response = login(client, admin_user).get(URL, {"year": ""})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.area_id is None
    assert stats.registered == 8
    assert stats.units_with_at_least_n_effective.denominator == 34


def test_page_queries_do_not_grow_with_units(
    client, tree, users, register_book, django_assert_max_num_queries
):
    client = login(client, users["province"])
    with django_assert_max_num_queries(30):
        client.get(URL, {"area": tree["province"].pk, "year": 2026})
