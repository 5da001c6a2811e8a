"""The home page, the unit browser and the area page cost a fixed number of queries.

Each page is opened as the province user and as the commune user, with a few
rows and with many more; the count is pinned and does not grow with the rows.
The scope is cached across requests, so the page is opened once before it is
counted (as every page after a user's first).
"""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.ingestion import services as ingestion
from danvan.units import services
from danvan.units.models import Body

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    """The queries of one request for ``url`` (after a first, warming one)."""
    assert client.get(url).status_code == 200
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    return len(seen)


def add_rows(tree, users, committee: Body, start: int, count: int) -> None:
    """Villages, bodies below the committee, people with positions in both, texts."""
    commune = tree["commune"]
    for n in range(start, start + count):
        services.create_village(actor=system_actor(), commune=commune, name=f"Thôn {n}")
        body = services.create_body(
            actor=system_actor(),
            name=f"Chi hội thôn {n}",
            kind=Body.Kind.MASS_ORGANISATION,
            area=commune,
            parent=committee,
        )
        person = services.create_person(
            actor=system_actor(), full_name=f"Người Số {n}", area=commune
        )
        for where in (body, committee):
            services.appoint(
                actor=system_actor(),
                person=person,
                body=where,
                title="Ủy viên",
                valid_from=dt.date(2025, 7, 1),
            )
        ingestion.ingest_text(
            actor=users["commune"], area=commune, text=f"Bài viết số {n} chờ xác nhận."
        )


def pages(tree, committee: Body) -> dict[str, str]:
    return {
        "body": reverse("units:body_detail", args=[committee.pk]),
        "home": reverse("home"),
        "units": reverse("units:area_list"),
        "units_search": reverse("units:area_list") + "?q=thon",
        "area": reverse("units:area_detail", args=[tree["commune"].pk]),
        "province": reverse("units:area_detail", args=[tree["province"].pk]),
    }


# session, user; then each page's own queries (the scope is cached).
PINNED = {
    # + the counts of waiting work (texts, reviews); the tasks', the models'
    # (registrations to review, returned ones) and the unit's dashboard are
    # kept until what they read changes (meetings, initiatives, dashboards
    # .kept), the user's units and the dashboard's with the scope
    ("home", "province"): 4,
    ("home", "commune"): 4,
    # + the roots of the user's tree
    ("units", "province"): 3,
    ("units", "commune"): 3,
    # + the count and the page of matches
    ("units_search", "province"): 4,
    ("units_search", "commune"): 4,
    # + the area, its ancestors, its change log, its successions, the units
    # below, its bodies, its people with their positions (one join)
    ("area", "province"): 9,
    ("area", "commune"): 9,
    # (no person recorded in the province itself)
    ("province", "province"): 8,
    # + the body, its change log and the rows it names (people, areas; the
    # body itself is named from the page's row), its successions, positions,
    # bodies below
    ("body", "province"): 9,
    ("body", "commune"): 9,
}


@pytest.mark.parametrize("who", ["province", "commune"])
def test_unit_pages_cost_a_fixed_number_of_queries(client, tree, users, who):
    committee = services.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["commune"],
    )
    client.force_login(users[who])
    urls = {k: v for k, v in pages(tree, committee).items() if (k, who) in PINNED}
    add_rows(tree, users, committee, 1, 2)
    few = {name: queries(client, url) for name, url in urls.items()}
    add_rows(tree, users, committee, 3, 25)
    many = {name: queries(client, url) for name, url in urls.items()}
    assert few == many
    assert few == {name: PINNED[name, who] for name in urls}
