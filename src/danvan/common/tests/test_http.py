"""The safe way back: ``next`` is followed only when it stays on this site."""

import pytest
from django.test import RequestFactory

from danvan.common.http import redirect_back, safe_next, safe_url

DEFAULT = "/meetings/1/"


@pytest.fixture
def rf():
    return RequestFactory()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "https:///evil.example",
        "/\\evil.example",
    ],
)
def test_external_next_is_refused(rf, target):
    request = rf.post("/x/", {"next": target})
    assert safe_next(request, DEFAULT) == DEFAULT
    response = redirect_back(request, DEFAULT)
    assert response.status_code == 302
    assert response["Location"] == DEFAULT


def test_own_path_is_followed_from_post_or_query(rf):
    assert safe_next(rf.post("/x/", {"next": "/tasks/?page=2"}), DEFAULT) == (
        "/tasks/?page=2"
    )
    assert safe_next(rf.get("/x/", {"next": "/tasks/"}), DEFAULT) == "/tasks/"
    assert safe_next(rf.get("/x/"), DEFAULT) == DEFAULT


def test_http_next_is_refused_on_https(rf):
    request = rf.get("/x/", {"next": "http://testserver/tasks/"}, secure=True)
    assert safe_next(request, DEFAULT) == DEFAULT
    assert safe_url(request, "https://testserver/tasks/", DEFAULT) == (
        "https://testserver/tasks/"
    )


def test_htmx_request_is_sent_back_by_header(rf):
    from django_htmx.middleware import HtmxDetails

    request = rf.post("/x/", {"next": "https://evil.example/"}, HTTP_HX_REQUEST="true")
    request.htmx = HtmxDetails(request)
    response = redirect_back(request, DEFAULT)
    assert response["HX-Redirect"] == DEFAULT
