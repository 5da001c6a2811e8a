"""The statistics against hand-computed figures: the opinions and the
leaders' obligations month by month by the rules in force."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.common.actors import system_actor
from danvan.dialogues import stats
from danvan.dialogues.tests.factories import (
    IssueFactory,
    ReceptionFactory,
    SessionFactory,
)
from danvan.units import services as units
from danvan.units.models import Body

pytestmark = pytest.mark.django_db
D = dt.date


def _duty(found, body, duty):
    return next(d for d in found.duties if d.body_id == body.pk and d.duty == duty)


def test_figures_and_obligations_of_a_year(users, bodies, tree):
    # Today is 20/11/2026 (conftest): January to November are owed.
    first = SessionFactory.create(
        body=bodies["commune"], area=tree["village"], held_on=D(2026, 3, 5)
    )
    second = SessionFactory.create(
        body=bodies["commune"],
        area=tree["commune"],
        held_on=D(2026, 3, 20),
        kind="ad_hoc",
        participants=15,
    )
    # Another commune's dialogue is not counted.
    SessionFactory.create(body=bodies["sibling"], area=tree["sibling"])
    IssueFactory.create(session=first)
    IssueFactory.create(session=first)
    IssueFactory.create(
        session=first, assigned_body=bodies["ubnd"], due_on=D(2026, 4, 1)
    )
    late = IssueFactory.create(
        session=second, assigned_body=bodies["ubnd"], due_on=D(2026, 11, 1)
    )
    done = IssueFactory.create(
        session=second, assigned_body=bodies["ubnd"], due_on=D(2026, 12, 1)
    )
    from danvan.dialogues import services

    services.answer_issue(
        actor=system_actor(), issue=done, answer="Đã làm.", answered_on=D(2026, 5, 1)
    )
    ReceptionFactory.create(body=bodies["ubnd"], held_on=D(2026, 3, 2))
    ReceptionFactory.create(body=bodies["ubnd"], held_on=D(2026, 3, 9))
    ReceptionFactory.create(body=bodies["commune"], held_on=D(2026, 3, 5))
    found = stats.compute(
        user=users["province"],
        area=tree["commune"],
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
    )
    assert (found.sessions, found.ad_hoc, found.participants) == (2, 1, 60)
    assert (found.opinions, found.answered, found.assigned) == (5, 2, 3)
    assert (found.done, found.overdue, found.waiting) == (1, 2, 2)
    assert found.answered_share == Decimal("40.0")
    assert late.status == "assigned"
    assert found.reception_days == 3
    secretary = _duty(found, bodies["commune"], "dialogue")
    # 2 days a month × 11 months; held: 2 dialogue days + 1 reception day.
    assert (secretary.months, secretary.owed_days) == (11, 22)
    assert (secretary.sessions, secretary.receptions, secretary.held) == (2, 1, 3)
    assert secretary.short == 19
    assert not secretary.met
    chair = _duty(found, bodies["ubnd"], "reception")
    # 4.33 × 11 = 47.63 → 48 days owed; 2 reception days held.
    assert chair.owed == Decimal("47.63")
    assert chair.owed_days == 48
    assert chair.held == 2
    # The province's bodies are above the area: not listed.
    assert all(d.body_id != bodies["province"].pk for d in found.duties)
    months = {m.month: m for m in found.months}
    assert months[D(2026, 3, 1)].held == 5
    assert len(found.months) == 11


def test_the_rule_in_force_each_month(users, tree):
    district = units.create_body(
        actor=system_actor(),
        name="Huyện ủy Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["old_district"],
        abbreviation="HU",
        valid_to=D(2025, 6, 30),
    )
    province = units.create_body(
        actor=system_actor(),
        name="Tỉnh ủy Lào Cai",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["province"],
        abbreviation="TU",
    )
    SessionFactory.create(body=district, area=tree["pa_lau"], held_on=D(2025, 3, 3))
    found = stats.compute(
        user=users["province"],
        area=tree["province"],
        start=D(2025, 1, 1),
        end=D(2025, 12, 31),
    )
    # The old district's secretary owed 1 a month until it ended (30/6/2025),
    # its dialogue at a commune merged since is counted with the province.
    owed = _duty(found, district, "dialogue")
    assert (owed.months, owed.owed_days, owed.held) == (6, 6, 1)
    assert owed.basis.startswith("Quy định 11-QĐi/TW")
    # November by Quy định 11, December by Kết luận 215.
    top = _duty(found, province, "dialogue")
    assert top.months == 12
    assert "Kết luận 215-KL/TW" in top.basis
    assert "Quy định 11-QĐi/TW" in top.basis
    assert found.sessions == 1


def test_a_reader_counts_only_what_they_see(users, bodies, tree):
    SessionFactory.create(body=bodies["commune"], area=tree["commune"])
    found = stats.compute(
        user=users["sibling"],
        area=tree["province"],
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
    )
    assert found.sessions == 0


def test_the_statistics_cost_a_few_queries(
    users, bodies, tree, django_assert_max_num_queries
):
    for day in (1, 2, 3, 4, 5):
        session = SessionFactory.create(
            body=bodies["commune"], area=tree["commune"], held_on=D(2026, 6, day)
        )
        IssueFactory.create(session=session)
        ReceptionFactory.create(body=bodies["ubnd"], held_on=D(2026, 6, day))
    with django_assert_max_num_queries(10):
        found = stats.compute(
            user=users["province"],
            area=tree["province"],
            start=D(2026, 1, 1),
            end=D(2026, 12, 31),
        )
    assert found.sessions == 5
    assert found.reception_days == 5
    assert found.citizens == 5 * 6
