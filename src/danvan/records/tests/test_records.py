"""Confirmed facts of a text becoming records in one click."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents.models import Document
from danvan.ingestion import services as ingestion
from danvan.meetings.models import Meeting
from danvan.records import services
from danvan.records.models import RecordLink
from danvan.records.tests.conftest import TEXT, facts, record_of
from danvan.units import services as units
from danvan.units.models import Person

pytestmark = pytest.mark.django_db


def test_a_reference_becomes_a_register_entry_with_a_link_back(source, users):
    outcome = services.record_document(actor=users["commune"], source=source, index=0)
    document = outcome.record
    assert outcome.created
    assert isinstance(document, Document)
    assert (document.kind, document.reference, document.issued_on) == (
        Document.Kind.PLAN,
        "05-KH/ĐU",
        dt.date(2025, 7, 10),
    )
    assert document.area == source.area
    link = RecordLink.objects.get(source=source, fact="doc_refs", index=0)
    assert link.record == document
    assert list(services.links_of(document)) == [link]
    # A second click changes nothing.
    again = services.record_document(actor=users["commune"], source=source, index=0)
    assert again.record == document
    assert Document.objects.filter(kind=Document.Kind.PLAN).count() == 1


def test_the_same_reference_in_another_text_links_to_the_existing_entry(
    source, tree, users
):
    first = record_of(
        services.record_document(actor=users["commune"], source=source, index=0),
        Document,
    )
    other, _ = ingestion.ingest_text(
        actor=users["commune"],
        area=tree["commune"],
        text=TEXT + "\nBản tin khác.",
        title="Khác",
    )
    other = ingestion.confirm_facts(actor=users["commune"], source=other, facts=facts())
    outcome = services.record_document(actor=users["commune"], source=other, index=0)
    assert outcome.record == first
    assert not outcome.created


def test_a_reference_without_date_needs_one(source, users):
    with pytest.raises(services.RecordError, match="ngày ban hành"):
        services.record_document(actor=users["commune"], source=source, index=1)
    outcome = services.record_document(
        actor=users["commune"], source=source, index=1, issued_on=dt.date(2020, 3, 5)
    )
    assert record_of(outcome, Document).reference == "30/2020/NĐ-CP"


def test_the_meeting_becomes_a_meeting_with_its_period(source, committee, users):
    outcome = services.record_meeting(
        actor=users["commune"], source=source, convening_body=committee
    )
    meeting = outcome.record
    assert isinstance(meeting, Meeting)
    assert meeting.kind == Meeting.Kind.BRIEFING
    assert meeting.held_on == dt.date(2025, 10, 3)
    assert (meeting.period_start, meeting.period_end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 9, 30),
    )
    assert services.links_of(meeting).get().source == source


def test_people_are_added_linked_or_chosen(source, tree, users):
    outcome = services.record_person(actor=users["commune"], source=source, index=0)
    assert outcome.created
    assert record_of(outcome, Person).area == tree["commune"]
    assert "Bí thư Đảng ủy xã" in record_of(outcome, Person).note

    twins = [
        units.create_person(
            actor=system_actor(), full_name="Lò Thị Hoa", area=tree["village"]
        ),
        units.create_person(
            actor=system_actor(), full_name="Lò Thị Hoa", area=tree["commune"]
        ),
    ]
    with pytest.raises(services.AmbiguousPersonError) as error:
        services.record_person(actor=users["commune"], source=source, index=1)
    assert set(error.value.candidates) == set(twins)
    chosen = services.record_person(
        actor=users["commune"], source=source, index=1, person=twins[0]
    )
    assert chosen.record == twins[0]
    assert not chosen.created


def test_an_unconfirmed_text_makes_no_record(tree, users):
    text, _ = ingestion.ingest_text(
        actor=users["commune"], area=tree["commune"], text=TEXT
    )
    with pytest.raises(services.RecordError, match="xác nhận"):
        services.record_document(actor=users["commune"], source=text, index=0)


def test_panel_and_one_click_through_the_pages(client, source, committee, users):
    client.force_login(users["commune"])
    url = reverse("records:source_records", args=[source.pk])
    page = client.get(url).content.decode()
    assert "Kế hoạch" in page
    assert "Giàng A Páo" in page
    response = client.post(
        reverse("records:make_document", args=[source.pk, 0]), follow=True
    )
    assert "05-KH/ĐU" in response.content.decode()
    response = client.post(
        reverse("records:make_meeting", args=[source.pk]),
        {"body": committee.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert Meeting.objects.filter(convening_body=committee).count() == 1
    response = client.post(
        reverse("records:make_person", args=[source.pk, 0]), follow=True
    )
    assert Person.objects.filter(full_name="Giàng A Páo").exists()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert fragment.count("badge") >= 3


def test_records_pages_are_scoped(client, source, users):
    client.force_login(users["sibling"])
    assert (
        client.get(reverse("records:source_records", args=[source.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("records:make_document", args=[source.pk, 0])).status_code
        == 404
    )
    client.force_login(users["viewer"])
    response = client.post(reverse("records:make_document", args=[source.pk, 0]))
    assert response.status_code == 403
    assert not Document.objects.exists()
    client.force_login(users["province"])
    assert (
        client.get(reverse("records:source_records", args=[source.pk])).status_code
        == 200
    )


def test_record_pages_show_the_text_they_came_from(client, source, committee, users):
    document = record_of(
        services.record_document(actor=users["commune"], source=source, index=0),
        Document,
    )
    meeting = record_of(
        services.record_meeting(
            actor=users["commune"], source=source, convening_body=committee
        ),
        Meeting,
    )
    person = record_of(
        services.record_person(actor=users["commune"], source=source, index=0), Person
    )
    client.force_login(users["commune"])
    for record in (document, meeting, person):
        page = client.get(record.get_absolute_url()).content.decode()
        assert source.title in page, record
        assert source.get_absolute_url() in page
