"""Submitting figures and judging them: the flow, the rules that block, the
rights (the own unit never judges, a sibling commune never sees), locks and
the history of every step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conftest import make_user
from danvan.accounts.models import Membership
from danvan.common.actors import system_actor
from danvan.common.audit import history_for
from danvan.datasets.exceptions import LockedError, WrongStatusError
from danvan.datasets.models import DataValue, FormIndicator, Submission, ValidationRule
from danvan.datasets.services import approval
from danvan.datasets.tests.factories import (
    DataValueFactory,
    SubmissionFactory,
    ValidationRuleFactory,
)

pytestmark = pytest.mark.django_db

Status = Submission.Status


def _value(submission, code, number):
    item = FormIndicator.objects.select_related("indicator").get(
        form=submission.form, indicator__code=code
    )
    return DataValueFactory.create(
        submission=submission, indicator=item.indicator, number=Decimal(number)
    )


@pytest.fixture
def draft(quarterly, period, bodies):
    return SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )


def test_the_whole_flow_is_audited(draft, users):
    _value(draft, "TEST_MH_DK", 5)
    _value(draft, "TEST_MH_HQ", 3)
    commune, province = users["commune"], users["province"]

    assert approval.submit(actor=commune, submission=draft) == []
    assert draft.status == Status.SUBMITTED
    assert draft.locked
    first = draft.submitted_at
    assert first is not None
    assert draft.submitted_by_id == commune.pk

    approval.return_(actor=province, submission=draft, note="Bổ sung số đối thoại")
    assert draft.status == Status.RETURNED
    assert not draft.locked
    assert draft.note == "Bổ sung số đối thoại"

    approval.submit(actor=commune, submission=draft)
    assert draft.status == Status.SUBMITTED
    assert draft.submitted_at == first  # the first submission says if it was late

    approval.accept(actor=province, submission=draft)
    assert draft.status == Status.ACCEPTED
    assert draft.decided_by_id == province.pk

    approval.unlock(actor=province, submission=draft, reason="Sửa số mô hình")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.note == "Sửa số mô hình"

    entries = history_for(draft, user=province)
    # Opened, submitted, returned, submitted, accepted, unlocked: who and why.
    assert len(entries) == 6
    assert {e.entry.actor_id for e in entries} == {
        system_actor().pk,
        commune.pk,
        province.pk,
    }
    notes = [c.new for e in entries for c in e.changes]
    assert "Bổ sung số đối thoại" in str(notes)
    assert "Sửa số mô hình" in str(notes)


def test_blocking_rule_and_required_indicator_refuse_with_names(draft, users):
    item = FormIndicator.objects.get(form=draft.form, indicator__code="TEST_DOI_THOAI")
    item.required = True
    item.save()
    _value(draft, "TEST_MH_DK", 2)
    _value(draft, "TEST_MH_HQ", 5)  # more effective models than registered

    with pytest.raises(approval.IncompleteError) as refused:
        approval.submit(actor=users["commune"], submission=draft)
    problems = refused.value.problems
    assert any("Số cuộc đối thoại với nhân dân" in p for p in problems)
    assert any("TEST_DOI_THOAI" in p for p in problems)
    assert any("Số mô hình hiệu quả không được lớn hơn" in p for p in problems)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.submitted_at is None


def test_warnings_are_returned_and_do_not_block(draft, users):
    ValidationRuleFactory.create(
        form=draft.form,
        name="Đối thoại ít nhất một cuộc",
        left="TEST_DOI_THOAI",
        operator=ValidationRule.Operator.GE,
        right="1",
        severity=ValidationRule.Severity.WARNING,
        message="Chưa có cuộc đối thoại nào trong quý.",
    )
    _value(draft, "TEST_DOI_THOAI", 0)
    warnings = approval.submit(actor=users["commune"], submission=draft)
    assert [w.message.split(" (")[0] for w in warnings] == [
        "Chưa có cuộc đối thoại nào trong quý."
    ]
    assert draft.status == Status.SUBMITTED


def test_the_own_unit_cannot_accept(draft, users, tree):
    approval.submit(actor=users["commune"], submission=draft)
    commune_approver = make_user(
        "commune_approver", area=tree["commune"], role=Membership.Role.APPROVER
    )
    for user in (users["commune"], commune_approver):
        with pytest.raises(PermissionDenied):
            approval.accept(actor=user, submission=draft)
    assert not approval.may_decide(commune_approver, draft)
    assert approval.may_decide(users["province"], draft)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_a_sibling_commune_may_not_submit_nor_decide(draft, users):
    sibling = users["sibling"]
    assert not Submission.objects.visible_to(sibling).filter(pk=draft.pk).exists()
    with pytest.raises(PermissionDenied):
        approval.submit(actor=sibling, submission=draft)
    approval.submit(actor=users["commune"], submission=draft)
    with pytest.raises(PermissionDenied):
        approval.return_(actor=sibling, submission=draft, note="Sai")


def test_the_commune_cannot_unlock(draft, users):
    approval.submit(actor=users["commune"], submission=draft)
    approval.accept(actor=users["province"], submission=draft)
    with pytest.raises(PermissionDenied):
        approval.unlock(actor=users["commune"], submission=draft, reason="Sửa")
    draft.refresh_from_db()
    assert draft.status == Status.ACCEPTED


def test_return_and_unlock_need_a_note(draft, users):
    approval.submit(actor=users["commune"], submission=draft)
    with pytest.raises(approval.NoteRequiredError):
        approval.return_(actor=users["province"], submission=draft, note="  ")
    approval.accept(actor=users["province"], submission=draft)
    with pytest.raises(approval.NoteRequiredError):
        approval.unlock(actor=users["province"], submission=draft, reason="")
    draft.refresh_from_db()
    assert draft.status == Status.ACCEPTED


def test_steps_out_of_order_are_refused(draft, users):
    with pytest.raises(WrongStatusError):
        approval.accept(actor=users["province"], submission=draft)
    with pytest.raises(WrongStatusError):
        approval.unlock(actor=users["province"], submission=draft, reason="x")
    approval.submit(actor=users["commune"], submission=draft)
    with pytest.raises(WrongStatusError):
        approval.submit(actor=users["commune"], submission=draft)


def test_locked_values_refuse_writes(draft, users):
    from danvan.datasets.services import values

    indicator = FormIndicator.objects.get(
        form=draft.form, indicator__code="TEST_MH_DK"
    ).indicator
    values.save_value(
        actor=users["commune"], submission=draft, indicator=indicator, text="4"
    )
    approval.submit(actor=users["commune"], submission=draft)
    with pytest.raises(LockedError):
        values.save_value(
            actor=users["commune"], submission=draft, indicator=indicator, text="9"
        )
    approval.accept(actor=users["province"], submission=draft)
    with pytest.raises(LockedError):
        values.save_value(
            actor=users["commune"], submission=draft, indicator=indicator, text="9"
        )
    approval.unlock(actor=users["province"], submission=draft, reason="Sửa số")
    saved = values.save_value(
        actor=users["commune"], submission=draft, indicator=indicator, text="9"
    )
    assert saved is not None
    assert saved.number == 9


def test_late_is_a_first_submission_after_the_deadline(draft, users):
    Submission.objects.filter(pk=draft.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=3)
    )
    draft.refresh_from_db()
    approval.submit(actor=users["commune"], submission=draft)
    assert draft.late
    on_time = Submission.objects.get(pk=draft.pk)
    on_time.due_on = timezone.localdate()
    assert not on_time.late


def test_waiting_for_lists_what_the_approver_may_decide(
    quarterly, period, bodies, users
):
    mine = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    other = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["sibling"]
    )
    approval.submit(actor=system_actor(), submission=mine)
    approval.submit(actor=system_actor(), submission=other)
    waiting = Submission.objects.visible_to(users["province"]).filter(
        approval.waiting_for(users["province"])
    )
    assert set(waiting) == {mine, other}
    assert not Submission.objects.visible_to(users["commune"]).filter(
        approval.waiting_for(users["commune"])
    )


def test_api_flow_and_rights(draft, users):
    from django.test import Client

    def client(user):
        c = Client()
        c.force_login(user)
        return c

    def post(c, action, **data):
        return c.post(
            f"/api/v1/submissions/{draft.pk}/{action}/",
            data,
            content_type="application/json",
            HTTP_ACCEPT="application/json",
        )

    commune, province = client(users["commune"]), client(users["province"])
    _value(draft, "TEST_MH_DK", 2)
    _value(draft, "TEST_MH_HQ", 5)
    refused = post(commune, "submit")
    assert refused.status_code == 400
    assert "Số mô hình hiệu quả" in str(refused.json()["problems"])

    DataValue.objects.filter(submission=draft, indicator__code="TEST_MH_HQ").update(
        number=1
    )
    sent = post(commune, "submit")
    assert sent.status_code == 200
    assert sent.json()["submission"]["status"] == "submitted"
    assert post(commune, "accept").status_code == 403
    assert post(client(users["sibling"]), "accept").status_code == 404
    waiting = province.get(
        "/api/v1/submissions/?waiting=1", HTTP_ACCEPT="application/json"
    ).json()
    assert [row["id"] for row in waiting["results"]] == [draft.pk]
    assert post(province, "return", note="").status_code == 400
    returned = post(province, "return", note="Sửa số mô hình")
    assert returned.json()["status"] == "returned"
    post(commune, "submit")
    assert post(province, "accept").json()["locked"] is True
    assert post(commune, "unlock", note="Sửa").status_code == 403
    assert post(province, "unlock", note="Sửa").json()["status"] == "draft"


def test_owner_approval_and_the_filter_agree_with_the_rule(
    quarterly, period, bodies, users, tree
):
    """A form approved by its owner: an approver over the owner body decides
    too (never for their own unit); ``deciding_q`` matches ``may_decide``."""
    from danvan.datasets.models import ReportForm

    ReportForm.objects.filter(pk=quarterly.pk).update(
        approval=ReportForm.Approval.OWNER
    )
    rows = [
        SubmissionFactory.create(form=quarterly, period=period, body=body)
        for body in (bodies["commune"], bodies["sibling"])
    ]
    board_approver = make_user(
        "board_approver", body=bodies["board"], role=Membership.Role.APPROVER
    )
    commune_approver = make_user(
        "commune_approver2", area=tree["commune"], role=Membership.Role.APPROVER
    )
    everyone = [*users.values(), board_approver, commune_approver]
    for user in everyone:
        for row in rows:
            row = Submission.objects.select_related(
                "form__owner_body__area", "body__area"
            ).get(pk=row.pk)
            matched = Submission.objects.filter(
                approval.deciding_q(user), pk=row.pk
            ).exists()
            assert matched == approval.may_decide(user, row), (user, row.body)
    commune_row = Submission.objects.select_related(
        "form__owner_body__area", "body__area"
    ).get(pk=rows[0].pk)
    # The owner body's approver, above the commune (province's committee):
    assert approval.may_decide(board_approver, commune_row)
    assert not approval.may_decide(commune_approver, commune_row)
    assert approval.may_decide(users["province"], commune_row)


def test_a_period_not_begun_cannot_be_submitted(quarterly, bodies, users):
    from danvan.datasets.exceptions import DatasetError
    from danvan.datasets.tests.factories import PeriodFactory

    later = PeriodFactory.create(year=timezone.localdate().year + 2, number=2)
    future = SubmissionFactory.create(
        form=quarterly, period=later, body=bodies["commune"]
    )
    with pytest.raises(DatasetError) as refused:
        approval.submit(actor=users["commune"], submission=future)
    assert str(later) in refused.value.message
    future.refresh_from_db()
    assert future.status == Status.DRAFT
