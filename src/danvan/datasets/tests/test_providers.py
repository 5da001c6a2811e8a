"""Indicators provided by the people's apps' registers: made after migrate,
summed by ``datasets.aggregate.sums`` from the registers through lineage, by
sub-unit and period, scoped to the reader, one grouped query per register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.common.actors import system_actor
from danvan.datasets import providers
from danvan.datasets.aggregate import sums
from danvan.datasets.models import Indicator, Period
from danvan.datasets.tests.factories import (
    DataValueFactory,
    FormIndicatorFactory,
    IndicatorFactory,
    PeriodFactory,
    ReportFormFactory,
    SubmissionFactory,
)
from danvan.dialogues.models import Issue, Reception, Session
from danvan.incidents.models import Incident
from danvan.petitions.models import Kind, Petition, RuleSet
from danvan.petitions.models import Status as PetitionStatus
from danvan.situation.models import Assessment, Entry, Topic
from danvan.units import services as units
from danvan.units.models import Body

D = dt.date
YEAR = (D(2026, 1, 1), D(2026, 12, 31))


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


class People:
    """Rows of the four registers in xã Trạm Tấu (and its former xã Pá Lau)
    and xã Hạnh Phúc, 2026."""

    def __init__(self, tree: dict[str, Any], bodies: dict[str, Body]) -> None:
        self.tree = tree
        self.bodies = bodies
        self.topic, _made = Topic.objects.get_or_create(
            code="land", defaults={"name": "Đất đai"}
        )
        self.committee = units.create_body(
            actor=system_actor(),
            name="UBND xã Trạm Tấu",
            kind=Body.Kind.PEOPLES_COMMITTEE,
            area=tree["commune"],
        )
        self.rules, _made = RuleSet.objects.get_or_create(
            valid_from=D(2012, 7, 1),
            defaults={"name": "Luật 2011", "basis": "Luật Khiếu nại 2011"},
        )

    def incident(self, area: Any, arose_on: dt.date, **kw: Any) -> Incident:
        row = Incident(
            title=f"Tranh chấp đất {arose_on}",
            area=area,
            topic=self.topic,
            owner_body=self.bodies["commune"],
            arose_on=arose_on,
            **kw,
        )
        row.save()
        return row

    def entry(self, area: Any, on: dt.date, assessment: str) -> Entry:
        row = Entry(
            body=self.bodies["commune"],
            area=area,
            period=Period.objects.of("quarter", on.year, (on.month - 1) // 3 + 1),
            topic=self.topic,
            assessment=assessment,
            summary="Nhân dân quan tâm việc bồi thường.",
            observed_on=on,
        )
        row.save()
        return row

    def petition(self, area: Any, received_on: dt.date, **kw: Any) -> Petition:
        row = Petition(
            received_on=received_on,
            kind=kw.pop("kind", Kind.RECOMMENDATION),
            subject="Đề nghị làm rõ ranh giới đất",
            content="…",
            area=area,
            received_by=self.committee,
            handling_body=self.committee,
            rule_set=self.rules,
            **kw,
        )
        row.save()
        return row

    def session(self, held_on: dt.date, body: Body | None = None) -> Session:
        row = Session(
            body=body or self.bodies["commune"],
            area=(body or self.bodies["commune"]).area,
            held_on=held_on,
            leader_name="Nguyễn Văn A",
            leader_title="Bí thư Đảng ủy xã",
            audience="Nhân dân thôn Trung Tâm",
            participants=40,
        )
        row.save()
        return row


@pytest.fixture
def people(tree, bodies, settings) -> People:
    settings.DANVAN_TODAY = "2026-12-06"
    return build_people(tree, bodies)


def build_people(tree: dict[str, Any], bodies: dict[str, Body]) -> People:
    """The rows of the tests (shared with the report draft's)."""
    p = People(tree, bodies)
    commune, sibling, pa_lau = tree["commune"], tree["sibling"], tree["pa_lau"]
    # Hot spots: two in xã Trạm Tấu (one in the former xã Pá Lau, before the
    # merger), one in xã Hạnh Phúc.
    p.incident(pa_lau, D(2025, 3, 1), people=30, closed_on=D(2026, 2, 10))
    p.incident(commune, D(2026, 1, 20), people=12, due_on=D(2026, 3, 1))
    p.incident(sibling, D(2026, 2, 5), people=8, closed_on=D(2026, 5, 5))
    # Situation: xã Trạm Tấu complex in January and March (one place), its
    # village with signs in March; xã Hạnh Phúc stable.
    p.entry(commune, D(2026, 1, 10), Assessment.COMPLEX)
    p.entry(commune, D(2026, 3, 10), Assessment.COMPLEX)
    p.entry(tree["village"], D(2026, 3, 12), Assessment.SIGNS)
    p.entry(sibling, D(2026, 2, 1), Assessment.STABLE)
    # Petitions in xã Trạm Tấu.
    p.petition(commune, D(2026, 1, 5), kind=Kind.COMPLAINT, crowd=True, people=7)
    p.petition(
        commune,
        D(2026, 1, 6),
        accepted_on=D(2026, 1, 9),
        answered_on=D(2026, 1, 20),
        next_due_on=D(2026, 1, 30),
        status=PetitionStatus.ANSWERED,
    )
    p.petition(commune, D(2026, 4, 1), next_due_on=D(2026, 4, 20))
    # Dialogues in xã Trạm Tấu: one session, three opinions.
    session = p.session(D(2026, 2, 14))
    Issue.objects.create(session=session, raised_by="Ông B", content="Đường")
    Issue.objects.create(
        session=session,
        raised_by="Bà C",
        content="Nước sạch",
        status=Issue.Status.ASSIGNED,
        assigned_body=p.committee,
        due_on=D(2026, 3, 1),
    )
    Issue.objects.create(
        session=session,
        raised_by="Ông D",
        content="Điện",
        status=Issue.Status.DONE,
        assigned_body=p.committee,
        due_on=D(2026, 3, 1),
        answered_on=D(2026, 3, 20),
    )
    Reception(
        body=p.bodies["commune"],
        held_on=D(2026, 2, 20),
        leader_name="Nguyễn Văn A",
        leader_title="Bí thư",
        citizens=9,
    ).save()
    return p


def test_provided_indicators_are_made_after_migrate(db):
    made = Indicator.objects.filter(provider__gt="")
    codes = {f.code for f in providers.figures()}
    assert set(made.values_list("code", flat=True)) == codes
    received = indicator("DON_TIEP_NHAN")
    assert received.provider == "petitions.received"
    assert received.is_provided
    assert indicator("DN_QUA_HAN").aggregation == "last"
    # Running it again changes nothing.
    assert providers.sync_indicators() == 0
    # Every app declares its registers.
    keys = {r.key for r in providers.registers()}
    assert {"situation.entries", "incidents.incidents", "petitions.petitions"} <= keys
    assert {"dialogues.sessions", "dialogues.issues", "dialogues.receptions"} <= keys


def test_sync_restores_a_changed_provided_indicator(db):
    row = indicator("DN_PHAT_SINH")
    row.name = "Tên khác"
    row.aggregation = "average"
    row.save()
    assert providers.sync_indicators() == 1
    row.refresh_from_db()
    assert row.name == "Số điểm nóng phát sinh trong kỳ"
    assert row.aggregation == "sum"


def test_sums_by_unit_through_lineage(people, users, tree):
    arisen, people_in = indicator("DN_PHAT_SINH"), indicator("DN_SO_NGUOI")
    result = sums(
        user=users["province"],
        indicators=[arisen, people_in],
        area=tree["province"],
        start=D(2025, 1, 1),
        end=YEAR[1],
        period_type="year",
        by=("indicator", "unit"),
    )
    units_by_pk = {u.pk: u for u in result.units}
    commune = units_by_pk[tree["commune"].pk]
    sibling = units_by_pk[tree["sibling"].pk]
    # The former xã Pá Lau's 2025 hot spot counts for today's xã Trạm Tấu.
    assert result.value(arisen, commune) == Decimal(2)
    assert result.value(arisen, sibling) == Decimal(1)
    assert result.total(arisen) == Decimal(3)
    assert result.total(people_in) == Decimal(50)


def test_sums_by_period_flows_and_stocks(people, users, tree):
    arisen, closed = indicator("DN_PHAT_SINH"), indicator("DN_KET_THUC")
    still, overdue = indicator("DN_DANG_THEO_DOI"), indicator("DN_QUA_HAN")
    result = sums(
        user=users["province"],
        indicators=[arisen, closed, still, overdue],
        area=tree["province"],
        start=YEAR[0],
        end=YEAR[1],
        period_type="quarter",
        by=("indicator", "period"),
    )
    q1, q2 = result.periods[0], result.periods[1]
    assert q1.label == "quý I/2026"
    assert result.value(arisen, None, q1) == Decimal(2)
    assert result.value(closed, None, q1) == Decimal(1)
    assert result.value(closed, None, q2) == Decimal(1)
    # Open at the end of quarter I: xã Trạm Tấu's and xã Hạnh Phúc's.
    assert result.value(still, None, q1) == Decimal(2)
    assert result.value(still, None, q2) == Decimal(1)
    # Quarter IV runs until today (6/12/2026): counted then; the periods
    # not begun are not asked.
    assert [p.label for p in result.periods][-1] == "quý IV/2026"
    assert result.value(overdue, None, q1) == Decimal(1)
    # Flows add up; stocks are the last period's.
    assert result.total(arisen) == Decimal(2)
    assert result.total(closed) == Decimal(2)
    assert result.total(still) == Decimal(1)


def test_places_are_counted_once_over_the_span(people, users, tree):
    places = indicator("TNND_DIA_BAN_PHUC_TAP")
    complex_ = indicator("TNND_PHUC_TAP")
    result = sums(
        user=users["province"],
        indicators=[places, complex_],
        area=tree["province"],
        start=YEAR[0],
        end=D(2026, 3, 31),
        period_type="month",
        by=("indicator", "period"),
    )
    jan, _feb, mar = result.periods
    assert result.value(places, None, jan) == Decimal(1)
    assert result.value(places, None, mar) == Decimal(2)  # the commune, the village
    # Over the quarter: two places, not three.
    assert result.total(places) == Decimal(2)
    assert result.total(complex_) == Decimal(2)
    whole = sums(
        user=users["province"],
        indicators=[places],
        area=tree["commune"],
        start=YEAR[0],
        end=D(2026, 3, 31),
        period_type="month",
        by=("indicator", "unit"),
    )
    assert whole.total(places) == Decimal(2)


def test_petitions_and_dialogues(people, users, tree):
    codes = [
        "DON_TIEP_NHAN",
        "DON_KHIEU_NAI",
        "DON_DONG_NGUOI",
        "DON_THU_LY",
        "DON_DA_GIAI_QUYET",
        "DON_GIAI_QUYET_DUNG_HAN",
        "DON_QUA_HAN",
        "DTTT_CUOC",
        "DTTT_NGUOI_DU",
        "DTTT_Y_KIEN",
        "DTTT_TRA_LOI_TAI_CHO",
        "DTTT_GIAO_DA_TRA_LOI",
        "DTTT_GIAO_QUA_HAN",
        "TCD_NGAY_DINH_KY",
        "TCD_LUOT_CONG_DAN",
    ]
    result = sums(
        user=users["province"],
        indicators=[indicator(c) for c in codes],
        area=tree["commune"],
        start=YEAR[0],
        end=D(2026, 3, 31),
        period_type="quarter",
    )
    got = {c: result.total(indicator(c)) for c in codes}
    assert got == {
        "DON_TIEP_NHAN": 2,
        "DON_KHIEU_NAI": 1,
        "DON_DONG_NGUOI": 1,
        "DON_THU_LY": 1,
        "DON_DA_GIAI_QUYET": 1,
        "DON_GIAI_QUYET_DUNG_HAN": 1,
        "DON_QUA_HAN": 0,
        "DTTT_CUOC": 1,
        "DTTT_NGUOI_DU": 40,
        "DTTT_Y_KIEN": 3,
        "DTTT_TRA_LOI_TAI_CHO": 1,
        "DTTT_GIAO_DA_TRA_LOI": 1,
        # At the end of quarter I, both assignments were past due; one was
        # answered on 20/3 (late), the other not yet.
        "DTTT_GIAO_QUA_HAN": 1,
        "TCD_NGAY_DINH_KY": 1,
        "TCD_LUOT_CONG_DAN": 9,
    }
    later = sums(
        user=users["province"],
        indicators=[indicator("DON_QUA_HAN")],
        area=tree["commune"],
        start=YEAR[0],
        end=YEAR[1],
        period_type="year",
    )
    # Received 1/4, due 20/4, still open: overdue today.
    assert later.total(indicator("DON_QUA_HAN")) == Decimal(1)


def test_a_commune_reader_sums_only_its_own_rows(people, users, tree):
    arisen = indicator("DN_PHAT_SINH")
    seen = sums(
        user=users["sibling"],
        indicators=[arisen],
        area=tree["province"],
        start=YEAR[0],
        end=YEAR[1],
        period_type="year",
    )
    assert seen.total(arisen) == Decimal(1)  # xã Hạnh Phúc's only


def test_body_sums_read_the_responsible_body(people, users, tree):
    arisen = indicator("DN_PHAT_SINH")
    own = sums(
        user=users["province"],
        indicators=[arisen],
        body=people.bodies["commune"],
        start=D(2025, 1, 1),
        end=YEAR[1],
        period_type="year",
        by=("indicator", "unit"),
    )
    assert own.total(arisen) == Decimal(3)  # the commune's Party committee owns all
    other = sums(
        user=users["province"],
        indicators=[arisen],
        body=people.bodies["sibling"],
        start=D(2025, 1, 1),
        end=YEAR[1],
        period_type="year",
    )
    assert other.total(arisen) is None


def test_typed_and_provided_together_one_query_per_register(people, users, tree):
    form = ReportFormFactory.create(
        owner_body=people.bodies["province"], area=tree["province"]
    )
    typed = IndicatorFactory.create(code="T_TYPED")
    FormIndicatorFactory.create(form=form, indicator=typed)
    period = PeriodFactory.create(type="quarter", year=2026, number=1)
    submission = SubmissionFactory.create(
        form=form, period=period, body=people.bodies["commune"]
    )
    DataValueFactory.create(submission=submission, indicator=typed, number=4)
    provided = list(Indicator.objects.filter(provider__gt=""))
    registers = {
        found[0].key
        for i in provided
        if (found := providers.figure_of(i.provider)) is not None
    }
    tables = {
        "datasets_datavalue",
        "situation_entry",
        "incidents_incident",
        "dialogues_session",
        "dialogues_issue",
        "dialogues_reception",
        "petitions_petition",
    }
    assert len(registers) == len(tables) - 1
    for by in (("indicator",), ("indicator", "unit", "period")):
        ask = {
            "user": users["province"],
            "indicators": [typed, *provided],
            "area": tree["province"],
            "start": YEAR[0],
            "end": YEAR[1],
            "period_type": "quarter",
            "by": by,
        }
        sums(**ask)  # the scope and the lineage warm up
        with CaptureQueriesContext(connection) as queries:
            result = sums(**ask)
        read = [
            table
            for q in queries.captured_queries
            for table in tables
            if f'FROM "{table}"' in q["sql"]
        ]
        # One grouped query for the typed values, one per register.
        assert sorted(read) == sorted(tables)
        # Besides, the lineage walk and, by unit, the sub-units (as typed sums).
        assert len(queries) <= len(tables) + (6 if "unit" in by else 4)
        assert result.total(typed) == Decimal(4)
        assert result.total(indicator("DN_PHAT_SINH")) == Decimal(2)


def test_custom_span_is_one_period(people, users, tree):
    received = indicator("DON_TIEP_NHAN")
    result = sums(
        user=users["province"],
        indicators=[received],
        area=tree["province"],
        start=D(2026, 1, 6),
        end=D(2026, 4, 1),
        period_type="custom",
        by=("indicator", "period"),
    )
    assert [p.start for p in result.periods] == [D(2026, 1, 6)]
    assert result.total(received) == Decimal(2)


def test_periods_of_a_span(settings):
    settings.DANVAN_TODAY = "2026-12-06"
    assert providers.span_periods("quarter", D(2026, 2, 1), D(2027, 3, 31)) == [
        (D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 10, 1), D(2026, 12, 31)),
    ]
    assert providers.span_periods("6m", D(2024, 1, 1), D(2025, 12, 31)) == [
        (D(2024, 1, 1), D(2024, 6, 30)),
        (D(2025, 1, 1), D(2025, 6, 30)),
    ]
    assert providers.span_periods("custom", D(2027, 1, 1), D(2027, 2, 1)) == []


def test_the_sums_api_and_page_answer_provided_indicators(client, people, users, tree):
    client.force_login(users["province"])
    params = {
        "indicators": "DN_PHAT_SINH,DON_TIEP_NHAN",
        "area": str(tree["province"].pk),
        "start": "2026-01-01",
        "end": "2026-12-31",
        "period_type": "quarter",
        "by": "unit",
    }
    response = client.get("/api/v1/figures/sums/", params)
    assert response.status_code == 200
    data = response.json()
    totals = {t["indicator"]: t["value"] for t in data["totals"]}
    assert totals[indicator("DN_PHAT_SINH").pk] == "2"
    assert totals[indicator("DON_TIEP_NHAN").pk] == "3"
    # A new hot spot shows at once (the kept sums watch the register).
    people.incident(tree["sibling"], D(2026, 11, 2))
    again = client.get("/api/v1/figures/sums/", params).json()
    totals = {t["indicator"]: t["value"] for t in again["totals"]}
    assert totals[indicator("DN_PHAT_SINH").pk] == "3"
    page = client.get(
        "/figures/sums/",
        {
            **params,
            "indicators": str(indicator("DN_PHAT_SINH").pk),
            "start": "01/01/2026",
            "end": "31/12/2026",
        },
    )
    assert page.status_code == 200
    assert "Số điểm nóng phát sinh trong kỳ" in page.content.decode()


def test_a_petition_settled_after_its_deadline_is_not_on_time(people, users, tree):
    # A complaint decided on 20/3 when its first decision was due on 4/3.
    people.petition(
        tree["commune"],
        D(2026, 2, 1),
        kind=Kind.COMPLAINT,
        accepted_on=D(2026, 2, 2),
        decided_on=D(2026, 3, 20),
        settled_due_on=D(2026, 3, 4),
        status=PetitionStatus.DECIDED,
    )
    settled, on_time = (
        indicator("DON_DA_GIAI_QUYET"),
        indicator("DON_GIAI_QUYET_DUNG_HAN"),
    )
    result = sums(
        user=users["province"],
        indicators=[settled, on_time],
        area=tree["commune"],
        start=YEAR[0],
        end=D(2026, 3, 31),
        period_type="quarter",
    )
    assert result.total(settled) == Decimal(2)
    assert result.total(on_time) == Decimal(1)
