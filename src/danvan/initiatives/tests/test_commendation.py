"""Commendations: level, form, a decision number linked to the document register;
publication as exemplary."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents.services import register_document
from danvan.initiatives import services
from danvan.initiatives.exceptions import WrongStatusError

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def decision(tree):
    return register_document(
        actor=system_actor(),
        area=tree["province"],
        symbol_text="1234/QĐ-UBND",
        issued_on=D(2025, 12, 15),
        title="Quyết định khen thưởng các mô hình “Dân vận khéo” năm 2025",
    )


def test_decision_number_links_the_register_document(
    client, tree, users, registered, decision, bodies
):
    initiative = registered(tree["commune"])
    commendation = services.commend_initiative(
        actor=users["province"],
        initiative=initiative,
        level="province",
        form="bang_khen",
        decision_number="1234/QĐ-UBND",
        decided_on=D(2025, 12, 15),
        body=bodies["province"],
    )
    assert commendation.document == decision
    assert commendation.body_name == "Ủy ban nhân dân tỉnh Lào Cai"
    initiative.refresh_from_db()
    assert initiative.commended_on == D(2025, 12, 15)

    client.force_login(users["province"])
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert decision.get_absolute_url() in page
    # The commune cannot open the province's register: the number, no link.
    client.force_login(users["commune"])
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "1234/QĐ-UBND" in page
    assert decision.get_absolute_url() not in page


def test_chosen_document_gives_number_and_date(tree, users, registered, decision):
    initiative = registered(tree["commune"])
    commendation = services.commend_initiative(
        actor=users["province"],
        initiative=initiative,
        level="province",
        form="bang_khen",
        document=decision,
        decided_on=None,
        body_name="Chủ tịch UBND tỉnh",
    )
    assert commendation.decision_number == "1234/QĐ-UBND"
    assert commendation.decided_on == D(2025, 12, 15)


def test_commendation_page_records_it(client, tree, users, registered, decision):
    initiative = registered(tree["commune"])
    client.force_login(users["province"])
    url = reverse("initiatives:commend", args=[initiative.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "level": "province",
            "form": "giay_khen",
            "decision_number": "1234/QĐ-UBND",
            "decided_on": "2025-12-15",
            "body_name": "Chủ tịch UBND tỉnh Lào Cai",
        },
    )
    assert response.status_code == 302
    assert initiative.commendations.get().document == decision


def test_a_unit_does_not_commend_its_own_model(client, tree, users, registered):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    url = reverse("initiatives:commend", args=[initiative.pk])
    assert client.get(url).status_code == 403


def test_publication_needs_an_exemplary_or_commended_model(
    tree, users, registered, rubric
):
    initiative = registered(tree["commune"])
    with pytest.raises(WrongStatusError):
        services.publish_exemplary(actor=users["province"], initiative=initiative)
    services.evaluate_initiative(
        actor=users["province"],
        initiative=initiative,
        scores={c.pk: Decimal(10) for c in rubric.criteria.all()},
    )
    services.publish_exemplary(actor=users["province"], initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.published_as_exemplary
    assert initiative.published_on is not None
    services.publish_exemplary(
        actor=users["province"], initiative=initiative, published=False
    )
    initiative.refresh_from_db()
    assert not initiative.published_as_exemplary
