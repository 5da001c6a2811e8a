"""The submission page, its actions by role, the submission lists (mine and
waiting for my decision) and the home page items; query counts pinned."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.datasets.models import (
    DataValue,
    FormIndicator,
    Submission,
    ValidationRule,
)
from danvan.datasets.services import approval
from danvan.datasets.tests.factories import (
    DataValueFactory,
    SubmissionFactory,
    ValidationRuleFactory,
)

pytestmark = pytest.mark.django_db
Status = Submission.Status


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _value(submission, code, number):
    item = FormIndicator.objects.select_related("indicator").get(
        form=submission.form, indicator__code=code
    )
    return DataValueFactory.create(
        submission=submission, indicator=item.indicator, number=Decimal(number)
    )


@pytest.fixture
def draft(quarterly, period, bodies):
    submission = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    _value(submission, "TEST_MH_DK", 2943)
    _value(submission, "TEST_MH_HQ", Decimal("1.5"))
    return submission


def _detail(client, submission):
    return client.get(reverse("datasets:submission", args=[submission.pk]))


def test_page_shows_values_the_vietnamese_way_by_section(draft, users):
    response = _detail(_client(users["commune"]), draft)
    assert response.status_code == 200
    text = response.content.decode()
    assert "I. Phong trào thi đua “Dân vận khéo”" in text
    assert "2.943" in text
    assert "1,5" in text
    assert "Số cuộc đối thoại với nhân dân" in text  # no value yet: shown empty


def test_editor_submits_and_province_accepts_from_the_page(draft, users):
    commune, province = _client(users["commune"]), _client(users["province"])
    text = _detail(commune, draft).content.decode()
    submit = reverse("datasets:submission_submit", args=[draft.pk])
    accept = reverse("datasets:submission_accept", args=[draft.pk])
    assert submit in text
    assert accept not in text
    assert commune.post(accept).status_code == 403

    response = commune.post(submit)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED

    text = _detail(province, draft).content.decode()
    assert accept in text
    assert reverse("datasets:submission_return", args=[draft.pk]) in text
    province.post(accept)
    draft.refresh_from_db()
    assert draft.status == Status.ACCEPTED
    text = _detail(commune, draft).content.decode()
    assert submit not in text
    assert reverse("datasets:submission_unlock", args=[draft.pk]) not in text


def test_blocking_rule_is_named_and_nothing_changes(draft, users):
    # More effective models than registered: the blocking rule fails.
    DataValue.objects.filter(submission=draft, indicator__code="TEST_MH_HQ").update(
        number=9999
    )
    FormIndicator.objects.filter(
        form=draft.form, indicator__code="TEST_DOI_THOAI"
    ).update(required=True)
    client = _client(users["commune"])
    response = client.post(
        reverse("datasets:submission_submit", args=[draft.pk]), follow=True
    )
    text = response.content.decode()
    assert "Số cuộc đối thoại với nhân dân" in text
    assert "TEST_DOI_THOAI" in text
    assert "Số mô hình hiệu quả không được lớn hơn số mô hình đăng ký." in text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_warnings_show_on_the_page(draft, users):
    ValidationRuleFactory.create(
        form=draft.form,
        left="TEST_MH_DK",
        operator=ValidationRule.Operator.LE,
        right="100",
        severity=ValidationRule.Severity.WARNING,
        message="Số mô hình đăng ký cao bất thường.",
    )
    text = _detail(_client(users["province"]), draft).content.decode()
    assert "Số mô hình đăng ký cao bất thường." in text


def test_return_needs_a_note_and_the_commune_reads_it(draft, users):
    approval.submit(actor=users["commune"], submission=draft)
    province = _client(users["province"])
    url = reverse("datasets:submission_return", args=[draft.pk])
    province.post(url, {"note": "  "})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    province.post(url, {"note": "Bổ sung số cuộc đối thoại"})
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    text = _detail(_client(users["commune"]), draft).content.decode()
    assert "Bổ sung số cuộc đối thoại" in text
    submit = reverse("datasets:submission_submit", args=[draft.pk])
    assert submit in text
    # The province may write the commune's figures, but sending them is the
    # commune's work: its page does not offer it.
    assert submit not in _detail(province, draft).content.decode()


def test_unlock_takes_the_province_and_a_reason(draft, users):
    approval.submit(actor=users["commune"], submission=draft)
    approval.accept(actor=users["province"], submission=draft)
    url = reverse("datasets:submission_unlock", args=[draft.pk])
    assert _client(users["commune"]).post(url, {"note": "Sửa"}).status_code == 403
    _client(users["province"]).post(url, {"note": "Sửa số mô hình"})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.note == "Sửa số mô hình"


def test_sibling_gets_404(draft, users):
    client = _client(users["sibling"])
    assert _detail(client, draft).status_code == 404
    url = reverse("datasets:submission_submit", args=[draft.pk])
    assert client.post(url).status_code == 404


def test_history_on_the_page(draft, users):
    approval.submit(actor=users["commune"], submission=draft)
    approval.return_(actor=users["province"], submission=draft, note="Thiếu số liệu")
    text = _detail(_client(users["commune"]), draft).content.decode()
    assert "Thiếu số liệu" in text
    assert 'class="log-entries"' in text or "log-" in text


def test_detail_queries_do_not_grow_with_values(draft, users, quarterly):
    client = _client(users["province"])
    approval.submit(actor=users["commune"], submission=draft)
    approval.return_(actor=users["province"], submission=draft, note="Sửa")
    _detail(client, draft)
    with CaptureQueriesContext(connection) as few:
        _detail(client, draft)
    _value(draft, "TEST_DOI_THOAI", 7)
    for note in ("Sửa lần hai", "Sửa lần ba"):
        approval.submit(actor=users["commune"], submission=draft)
        approval.return_(actor=users["province"], submission=draft, note=note)
    _detail(client, draft)
    with CaptureQueriesContext(connection) as many:
        _detail(client, draft)
    assert len(many) == len(few)
    # Session, user, the submission (joined), items, values, rules, the log,
    # its users' names, the reader's approver memberships.
    assert len(few) == 9


def _list(client, **params):
    return client.get(reverse("datasets:submission_list"), params)


def test_lists_mine_and_waiting(quarterly, period, bodies, users):
    mine = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    other = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["sibling"]
    )
    approval.submit(actor=system_actor(), submission=mine)
    approval.submit(actor=system_actor(), submission=other)
    approval.return_(actor=system_actor(), submission=other, note="Sai số")

    commune = _client(users["commune"])
    text = _list(commune, tab="mine").content.decode()
    assert "Đảng ủy xã Trạm Tấu" in text
    assert "Đảng ủy xã Hạnh Phúc" not in text
    assert "Đảng ủy xã Trạm Tấu" not in _list(commune, tab="decide").content.decode()

    province = _client(users["province"])
    waiting = _list(province).content.decode()  # an approver opens "decide"
    assert "Đảng ủy xã Trạm Tấu" in waiting
    assert "Đảng ủy xã Hạnh Phúc" not in waiting  # returned: no longer waiting
    returned = _list(province, tab="mine", status="returned").content.decode()
    assert "Đảng ủy xã Hạnh Phúc" not in returned  # the province judges it

    sibling = _client(users["sibling"])
    text = _list(sibling, tab="mine", status="returned").content.decode()
    assert "Đảng ủy xã Hạnh Phúc" in text
    assert "Sai số" in text


def test_list_queries_do_not_grow(quarterly, period, bodies, users, tree):
    from danvan.datasets.tests.factories import PeriodFactory

    client = _client(users["province"])
    first = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    approval.submit(actor=system_actor(), submission=first)
    _list(client)
    with CaptureQueriesContext(connection) as few:
        _list(client)
    for number in (1, 2):
        earlier = PeriodFactory.create(number=number)
        for body in (bodies["commune"], bodies["sibling"]):
            row = SubmissionFactory.create(form=quarterly, period=earlier, body=body)
            approval.submit(actor=system_actor(), submission=row)
    _list(client)
    with CaptureQueriesContext(connection) as many:
        response = _list(client)
    assert response.context["page"].paginator.count == 5
    assert len(many) == len(few)
    # Session, user, the page's rows and the filters' forms and periods (the
    # count is kept).
    assert len(few) == 5


def test_home_shows_waiting_and_returned(quarterly, period, bodies, users):
    mine = SubmissionFactory.create(
        form=quarterly, period=period, body=bodies["commune"]
    )
    approval.submit(actor=system_actor(), submission=mine)
    text = _client(users["province"]).get(reverse("home")).content.decode()
    assert "Reported figures waiting for your decision" in text or (
        "chờ" in text and "duyệt" in text
    )
    approval.return_(actor=system_actor(), submission=mine, note="Sửa")
    text = _client(users["commune"]).get(reverse("home")).content.decode()
    assert reverse("datasets:submission_list") + "?tab=mine&amp;status=returned" in text


def test_home_items_of_the_reporter_and_the_approver(quarterly, users):
    from danvan.common.dashboard import items_for
    from danvan.datasets import completeness as rates
    from danvan.datasets import periods as cutoffs

    # The province: its two communes have sent nothing for the last quarter
    # past its deadline.
    late = [i for i in items_for(users["province"]) if quarterly.name in i.label]
    assert len(late) == 1
    assert late[0].count == 2
    assert late[0].urgent
    assert reverse("datasets:completeness", args=[quarterly.pk]) in late[0].url

    # The commune: the quarter under way, with its deadline.
    period_type, year, number = rates.due_periods(quarterly)[0]
    period = rates.named_period(period_type, year, number)
    due = cutoffs.due_on(quarterly, period)
    mine = [i for i in items_for(users["commune"]) if quarterly.name in i.label]
    (item,) = [i for i in mine if str(period) in i.label]
    assert item.count == 1
    assert due.strftime("%d/%m/%Y") in item.label
    assert not item.urgent
    # The last quarter past its deadline, never sent: overdue, urgent.
    (overdue,) = [i for i in mine if i is not item]
    assert overdue.urgent
    assert overdue.count == 1
    assert not [i for i in items_for(users["sibling"]) if "trễ hạn" in i.label]


def test_mine_tab_queries_do_not_grow(quarterly, period, bodies, users):
    from danvan.datasets.tests.factories import PeriodFactory

    client = _client(users["commune"])
    SubmissionFactory.create(form=quarterly, period=period, body=bodies["commune"])
    _list(client, tab="mine")
    with CaptureQueriesContext(connection) as few:
        _list(client, tab="mine")
    for number in (1, 2):
        earlier = PeriodFactory.create(number=number)
        SubmissionFactory.create(form=quarterly, period=earlier, body=bodies["commune"])
    _list(client, tab="mine")
    with CaptureQueriesContext(connection) as many:
        response = _list(client, tab="mine")
    assert response.context["page"].paginator.count == 3
    # The reports due are kept with the count: the rows and the filters.
    assert len(many) == len(few) == 5
    assert response.context["due"]  # the quarter under way
