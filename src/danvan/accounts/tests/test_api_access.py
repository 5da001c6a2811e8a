"""API tokens expire and can be revoked; requests are throttled; docs need sign-in."""

import datetime as dt
import io
import socket
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.accounts.services import issue_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/areas/"


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_fresh_token_works(users):
    token = issue_token(user=users["commune"])

    assert with_token(token.key).get(URL).status_code == 200


def test_token_older_than_its_ttl_is_refused_in_vietnamese(users, settings):
    settings.API_TOKEN_TTL_DAYS = 90
    token = issue_token(user=users["commune"])
    Token.objects.filter(pk=token.pk).update(
        created=timezone.now() - dt.timedelta(days=91)
    )

    response = with_token(token.key).get(URL)

    assert response.status_code == 401
    assert response.json()["detail"] == (
        "Mã truy cập (token) đã hết hạn. Hãy đề nghị quản trị viên cấp mã mới."
    )


def test_ttl_zero_means_tokens_do_not_expire(users, settings):
    settings.API_TOKEN_TTL_DAYS = 0
    token = issue_token(user=users["commune"])
    Token.objects.filter(pk=token.pk).update(
        created=timezone.now() - dt.timedelta(days=3650)
    )

    assert with_token(token.key).get(URL).status_code == 200


def test_revoked_token_is_refused(users):
    key = io.StringIO()
    call_command("tokens", "create", "commune", stdout=key)
    client = with_token(key.getvalue().strip())
    assert client.get(URL).status_code == 200

    call_command("tokens", "revoke", "commune", stdout=io.StringIO())
    response = client.get(URL)

    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập (token) không hợp lệ."


def test_new_token_replaces_the_old_one(users):
    old = issue_token(user=users["commune"]).key
    new = issue_token(user=users["commune"]).key

    assert with_token(old).get(URL).status_code == 401
    assert with_token(new).get(URL).status_code == 200


def test_tokens_list_shows_expiry_but_not_keys(users, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    token = issue_token(user=users["commune"])
    out = io.StringIO()

    call_command("tokens", "list", stdout=out)

    assert "commune" in out.getvalue()
    assert (token.created + dt.timedelta(days=30)).isoformat() in out.getvalue()
    assert token.key not in out.getvalue()


def test_drf_create_token_still_issues_a_working_token(users):
    out = io.StringIO()

    call_command("drf_create_token", "commune", stdout=out)

    key = Token.objects.get(user=users["commune"]).key
    assert key in out.getvalue()
    assert with_token(key).get(URL).status_code == 200


def test_user_requests_are_throttled_in_vietnamese(users, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100/hour", "user": "3/minute"},
    }
    client = with_token(issue_token(user=users["commune"]).key)

    answers = [client.get(URL) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.json()["detail"].startswith(
        "Quá nhiều yêu cầu. Vui lòng thử lại sau"
    )
    assert "Expected" not in refused.json()["detail"]
    assert 0 < int(refused["Retry-After"]) <= 60
    # Another user has a count of their own.
    other = with_token(issue_token(user=users["province"]).key)
    assert other.get(URL).status_code == 200


def test_schema_and_docs_need_sign_in(client, users):
    assert APIClient().get("/api/v1/schema/").status_code in (401, 403)
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 302
    assert docs["Location"].startswith("/accounts/login/")

    client.force_login(users["commune"])
    page = client.get("/api/v1/docs/")
    script = client.get("/api/v1/docs/?script=")

    assert page.status_code == 200
    assert "<style" not in page.content.decode()
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert client.get("/api/v1/schema/").status_code == 200


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_throttle_counts_in_redis_when_configured(users, settings):
    import redis

    prefix = f"danvan-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100/hour", "user": "2/minute"},
    }
    client = with_token(issue_token(user=users["commune"]).key)
    server = redis.Redis.from_url("redis://127.0.0.1:6379/15")
    try:
        codes = [client.get(URL).status_code for _ in range(3)]
        keys = server.keys(f"{prefix}:*")
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)

    assert codes == [200, 200, 429]
    assert any(b"throttle_user" in key for key in keys)
