"""Review schedules (sơ kết, tổng kết) and the list of reviews falling due."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.models import ReviewPoint
from danvan.documents.queries import add_months, due_reviews

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def schedule(documents):
    directive = documents["directive"]  # 09-CT/TU of 19/4/2011
    interim = services.add_review_point(
        actor=system_actor(), document=directive, kind="so_ket", after_years=5
    )
    final = services.add_review_point(
        actor=system_actor(), document=directive, kind="tong_ket", after_years=10
    )
    return {"directive": directive, "interim": interim, "final": final}


def test_after_n_years_counts_from_the_date_of_issue(schedule):
    assert schedule["interim"].due_on == D(2016, 4, 19)
    assert schedule["final"].due_on == D(2021, 4, 19)
    assert str(schedule["final"].title) == "Tổng kết 10 năm"


def test_a_date_can_be_given_and_29_february_falls_on_28(tree, documents):
    point = services.add_review_point(
        actor=system_actor(),
        document=documents["plan"],
        kind="so_ket",
        due_on=D(2026, 6, 30),
        label="Sơ kết giữa nhiệm kỳ",
    )
    assert (point.due_on, point.title) == (D(2026, 6, 30), "Sơ kết giữa nhiệm kỳ")
    leap = services.register_document(
        actor=system_actor(),
        area=tree["commune"],
        symbol_text="03-CT/ĐU",
        issued_on=D(2024, 2, 29),
        title="Chỉ thị",
        issuer_name="Đảng ủy",
    )
    assert services.add_review_point(
        actor=system_actor(), document=leap, kind="so_ket", after_years=1
    ).due_on == D(2025, 2, 28)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)


def test_final_review_of_09_ct_tu_falls_due_in_2021(schedule):
    points = ReviewPoint.objects.all()
    in_early_2021 = due_reviews(points=points, months=6, today=D(2020, 11, 1))
    assert [p.title for p in in_early_2021] == [
        "Sơ kết 5 năm",  # overdue since 2016
        "Tổng kết 10 năm",
    ]
    in_2020 = due_reviews(points=points, months=3, today=D(2020, 1, 1))
    assert list(in_2020) == [schedule["interim"]]


def test_a_review_document_closes_the_point(tree, schedule):
    report = services.register_document(
        actor=system_actor(),
        area=tree["province"],
        symbol_text="412-BC/TU",
        issued_on=D(2021, 3, 30),
        title="Báo cáo tổng kết 10 năm thực hiện Chỉ thị số 09-CT/TU",
        issuer_name="Ban Thường vụ Tỉnh ủy",
    )
    services.complete_review_point(
        actor=system_actor(), point=schedule["interim"], done_on=D(2016, 5, 1)
    )
    services.relate_documents(
        actor=system_actor(),
        source=report,
        target=schedule["directive"],
        kind="reviews",
    )

    schedule["final"].refresh_from_db()
    assert schedule["final"].done_by_document == report
    assert schedule["final"].done_on == D(2021, 3, 30)
    assert not due_reviews(
        points=ReviewPoint.objects.all(), months=12, today=D(2021, 1, 1)
    ).exists()


def test_due_page_is_scoped_and_exported(client, users, schedule, documents):
    services.add_review_point(
        actor=system_actor(), document=documents["theirs"], kind="so_ket", after_years=1
    )
    services.add_review_point(
        actor=system_actor(), document=documents["plan"], kind="so_ket", after_years=1
    )

    client.force_login(users["province"])
    page = client.get(reverse("documents:due"))
    html = page.content.decode()
    assert len(page.context["page"]) == 4
    assert "09-CT/TU" in html
    assert "19/04/2021" in html

    client.force_login(users["commune"])
    mine = client.get(reverse("documents:due"))
    assert [p.document.reference for p in mine.context["page"]] == ["12-KH/ĐU"]
    rows = list(
        load_workbook(
            BytesIO(client.get(reverse("documents:due"), {"format": "xlsx"}).content)
        ).active.iter_rows(values_only=True)
    )
    assert len(rows) == 2
    assert rows[1][2] == "12-KH/ĐU"


def test_months_narrow_the_list(client, users, documents):
    services.add_review_point(
        actor=system_actor(),
        document=documents["plan"],
        kind="so_ket",
        due_on=D(2030, 1, 1),
    )
    client.force_login(users["commune"])
    assert len(client.get(reverse("documents:due")).context["page"]) == 0
    assert (
        len(client.get(reverse("documents:due"), {"months": 120}).context["page"]) == 1
    )


def test_review_points_through_the_page(client, users, documents):
    client.force_login(users["commune"])
    plan = documents["plan"]
    client.post(
        reverse("documents:review_add", args=[plan.pk]),
        {"kind": "so_ket", "after_years": 2},
    )
    point = plan.review_points.get()
    assert point.due_on == D(2027, 8, 4)
    client.post(
        reverse("documents:review_done", args=[plan.pk, point.pk]),
        {"done_on": "2027-07-01"},
    )
    point.refresh_from_db()
    assert point.done_on == D(2027, 7, 1)
