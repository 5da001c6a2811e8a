"""A document's page, its change log and the API never name a related document
the user may not see."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.exceptions import DuplicateDocumentError
from danvan.documents.models import Document

pytestmark = pytest.mark.django_db


def test_api_relations_name_only_visible_targets(client, users, documents):
    plan = documents["plan"]  # implements the province directive 09-CT/TU
    # The province links the plan to the sibling's plan, out of the commune's scope.
    services.relate_documents(
        actor=system_actor(), source=plan, target=documents["theirs"], kind="amends"
    )
    client.force_login(users["commune"])
    body = client.get(f"/api/v1/documents/{plan.pk}/").json()
    # The directive it implements is read up the tree; the sibling's is not.
    assert [r["target_reference"] for r in body["relations"]] == ["09-CT/TU"]
    listed = client.get("/api/v1/documents/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert "15/KH-UBND" not in str(rows)

    client.force_login(users["province"])
    body = client.get(f"/api/v1/documents/{plan.pk}/").json()
    references = {r["target_reference"] for r in body["relations"]}
    assert references == {"09-CT/TU", "15/KH-UBND"}


def test_page_and_change_log_name_no_document_out_of_scope(client, users, documents):
    plan, theirs = documents["plan"], documents["theirs"]
    services.add_review_point(
        actor=system_actor(), document=plan, kind="so_ket", due_on=dt.date(2026, 1, 1)
    )
    # The sibling commune's plan reviews ours: the review point is done by it.
    services.relate_documents(
        actor=system_actor(), source=theirs, target=plan, kind="reviews"
    )
    assert plan.review_points.get().done_by_document == theirs
    client.force_login(users["commune"])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "09-CT/TU" in page  # the directive it implements, read up the tree
    assert "15/KH-UBND" not in page
    assert "văn bản ngoài phạm vi của bạn" in page

    client.force_login(users["province"])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "09-CT/TU" in page
    assert "15/KH-UBND" in page


def test_a_duplicate_out_of_scope_is_refused_without_naming_it(tree, users, bodies):
    directive = services.register_document(
        actor=system_actor(),
        area=tree["province"],
        symbol_text="09-CT/TU",
        issued_on=dt.date(2025, 7, 19),
        title="Về tăng cường công tác dân vận",
        issuer_body=bodies["committee"],
    )
    with pytest.raises(DuplicateDocumentError) as refused:
        services.register_document(
            actor=system_actor(),
            area=tree["commune"],
            symbol_text="09-CT/TU",
            issued_on=dt.date(2025, 7, 19),
            title="Chỉ thị 09",
            issuer_body=bodies["committee"],
        )
    error = refused.value
    assert error.existing == directive
    assert directive.title in error.message_for(users["province"])
    hidden = error.message_for(users["commune"])
    assert directive.title not in hidden
    assert "ngoài phạm vi của bạn" in hidden


def test_reads_is_what_visible_to_matches(users, documents):
    """``DocumentQuerySet.reads`` tests a row read already as ``visible_to``
    matches it (its path, and the documents read up the tree)."""
    everyone = list(Document.objects.all())
    for user in users.values():
        visible = set(Document.objects.visible_to(user).values_list("pk", flat=True))
        assert {d.pk for d in everyone if Document.objects.reads(user, d)} == visible
