"""The access matrix: every URL pattern × every role × own / sibling / parent /
other-province objects, reads and writes (issue 8).

Each variant's objects carry a marker (``PV-<VARIANT>-<KIND>-X``, see
``tests/access/world.py``); a response may never show the marker of an object
the user must not see, and lists must show the markers of those they must.
Out-of-scope objects answer 404 (or 403 for a role refusal), anonymous users
are sent to the login page, and refused writes change nothing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.cases import ALIASES, CASES, EXCLUDED, Case
from tests.access.reading import shown_text
from tests.access.rules import (
    ROLES,
    expected_markers,
    forbidden_markers,
    must_refuse,
    visible,
)
from tests.access.world import UNMARKED, VARIANTS, World, build_world, marker, symbol

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- the URL walk ---------------------------------------------------------------------


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Any:
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from _walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                name = route
            yield route, name


def url_names() -> dict[str, str]:
    """Every pattern of the project, name (or route when unnamed) → route."""
    found: dict[str, str] = {}
    for route, name in _walk(get_resolver()):
        if any(route.lstrip("^").startswith(prefix) for prefix in EXCLUDED):
            continue
        found.setdefault(ALIASES.get(name, name), route)
    return found


def test_every_url_pattern_has_a_case() -> None:
    missing = {name: route for name, route in url_names().items() if name not in CASES}
    assert not missing, (
        "URL patterns without a case in tests/access/cases.py (add one, or an "
        "EXCLUDED entry with its reason):\n"
        + "\n".join(f"  {name}  ({route})" for name, route in sorted(missing.items()))
    )


# --- the data, built once for the module ----------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        built = build_world()
        built.media = media  # type: ignore[attr-defined]
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def media_root(request, settings):
    """The module's uploads stay where the world put them."""
    if "world" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("world").media
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def clients(world):
    """A test client per role, logged in once (sessions live as long as the data)."""
    logged_in = {}
    for role, user in world.users.items():
        logged_in[role] = Client()
        if user is not None:
            logged_in[role].force_login(user)
    return logged_in


@pytest.fixture
def as_role(db, clients):
    """The client of a role (not logged in for anonymous)."""
    cache.clear()  # throttles and lockouts start afresh for every test
    return clients.__getitem__


# --- requests -------------------------------------------------------------------------


def url_of(world: World, name: str, case: Case, variant: str) -> str:
    obj = world.obj(variant, case.kind) if case.kind else None
    if case.kind == "area":
        obj = world.areas[variant]
    if case.path is not None:
        return case.path(world, variant)
    url = reverse(name, kwargs=case.kwargs(obj) if obj is not None else {})
    query = case.query(obj) if callable(case.query) else case.query
    return url + query


# In-scope objects a role's reads open: the farthest ones (the commune's users
# open the own ones); out-of-scope objects are always all opened.
FARTHEST = {"province": ("sibling", "parent"), "superuser": ("other",)}


def variants_of(case: Case, role: str = "") -> tuple[str, ...]:
    if role == "anonymous" and not case.gone:
        # Sign-in is asked before any object is read: one variant suffices.
        return ("sibling",)
    if not (case.kind or case.write):
        return ("own",)
    if role in FARTHEST and not case.write and case.kind:
        return tuple(
            v
            for v in VARIANTS
            if v in FARTHEST[role] or not visible(role, v, case.kind)
        )
    return VARIANTS


def is_login_refusal(response: Any) -> bool:
    if response.status_code in (401, 403):
        return True
    login = resolve_url(settings.LOGIN_URL)
    return bool(response.status_code == 302 and response["Location"].startswith(login))


def leaks(world: World, response: Any, role: str) -> list[str]:
    text = shown_text(response)
    return [m for m in forbidden_markers(world, role) if m in text]


def check_read(
    client: Client, world: World, role: str, name: str, case: Case
) -> list[str]:
    """Request every variant of ``case`` as ``role``; return what is wrong."""
    problems = []
    accept: dict[str, Any] = {"HTTP_ACCEPT": "application/json"} if case.api else {}
    headed = False
    for variant in variants_of(case, role):
        url = url_of(world, name, case, variant)
        response = client.get(url, **accept)
        status = response.status_code
        where = f"GET {url} [{variant}] → {status}"
        if status >= 500:
            problems.append(f"{where}: server error")
            continue
        leaked = leaks(world, response, role)
        if leaked:
            problems.append(f"{where}: shows out-of-scope {leaked}")
        if case.gone:
            if status != 404:
                problems.append(f"{where}: must be 404 for everyone")
            continue
        if role == "anonymous":
            if not case.public and not is_login_refusal(response):
                problems.append(f"{where}: anonymous must be sent to log in")
            continue
        if case.kind and not visible(role, variant, case.kind):
            if case.ignores:
                continue
            if status not in (403, 404, 405):
                problems.append(f"{where}: out of scope, must be 404 (or 403)")
            if case.shows and not headed:
                headed = True  # one HEAD per page is enough
                head = client.head(url, **accept).status_code
                if head not in (403, 404, 405):
                    problems.append(f"HEAD {url} [{variant}] → {head}: must be 404")
            continue
        if case.kind and status == 404:
            problems.append(f"{where}: in scope, must not be 404")
        if status != 200:
            continue
        text = shown_text(response)
        mark = marker(variant, case.kind or "")
        if case.shows and (variant, case.kind) not in UNMARKED and mark not in text:
            problems.append(f"{where}: does not show {mark}")
        missing = [m for m in expected_markers(role, case.lists) if m not in text]
        if missing:
            problems.append(f"{where}: list lacks {missing}")
        # Live searches swap a fragment: the search of the list is asked again.
        searched = isinstance(case.query, str) and "q=" in case.query
        if searched and not case.api and forbidden_markers(world, role):
            fragment = client.get(url, HTTP_HX_REQUEST="true")
            leaked = leaks(world, fragment, role)
            if leaked:
                problems.append(f"{where} (htmx): shows out-of-scope {leaked}")
    return problems


def _tables() -> list[tuple[str, str]]:
    tables = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if not model.__module__.startswith("danvan.") and label != "auditlog.LogEntry":
            continue
        if label == "accounts.User":
            continue  # logging in stamps last_login
        tables.append((model._meta.db_table, str(model._meta.pk.column)))
    return tables


def fingerprint() -> dict[str, Any]:
    """Rows of every table of the project (counts only for the large ones)."""
    quote = connection.ops.quote_name
    tables = [(quote(table), quote(key)) for table, key in _tables()]
    counts = " UNION ALL ".join(
        f"SELECT {i}, COUNT(*), MAX({key}) FROM {table}"
        for i, (table, key) in enumerate(tables)
    )
    state: dict[str, Any] = {}
    with connection.cursor() as cursor:
        cursor.execute(counts)
        for i, count, last in cursor.fetchall():
            table, key = tables[i]
            state[table] = (count, last)
            if 0 < count <= 500:
                cursor.execute(f"SELECT * FROM {table} ORDER BY {key}")
                state[table] = (count, cursor.fetchall())
    return state


def send(client: Client, case: Case, url: str, data: dict[str, Any]) -> Any:
    method = case.write or "post"
    if case.api:
        return client.generic(
            method.upper(),
            url,
            data=json.dumps(data),
            content_type="application/json",
            HTTP_ACCEPT="application/json",
        )
    return getattr(client, method)(url, data)


def check_writes(
    client: Client, world: World, role: str, name: str, case: Case
) -> list[str]:
    """Attempt every write ``role`` must be refused; return what is wrong."""
    problems = []
    for variant in variants_of(case, role):
        if not must_refuse(role, variant, case):
            continue
        url = url_of(world, name, case, variant)
        data = case.data(world, variant) if case.data else {}
        response = send(client, case, url, data)
        status = response.status_code
        where = f"{(case.write or 'post').upper()} {url} [{variant}] → {status}"
        leaked = leaks(world, response, role)
        if leaked:
            problems.append(f"{where}: shows out-of-scope {leaked}")
        if role == "anonymous":
            ok = is_login_refusal(response)
        elif case.creates:
            ok = status in (200, 400, 403, 404)
        else:
            ok = status in (403, 404, 405)
        if not ok:
            problems.append(f"{where}: must be refused (403/404)")
    return problems


# --- the matrix -----------------------------------------------------------------------


def _refuses(name: str, role: str) -> bool:
    return any(
        must_refuse(role, variant, case)
        for case in CASES[name]
        if case.write
        for variant in variants_of(case)
    )


def _params(*, writes: bool) -> list[Any]:
    return [
        pytest.param(name, role, id=f"{name}-{role}")
        for name in sorted(CASES)
        for role in ROLES
        if not writes or _refuses(name, role)
    ]


@pytest.mark.parametrize(("name", "role"), _params(writes=False))
def test_read(name: str, role: str, as_role, world) -> None:
    client = as_role(role)
    problems = []
    for case in CASES[name]:
        problems += check_read(client, world, role, name, case)
    assert not problems, f"{name} as {role}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("name", "role"), _params(writes=True))
def test_refused_writes_change_nothing(name: str, role: str, as_role, world) -> None:
    client = as_role(role)
    before = fingerprint()
    problems = []
    for case in CASES[name]:
        if case.write:
            problems += check_writes(client, world, role, name, case)
    after = fingerprint()
    changed = sorted(k for k in before if before[k] != after.get(k))
    if changed:
        problems.append(f"refused writes changed {changed}")
    assert not problems, f"{name} as {role}:\n" + "\n".join(problems)


def test_relations_name_documents_by_number(as_role, world) -> None:
    """The province sees the communes' plans that implement its own by their
    numbers, so the matrix's number markers would catch a relation leak."""
    client = as_role("province")
    document = world.obj("parent", "document")
    text = shown_text(client.get(reverse("documents:detail", args=[document.pk])))
    assert symbol("own") in text
    assert symbol("sibling") in text


def test_records_panel_links_the_sibling_plan_for_the_province(as_role, world) -> None:
    """The commune's text is linked to the sibling's plan (the matrix checks the
    commune never sees that link); the province, who sees both, does."""
    client = as_role("province")
    source = world.obj("own", "source")
    url = reverse("records:source_records", args=[source.pk])
    linked = world.obj("sibling", "linked").get_absolute_url()
    assert f'href="{linked}"' in shown_text(client.get(url))


# --- references to other units' objects in a write ------------------------------------


def _relation(world: World, ref: str) -> tuple[str, dict[str, Any]]:
    document = world.obj("own", "document")
    url = reverse("documents:relation_add", args=[document.pk])
    return url, {"kind": "reviews", "target": symbol(ref, "relation")}


def _task(world: World, ref: str) -> tuple[str, dict[str, Any]]:
    meeting = world.obj("own", "meeting")
    url = reverse("meetings:task_add", args=[meeting.pk])
    return url, {"title": "Việc mới", "owner_body": world.obj(ref, "body").pk}


def _issuer(world: World, ref: str) -> tuple[str, dict[str, Any]]:
    document = world.obj("own", "document")
    url = reverse("documents:edit", args=[document.pk])
    data = {
        "area": world.areas["own"].pk,
        "symbol_text": symbol("own"),
        "issued_on": "2025-08-04",
        "title": "Kế hoạch đã sửa",
        "kind": "",
        "status": "in_force",
        "issuer_body": world.obj(ref, "body").pk,
    }
    return url, data


REFERENCES = {"relation": _relation, "task owner": _task, "issuer": _issuer}


@pytest.mark.parametrize(
    ("write", "ref"),
    [
        pytest.param(write, ref, id=f"{write}-{ref}")
        for write in sorted(REFERENCES)
        for ref in ("sibling", "parent", "other")
        # The province's plans are read up the tree: a relation may name them.
        if not (write == "relation" and visible("commune", ref, "relation"))
    ],
)
def test_a_write_cannot_name_another_units_object(write, ref, as_role, world) -> None:
    """The commune's editor changes its own object but cannot make it point to
    an object outside the commune; the same write naming its own one works."""
    client = as_role("commune")
    url, data = REFERENCES[write](world, ref)
    before = fingerprint()
    response = client.post(url, data)
    assert response.status_code < 500
    typed = {str(value) for value in data.values()}
    assert not [m for m in leaks(world, response, "commune") if m not in typed]
    assert fingerprint() == before, f"{write} naming the {ref} object was saved"
    url, data = REFERENCES[write](world, "own")
    client.post(url, data)
    assert fingerprint() != before, f"{write} naming the own object was not saved"
