"""The API: registration, workflow and judging through the same services, scoped."""

from decimal import Decimal

import pytest

from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def registration(tree, fields, **overrides):
    data = {
        "name": "Con đường bê tông nghĩa tình",
        "field": fields["kinh-te"].pk,
        "year": 2025,
        "area": tree["commune"].pk,
        "problem": "Đường lầy lội",
        "goals": "Bê tông hóa 3 km",
        "content": "Vận động nhân dân",
        "place": "Thôn Trung Tâm",
        "lead_forces": "Ban Dân vận",
        "start_date": "2025-02-01",
        "money_vnd": 150000000,
        "criteria": [{"name": "Chiều dài", "unit": "km", "target": "3"}],
    }
    data.update(overrides)
    return data


def test_register_submit_accept_evaluate(client, tree, users, fields, rubric):
    client.force_login(users["commune"])
    response = client.post(
        "/api/v1/initiatives/",
        registration(tree, fields),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["level"] == "commune"
    assert body["criteria"][0]["name"] == "Chiều dài"
    pk = body["id"]

    response = client.patch(
        f"/api/v1/initiatives/{pk}/",
        {"goals": "Bê tông hóa 4 km"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["goals"] == "Bê tông hóa 4 km"
    assert response.json()["criteria"][0]["name"] == "Chiều dài"

    assert client.post(f"/api/v1/initiatives/{pk}/submit/").json()["status"] == (
        "submitted"
    )
    assert client.post(f"/api/v1/initiatives/{pk}/accept/").status_code == 403

    client.force_login(users["province"])
    assert client.post(f"/api/v1/initiatives/{pk}/accept/").json()["status"] == (
        "accepted"
    )
    scores = {str(c.pk): "9" for c in rubric.criteria.all()}
    response = client.post(
        f"/api/v1/initiatives/{pk}/evaluate/",
        {"scores": scores, "comment": "Tốt"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["classification"] == "dien_hinh"
    assert Initiative.objects.get(pk=pk).classification == "dien_hinh"


def test_errors_come_back_as_400_with_messages(client, tree, users, fields):
    client.force_login(users["commune"])
    response = client.post(
        "/api/v1/initiatives/",
        registration(tree, fields, start_date="2025-12-01", end_date="2025-01-01"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()
    response = client.post(
        "/api/v1/initiatives/",
        registration(tree, fields, area=tree["sibling"].pk),
        content_type="application/json",
    )
    assert response.status_code == 400  # not one of the user's areas
    response = client.post(
        "/api/v1/initiatives/",
        registration(tree, fields, goals="", criteria=[]),
        content_type="application/json",
    )
    pk = response.json()["id"]
    response = client.post(f"/api/v1/initiatives/{pk}/submit/")
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


def test_progress_and_commendation(client, tree, users, registered):
    initiative = registered(tree["commune"])
    criterion = initiative.criteria.first()
    client.force_login(users["commune"])
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/progress/",
        {
            "date": "2025-06-30",
            "money_vnd": 1000,
            "working_days": 3,
            "people_reached": 10,
            "results": {str(criterion.pk): "2.5"},
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    criterion.refresh_from_db()
    assert criterion.actual == Decimal("2.5")
    client.force_login(users["province"])
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/commend/",
        {
            "level": "province",
            "form": "bang_khen",
            "decided_on": "2025-12-15",
            "body_name": "Chủ tịch UBND tỉnh",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()


def test_list_filters_similar_and_replicated(client, tree, users, registered):
    origin = registered(tree["commune"], "Con đường bê tông nghĩa tình")
    registered(tree["village"], "Đường bê tông thôn", adopted_from=origin, year=2024)
    client.force_login(users["commune"])
    names = [
        m["name"]
        for m in client.get("/api/v1/initiatives/", {"year": 2024}).json()["results"]
    ]
    assert names == ["Đường bê tông thôn"]
    names = [
        m["name"]
        for m in client.get("/api/v1/initiatives/", {"q": "nghia tinh"}).json()[
            "results"
        ]
    ]
    assert names == ["Con đường bê tông nghĩa tình"]
    hints = client.get(
        "/api/v1/initiatives/similar/",
        {"name": "con duong be tong nghia tinh", "area": tree["commune"].pk},
    ).json()
    assert hints[0]["id"] == origin.pk
    ranked = client.get("/api/v1/initiatives/replicated/").json()
    assert ranked == [
        {
            "id": origin.pk,
            "name": origin.name,
            "year": 2025,
            "area_name": "Xã Trạm Tấu",
            "replications": 1,
        }
    ]


def test_list_rows_are_the_details(client, tree, users, fields, rubric, registered):
    """The list reads its rows as values (common.api.attach_rows); each row is
    the detail's JSON, read through model instances, key for key."""
    origin = registered(tree["commune"], "Con đường bê tông nghĩa tình")
    copy = registered(
        tree["village"], "Đường bê tông thôn", adopted_from=origin, year=2024
    )
    # A copy in the next commune: the province sees it, the commune does not
    # (the list tests each copy against the scope, not in its query).
    theirs = registered(
        tree["sibling"], "Đường bê tông xã bên", adopted_from=origin, year=2024
    )
    client.force_login(users["province"])
    scores = {str(c.pk): "8.5" for c in rubric.criteria.all()}
    response = client.post(
        f"/api/v1/initiatives/{origin.pk}/evaluate/",
        {"scores": scores, "comment": "Tốt"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    response = client.post(
        f"/api/v1/initiatives/{origin.pk}/commend/",
        {
            "level": "province",
            "form": "bang_khen",
            "decided_on": "2025-12-15",
            "body_name": "Chủ tịch UBND tỉnh",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    seen = {}
    for user in ("province", "commune"):
        client.force_login(users[user])
        rows = client.get("/api/v1/initiatives/").json()["results"]
        assert rows
        for row in rows:
            detail = client.get(f"/api/v1/initiatives/{row['id']}/").json()
            assert list(row.items()) == list(detail.items())
        seen[user] = {row["id"]: row for row in rows}[origin.pk]["replications"]
    assert sorted(seen["province"]) == sorted([copy.pk, theirs.pk])
    assert seen["commune"] == [copy.pk]
    listed = {row["id"]: row for row in rows}[origin.pk]
    assert listed["evaluations"][0]["scores"]
    assert listed["evaluations"][0]["evaluator"] == users["province"].username
    assert listed["commendations"][0]["form"] == "bang_khen"
    assert listed["replications"]


def test_keyed_values_are_the_orms(tree, registered, django_assert_num_queries):
    """common.api.KeyedValues: compiled once per number of keys, run with the
    keys given, its values converted as Django's (decimals, dates)."""
    from danvan.common.api import KeyedValues
    from danvan.initiatives.models import Commendation, Criterion

    models = [registered(tree["commune"], f"Mô hình {i}") for i in range(3)]
    for i, model in enumerate(models):
        Criterion.objects.create(
            initiative=model, name="Chiều dài", unit="km", target=Decimal(i), order=1
        )
    columns = ("initiative_id", "id", "name", "target")
    criteria = KeyedValues(Criterion.objects.all, *columns)

    def orm(keys):
        rows = Criterion.objects.filter(initiative_id__in=keys)
        return [tuple(row) for row in rows.values_list(*columns)]

    for keys in ([models[0].pk], [models[1].pk, models[2].pk], [models[0].pk]):
        with django_assert_num_queries(1):
            found = [tuple(row) for row in criteria(keys)]
        assert found == orm(keys)
        assert all(isinstance(row[3], Decimal) for row in found)
    assert criteria([]) == []
    # A query with parameters of its own is built each time, with the same rows.
    named = KeyedValues(
        lambda: Commendation.objects.filter(body_name="x"), "initiative_id", "id"
    )
    assert named([models[0].pk]) == []
    assert named._compiled == {(Criterion.objects.db, 1): None}


def test_unfiltered_pages_are_compiled_per_scope(client, tree, users, registered):
    """The list with no filter runs SQL compiled once per scope and page
    (common.api.CompiledPages): each reader gets the rows of their scope, a
    new model shows at once, and a filter reads its own query."""
    ours = registered(tree["commune"], "Mô hình xã", year=2025)
    theirs = registered(tree["sibling"], "Mô hình xã bên", year=2025)

    def ids(user, **query):
        client.force_login(users[user])
        body = client.get("/api/v1/initiatives/", query).json()
        return [row["id"] for row in body["results"]]

    for _ in range(2):
        assert ids("commune") == [ours.pk]
        assert ids("province") == [theirs.pk, ours.pk]
    newer = registered(tree["village"], "Mô hình thôn", year=2026)
    assert ids("commune") == [newer.pk, ours.pk]
    assert ids("commune", year=2025) == [ours.pk]
    assert ids("province") == [newer.pk, theirs.pk, ours.pk]
