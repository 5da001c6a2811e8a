"""Body choices name the bodies in force on the row's date, told apart when two
share a name, and a row dated when its body was not in force is refused."""

import datetime as dt
from typing import cast

import pytest
from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents.forms import DocumentForm
from danvan.documents.models import Document
from danvan.units import services as units
from danvan.units.choices import BodyChoiceField, body_label
from danvan.units.models import Body

pytestmark = pytest.mark.django_db
NAME = "Ban Dân vận Đảng ủy xã Trạm Tấu"


@pytest.fixture
def old_and_new(tree):
    """A board dissolved on 30/06/2025 and its successor of the same name."""

    def board(**validity):
        return units.create_body(
            actor=system_actor(),
            name=NAME,
            kind=Body.Kind.PARTY_BOARD,
            area=tree["commune"],
            **validity,
        )

    old = board(valid_to=dt.date(2025, 6, 30))
    new = board(valid_from=dt.date(2025, 7, 1))
    return old, new


def test_the_issuer_list_offers_the_body_of_the_date_told_apart(
    tree, users, old_and_new
):
    old, new = old_and_new
    form = DocumentForm(
        user=users["commune"], initial={"issued_on": dt.date(2026, 1, 5)}
    )
    choices = cast(BodyChoiceField, form.fields["issuer_body"]).choices
    assert isinstance(choices, ModelChoiceIterator)
    offered = dict(choices)
    assert new.pk in {getattr(pk, "value", pk) for pk in offered}
    assert old.pk not in {getattr(pk, "value", pk) for pk in offered}
    assert body_label(old) == f"{NAME} — {old.area.full_name} (đến 30/06/2025)"
    assert body_label(new).endswith("(từ 01/07/2025)")

    earlier = DocumentForm(
        user=users["commune"], initial={"issued_on": dt.date(2024, 3, 1)}
    )
    choices = cast(BodyChoiceField, earlier.fields["issuer_body"]).choices
    assert isinstance(choices, ModelChoiceIterator)
    offered_earlier = {getattr(pk, "value", pk) for pk, _ in choices}
    assert old.pk in offered_earlier
    assert new.pk not in offered_earlier


def test_a_2026_document_under_a_dissolved_body_is_refused(
    client, tree, users, old_and_new
):
    old, new = old_and_new
    client.force_login(users["commune"])
    data = {
        "symbol_text": "Số: 12-KH/BDV",
        "issued_on": "05/01/2026",
        "title": "Kế hoạch công tác dân vận năm 2026",
        "issuer_body": old.pk,
        "status": "in_force",
        "area": tree["commune"].pk,
    }
    refused = client.post(reverse("documents:create"), data)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "không hoạt động vào ngày 05/01/2026" in page
    assert not Document.objects.exists()

    kept = client.post(reverse("documents:create"), {**data, "issuer_body": new.pk})
    assert kept.status_code == 302
    assert Document.objects.get().issuer_body == new


def test_a_meeting_of_a_dissolved_body_after_its_end_is_refused(users, old_and_new):
    from danvan.meetings.forms import MeetingForm

    old, new = old_and_new
    values = {
        "convening_body": old.pk,
        "kind": "giao_ban",
        "title": "Giao ban công tác dân vận tháng 11/2026",
        "held_on": "04/12/2026",
    }
    field = MeetingForm(user=users["commune"]).fields["convening_body"]
    offered = cast("forms.ModelChoiceField[Body]", field).queryset
    assert offered is not None
    assert new in offered
    assert old not in offered
    form = MeetingForm(values, user=users["commune"])
    assert not form.is_valid()
    assert "không hoạt động vào ngày 04/12/2026" in form.errors["convening_body"][0]
    form = MeetingForm({**values, "convening_body": new.pk}, user=users["commune"])
    assert form.is_valid(), form.errors


def test_a_model_is_registered_only_by_a_body_of_its_dates(users, old_and_new):
    from danvan.initiatives.forms import InitiativeForm

    old, new = old_and_new
    field = InitiativeForm(user=users["commune"]).fields["body"]
    offered = cast("forms.ModelChoiceField[Body]", field).queryset
    assert offered is not None
    assert new in offered
    assert old not in offered
