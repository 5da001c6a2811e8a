"""The sets of legal deadlines, as dated data (``domain.md`` §6).

- From 1/7/2012: Luật Khiếu nại 2011 (11/2011/QH13) and Luật Tố cáo 2011
  (03/2011/QH13).
- From 1/1/2019: Luật Tố cáo 2018 (25/2018/QH14) replaces the 2011 one;
  complaints unchanged.
- From 1/7/2026: Law 136/2025/QH15 amends these laws; the counts are those of
  the laws it amends, not yet checked against the amended text (each rule's
  basis says so): correct them here (or with ``add_rule_set``) once checked.

Recommendations and feedback (kiến nghị, phản ánh) have no count of their own
in these laws: 15 working days is the office's own rule (a setting of the
office's working rules), said so in its basis.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import migrations

CALENDAR = "calendar"
WORKING = "working"

KN = "Luật Khiếu nại 2011"
TC11 = "Luật Tố cáo 2011"
TC18 = "Luật Tố cáo 2018"
UNVERIFIED = (
    " (sửa đổi bởi Luật số 136/2025/QH15 từ 01/07/2026; "
    "số ngày chưa đối chiếu với văn bản sửa đổi)"
)
OFFICE = (
    "Quy chế tiếp nhận, xử lý đơn của cơ quan (không phải thời hạn luật định): "
    "trả lời trong 15 ngày làm việc kể từ ngày nhận"
)
# Bộ luật Dân sự 2015, Điều 148: a count ending on a day off ends on the
# next working day (said once in each set's basis).
CIVIL = (
    "Thời hạn tính theo ngày: nếu ngày cuối cùng là ngày nghỉ cuối tuần hoặc "
    "ngày nghỉ lễ thì kết thúc vào ngày làm việc tiếp theo (Điều 148 Bộ luật "
    "Dân sự 2015); ngày làm việc không kể thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết."
)


def rule(
    kind: str,
    step: str,
    start: str,
    days: int,
    basis: str,
    *,
    day_kind: str = CALENDAR,
    remote: bool = False,
    complex_case: bool = False,
    times: int = 1,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "step": step,
        "start": start,
        "days": days,
        "basis": basis,
        "day_kind": day_kind,
        "remote": remote,
        "complex_case": complex_case,
        "times": times,
    }


def complaint_rules(note: str = "") -> list[dict[str, Any]]:
    k = "complaint"
    first = f"Điều 28 {KN}{note}"
    second = f"Điều 37 {KN}{note}"
    return [
        rule(k, "time_bar", "act", 90, f"Điều 9 {KN}{note}"),
        rule(k, "acceptance", "received", 10, f"Điều 27 {KN}{note}"),
        rule(k, "first_decision", "accepted", 30, first),
        rule(k, "first_decision", "accepted", 45, first, complex_case=True),
        rule(k, "first_decision", "accepted", 45, first, remote=True),
        rule(
            k,
            "first_decision",
            "accepted",
            60,
            first,
            remote=True,
            complex_case=True,
        ),
        rule(k, "second_complaint", "first_decision", 30, f"Điều 33 {KN}{note}"),
        rule(
            k,
            "second_complaint",
            "first_decision",
            45,
            f"Điều 33 {KN}{note}",
            remote=True,
        ),
        # Counted from the second complaint's receipt (its acceptance is not
        # recorded on its own: the earlier, stricter date).
        rule(k, "second_decision", "second_received", 45, second),
        rule(k, "second_decision", "second_received", 60, second, complex_case=True),
        rule(k, "second_decision", "second_received", 60, second, remote=True),
        rule(
            k,
            "second_decision",
            "second_received",
            70,
            second,
            remote=True,
            complex_case=True,
        ),
    ]


def denunciation_2011() -> list[dict[str, Any]]:
    k = "denunciation"
    return [
        rule(k, "acceptance", "received", 10, f"Điều 20 {TC11}"),
        rule(k, "decision", "accepted", 60, f"Điều 21 {TC11}"),
        rule(k, "decision", "accepted", 90, f"Điều 21 {TC11}", complex_case=True),
        rule(k, "extension", "accepted", 30, f"Điều 21 {TC11}: gia hạn một lần"),
        rule(
            k,
            "extension",
            "accepted",
            60,
            f"Điều 21 {TC11}: vụ việc phức tạp, gia hạn một lần",
            complex_case=True,
        ),
    ]


def denunciation_2018(note: str = "") -> list[dict[str, Any]]:
    k = "denunciation"
    return [
        rule(
            k,
            "acceptance",
            "received",
            7,
            f"Điều 24, 29 {TC18}{note}; khi phải xác minh, có thể kéo dài "
            "nhưng không quá 10 ngày làm việc",
            day_kind=WORKING,
        ),
        rule(k, "decision", "accepted", 30, f"Điều 30 {TC18}{note}"),
        rule(
            k,
            "extension",
            "accepted",
            30,
            f"Điều 30 {TC18}{note}: phức tạp gia hạn một lần, "
            "đặc biệt phức tạp hai lần, mỗi lần không quá 30 ngày",
            times=2,
        ),
    ]


def answer_rules() -> list[dict[str, Any]]:
    return [
        rule(kind, "answer", "received", 15, OFFICE, day_kind=WORKING)
        for kind in ("recommendation", "feedback")
    ]


SETS: list[dict[str, Any]] = [
    {
        "name": "Luật Khiếu nại 2011, Luật Tố cáo 2011",
        "basis": f"{KN} (số 11/2011/QH13), {TC11} (số 03/2011/QH13). {CIVIL}",
        "valid_from": dt.date(2012, 7, 1),
        "valid_to": dt.date(2018, 12, 31),
        "rules": complaint_rules() + denunciation_2011() + answer_rules(),
    },
    {
        "name": "Luật Khiếu nại 2011, Luật Tố cáo 2018",
        "basis": f"{KN} (số 11/2011/QH13), {TC18} (số 25/2018/QH14). {CIVIL}",
        "valid_from": dt.date(2019, 1, 1),
        "valid_to": dt.date(2026, 6, 30),
        "rules": complaint_rules() + denunciation_2018() + answer_rules(),
    },
    {
        "name": "Luật Khiếu nại, Luật Tố cáo sửa đổi bởi Luật số 136/2025/QH15",
        "basis": (
            f"{KN}, {TC18}, sửa đổi, bổ sung bởi Luật số 136/2025/QH15 "
            "(hiệu lực từ 01/07/2026). Số ngày giữ như trước, chưa đối chiếu "
            f"với văn bản sửa đổi. {CIVIL}"
        ),
        "valid_from": dt.date(2026, 7, 1),
        "valid_to": None,
        "rules": complaint_rules(UNVERIFIED)
        + denunciation_2018(UNVERIFIED)
        + answer_rules(),
    },
]


def seed(apps: Any, schema_editor: Any) -> None:
    RuleSet = apps.get_model("petitions", "RuleSet")
    ClockRule = apps.get_model("petitions", "ClockRule")
    for given in SETS:
        values = {k: v for k, v in given.items() if k != "rules"}
        rule_set, created = RuleSet.objects.get_or_create(
            valid_from=values.pop("valid_from"), defaults=values
        )
        if not created:
            continue
        ClockRule.objects.bulk_create(
            ClockRule(rule_set=rule_set, **row) for row in given["rules"]
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    RuleSet = apps.get_model("petitions", "RuleSet")
    RuleSet.objects.filter(
        valid_from__in=[s["valid_from"] for s in SETS], petitions__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_initial")]

    operations = [migrations.RunPython(seed, unseed)]
