"""The register's figures, on small cases computed by hand.

The register of these tests (tỉnh Lào Cai since 1/7/2025, made of the former
tỉnh Lào Cai and tỉnh Yên Bái; xã Trạm Tấu made of the former xã Pá Lau and
others; xã Hạnh Phúc its neighbour; thôn Trung Tâm in xã Trạm Tấu):

    #   unit                          year  field   class.      other
    m1  xã Trạm Tấu                   2026  kinh-te hiệu quả    100 tr. đồng, 50 days
    m2  xã Trạm Tấu                   2026  vh-xh   điển hình   commended
    m3  thôn Trung Tâm                2026  kinh-te đạt
    m4  xã Pá Lau (until 2025)        2024  kinh-te hiệu quả
    m5  xã Hạnh Phúc                  2026  qp-an   hiệu quả    copies m1
    m6  huyện Trạm Tấu (until 2025)   2024  xd-Đảng —
    m7  tỉnh Yên Bái (until 2025)     2024  kinh-te điển hình
    m8  school of xã Trạm Tấu         2026  kinh-te không đạt   continuing
    --  a draft of xã Trạm Tấu        2026                      never counted
"""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative
from danvan.initiatives.stats import model_statistics
from danvan.units import services as units
from danvan.units.models import Area, Body, ChangeEvent

pytestmark = pytest.mark.django_db

D = dt.date
Status = Initiative.Status
SCORE = {"khong_dat": 3, "dat": 6, "hieu_qua": 7.5, "dien_hinh": 9.5}


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def register(
    area,
    name,
    *,
    year=2026,
    field="kinh-te",
    body=None,
    status=Status.ACCEPTED,
    classification="",
    evaluated_on=None,
    **data,
):
    """A model entered by the system with ``status``, evaluated if asked."""
    data.setdefault("start_date", D(year, 2, 1))
    initiative = services.create_initiative(
        actor=system_actor(),
        area=area,
        body=body,
        field=Field.objects.get(code=field),
        name=name,
        year=year,
        status=status,
        problem="Vấn đề",
        goals="Mục tiêu",
        content="Cách làm",
        place="Thôn",
        lead_forces="Ban Dân vận",
        criteria=[{"name": "Số hộ tham gia", "unit": "hộ", "target": Decimal(10)}],
        **data,
    )
    if classification:
        evaluate(initiative, classification, on=evaluated_on)
    return initiative


def evaluate(initiative, classification, on=None):
    rubric = services.rubric_for(year=initiative.year, level=initiative.level)
    if rubric is None:
        rubric = services.create_standard_rubric(
            actor=system_actor(), year=initiative.year
        )
    score = Decimal(str(SCORE[classification]))
    evaluation = services.evaluate_initiative(
        actor=system_actor(),
        initiative=initiative,
        scores={c.pk: score for c in rubric.criteria.all()},
        evaluated_on=on,
    )
    assert evaluation.classification == classification
    return evaluation


@pytest.fixture
def register_book(tree):
    """The register drawn in the module docstring."""
    commune, sibling, village = tree["commune"], tree["sibling"], tree["village"]
    school = units.create_body(
        actor=system_actor(),
        name="Trường Tiểu học xã Trạm Tấu",
        kind=Body.Kind.PUBLIC_SERVICE,
        area=commune,
    )
    party = units.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=commune,
        valid_from=D(2025, 7, 1),
    )
    province_ubnd = units.create_body(
        actor=system_actor(),
        name="Ủy ban nhân dân tỉnh Lào Cai",
        kind=Body.Kind.PEOPLES_COMMITTEE,
        area=tree["province"],
        valid_from=D(2025, 7, 1),
    )
    m1 = register(commune, "Con đường bê tông nghĩa tình", classification="hieu_qua")
    services.add_progress_update(
        actor=system_actor(),
        initiative=m1,
        date=D(2026, 5, 1),
        money_vnd=60_000_000,
        working_days=30,
        people_reached=120,
    )
    services.add_progress_update(
        actor=system_actor(),
        initiative=m1,
        date=D(2026, 9, 1),
        money_vnd=40_000_000,
        working_days=20,
        people_reached=80,
    )
    m2 = register(
        commune,
        "Dân vận khéo trong xóa nhà tạm",
        field="van-hoa-xa-hoi",
        classification="dien_hinh",
    )
    services.commend_initiative(
        actor=system_actor(),
        initiative=m2,
        level="province",
        form="bang_khen",
        decided_on=D(2026, 10, 15),
        body_name="Ủy ban nhân dân tỉnh Lào Cai",
    )
    m3 = register(village, "Thôn sạch, đẹp", classification="dat")
    m4 = register(
        tree["pa_lau"],
        "Phụ nữ Pá Lau giữ rừng",
        year=2024,
        classification="hieu_qua",
        evaluated_on=D(2024, 12, 1),
    )
    m5 = register(
        sibling,
        "Con đường bê tông nghĩa tình Hạnh Phúc",
        field="quoc-phong-an-ninh",
        adopted_from=m1,
        classification="hieu_qua",
        evaluated_on=D(2026, 5, 1),
    )
    m6 = register(
        tree["old_district"], "Khối dân vận huyện", year=2024, field="xay-dung-dang"
    )
    m7 = register(
        tree["yen_bai"],
        "Dân vận chính quyền tỉnh",
        year=2024,
        classification="dien_hinh",
        evaluated_on=D(2024, 12, 20),
    )
    m8 = register(
        commune,
        "Trường học thân thiện",
        body=school,
        continuing=True,
        classification="khong_dat",
    )
    register(commune, "Bản nháp", status=Status.DRAFT)
    return {
        "m": [None, m1, m2, m3, m4, m5, m6, m7, m8],
        "school": school,
        "party": party,
        "province_ubnd": province_ubnd,
    }


def unit(stats, name):
    return next(
        u for u in stats.units_with_at_least_n_effective.units if u.name == name
    )


def test_commune_counts_the_communes_merged_into_it(tree, register_book):
    stats = model_statistics(area=tree["commune"], n=1)

    assert stats.registered == 5  # m1, m2, m3, m4 (Pá Lau), m8; not the draft
    assert (stats.new, stats.continuing) == (4, 1)
    assert stats.as_dict()["registered_by_field"] == {
        "kinh-te": 4,
        "van-hoa-xa-hoi": 1,
        "quoc-phong-an-ninh": 0,
        "xay-dung-dang": 0,
    }
    assert stats.by_level == {
        "province": 0,
        "district": 0,
        "commune": 3,
        "village": 1,
        "body": 1,
    }
    assert stats.by_classification == {
        "khong_dat": 1,
        "dat": 1,
        "hieu_qua": 2,
        "dien_hinh": 1,
        "unevaluated": 0,
    }
    assert (stats.evaluated, stats.effective) == (5, 3)
    assert (stats.communes_total, stats.communes_with_model) == (1, 1)
    assert (stats.bodies_total, stats.bodies_with_model) == (2, 1)  # the school
    # Its sub-units are its villages: thôn Trung Tâm has m3, only "đạt".
    threshold = stats.units_with_at_least_n_effective
    assert (threshold.level, threshold.numerator, threshold.denominator) == (
        "village",
        0,
        1,
    )
    assert (unit(stats, "Thôn Trung Tâm").registered, threshold.units[0].effective) == (
        1,
        0,
    )
    assert (stats.money_vnd, stats.working_days, stats.people_reached) == (
        100_000_000,
        50,
        200,
    )
    assert stats.commended == 1
    assert stats.commended_by_form["bang_khen"] == 1
    assert stats.replications == 0  # m5 is in xã Hạnh Phúc
    assert stats.replicated_models == 1  # m1, copied by m5
    assert stats.cumulative == 5


def test_old_commune_counts_only_itself(tree, register_book):
    stats = model_statistics(area=tree["pa_lau"])
    assert stats.registered == 1
    assert stats.on == D(2025, 6, 30)  # the last day of xã Pá Lau
    assert (stats.communes_total, stats.communes_with_model) == (1, 1)


def test_new_province_year_rolls_up_to_its_communes(tree, register_book):
    stats = model_statistics(area=tree["province"], year=2026, n=2)

    assert stats.registered == 5  # m1, m2, m3, m5, m8
    assert stats.effective == 3  # m1, m2, m5
    communes = Area.objects.in_force(D(2026, 12, 31)).filter(parent=tree["province"])
    assert communes.count() == 99
    assert (stats.communes_total, stats.communes_with_model) == (99, 2)
    threshold = stats.units_with_at_least_n_effective
    assert (threshold.level, threshold.numerator, threshold.denominator) == (
        "commune",
        1,  # xã Trạm Tấu: m1, m2; xã Hạnh Phúc has one effective model only
        99,
    )
    tram_tau = unit(stats, "Xã Trạm Tấu")
    assert (tram_tau.registered, tram_tau.effective) == (4, 2)  # m1 m2 m3 m8
    assert threshold.units[0] == tram_tau
    hanh_phuc = unit(stats, "Xã Hạnh Phúc")
    assert (hanh_phuc.registered, hanh_phuc.effective) == (1, 1)
    assert (stats.replications, stats.replicated_models) == (1, 1)
    assert stats.by_kind == {"collective": 5, "individual": 0}
    # Bodies in force in the province: the school, the Party committee, UBND tỉnh.
    assert (stats.bodies_total, stats.bodies_with_model) == (3, 1)
    assert stats.cumulative == 8  # everything up to 2026

    one = model_statistics(area=tree["province"], year=2026, n=1)
    assert one.units_with_at_least_n_effective.numerator == 2


def test_new_province_counts_its_former_provinces_and_districts(tree, register_book):
    stats = model_statistics(area=tree["province"], n=3)

    assert stats.registered == 8
    assert stats.by_level == {
        "province": 1,  # m7, tỉnh Yên Bái
        "district": 1,  # m6, huyện Trạm Tấu
        "commune": 4,
        "village": 1,
        "body": 1,
    }
    assert stats.by_classification["unevaluated"] == 1  # m6
    # m4 (xã Pá Lau) counts for xã Trạm Tấu; m6 and m7 for no commune.
    tram_tau = unit(stats, "Xã Trạm Tấu")
    assert (tram_tau.registered, tram_tau.effective) == (5, 3)
    assert stats.units_with_at_least_n_effective.numerator == 1
    assert stats.communes_with_model == 2
    assert sum(u.registered for u in stats.units_with_at_least_n_effective.units) == 6


def test_former_province_counts_by_its_districts(tree, register_book):
    stats = model_statistics(area=tree["yen_bai"], year=2024, n=1)

    assert stats.on == D(2024, 12, 31)
    assert stats.registered == 3  # m4, m6, m7
    threshold = stats.units_with_at_least_n_effective
    assert (threshold.level, threshold.numerator, threshold.denominator) == (
        "district",
        1,
        9,  # "1/9 huyện có ít nhất 1 mô hình hiệu quả"
    )
    tram_tau = unit(stats, "Huyện Trạm Tấu")
    assert (tram_tau.registered, tram_tau.effective) == (2, 1)  # m4 (Pá Lau), m6
    communes = (
        Area.objects.in_force(D(2024, 12, 31))
        .filter(level=Area.Level.COMMUNE)
        .subtree(tree["yen_bai"].path)
    )
    assert stats.communes_total == communes.count() > 100
    assert stats.communes_with_model == 1  # xã Pá Lau


def test_country_counts_each_model_for_one_province(tree, register_book):
    stats = model_statistics(n=5)

    assert stats.registered == 8
    threshold = stats.units_with_at_least_n_effective
    assert (threshold.level, threshold.denominator) == ("province", 34)
    lao_cai = unit(stats, "Tỉnh Lào Cai")
    # m6 (district abolished into the province) and m7 (Yên Bái) come along.
    assert (lao_cai.registered, lao_cai.effective) == (8, 5)
    assert threshold.numerator == 1
    assert stats.communes_total == 3321
    assert stats.communes_with_model == 2


def test_period_counts_registrations_and_judgements_up_to_its_end(tree, register_book):
    m = register_book["m"]
    submitted = {
        1: at(D(2026, 2, 10)),
        2: at(D(2026, 8, 1)),
        3: at(D(2026, 6, 30), 23, 30),  # local time: still in the first half
        5: at(D(2026, 3, 1)),
        8: at(D(2026, 7, 1), 0, 10),
    }
    for i, when in submitted.items():
        Initiative.objects.filter(pk=m[i].pk).update(submitted_at=when)
    half = (D(2026, 1, 1), D(2026, 6, 30))

    stats = model_statistics(area=tree["province"], period=half, n=1)

    assert stats.registered == 3  # m1, m3, m5
    # m1 was evaluated today (after the period), m5 on 1/5: only m5 counts.
    assert stats.effective == 1
    assert stats.by_classification["unevaluated"] == 2
    assert stats.money_vnd == 100_000_000  # mobilized totals as recorded
    assert stats.units_with_at_least_n_effective.numerator == 1  # xã Hạnh Phúc
    assert stats.on == D(2026, 6, 30)
    assert stats.commended == 0

    m2 = model_statistics(
        area=tree["province"], period=(D(2026, 8, 1), D(2026, 11, 30))
    )
    assert (m2.registered, m2.commended) == (1, 1)
    assert m2.commended_by_form["bang_khen"] == 1
    early = model_statistics(
        area=tree["province"], period=(D(2026, 8, 1), D(2026, 9, 30))
    )
    assert (early.registered, early.commended) == (1, 0)  # commended on 15/10


def test_user_sees_only_their_share(tree, users, register_book):
    sibling = model_statistics(area=tree["province"], year=2026, user=users["sibling"])
    assert sibling.registered == 1  # m5
    commune = model_statistics(area=tree["province"], user=users["commune"])
    assert commune.registered == 5  # m1 m2 m3 m4 m8: the commune and Pá Lau


def test_body_counts_its_own_and_its_predecessors_models(tree, register_book):
    old_board = units.create_body(
        actor=system_actor(),
        name="Ban Dân vận Huyện ủy Trạm Tấu",
        kind=Body.Kind.PARTY_BOARD,
        area=tree["old_district"],
        valid_to=D(2025, 6, 30),
    )
    register(tree["old_district"], "Tổ dân vận khéo", year=2024, body=old_board)
    party = register_book["party"]
    units.record_body_change(
        actor=system_actor(),
        kind=ChangeEvent.Kind.ABOLISH,
        date=D(2025, 7, 1),
        predecessors=[old_board],
        successors=[party],
    )

    stats = model_statistics(body=party)
    assert stats.registered == 1
    assert (stats.bodies_total, stats.bodies_with_model) == (1, 1)

    province = model_statistics(area=tree["province"])
    assert province.registered == 9
    # school (m8) and the Party committee (through the former board) of three.
    assert (province.bodies_total, province.bodies_with_model) == (3, 2)

    school = model_statistics(body=register_book["school"])
    assert school.registered == 1
    assert school.area_id is None
    assert school.communes_total == 1  # the school's commune


def test_empty_register_gives_zeros_not_errors(tree):
    stats = model_statistics(area=tree["village"], year=2026)
    assert stats.registered == 0
    assert stats.communes_share is None
    assert stats.units_with_at_least_n_effective.denominator == 0
    assert stats.units_with_at_least_n_effective.level == ""


def test_bad_arguments_are_refused(tree):
    with pytest.raises(ValueError, match="n must"):
        model_statistics(area=tree["commune"], n=0)
    with pytest.raises(ValueError, match="period"):
        model_statistics(period=(D(2026, 2, 1), D(2026, 1, 1)))


def test_query_count_does_not_grow_with_the_register(
    tree, register_book, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        model_statistics(area=tree["province"], year=2026)


def test_command_prints_the_figures_as_json(tree, register_book):
    out = StringIO()
    call_command(
        "models", "stats", "--area", "15", "--year", "2026", "--n", "2", stdout=out
    )
    data = json.loads(out.getvalue())
    for key in (
        "registered",
        "registered_by_field",
        "communes_total",
        "communes_with_model",
        "units_with_at_least_n_effective",
        "money_vnd",
        "working_days",
        "commended",
        "replications",
    ):
        assert key in data
    assert data["area"]["name"] == "Tỉnh Lào Cai"
    assert data["registered"] == 5
    assert data["units_with_at_least_n_effective"]["n"] == 2
    assert data["units_with_at_least_n_effective"]["numerator"] == 1
    assert data["units_with_at_least_n_effective"]["denominator"] == 99

    # Code 15 in 2024 is tỉnh Yên Bái: the year resolves the code.
    out = StringIO()
    call_command("models", "stats", "--area", "15", "--year", "2024", stdout=out)
    data = json.loads(out.getvalue())
    assert data["area"]["name"] == "Tỉnh Yên Bái"
    assert data["registered"] == 3

    # --on chooses the area and the day its units count: tỉnh Lào Cai's 2024.
    out = StringIO()
    call_command(
        "models",
        "stats",
        "--area",
        "15",
        "--year",
        "2024",
        "--on",
        "2025-07-01",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["area"]["name"] == "Tỉnh Lào Cai"
    assert data["registered"] == 3
    assert data["communes_with_model"] == 1  # xã Trạm Tấu, through xã Pá Lau


def test_command_refuses_an_unknown_code(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No area"):
        call_command("models", "stats", "--area", "99999", "--year", "2026")
