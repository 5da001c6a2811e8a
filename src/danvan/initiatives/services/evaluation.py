"""Rubrics and the evaluation of registered models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common import audit
from danvan.common.numbers import format_number
from danvan.common.rules import may_administer
from danvan.initiatives import rules
from danvan.initiatives.exceptions import NoRubricError, WrongStatusError
from danvan.initiatives.models import (
    Evaluation,
    EvaluationScore,
    Initiative,
    Rubric,
    RubricCriterion,
)
from danvan.initiatives.services.base import as_decimal, check_reviewer

if TYPE_CHECKING:
    from danvan.accounts.models import User


STANDARD_CRITERIA = [
    (
        "Có tên gọi, địa chỉ cụ thể; gắn với nhiệm vụ chính trị của địa phương, "
        "cơ quan, đơn vị",
        15,
    ),
    ("Dưới sự lãnh đạo của cấp ủy, có sự phối hợp của nhiều lực lượng", 15),
    ("Nhân dân tự giác, tích cực tham gia, hưởng ứng", 20),
    ("Kết quả thiết thực, đo đếm được", 30),
    ("Bền vững, có khả năng nhân rộng", 20),
]


def rubric_for(*, year: int, level: str) -> Rubric | None:
    """The rubric of ``year`` for ``level``, else the year's rubric of every level."""
    rubrics = {
        r.level: r for r in Rubric.objects.filter(year=year, level__in=[level, ""])
    }
    return rubrics.get(level) or rubrics.get("")


@transaction.atomic
def create_standard_rubric(
    *, actor: User, year: int, level: str = "", name: str = ""
) -> Rubric:
    """The usual five criteria (domain notes §3) with thresholds 50/70/90."""
    if not may_administer(actor):
        raise PermissionDenied(_("Only administrators set rubrics."))
    with audit.acting_as(actor):
        rubric = Rubric.objects.create(
            year=year,
            level=level,
            name=name or f"Tiêu chí bình xét mô hình “Dân vận khéo” năm {year}",
        )
        for order, (criterion, weight) in enumerate(STANDARD_CRITERIA, 1):
            RubricCriterion.objects.create(
                rubric=rubric, name=criterion, weight=Decimal(weight), order=order
            )
    return rubric


def score_total(
    criteria: Sequence[RubricCriterion], scores: Mapping[int, Decimal]
) -> Decimal:
    """The weighted score on a 0–100 scale, to two decimals."""
    weights = sum((c.weight for c in criteria), Decimal(0))
    if not weights:
        return Decimal(0)
    total = sum((scores[c.pk] / c.max_score * c.weight for c in criteria), Decimal(0))
    return (total * 100 / weights).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def refresh_classification(initiative: Initiative) -> None:
    """Copy the latest evaluation's classification and date onto the model."""
    latest = initiative.evaluations.order_by("-evaluated_on", "-pk").first()
    initiative.classification = latest.classification if latest else ""
    initiative.evaluated_on = latest.evaluated_on if latest else None
    initiative.save(update_fields=["classification", "evaluated_on"])


@transaction.atomic
def evaluate_initiative(
    *,
    actor: User,
    initiative: Initiative,
    scores: Mapping[int, Any],
    comment: str = "",
    evaluated_on: dt.date | None = None,
    rubric: Rubric | None = None,
) -> Evaluation:
    """Evaluate a registered model with its year's rubric; history is kept."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    check_reviewer(actor, initiative)
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be evaluated."))
    rubric = rubric or rubric_for(year=initiative.year, level=initiative.level)
    if rubric is None:
        raise NoRubricError(
            _("No rubric is set for %(year)s: an administrator sets it first.")
            % {"year": initiative.year}
        )
    evaluated_on = evaluated_on or timezone.localdate()
    if evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("The date is in the future.")})
    criteria = list(rubric.criteria.all())
    values: dict[int, Decimal] = {}
    errors: list[str] = []
    for criterion in criteria:
        raw = scores.get(criterion.pk, scores.get(str(criterion.pk)))  # type: ignore[call-overload]
        value = as_decimal(raw)
        if value is None:
            errors.append(
                _("Give a score for “%(criterion)s”.") % {"criterion": criterion.name}
            )
        elif not Decimal(0) <= value <= criterion.max_score:
            errors.append(
                _("The score for “%(criterion)s” must be between 0 and %(max)s.")
                % {
                    "criterion": criterion.name,
                    "max": format_number(criterion.max_score),
                }
            )
        else:
            values[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    total = score_total(criteria, values)
    membership = rules.reviewer_unit(actor, initiative)
    with audit.acting_as(actor):
        evaluation = Evaluation.objects.create(
            initiative=initiative,
            rubric=rubric,
            total=total,
            classification=rubric.classify(total),
            evaluator=actor,
            evaluator_area=membership.area if membership else None,
            evaluator_body=membership.body if membership else None,
            evaluated_on=evaluated_on,
            comment=comment.strip(),
        )
        audit.create_all(
            [
                EvaluationScore(evaluation=evaluation, criterion_id=pk, score=value)
                for pk, value in values.items()
            ],
            actor=actor,
        )
        refresh_classification(initiative)
    return evaluation
