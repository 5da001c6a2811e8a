# ruff: noqa: F811  (the datasets fixtures, imported, are parameters here)
"""A confirmed figure of a text becomes a reported value of the text's unit
and period, saved through the values service and linked back to the text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.datasets.models import DataValue
from danvan.datasets.tests.conftest import bodies, period, quarterly  # noqa: F401
from danvan.datasets.tests.factories import PeriodFactory, SubmissionFactory
from danvan.ingestion import services as ingestion
from danvan.ingestion.schema import empty_facts
from danvan.records import services
from danvan.records.models import RecordLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def text(tree, users):
    source, _ = ingestion.ingest_text(
        actor=system_actor(),
        area=tree["commune"],
        text="Quý III/2026, xã có 12 mô hình “Dân vận khéo” đăng ký.",
        title="Báo cáo quý III xã Trạm Tấu",
    )
    facts = empty_facts()
    facts.update(
        {
            "title": "Báo cáo quý III xã Trạm Tấu",
            "period": {"start": "2026-07-01", "end": "2026-09-30"},
            "figures": [
                {
                    "kind": "count",
                    "value": 12,
                    "what": "mô hình “Dân vận khéo” đăng ký",
                },
                {"kind": "ratio", "value": [10, 11], "what": "chỉ tiêu"},
            ],
        }
    )
    return ingestion.confirm_facts(actor=users["commune"], source=source, facts=facts)


def test_figure_becomes_a_value_linked_to_its_text(text, users, quarterly, bodies):
    indicator = quarterly.items.get(indicator__code="TEST_MH_DK").indicator
    period = PeriodFactory.create()
    outcome = services.record_figure(
        actor=users["commune"],
        source=text,
        index=0,
        indicator=indicator,
        body=bodies["commune"],
        period=period,
        text=services.figure_text(text.confirmed_facts["figures"][0]),
    )
    value = DataValue.objects.get()
    assert outcome.record == value
    assert outcome.created
    assert value.number == 12
    assert value.source == text
    assert value.submission.body == bodies["commune"]
    link = RecordLink.objects.get(source=text, fact="figures", index=0)
    assert link.record == value
    # Asked again: the same link, no second value.
    again = services.record_figure(
        actor=users["commune"],
        source=text,
        index=0,
        indicator=indicator,
        body=bodies["commune"],
        period=period,
        text="13",
    )
    assert again.link == link
    assert DataValue.objects.get().number == 12


def test_the_page_proposes_the_texts_period_and_records(
    client, text, users, quarterly, bodies
):
    client.force_login(users["commune"])
    url = reverse("records:make_figure", args=[text.pk, 0])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["value"] == "12"
    assert page.context["form"].initial["period_type"] == "quarter"
    assert page.context["form"].initial["number"] == 3
    indicator = quarterly.items.get(indicator__code="TEST_MH_DK").indicator
    response = client.post(
        url,
        {
            "indicator": indicator.pk,
            "body": bodies["commune"].pk,
            "period_type": "quarter",
            "year": 2026,
            "number": 3,
            "value": "12",
        },
    )
    assert response.status_code == 302
    assert DataValue.objects.get().source == text
    panel = client.get(reverse("records:source_records", args=[text.pk]))
    assert "giá trị báo cáo" in panel.content.decode()


def test_locked_submission_refuses_with_its_message(text, users, quarterly, bodies):
    period = PeriodFactory.create()
    SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"], status="accepted"
    )
    with pytest.raises(services.RecordError) as error:
        services.record_figure(
            actor=users["commune"],
            source=text,
            index=0,
            indicator=quarterly.items.first().indicator,
            body=bodies["commune"],
            period=period,
            text="12",
        )
    assert "khóa" in str(error.value)
    assert not RecordLink.objects.filter(fact="figures").exists()


def test_no_form_for_that_period_is_refused(text, users, quarterly, bodies):
    year = PeriodFactory.create(type="year", number=None)
    with pytest.raises(services.RecordError):
        services.record_figure(
            actor=users["commune"],
            source=text,
            index=0,
            indicator=quarterly.items.first().indicator,
            body=bodies["commune"],
            period=year,
            text="12",
        )
    assert not DataValue.objects.exists()


def test_readers_and_other_units_may_not(client, text, users):
    url = reverse("records:make_figure", args=[text.pk, 0])
    client.force_login(users["viewer"])
    assert client.get(url).status_code == 403
    client.force_login(users["sibling"])
    assert client.get(url).status_code == 404
    assert not DataValue.objects.exists()
