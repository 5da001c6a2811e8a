"""The entry page: one body × form × period, cells saved as typed (htmx) or
all at once without JavaScript, read-only when locked or for readers, the
previous period beside each cell, the rules' failures below; pinned queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from danvan.datasets.models import DataValue, Submission
from danvan.datasets.services import values
from danvan.datasets.tests.factories import (
    BreakdownFactory,
    FormIndicatorFactory,
    IndicatorFactory,
    PeriodFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def entry_url(form, period, body):
    return reverse("datasets:entry", args=[form.pk, period.pk, body.pk])


@pytest.fixture
def commune(client, users):
    client.force_login(users["commune"])
    return client


def test_editor_opens_the_submission_and_sees_the_cells(
    commune, quarterly, period, bodies
):
    response = commune.get(entry_url(quarterly, period, bodies["commune"]))
    assert response.status_code == 200
    submission = Submission.objects.get(form=quarterly, body=bodies["commune"])
    html = response.content.decode()
    assert 'name="v.TEST_MH_DK."' in html
    assert reverse("datasets:entry_cell", args=[submission.pk]) in html
    assert 'hx-trigger="change, keyup changed delay:800ms"' in html
    assert "datasets/entry.js" in html
    assert "<script>" not in html  # nothing inline: the CSP forbids it


def test_a_cell_is_saved_as_typed(commune, quarterly, period, bodies):
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    url = reverse("datasets:entry_cell", args=[submission.pk])
    response = commune.post(url, {"v.TEST_MH_DK.": "2.943"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "đã lưu" in response.content.decode()
    assert DataValue.objects.get(submission=submission).number == 2943
    # The rules' failures come out of band: 5 effective models > 3 registered.
    commune.post(url, {"v.TEST_MH_DK.": "3"})
    response = commune.post(url, {"v.TEST_MH_HQ.": "5"})
    html = response.content.decode()
    assert 'id="rule-failures"' in html
    assert 'hx-swap-oob="true"' in html
    assert "không được lớn hơn" in html


def test_a_bad_cell_answers_its_vietnamese_error(commune, quarterly, period, bodies):
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    url = reverse("datasets:entry_cell", args=[submission.pk])
    response = commune.post(url, {"v.TEST_MH_DK.": "mười"})
    html = response.content.decode()
    assert "cell-state error" in html
    assert "không phải là số" in html
    assert not DataValue.objects.exists()


def test_without_javascript_the_page_saves_every_cell(
    commune, quarterly, period, bodies
):
    url = entry_url(quarterly, period, bodies["commune"])
    commune.get(url)
    response = commune.post(
        url, {"v.TEST_MH_DK.": "10", "v.TEST_MH_HQ.": "4", "v.TEST_DOI_THOAI.": ""}
    )
    assert response.status_code == 302
    numbers = DataValue.objects.order_by("number").values_list("number", flat=True)
    assert list(numbers) == [4, 10]


def test_without_javascript_a_bad_cell_saves_nothing(
    commune, quarterly, period, bodies
):
    url = entry_url(quarterly, period, bodies["commune"])
    commune.get(url)
    response = commune.post(url, {"v.TEST_MH_DK.": "10", "v.TEST_MH_HQ.": "1,5"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "số nguyên" in html
    assert 'value="1,5"' in html  # what was typed stays in its cell
    assert not DataValue.objects.exists()


def test_locked_page_is_read_only(commune, quarterly, period, bodies):
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"], status="submitted"
    )
    response = commune.get(entry_url(quarterly, period, bodies["commune"]))
    html = response.content.decode()
    assert "<input id=" not in html
    assert "khóa" in html
    cell = commune.post(
        reverse("datasets:entry_cell", args=[submission.pk]), {"v.TEST_MH_DK.": "1"}
    )
    assert "khóa" in cell.content.decode()
    assert not DataValue.objects.exists()


def test_reader_sees_values_read_only_and_opens_nothing(
    client, users, quarterly, period, bodies
):
    client.force_login(users["viewer"])
    response = client.get(entry_url(quarterly, period, bodies["commune"]))
    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert "<input id=" not in response.content.decode()


def test_out_of_scope_body_is_404(client, users, quarterly, period, bodies):
    client.force_login(users["sibling"])
    response = client.get(entry_url(quarterly, period, bodies["commune"]))
    assert response.status_code == 404
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    cell = client.post(
        reverse("datasets:entry_cell", args=[submission.pk]), {"v.TEST_MH_DK.": "1"}
    )
    assert cell.status_code == 404


def test_body_that_does_not_report_is_told_so(commune, quarterly, period, bodies):
    response = commune.get(entry_url(quarterly, period, bodies["front"]))
    assert response.status_code == 200
    assert "không báo cáo" in response.content.decode()
    assert not Submission.objects.exists()


def test_previous_period_and_numbers_shown_the_vietnamese_way(
    commune, quarterly, period, bodies, users
):
    before = PeriodFactory.create(number=2)
    old = SubmissionFactory.create(
        form=quarterly, period=before, body=bodies["commune"]
    )
    values.save_values(
        actor=users["commune"], submission=old, rows=[("TEST_MH_DK", "", "15000000")]
    )
    response = commune.get(entry_url(quarterly, period, bodies["commune"]))
    assert "↺ 15.000.000" in response.content.decode()


def test_the_form_changed_shows_removed_values_apart(
    commune, quarterly, period, bodies, users
):
    from danvan.datasets.models import FormIndicator

    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    values.save_values(
        actor=users["commune"],
        submission=submission,
        rows=[("TEST_DOI_THOAI", "", "7")],
    )
    FormIndicator.objects.filter(indicator__code="TEST_DOI_THOAI").delete()
    html = commune.get(entry_url(quarterly, period, bodies["commune"])).content.decode()
    assert "không còn trong biểu mẫu" in html
    assert 'name="v.TEST_DOI_THOAI."' not in html


def _grow(form, n):
    gender = BreakdownFactory.create()
    for i in range(n):
        FormIndicatorFactory.create(
            form=form,
            indicator=IndicatorFactory.create(
                code=f"TEST_MANY_{i}", breakdown=gender if i % 2 else None
            ),
        )


@pytest.mark.parametrize("extra", [0, 60])
def test_page_queries_are_pinned(commune, quarterly, period, bodies, users, extra):
    _grow(quarterly, extra)
    before = PeriodFactory.create(number=2)
    for p in (before, period):
        submission = SubmissionFactory.create(
            form=quarterly, period=p, body=bodies["commune"]
        )
        rows = [(f"TEST_MANY_{i}", "", str(i)) for i in range(extra)]
        values.save_values(actor=users["commune"], submission=submission, rows=rows)
    url = entry_url(quarterly, period, bodies["commune"])
    commune.get(url)  # the scope cached, as on any page after the first
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = commune.get(url)
    assert response.status_code == 200
    assert (
        len(re.findall("data-cell", response.content.decode()))
        == 3 + extra + extra // 2 * 2
    )
    assert len(queries) <= 12  # the same with 3 cells or 123


@pytest.mark.parametrize("extra", [0, 60])
def test_cell_queries_are_pinned(commune, quarterly, period, bodies, extra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow(quarterly, extra)
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    url = reverse("datasets:entry_cell", args=[submission.pk])
    commune.post(url, {"v.TEST_MH_DK.": "1"})  # the scope cached
    with CaptureQueriesContext(connection) as queries:
        response = commune.post(url, {"v.TEST_MH_DK.": "2"})
    assert "đã lưu" in response.content.decode()
    # With or without breakdowns and 60 more indicators: one read of the
    # form's items, the reporters' check (4), the value, its write and audit,
    # the rules (2).
    assert len(queries) <= 17
