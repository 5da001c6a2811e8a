"""A viewer is shown no button or link to what they may not do; an editor is.

Every write the access matrix knows (``tests/access/cases.py``: edit, add,
submit, accept, return, evaluate, commend, delete, issue a number, generate a
paper, make records, add a village…) is a URL; every page the matrix reads is
opened as the commune's viewer, and no link or form of the page may lead to
one of those URLs (it would end in a refusal). The commune's editor, on the
same pages, is offered the edits of the commune's own objects.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_user
from danvan.accounts.models import Membership
from tests.access.cases import CASES
from tests.access.pages import html_pages
from tests.access.pages import path_of as _path
from tests.test_access_matrix import clients, media_root, url_of, world  # noqa: F401

pytestmark = pytest.mark.django_db

_TARGETS = re.compile(r"""(?:href|action|hx-post|hx-get|hx-delete)=["']([^"']+)["']""")
# Writes every signed-in user may make whatever their role.
_ANYONE = {"accounts:logout"}


def _writes(world: Any) -> dict[str, str]:  # noqa: F811
    """Path of each write of the commune's own objects -> its URL name."""
    found = {}
    for name, cases in CASES.items():
        for case in cases:
            if case.write and not case.api and name not in _ANYONE:
                found[_path(url_of(world, name, case, "own"))] = name
    return found


def _pages(world: Any) -> list[tuple[str, str]]:  # noqa: F811
    return html_pages(world, url_of)


def _offered(client: Any, url: str, writes: dict[str, str]) -> set[str]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    targets = _TARGETS.findall(response.content.decode())
    return {writes[_path(t)] for t in targets if _path(t) in writes}


def test_viewer_is_offered_no_write(world, clients):  # noqa: F811
    viewer = clients["viewer"]
    # A write's address that is also a page showing data (the list of terms
    # above its add form) is no dead end; a form alone is.
    readable = {
        name
        for name, cases in CASES.items()
        if any(not c.write and (c.lists or c.shows) for c in cases)
    }
    dead_ends = {p: n for p, n in _writes(world).items() if n not in readable}
    offered = {
        f"{name} -> {write}"
        for name, url in _pages(world)
        for write in _offered(viewer, url, dead_ends)
    }
    assert offered == set()


def test_village_editor_reading_the_commune_is_offered_none_of_its_writes(
    world,  # noqa: F811
    clients,  # noqa: F811
):
    """Reading up the tree: the village reads the commune's rows, never changes them."""
    client = Client()
    client.force_login(
        make_user(
            "village-editor", area=world.tree["village"], role=Membership.Role.EDITOR
        )
    )
    # Writes on an object of the commune; creating in one's own unit is allowed.
    commune_writes = {
        _path(url_of(world, name, case, "own")): name
        for name, cases in CASES.items()
        for case in cases
        if case.write and not case.api and case.kind
    }
    offered = {
        f"{name} -> {write}"
        for name, url in _pages(world)
        for write in _offered(client, url, commune_writes)
    }
    assert offered == set()


def test_editor_is_offered_the_edits_of_the_commune(world, clients):  # noqa: F811
    writes = _writes(world)
    offered: set[str] = set()
    for _name, url in _pages(world):
        offered |= _offered(clients["commune"], url, writes)
    expected = {
        "documents:edit",
        "documents:relation_add",
        "meetings:edit",
        "meetings:conclusion_add",
        "initiatives:progress",
        "units:village_create",
        "records:make_person",
    }
    assert expected - offered == set(), offered


def test_the_level_above_is_offered_the_judging(world, clients):  # noqa: F811
    initiative = world.obj("own", "initiative")
    page = clients["province"].get(reverse("initiatives:detail", args=[initiative.pk]))
    text = page.content.decode()
    viewer = clients["viewer"].get(reverse("initiatives:detail", args=[initiative.pk]))
    for name in ("initiatives:evaluate", "initiatives:commend"):
        url = reverse(name, args=[initiative.pk])
        assert url in text
        assert url not in viewer.content.decode()
