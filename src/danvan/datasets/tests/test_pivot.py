"""The pivot page, its XLSX and the sums API: what they show, whom they show it
to, and what they cost."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.datasets.kept import SUMS
from danvan.datasets.tests.test_aggregate import Figures, build_figures

URL = "/figures/sums/"
API = "/api/v1/figures/sums/"


@pytest.fixture
def figures(tree, bodies) -> Figures:
    return build_figures(tree, bodies)


def query(figures: Figures, **extra: str) -> dict[str, str]:
    params = {
        "area": str(figures.tree["province"].pk),
        "start": "01/01/2024",
        "end": "31/12/2026",
        "period_type": "quarter",
        "by": "unit",
    }
    params.update(extra)
    return params


def indicators_of(figures: Figures) -> list[str]:
    return [str(i.pk) for i in (figures.sum, figures.last, figures.yes)]


def table_of(response: Any) -> str:
    html: str = response.content.decode()
    return html.split('<table class="pivot">', 1)[1].split("</table>", 1)[0]


def test_url_name():
    assert reverse("datasets:pivot") == URL
    assert reverse("figure-sums-list") == API


# --- the page ---------------------------------------------------------------------------


def test_page_by_sub_unit_with_totals(client, users, figures):
    client.force_login(users["province"])
    response = client.get(URL, {**query(figures), "indicators": indicators_of(figures)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã Trạm Tấu" in html
    assert "Xã Hạnh Phúc" in html
    assert ">32<" in html  # 5 + 6 of the former xã Pá Lau, 10 + 11 of today's
    assert ">300<" in html
    assert ">332<" in html  # the totals row
    assert 'class="total"' in html
    # Sub-units link to their own pivot.
    assert f"area={figures.tree['commune'].pk}" in html


def test_page_vietnamese_numbers_and_periods(client, users, figures):
    figures.report(figures.bodies["sibling"], 2026, 2, sum=14500)
    client.force_login(users["province"])
    response = client.get(
        URL, {**query(figures, by="period"), "indicators": [str(figures.sum.pk)]}
    )
    html = response.content.decode()
    assert "quý I/2026" in html
    assert "14.500" in html  # grouped the Vietnamese way
    assert "14.832" in html  # 332 + 14500


def test_page_defaults_to_the_users_own_area(client, users, figures):
    client.force_login(users["commune"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã Trạm Tấu" in html
    assert "Xã Hạnh Phúc" not in html
    # A commune's figures by period by default (its villages report nothing).
    assert 'value="period" selected' in html


def test_page_defaults_to_the_indicators_of_forms_in_use(client, users, figures):
    from danvan.datasets.tests.factories import IndicatorFactory

    spare = IndicatorFactory.create(code="T_SPARE", name="Chỉ số không có trong biểu")
    client.force_login(users["province"])
    html = client.get(URL, query(figures)).content.decode()
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert figures.sum.name in head
    assert spare.name not in head
    assert spare.name in html  # offered in the choice of indicators
    assert figures.text.name not in html  # text has no sum


def test_page_never_shows_a_siblings_figures(client, users, figures):
    client.force_login(users["commune"])
    response = client.get(URL, {**query(figures), "indicators": [str(figures.sum.pk)]})
    html = response.content.decode()
    assert response.status_code == 200
    assert ">300<" not in html
    assert ">332<" not in html
    assert ">32<" in html


def test_page_sums_a_body(client, users, figures):
    body = figures.bodies["commune"]
    client.force_login(users["province"])
    params = {
        "body": str(body.pk),
        "start": "01/01/2024",
        "end": "31/12/2026",
        "by": "indicator",
        "indicators": [str(figures.sum.pk)],
    }
    html = client.get(URL, params).content.decode()
    assert ">21<" in html  # 10 + 11: the body's own, not the former xã Pá Lau's
    assert 'id="pivot-body"' in html
    assert body.name in html
    # Another unit's body is not offered: the user's own area instead.
    client.force_login(users["sibling"])
    html = client.get(URL, params).content.decode()
    assert ">21<" not in html
    assert body.name not in html


def test_page_refuses_bad_dates_with_a_message(client, users, figures):
    client.force_login(users["province"])
    response = client.get(URL, query(figures, start="31/12/2026", end="01/01/2024"))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_xlsx_is_the_same_table(client, users, figures):
    client.force_login(users["province"])
    response = client.get(
        URL,
        {
            **query(figures),
            "indicators": indicators_of(figures),
            "format": "xlsx",
        },
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Đơn vị"
    by_name = {row[0]: row for row in rows[1:]}
    column = {
        code: rows[0].index(f"{i.name} ({i.unit})")
        for code, i in (("sum", figures.sum), ("yes", figures.yes))
    }
    assert by_name["Xã Trạm Tấu"][column["sum"]] == 32
    assert by_name["Xã Hạnh Phúc"][column["sum"]] == 300
    assert by_name["Tổng số"][column["sum"]] == 332
    assert by_name["Tổng số"][column["yes"]] == 4  # the number of "có"


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("communes", [2, 12])
def test_page_queries_are_pinned(
    client, users, figures, django_assert_num_queries, communes
):
    """The same queries with a few sub-units' values as with many."""
    from danvan.common.actors import system_actor
    from danvan.units import services as units
    from danvan.units.models import Area, Body

    province = figures.tree["province"]
    others = Area.objects.filter(parent=province, level="commune").exclude(
        pk__in=[figures.tree["commune"].pk, figures.tree["sibling"].pk]
    )[: communes - 2]
    for area in others:
        body = units.create_body(
            actor=system_actor(),
            name=f"Đảng ủy {area.full_name}",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=area,
        )
        figures.report(body, 2026, 1, sum=1, avg=1, min=1, max=1, last=1, yes=1)
    client.force_login(users["province"])
    params = {**query(figures, by="unit_period")}
    client.get(URL, params)  # the scope is cached
    SUMS.forget()
    # Session, user, memberships (the default area), the area, the
    # catalogue, two generations of lineage, the sub-units, their
    # predecessors, the values, the picker's chosen area.
    with django_assert_num_queries(11):
        response = client.get(URL, params)
    assert response.status_code == 200
    # Kept: session, user, memberships.
    with django_assert_num_queries(3):
        kept = client.get(URL, params)
    assert table_of(kept) == table_of(response)
    # A line per sub-unit and quarter with values (xã Trạm Tấu has four, xã
    # Hạnh Phúc two, the others one), the head and the totals.
    assert response.content.decode().count("<tr") == (communes - 2) + 6 + 2


# --- the API ----------------------------------------------------------------------------


def api_query(figures: Figures, **extra: str) -> dict[str, str]:
    params = {
        "indicators": f"{figures.sum.code},{figures.last.pk}",
        "area": str(figures.tree["province"].pk),
        "start": "2024-01-01",
        "end": "2026-12-31",
        "period_type": "quarter",
        "by": "unit",
    }
    params.update(extra)
    return params


def test_api_sums_by_unit(client, users, figures):
    client.force_login(users["province"])
    response = client.get(API, api_query(figures))
    assert response.status_code == 200
    data = response.json()
    assert {i["code"] for i in data["indicators"]} == {"T_SUM", "T_LAST"}
    commune = figures.tree["commune"].pk
    cells = {
        (r["indicator"], r["unit"]): r["value"]
        for r in data["rows"]
        if r["unit"] is not None
    }
    assert cells[(figures.sum.pk, commune)] == "32"
    totals = {t["indicator"]: t["value"] for t in data["totals"]}
    assert totals[figures.sum.pk] == "332"
    assert totals[figures.last.pk] == "64"
    assert any(u["id"] == commune for u in data["units"])


def test_api_by_period(client, users, figures):
    client.force_login(users["province"])
    response = client.get(API, api_query(figures, by="period"))
    data = response.json()
    assert [p["label"] for p in data["periods"]][-1] == "quý I/2026"
    assert all(r["unit"] is None for r in data["rows"])


def test_api_refuses_bad_input(client, users, figures):
    client.force_login(users["province"])
    for bad in (
        {"period_type": "fortnight"},
        {"start": "2026-13-01"},
        {"start": "2026-12-31", "end": "2026-01-01"},
        {"indicators": "NO_SUCH_CODE"},
        {"by": "sideways"},
    ):
        response = client.get(API, api_query(figures, **bad))
        assert response.status_code == 400, bad


def test_api_area_out_of_scope_is_404(client, users, figures):
    client.force_login(users["commune"])
    response = client.get(API, api_query(figures, area=str(figures.tree["sibling"].pk)))
    assert response.status_code == 404
    # The province is not theirs either; without an area, their own commune.
    above = client.get(API, api_query(figures, area=str(figures.tree["province"].pk)))
    assert above.status_code == 404
    own = client.get(API, api_query(figures, area=""))
    totals = {t["indicator"]: t["value"] for t in own.json()["totals"]}
    assert totals[figures.sum.pk] == "32"  # never the sibling's


def test_api_anonymous_refused(client, figures):
    response = client.get(API, api_query(figures))
    assert response.status_code in (401, 403)


def test_api_queries_are_pinned(client, users, figures, django_assert_num_queries):
    client.force_login(users["province"])
    client.get(API, api_query(figures))
    SUMS.forget()
    # Session, user, memberships (the default area), the codes, the
    # indicators, the area, two generations of lineage, the sub-units, their
    # predecessors, the values.
    with django_assert_num_queries(11):
        response = client.get(API, api_query(figures))
    assert response.status_code == 200
    with django_assert_num_queries(3):  # kept: session, user, memberships
        kept = client.get(API, api_query(figures))
    assert kept.json() == response.json()


def test_a_new_value_shows_at_once(client, users, figures):
    client.force_login(users["province"])
    params = {**query(figures), "indicators": [str(figures.sum.pk)]}
    assert ">332<" in client.get(URL, params).content.decode()
    assert client.get(API, api_query(figures)).json()["totals"]
    figures.report(figures.bodies["sibling"], 2026, 2, sum=1000)
    assert ">1.332<" in client.get(URL, params).content.decode()
    totals = client.get(API, api_query(figures)).json()["totals"]
    assert {t["indicator"]: t["value"] for t in totals}[figures.sum.pk] == "1332"
