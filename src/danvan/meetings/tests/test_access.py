"""Every page and endpoint, as xã Trạm Tấu, its sibling commune and the province
see it: own 200, sibling 404, province both; viewers read and never write."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.meetings import services

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def sides(make_meeting, bodies, people, terms, settings, tmp_path):
    """One meeting with a conclusion, a task and a notice on each side."""
    settings.MEDIA_ROOT = tmp_path

    def side(body, chair):
        meeting = make_meeting(convening_body=body, chair=chair)
        conclusion = services.add_conclusion(
            actor=system_actor(), meeting=meeting, text="Kết luận"
        )
        task = services.task_from_conclusion(
            actor=system_actor(), conclusion=conclusion, owner_body=body
        )
        if body == bodies["commune"]:
            paper = services.generate_notice(actor=system_actor(), meeting=meeting)
        else:
            paper = None
        return {
            "meeting": meeting,
            "conclusion": conclusion,
            "task": task,
            "paper": paper,
        }

    from danvan.documents.services import add_term

    add_term(
        actor=system_actor(),
        body=bodies["sibling"],
        name="lần thứ I",
        starts_on=D(2025, 7, 1),
    )
    mine = side(bodies["commune"], people["chair"])
    theirs = side(bodies["sibling"], people["stranger"])
    theirs["paper"] = services.generate_notice(
        actor=system_actor(), meeting=theirs["meeting"]
    )
    return {"mine": mine, "theirs": theirs}


def read_urls(side):
    meeting, task, paper = side["meeting"], side["task"], side["paper"]
    return [
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:task_detail", args=[task.pk]),
        reverse("meetings:download", args=[paper.pk]),
        f"{reverse('meetings:create')}?after={meeting.pk}",
        f"/api/v1/meetings/{meeting.pk}/",
        f"/api/v1/meetings/{meeting.pk}/carried-forward/",
        f"/api/v1/meetings/{meeting.pk}/papers/notice/",
        f"/api/v1/tasks/{task.pk}/",
    ]


def write_requests(side, bodies):
    """(url, data) of every POST; each one is harmless to repeat."""
    meeting, conclusion, task = side["meeting"], side["conclusion"], side["task"]
    body = meeting.convening_body.pk
    return [
        (reverse("meetings:conclusion_add", args=[meeting.pk]), {"text": "Thêm"}),
        (
            reverse("meetings:conclusion_task", args=[conclusion.pk]),
            {"owner_body": body},
        ),
        (
            reverse("meetings:task_add", args=[meeting.pk]),
            {"title": "Việc", "owner_body": body},
        ),
        (reverse("meetings:task_status", args=[task.pk]), {"status": "in_progress"}),
        (
            reverse("meetings:task_edit", args=[task.pk]),
            {"title": "Việc", "owner_body": body},
        ),
        (
            reverse("meetings:paper_generate", args=[meeting.pk, "notice"]),
            {"notice-issued_on": meeting.held_on.isoformat()},
        ),
        (
            reverse("meetings:edit", args=[meeting.pk]),
            {
                "convening_body": body,
                "kind": "giao_ban",
                "title": meeting.title,
                "held_on": meeting.held_on.isoformat(),
            },
        ),
        (reverse("meetings:conclusion_delete", args=[conclusion.pk]), {}),
    ]


def test_anonymous_is_sent_to_sign_in(client, sides, bodies):
    for url in [
        reverse("meetings:list"),
        reverse("meetings:export"),
        reverse("meetings:create"),
        reverse("meetings:task_list"),
        reverse("meetings:task_export"),
        *read_urls(sides["mine"])[:5],
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))
    for url, data in write_requests(sides["mine"], bodies):
        assert client.post(url, data).status_code == 302


def test_commune_user_opens_own_pages(client, users, sides):
    client.force_login(users["commune"])
    for url in read_urls(sides["mine"]):
        assert client.get(url).status_code == 200, url


def test_commune_user_gets_404_on_the_sibling(client, users, sides, bodies):
    client.force_login(users["commune"])
    for url in read_urls(sides["theirs"]):
        response = client.get(url)
        if "?after=" in url:  # the form opens, without the other meeting's data
            assert response.status_code == 200
            assert not response.context["form"].initial
            continue
        assert response.status_code == 404, url
    for url, data in write_requests(sides["theirs"], bodies):
        assert client.post(url, data).status_code == 404, url
    assert sides["theirs"]["meeting"].conclusions.count() == 1
    assert sides["theirs"]["task"].status == "open"


def test_province_user_opens_both_and_writes(client, users, sides, bodies):
    client.force_login(users["province"])
    for side in ("mine", "theirs"):
        for url in read_urls(sides[side]):
            assert client.get(url).status_code == 200, url
    for url, data in write_requests(sides["theirs"], bodies):
        assert client.post(url, data).status_code == 302, url


def test_commune_user_writes_own(client, users, sides, bodies):
    client.force_login(users["commune"])
    for url, data in write_requests(sides["mine"], bodies):
        assert client.post(url, data).status_code == 302, url
    sides["mine"]["task"].refresh_from_db()
    assert sides["mine"]["task"].title == "Việc"


def test_viewers_read_and_cannot_write(client, users, sides, bodies):
    client.force_login(users["viewer"])
    for url in read_urls(sides["mine"]):
        if "/edit/" in url or "?after=" in url:
            assert client.get(url).status_code == 403, url
        else:
            assert client.get(url).status_code == 200, url
    for url, data in write_requests(sides["mine"], bodies):
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("meetings:create")).status_code == 403
    assert sides["mine"]["meeting"].conclusions.count() == 1


def test_a_village_user_does_not_see_the_communes_meetings(client, users, sides):
    client.force_login(users["village"])
    assert client.get(read_urls(sides["mine"])[0]).status_code == 404
    assert not client.get(reverse("meetings:list")).context["page"].object_list


def test_lists_and_exports_show_only_the_users_subtree(client, users, sides):
    client.force_login(users["commune"])
    for name in ("meetings:list", "meetings:task_list"):
        page = client.get(reverse(name))
        assert len(page.context["page"]) == 1
    for name in ("meetings:export", "meetings:task_export"):
        content = client.get(reverse(name)).content
        assert len(content) > 0
    client.force_login(users["province"])
    for name in ("meetings:list", "meetings:task_list"):
        assert len(client.get(reverse(name)).context["page"]) == 2
    client.force_login(users["sibling"])
    assert [m.title for m in client.get(reverse("meetings:list")).context["page"]] == [
        sides["theirs"]["meeting"].title
    ]
