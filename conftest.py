"""Shared fixtures: the real official areas, and users at each level.

The official areas (63 → 34 provinces, 10,035 → 3,321 communes, with the 2025
lineage) are loaded once per test database, so tests use the real tree. Tests
roll back their own changes; the end-to-end tests, which commit, run last.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor

if TYPE_CHECKING:
    from danvan.units.models import Area

BEFORE = dt.date(2024, 1, 1)
AFTER = dt.date(2025, 7, 1)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from danvan.units.services import load_official_areas

    with django_db_blocker.unblock():
        load_official_areas()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def api_throttles(settings):
    """Empty throttle counters and rates no test reaches (one test sets low ones)."""
    from django.core.cache import cache

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/hour", "user": "100000/hour"},
    }


def pytest_configure(config):
    """Cached scopes in this process's memory: the site keeps them in files
    shared by every process, and test runs (each with its own database) must
    not share them."""
    from django.conf import settings
    from django.test.signals import clear_cache_handlers

    settings.CACHES["scopes"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "scopes",
    }
    clear_cache_handlers(setting="CACHES")


@pytest.fixture(autouse=True)
def scope_cache():
    """No scope cached by an earlier test (its rows were rolled back)."""
    from django.core.cache import caches

    caches["scopes"].clear()


def make_user(
    username: str, *, area=None, body=None, role=Membership.Role.EDITOR
) -> User:
    user = User.objects.create_user(username=username, password="secret-pass-1")
    Membership.objects.create(user=user, area=area, body=body, role=role)
    return user


@pytest.fixture
def tree(db):
    """New tỉnh Lào Cai, xã Trạm Tấu and its sibling xã Hạnh Phúc, a village."""
    return build_tree()


def build_tree() -> dict[str, Area]:
    """Resolve and create the test tree (shared by fixtures of any scope)."""
    from danvan.units import services
    from danvan.units.models import Area

    province = Area.objects.resolve("15", AFTER)
    commune = Area.objects.resolve("04591", AFTER)
    sibling = Area.objects.resolve("04585", AFTER)
    village = services.create_village(
        actor=system_actor(), commune=commune, name="Trung Tâm"
    )
    return {
        "province": province,
        "commune": commune,
        "sibling": sibling,
        "village": village,
        "pa_lau": Area.objects.resolve("04591", BEFORE),
        "old_district": Area.objects.resolve("139", BEFORE),
        "yen_bai": Area.objects.resolve("15", BEFORE),
    }


@pytest.fixture
def users(tree):
    return build_users(tree)


def build_users(tree: dict[str, Area]) -> dict[str, User]:
    """One user per level of ``tree`` (shared by fixtures of any scope)."""
    return {
        "province": make_user(
            "province", area=tree["province"], role=Membership.Role.APPROVER
        ),
        "commune": make_user("commune", area=tree["commune"]),
        "sibling": make_user("sibling", area=tree["sibling"]),
        "village": make_user(
            "village", area=tree["village"], role=Membership.Role.VIEWER
        ),
        "viewer": make_user(
            "viewer", area=tree["commune"], role=Membership.Role.VIEWER
        ),
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploads and kept originals go to a temporary folder, never into data/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT
