"""The API of meetings and tasks: token auth, writes through services, scoping."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.common.actors import system_actor
from danvan.meetings.models import Meeting, Task

pytestmark = pytest.mark.django_db
D = dt.date


def token_client(user):
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}"
    )
    return client


def test_api_needs_authentication(make_meeting):
    meeting = make_meeting()
    client = APIClient()
    for url in (
        "/api/v1/meetings/",
        f"/api/v1/meetings/{meeting.pk}/",
        "/api/v1/tasks/",
    ):
        assert client.get(url).status_code in (401, 403)


def test_token_user_creates_a_meeting_and_its_conclusions(users, bodies, people):
    client = token_client(users["commune"])
    response = client.post(
        "/api/v1/meetings/",
        {
            "kind": "giao_ban",
            "title": "Giao ban công tác dân vận quý III/2026",
            "held_on": "2026-10-08",
            "convening_body": bodies["commune"].pk,
            "period_type": "quarter",
            "period_year": 2026,
            "period_number": 3,
            "chair": people["chair"].pk,
            "attendees": [people["front_head"].pk],
            "guests": "Đại diện Công an xã",
            "series_name": "Giao ban quý",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["period_start"] == "2026-07-01"
    assert data["period_end"] == "2026-09-30"
    assert data["period_label"] == "quý III/2026"
    assert data["series_name"] == "Giao ban quý"
    assert data["area"] == bodies["commune"].area_id
    meeting = Meeting.objects.get(pk=data["id"])
    assert meeting.created_by == users["commune"]

    added = client.post(
        f"/api/v1/meetings/{meeting.pk}/conclusions/",
        {"text": "Làm tốt công tác nắm tình hình nhân dân."},
        format="json",
    )
    assert added.status_code == 201
    assert added.json()["order"] == 1
    detail = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert [c["text"] for c in detail["conclusions"]] == [
        "Làm tốt công tác nắm tình hình nhân dân."
    ]

    changed = client.patch(
        f"/api/v1/meetings/{meeting.pk}/", {"place": "Hội trường xã"}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["place"] == "Hội trường xã"


def test_service_errors_are_field_errors(users, bodies):
    client = token_client(users["commune"])
    response = client.post(
        "/api/v1/meetings/",
        {
            "kind": "giao_ban",
            "title": "Giao ban",
            "held_on": "2026-10-08",
            "convening_body": bodies["commune"].pk,
            "period_type": "month",
            "period_year": 2026,
            "period_number": 13,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "period_number" in response.json()


def test_tasks_are_created_and_followed_up(users, make_meeting, bodies):
    meeting = make_meeting()
    client = token_client(users["commune"])
    created = client.post(
        "/api/v1/tasks/",
        {
            "meeting": meeting.pk,
            "title": "Rà soát hộ nghèo",
            "owner_body": bodies["ubnd"].pk,
            "due_on": "2026-11-30",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    task_id = created.json()["id"]
    assert created.json()["status"] == "open"
    done = client.patch(
        f"/api/v1/tasks/{task_id}/",
        {"status": "done", "on": "2026-11-20", "note": "Đã rà soát 312 hộ"},
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["done_on"] == "2026-11-20"
    assert done.json()["notes"] == "20/11/2026: Đã rà soát 312 hộ"
    listed = client.get("/api/v1/tasks/", {"status": "done"}).json()["results"]
    assert [t["id"] for t in listed] == [task_id]
    assert client.get("/api/v1/tasks/", {"status": "pending"}).json()["count"] == 0
    moved = client.patch(
        f"/api/v1/tasks/{task_id}/", {"meeting": make_meeting().pk}, format="json"
    )
    assert moved.status_code == 400


def test_carried_forward_endpoint(users, make_meeting, bodies):
    first = make_meeting(title="Tháng 8", held_on=D(2026, 9, 4), period_number=8)
    second = make_meeting()
    client = token_client(users["commune"])
    task = client.post(
        "/api/v1/tasks/",
        {"meeting": first.pk, "title": "Việc còn mở", "owner_body": bodies["front"].pk},
        format="json",
    ).json()
    carried = client.get(f"/api/v1/meetings/{second.pk}/carried-forward/").json()
    assert [t["id"] for t in carried] == [task["id"]]


def test_commune_user_never_reaches_the_sibling(users, make_meeting, bodies, people):
    theirs = make_meeting(convening_body=bodies["sibling"], chair=people["stranger"])
    task = Task.objects.create(
        meeting=theirs, title="Việc của xã bạn", owner_body=bodies["sibling"]
    )
    mine = make_meeting()
    client = token_client(users["commune"])
    listed = client.get("/api/v1/meetings/").json()
    assert [m["id"] for m in listed["results"]] == [mine.pk]
    assert client.get(f"/api/v1/meetings/{theirs.pk}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/meetings/{theirs.pk}/", {"title": "x"}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/meetings/{theirs.pk}/conclusions/", {"text": "x"}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/meetings/{theirs.pk}/carried-forward/").status_code == 404
    )
    assert client.get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert client.get("/api/v1/tasks/").json()["count"] == 0
    assert (
        client.patch(
            f"/api/v1/tasks/{task.pk}/", {"status": "done"}, format="json"
        ).status_code
        == 404
    )
    # Another unit's body or meeting is not a valid choice either.
    response = client.post(
        "/api/v1/meetings/",
        {
            "kind": "giao_ban",
            "title": "x",
            "held_on": "2026-10-08",
            "convening_body": bodies["sibling"].pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "convening_body" in response.json()
    response = client.post(
        "/api/v1/tasks/",
        {"meeting": theirs.pk, "title": "x", "owner_body": bodies["front"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert "meeting" in response.json()


def test_province_user_reads_both_communes(users, make_meeting, bodies, people):
    theirs = make_meeting(convening_body=bodies["sibling"], chair=people["stranger"])
    mine = make_meeting()
    client = APIClient()
    client.force_authenticate(users["province"])
    for meeting in (mine, theirs):
        assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 200
    assert client.get("/api/v1/meetings/").json()["count"] == 2


def test_viewer_reads_but_cannot_write(users, make_meeting, bodies):
    meeting = make_meeting()
    client = token_client(users["viewer"])
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 200
    assert (
        client.patch(
            f"/api/v1/meetings/{meeting.pk}/", {"title": "x"}, format="json"
        ).status_code
        == 403
    )
    response = client.post(
        "/api/v1/tasks/",
        {"meeting": meeting.pk, "title": "x", "owner_body": bodies["front"].pk},
        format="json",
    )
    assert response.status_code == 403
    assert client.delete(f"/api/v1/meetings/{meeting.pk}/").status_code == 405


def test_list_filters_and_search(users, make_meeting):
    make_meeting(place="Nhà văn hóa thôn Mới")
    make_meeting(kind="chuyen_de", title="Chuyên đề tảo hôn", period_type="")
    client = token_client(users["commune"])
    found = client.get("/api/v1/meetings/", {"q": "nha van hoa"}).json()
    assert found["count"] == 1
    kinds = client.get("/api/v1/meetings/", {"kind": "chuyen_de"}).json()["results"]
    assert [m["title"] for m in kinds] == ["Chuyên đề tảo hôn"]


def test_papers_through_the_api(users, make_meeting, terms, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting()
    client = token_client(users["commune"])
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/papers/notice/", {}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["reference"] == "01-TB/ĐU"
    download = client.get(f"/api/v1/meetings/{meeting.pk}/papers/notice/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert (
        client.get(f"/api/v1/meetings/{meeting.pk}/papers/minutes/").status_code == 404
    )
    other = token_client(users["sibling"])
    assert other.get(f"/api/v1/meetings/{meeting.pk}/papers/notice/").status_code == 404


def test_schema_and_docs_list_the_endpoints(client, users):
    client.force_login(users["commune"])
    schema = client.get("/api/v1/schema/").content.decode()
    for path in (
        "/api/v1/meetings/",
        "/api/v1/meetings/{id}/",
        "/api/v1/meetings/{id}/carried-forward/",
        "/api/v1/meetings/{id}/conclusions/",
        "/api/v1/tasks/",
        "/api/v1/tasks/{id}/",
    ):
        assert f"{path}:" in schema, path
    assert client.get("/api/v1/docs/").status_code == 200


def test_a_task_cannot_name_a_conclusion_of_a_meeting_out_of_scope(
    users, make_meeting, bodies
):
    from danvan.meetings import services

    theirs = make_meeting(convening_body=bodies["sibling"], title="Giao ban xã bên")
    conclusion = services.add_conclusion(
        actor=system_actor(), meeting=theirs, text="Kết luận riêng của xã bên"
    )
    client = token_client(users["commune"])
    response = client.post(
        "/api/v1/tasks/",
        {
            "meeting": make_meeting().pk,
            "title": "Rà soát hộ nghèo",
            "owner_body": bodies["ubnd"].pk,
            "conclusion": conclusion.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "conclusion" in response.json()  # as if it did not exist
    assert not Task.objects.exists()


def test_tasks_list_counts_each_task_once(users, make_meeting, bodies):
    """The count adds disjoint parts, one per path range of the scope (meetings'
    and lead bodies' paths): a task seen both ways is counted once."""
    from danvan.meetings import services

    actor = system_actor()
    here = make_meeting()
    above = make_meeting(convening_body=bodies["province"], title="Giao ban tỉnh")
    sibling = make_meeting(convening_body=bodies["sibling"], title="Giao ban xã bên")
    for meeting, owner in (
        (here, bodies["ubnd"]),  # the commune's meeting and lead body
        (here, bodies["province"]),
        (above, bodies["commune"]),  # addressed to the commune by the province
        (above, bodies["board"]),
        (sibling, bodies["sibling"]),
        (sibling, bodies["front"]),  # the sibling's meeting, the commune's body
    ):
        services.create_task(
            actor=actor, meeting=meeting, title="Việc", owner_body=owner
        )
    for name, user in users.items():
        client = token_client(user)
        visible = Task.objects.visible_to(user)
        body = client.get("/api/v1/tasks/").json()
        assert body["count"] == visible.count(), name
        assert sorted(t["id"] for t in body["results"]) == sorted(
            visible.values_list("pk", flat=True)
        )
        pending = client.get("/api/v1/tasks/", {"status": "pending"}).json()
        assert pending["count"] == visible.pending().count(), name
        one = client.get("/api/v1/tasks/", {"meeting": here.pk}).json()
        assert one["count"] == visible.filter(meeting=here).count(), name


def test_meetings_list_rows_are_the_details(users, make_meeting, bodies, people):
    """The list reads its nested lists as values (common.api.attach_rows); each
    row is the detail's JSON, read through model instances, key for key."""
    from danvan.meetings import services

    actor = system_actor()
    meeting = make_meeting(attendees=[people["front_head"], people["chair"]])
    make_meeting(title="Giao ban tháng 10/2026", period_number=10)
    for text in ("Rà soát hộ nghèo", "Vận động hiến đất"):
        services.add_conclusion(actor=actor, meeting=meeting, text=text)
    client = token_client(users["commune"])
    rows = client.get("/api/v1/meetings/").json()["results"]
    assert len(rows) == 2
    for row in rows:
        detail = client.get(f"/api/v1/meetings/{row['id']}/").json()
        assert list(row.items()) == list(detail.items())
    listed = {row["id"]: row for row in rows}[meeting.pk]
    assert len(listed["attendees"]) == 2
    assert [c["text"] for c in listed["conclusions"]] == [
        "Rà soát hộ nghèo",
        "Vận động hiến đất",
    ]


def test_unfiltered_lists_are_in_the_filters_default_order(users, make_meeting, bodies):
    """With no filter named, the lists skip the FilterSet (common.api.filtered):
    their rows and count are those of the FilterSet's default sort."""
    from danvan.meetings import services

    actor = system_actor()
    for day, title in ((D(2026, 3, 1), "Tháng 3"), (D(2026, 1, 5), "Tháng 1")):
        meeting = make_meeting(held_on=day, title=title)
        for due in (D(2026, 6, 1), None, D(2026, 4, 1)):
            services.create_task(
                actor=actor,
                meeting=meeting,
                title="Việc",
                owner_body=bodies["ubnd"],
                due_on=due,
            )
    make_meeting(held_on=D(2026, 3, 1), title="Cùng ngày")
    client = token_client(users["commune"])
    for path, default in (("meetings", "-date"), ("tasks", "due")):
        plain = client.get(f"/api/v1/{path}/").json()
        sorted_ = client.get(f"/api/v1/{path}/", {"sort": default}).json()
        assert plain["count"] == sorted_["count"] > 2
        assert plain["results"] == sorted_["results"]


def test_kept_api_counts_follow_every_change_at_once(users, make_meeting, bodies):
    """The API lists' counts are kept (meetings.kept, per scope and filters)
    and forgotten on any save or delete of a meeting or task."""
    from danvan.meetings import services

    client = token_client(users["commune"])

    def count(path, **query):
        return client.get(f"/api/v1/{path}/", query).json()["count"]

    meeting = make_meeting()
    assert count("meetings") == 1
    assert count("tasks") == 0
    task = services.create_task(
        actor=system_actor(), meeting=meeting, title="Việc", owner_body=bodies["ubnd"]
    )
    assert count("tasks") == 1
    assert count("tasks", status="done") == 0
    services.set_task_status(actor=system_actor(), task=task, status="done")
    assert count("tasks", status="done") == 1
    assert count("meetings", status="done") == 1
    other = make_meeting(title="Giao ban tháng 10/2026", period_number=10)
    assert count("meetings") == 2
    other.delete()
    meeting.delete()
    assert count("meetings") == 0
    assert count("tasks") == 0
