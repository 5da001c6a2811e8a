"""Every page reads in Vietnamese for a Vietnamese user: no English word of the
interface leaks (an enum label without translation, an action name such as
"create", an upper-cased code such as "TEXT", a message built by hand), and a
refusal, also of an htmx request, is the site's own Vietnamese page.

Pages are those the access matrix reads (``tests/access/cases.py``), opened
by the commune's editor and the province's approver on the matrix's data.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.access.pages import html_pages, visible_text
from tests.test_access_matrix import clients, media_root, url_of, world  # noqa: F401

pytestmark = pytest.mark.django_db

# English words of an interface that are not Vietnamese syllables.
ENGLISH = [
    "create",
    "created",
    "update",
    "updated",
    "delete",
    "deleted",
    "edit",
    "save",
    "cancel",
    "submit",
    "submitted",
    "search",
    "none",
    "true",
    "false",
    "forbidden",
    "error",
    "page",
    "previous",
    "next",
    "status",
    "title",
    "text",
    "draft",
    "accepted",
    "returned",
    "meeting",
    "meetings",
    "document",
    "documents",
    "records",
    "review",
    "login",
    "logout",
    "home",
    "download",
    "upload",
    "file",
    "files",
    "total",
    "week",
    "month",
    "year",
    "name",
    "date",
    "people",
    "report",
    "add",
    "back",
    "yes",
]
_WORD = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)
# The matrix's markers (PV-OWN-DOCUMENT-X), file names and addresses are data.
_DATA = re.compile(
    r"PV-[A-Z]+-[A-Z]+-X|\S+\.(?:pdf|docx|xlsx|png|txt)\b|\S+@\S+", re.IGNORECASE
)


def english_words(html: str) -> set[str]:
    """English interface words in the visible text of ``html``."""
    return {m.lower() for m in _WORD.findall(_DATA.sub(" ", visible_text(html)))}


@pytest.mark.parametrize("role", ["commune", "province"])
def test_pages_show_no_english_to_a_vietnamese_user(world, clients, role):  # noqa: F811
    client = clients[role]
    found = {}
    for name, url in html_pages(world, url_of):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        words = english_words(response.content.decode())
        if words:
            found[name] = sorted(words)
    assert found == {}


def test_the_word_list_catches_a_leak():
    html = "<main><p>Hành động: create</p><span class=badge>TEXT</span></main>"
    assert english_words(html) == {"create", "text"}
    assert english_words("<p>Tệp bao-cao.pdf · PV-OWN-DOCUMENT-X</p>") == set()


def test_a_refused_htmx_request_gets_the_vietnamese_refusal(world, clients):  # noqa: F811
    initiative = world.obj("own", "initiative")
    url = reverse("initiatives:accept", args=[initiative.pk])
    response = clients["viewer"].post(url, headers={"HX-Request": "true"})

    assert response.status_code == 403
    text = response.content.decode()
    assert 'role="alert"' in text  # the card danvan.js shows in place of the page
    assert "Không có quyền truy cập" in text
    assert english_words(text) == set()


def test_an_unknown_address_gets_the_vietnamese_page(clients):  # noqa: F811
    response = clients["commune"].get("/no/such/page/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
