import pytest
from django.db import connection

from danvan.common import tree
from danvan.units.models import Area


def test_upper_bound_closes_the_subtree():
    path = tree.segment(5)
    child = tree.child_path(path, 123)
    assert path <= child < tree.upper_bound(path)
    assert not (path <= tree.segment(6) < tree.upper_bound(path))


def test_minimal_paths_drops_nested_paths():
    a, b = tree.segment(1), tree.segment(2)
    assert tree.minimal_paths([tree.child_path(a, 7), a, b, a]) == [a, b]


def test_ancestor_paths_lists_root_first():
    path = tree.child_path(tree.child_path(tree.segment(1), 2), 3)
    assert tree.ancestor_paths(path) == [
        tree.segment(1),
        tree.child_path(tree.segment(1), 2),
    ]


@pytest.mark.django_db
def test_subtree_is_one_query_at_any_depth(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = set(
            Area.objects.subtree(tree["province"].path).values_list("code", flat=True)
        )
    assert {"15", "04591", "04585", tree["village"].code} <= names
    assert "10" not in names  # the former province of Lào Cai is another subtree


@pytest.mark.django_db
def test_subtree_query_uses_the_path_index(tree):
    qs = Area.objects.subtree(tree["province"].path).values("pk")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "USING" in plan, plan
            assert "INDEX" in plan, plan
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
            assert "Index" in plan, plan
