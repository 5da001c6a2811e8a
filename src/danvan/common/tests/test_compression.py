"""Pages and the API's JSON leave gzipped to a client that accepts it."""

import gzip
import re

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from danvan.common.middleware import CompressTextMiddleware

pytestmark = pytest.mark.django_db

# Each response masks the CSRF token anew (BREACH): compare pages without it.
TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def without_tokens(html: str) -> str:
    return TOKEN.sub(r"\1", html)


def test_a_page_is_gzipped_and_decompresses_to_the_same_html(client, users):
    client.force_login(users["province"])
    plain = client.get(reverse("units:area_list"))
    zipped = client.get(reverse("units:area_list"), HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    html = gzip.decompress(zipped.content).decode()
    assert without_tokens(html) == without_tokens(plain.content.decode())
    assert len(zipped.content) < len(plain.content) / 2


def test_the_api_json_is_gzipped(client, users):
    client.force_login(users["province"])
    response = client.get("/api/v1/areas/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"{")


def test_files_already_compressed_are_sent_as_they_are():
    def pdf(request: HttpRequest) -> HttpResponse:
        return HttpResponse(b"%PDF-1.7 " * 100, content_type="application/pdf")

    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    response = CompressTextMiddleware(pdf)(request)
    assert isinstance(response, HttpResponse)
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"%PDF")


def test_compression_runs_after_the_static_files_and_before_the_pages():
    order = settings.MIDDLEWARE
    gzip_at = order.index("danvan.common.middleware.CompressTextMiddleware")
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < gzip_at
    assert gzip_at < order.index("django.contrib.sessions.middleware.SessionMiddleware")
