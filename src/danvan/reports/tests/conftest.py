"""Fixtures of the reports tests: the Party bodies of
the test tree with their terms, the communes' quarterly report type and the
province's, the approvers of xã Trạm Tấu and a report of quarter I/2026."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_user
from danvan.accounts.models import Membership
from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.reports.tests.factories import ReportFactory, ReportTypeFactory
from danvan.units import services as units
from danvan.units.models import Body

D = dt.date


def _body(name: str, area, code: str, kind: str = Body.Kind.PARTY_COMMITTEE):
    body = units.create_body(
        actor=system_actor(), name=name, kind=kind, area=area, abbreviation=code
    )
    if kind == Body.Kind.PARTY_COMMITTEE:
        documents.add_term(
            actor=system_actor(),
            body=body,
            name="Nhiệm kỳ 2025-2030",
            starts_on=D(2025, 7, 1),
        )
    return body


@pytest.fixture
def bodies(tree):
    """The Party committees of the province and its two communes (with
    their terms, so their reports are numbered)."""
    return {
        "province": _body("Tỉnh ủy Lào Cai", tree["province"], "TU"),
        "commune": _body("Đảng ủy xã Trạm Tấu", tree["commune"], "ĐU"),
        "sibling": _body("Đảng ủy xã Hạnh Phúc", tree["sibling"], "ĐU"),
    }


@pytest.fixture
def approvers(tree, users):
    """The approver of xã Trạm Tấu (its own unit) and a second editor."""
    return {
        "commune": make_user(
            "duyet.thu", area=tree["commune"], role=Membership.Role.APPROVER
        ),
        "editor2": make_user("bientap2", area=tree["commune"]),
    }


@pytest.fixture
def types(bodies, tree):
    """The communes' quarterly type and the province's, both of the Tỉnh ủy."""
    return {
        "commune": ReportTypeFactory.create(
            code="bc-xa-quy",
            name="Báo cáo công tác dân vận quý của cấp xã",
            owner_body=bodies["province"],
            area=tree["province"],
            reporter_level="commune",
        ),
        "province": ReportTypeFactory.create(
            code="bc-tinh-quy",
            name="Báo cáo công tác dân vận quý của tỉnh",
            owner_body=bodies["province"],
            area=tree["province"],
            reporter_level="province",
        ),
    }


@pytest.fixture
def report(types, bodies):
    """Xã Trạm Tấu's report of quarter I/2026 (a draft)."""
    return ReportFactory.create(
        report_type=types["commune"],
        body=bodies["commune"],
        period=("quarter", 2026, 1),
    )
