"""Every page and endpoint, as xã Trạm Tấu, its sibling commune and the province
see them: own 200, sibling 404, province both; viewers read and never write."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def sides(tree, registered, rubric, settings, tmp_path):
    """A registered model with an evaluation and a progress photo on each side."""
    settings.MEDIA_ROOT = tmp_path

    def side(area, name):
        initiative = registered(area, name)
        update = services.add_progress_update(
            actor=system_actor(), initiative=initiative, date=dt.date(2025, 6, 30)
        )
        services.add_attachment(
            actor=system_actor(), update=update, content=b"anh", name="anh.jpg"
        )
        services.evaluate_initiative(
            actor=system_actor(),
            initiative=initiative,
            scores={c.pk: Decimal(8) for c in rubric.criteria.all()},
        )
        return initiative

    return {
        "mine": side(tree["commune"], "Mô hình của Trạm Tấu"),
        "theirs": side(tree["sibling"], "Mô hình của Hạnh Phúc"),
    }


def read_urls(initiative):
    attachment = initiative.updates.get().attachments.get()
    return [
        reverse("initiatives:detail", args=[initiative.pk]),
        reverse("initiatives:progress", args=[initiative.pk]),
        reverse("initiatives:adopt", args=[initiative.pk]),
        reverse("initiatives:attachment", args=[attachment.pk]),
        f"/api/v1/initiatives/{initiative.pk}/",
    ]


def write_requests(initiative):
    """(url, data) of the registering unit's POSTs."""
    return [
        (reverse("initiatives:submit", args=[initiative.pk]), {}),
        (
            reverse("initiatives:status", args=[initiative.pk]),
            {"status": "in_progress"},
        ),
        (reverse("initiatives:continue", args=[initiative.pk]), {}),
        (
            reverse("initiatives:progress", args=[initiative.pk]),
            {
                "date": "2025-07-01",
                "money_vnd": 0,
                "working_days": 0,
                "people_reached": 0,
            },
        ),
    ]


def judge_requests(initiative):
    """(url, data) of the level above's POSTs."""
    return [
        (reverse("initiatives:accept", args=[initiative.pk]), {}),
        (reverse("initiatives:return", args=[initiative.pk]), {"note": "Sửa"}),
        (reverse("initiatives:evaluate", args=[initiative.pk]), {}),
        (reverse("initiatives:commend", args=[initiative.pk]), {}),
        (reverse("initiatives:publish", args=[initiative.pk]), {}),
        (f"/api/v1/initiatives/{initiative.pk}/accept/", {}),
        (f"/api/v1/initiatives/{initiative.pk}/evaluate/", {"scores": {}}),
        (f"/api/v1/initiatives/{initiative.pk}/publish/", {}),
    ]


def test_commune_reads_its_own_and_not_the_sibling(client, users, sides):
    client.force_login(users["commune"])
    for url in read_urls(sides["mine"]):
        assert client.get(url).status_code == 200, url
    for url in read_urls(sides["theirs"]):
        assert client.get(url).status_code == 404, url
    for url, data in write_requests(sides["theirs"]) + judge_requests(sides["theirs"]):
        assert client.post(url, data).status_code == 404, url


def test_province_reads_both(client, users, sides):
    client.force_login(users["province"])
    for side in ("mine", "theirs"):
        for url in read_urls(sides[side]):
            assert client.get(url).status_code == 200, url


def test_lists_and_exports_hold_only_visible_models(client, users, sides):
    client.force_login(users["commune"])
    names = [m.name for m in client.get(reverse("initiatives:list")).context["page"]]
    assert names == ["Mô hình của Trạm Tấu"]
    api = client.get("/api/v1/initiatives/").json()
    assert [m["name"] for m in api["results"]] == ["Mô hình của Trạm Tấu"]
    export = client.get(reverse("initiatives:export")).content
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(export)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["Mô hình của Trạm Tấu"]
    client.force_login(users["province"])
    seen = {m.name for m in client.get(reverse("initiatives:list")).context["page"]}
    assert seen == {"Mô hình của Trạm Tấu", "Mô hình của Hạnh Phúc"}


def test_viewer_reads_but_never_writes(client, users, sides):
    client.force_login(users["viewer"])
    mine = sides["mine"]
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(reverse("initiatives:create")).status_code == 403
    assert client.get(reverse("initiatives:import")).status_code == 403
    for url, data in write_requests(mine) + judge_requests(mine):
        assert client.post(url, data).status_code == 403, url
    response = client.post(
        "/api/v1/initiatives/",
        {"name": "X", "field": 1, "year": 2025},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_registering_unit_cannot_judge_its_own_model(client, users, sides):
    client.force_login(users["commune"])
    for url, data in judge_requests(sides["mine"]):
        assert client.post(url, data).status_code == 403, url


def test_village_viewer_does_not_see_the_commune_model(client, users, sides):
    client.force_login(users["village"])
    assert client.get(sides["mine"].get_absolute_url()).status_code == 404


def test_review_queue_lists_only_what_the_user_may_judge(
    client, tree, users, make_initiative
):
    commune = make_initiative(tree["commune"], "Của xã", status="submitted")
    province = make_initiative(tree["province"], "Của tỉnh", status="submitted")
    client.force_login(users["province"])
    response = client.get(reverse("initiatives:review"))
    assert response.status_code == 200
    assert list(response.context["submitted"]) == [commune]
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:review"))
    assert list(response.context["submitted"]) == []
    assert province.status == Initiative.Status.SUBMITTED


def test_similar_hints_never_name_models_out_of_scope(client, tree, users, registered):
    theirs = registered(tree["sibling"], "Đường bê tông nghĩa tình")
    client.force_login(users["commune"])
    page = client.get(
        reverse("initiatives:similar"),
        {"name": "Đường bê tông nghĩa tình", "area": tree["commune"].pk},
    ).content.decode()
    assert "Đường bê tông nghĩa tình" not in page
    assert theirs.get_absolute_url() not in page
    # An area out of scope gives no hints at all.
    page = client.get(
        reverse("initiatives:similar"),
        {"name": "Đường bê tông nghĩa tình", "area": tree["sibling"].pk},
    ).content.decode()
    assert "Đường bê tông" not in page
