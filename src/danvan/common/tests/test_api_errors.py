"""Every error body of the API is in Vietnamese, whatever the client asks for:
DRF's own messages (401, 404, 405, 415, parse and validation errors) and ours."""

import pytest

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _messages(body):
    """Every string in an error body."""
    if isinstance(body, str):
        return [body]
    if isinstance(body, dict):
        return [m for value in body.values() for m in _messages(value)]
    if isinstance(body, list):
        return [m for value in body for m in _messages(value)]
    return []


def _assert_vietnamese(response, status):
    assert response.status_code == status, response.content
    messages = _messages(response.json())
    assert messages
    for message in messages:
        # Vietnamese words carry diacritics; an English sentence has none.
        assert not message.isascii(), message


def test_errors_before_sign_in_are_vietnamese(client):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    _assert_vietnamese(client.get("/api/v1/documents/", **english), 401)
    bad_token = {"HTTP_AUTHORIZATION": "Token nope", **english}
    _assert_vietnamese(client.get("/api/v1/documents/", **bad_token), 401)
    spaced = {"HTTP_AUTHORIZATION": "Token a b", **english}
    _assert_vietnamese(client.get("/api/v1/documents/", **spaced), 401)


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status"),
    [
        ("get", "/api/v1/documents/999999/", {}, 404),
        ("get", "/api/v1/documents/?page=999", {}, 404),
        ("delete", "/api/v1/documents/", {}, 405),
        (
            "post",
            "/api/v1/documents/",
            {"data": "x", "content_type": "text/plain"},
            415,
        ),
        ("post", "/api/v1/documents/", {"data": "{bad", "content_type": JSON}, 400),
        ("post", "/api/v1/documents/", {"data": {}, "content_type": JSON}, 400),
        (
            "post",
            "/api/v1/initiatives/",
            {
                "data": {"name": "x", "field": 99999, "year": "abc", "area": "a"},
                "content_type": JSON,
            },
            400,
        ),
        (
            "post",
            "/api/v1/meetings/",
            {"data": {"held_on": "2025-13-01", "kind": "zzz"}, "content_type": JSON},
            400,
        ),
        (
            "post",
            "/api/v1/documents/issue/",
            {"data": {"kind": "zz", "body": "a", "area": [1]}, "content_type": JSON},
            400,
        ),
        ("post", "/api/v1/documents/", {"data": [], "content_type": JSON}, 400),
        ("get", "/api/v1/initiatives/similar/?name=abc", {}, 400),
    ],
)
def test_errors_of_a_signed_in_user_are_vietnamese(
    client, users, method, url, kwargs, status
):
    client.force_login(users["commune"])
    response = getattr(client, method)(url, HTTP_ACCEPT_LANGUAGE="en", **kwargs)
    _assert_vietnamese(response, status)


def test_an_address_no_route_matches_answers_json_in_vietnamese(client, users):
    client.force_login(users["commune"])
    for url in ("/api/v1/areas/%2F/", "/api/v1/nothing/", "/api/v1/documents/1/x/y/"):
        response = client.get(url)
        assert response["Content-Type"] == "application/json", url
        _assert_vietnamese(response, 404)


@pytest.mark.parametrize(
    "url",
    ["/api/v2/documents/", "/api/v1/meetings/1/papers/not%0Aa-kind/"],
)
def test_an_api_address_no_route_matches_answers_json(client, url):
    """Not Django's HTML page: an API client reads the 404 as any other."""
    response = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"] == JSON
    _assert_vietnamese(response, 404)


def test_a_page_no_route_matches_stays_a_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
