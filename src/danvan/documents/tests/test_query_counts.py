"""The register's pages read a fixed number of queries, however many documents,
relations, reviews and files there are: the list (with and without a search),
a document's page and the API's list, for a province user and a commune user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.models import Document

pytestmark = pytest.mark.django_db
D = dt.date
LIST = reverse("documents:list")
API = "/api/v1/documents/"

# Queries per page: session, user, then the page's own. The scope itself and
# the documents read up the tree (one recursive query) come from the cache,
# until a document or a relation changes (then 1 more query, once).
PINNED = {
    # the page of rows, each with its area's and issuing body's names
    # (subqueries run for the page's rows alone, after the sort); the count
    # (each part of the scope on its own) and the years' span are kept with
    # the ids read up the tree
    ("list", "province"): 3,
    ("list", "commune"): 3,
    ("search", "province"): 3,
    ("search", "commune"): 3,
    # document, its relations both ways (one query), reviews (with whether
    # their report is seen), files, the texts it was read from; the change log
    # (common.audit): its entries; the documents they name are those the page
    # shows (its relations, the plans holding its reviews), named without a
    # query; the commune does not see the province's plans, which the log
    # names: one query reads them, withheld (common.audit). Its forms load on
    # demand: none is built.
    ("detail", "province"): 8,
    ("detail", "commune"): 9,
    # the page, its relations and its reviews; the count is kept like the
    # list's (documents.api: DocumentViewSet._kept_count)
    ("api", "province"): 5,
    ("api", "commune"): 5,
}


def grow(
    tree: dict[str, Any], documents: dict[str, Document], start: int, n: int
) -> None:
    """``n`` plans in the province and in the commune, half implementing the
    directive, each with a review of it (some held by a plan); a file on it."""
    actor = system_actor()
    directive = documents["directive"]
    for i in range(start, start + n):
        for where in ("province", "commune"):
            plan = services.register_document(
                actor=actor,
                area=tree[where],
                symbol_text=f"{100 + i}-KH/{'TU' if where == 'province' else 'ĐU'}",
                issued_on=D(2024, 1, 1) + dt.timedelta(days=i),
                title=f"Kế hoạch số {i} của {where} phòng, chống di cư tự do",
                issuer_name=f"Đảng ủy số {i}",
            )
            if i % 2:
                services.relate_documents(
                    actor=actor, source=plan, target=directive, kind="implements"
                )
            point = services.add_review_point(
                actor=actor, document=directive, kind="so_ket", after_years=i + 1
            )
            if i % 3 == 0:
                services.complete_review_point(
                    actor=actor, point=point, done_on=D(2025, 1, 2), document=plan
                )
    services.attach_bytes(
        actor=actor,
        document=directive,
        name=f"phu-luc-{start}.pdf",
        content=f"%PDF-1.4 {start}".encode(),
    )


def count(client: Any, url: str) -> int:
    client.get(url)  # the scope is computed once, then cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("user", ["province", "commune"])
def test_pages_read_a_fixed_number_of_queries(
    client: Any, users: Any, tree: Any, documents: Any, user: str
) -> None:
    urls: dict[str, Callable[[], str]] = {
        "list": lambda: LIST,
        "search": lambda: f"{LIST}?q=di+cu",
        "detail": lambda: reverse("documents:detail", args=[documents["directive"].pk]),
        "api": lambda: API,
    }
    # Fewer than a page of rows first, but more changes of the directive than
    # its change log shows (50): it names the same kinds of rows (relations,
    # reviews, files) then as with many.
    grow(tree, documents, 0, 20)
    client.force_login(users[user])
    few = {page: count(client, url()) for page, url in urls.items()}
    grow(tree, documents, 20, 60)
    many = {page: count(client, url()) for page, url in urls.items()}
    assert many == few
    assert few == {page: PINNED[page, user] for page in urls}
    # The rows are there, and counted as they are (each part of the scope on
    # its own: the read-up directive once).
    visible = Document.objects.visible_to(users[user])
    listed = client.get(LIST).context["page"]
    assert len(listed) == 50
    assert (
        listed.paginator.count == visible.count() == (163 if user == "province" else 82)
    )
    found = client.get(LIST, {"q": "di cu", "year": "2024"}).context["page"]
    assert (
        found.paginator.count
        == visible.search("di cu").filter(issued_on__year=2024).count()
        > 0
    )
    api = client.get(API, {"q": "di cu"}).json()
    assert api["count"] == visible.search("di cu").count()
