"""A user's scope is kept across requests, and forgotten the moment it changes."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import BEFORE
from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role
from danvan.common import access
from danvan.common.access import SCOPE_CACHE, scope_for
from danvan.common.actors import system_actor
from danvan.units import services
from danvan.units.models import Area, AreaSuccession, Body, ChangeEvent

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The user as the next request loads it: nothing kept on the object."""
    return User.objects.get(pk=user.pk)


def sees(user: User, area: Area) -> bool:
    return scope_for(fresh(user)).covers_area_path(area.path)


def test_a_second_request_costs_no_scope_query(tree, users, django_assert_num_queries):
    first = scope_for(fresh(users["commune"]))
    user = fresh(users["commune"])
    with django_assert_num_queries(0):
        assert scope_for(user) == first
        assert scope_for(user, Role.EDITOR) == first
        assert scope_for(user, Role.APPROVER).area_paths == ()


def test_the_scope_is_computed_once_for_every_role(
    tree, users, django_assert_num_queries
):
    user = fresh(users["province"])
    # The memberships, then one walk of the successions (two generations).
    with CaptureQueriesContext(connection) as ctx:
        viewer = scope_for(user)
        approver = scope_for(user, Role.APPROVER)
    assert viewer == approver
    assert scope_for(user, Role.APPROVER + 5) == scope_for(user, Role.ADMINISTRATOR)
    assert scope_for(user, Role.ADMINISTRATOR).area_paths == ()
    with django_assert_num_queries(0):
        scope_for(user, Role.EDITOR)
    assert len(ctx) <= 4


def test_a_membership_added_or_removed_changes_the_scope_at_once(tree, users):
    user = users["commune"]
    assert not sees(user, tree["sibling"])
    membership = Membership.objects.create(
        user=user, area=tree["sibling"], role=Role.VIEWER
    )
    assert sees(user, tree["sibling"])
    membership.delete()
    assert not sees(user, tree["sibling"])


def test_a_role_changed_changes_the_editor_scope(tree, users):
    user = users["viewer"]
    assert scope_for(fresh(user), Role.EDITOR).area_paths == ()
    membership = Membership.objects.get(user=user)
    membership.role = Role.EDITOR
    membership.save()
    assert scope_for(fresh(user), Role.EDITOR).covers_area_path(tree["commune"].path)


def test_a_succession_recorded_changes_the_scope_at_once(tree, users):
    user = users["sibling"]
    other = Area.objects.resolve("04582", BEFORE)  # an old commune elsewhere
    assert not sees(user, other)
    event = ChangeEvent.objects.create(kind=ChangeEvent.Kind.MERGE, date=BEFORE)
    link = AreaSuccession.objects.create(
        event=event, predecessor=other, successor=tree["sibling"]
    )
    assert sees(user, other)
    link.delete()
    assert not sees(user, other)


def test_a_body_made_area_wide_changes_the_scope_at_once(tree):
    body = services.create_body(
        actor=system_actor(),
        name="Công an xã Trạm Tấu",
        kind=Body.Kind.POLICE,
        area=tree["commune"],
    )
    user = User.objects.create_user("police", password="x-secret-1")
    Membership.objects.create(user=user, body=body, role=Role.EDITOR)
    assert not sees(user, tree["commune"])
    body.kind = Body.Kind.PEOPLES_COMMITTEE
    body.save()
    assert sees(user, tree["commune"])


def test_a_village_added_by_a_path_update_is_seen_at_once(tree, users):
    user = users["commune"]
    scope_for(fresh(user))
    village = services.create_village(
        actor=system_actor(), commune=tree["commune"], name="Làng Mới"
    )
    # The village's path is written by an update (no signal): the scope's
    # paths are the commune's, so the village is seen; its own rows too.
    assert sees(user, village)
    assert Area.objects.visible_to(fresh(user)).filter(pk=village.pk).exists()


def test_inactive_anonymous_and_superusers_are_never_served_from_the_cache(tree, users):
    user = users["commune"]
    assert scope_for(fresh(user)).area_paths
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert scope_for(fresh(user)).area_paths == ()
    User.objects.filter(pk=user.pk).update(is_active=True, is_superuser=True)
    assert scope_for(fresh(user)).everything
    assert scope_for(AnonymousUser()).area_paths == ()


def test_a_user_of_another_database_or_time_never_gets_this_scope(tree, users):
    # The key names the user's id and the moment they joined: an id reused
    # (a test rolled back, another site sharing the cache) is another key.
    cache = caches[SCOPE_CACHE]
    scope_for(fresh(users["commune"]))
    keys = [k for k in cache._cache if ":danvan:scope:" in k]  # type: ignore[attr-defined]
    assert len(keys) == 1
    assert str(users["commune"].pk) in keys[0]
    assert users["commune"].date_joined.isoformat() in keys[0]


def test_a_second_page_costs_no_scope_query(client, tree, users):
    client.force_login(users["province"])
    client.get(reverse("units:area_list"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("units:area_list"))
    assert response.status_code == 200
    scope_tables = ("accounts_membership", "units_areasuccession")
    assert [q["sql"] for q in ctx if any(t in q["sql"] for t in scope_tables)] == []


def test_a_change_made_in_another_process_is_seen_at_once(tmp_path, settings):
    # The site keeps scopes in files every process shares (or Redis): a
    # membership changed by a command or another worker reaches this one.
    settings.CACHES = {
        **settings.CACHES,
        "scopes": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    before = access._scope_version()
    code = (
        "import django; django.setup(); "
        "from danvan.common.access import bump_scope_version; bump_scope_version()"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
        "SCOPE_CACHE_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert access._scope_version() != before
