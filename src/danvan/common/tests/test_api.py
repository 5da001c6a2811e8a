"""The API: authentication, scoping, and its self-hosted OpenAPI docs."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_api_needs_authentication(tree):
    response = APIClient().get("/api/v1/areas/")
    assert response.status_code in (401, 403)


def test_token_authentication_and_scoping(tree, users):
    token = Token.objects.create(user=users["commune"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    codes = {
        a["code"] for a in client.get("/api/v1/areas/?page_size=500").json()["results"]
    }
    assert "04591" in codes
    assert "04585" not in codes  # the sibling commune
    sibling = client.get(f"/api/v1/areas/{tree['sibling'].pk}/")
    assert sibling.status_code == 404
    found = client.get("/api/v1/areas/?q=pa lau").json()["results"]
    assert [a["full_name"] for a in found] == ["Xã Pá Lau"]


def test_province_user_reads_both_communes(tree, users):
    client = APIClient()
    client.force_authenticate(users["province"])
    for key in ("commune", "sibling"):
        assert client.get(f"/api/v1/areas/{tree[key].pk}/").status_code == 200


def test_schema_and_docs_are_served_without_cdn(client, tree, users):
    client.force_login(users["commune"])
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/areas/" in schema.content
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger" in docs.lower()
    assert "cdn" not in docs.lower()
    assert "unpkg" not in docs.lower()
