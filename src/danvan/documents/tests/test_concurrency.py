"""Two offices numbering at the same moment, each in its own transaction.

These tests commit for real (threads have their own connections), so they run
as transactional tests; only the apps they write to are emptied afterwards and
the bodies they create are removed, so the official areas loaded once for the
run stay. SQLite serialises writers, so the race itself needs PostgreSQL.
"""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.exceptions import DuplicateDocumentError
from danvan.documents.models import Document, NumberSequence, Term
from danvan.units import services as unit_services
from danvan.units.models import Area, Body

pytestmark = [
    pytest.mark.django_db(
        transaction=True,
        available_apps=[
            "auditlog",
            "danvan.accounts",
            "danvan.documents",
        ],
    ),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "SQLite serialises write transactions, so two cannot race; run with "
            "DATABASE_URL=postgres://… to test concurrent numbering"
        ),
    ),
]
D = dt.date


@pytest.fixture
def office():
    """A State and a Party body of tỉnh Lào Cai, removed after the test."""
    province = Area.objects.resolve("15", D(2025, 7, 1))
    ubnd = unit_services.create_body(
        actor=system_actor(),
        name="UBND tỉnh (kiểm thử đồng thời)",
        kind=Body.Kind.PEOPLES_COMMITTEE,
        area=province,
        abbreviation="UBND",
    )
    committee = unit_services.create_body(
        actor=system_actor(),
        name="Tỉnh ủy (kiểm thử đồng thời)",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=province,
        abbreviation="TU",
    )
    services.add_term(
        actor=system_actor(), body=committee, name="2025–2030", starts_on=D(2025, 10, 1)
    )
    yield {"area": province, "ubnd": ubnd, "committee": committee}
    Document.objects.all().delete()
    NumberSequence.objects.all().delete()
    Term.objects.all().delete()
    Body.objects.filter(pk__in=[ubnd.pk, committee.pk]).delete()


def race(count, work):
    """Run ``work`` in ``count`` threads released together, each committing its
    own transaction after holding it open a moment."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(work())
                time.sleep(0.2)  # keep the transaction (and its locks) open
        except Exception as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.parametrize("body", ["ubnd", "committee"])
def test_simultaneous_issues_get_different_numbers(office, body):
    def issue():
        return services.issue_document(
            actor=system_actor(),
            body=office[body],
            kind="thong_bao",
            title="Thông báo kết luận",
            issued_on=D(2026, 5, 4),
            area=office["area"],
        ).number_value

    results, errors = race(4, issue)

    assert errors == []
    assert sorted(results) == [1, 2, 3, 4]
    # Every issued document is numbered: number_value is not None.
    assert sorted(  # type: ignore[type-var]
        Document.objects.filter(issuer_body=office[body]).values_list(
            "number_value", flat=True
        )
    ) == [1, 2, 3, 4]


def test_simultaneous_issues_continue_an_existing_sequence(office):
    services.issue_document(
        actor=system_actor(),
        body=office["ubnd"],
        kind="ke_hoach",
        title="Kế hoạch",
        issued_on=D(2026, 1, 5),
        area=office["area"],
    )

    results, errors = race(
        3,
        lambda: (
            services.issue_document(
                actor=system_actor(),
                body=office["ubnd"],
                kind="ke_hoach",
                title="Kế hoạch",
                issued_on=D(2026, 2, 1),
                area=office["area"],
            ).reference
        ),
    )

    assert errors == []
    assert sorted(results) == ["02/KH-UBND", "03/KH-UBND", "04/KH-UBND"]


def test_simultaneous_entries_of_one_document_keep_one(office):
    results, errors = race(
        2,
        lambda: services.register_document(
            actor=system_actor(),
            area=office["area"],
            symbol_text="70/KH-UBND",
            issued_on=D(2026, 3, 1),
            title="Kế hoạch",
            issuer_body=office["ubnd"],
        ),
    )

    assert len(results) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], DuplicateDocumentError)
    assert errors[0].existing.pk == results[0].pk
    assert Document.objects.count() == 1
