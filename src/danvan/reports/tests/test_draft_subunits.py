"""The draft of a level with units below: who sent their report, who has
not, in the text, the shortcomings and the annex."""

from __future__ import annotations

import re

from danvan.reports.draft import write_draft
from danvan.reports.models import Report
from danvan.reports.tests.factories import ReportFactory, advance

FIGURE = re.compile(r'<a href="(/[^"]*)" data-figure="([^"]+)">([^<]+)</a>')


def test_the_province_draft_names_the_communes_that_sent_and_those_missing(
    types, bodies, django_assert_max_num_queries
):
    sent = ReportFactory.create(
        report_type=types["commune"],
        body=bodies["commune"],
        period=("quarter", 2026, 1),
    )
    advance(sent, Report.Status.SENT)
    province = ReportFactory.create(
        report_type=types["province"],
        body=bodies["province"],
        period=("quarter", 2026, 1),
    )

    with django_assert_max_num_queries(45):
        draft = write_draft(province)

    results = draft.sections["results"]
    found = {key: (href, shown) for href, key, shown in FIGURE.findall(results)}
    href, shown = found["subunits.sent"]
    assert shown == "1/2"
    assert href == f"/reports/{province.pk}/below/"
    assert "chưa gửi: Đảng ủy xã Hạnh Phúc" in results
    shortcomings = draft.sections["shortcomings"]
    assert 'data-figure="subunits.missing">1</a> đơn vị chưa gửi' in shortcomings
    table = draft.annex[-1]
    assert table["title"] == "Tình hình gửi báo cáo quý I/2026 của các đơn vị"
    assert table["rows"][0][1] == {
        "text": "Đảng ủy xã Trạm Tấu",
        "href": f"/reports/{sent.pk}/",
    }
    assert table["rows"][0][2] == sent.reference
    assert table["rows"][1] == [2, "Đảng ủy xã Hạnh Phúc", "", "", "Chưa gửi"]
    assert table["note"] == "1/2 đơn vị đã gửi báo cáo."


def test_a_commune_has_no_units_below(report):
    draft = write_draft(report)

    assert "đơn vị đã gửi" not in draft.sections["results"]
    assert all("Tình hình gửi báo cáo" not in t["title"] for t in draft.annex)
