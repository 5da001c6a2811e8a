"""The leaders' obligations as dated data: which rule binds a leader on a
date, and the check that a set of rules has no gap or overlap.

Plain module (no model imported at the top): the seed migration checks its
rows with ``check`` before writing them, ``services.replace_rules`` checks
every change the same way, and the statistics read ``Rule``s.

A rule binds the leader of a body of ``body_kind`` (a Party committee's
secretary, a People's Committee's chair) at ``level`` (province, district,
commune) to ``per_month`` dialogues or reception days a month, from
``valid_from`` to ``valid_to`` (None: still in force). The rules of one
(level, body kind, duty) follow each other day after day: a gap (a month no
rule covers between two rules) or an overlap (two rules on one day) is
refused; a rule may end without a successor (the district level ended with
Kết luận 215-KL/TW).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    level: str
    body_kind: str
    duty: str
    per_month: Decimal
    leader: str
    basis: str
    valid_from: dt.date
    valid_to: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.level, self.body_kind, self.duty)


def rule_of(row: Any) -> Rule:
    """A ``Rule`` read from an ``ObligationRule`` row (or any object alike)."""
    return Rule(
        level=row.level,
        body_kind=row.body_kind,
        duty=row.duty,
        per_month=Decimal(row.per_month),
        leader=row.leader,
        basis=row.basis,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
    )


def _day(date: dt.date) -> str:
    return f"{date:%d/%m/%Y}"


def check(rules: Iterable[Rule]) -> list[str]:
    """What is wrong with ``rules`` (Vietnamese sentences); empty when right."""
    problems: list[str] = []
    groups: dict[tuple[str, str, str], list[Rule]] = defaultdict(list)
    for rule in rules:
        if rule.valid_to is not None and rule.valid_to < rule.valid_from:
            problems.append(
                _("The rule “%(basis)s” ends (%(end)s) before it starts (%(start)s).")
                % {
                    "basis": rule.basis,
                    "end": _day(rule.valid_to),
                    "start": _day(rule.valid_from),
                }
            )
        if rule.per_month < 0:
            problems.append(
                _("The rule “%(basis)s” owes a negative number.")
                % {"basis": rule.basis}
            )
        groups[rule.key].append(rule)
    for (level, body_kind, duty), group in sorted(groups.items()):
        group.sort(key=lambda r: r.valid_from)
        for before, after in pairwise(group):
            what = f"{duty} · {body_kind} · {level}"
            if before.valid_to is None or before.valid_to >= after.valid_from:
                problems.append(
                    _(
                        "Two rules overlap (%(what)s): “%(a)s” and “%(b)s” are "
                        "both in force on %(day)s."
                    )
                    % {
                        "what": what,
                        "a": before.basis,
                        "b": after.basis,
                        "day": _day(after.valid_from),
                    }
                )
            elif before.valid_to + ONE_DAY < after.valid_from:
                problems.append(
                    _(
                        "The rules leave a gap (%(what)s): no rule is in force "
                        "from %(start)s to %(end)s."
                    )
                    % {
                        "what": what,
                        "start": _day(before.valid_to + ONE_DAY),
                        "end": _day(after.valid_from - ONE_DAY),
                    }
                )
    return problems


def in_force(rules: Iterable[Rule], on: dt.date) -> dict[tuple[str, str, str], Rule]:
    """The rule of each (level, body kind, duty) in force on ``on``."""
    return {rule.key: rule for rule in rules if rule.in_force(on)}


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each month from ``start``'s to ``end``'s."""
    found = []
    month = start.replace(day=1)
    while month <= end:
        found.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return found


# The rules seeded by migration 0004 (and checked there). Party committees'
# secretaries: receiving citizens and holding direct dialogues, counted in
# days a month (Quy định 11-QĐi/TW, then Kết luận 215-KL/TW for the province
# and the commune only); People's Committees' chairs: reception days (Luật
# Tiếp công dân 2013, Điều 18; a week is counted as 52/12 a month).
QD11 = "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị"
KL215 = "Kết luận 215-KL/TW ngày 23/11/2025 của Bộ Chính trị"
LTCD = "Luật Tiếp công dân 2013 (Điều 18)"
SECRETARY = "Bí thư cấp ủy"
CHAIR = "Chủ tịch Ủy ban nhân dân"
PARTY, COMMITTEE = "party_committee", "committee"
DIALOGUE, RECEPTION = "dialogue", "reception"
QD11_FROM = dt.date(2019, 2, 18)
KL215_FROM = dt.date(2025, 11, 23)
LTCD_FROM = dt.date(2014, 7, 1)
WEEKLY = Decimal("4.33")

SEED: tuple[Rule, ...] = (
    Rule(
        "province",
        PARTY,
        DIALOGUE,
        Decimal(1),
        SECRETARY,
        QD11,
        QD11_FROM,
        KL215_FROM - ONE_DAY,
    ),
    Rule("province", PARTY, DIALOGUE, Decimal(1), SECRETARY, KL215, KL215_FROM),
    Rule(
        "district",
        PARTY,
        DIALOGUE,
        Decimal(1),
        SECRETARY,
        QD11,
        QD11_FROM,
        KL215_FROM - ONE_DAY,
    ),
    Rule(
        "commune",
        PARTY,
        DIALOGUE,
        Decimal(2),
        SECRETARY,
        QD11,
        QD11_FROM,
        KL215_FROM - ONE_DAY,
    ),
    Rule("commune", PARTY, DIALOGUE, Decimal(2), SECRETARY, KL215, KL215_FROM),
    Rule("province", COMMITTEE, RECEPTION, Decimal(1), CHAIR, LTCD, LTCD_FROM),
    Rule("district", COMMITTEE, RECEPTION, Decimal(2), CHAIR, LTCD, LTCD_FROM),
    Rule(
        "commune",
        COMMITTEE,
        RECEPTION,
        WEEKLY,
        f"{CHAIR} (1 ngày/tuần)",
        LTCD,
        LTCD_FROM,
    ),
)
