"""The dialogues pages: lists and their query counts, a dialogue, the forms,
the minutes (DOCX), XLSX, the statistics; scoping page by page."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.dialogues.models import Issue, Reception, Session
from danvan.dialogues.tests.factories import (
    IssueFactory,
    ReceptionFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def session(bodies, tree):
    found = SessionFactory.create(
        body=bodies["commune"],
        area=tree["village"],
        audience="Nhân dân thôn Trung Tâm",
        subject="Nước sinh hoạt",
    )
    IssueFactory.create(session=found, content="Hỏi về giống ngô vụ đông.")
    IssueFactory.create(
        session=found,
        content="Đường vào khu sản xuất sạt lở.",
        assigned_body=bodies["ubnd"],
        due_on=D(2026, 11, 1),
    )
    return found


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_list_shows_the_units_dialogues(client, users, session, bodies, tree):
    other = SessionFactory.create(
        body=bodies["sibling"], area=tree["sibling"], audience="Hộ dân xã Hạnh Phúc"
    )
    client.force_login(users["commune"])
    page = client.get(reverse("dialogues:list")).content.decode()
    assert "Nhân dân thôn Trung Tâm" in page
    assert other.audience not in page
    assert "1 quá hạn" in page
    found = client.get(reverse("dialogues:list"), {"q": "trung tam"}).content.decode()
    assert "Nhân dân thôn Trung Tâm" in found
    client.force_login(users["province"])
    page = client.get(reverse("dialogues:list")).content.decode()
    assert other.audience in page


def test_list_costs_the_same_queries_with_more_rows(
    client, users, session, bodies, tree
):
    client.force_login(users["province"])
    url = reverse("dialogues:list")
    few = _queries(client, url)
    for day in range(1, 15):
        more = SessionFactory.create(
            body=bodies["commune"], area=tree["commune"], held_on=D(2026, 9, day)
        )
        IssueFactory.create(session=more)
    assert _queries(client, url) == few
    assert few <= 12


@pytest.mark.parametrize("name", ["dialogues:issue_list", "dialogues:reception_list"])
def test_other_lists_cost_few_queries(
    client, users, session, bodies, name, django_assert_max_num_queries
):
    for day in range(1, 8):
        ReceptionFactory.create(body=bodies["ubnd"], held_on=D(2026, 10, day))
    client.force_login(users["province"])
    url = reverse(name)
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200


def test_detail_and_minutes(client, users, session):
    client.force_login(users["viewer"])
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Hỏi về giống ngô vụ đông." in page
    assert "Ủy ban nhân dân xã Trạm Tấu" in page
    assert "quá hạn" in page
    assert reverse("dialogues:issue_add", args=[session.pk]) not in page
    response = client.get(reverse("dialogues:minutes", args=[session.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = Document(io.BytesIO(response.content)).tables
    header = " ".join(c.text for c in tables[0].rows[0].cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    assert "ĐẢNG ỦY XÃ TRẠM TẤU" in header
    assert "BIÊN BẢN" in text
    assert "Đối thoại trực tiếp giữa Bí thư Đảng ủy xã Giàng A Sử" in text
    assert (
        "Giao giải quyết: Ủy ban nhân dân xã Trạm Tấu, hạn trả lời ngày 01/11/2026"
        in text
    )


def test_another_units_dialogue_is_a_404(client, users, session):
    client.force_login(users["sibling"])
    for name in ("session_detail", "minutes", "session_edit", "issue_add"):
        url = reverse(f"dialogues:{name}", args=[session.pk])
        assert client.get(url).status_code == 404


def test_a_viewer_may_not_change_it(client, users, session):
    client.force_login(users["viewer"])
    url = reverse("dialogues:session_edit", args=[session.pk])
    assert client.get(url).status_code == 403
    issue = session.issues.get(status=Issue.Status.ASSIGNED)
    url = reverse("dialogues:issue_answer", args=[issue.pk])
    assert (
        client.post(url, {"answer": "x", "answered_on": "02/11/2026"}).status_code
        == 403
    )


def test_record_a_dialogue_and_its_opinions(client, users, bodies, tree):
    client.force_login(users["commune"])
    response = client.post(
        reverse("dialogues:create"),
        {
            "body": bodies["commune"].pk,
            "area": tree["commune"].pk,
            "held_on": "05/11/2026",
            "kind": "regular",
            "leader_name": "Hoàng Văn Thắng",
            "leader_title": "Bí thư Đảng ủy xã",
            "audience_kind": "association",
            "audience": "Hội viên Hội Phụ nữ xã",
            "participants": "1.200",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert session.participants == 1200
    url = reverse("dialogues:issue_add", args=[session.pk])
    response = client.post(
        url, {"raised_by": "Chị Vàng Thị Mai", "content": "Hỏi về vay vốn."}
    )
    assert response.status_code == 200
    assert "Chọn cơ quan giải quyết" in response.content.decode()
    assert not Issue.objects.exists()
    response = client.post(
        url,
        {
            "raised_by": "Chị Vàng Thị Mai",
            "content": "Hỏi về vay vốn.",
            "assigned_body": bodies["ubnd"].pk,
            "due_on": "30/11/2026",
        },
    )
    assert response.status_code == 302
    issue = Issue.objects.get()
    url = reverse("dialogues:issue_answer", args=[issue.pk])
    response = client.post(url, {"answer": "Đã trả lời.", "answered_on": "25/11/2026"})
    assert response.status_code == 200
    assert "không được sau ngày hôm nay" in response.content.decode()
    response = client.post(url, {"answer": "Đã trả lời.", "answered_on": "19/11/2026"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DONE


def test_a_future_date_is_refused_with_a_message(client, users, bodies, tree):
    client.force_login(users["commune"])
    response = client.post(
        reverse("dialogues:create"),
        {
            "body": bodies["commune"].pk,
            "area": tree["commune"].pk,
            "held_on": "05/12/2026",
            "kind": "regular",
            "leader_name": "Hoàng Văn Thắng",
            "leader_title": "Bí thư Đảng ủy xã",
            "audience_kind": "village",
            "audience": "Nhân dân thôn Mới",
        },
    )
    assert response.status_code == 200
    assert "05/12/2026" in response.content.decode()
    assert not Session.objects.exists()


def test_exports(client, users, session, bodies):
    ReceptionFactory.create(body=bodies["ubnd"], note="=SUM(A1)")
    client.force_login(users["commune"])
    for name, expected in (
        ("dialogues:export", "Nhân dân thôn Trung Tâm"),
        ("dialogues:issue_export", "Đường vào khu sản xuất sạt lở."),
        ("dialogues:reception_export", "=SUM(A1)"),
    ):
        response = client.get(reverse(name))
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [c.value for row in sheet.iter_rows() for c in row]
        assert expected in values, name
    assert Reception.objects.count() == 1


def test_issue_list_filters_overdue(client, users, session):
    client.force_login(users["commune"])
    page = client.get(
        reverse("dialogues:issue_list"), {"state": "overdue"}
    ).content.decode()
    assert "Đường vào khu sản xuất sạt lở." in page
    assert "Hỏi về giống ngô vụ đông." not in page


def test_record_a_reception_day(client, users, bodies):
    client.force_login(users["commune"])
    response = client.post(
        reverse("dialogues:reception_create"),
        {
            "body": bodies["ubnd"].pk,
            "held_on": "16/11/2026",
            "leader_name": "Lý Văn Chiến",
            "leader_title": "Chủ tịch UBND xã",
            "citizens": "7",
        },
    )
    assert response.status_code == 302
    assert Reception.objects.get().citizens == 7
    page = client.get(reverse("dialogues:reception_list")).content.decode()
    assert "Lý Văn Chiến" in page


def test_statistics_page_and_workbook(client, users, session, tree):
    client.force_login(users["commune"])
    query = {"area": tree["commune"].pk, "start": "01/01/2026", "end": "31/12/2026"}
    page = client.get(reverse("dialogues:stats"), query).content.decode()
    assert "Quy định 11-QĐi/TW" in page
    assert "Đảng ủy xã Trạm Tấu" in page
    assert "(50%)" in page
    response = client.get(reverse("dialogues:stats_export"), query)
    book = load_workbook(io.BytesIO(response.content))
    figures = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert figures["Ý kiến nhân dân nêu"] == 2
    duties = list(book.worksheets[1].iter_rows(values_only=True))
    assert any(row[0] == "Đảng ủy xã Trạm Tấu" and row[5] == 22 for row in duties)


def test_statistics_are_kept_and_show_a_change_at_once(
    client, users, session, bodies, tree
):
    client.force_login(users["commune"])
    query = {"area": tree["commune"].pk, "start": "01/01/2026", "end": "31/12/2026"}
    url = reverse("dialogues:stats_export")

    def figures():
        response = client.get(url, query)
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        return {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}

    assert figures()["Số buổi đối thoại"] == 1
    SessionFactory.create(body=bodies["commune"], area=tree["commune"])
    assert figures()["Số buổi đối thoại"] == 2
