"""The system's draft (``reports.draft.write_draft``): sentences from the
registers, every figure a link with its key, the annex, an empty period."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from danvan.common.actors import system_actor
from danvan.datasets.models import Indicator, Period
from danvan.datasets.services import approval
from danvan.datasets.services.submissions import open_submission
from danvan.datasets.services.values import save_value
from danvan.datasets.tests.factories import (
    FormIndicatorFactory,
    IndicatorFactory,
    ReportFormFactory,
)
from danvan.documents.services import register_document
from danvan.ingestion import services as ingestion
from danvan.ingestion.schema import empty_facts
from danvan.initiatives.models import Field, Initiative
from danvan.initiatives.tests.factories import InitiativeFactory
from danvan.meetings.services import meetings
from danvan.plans import services as plans
from danvan.reports import schedule
from danvan.reports.draft import write_draft
from danvan.reports.html import clean_html
from danvan.reports.models import OutlineSection, Report, ReportSection, ReportType
from danvan.reports.outline import DEFAULT_OUTLINE
from danvan.reports.sources.figures import form_periods
from danvan.units import services as units
from danvan.units.models import Body

FIGURE = re.compile(r'<a href="(/[^"]*)" data-figure="([^"]+)">([^<]+)</a>')


def make_type(owner: Body, area, *, period_type="year", level="commune", forms=()):
    report_type = ReportType.objects.create(
        code=f"bc-{period_type}-{level}",
        name="Báo cáo công tác dân vận",
        period_type=period_type,
        owner_body=owner,
        area=area,
        reporter_level=level,
        reporter_kinds=["party_committee"],
    )
    for order, part in enumerate(DEFAULT_OUTLINE, 1):
        OutlineSection.objects.create(
            report_type=report_type,
            key=part.key,
            title=part.title,
            level=part.level,
            order=order,
            fills=[str(f) for f in part.fills],
            body_kinds=part.body_kinds,
            indicators=part.indicators,
        )
    report_type.forms.set(forms)
    return report_type


def make_report(report_type: ReportType, body: Body, period: Period) -> Report:
    start, end = schedule.span(report_type, period)
    report = Report.objects.create(
        report_type=report_type,
        period=period,
        body=body,
        title=report_type.subject.format(period=str(period)),
        due_on=schedule.due_on(report_type, period),
        span_start=start,
        span_end=end,
    )
    for section in report_type.outline.all():
        ReportSection.objects.create(
            report=report,
            key=section.key,
            title=section.title,
            level=section.level,
            order=section.order,
        )
    return report


def body(name, area, kind, **fields):
    return units.create_body(
        actor=system_actor(), name=name, kind=kind, area=area, **fields
    )


@pytest.fixture
def bodies(tree):
    kind = Body.Kind
    province = body("Tỉnh ủy Lào Cai", tree["province"], kind.PARTY_COMMITTEE)
    return {
        "province": province,
        "commune": body(
            "Đảng ủy xã Trạm Tấu",
            tree["commune"],
            kind.PARTY_COMMITTEE,
            abbreviation="ĐU",
        ),
        "sibling": body("Đảng ủy xã Hạnh Phúc", tree["sibling"], kind.PARTY_COMMITTEE),
        "people": body(
            "Ủy ban nhân dân xã Trạm Tấu", tree["commune"], kind.PEOPLES_COMMITTEE
        ),
        "police": body("Công an xã Trạm Tấu", tree["commune"], kind.POLICE),
    }


def figures_of(html: str) -> dict[str, tuple[str, str]]:
    """Figure key → (address, text shown)."""
    return {key: (href, shown) for href, key, shown in FIGURE.findall(html)}


def test_an_empty_period_writes_plain_sentences(tree, bodies):
    report_type = make_type(bodies["province"], tree["province"], period_type="quarter")
    period = Period.objects.of("quarter", 2026, 1)
    report = make_report(report_type, bodies["commune"], period)

    draft = write_draft(report)

    assert list(draft.sections) == [p.key for p in DEFAULT_OUTLINE]
    assert "chưa có văn bản nào" in draft.sections["committee"]
    assert "chưa có hội nghị nào" in draft.sections["committee"]
    assert "Chưa có kế hoạch nào" in draft.sections["results"]
    assert "không có nhiệm vụ nào" in draft.sections["results"]
    assert "chưa có mô hình “Dân vận khéo”" in draft.sections["dvk"]
    assert "không có chỉ tiêu chưa đạt" in draft.sections["shortcomings"]
    assert "quý II/2026" in draft.sections["directions"]
    assert draft.sections["proposals"] == ""
    assert draft.annex == []
    for html in draft.sections.values():
        assert clean_html(html) == html


@pytest.fixture
def registers(tree, bodies):
    """A year of xã Trạm Tấu's work: documents, meetings, tasks, a plan with
    targets, figures, models, a confirmed text; and the sibling's, which
    must not count."""
    actor = system_actor()
    commune, people = bodies["commune"], bodies["people"]
    area = tree["commune"]
    for symbol, issued_on, issuer in (
        ("05-KH/ĐU", dt.date(2026, 2, 10), commune),
        ("06-KH/ĐU", dt.date(2026, 3, 1), commune),
        ("02-HD/ĐU", dt.date(2026, 4, 2), commune),
        ("15-NQ/ĐU", dt.date(2026, 5, 2), commune),
        ("12/KH-UBND", dt.date(2026, 6, 1), people),
        # Before the span (15/12/2025 – 14/12/2026): not counted.
        ("01-KH/ĐU", dt.date(2025, 12, 1), commune),
    ):
        register_document(
            actor=actor,
            area=area,
            symbol_text=symbol,
            issued_on=issued_on,
            title=f"Văn bản {symbol}",
            issuer_body=issuer,
        )
    register_document(
        actor=actor,
        area=tree["sibling"],
        symbol_text="07-KH/ĐU",
        issued_on=dt.date(2026, 3, 1),
        title="Kế hoạch của xã Hạnh Phúc",
        issuer_body=bodies["sibling"],
    )
    meeting = meetings.create_meeting(
        actor=actor,
        convening_body=commune,
        kind="giao_ban",
        title="Giao ban công tác dân vận quý I/2026",
        held_on=dt.date(2026, 4, 5),
    )
    for text in ("Tăng cường đối thoại.", "Rà soát mô hình."):
        meetings.add_conclusion(actor=actor, meeting=meeting, text=text)
    meetings.create_meeting(
        actor=actor,
        convening_body=commune,
        kind="tap_huan",
        title="Tập huấn công tác dân vận",
        held_on=dt.date(2026, 6, 5),
    )
    done = meetings.create_task(
        actor=actor,
        meeting=meeting,
        title="Tổ chức đối thoại với nhân dân thôn Trung Tâm",
        owner_body=commune,
        due_on=dt.date(2026, 6, 30),
    )
    meetings.set_task_status(
        actor=actor, task=done, status="done", on=dt.date(2026, 6, 20)
    )
    meetings.create_task(
        actor=actor,
        meeting=meeting,
        title="Rà soát các mô hình dân vận khéo",
        owner_body=commune,
        due_on=dt.date(2026, 9, 30),
    )
    meetings.create_task(
        actor=actor,
        meeting=meeting,
        title="Xây dựng kế hoạch năm 2027",
        owner_body=commune,
        due_on=dt.date(2027, 1, 15),
    )
    plan = plans.create_plan(
        actor=actor,
        area=area,
        body=commune,
        starts_year=2026,
        symbol_text="03-KH/ĐU",
        issued_on=dt.date(2025, 12, 20),
        title="Kế hoạch công tác dân vận năm 2026",
    )
    group = plan.groups.order_by("order")[0]
    judged = []
    for name, goal, achieved in (
        ("Số mô hình dân vận khéo", 10, 12),
        ("Số cuộc đối thoại", 4, 4),
        ("Tỷ lệ hộ thoát nghèo", 10, 6),
        ("Số buổi tuyên truyền", 20, None),
    ):
        target = plans.add_target(
            actor=actor,
            plan=plan,
            group=group,
            name=name,
            target_value=Decimal(goal),
            unit="cuộc",
        )
        judged.append(target)
        if achieved is not None:
            plans.record_progress(
                actor=actor,
                target=target,
                period_type="quarter",
                period_year=2026,
                period_number=3,
                achieved=Decimal(achieved),
            )
    form = ReportFormFactory.create(
        code="test-bc-quy", name="Biểu số liệu quý", owner_body=bodies["province"]
    )
    dialogues = Indicator.objects.get(code="DT_SO_CUOC")
    FormIndicatorFactory.create(form=form, indicator=dialogues, order=1)
    extra = IndicatorFactory.create(code="TEST_KHAC", name="Số liệu khác", unit="lượt")
    FormIndicatorFactory.create(form=form, indicator=extra, order=2)
    calm = Indicator.objects.get(code="TINH_HINH_ON_DINH")  # yes or no
    FormIndicatorFactory.create(form=form, indicator=calm, order=3)
    for number, value in ((1, 3), (2, 5)):
        period = Period.objects.of("quarter", 2026, number)
        for who, n in ((commune, value), (bodies["sibling"], 100)):
            submission = open_submission(
                actor=actor, form=form, period=period, body=who
            )
            save_value(
                actor=actor,
                submission=submission,
                indicator=dialogues,
                text=str(n),
            )
            save_value(actor=actor, submission=submission, indicator=calm, text="có")
            approval.submit(actor=actor, submission=submission)
    # The same months a year before: 4 dialogues in quarter IV/2025.
    earlier = open_submission(
        actor=actor,
        form=form,
        period=Period.objects.of("quarter", 2025, 4),
        body=commune,
    )
    save_value(actor=actor, submission=earlier, indicator=dialogues, text="4")
    InitiativeFactory.create(
        area=area,
        year=2026,
        status=Initiative.Status.ACCEPTED,
        field=Field.objects.get(code="kinh-te"),
    )
    source, _created = ingestion.ingest_text(
        actor=actor,
        area=area,
        text="Xã Trạm Tấu sơ kết 6 tháng đầu năm 2026: 21 mô hình.",
        title="Trạm Tấu sơ kết 6 tháng",
    )
    facts = empty_facts()
    facts.update(
        {
            "title": "Trạm Tấu sơ kết 6 tháng",
            "period": {"start": "2026-01-01", "end": "2026-06-30"},
            "figures": [{"kind": "count", "value": 21, "what": "mô hình"}],
            "movements": ["Dân vận khéo"],
        }
    )
    ingestion.confirm_facts(actor=actor, source=source, facts=facts)
    return {"plan": plan, "form": form, "targets": judged, "meeting": meeting}


def test_the_year_draft_of_a_commune(
    tree, bodies, registers, django_assert_max_num_queries
):
    report_type = make_type(
        bodies["province"], tree["province"], forms=[registers["form"]]
    )
    period = Period.objects.of("year", 2026)
    report = make_report(report_type, bodies["commune"], period)

    # One grouped query per source, whatever the number of rows (PostgreSQL
    # adds three: the "Dân vận khéo" statistics' savepoint without JIT); the
    # people's situation: one per register (entries by topic, hot spots,
    # dialogues, their opinions, reception days, petitions).
    with django_assert_max_num_queries(52):
        draft = write_draft(report)

    for html in draft.sections.values():
        assert clean_html(html) == html
    committee = draft.sections["committee"]
    found = figures_of(committee)
    # Five of the Party committee's, the plan of 20/12/2025 among them (the
    # one of 01/12/2025 is before the span; the People's Committee's plan is
    # the government's).
    assert found["documents.committee.issued"][1] == "5"
    assert found["documents.committee.kind.ke_hoach"][1] == "3"
    assert "kind=ke_hoach" in found["documents.committee.kind.ke_hoach"][0]
    assert "Kế hoạch số 05-KH/ĐU" in committee
    assert "07-KH/ĐU" not in committee
    assert found["meetings.committee.held"][1] == "2"
    assert found["meetings.committee.conclusions"][1] == "2"
    assert "1 hội nghị giao ban" in committee
    government = figures_of(draft.sections["government"])
    assert government["documents.government.issued"][1] == "1"

    results = draft.sections["results"]
    found = figures_of(results)
    assert found["targets.achieved"][1] == "2/4"
    assert "(50%)" in results
    assert found["targets.exceeded"][1] == "1"
    assert found["targets.not_achieved"][1] == "1"
    assert found["targets.unjudged"][1] == "1"
    assert "targets.mostly" not in found
    assert found["tasks.done"][1] == "1"
    assert found["tasks.open"][1] == "2"
    # Overdue by the span's end (or today, if sooner): the one due 30/09/2026.
    assert found["tasks.overdue"][1] == "1"

    # The commune's figures only: 3 + 5 dialogues, not the sibling's.
    government = figures_of(draft.sections["government"])
    href, shown = government["figure.DT_SO_CUOC"]
    assert shown == "8 cuộc"
    assert href.startswith("/figures/sums/?")
    assert f"area={tree['commune'].pk}" in href
    reported = government["figures.test-bc-quy.reported"]
    assert reported[1] == "1/1"
    # Both quarters' figures were sent today, after their deadlines.
    assert government["figures.test-bc-quy.received"][1] == "2/4"
    assert government["figures.test-bc-quy.late"][1] == "2"
    assert "Chưa có số liệu báo cáo" in draft.sections["ethnic"]
    # A yes or no: "có", in both quarters.
    calm = Indicator.objects.get(code="TINH_HINH_ON_DINH")
    href, shown = figures_of(draft.sections["situation"])["figure.TINH_HINH_ON_DINH"]
    assert shown == "có (2/2 lượt báo cáo)"
    assert f"indicators={calm.pk}&" in href

    dvk = figures_of(draft.sections["dvk"])
    assert dvk["dvk.registered"][1] == "1"
    assert dvk["dvk.cumulative"][1] == "1"

    situation = draft.sections["situation"]
    assert "Trạm Tấu sơ kết 6 tháng" in situation
    assert "mô hình: " in situation
    assert ">21</a>" in situation

    shortcomings = draft.sections["shortcomings"]
    found = figures_of(shortcomings)
    assert found["targets.short"][1] == "1"
    assert "Tỷ lệ hộ thoát nghèo" in shortcomings
    assert "(đạt 60%)" in shortcomings
    assert found["tasks.overdue"][1] == "1"
    assert "Rà soát các mô hình dân vận khéo" in shortcomings
    assert found["figures.test-bc-quy.missing"][1] == "2"

    directions = draft.sections["directions"]
    assert "năm 2027" in directions
    assert "Xây dựng kế hoạch năm 2027" in directions
    assert figures_of(directions)["targets.remaining"][1] == "2"

    titles = [table["title"] for table in draft.annex]
    assert titles == [
        "Biểu số liệu quý (năm 2026)",
        "Kết quả thực hiện các chỉ tiêu năm 2026",
        "Mô hình “Dân vận khéo” năm 2026 theo lĩnh vực",
    ]
    figures_table, targets_table, models_table = draft.annex
    assert figures_table["columns"] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kết quả",
        "Cùng kỳ năm trước",
        "So sánh (%)",
    ]
    first = figures_table["rows"][0]
    assert first[1] == "Số cuộc tiếp xúc, đối thoại trực tiếp với Nhân dân"
    assert first[3]["text"] == "8"
    assert first[3]["href"].startswith("/figures/sums/")
    assert first[4]["text"] == "4"
    assert "start=01/01/2025&end=31/12/2025" in first[4]["href"]
    assert first[5] == "200"
    assert figures_table["rows"][1][3] == ""
    assert "1/1 đơn vị" in figures_table["note"]
    assert models_table["rows"][0] == [1, "Kinh tế", "1", "0"]
    assert models_table["rows"][-1][2]["text"] == "1"
    assert [row[6] for row in targets_table["rows"]] == [
        "vượt",
        "đạt",
        "không đạt",
        "chưa đánh giá",
    ]


def test_the_province_counts_its_communes_through_lineage(tree, bodies, registers):
    """A province's report counts every commune's figures (and documents of
    the area's subtree); the Party's documents of the former commune count
    for the new one."""
    register_document(
        actor=system_actor(),
        area=tree["pa_lau"],
        symbol_text="09-KH/ĐU",
        issued_on=dt.date(2025, 12, 20),
        title="Kế hoạch của xã Pá Lau (cũ)",
    )
    register_document(
        actor=system_actor(),
        area=tree["province"],
        symbol_text="10-KH/TU",
        issued_on=dt.date(2026, 1, 20),
        title="Kế hoạch của Tỉnh ủy",
        issuer_body=bodies["province"],
    )
    report_type = make_type(
        bodies["province"],
        tree["province"],
        level="province",
        forms=[registers["form"]],
    )
    report = make_report(
        report_type, bodies["province"], Period.objects.of("year", 2026)
    )

    draft = write_draft(report)

    government = figures_of(draft.sections["government"])
    assert government["figure.DT_SO_CUOC"][1] == "208 cuộc"
    assert government["figures.test-bc-quy.reported"][1] == "2/2"
    # A yes or no, over the units: those that said yes.
    situation = figures_of(draft.sections["situation"])
    assert situation["figure.TINH_HINH_ON_DINH"][1] == "có (4/4 lượt báo cáo)"
    committee = draft.sections["committee"]
    assert figures_of(committee)["documents.committee.issued"][1] == "8"
    # The province's own first, then the communes'.
    found = figures_of(committee)
    assert found["documents.committee.own"][1] == "1"
    assert found["documents.committee.below"][1] == "7"
    assert "Trong đó, cấp tỉnh ban hành <a" in committee
    assert committee.index("10-KH/TU") < committee.index("03-KH/ĐU")
    assert "09-KH/ĐU" in committee
    assert "07-KH/ĐU" in committee
    # The commune's plan is not the province's.
    assert "Chưa có kế hoạch nào" in draft.sections["results"]


def test_a_body_that_is_not_area_wide_reads_its_own(tree, bodies, registers):
    """The commune's police: its own documents and meetings, not the
    commune's (which its area holds too)."""
    police = bodies["police"]
    register_document(
        actor=system_actor(),
        area=tree["commune"],
        symbol_text="08/KH-CAX",
        issued_on=dt.date(2026, 5, 5),
        title="Kế hoạch của Công an xã",
        issuer_body=police,
    )
    meetings.create_meeting(
        actor=system_actor(),
        convening_body=police,
        kind="chuyen_de",
        title="Hội nghị chuyên đề an ninh trật tự",
        held_on=dt.date(2026, 5, 20),
    )
    report_type = make_type(bodies["province"], tree["province"])
    report = make_report(report_type, police, Period.objects.of("year", 2026))

    draft = write_draft(report)

    armed = figures_of(draft.sections["armed"])
    assert armed["documents.armed.issued"][1] == "1"
    assert "08/KH-CAX" in draft.sections["armed"]
    assert armed["meetings.armed.held"][1] == "1"
    assert "chưa có văn bản nào" in draft.sections["committee"]
    assert "không có nhiệm vụ nào" in draft.sections["results"]
    assert "Chưa có kế hoạch nào" in draft.sections["results"]


def test_sections_the_outline_no_longer_has_get_nothing(tree, bodies):
    report_type = make_type(bodies["province"], tree["province"], period_type="quarter")
    report = make_report(
        report_type, bodies["commune"], Period.objects.of("quarter", 2026, 2)
    )
    report_type.outline.filter(key="democracy").delete()

    draft = write_draft(report)

    assert draft.sections["democracy"] == ""
    assert timezone.localdate()  # the draft reads the clock only for "overdue"


@pytest.mark.parametrize(
    ("period_type", "start", "end", "expected"),
    [
        ("month", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 12),
        ("quarter", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 4),
        ("month", dt.date(2026, 7, 1), dt.date(2026, 9, 30), 3),
        ("6m", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 1),
        ("year", dt.date(2026, 1, 1), dt.date(2026, 9, 30), 0),
        ("custom", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 0),
    ],
)
def test_a_forms_periods_inside_the_reports(period_type, start, end, expected):
    """How many reports of a form the report's period expects of each unit."""
    assert form_periods(period_type, start, end) == expected
