"""The demo plans load once, fast, on the demo units and documents: the 2020
cascade of Yên Bái modelled on Kế hoạch 106-KH/HU."""

import pytest

from danvan.documents import demo as documents_demo
from danvan.documents.models import Document, DocumentRelation
from danvan.plans import demo, services
from danvan.plans.models import Plan, PlanTask, Progress, Target
from danvan.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_plans_load_once_and_fast():
    demo.load_demo()  # without the demo units: nothing, no error
    assert not Plan.objects.exists()
    units_demo.load_demo()
    documents_demo.load_demo()
    documents = Document.objects.count()
    demo.load_demo()
    demo.load_demo()
    assert Plan.objects.count() == 4
    district = Plan.objects.get(document__number="106", document__symbol="KH/HU")
    # The register's documents are linked, never copied: only the communes'.
    assert Document.objects.count() == documents + 2
    counts = [
        (g.targets.count(), g.tasks.count()) for g in district.groups.order_by("order")
    ]
    assert counts == [(31, 0), (7, 12), (0, 29), (0, 34)]
    assert [g.targets.count() + g.tasks.count() for g in district.groups.all()] == [
        31,
        19,
        29,
        34,
    ]
    province = district.parent
    assert province is not None
    assert province.body.name == "Tỉnh ủy Yên Bái"
    communes = Plan.objects.filter(parent=district)
    assert {p.body.name for p in communes} == {
        "Đảng ủy xã Pá Lau",
        "Đảng ủy thị trấn Trạm Tấu",
    }
    # Every commune document implements the district's in the register.
    for plan in communes:
        assert DocumentRelation.objects.filter(
            source=plan.document, target=district.document, kind="implements"
        ).exists()
    # Targets serve the level above; progress was recorded with verdicts.
    assert Target.objects.filter(plan__in=communes, serves__plan=district).count() == 10
    assert Progress.objects.filter(target__plan=district).exclude(verdict="").exists()
    summary = services.plan_summary(district)
    assert summary.total == 38
    assert summary.unjudged == 1
    assert summary.text().startswith("hoàn thành ")
    assert set(PlanTask.objects.values_list("status", flat=True)) >= {
        "done",
        "in_progress",
        "cancelled",
    }


def test_the_demo_cascade_is_read_from_todays_commune(client):
    """xã Trạm Tấu's editor (the commune that took in xã Pá Lau) reads Pá Lau's
    2020 plan, and up the tree the district's and the province's, changing
    neither; the district's page shows its summary and the communes' targets."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    units_demo.load_demo()
    documents_demo.load_demo()
    demo.load_demo()
    district = Plan.objects.get(document__number="106", document__symbol="KH/HU")
    user = get_user_model().objects.get(username="xa.tramtau")
    client.force_login(user)
    page = client.get(reverse("plans:plan_detail", args=[district.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "hoàn thành " in text
    assert "Xã Pá Lau" in text
    assert client.get(reverse("plans:plan_edit", args=[district.pk])).status_code == 403
    assert district.parent is not None
    province = client.get(reverse("plans:plan_detail", args=[district.parent.pk]))
    assert province.status_code == 200
