"""A model's change log reads in Vietnamese, and progress results and
evaluation scores are audited."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from danvan.initiatives import services
from danvan.initiatives.models import EvaluationScore, Initiative, ProgressResult

pytestmark = pytest.mark.django_db


def change_log(page) -> str:
    html: str = page.content.decode()
    return html[html.index('id="change-log"') :]


def test_model_history_reads_in_vietnamese(client, tree, users, make_initiative):
    editor = users["commune"]
    editor.first_name, editor.last_name = "Thị Dua", "Giàng"
    editor.save()
    initiative = make_initiative(tree["commune"], actor=editor)
    client.force_login(editor)
    log = change_log(client.get(initiative.get_absolute_url()))

    assert "Giàng Thị Dua</strong> tạo" in log
    field = str(Initiative._meta.get_field("field").verbose_name)
    assert f"<dt>{field[:1].upper()}{field[1:]}</dt>" in log
    assert str(initiative.field) in log  # by name, not by id
    assert "150.000.000" in log  # money grouped the Vietnamese way
    assert "01/02/2025" in log
    assert initiative.get_status_display() in log
    assert "None" not in log
    assert "kinh-te" not in log
    assert "area_path" not in log


def test_progress_results_and_evaluation_scores_are_audited(
    tree, users, registered, rubric
):
    initiative = registered(tree["commune"])
    criterion = initiative.criteria.first()
    services.add_progress_update(
        actor=users["commune"],
        initiative=initiative,
        date=dt.date(2025, 6, 1),
        text="Đã làm 1 km",
        results={criterion.pk: Decimal(1)},
    )
    result = ProgressResult.objects.get()
    assert LogEntry.objects.get_for_object(result).get().actor == users["commune"]

    services.evaluate_initiative(
        actor=users["province"],
        initiative=initiative,
        scores={c.pk: Decimal(8) for c in rubric.criteria.all()},
        evaluated_on=dt.date(2025, 11, 30),
    )
    scores = EvaluationScore.objects.all()
    assert scores.exists()
    logged = LogEntry.objects.filter(
        content_type__model="evaluationscore",
        object_pk__in=[str(s.pk) for s in scores],
        action=LogEntry.Action.CREATE,
    )
    assert logged.count() == scores.count()
    assert {e.actor for e in logged} == {users["province"]}
