"""factory-boy factories of reported figures: the catalogue, forms, periods,
submissions and values.

Catalogue rows (indicators, breakdowns, forms, sections, rules) are plain
rows; a period is named through ``Period.objects.of``; a submission is opened
through ``services.submissions.open_submission`` as the system actor, so its
deadline and paths are the service's. Codes never collide with the seeded
catalogue's (``TEST_…``, ``test-…``).

A form needs its ``owner_body`` (its ``area`` defaults to the owner body's
area) and reports, by default, quarterly from the commune Party committees
under that area; a submission needs a ``form``, a ``period`` of the form's type
and a reporting ``body`` (see ``conftest.py``: ``bodies``, ``quarterly``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from danvan.common.actors import system_actor
from danvan.datasets.models import (
    Breakdown,
    BreakdownOption,
    DataValue,
    FormIndicator,
    FormSection,
    Indicator,
    Period,
    ReportForm,
    Submission,
    ValidationRule,
    ValueType,
)
from danvan.datasets.services.submissions import open_submission

YEAR = 2026


class BreakdownFactory(DjangoModelFactory[Breakdown]):
    """A breakdown with its ``options`` (code, name) pairs, nam/nữ by default."""

    class Meta:
        model = Breakdown
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"test-phan-to-{n + 1}")
    name = factory.Sequence(lambda n: f"Giới tính {n + 1}")

    @factory.post_generation
    def options(
        obj: Breakdown,  # noqa: N805 (factory-boy passes the row made)
        create: bool,
        extracted: list[tuple[str, str]] | None,
        **kwargs: Any,
    ) -> None:
        if not create:
            return
        pairs = extracted if extracted is not None else [("nam", "Nam"), ("nu", "Nữ")]
        for order, (code, name) in enumerate(pairs, start=1):
            BreakdownOption.objects.create(
                breakdown=obj, code=code, name=name, order=order
            )


class IndicatorFactory(DjangoModelFactory[Indicator]):
    """A whole-number indicator that sums (``TEST_1``, ``TEST_2``…)."""

    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"TEST_{n + 1}")
    name = factory.Sequence(lambda n: f"Số mô hình “Dân vận khéo” thử {n + 1}")
    value_type = ValueType.INTEGER
    unit = "mô hình"


class ReportFormFactory(DjangoModelFactory[ReportForm]):
    """A quarterly form of ``owner_body``, reported by the commune Party
    committees under ``area`` (the owner body's area unless given)."""

    class Meta:
        model = ReportForm

    code = factory.Sequence(lambda n: f"test-bieu-{n + 1}")
    name = factory.Sequence(lambda n: f"Báo cáo kết quả công tác dân vận {n + 1}")
    period_type = "quarter"
    area = factory.LazyAttribute(lambda form: form.owner_body.area)
    reporter_level = "commune"
    reporter_kinds = factory.LazyFunction(lambda: ["party_committee"])
    cutoff_day = 15
    deadline_days = 5


class FormSectionFactory(DjangoModelFactory[FormSection]):
    """A section of ``form``."""

    class Meta:
        model = FormSection

    title = factory.Sequence(lambda n: f"{n + 1}. Công tác dân vận")
    order = factory.Sequence(lambda n: n + 1)


class FormIndicatorFactory(DjangoModelFactory[FormIndicator]):
    """An indicator on ``form`` (a new one unless ``indicator`` is given)."""

    class Meta:
        model = FormIndicator

    indicator = factory.SubFactory(IndicatorFactory)
    section = None
    order = factory.Sequence(lambda n: n + 1)


class ValidationRuleFactory(DjangoModelFactory[ValidationRule]):
    """A blocking rule of ``form``: ``left`` ≤ ``right`` (codes on the form)."""

    class Meta:
        model = ValidationRule

    name = factory.Sequence(lambda n: f"Quy tắc {n + 1}")
    operator = ValidationRule.Operator.LE
    severity = ValidationRule.Severity.BLOCKING
    message = "Số mô hình hiệu quả không được lớn hơn số mô hình đăng ký."


class PeriodFactory(DjangoModelFactory[Period]):
    """A named period (quarter III of 2026 unless told), through ``Period.objects.of``."""

    class Meta:
        model = Period

    type = "quarter"
    year = YEAR
    number = 3

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Period:
        return Period.objects.of(kwargs["type"], kwargs["year"], kwargs.get("number"))


class SubmissionFactory(DjangoModelFactory[Submission]):
    """The submission of ``body`` for ``form`` and ``period``, opened by the service."""

    class Meta:
        model = Submission

    @classmethod
    def _create(
        cls, model_class: type[Submission], *args: Any, **kwargs: Any
    ) -> Submission:
        status = kwargs.pop("status", None)
        submission = open_submission(actor=system_actor(), **kwargs)
        if status is not None and status != submission.status:
            # Straight to a status for tests of later steps (no service call).
            Submission.objects.filter(pk=submission.pk).update(status=status)
            submission.status = status
        return submission


class DataValueFactory(DjangoModelFactory[DataValue]):
    """A value of ``indicator`` in ``submission`` (the total unless ``option``)."""

    class Meta:
        model = DataValue

    option = ""
    number = Decimal(10)
