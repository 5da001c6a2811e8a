"""The home page's counts over the same rows are taken in one query."""

import pytest
from django.db.models import Q

from danvan.common.dashboard import Count, Item, counted
from danvan.units.models import Area

pytestmark = pytest.mark.django_db


def test_counts_over_the_same_rows_cost_one_query(tree, django_assert_num_queries):
    areas = Area.objects.subtree(tree["commune"].path)
    levels = Area.Level
    found: list[Item | Count] = [
        Count("communes", areas, "/a", where=Q(level=levels.COMMUNE)),
        Item("given", 7, "/b", urgent=True),
        Count("villages", areas, "/c", urgent=True, where=Q(level=levels.VILLAGE)),
        Count("all", areas, "/d"),
    ]
    with django_assert_num_queries(1):
        items = counted(found)
    assert items == [
        Item("communes", 1, "/a"),
        Item("given", 7, "/b", urgent=True),
        Item("villages", 1, "/c", urgent=True),
        Item("all", 2, "/d"),
    ]


def test_other_rows_are_counted_apart(tree, django_assert_num_queries):
    mine = Area.objects.subtree(tree["commune"].path)
    theirs = Area.objects.subtree(tree["sibling"].path)
    with django_assert_num_queries(2):
        items = counted([Count("mine", mine, "/a"), Count("theirs", theirs, "/b")])
    assert [item.count for item in items] == [2, 1]
