"""The reports of the units below (``merge.below``): the sent ones with their
sections, the writers missing, the number expected; one query per kind of
row whatever the number of units."""

from __future__ import annotations

import pytest

from danvan.common.actors import system_actor
from danvan.reports import merge
from danvan.reports.models import Report
from danvan.reports.tests.conftest import _body
from danvan.reports.tests.factories import ReportFactory, advance

pytestmark = pytest.mark.django_db
Status = Report.Status


@pytest.fixture
def province_report(types, bodies):
    return ReportFactory.create(
        report_type=types["province"],
        body=bodies["province"],
        period=("quarter", 2026, 1),
    )


def test_below_lists_the_sent_reports_and_who_is_missing(
    province_report, report, types, bodies
):
    found = merge.below(province_report)
    assert found.reports == []
    assert found.expected == 2
    assert [b.pk for b in found.missing] == [bodies["commune"].pk, bodies["sibling"].pk]

    advance(report, Status.SENT)
    # The sibling's is approved but not sent: not yet among the level above's.
    sibling = ReportFactory.create(
        report_type=types["commune"], body=bodies["sibling"], period=report.period
    )
    advance(sibling, Status.APPROVED)
    found = merge.below(province_report)
    assert found.reports == [report]
    assert found.sent == 1
    assert found.expected == 2
    assert found.missing == [bodies["sibling"]]
    keys = [s.key for s in found.reports[0].sections.all()]
    assert keys == list(report.sections.values_list("key", flat=True))
    situation = found.sections("situation")
    assert [(r.pk, s.key) for r, s in situation] == [(report.pk, "situation")]


def test_below_is_for_the_same_period_only(province_report, types, bodies):
    other = ReportFactory.create(
        report_type=types["commune"],
        body=bodies["commune"],
        period=("quarter", 2026, 2),
    )
    advance(other, Status.SENT)
    assert merge.below(province_report).reports == []


def test_a_commune_has_no_units_below(report):
    found = merge.below(report)
    assert (found.reports, found.missing, found.expected) == ([], [], 0)


def test_below_reads_the_same_queries_whatever_the_number_of_units(
    province_report, report, types, bodies, tree, django_assert_num_queries
):
    advance(report, Status.SENT)
    # The area's lineage (two steps), the types, the writers (their rule's
    # lineage walks, four, and the bodies), the reports and their sections.
    with django_assert_num_queries(10) as few:
        merge.below(province_report)
    # Three more communes under the province, each with its report sent.
    from danvan.units.models import Area

    for code in ("04465", "04456", "04630"):
        area = Area.objects.get(code=code, valid_to__isnull=True)
        body = _body(f"Đảng ủy xã {area.name}", area, "ĐU")
        advance(
            ReportFactory.create(
                report_type=types["commune"], body=body, period=report.period
            ),
            Status.SENT,
        )
    grown = merge.below(province_report)
    assert grown.sent == 4
    assert grown.expected == 5
    with django_assert_num_queries(len(few.captured_queries)):
        merge.below(province_report)


def test_below_for_a_reader_shows_only_what_they_read(
    province_report, report, users, types, bodies
):
    advance(report, Status.SENT)
    sibling = ReportFactory.create(
        report_type=types["commune"], body=bodies["sibling"], period=report.period
    )
    advance(sibling, Status.SENT)
    assert len(merge.below(province_report).reports) == 2
    assert merge.below(province_report, users["province"]).sent == 2
    assert merge.below(province_report, users["commune"]).reports == [report]
    assert system_actor() is not None
