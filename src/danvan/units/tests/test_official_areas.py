"""The real administrative divisions and their 2025 lineage."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from danvan.units.lineage import successors_detail
from danvan.units.models import Area, AreaSuccession, ChangeEvent

pytestmark = pytest.mark.django_db

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)


def stats(on: dt.date, capsys) -> dict[str, int]:
    call_command("units", "stats", "--on", on.isoformat())
    counts: dict[str, int] = json.loads(capsys.readouterr().out)
    return counts


def test_counts_before_the_reform(capsys):
    assert stats(BEFORE, capsys) == {
        "province": 63,
        "district": 696,
        "commune": 10035,
        "village": 0,
    }


def test_counts_after_the_reform(capsys):
    assert stats(AFTER, capsys) == {
        "province": 34,
        "district": 0,
        "commune": 3321,
        "village": 0,
    }


def test_new_commune_kinds_are_the_official_split():
    communes = Area.objects.in_force(AFTER).filter(level=Area.Level.COMMUNE)
    assert communes.filter(kind=Area.Kind.SPECIAL_ZONE).count() == 13
    assert communes.filter(kind=Area.Kind.TOWNSHIP).count() == 0


def test_every_legacy_commune_has_a_successor():
    legacy = Area.objects.filter(level=Area.Level.COMMUNE, valid_to=BEFORE)
    without = legacy.exclude(successions_out__isnull=False)
    assert legacy.count() == 10035
    assert list(without.values_list("code", flat=True)) == []
    # Each one's successors are communes in force after the reform.
    for area in legacy.order_by("?")[:200]:
        found = successors_detail(area, on=AFTER)
        assert found, area
        assert all(s.area.level == Area.Level.COMMUNE for s in found)
        assert sum(s.primary for s in found) == 1


def test_every_legacy_district_and_province_has_a_successor():
    for level in (Area.Level.DISTRICT, Area.Level.PROVINCE):
        ended = Area.objects.filter(level=level, valid_to=BEFORE)
        assert not ended.exclude(successions_out__isnull=False).exists()


def test_reused_codes_resolve_on_a_date():
    assert Area.objects.resolve("15", BEFORE).name == "Yên Bái"
    assert Area.objects.resolve("15", AFTER).name == "Lào Cai"
    assert Area.objects.resolve("04591", BEFORE).name == "Pá Lau"
    assert Area.objects.resolve("04591", AFTER).name == "Trạm Tấu"
    assert Area.objects.resolve("04591").name == "Trạm Tấu"  # today


def test_unchanged_province_is_one_row_across_the_reform():
    hanoi_before = Area.objects.resolve("01", BEFORE)
    assert hanoi_before == Area.objects.resolve("01", AFTER)
    assert hanoi_before.valid_to is None


def test_pa_lau_merged_into_the_new_tram_tau():
    pa_lau = Area.objects.resolve("04591", BEFORE)
    tram_tau = Area.objects.resolve("04591", AFTER)
    assert pa_lau.successors(on=AFTER) == [tram_tau]
    assert pa_lau.successors(on=BEFORE) == [pa_lau]
    names = {a.full_name for a in tram_tau.predecessors()}
    assert names == {"Xã Pá Lau", "Xã Túc Đán", "Xã Pá Hu", "Xã Trạm Tấu"}
    event = AreaSuccession.objects.get(predecessor=pa_lau).event
    assert event.kind == ChangeEvent.Kind.MERGE
    assert event.date == AFTER


def test_yen_bai_and_lao_cai_merged_into_lao_cai():
    new = Area.objects.resolve("15", AFTER)
    predecessors = new.predecessors()
    provinces = {a.code for a in predecessors if a.level == Area.Level.PROVINCE}
    assert provinces == {"10", "15"}
    # The abolished districts of both passed to the new province as well.
    assert {"139", "088"} <= {a.code for a in predecessors}
    assert Area.objects.resolve("10", BEFORE).successors(on=AFTER) == [new]


def test_old_district_passes_to_the_new_province():
    district = Area.objects.resolve("139", BEFORE)
    assert district.full_name == "Huyện Trạm Tấu"
    assert district.successors(on=AFTER) == [Area.objects.resolve("15", AFTER)]
    event = AreaSuccession.objects.get(predecessor=district).event
    assert event.kind == ChangeEvent.Kind.ABOLISH


def test_a_divided_commune_has_several_successors_one_main():
    divided = (
        Area.objects.filter(successions_out__partial=True, level=Area.Level.COMMUNE)
        .distinct()
        .first()
    )
    assert divided is not None
    found = successors_detail(divided, on=AFTER)
    assert len(found) >= 2
    assert all(s.partial for s in found)
    assert [s.primary for s in found].count(True) == 1


def test_within_the_new_province_finds_everything_that_was_inside():
    inside = Area.objects.within(Area.objects.resolve("15", AFTER))
    codes = set(inside.values_list("code", flat=True))
    # The old district of Trạm Tấu, its old communes, and the old Lào Cai.
    assert {"139", "04600", "04591", "10", "088"} <= codes
    assert "37" not in codes


def test_within_the_new_commune_finds_its_old_communes_only():
    inside = Area.objects.within(Area.objects.resolve("04591", AFTER))
    names = set(inside.values_list("full_name", flat=True))
    assert {"Xã Pá Lau", "Xã Túc Đán", "Xã Trạm Tấu"} <= names
    assert "Huyện Trạm Tấu" not in names
    assert "Xã Hát Lừu" not in names  # merged into xã Hạnh Phúc


def test_loading_twice_changes_nothing():
    from danvan.units.services import load_official_areas

    before = Area.objects.count()
    assert load_official_areas().skipped
    assert Area.objects.count() == before


def test_units_search_prints_code_kind_name_validity_parent(capsys):
    call_command("units", "search", "tram tau")
    lines = capsys.readouterr().out.strip().splitlines()
    fields = [line.split("\t") for line in lines]
    assert [
        "04591",
        str(Area.Kind.COMMUNE.label),
        "Xã Trạm Tấu",
        "2025-07-01..…",
        "Tỉnh Lào Cai",
    ] in [[str(x) for x in f] for f in fields]
    assert any(f[2] == "Huyện Trạm Tấu" and f[3] == "…..2025-06-30" for f in fields)


@pytest.mark.parametrize("text", ["tram tau", "Trạm Tấu", "Trạm Tâu", "TRAM TAU"])
def test_search_ignores_accents_and_tone_placement(text):
    assert Area.objects.search(text).in_force(AFTER).filter(code="04591").exists()


def test_island_districts_became_special_zones():
    con_dao = Area.objects.resolve("755", BEFORE)
    assert con_dao.full_name == "Huyện Côn Đảo"
    [zone] = con_dao.successors(on=AFTER)
    assert zone.full_name == "Đặc khu Côn Đảo"
    assert zone.kind == Area.Kind.SPECIAL_ZONE
