"""The pages: lists with filters, search, sorting and XLSX; detail with history;
forms; status changes by htmx."""

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import GeneratedDocument, Meeting, Task

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def listed(make_meeting, bodies, people):
    """Meetings of xã Trạm Tấu (two months, a thematic one) and of its sibling."""
    august = make_meeting(
        title="Giao ban tháng 8/2026", held_on=D(2026, 9, 4), period_number=8
    )
    september = make_meeting(place="Nhà văn hóa thôn Trung Tâm")
    thematic = make_meeting(
        kind="chuyen_de",
        title="Hội nghị chuyên đề về tảo hôn",
        held_on=D(2025, 12, 2),
        period_type="",
    )
    theirs = make_meeting(
        convening_body=bodies["sibling"],
        title="Giao ban xã Hạnh Phúc",
        chair=people["stranger"],
        place="Hội trường xã Hạnh Phúc",
    )
    services.create_task(
        actor=system_actor(),
        meeting=august,
        title="Nắm tình hình tôn giáo",
        owner_body=bodies["front"],
        due_on=D(2026, 9, 30),
    )
    return {
        "august": august,
        "september": september,
        "thematic": thematic,
        "theirs": theirs,
    }


def titles(response):
    page = response.context["page"]
    return [m.title for m in page]


def test_list_shows_own_meetings_with_filters(client, users, listed):
    client.force_login(users["commune"])
    url = reverse("meetings:list")
    response = client.get(url)
    assert response.status_code == 200
    assert titles(response) == [
        "Giao ban công tác dân vận tháng 9/2026",
        "Giao ban tháng 8/2026",
        "Hội nghị chuyên đề về tảo hôn",
    ]
    assert "Giao ban xã Hạnh Phúc" not in response.content.decode()
    assert titles(client.get(url, {"kind": "chuyen_de"})) == [
        "Hội nghị chuyên đề về tảo hôn"
    ]
    assert len(titles(client.get(url, {"year": 2026}))) == 2
    assert titles(client.get(url, {"status": "open"})) == ["Giao ban tháng 8/2026"]
    assert titles(client.get(url, {"status": "overdue"})) == ["Giao ban tháng 8/2026"]
    assert len(titles(client.get(url, {"status": "none"}))) == 2
    body = listed["august"].convening_body.pk
    assert len(titles(client.get(url, {"body": body}))) == 3
    area = listed["august"].area.pk
    assert len(titles(client.get(url, {"area": area}))) == 3
    # Values that are not choices for this user are ignored, not errors.
    other = listed["theirs"].convening_body.pk
    assert client.get(url, {"body": other, "year": "x"}).status_code == 200


def test_search_ignores_diacritics(client, users, listed):
    client.force_login(users["commune"])
    url = reverse("meetings:list")
    for text in ("nha van hoa", "Nhà văn hóa", "NHA VAN HOA"):
        assert titles(client.get(url, {"q": text})) == [
            "Giao ban công tác dân vận tháng 9/2026"
        ], text
    assert titles(client.get(url, {"q": "tao hon"})) == [
        "Hội nghị chuyên đề về tảo hôn"
    ]
    assert titles(client.get(url, {"q": "nguyen van minh"}))  # the chair
    assert titles(client.get(url, {"q": "hanh phuc"})) == []


def test_sorting_and_pagination(client, users, listed, make_meeting, monkeypatch):
    client.force_login(users["commune"])
    url = reverse("meetings:list")
    assert (
        titles(client.get(url, {"sort": "date"}))[0] == "Hội nghị chuyên đề về tảo hôn"
    )
    assert (
        titles(client.get(url, {"sort": "title"}))[0]
        == "Giao ban công tác dân vận tháng 9/2026"
    )
    assert (
        titles(client.get(url, {"sort": "-title"}))[0]
        == "Hội nghị chuyên đề về tảo hôn"
    )
    monkeypatch.setattr("danvan.meetings.views.PAGE_SIZE", 2)
    first = client.get(url, {"sort": "date", "kind": "giao_ban"})
    assert first.context["page"].paginator.num_pages == 1
    page_two = client.get(url, {"sort": "date", "page": 2})
    assert titles(page_two) == ["Giao ban công tác dân vận tháng 9/2026"]
    assert "sort=date" in page_two.content.decode()  # links keep the filters


def test_rows_partial_for_htmx(client, users, listed):
    client.force_login(users["commune"])
    response = client.get(
        reverse("meetings:list"), {"q": "tao hon"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "Hội nghị chuyên đề về tảo hôn" in content
    assert "<html" not in content


def test_meeting_list_query_count_is_fixed(
    client, users, listed, make_meeting, django_assert_max_num_queries
):
    client.force_login(users["commune"])
    client.get(reverse("meetings:list"))
    for month in range(1, 8):
        make_meeting(
            title=f"Giao ban tháng {month}",
            held_on=D(2026, month, 20),
            period_number=month,
        )
    with django_assert_max_num_queries(14):
        client.get(reverse("meetings:list"))


def xlsx_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_meetings_export_follows_the_filters(client, users, listed):
    client.force_login(users["commune"])
    rows = xlsx_rows(client.get(reverse("meetings:export"), {"year": 2026}))
    assert len(rows) == 3  # header and two meetings
    assert rows[1][2] == "Giao ban công tác dân vận tháng 9/2026"
    assert rows[1][0].date() == D(2026, 10, 5)
    assert all("Hạnh Phúc" not in str(row) for row in rows)
    searched = xlsx_rows(client.get(reverse("meetings:export"), {"q": "tao hon"}))
    assert [r[2] for r in searched[1:]] == ["Hội nghị chuyên đề về tảo hôn"]


def test_tasks_list_filters_and_export(client, users, listed, bodies):
    august = listed["august"]
    done = services.create_task(
        actor=system_actor(),
        meeting=august,
        title="Họp dân thôn Mới",
        owner_body=bodies["ubnd"],
    )
    services.set_task_status(
        actor=system_actor(), task=done, status="done", on=D(2026, 9, 10)
    )
    services.create_task(
        actor=system_actor(),
        meeting=listed["theirs"],
        title="Việc của xã Hạnh Phúc",
        owner_body=bodies["sibling"],
    )
    client.force_login(users["commune"])
    url = reverse("meetings:task_list")

    def listed_titles(**params):
        return [t.title for t in client.get(url, params).context["page"]]

    assert listed_titles() == ["Nắm tình hình tôn giáo", "Họp dân thôn Mới"]
    assert listed_titles(status="pending") == ["Nắm tình hình tôn giáo"]
    assert listed_titles(status="overdue") == ["Nắm tình hình tôn giáo"]
    assert listed_titles(status="done") == ["Họp dân thôn Mới"]
    assert listed_titles(owner=bodies["ubnd"].pk) == ["Họp dân thôn Mới"]
    assert listed_titles(due_before="2026-09-30") == ["Nắm tình hình tôn giáo"]
    assert listed_titles(q="ton giao") == ["Nắm tình hình tôn giáo"]
    assert listed_titles(sort="-due")[-1] == "Họp dân thôn Mới"  # no due date: last
    rows = xlsx_rows(client.get(reverse("meetings:task_export"), {"status": "pending"}))
    assert [r[0] for r in rows[1:]] == ["Nắm tình hình tôn giáo"]
    assert rows[1][1] == "Ủy ban MTTQ Việt Nam xã Trạm Tấu"


def test_detail_shows_period_people_carried_tasks_and_history(client, users, concluded):
    client.force_login(users["commune"])
    page = client.get(concluded.get_absolute_url()).content.decode()
    assert "01/09/2026 – 30/09/2026" in page
    assert "Giàng A Sử" in page
    assert "Đại diện Công an xã" in page
    assert "Rà soát, nắm tình hình tôn giáo ở thôn Mới" in page  # carried forward
    assert "Tiếp tục tuyên truyền" in page
    assert "Nguyễn Văn Minh, Phó Bí thư Thường trực Đảng ủy xã" in page
    assert 'id="carried"' in page
    # The change log lists the meeting and its conclusions and tasks.
    history = client.get(concluded.get_absolute_url()).context["history"]
    kinds = {entry.content_type.model for entry in history}
    assert {"meeting", "conclusion", "task"} <= kinds


def test_viewer_reads_without_forms(client, users, concluded):
    client.force_login(users["viewer"])
    page = client.get(concluded.get_absolute_url()).content.decode()
    assert "Tiếp tục tuyên truyền" in page
    assert reverse("meetings:conclusion_add", args=[concluded.pk]) not in page
    assert reverse("meetings:edit", args=[concluded.pk]) not in page


def test_record_button_follows_memberships_and_bodies_at_once(client, users, tree):
    """Whether one may record a meeting is kept with the scope, and forgotten
    with it: a new membership, or a first body in one's area, shows the button."""
    from danvan.accounts.models import Membership
    from danvan.units import services as units
    from danvan.units.models import Body

    create = reverse("meetings:create")
    viewer = users["viewer"]
    client.force_login(viewer)
    assert create not in client.get(reverse("meetings:list")).content.decode()
    assert client.get(create).status_code == 403
    Membership.objects.create(
        user=viewer, area=tree["village"], role=Membership.Role.EDITOR
    )
    # An editor of a village without a body convenes nothing.
    assert create not in client.get(reverse("meetings:list")).content.decode()
    assert client.get(create).status_code == 403
    units.create_body(
        actor=system_actor(),
        name="Chi bộ thôn",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["village"],
    )
    assert create in client.get(reverse("meetings:list")).content.decode()
    assert client.get(create).status_code == 200


def test_editor_records_a_meeting_through_the_form(client, users, bodies, people):
    client.force_login(users["commune"])
    assert client.get(reverse("meetings:create")).status_code == 200
    response = client.post(
        reverse("meetings:create"),
        {
            "convening_body": bodies["commune"].pk,
            "kind": "so_ket",
            "title": "Sơ kết công tác dân vận 9 tháng năm 2026",
            "held_on": "2026-10-10",
            "place": "Hội trường Đảng ủy xã",
            "period_type": "9m",
            "period_year": "2026",
            "chair": people["chair"].pk,
            "attendees": [people["front_head"].pk],
            "guests": "Đại diện Công an xã",
            "agenda": "Đánh giá 9 tháng",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert (meeting.period_start, meeting.period_end) == (D(2026, 1, 1), D(2026, 9, 30))
    assert meeting.created_by == users["commune"]
    assert list(meeting.attendees.all()) == [people["front_head"]]


def test_form_errors_are_shown_not_saved(client, users, bodies):
    client.force_login(users["commune"])
    response = client.post(
        reverse("meetings:create"),
        {
            "convening_body": bodies["commune"].pk,
            "kind": "giao_ban",
            "title": "Giao ban",
            "held_on": "2026-10-10",
            "period_type": "quarter",
            "period_number": "7",
            "period_year": "2026",
        },
    )
    assert response.status_code == 200
    assert "period_number" in response.context["form"].errors
    assert not Meeting.objects.exists()
    # A body of another commune is not a choice.
    response = client.post(
        reverse("meetings:create"),
        {
            "convening_body": bodies["sibling"].pk,
            "kind": "giao_ban",
            "title": "Giao ban",
            "held_on": "2026-10-10",
        },
    )
    assert "convening_body" in response.context["form"].errors


def test_next_meeting_of_the_series_starts_from_the_last(client, users, concluded):
    client.force_login(users["commune"])
    response = client.get(reverse("meetings:create"), {"after": concluded.pk})
    initial = response.context["form"].initial
    assert initial["convening_body"] == concluded.convening_body_id
    assert initial["series"] == concluded.series_id
    assert (initial["period_year"], initial["period_number"]) == (2026, 10)


def test_edit_form_saves_through_the_service(client, users, concluded):
    client.force_login(users["commune"])
    url = reverse("meetings:edit", args=[concluded.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["place"] = "Hội trường UBND xã"
    data["attendees"] = form.initial["attendees"]
    response = client.post(url, data)
    assert response.status_code == 302
    concluded.refresh_from_db()
    assert concluded.place == "Hội trường UBND xã"
    assert concluded.attendees.count() == 2


def test_conclusions_and_tasks_from_the_detail_page(
    client, users, make_meeting, bodies
):
    meeting = make_meeting()
    client.force_login(users["commune"])
    client.post(
        reverse("meetings:conclusion_add", args=[meeting.pk]),
        {"text": "Vận động nhân dân giữ gìn vệ sinh môi trường."},
    )
    conclusion = meeting.conclusions.get()
    response = client.post(
        reverse("meetings:conclusion_task", args=[conclusion.pk]),
        {"owner_body": bodies["front"].pk, "due_on": "2026-11-30", "title": ""},
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.title == conclusion.text
    assert task.due_on == D(2026, 11, 30)
    client.post(
        reverse("meetings:task_add", args=[meeting.pk]),
        {"title": "Báo cáo kết quả", "owner_body": bodies["ubnd"].pk},
    )
    assert meeting.tasks.count() == 2
    client.post(reverse("meetings:conclusion_delete", args=[conclusion.pk]))
    assert not meeting.conclusions.exists()
    assert meeting.tasks.count() == 2


def test_status_change_by_htmx_returns_the_row(client, users, concluded):
    task = concluded.tasks.get()
    client.force_login(users["commune"])
    response = client.post(
        reverse("meetings:task_status", args=[task.pk]),
        {"status": "in_progress", "row": "meeting"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith("<tr")
    assert 'value="in_progress" selected' in content
    task.refresh_from_db()
    assert task.status == Task.Status.IN_PROGRESS
    # Without htmx: a note and a redirect back.
    response = client.post(
        reverse("meetings:task_status", args=[task.pk]),
        {"status": "done", "on": "2026-10-20", "note": "Đã hoàn thành"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_on == D(2026, 10, 20)
    assert "Đã hoàn thành" in task.notes
    page = client.get(task.get_absolute_url()).content.decode()
    assert "20/10/2026: Đã hoàn thành" in page


def test_task_edit(client, users, concluded, bodies):
    task = concluded.tasks.get()
    client.force_login(users["commune"])
    client.post(
        reverse("meetings:task_edit", args=[task.pk]),
        {"title": "Việc mới", "owner_body": bodies["ubnd"].pk, "due_on": ""},
    )
    task.refresh_from_db()
    assert (task.title, task.owner_body, task.due_on) == (
        "Việc mới",
        bodies["ubnd"],
        None,
    )


def test_papers_from_the_detail_page(
    client, users, concluded, terms, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["commune"])
    url = reverse("meetings:paper_generate", args=[concluded.pk, "notice"])
    # The page holds no form: a paper's options load when its box opens.
    detail = client.get(concluded.get_absolute_url())
    assert "notice-signer_capacity" not in detail.content.decode()
    assert f'hx-get="{url}"' in detail.content.decode()
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith("<form")
    assert 'value="T/M BAN THƯỜNG VỤ"' in partial.content.decode()
    # Without JavaScript, a page of its own.
    own_page = client.get(url)
    assert "<html" in own_page.content.decode()
    form = own_page.context["paper"]["form"]
    assert form.initial["signer_capacity"] == "T/M BAN THƯỜNG VỤ"
    data = {f"notice-{k}": v for k, v in form.initial.items()}
    data["notice-issued_on"] = "2026-10-06"
    response = client.post(url, data)
    assert response.status_code == 302
    paper = concluded.generated_documents.get()
    assert paper.reference == "01-TB/ĐU"
    assert paper.issued_on == D(2026, 10, 6)
    page = client.get(concluded.get_absolute_url()).content.decode()
    assert "01-TB/ĐU" in page
    # The paper's own entry is in the meeting's change log.
    assert "01-TB/ĐU" in page[page.index('id="change-log"') :]
    # Generated: the form says the number and date stay, and keeps the options.
    with CaptureQueriesContext(connection) as read:
        again = client.get(url)
    assert again.context["paper"]["generated"] == paper
    assert "06/10/2026" in again.content.decode()
    # The meeting's papers are read once, for the paper found and its options.
    papers = GeneratedDocument._meta.db_table
    assert sum(f'FROM "{papers}"' in q["sql"] for q in read.captured_queries) == 1
    download = client.get(paper.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    # Served as a download under a readable name, stored under a random one.
    assert (
        "Th%C3%B4ng%20b%C3%A1o%2001-TB-%C4%90U.docx" in download["Content-Disposition"]
    )
    assert download["Content-Type"] == "application/octet-stream"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "thong-bao" not in paper.file.name
    assert b"".join(download.streaming_content)[:2] == b"PK"
    # Without a term, the register refuses and the page says why.
    client.post(
        reverse("meetings:paper_generate", args=[concluded.pk, "minutes"]),
        {"minutes-issued_on": "2020-01-01"},
        follow=True,
    )
    assert concluded.generated_documents.count() == 1


def test_pages_are_vietnamese_first_and_switch_to_english(client, users, concluded):
    client.force_login(users["commune"])
    page = client.get(concluded.get_absolute_url()).content.decode()
    assert ">Hội nghị</a>" in page  # the menu
    assert "Nhiệm vụ chuyển tiếp từ hội nghị trước" in page
    assert "Đơn vị chủ trì" in page
    assert "Hạn hoàn thành" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(concluded.get_absolute_url()).content.decode()
    assert ">Meetings</a>" in page
    assert "Tasks carried forward from the previous meeting" in page


def test_change_log_names_attendees_and_hides_internal_fields(
    client, users, make_meeting, people
):
    meeting = make_meeting(actor=users["commune"])
    services.update_meeting(
        actor=users["commune"], meeting=meeting, attendees=[people["front_head"]]
    )
    client.force_login(users["commune"])
    history = client.get(meeting.get_absolute_url()).context["history"]
    changes = [{c.label: [c.old, c.new] for c in entry.changes} for entry in history]
    assert {"thành phần dự": ["", "Giàng A Sử"]} in changes
    created = changes[-1]
    labels = set(created)
    assert "ID" not in labels
    assert "tasks" not in labels
    assert not any("search" in label for label in labels)


def test_task_forms_load_when_asked_not_on_the_meeting_page(
    client, users, bodies, concluded
):
    """The page links to each task form; the form (its choice of bodies) comes
    on demand: for htmx the form alone, else a page of its own."""
    client.force_login(users["commune"])
    page = client.get(reverse("meetings:detail", args=[concluded.pk])).content.decode()
    assert 'name="owner_body"' not in page
    conclusion = concluded.conclusions.first()
    make = reverse("meetings:conclusion_task", args=[conclusion.pk])
    add = reverse("meetings:task_add", args=[concluded.pk])
    assert f'hx-get="{make}"' in page
    assert f'href="{add}"' in page
    fragment = client.get(make, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert f'action="{make}"' in fragment
    assert 'name="owner_body"' in fragment
    whole = client.get(make).content.decode()
    assert "<html" in whole
    assert conclusion.text in whole
    assert f'action="{make}"' in whole
    added = client.get(add).content.decode()
    assert f'action="{add}"' in added
    assert 'name="title"' in added
    # Only the meeting's editors get the forms.
    client.force_login(users["viewer"])
    assert client.get(make).status_code == 403
    assert client.get(add).status_code == 403


def test_kept_counts_and_years_follow_every_change_at_once(
    client, users, listed, bodies, make_meeting
):
    """The lists' counts and years are kept (meetings.kept) and forgotten on
    any save or delete of a meeting, task or conclusion: the pages never show
    an old figure."""
    client.force_login(users["commune"])
    meetings, tasks = reverse("meetings:list"), reverse("meetings:task_list")

    def count(url, **query):
        return client.get(url, query).context["page"].paginator.count

    def years(url):
        form = client.get(url).context["form"]
        return [value for value, _label in form.fields["year"].choices if value]

    assert count(meetings) == 3
    assert years(meetings) == [2026, 2025]
    assert count(tasks) == 1
    assert count(tasks, status="done") == 0
    assert count(meetings, status="none") == 2
    older = make_meeting(title="Giao ban tháng 1/2024", held_on=D(2024, 1, 5))
    assert count(meetings) == 4
    assert years(meetings) == [2026, 2025, 2024]
    task = services.create_task(
        actor=system_actor(),
        meeting=older,
        title="Việc mới",
        owner_body=bodies["front"],
    )
    assert count(tasks) == 2
    assert years(tasks) == [2026, 2025, 2024]
    assert count(meetings, status="none") == 2
    services.set_task_status(actor=system_actor(), task=task, status="done")
    assert count(tasks, status="done") == 1
    assert count(meetings, status="done") == 1
    older.delete()
    assert count(meetings) == 3
    assert count(tasks) == 1
    assert years(meetings) == [2026, 2025]


def test_filtersets_keep_their_years_for_a_user(
    users, listed, django_assert_num_queries
):
    """Built for a ``user``, the FilterSets keep their span of years
    (meetings.kept); built without one (the API), they read it each time."""
    from danvan.meetings.filters import MeetingFilterSet, TaskFilterSet

    user = users["commune"]

    def years(filters):
        return [value for value, _label in filters.form.fields["year"].choices if value]

    cases: list[tuple[Any, Any]] = [
        (MeetingFilterSet, Meeting.objects.visible_to(user)),
        (TaskFilterSet, Task.objects.visible_to(user)),
    ]
    for cls, rows in cases:
        found = years(cls({}, rows, user=user))
        assert found == years(cls({}, rows))
        with django_assert_num_queries(0):
            assert years(cls({}, rows, user=user)) == found
        with django_assert_num_queries(2):
            assert years(cls({}, rows)) == found
