"""The documents API: token and session auth, scoping, writes through the
services with Vietnamese messages, numbering, and the OpenAPI description."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.common.actors import system_actor
from danvan.documents.models import Document

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/documents/"


def token_client(user):
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def payload(tree, **changes):
    data = {
        "symbol_text": "70/KH-UBND",
        "issued_on": "2025-08-12",
        "title": "Kế hoạch tổ chức đối thoại",
        "issuer_name": "UBND xã Trạm Tấu",
        "area": tree["commune"].pk,
    }
    data.update(changes)
    return data


def test_api_needs_authentication(documents):
    assert APIClient().get(URL).status_code in (401, 403)
    assert APIClient().post(URL, {}).status_code in (401, 403)


def test_token_user_lists_own_subtree_only(users, documents):
    client = token_client(users["commune"])
    listed = client.get(URL).json()
    # The province's directive is read because the commune's plan implements it.
    assert [d["reference"] for d in listed["results"]] == ["12-KH/ĐU", "09-CT/TU"]
    plan = listed["results"][0]
    assert plan["kind"] == "ke_hoach"
    # It implements the province's directive, which the commune reads.
    assert plan["relations"] == [
        {
            "kind": "implements",
            "target": documents["directive"].pk,
            "target_reference": "09-CT/TU",
            "note": "",
        }
    ]
    assert client.get(f"{URL}{documents['theirs'].pk}/").status_code == 404
    directive = f"{URL}{documents['directive'].pk}/"
    assert client.get(directive).status_code == 200
    assert client.patch(directive, {"title": "Sửa"}, format="json").status_code == 403


def test_province_user_reads_both_communes(users, documents):
    client = APIClient()
    client.force_authenticate(users["province"])
    for key in ("plan", "theirs", "directive"):
        assert client.get(f"{URL}{documents[key].pk}/").status_code == 200


def test_search_and_filters(users, documents):
    client = token_client(users["province"])
    found = client.get(URL, {"q": "di cu tu do"}).json()["results"]
    assert sorted(d["reference"] for d in found) == ["09-CT/TU", "12-KH/ĐU"]
    assert [
        d["reference"] for d in client.get(URL, {"q": "15/KH-UBND"}).json()["results"]
    ] == ["15/KH-UBND"]
    assert [
        d["reference"] for d in client.get(URL, {"year": 2011}).json()["results"]
    ] == ["09-CT/TU"]


def test_the_kept_count_follows_a_new_document(tree, users, documents):
    """The list's count is kept per scope and query string (documents.models.
    kept) and forgotten when a document is saved: a new one counts at once."""
    client = token_client(users["commune"])
    counts = {
        params: client.get(URL, dict(params)).json()["count"]
        for params in ((), (("year", "2025"),), (("q", "doi thoai"),))
    }
    assert counts[()] == Document.objects.visible_to(users["commune"]).count()
    response = client.post(URL, payload(tree), format="json")
    assert response.status_code == 201, response.json()
    for params, count in counts.items():
        again = client.get(URL, dict(params)).json()
        assert again["count"] == count + 1 == len(again["results"]), params


def test_create_parses_and_stores(tree, users):
    client = token_client(users["commune"])
    response = client.post(URL, payload(tree), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["reference"], body["grammar"], body["kind"]) == (
        "70/KH-UBND",
        "state",
        "ke_hoach",
    )
    assert Document.objects.get().created_by == users["commune"]


def test_invalid_symbol_is_400_with_the_vietnamese_reason(tree, users):
    client = token_client(users["commune"])
    response = client.post(URL, payload(tree, symbol_text="KH 70 UBND"), format="json")
    assert response.status_code == 400
    assert "không đúng dạng số, ký hiệu văn bản" in response.json()["detail"]

    kept = client.post(
        URL,
        payload(tree, symbol_text="KH 70 UBND", kind="ke_hoach", accept_warning=True),
        format="json",
    )
    assert kept.status_code == 201
    assert "không đúng dạng" in kept.json()["symbol_warning"]


def test_duplicate_is_400_naming_the_existing(tree, users):
    client = token_client(users["commune"])
    first = client.post(URL, payload(tree), format="json").json()
    response = client.post(URL, payload(tree, issued_on="2025-12-30"), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["existing"] == first["id"]
    assert body["existing_url"] == f"/documents/{first['id']}/"
    assert "70/KH-UBND" in body["detail"]
    # Next year the number is free again.
    assert (
        client.post(
            URL, payload(tree, issued_on="2026-01-02"), format="json"
        ).status_code
        == 201
    )


def test_update_goes_through_the_rules(tree, users, documents):
    client = token_client(users["commune"])
    plan = documents["plan"]
    response = client.patch(
        f"{URL}{plan.pk}/", {"title": "Kế hoạch (sửa)"}, format="json"
    )
    assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch (sửa)"
    assert plan.reference == "12-KH/ĐU"
    bad = client.patch(f"{URL}{plan.pk}/", {"symbol_text": "12"}, format="json")
    assert bad.status_code == 400
    assert "thiếu ký hiệu" in bad.json()["detail"]


def test_writes_are_scoped(tree, users, documents):
    commune = token_client(users["commune"])
    theirs = documents["theirs"]
    assert (
        commune.patch(f"{URL}{theirs.pk}/", {"title": "x"}, format="json").status_code
        == 404
    )
    into_sibling = commune.post(
        URL, payload(tree, area=tree["sibling"].pk), format="json"
    )
    assert into_sibling.status_code == 400
    assert not Document.objects.filter(area=tree["sibling"], number="70").exists()
    viewer = token_client(users["viewer"])
    assert (
        viewer.patch(
            f"{URL}{documents['plan'].pk}/", {"title": "x"}, format="json"
        ).status_code
        == 403
    )
    assert viewer.post(URL, payload(tree), format="json").status_code == 400
    assert viewer.delete(f"{URL}{documents['plan'].pk}/").status_code in (403, 405)


def test_issue_takes_the_next_number(tree, users, bodies):
    client = token_client(users["commune"])
    data = {
        "body": bodies["commune_committee"].pk,
        "kind": "thong_bao",
        "title": "Thông báo kết luận hội nghị",
        "issued_on": "2025-09-10",
        "area": tree["commune"].pk,
    }
    first = client.post(f"{URL}issue/", data, format="json")
    second = client.post(f"{URL}issue/", data, format="json")
    assert first.status_code == 201, first.json()
    assert [first.json()["reference"], second.json()["reference"]] == [
        "01-TB/ĐU",
        "02-TB/ĐU",
    ]
    assert first.json()["issued_here"] is True
    other = {**data, "body": bodies["sibling_ubnd"].pk, "area": tree["sibling"].pk}
    assert client.post(f"{URL}issue/", other, format="json").status_code == 400


def test_schema_describes_the_documents_endpoint(client, users):
    client.force_login(users["commune"])
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/documents/" in schema
    assert "/api/v1/documents/issue/" in schema
    assert "symbol_text" in schema


def test_duplicate_of_a_document_out_of_sight_is_not_linked(tree, users, bodies):
    # The province holds the commune UBND's plan in its own register.
    from danvan.documents import services

    services.register_document(
        actor=system_actor(),
        area=tree["province"],
        symbol_text="09/KH-UBND",
        issued_on=D(2025, 9, 1),
        title="Kế hoạch của UBND xã",
        issuer_body=bodies["commune_ubnd"],
    )
    client = token_client(users["commune"])
    response = client.post(
        URL,
        payload(
            tree,
            symbol_text="09/KH-UBND",
            issued_on="2025-09-01",
            issuer_body=bodies["commune_ubnd"].pk,
        ),
        format="json",
    )
    assert response.status_code == 400
    assert "existing" not in response.json()
    assert "09/KH-UBND" in response.json()["detail"]
    assert "Kế hoạch của UBND xã" not in response.json()["detail"]
