"""The demo register: loaded once over the demo units, scoped like real data."""

import datetime as dt

import pytest

from danvan.accounts.models import User
from danvan.documents import demo
from danvan.documents.models import Document, ReviewPoint, Term
from danvan.documents.queries import due_reviews, implementation_tree
from danvan.units.demo import load_demo as load_units

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def loaded():
    load_units()
    demo.load_demo()


def test_demo_is_loaded_once(loaded):
    counts = (
        Document.objects.count(),
        Term.objects.count(),
        ReviewPoint.objects.count(),
    )
    demo.load_demo()
    assert (
        Document.objects.count(),
        Term.objects.count(),
        ReviewPoint.objects.count(),
    ) == counts
    assert counts[0] > 20


def test_demo_does_nothing_without_the_demo_units(db):
    demo.load_demo()
    assert not Document.objects.exists()


def test_demo_register_reads_as_expected(loaded):
    province = User.objects.get(username="tinh.laocai")
    mine = Document.objects.visible_to(province)
    assert mine.filter(number="09", symbol="CT/TU").exists()
    assert not mine.filter(area__code="37").exists()  # Ninh Bình's register
    # Own documents numbered since the reform, per term for the Party.
    assert (
        Document.objects.get(
            issuer_body__name="Đảng ủy xã Trạm Tấu", kind="ke_hoach"
        ).reference
        == "01-KH/ĐU"
    )
    warned = Document.objects.get(symbol="Chương trình hành động 190")
    assert warned.symbol_warning
    # One copy per province: the former province holds what predates the reform.
    assert Document.objects.filter(number="217", symbol="QĐ/TW").count() == 2

    central = mine.get(number="215", area__code="15", area__valid_from=D(2025, 7, 1))
    tree = implementation_tree(document=central, documents=mine)
    assert [n.document.reference for n in tree.flatten()] == [
        "01-KH/TU",
        "01-HD/BTGDVTU",
        "01-KH/ĐU",
        "01/KH-UBND",
    ]
    commune = User.objects.get(username="xa.tramtau")
    due = due_reviews(
        points=ReviewPoint.objects.visible_to(commune), months=12, today=D(2026, 1, 1)
    )
    assert [p.title for p in due] == ["Sơ kết 6 tháng"]
    overdue = due_reviews(
        points=ReviewPoint.objects.visible_to(province), months=0, today=D(2021, 5, 1)
    )
    assert "09-CT/TU" in [p.document.reference for p in overdue]
