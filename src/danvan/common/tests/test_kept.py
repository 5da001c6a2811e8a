"""Kept figures (common.kept): per reader's scope, forgotten on any change of
what they read, in this process and in the others."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.common.kept import VERSION_CACHE, KeptFigures
from danvan.units import services

pytestmark = pytest.mark.django_db

FIGURES = KeptFigures("test-kept", watched=("units.Area",))


def fresh(user: User) -> User:
    """The user as the next request loads it: nothing kept on the object."""
    return User.objects.get(pk=user.pk)


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, value: object) -> object:
        self.calls += 1
        return value


def test_a_figure_is_computed_once_per_scope_and_parameters(users):
    compute = Counter()
    province, commune = users["province"], users["commune"]
    assert FIGURES.kept("n", fresh(province), (), lambda: compute(1)) == 1
    assert FIGURES.kept("n", fresh(province), (), lambda: compute(2)) == 1
    assert compute.calls == 1
    # Another scope, other parameters, another figure: each computed.
    assert FIGURES.kept("n", fresh(commune), (), lambda: compute(3)) == 3
    assert FIGURES.kept("n", fresh(province), ("q", "x"), lambda: compute(4)) == 4
    assert FIGURES.kept("m", fresh(province), (), lambda: compute(5)) == 5
    assert compute.calls == 4
    # A viewer of the same units shares the editor's figure: the key is the
    # scope, not the user.
    assert FIGURES.kept("n", fresh(users["viewer"]), (), lambda: compute(6)) == 3


def test_a_watched_change_forgets_at_once_even_within_a_request(users, tree):
    FIGURES.connect()
    user = fresh(users["province"])
    assert FIGURES.kept("n", user, (), lambda: "before") == "before"
    services.create_village(actor=system_actor(), commune=tree["commune"], name="Mới")
    # The same user object (one request): the change this process made is seen.
    assert FIGURES.kept("n", user, (), lambda: "after") == "after"


def test_a_change_made_by_another_process_is_seen_by_the_next_request(users):
    user = fresh(users["province"])
    assert FIGURES.kept("n", user, (), lambda: "before") == "before"
    # Another process replaced the shared token (its own FIGURES.forget()).
    caches[VERSION_CACHE].set("danvan:kept-version:test-kept", "another", None)
    assert FIGURES.kept("n", user, (), lambda: "same request") == "before"
    assert FIGURES.kept("n", fresh(user), (), lambda: "after") == "after"


def test_a_bulk_write_forgets_the_figures_watching_its_model(users, tree):
    from danvan.common import audit
    from danvan.units.models import Area

    user = fresh(users["province"])
    assert FIGURES.kept("n", user, (), lambda: "before") == "before"
    # QuerySet.update sends no signal; the project's bulk write forgets.
    audit.update_all(
        Area.objects.filter(pk=tree["village"].pk), actor=system_actor(), name="Mới"
    )
    assert FIGURES.kept("n", user, (), lambda: "after") == "after"


def test_a_change_of_the_tree_without_a_signal_forgets_every_figure(users):
    from danvan.common.access import bump_scope_version

    others = KeptFigures("test-kept-other", watched=("meetings.Meeting",))
    assert others.kept("n", fresh(users["province"]), (), lambda: 1) == 1
    # A bulk load of the tree bumps the scopes' version alone.
    bump_scope_version()
    assert others.kept("n", fresh(users["province"]), (), lambda: 2) == 2
