"""The next meeting of a series shows the tasks of the earlier ones still open."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.models import Task

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def series(make_meeting, bodies):
    """Three monthly giao ban; the first sets four tasks."""
    august = make_meeting(
        title="Giao ban tháng 8", held_on=D(2026, 9, 4), period_number=8
    )
    september = make_meeting(
        title="Giao ban tháng 9", held_on=D(2026, 10, 5), period_number=9
    )
    october = make_meeting(
        title="Giao ban tháng 10", held_on=D(2026, 11, 4), period_number=10
    )

    def task(meeting, title, status=Task.Status.OPEN, done_on=None):
        made = services.create_task(
            actor=system_actor(),
            meeting=meeting,
            title=title,
            owner_body=bodies["front"],
        )
        if status != Task.Status.OPEN:
            services.set_task_status(
                actor=system_actor(), task=made, status=status, on=done_on
            )
        return made

    tasks = {
        "open": task(august, "Nắm tình hình tôn giáo"),
        "in_progress": task(august, "Rà soát hộ nghèo", Task.Status.IN_PROGRESS),
        "done_before": task(august, "Họp dân thôn Mới", "done", D(2026, 9, 20)),
        "cancelled": task(august, "Hội thi dân vận khéo", "cancelled"),
        "done_later": task(august, "Đối thoại về đất đai", "done", D(2026, 10, 25)),
        "of_september": task(september, "Tuyên truyền tảo hôn"),
    }
    return {"august": august, "september": september, "october": october, **tasks}


def test_open_tasks_are_carried_to_the_next_meeting(series):
    carried = set(services.carried_forward(series["september"]))
    assert carried == {series["open"], series["in_progress"], series["done_later"]}


def test_done_and_cancelled_tasks_are_not_carried(series):
    carried = set(services.carried_forward(series["september"]))
    assert series["done_before"] not in carried
    assert series["cancelled"] not in carried


def test_tasks_stay_carried_until_done(series):
    carried = list(services.carried_forward(series["october"]))
    # August's open tasks again, September's own; the one done in between not.
    assert set(carried) == {
        series["open"],
        series["in_progress"],
        series["of_september"],
    }
    assert carried[-1] == series["of_september"]  # oldest meetings first


def test_first_meeting_and_other_series_carry_nothing(series, make_meeting):
    assert not services.carried_forward(series["august"]).exists()
    other = make_meeting(
        kind="chuyen_de", title="Chuyên đề", held_on=D(2026, 12, 1), period_type=""
    )
    assert not services.carried_forward(other).exists()


def test_previous_meeting_of_the_series(series):
    assert services.previous_meeting(series["october"]) == series["september"]
    assert services.previous_meeting(series["august"]) is None
