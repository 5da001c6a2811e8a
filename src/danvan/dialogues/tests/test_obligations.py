"""The obligations as dated rules: the seed, the check of gaps and overlaps."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from danvan.common.actors import system_actor
from danvan.dialogues import obligations, services
from danvan.dialogues.exceptions import DialogueError
from danvan.dialogues.models import ObligationRule

D = dt.date


@pytest.mark.django_db
def test_the_seeded_rules_are_in_the_database():
    rules = services.current_rules()
    assert len(rules) == len(obligations.SEED) == 8
    assert obligations.check(rules) == []
    on = obligations.in_force(rules, D(2025, 11, 22))
    assert on[("commune", "party_committee", "dialogue")].basis == obligations.QD11
    on = obligations.in_force(rules, D(2025, 11, 23))
    assert on[("commune", "party_committee", "dialogue")].basis == obligations.KL215
    # Kết luận 215-KL/TW: no district level any more.
    assert ("district", "party_committee", "dialogue") not in on
    weekly = on[("commune", "committee", "reception")]
    assert weekly.per_month == Decimal("4.33")
    assert on[("district", "committee", "reception")].per_month == 2


def test_a_gap_is_refused():
    first, second = obligations.SEED[0], obligations.SEED[1]
    late = dataclasses.replace(second, valid_from=D(2025, 12, 1))
    problems = obligations.check([first, late])
    assert len(problems) == 1
    assert "23/11/2025" in problems[0]
    assert "30/11/2025" in problems[0]


def test_an_overlap_is_refused():
    first, second = obligations.SEED[0], obligations.SEED[1]
    open_first = dataclasses.replace(first, valid_to=None)
    problems = obligations.check([open_first, second])
    assert len(problems) == 1
    assert "23/11/2025" in problems[0]
    ends_early = dataclasses.replace(first, valid_to=D(2019, 1, 1))
    assert len(obligations.check([ends_early])) == 1


def test_months_of_a_span():
    assert obligations.months(D(2025, 11, 23), D(2026, 2, 1)) == [
        D(2025, 11, 1),
        D(2025, 12, 1),
        D(2026, 1, 1),
        D(2026, 2, 1),
    ]


@pytest.mark.django_db
def test_replace_rules_refuses_a_gap_and_saves_nothing(users):
    before = list(ObligationRule.objects.values_list("pk", flat=True))
    broken = list(obligations.SEED)
    broken[1] = dataclasses.replace(broken[1], valid_from=D(2026, 1, 1))
    with pytest.raises(DialogueError) as found:
        services.replace_rules(actor=system_actor(), new_rules=broken)
    assert "khoảng trống" in found.value.message
    assert list(ObligationRule.objects.values_list("pk", flat=True)) == before
    with pytest.raises(PermissionDenied):
        services.replace_rules(actor=users["province"], new_rules=obligations.SEED)
    changed = [*obligations.SEED[:-1]]
    assert services.replace_rules(actor=system_actor(), new_rules=changed) == 7
    assert ObligationRule.objects.count() == 7
