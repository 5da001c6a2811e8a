"""A provided indicator on a form: its cell on the entry page is the
register's figure for the unit and period, read-only; it cannot be typed,
and it is never missing when the figures are submitted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.datasets.models import DataValue, Indicator, Submission
from danvan.datasets.services import approval, values
from danvan.datasets.tests.factories import FormIndicatorFactory, SubmissionFactory
from danvan.incidents.models import Incident
from danvan.situation.models import Topic

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def provided(quarterly, bodies, tree, settings):
    """Hot spots arisen on the quarterly form (required), two in xã Trạm
    Tấu in quarter III of 2026, one in xã Hạnh Phúc, one before the period."""
    settings.DANVAN_TODAY = "2026-12-06"
    indicator = Indicator.objects.get(code="DN_PHAT_SINH")
    FormIndicatorFactory.create(
        form=quarterly, indicator=indicator, order=9, required=True
    )
    topic, _made = Topic.objects.get_or_create(
        code="land", defaults={"name": "Đất đai"}
    )
    for area, day in (
        (tree["commune"], D(2026, 7, 10)),
        (tree["village"], D(2026, 9, 1)),
        (tree["sibling"], D(2026, 8, 1)),
        (tree["commune"], D(2026, 6, 30)),
    ):
        Incident(
            title="Tranh chấp đất",
            area=area,
            topic=topic,
            owner_body=bodies["commune"],
            arose_on=day,
        ).save()
    return indicator


def entry_url(form, period, body):
    return reverse("datasets:entry", args=[form.pk, period.pk, body.pk])


def test_the_cell_shows_the_register_read_only(
    client, users, quarterly, period, bodies, provided
):
    client.force_login(users["commune"])
    url = entry_url(quarterly, period, bodies["commune"])
    client.get(url)  # opens the submission
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="v.TEST_MH_DK."' in html  # typed cells stay inputs
    assert 'name="v.DN_PHAT_SINH."' not in html
    cell = html.split('id="c-DN_PHAT_SINH-t"')[1][:200]
    assert cell.startswith(">2<")  # xã Trạm Tấu's two of quarter III
    assert "đếm từ sổ theo dõi" in html
    # One query on the hot spots, none per cell.
    hot_spots = [
        q for q in queries.captured_queries if "incidents_incident" in q["sql"]
    ]
    assert len(hot_spots) == 1


def test_a_provided_cell_cannot_be_typed(
    client, users, quarterly, period, bodies, provided
):
    client.force_login(users["commune"])
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    url = reverse("datasets:entry_cell", args=[submission.pk])
    response = client.post(url, {"v.DN_PHAT_SINH.": "5"}, HTTP_HX_REQUEST="true")
    assert "được đếm từ sổ theo dõi" in response.content.decode()
    assert not DataValue.objects.filter(indicator=provided).exists()
    with pytest.raises(values.ValuesError):
        values.save_values(
            actor=users["commune"],
            submission=submission,
            rows=[("TEST_MH_DK", "", "3"), ("DN_PHAT_SINH", "", "5")],
        )
    assert not DataValue.objects.exists()
    # An empty provided cell is no change.
    saved = values.save_values(
        actor=users["commune"],
        submission=submission,
        rows=[("TEST_MH_DK", "", "3"), ("DN_PHAT_SINH", "", "")],
    )
    assert saved.created == 1


def test_a_required_provided_indicator_is_never_missing(
    users, quarterly, period, bodies, provided
):
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    assert provided.pk not in {
        item.indicator_id for item in approval.missing_required(submission)
    }
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_the_xlsx_template_leaves_provided_indicators_out(
    client, users, quarterly, period, bodies, provided
):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(users["commune"])
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    response = client.get(reverse("datasets:entry_xlsx", args=[submission.pk]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    codes = {row[0] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert "TEST_MH_DK" in codes
    assert "DN_PHAT_SINH" not in codes
