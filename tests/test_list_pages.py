"""Every list page: the htmx request gets only the rows, and its FilterSet filters.

Each list of the project is built the same way (a FilterSet over the rows the
user sees, the shared pager and sort header, a ``rows`` partial); these tests
walk all of them.
"""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.documents.filters import DocumentFilterSet
from danvan.documents.models import Document
from danvan.units import services as units
from danvan.units.filters import PersonFilterSet
from danvan.units.models import Body, Person

pytestmark = pytest.mark.django_db

LISTS = [
    "datasets:indicator_list",
    "datasets:form_list",
    "datasets:submission_list",
    "documents:list",
    "meetings:list",
    "meetings:task_list",
    "initiatives:list",
    "ingestion:source_list",
    "units:person_list",
    "situation:list",
    "incidents:list",
]


@pytest.mark.parametrize("name", LISTS)
def test_htmx_request_gets_only_the_rows(client, users, name):
    client.force_login(users["commune"])
    whole = client.get(reverse(name)).content.decode()
    rows = client.get(reverse(name), headers={"HX-Request": "true"}).content.decode()
    assert "<html" in whole
    assert "<form" in whole
    assert "<table" in rows
    assert "<html" not in rows
    assert 'role="search"' not in rows
    # A boosted navigation is a whole page.
    boosted = client.get(
        reverse(name), headers={"HX-Request": "true", "HX-Boosted": "true"}
    ).content.decode()
    assert "<html" in boosted


@pytest.fixture
def register(tree):
    body = units.create_body(
        actor=system_actor(),
        name="Ủy ban nhân dân xã Trạm Tấu",
        kind=Body.Kind.PEOPLES_COMMITTEE,
        area=tree["commune"],
        abbreviation="UBND",
    )
    rows = [
        ("12/KH-UBND", dt.date(2025, 8, 1), "Kế hoạch Dân vận khéo năm 2025"),
        ("15/QĐ-UBND", dt.date(2025, 9, 2), "Quyết định khen thưởng"),
        ("3/KH-UBND", dt.date(2026, 1, 5), "Kế hoạch tuyên truyền năm 2026"),
    ]
    for symbol, on, title in rows:
        documents.register_document(
            actor=system_actor(),
            area=tree["commune"],
            symbol_text=symbol,
            issued_on=on,
            title=title,
            issuer_body=body,
        )
    return body


def _symbols(filters):
    return [d.reference for d in filters.qs]


def test_document_filterset_returns_the_right_rows(users, register):
    user = users["commune"]
    visible = Document.objects.visible_to(user)

    def filtered(**data):
        return _symbols(DocumentFilterSet(data, visible, user=user))

    assert filtered() == ["3/KH-UBND", "15/QĐ-UBND", "12/KH-UBND"]
    assert filtered(sort="-date") == ["12/KH-UBND", "15/QĐ-UBND", "3/KH-UBND"]
    assert filtered(year="2025", kind="ke_hoach") == ["12/KH-UBND"]
    assert filtered(q="dan van kheo") == ["12/KH-UBND"]
    assert filtered(issuer=register.name, year="2026") == ["3/KH-UBND"]


def test_unit_search_htmx_request_gets_only_the_results(client, users):
    client.force_login(users["commune"])
    url = reverse("units:area_list")
    rows = client.get(url, {"q": "tram tau"}, headers={"HX-Request": "true"})
    html = rows.content.decode()
    assert "<table" in html
    assert "<html" not in html
    assert "Trạm Tấu" in html


def test_person_filterset_searches_without_accents(users, tree):
    units.create_person(
        actor=system_actor(), full_name="Lò Thị Mai", area=tree["commune"]
    )
    units.create_person(
        actor=system_actor(), full_name="Giàng A Páo", area=tree["commune"]
    )
    user = users["commune"]
    filters = PersonFilterSet({"q": "lo thi mai"}, Person.objects.visible_to(user))
    assert [p.full_name for p in filters.qs] == ["Lò Thị Mai"]
