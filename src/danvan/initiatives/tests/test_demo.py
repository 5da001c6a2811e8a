"""The demo register: generated once, the same for the same seed, real-looking."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from danvan.initiatives import demo
from danvan.initiatives.models import Commendation, Evaluation, Initiative
from danvan.initiatives.stats import model_statistics
from danvan.units import demo as units_demo
from danvan.units.models import Area

pytestmark = pytest.mark.django_db

AFTER = dt.date(2025, 7, 1)


def figures():
    """The demo provinces' figures, all years and the demo year."""
    result = []
    for code in ("15", "37"):
        province = Area.objects.resolve(code, AFTER)
        for year in (None, 2024, 2026):
            stats = model_statistics(area=province, year=year, n=2).as_dict()
            result.append(stats)
    return result


def test_without_the_demo_units_nothing_happens():
    assert demo.generate_demo(count=10) is None
    demo.load_demo()
    assert not Initiative.objects.exists()


def test_same_seed_gives_the_same_register():
    units_demo.load_demo()
    first = demo.generate_demo(seed=7, count=8)
    assert first is not None
    numbers = figures()
    names = sorted(Initiative.objects.values_list("name", "year", "area__code"))

    Initiative.objects.all().delete()
    second = demo.generate_demo(seed=7, count=8)
    assert second == first
    assert figures() == numbers
    assert sorted(Initiative.objects.values_list("name", "year", "area__code")) == names

    Initiative.objects.all().delete()
    demo.generate_demo(seed=8, count=8)
    assert figures() != numbers


def test_demo_register_is_made_once_and_looks_real():
    units_demo.load_demo()
    result = demo.generate_demo(seed=2026, count=30)
    assert result is not None
    made = Initiative.objects.count()
    assert made == result.models == 30 + 15 + 18  # 2026, 2024 (0.5), 2025 (0.6)
    assert demo.generate_demo(seed=2026, count=30) is None  # already there
    demo.load_demo()
    assert Initiative.objects.count() == made

    years = set(Initiative.objects.values_list("year", flat=True))
    assert years == {2024, 2025, 2026}
    # Earlier years by the former units, the demo year by the new ones.
    old = Initiative.objects.filter(year__lt=2026).select_related("area")
    assert all(
        m.area.valid_to == dt.date(2025, 6, 30)
        for m in old
        if m.area.level != "province"
    )
    new = Initiative.objects.filter(year=2026).select_related("area")
    assert all(m.area.valid_to is None for m in new)
    assert Evaluation.objects.exists()
    assert Evaluation.objects.filter(evaluator__username="tinh.laocai").exists()
    assert Commendation.objects.exists() or result.commendations == 0
    assert (
        Initiative.objects.filter(adopted_from__isnull=False).count()
        == result.replications
    )
    assert Initiative.objects.filter(continuing=True).exists()
    assert Initiative.objects.filter(
        status=Initiative.Status.COMPLETED, year=2024
    ).exists()
    assert Initiative.objects.exclude(mobilized_vnd=0).exists()

    # The figures of the demo provinces come out of it, lineage included.
    lao_cai = model_statistics(area=Area.objects.resolve("15", AFTER))
    assert lao_cai.registered > 0
    assert lao_cai.effective > 0
    assert 0 < lao_cai.communes_with_model <= lao_cai.communes_total == 99
    yen_bai = model_statistics(area=Area.objects.resolve("15", dt.date(2024, 1, 1)))
    assert 0 < yen_bai.registered < lao_cai.registered


def test_command_generates_with_seed_and_count():
    units_demo.load_demo()
    out = StringIO()
    call_command("models", "demo", "--seed", "3", "--count", "10", stdout=out)
    assert "Demo register: 21 models" in out.getvalue()  # 10 + 5 + 6
    out = StringIO()
    call_command("models", "demo", "--seed", "3", "--count", "10", stdout=out)
    assert "nothing changed" in out.getvalue()
