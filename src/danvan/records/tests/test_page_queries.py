"""The text list, the review page and the records page cost a fixed number of queries.

Each is opened as the province user and as the commune user, over texts with
a few facts (and a few texts) and with many more: people linked to records,
people with namesakes to choose from, references made into documents. The
count is pinned and does not grow with the rows.
"""

import pytest
from django.db import connection
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.ingestion import services as ingestion
from danvan.records import services
from danvan.records.tests.conftest import TEXT, facts
from danvan.units import services as units

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


def confirmed_text(tree, users, n: int):
    """A confirmed text naming ``n`` people and ``n`` documents, half made records,
    the other people with two namesakes each in the commune."""
    people = [{"name": f"Người Thứ {i}", "position": "Ủy viên"} for i in range(n)]
    refs = [
        {
            "kind": "Kế hoạch",
            "number": f"{i + 1:02d}",
            "symbol": "KH/ĐU",
            "date": "2025-07-10",
            "issuer": "Đảng ủy xã",
        }
        for i in range(n)
    ]
    text, _created = ingestion.ingest_text(
        actor=users["commune"],
        area=tree["commune"],
        text=f"{TEXT}\nBản tin số {n}.",
        title=f"Giao ban {n}",
    )
    source = ingestion.confirm_facts(
        actor=users["commune"],
        source=text,
        facts=facts(people=people, doc_refs=refs),
    )
    for i in range(n):
        if i % 2 == 0:
            services.record_person(actor=users["commune"], source=source, index=i)
            services.record_document(actor=users["commune"], source=source, index=i)
        else:
            for _twice in range(2):
                units.create_person(
                    actor=system_actor(),
                    full_name=people[i]["name"],
                    area=tree["commune"],
                )
    return source


def urls(source) -> dict[str, str]:
    return {
        "texts": reverse("ingestion:source_list"),
        "review": reverse("ingestion:source_detail", args=[source.pk]),
        "records": reverse("records:source_records", args=[source.pk]),
    }


# session, user; then each page's own queries (the scope is cached).
PINNED = {
    # + the count and the page of texts
    "texts": 4,
    # + the text (with its area and users, seen by its area's path) and its
    # change log (the area and users the page shows name themselves)
    "review": 4,
    # + the text with its area, its links, their records (one query per kind),
    # which of them the user sees (per kind; a document's reading up costs
    # one: the ids read up the tree are kept, documents.models.kept), the
    # area's past (walked once), the namesakes of the people not linked, the
    # bodies that may have convened the meeting
    "records": 12,
}


@pytest.mark.parametrize("who", ["province", "commune"])
def test_text_pages_cost_a_fixed_number_of_queries(client, tree, users, committee, who):
    client.force_login(users[who])
    few = {
        k: queries(client, url)
        for k, url in urls(confirmed_text(tree, users, 2)).items()
    }
    for n in range(3, 8):
        confirmed_text(tree, users, n)
    many = {
        k: queries(client, url)
        for k, url in urls(confirmed_text(tree, users, 12)).items()
    }
    assert few == many
    assert few == PINNED
