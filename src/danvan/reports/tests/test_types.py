"""Report types and their outlines: the services (every value checked,
nothing half-saved, rights of the owner body's editors, audited) and the
schedule (writers, span, deadline) shared with the figures' forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from danvan.common.actors import system_actor
from danvan.common.audit import history_for
from danvan.datasets import periods as cutoffs
from danvan.datasets import reporters as form_reporters
from danvan.datasets.models import Period, ReportForm
from danvan.datasets.services import catalogue
from danvan.reports import schedule
from danvan.reports.exceptions import ReportError
from danvan.reports.models import OutlineSection, ReportType, Source
from danvan.reports.outline import DEFAULT_OUTLINE, Part
from danvan.reports.services import types as services
from danvan.units import services as units
from danvan.units.models import Body

D = dt.date


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def bodies(tree):
    def body(name, area, kind=Body.Kind.PARTY_COMMITTEE, parent=None):
        return units.create_body(
            actor=system_actor(), name=name, kind=kind, area=area, parent=parent
        )

    province = body("Tỉnh ủy Lào Cai", tree["province"])
    return {
        "province": province,
        "board": body(
            "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
            tree["province"],
            Body.Kind.PARTY_BOARD,
            parent=province,
        ),
        "commune": body("Đảng ủy xã Trạm Tấu", tree["commune"]),
        "sibling": body("Đảng ủy xã Hạnh Phúc", tree["sibling"]),
        "front": body("Ủy ban MTTQ Việt Nam xã Trạm Tấu", tree["commune"], "front"),
    }


def _make(actor, bodies, tree, **kw):
    values = {
        "code": "bc-dv-quy-xa",
        "name": "Báo cáo công tác dân vận quý của xã",
        "period_type": "quarter",
        "owner_body": bodies["province"],
        "area": tree["province"],
        "reporter_level": "commune",
        "reporter_kinds": ["party_committee"],
    }
    values.update(kw)
    return services.create_report_type(actor=actor, **values)


@pytest.fixture
def report_type(bodies, tree):
    return _make(system_actor(), bodies, tree)


def _outline(report_type):
    return list(report_type.outline.order_by("order").values_list("key", flat=True))


# --- creating a type ----------------------------------------------------------------


def test_a_new_type_takes_the_default_outline(report_type):
    sections = list(report_type.outline.order_by("order"))
    assert [s.key for s in sections] == [part.key for part in DEFAULT_OUTLINE]
    assert [s.order for s in sections] == list(range(1, len(DEFAULT_OUTLINE) + 1))
    dvk = next(s for s in sections if s.key == "dvk")
    assert dvk.level == 2
    assert dvk.title == "Phong trào thi đua “Dân vận khéo”"
    assert dvk.fills == [Source.DVK.value, Source.FIGURES.value]
    assert "DVK_MH_DANG_KY" in dvk.indicators
    committee = next(s for s in sections if s.key == "committee")
    assert committee.body_kinds == ["party_committee", "party_board"]
    assert report_type.subject == "Kết quả thực hiện công tác dân vận {period}"
    assert report_type.signer_capacity == "T/M BAN THƯỜNG VỤ"
    assert report_type.cutoff_day == 15
    assert report_type.deadline_days == 5


def test_a_type_may_have_its_own_outline_and_forms(users, bodies, tree):
    form = catalogue.create_form(
        actor=system_actor(),
        code="test-bc-quy",
        name="Báo cáo số liệu quý",
        owner_body=bodies["province"],
        area=tree["province"],
        period_type="quarter",
        reporter_level="commune",
        reporter_kinds=["party_committee"],
    )
    report_type = _make(
        users["province"],
        bodies,
        tree,
        outline=[Part("tinh-hinh", "Tình hình"), Part("ket-qua", "Kết quả", level=2)],
        forms=[form, form],
        recipients="  Ban Dân vận Tỉnh ủy \n\n Lưu VP ",
        layout="party",
    )
    assert _outline(report_type) == ["tinh-hinh", "ket-qua"]
    assert list(report_type.forms.all()) == [form]
    assert report_type.recipients == "Ban Dân vận Tỉnh ủy\nLưu VP"
    assert history_for(report_type, user=users["province"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "BC Quý!"}, "chữ thường"),
        ({"name": "   "}, "cần có tên"),
        ({"cutoff_day": 31}, "từ 1 đến 28"),
        ({"cutoff_day": 0}, "từ 1 đến 28"),
        ({"cutoff_day": "mười lăm"}, "từ 1 đến 28"),
        ({"deadline_days": 91}, "từ 0 đến 90"),
        ({"period_type": "week"}, "loại kỳ"),
        ({"reporter_kinds": []}, "loại cơ quan"),
        ({"reporter_kinds": ["castle"]}, "loại cơ quan"),
        ({"reporter_level": "galaxy"}, "cấp"),
        ({"layout": "poster"}, "thể thức"),
        ({"subject": "Kết quả {quy}"}, "{period}"),
        ({"outline": []}, "ít nhất một mục"),
        ({"outline": [Part("a", "A"), Part("a", "B")]}, "“a”"),
        ({"outline": [Part("Sai Khoá", "A")]}, "Sai Khoá"),
        ({"outline": [Part("a", "")]}, "tiêu đề"),
        ({"outline": [Part("a", "A", level=3)]}, "cấp 1 hoặc 2"),
        ({"outline": [Part("a", "A", fills=["gossip"])]}, "gossip"),
    ],
)
def test_bad_values_are_refused_in_vietnamese_and_nothing_is_saved(
    bodies, tree, changes, message
):
    before = (ReportType.objects.count(), OutlineSection.objects.count())
    with pytest.raises(ReportError) as refused:
        _make(system_actor(), bodies, tree, **changes)
    assert message.lower() in refused.value.message.lower()
    assert (ReportType.objects.count(), OutlineSection.objects.count()) == before


def test_a_duplicate_code_is_refused(report_type, bodies, tree):
    with pytest.raises(ReportError, match="bc-dv-quy-xa"):
        _make(system_actor(), bodies, tree, code=" BC-DV-QUY-XA ")
    assert ReportType.objects.count() == 1


def test_only_editors_of_the_owner_body_issue_or_change_types(
    users, bodies, tree, report_type
):
    with pytest.raises(PermissionDenied):
        _make(users["commune"], bodies, tree, code="bc-khac")
    with pytest.raises(PermissionDenied):
        _make(
            users["viewer"], bodies, tree, code="bc-khac", owner_body=bodies["commune"]
        )
    # The commune's editor issues a type of its own Party committee.
    own = _make(
        users["commune"],
        bodies,
        tree,
        code="bc-thon",
        owner_body=bodies["commune"],
        area=tree["commune"],
        reporter_level="village",
    )
    assert services.may_edit_type(users["commune"], own)
    assert not services.may_edit_type(users["commune"], report_type)
    assert not services.may_edit_type(users["sibling"], own)
    assert services.may_edit_type(users["province"], own)
    with pytest.raises(PermissionDenied):
        services.update_report_type(
            actor=users["commune"], report_type=report_type, name="Đổi tên"
        )
    with pytest.raises(PermissionDenied):
        services.add_outline_section(
            actor=users["sibling"], report_type=own, title="Mục mới"
        )
    # Nor may one hand a type over to a body one does not edit.
    with pytest.raises(PermissionDenied):
        services.update_report_type(
            actor=users["commune"], report_type=own, owner_body=bodies["sibling"]
        )
    own.refresh_from_db()
    assert own.owner_body == bodies["commune"]


def test_updating_a_type_checks_again_and_keeps_the_rest(report_type, bodies, tree):
    actor = system_actor()
    other = _make(actor, bodies, tree, code="bc-khac", outline=[Part("a", "A")])
    with pytest.raises(ReportError, match="bc-khac"):
        services.update_report_type(
            actor=actor, report_type=report_type, code="bc-khac"
        )
    with pytest.raises(ReportError, match="28"):
        services.update_report_type(
            actor=actor, report_type=report_type, name="Tên mới", cutoff_day=29
        )
    report_type.refresh_from_db()
    assert report_type.name == "Báo cáo công tác dân vận quý của xã"
    services.update_report_type(
        actor=actor,
        report_type=report_type,
        name="  Báo cáo   dân vận quý ",
        cutoff_day=1,
        period_type="month",
    )
    report_type.refresh_from_db()
    assert report_type.name == "Báo cáo dân vận quý"
    assert (report_type.cutoff_day, report_type.period_type) == (1, "month")
    assert report_type.code == "bc-dv-quy-xa"
    assert other.code == "bc-khac"
    with pytest.raises(TypeError):
        services.update_report_type(actor=actor, report_type=report_type, colour="đỏ")


# --- the outline --------------------------------------------------------------------


def test_sections_are_added_changed_moved_and_removed(users, report_type):
    actor = users["province"]
    added = services.add_outline_section(
        actor=actor,
        report_type=report_type,
        title="Công tác dân tộc ở vùng cao",
        level=2,
        fills=["figures", "figures"],
        body_kinds=["front"],
        indicators=["dvk_mh_dang_ky", "DT_SO_CUOC"],
    )
    assert added.key == "cong-tac-dan-toc-o-vung-cao"
    assert added.fills == ["figures"]
    assert added.indicators == ["DVK_MH_DANG_KY", "DT_SO_CUOC"]
    assert _outline(report_type)[-1] == added.key
    services.move_outline_section(actor=actor, section=added, step="up")
    keys = _outline(report_type)
    assert keys[-2:] == [added.key, "proposals"]
    orders = list(report_type.outline.order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, len(keys) + 1))
    first = report_type.outline.get(key="situation")
    services.move_outline_section(actor=actor, section=first, step="up")  # stays
    assert _outline(report_type)[0] == "situation"
    services.update_outline_section(
        actor=actor, section=added, title="Công tác tôn giáo", key="ton-giao"
    )
    added.refresh_from_db()
    assert (added.title, added.key, added.level) == ("Công tác tôn giáo", "ton-giao", 2)
    services.remove_outline_section(actor=actor, section=added)
    assert "ton-giao" not in _outline(report_type)
    assert any(
        e for e in history_for(report_type, report_type.outline.all(), user=actor)
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "  "}, "tiêu đề"),
        ({"title": "Mới", "key": "situation"}, "“situation”"),
        ({"title": "Mới", "key": "có dấu"}, "có dấu"),
        ({"title": "Mới", "level": 0}, "cấp 1 hoặc 2"),
        ({"title": "Mới", "body_kinds": ["castle"]}, "castle"),
        ({"title": "Mới", "indicators": ["KHONG_CO_MA_NAY"]}, "KHONG_CO_MA_NAY"),
        ({"title": "Mới", "indicators": ["9 lỗi"]}, "9 LỖI"),
    ],
)
def test_bad_sections_are_refused(report_type, values, message):
    keys = _outline(report_type)
    with pytest.raises(ReportError) as refused:
        services.add_outline_section(
            actor=system_actor(), report_type=report_type, **values
        )
    assert message.lower() in refused.value.message.lower()
    assert _outline(report_type) == keys


def test_a_changed_section_keeps_its_key_unique_and_the_last_stays(bodies, tree):
    actor = system_actor()
    report_type = _make(
        actor, bodies, tree, outline=[Part("a", "A"), Part("b", "B")], code="bc-ab"
    )
    first, second = report_type.outline.order_by("order")
    with pytest.raises(ReportError, match="“b”"):
        services.update_outline_section(actor=actor, section=first, key="b")
    with pytest.raises(ReportError):
        services.update_outline_section(actor=actor, section=first, title="")
    first.refresh_from_db()
    assert (first.key, first.title) == ("a", "A")
    services.remove_outline_section(actor=actor, section=second)
    with pytest.raises(ReportError, match="ít nhất một mục"):
        services.remove_outline_section(actor=actor, section=first)
    assert _outline(report_type) == ["a"]
    with pytest.raises(ReportError):
        services.move_outline_section(actor=actor, section=first, step="sideways")  # type: ignore[arg-type]


# --- the schedule -------------------------------------------------------------------


def test_writers_follow_the_rule_like_a_forms_reporters(report_type, bodies, tree):
    period = Period.objects.of("quarter", 2026, 1)
    writers = list(schedule.reporters(report_type, period))
    assert writers == [bodies["sibling"], bodies["commune"]] or writers == [
        bodies["commune"],
        bodies["sibling"],
    ]
    assert bodies["front"] not in writers
    assert list(schedule.reporters(report_type, period, under=tree["commune"])) == [
        bodies["commune"]
    ]
    services.update_report_type(
        actor=system_actor(), report_type=report_type, reporter_name="hanh phuc"
    )
    report_type.refresh_from_db()
    assert list(schedule.reporters(report_type, period)) == [bodies["sibling"]]
    # The same rule through the figures' function: a form and a type agree.
    form = ReportForm(
        area=report_type.area,
        reporter_level=report_type.reporter_level,
        reporter_kinds=report_type.reporter_kinds,
        reporter_name=report_type.reporter_name,
    )
    assert list(form_reporters.reporters(form, period)) == [bodies["sibling"]]


@pytest.mark.parametrize(
    ("period_type", "number", "cutoff", "span", "due"),
    [
        ("quarter", 1, 15, (D(2025, 12, 15), D(2026, 3, 14)), D(2026, 3, 19)),
        ("quarter", 1, 1, (D(2026, 1, 1), D(2026, 3, 31)), D(2026, 4, 5)),
        ("9m", None, 15, (D(2025, 12, 15), D(2026, 9, 14)), D(2026, 9, 19)),
        ("year", None, 15, (D(2025, 12, 15), D(2026, 12, 14)), D(2026, 12, 19)),
        ("month", 3, 20, (D(2026, 2, 20), D(2026, 3, 19)), D(2026, 3, 24)),
    ],
)
def test_span_and_deadline_follow_the_cutoff(
    bodies, tree, period_type, number, cutoff, span, due
):
    report_type = _make(
        system_actor(), bodies, tree, period_type=period_type, cutoff_day=cutoff
    )
    period = Period.objects.of(period_type, 2026, number)
    assert schedule.span(report_type, period) == span
    assert schedule.due_on(report_type, period) == due
    assert cutoffs.form_cutoff(report_type, period) == span


def test_new_reports_take_the_new_outline_and_opened_ones_keep_theirs(
    report_type, bodies
):
    from danvan.reports.services.reports import open_report

    actor = system_actor()
    first = open_report(
        actor=actor,
        report_type=report_type,
        period=Period.objects.of("quarter", 2026, 1),
        body=bodies["commune"],
    )
    before = list(first.sections.order_by("order").values_list("key", flat=True))
    assert before == [part.key for part in DEFAULT_OUTLINE]
    services.add_outline_section(
        actor=actor, report_type=report_type, title="Công tác tôn giáo", key="ton-giao"
    )
    services.remove_outline_section(
        actor=actor, section=report_type.outline.get(key="armed")
    )
    services.update_outline_section(
        actor=actor,
        section=report_type.outline.get(key="situation"),
        title="Tình hình tư tưởng Nhân dân",
    )
    second = open_report(
        actor=actor,
        report_type=report_type,
        period=Period.objects.of("quarter", 2026, 2),
        body=bodies["commune"],
    )
    keys = list(second.sections.order_by("order").values_list("key", flat=True))
    assert "ton-giao" in keys
    assert "armed" not in keys
    assert second.sections.get(key="situation").title == "Tình hình tư tưởng Nhân dân"
    assert (
        list(first.sections.order_by("order").values_list("key", flat=True)) == before
    )
    assert first.sections.get(key="situation").title == "Tình hình Nhân dân"
