"""The plans' pages cost the same queries with few rows and many."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.plans import services
from danvan.plans.tests.factories import PlanFactory, PlanTaskFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _grow(plans, bodies, tree, n):
    plan = plans["province"]
    for i in range(n):
        target = TargetFactory.create(plan=plan, target_value=Decimal(i + 1))
        services.record_progress(
            actor=system_actor(),
            target=target,
            period_type="year",
            period_year=2025,
            achieved=Decimal(i),
        )
        PlanTaskFactory.create(plan=plan, owner_body=bodies["province"])
        PlanFactory.create(area=tree["province"], body=bodies["province"])


def _count(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # the scope and the kept figures are read once
    with django_assert_max_num_queries(limit) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("name", "key", "limit"),
    [
        ("plans:list", None, 2),
        ("plans:plan_detail", "province", 5),
        ("plans:target_detail", "top", 5),
        ("plans:task_detail", "province_task", 7),
        ("plan-list", None, 7),
        ("plan-detail", "province", 8),
    ],
)
def test_few_rows_and_many_cost_the_same(
    client, users, plans, bodies, tree, django_assert_max_num_queries, name, key, limit
):
    client.force_login(users["province"])

    def url():
        if key is None:
            return reverse(name)
        obj = plans[key][0] if key == "top" else plans[key]
        return reverse(name, args=[obj.pk])

    few = _count(client, url(), django_assert_max_num_queries, limit)
    _grow(plans, bodies, tree, 12)
    many = _count(client, url(), django_assert_max_num_queries, limit)
    assert many == few, (few, many)
