"""factory-boy factories of plans: a plan with its document, targets and
tasks, made through plans.services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.plans import services
from danvan.plans.models import Plan, PlanTask, Target


class PlanFactory(DjangoModelFactory[Plan]):
    """A plan of ``area`` issued by ``body``; its document is entered with it."""

    class Meta:
        model = Plan

    symbol_text = factory.Sequence(lambda n: f"{100 + n}-KH/ĐU")
    issued_on = dt.date(2025, 8, 4)
    title = factory.Sequence(lambda n: f"Kế hoạch thực hiện nhiệm vụ năm 2025 số {n}")
    starts_year = 2025

    @classmethod
    def _create(cls, model_class: type[Plan], *args: Any, **kwargs: Any) -> Plan:
        return services.create_plan(actor=system_actor(), **kwargs)


class TargetFactory(DjangoModelFactory[Target]):
    """A target of ``plan`` in its first group unless ``group``."""

    class Meta:
        model = Target

    name = factory.Sequence(lambda n: f"Chỉ tiêu thử số {n + 1}")
    target_value = Decimal(10)

    @classmethod
    def _create(cls, model_class: type[Target], *args: Any, **kwargs: Any) -> Target:
        plan = kwargs["plan"]
        kwargs.setdefault("group", plan.groups.order_by("order").first())
        return services.add_target(actor=system_actor(), **kwargs)


class PlanTaskFactory(DjangoModelFactory[PlanTask]):
    """A task of ``plan`` led by ``owner_body``, in its first group unless ``group``."""

    class Meta:
        model = PlanTask

    title = factory.Sequence(lambda n: f"Nhiệm vụ thử số {n + 1}")

    @classmethod
    def _create(
        cls, model_class: type[PlanTask], *args: Any, **kwargs: Any
    ) -> PlanTask:
        plan = kwargs["plan"]
        kwargs.setdefault("group", plan.groups.order_by("order").first())
        return services.add_task(actor=system_actor(), **kwargs)
