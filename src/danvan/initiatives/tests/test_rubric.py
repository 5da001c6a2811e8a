"""The rubric: weighted scores on 100 points and the thresholds that classify them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.models import Rubric, RubricCriterion

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_criteria(db):
    rubric = Rubric.objects.create(
        year=2025,
        name="Thử",
        achieved_from=Decimal(50),
        effective_from=Decimal(70),
        exemplary_from=Decimal(90),
    )
    a = RubricCriterion.objects.create(
        rubric=rubric, name="Kết quả", weight=Decimal(3), max_score=Decimal(10)
    )
    b = RubricCriterion.objects.create(
        rubric=rubric, name="Nhân rộng", weight=Decimal(1), max_score=Decimal(20)
    )
    return rubric, a, b


def test_total_is_the_weighted_mean_on_100_points(two_criteria):
    _rubric, a, b = two_criteria
    # (8/10 * 3 + 10/20 * 1) / 4 * 100 = (2.4 + 0.5) / 4 * 100 = 72.5
    assert services.score_total([a, b], {a.pk: Decimal(8), b.pk: Decimal(10)}) == (
        Decimal("72.50")
    )
    assert services.score_total([a, b], {a.pk: Decimal(10), b.pk: Decimal(20)}) == (
        Decimal("100.00")
    )


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("0", "khong_dat"),
        ("49.99", "khong_dat"),
        ("50", "dat"),
        ("69.99", "dat"),
        ("70", "hieu_qua"),
        ("89.99", "hieu_qua"),
        ("90", "dien_hinh"),
        ("100", "dien_hinh"),
    ],
)
def test_thresholds_map_a_total_to_a_classification(two_criteria, total, expected):
    rubric, _a, _b = two_criteria
    assert rubric.classify(Decimal(total)) == expected


def test_evaluation_classifies_with_the_rubric(tree, users, registered, two_criteria):
    _rubric, a, b = two_criteria
    initiative = registered(tree["commune"])
    evaluation = services.evaluate_initiative(
        actor=users["province"],
        initiative=initiative,
        scores={a.pk: Decimal(10), b.pk: Decimal(12)},
    )
    # (1 * 3 + 0.6 * 1) / 4 = 90 points: exemplary.
    assert evaluation.total == Decimal("90.00")
    assert evaluation.classification == "dien_hinh"
    assert evaluation.evaluator == users["province"]
    assert evaluation.evaluator_area == tree["province"]
    assert {s.criterion_id: s.score for s in evaluation.scores.all()} == {
        a.pk: Decimal(10),
        b.pk: Decimal(12),
    }


def test_missing_or_out_of_range_scores_are_refused(
    tree, users, registered, two_criteria
):
    _rubric, a, _b = two_criteria
    initiative = registered(tree["commune"])
    with pytest.raises(ValidationError) as error:
        services.evaluate_initiative(
            actor=users["province"],
            initiative=initiative,
            scores={a.pk: Decimal(11)},
        )
    text = " ".join(error.value.messages)
    assert "Kết quả" in text
    assert "Nhân rộng" in text
    assert not initiative.evaluations.exists()


def test_the_rubric_of_the_level_comes_before_the_general_one(db):
    general = services.create_standard_rubric(actor=system_actor(), year=2025)
    commune = services.create_standard_rubric(
        actor=system_actor(), year=2025, level="commune"
    )
    assert services.rubric_for(year=2025, level="commune") == commune
    assert services.rubric_for(year=2025, level="body") == general
    assert services.rubric_for(year=2024, level="commune") is None


def test_standard_rubric_weights_add_up_to_100(rubric):
    assert sum(c.weight for c in rubric.criteria.all()) == 100
    assert rubric.criteria.count() == 5


def test_only_administrators_set_rubrics(users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_standard_rubric(actor=users["province"], year=2030)
