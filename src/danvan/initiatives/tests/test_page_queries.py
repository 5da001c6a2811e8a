"""The register's pages cost the same number of queries however many rows there
are: the models list, the API list, a model's page and the statistics page, for
a province approver and a commune editor; and the statistics kept in the cache
change at once when the register or the tree changes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.kept import FIGURES
from danvan.units import services as units
from danvan.units.models import Body

pytestmark = pytest.mark.django_db

D = dt.date
STATS = reverse("initiatives:stats")
API = "/api/v1/initiatives/"


def queries(client, url):
    """The queries of ``url`` once its caches are warm (as a served page's are)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def stats_queries(client, url):
    """The queries of the statistics page when its figures are not kept."""
    assert client.get(url).status_code == 200
    FIGURES.forget()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def follow(rubric):
    """Give a registered model ``n`` progress reports, evaluations,
    commendations and copies."""

    def give(model, n, copy_to):
        for i in range(n):
            services.add_progress_update(
                actor=system_actor(),
                initiative=model,
                date=D(2025, 3, 1 + i),
                money_vnd=1_000_000,
                working_days=2,
                people_reached=10,
            )
            services.evaluate_initiative(
                actor=system_actor(),
                initiative=model,
                rubric=rubric,
                scores={c.pk: Decimal(7 + i % 3) for c in rubric.criteria.all()},
            )
            services.commend_initiative(
                actor=system_actor(),
                initiative=model,
                level="province",
                form="bang_khen",
                decided_on=D(2025, 12, 1 + i),
                body_name="Ủy ban nhân dân tỉnh Lào Cai",
            )
            services.adopt_initiative(
                actor=system_actor(), origin=model, area=copy_to, year=2026
            )

    return give


@pytest.fixture
def register(tree, registered, follow):
    """A register of a few models, and a way to make it much larger."""
    model = registered(tree["commune"], "Con đường bê tông nghĩa tình")
    follow(model, 1, tree["sibling"])
    registered(tree["village"], "Tổ hòa giải giỏi")

    def grow():
        follow(model, 4, tree["sibling"])
        for i in range(12):
            area = (tree["commune"], tree["village"], tree["pa_lau"])[i % 3]
            registered(area, f"Mô hình thêm {i}", year=2024 + i % 3)

    return model, grow


# What each page costs, as the province approver and as the commune editor.
# The lists' counts are kept with the statistics (filters.kept_count): no
# query once warm, until a model changes.
EXPECTED = {
    ("list", "province"): 5,
    ("list", "commune"): 5,
    # The API's evaluations are read with their scores (one query).
    ("api", "province"): 8,
    ("api", "commune"): 8,
    # The change log names the model from the page's row (no query).
    ("detail", "province"): 21,
    ("detail", "commune"): 18,
    ("stats", "province"): 3,
    ("stats", "commune"): 3,
    # PostgreSQL computes in a transaction with JIT off: three statements more.
    ("stats-computed", "province"): 13 + 3 * (connection.vendor == "postgresql"),
    ("stats-computed", "commune"): 13 + 3 * (connection.vendor == "postgresql"),
}


def measure(client, users, model):
    pages = {
        "list": reverse("initiatives:list"),
        "api": API,
        "detail": model.get_absolute_url(),
        "stats": f"{STATS}?year=2025",
    }
    counts = {}
    for who in ("province", "commune"):
        client.force_login(users[who])
        for name, url in pages.items():
            counts[(name, who)] = queries(client, url)
        counts[("stats-computed", who)] = stats_queries(client, pages["stats"])
    return counts


def test_queries_do_not_grow_with_rows(client, users, register):
    model, grow = register
    few = measure(client, users, model)
    grow()
    many = measure(client, users, model)
    assert many == few
    assert few == EXPECTED


def test_the_list_counts_what_it_shows(client, users, register, tree):
    """The count added up range by range is the number of rows in scope."""
    _model, grow = register
    grow()
    wanted: list[dict[str, object]] = [
        {},
        {"year": 2024},
        {"q": "them"},
        {"area": tree["pa_lau"].pk},
        {"adopted": "origins", "sort": "-unit"},
    ]
    for who in ("province", "commune"):
        client.force_login(users[who])
        for params in wanted:
            response = client.get(reverse("initiatives:list"), params)
            page = response.context["page"]
            assert page.paginator.parts  # the scope is several ranges
            shown = page.paginator.object_list.count()  # counted as one query
            assert page.paginator.count == shown > 0
            assert client.get(API, params).json()["count"] == shown


def test_the_kept_count_follows_a_change(client, users, register, tree, registered):
    """The lists' counts are kept until a model changes: a new one counts at once."""
    client.force_login(users["commune"])
    url = reverse("initiatives:list")
    for params in ({}, {"year": 2025}, {"q": "moi"}):
        before = client.get(url, params).context["page"].paginator.count
        api = client.get(API, params).json()["count"]
        assert api == before
        registered(tree["village"], f"Mô hình mới {len(params)}", year=2025)
        assert client.get(url, params).context["page"].paginator.count == before + 1
        assert client.get(API, params).json()["count"] == before + 1


def registered_count(client, **params):
    response = client.get(STATS, {"year": 2025, **params})
    assert response.status_code == 200
    return response.context["stats"].registered


def test_kept_statistics_change_at_once(client, users, tree, registered):
    registered(tree["commune"], "Một")
    client.force_login(users["province"])
    assert registered_count(client) == 1
    assert registered_count(client) == 1  # kept
    registered(tree["village"], "Hai")
    assert registered_count(client) == 2
    # A change of the tree shows at once too: a new body of the province.
    before = client.get(STATS, {"year": 2025}).context["stats"].bodies_total
    units.create_body(
        actor=system_actor(),
        name="Ban Dân vận Tỉnh ủy",
        kind=Body.Kind.PARTY_BOARD,
        area=tree["province"],
    )
    after = client.get(STATS, {"year": 2025}).context["stats"].bodies_total
    assert after == before + 1


def test_kept_statistics_are_never_another_scopes(client, users, tree, registered):
    registered(tree["commune"], "Của xã Trạm Tấu")
    registered(tree["sibling"], "Của xã Hạnh Phúc")
    client.force_login(users["province"])
    assert registered_count(client, area=tree["commune"].pk) == 1
    assert registered_count(client, area=tree["sibling"].pk) == 1
    # The commune editor asks for the same figures: theirs, never the sibling's.
    client.force_login(users["commune"])
    assert registered_count(client, area=tree["commune"].pk) == 1
    assert client.get(STATS, {"area": tree["sibling"].pk}).status_code == 404
    client.force_login(users["sibling"])
    assert registered_count(client) == 1
    assert client.get(STATS, {"area": tree["commune"].pk}).status_code == 404
