"""The list page: filters, accent-free search, sorting, pages, the htmx partial,
and a number of queries that does not grow with the rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.initiatives import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def models(tree, registered, make_initiative, rubric, bodies):
    road = registered(tree["commune"], "Con đường bê tông nghĩa tình", year=2024)
    services.evaluate_initiative(
        actor=system_actor(),
        initiative=road,
        rubric=rubric,
        scores={c.pk: Decimal(8) for c in rubric.criteria.all()},
    )
    return {
        "road": road,
        "mediation": registered(
            tree["village"], "Tổ hòa giải giỏi", field="quoc-phong-an-ninh"
        ),
        "draft": make_initiative(tree["commune"], "Bản nháp văn hóa"),
        "old": registered(tree["pa_lau"], "Mô hình của xã Pá Lau", year=2024),
        "school": registered(tree["commune"], "Trường học", body=bodies["school"]),
    }


def names(client, **params):
    response = client.get(reverse("initiatives:list"), params)
    assert response.status_code == 200
    return [m.name for m in response.context["page"]]


def test_filters(client, users, models, tree, fields):
    client.force_login(users["commune"])
    assert set(names(client, year=2024)) == {
        "Con đường bê tông nghĩa tình",
        "Mô hình của xã Pá Lau",
    }
    assert names(client, field=fields["quoc-phong-an-ninh"].pk) == ["Tổ hòa giải giỏi"]
    assert names(client, status="draft") == ["Bản nháp văn hóa"]
    assert "Bản nháp văn hóa" not in names(client, status="registered")
    assert names(client, classification="hieu_qua") == ["Con đường bê tông nghĩa tình"]
    assert names(client, classification="effective") == ["Con đường bê tông nghĩa tình"]
    assert names(client, level="village") == ["Tổ hòa giải giỏi"]
    assert names(client, level="body") == ["Trường học"]
    # The commune's lineage holds the models of the merged xã Pá Lau.
    assert "Mô hình của xã Pá Lau" in names(client, area=tree["commune"].pk)
    assert names(client, area=tree["village"].pk) == ["Tổ hòa giải giỏi"]


def test_accent_free_search(client, users, models):
    client.force_login(users["commune"])
    assert names(client, q="hoa giai") == ["Tổ hòa giải giỏi"]
    assert names(client, q="HÒA GIẢI") == ["Tổ hòa giải giỏi"]
    assert names(client, q="tram tau") != []  # the unit's name is searched too


def test_sorting_and_htmx_partial(client, users, models):
    client.force_login(users["commune"])
    assert names(client, sort="name")[0] == "Bản nháp văn hóa"
    assert names(client, sort="-name")[0] == "Trường học"
    response = client.get(
        reverse("initiatives:list"), {"sort": "year"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "Con đường bê tông nghĩa tình" in page


def test_pages(client, users, tree, registered):
    for i in range(55):
        registered(tree["commune"], f"Mô hình số {i:02d}")
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:list"))
    assert len(response.context["page"]) == 50
    response = client.get(reverse("initiatives:list"), {"page": 2})
    assert len(response.context["page"]) == 5


def test_queries_do_not_grow_with_rows(
    client, users, tree, registered, django_assert_max_num_queries
):
    registered(tree["commune"], "Một")
    client.force_login(users["commune"])
    client.get(reverse("initiatives:list"))  # warm the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A new model: the kept count (filters.kept_count) is counted again, as
    # it is after the ten below.
    registered(tree["village"], "Thêm")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("initiatives:list"))
    for i in range(10):
        registered(tree["village"], f"Thêm {i}")
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("initiatives:list"))


def test_a_typed_area_keeps_its_own_count(client, users, tree):
    """The models list's kept count (shared with the API's) is keyed on every
    parameter: an area typed in the picker (``area_q``) is not the plain list."""
    from danvan.initiatives.tests.factories import InitiativeFactory

    for area in ("commune", "sibling", "sibling"):
        InitiativeFactory.create(area=tree[area])
    client.force_login(users["province"])
    url = reverse("initiatives:list")
    typed = client.get(url, {"area_q": "xã Hạnh Phúc"}).context["page"].paginator
    plain = client.get(url).context["page"].paginator
    assert typed.count == 2
    assert plain.count == 3
    api = client.get("/api/v1/initiatives/", {"area_q": "xã Hạnh Phúc"}).json()
    assert api["count"] == 2
    assert client.get("/api/v1/initiatives/").json()["count"] == 3
