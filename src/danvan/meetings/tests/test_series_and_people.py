"""Series and people are chosen, not typed: a typo neither starts a series
that loses the open tasks nor makes a twin of a person."""

import datetime as dt
from typing import cast

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.forms import MeetingForm, SeriesChoiceField
from danvan.meetings.models import Meeting, MeetingSeries
from danvan.units.models import Person

pytestmark = pytest.mark.django_db
D = dt.date


def data(bodies, **fields):
    values = {
        "convening_body": bodies["commune"].pk,
        "kind": "giao_ban",
        "title": "Giao ban công tác dân vận tháng 11/2026",
        "held_on": "2026-12-04",
    }
    values.update(fields)
    return values


@pytest.fixture
def khoi(make_meeting, bodies):
    """A named series with an open task: "Giao ban khối dân vận"."""
    meeting = make_meeting(series_name="Giao ban khối dân vận", held_on=D(2026, 11, 5))
    services.create_task(
        actor=system_actor(),
        meeting=meeting,
        title="Rà soát hương ước thôn Mới",
        owner_body=bodies["front"],
    )
    return meeting.series


def offered_series(form: MeetingForm) -> list[MeetingSeries]:
    field = cast(SeriesChoiceField, form.fields["series"])
    assert field.queryset is not None
    return list(field.queryset)


def test_the_form_offers_the_series_of_the_users_bodies(users, khoi, bodies):
    form = MeetingForm(user=users["commune"])
    offered = offered_series(form)
    assert khoi in offered
    other = MeetingSeries.objects.create(
        name="Giao ban", body=bodies["sibling"], kind="giao_ban", search_name="giao ban"
    )
    assert other not in offered_series(MeetingForm(user=users["commune"]))


def test_a_chosen_series_carries_its_open_tasks(client, users, bodies, khoi):
    client.force_login(users["commune"])
    response = client.post(reverse("meetings:create"), data(bodies, series=khoi.pk))
    assert response.status_code == 302
    meeting = Meeting.objects.get(held_on=D(2026, 12, 4))
    assert meeting.series == khoi
    titles = [t.title for t in services.carried_forward(meeting)]
    assert titles == ["Rà soát hương ước thôn Mới"]


def test_a_new_series_like_an_existing_one_is_questioned(client, users, bodies, khoi):
    client.force_login(users["commune"])
    typo = data(bodies, new_series="Giao ban khoi dan vânn")
    response = client.post(reverse("meetings:create"), typo)
    errors = response.context["form"].errors
    assert "“Giao ban khối dân vận”" in errors["new_series"][0]
    assert not Meeting.objects.filter(held_on=D(2026, 12, 4)).exists()
    response = client.post(
        reverse("meetings:create"), {**typo, "new_series_confirmed": "on"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(held_on=D(2026, 12, 4))
    assert meeting.series != khoi
    assert meeting.series.name == "Giao ban khoi dan vânn"


def test_the_same_name_without_accents_is_the_same_series(users, bodies, khoi):
    form = MeetingForm(
        data(bodies, new_series="giao ban khoi dan van"), user=users["commune"]
    )
    assert form.is_valid(), form.errors
    meeting = services.create_meeting(
        actor=users["commune"], **form.service_arguments()
    )
    assert meeting.series == khoi


def test_a_series_of_another_body_or_kind_is_refused(users, bodies, khoi):
    form = MeetingForm(
        data(bodies, kind="so_ket", series=khoi.pk), user=users["commune"]
    )
    assert "series" in form.errors


def test_a_new_person_is_made_only_explicitly_and_never_twice(
    client, users, bodies, people
):
    client.force_login(users["commune"])
    twin = data(bodies, new_attendees="Giàng A Sử")
    response = client.post(reverse("meetings:create"), twin)
    assert "Giàng A Sử" in str(response.context["form"].errors)
    as_guest = data(bodies, guests="Giang A Su, Chủ tịch MTTQ")
    response = client.post(reverse("meetings:create"), as_guest)
    assert "guests" in response.context["form"].errors
    assert Person.objects.filter(full_name="Giàng A Sử").count() == 1

    new = data(
        bodies, attendees=[people["front_head"].pk], new_attendees="Sùng A Páo\n"
    )
    assert client.post(reverse("meetings:create"), new).status_code == 302
    meeting = Meeting.objects.get(held_on=D(2026, 12, 4))
    made = Person.objects.get(full_name="Sùng A Páo")
    assert made.area == bodies["commune"].area
    assert set(meeting.attendees.all()) == {people["front_head"], made}


def test_a_person_is_listed_once(make_meeting, people, users, bodies):
    meeting = make_meeting()
    form = MeetingForm(
        data(bodies, attendees=[people["front_head"].pk, people["front_head"].pk]),
        user=users["commune"],
    )
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["attendees"]) == [people["front_head"]]
    through = Meeting.attendees.through
    through.objects.create(meeting=meeting, person=people["front_head"])
    with pytest.raises(IntegrityError), transaction.atomic():
        through.objects.create(meeting=meeting, person=people["front_head"])


def test_a_chair_who_is_a_person_is_chosen_not_typed(users, bodies, people):
    typed = data(bodies, chair_name="đồng chí Nguyễn Văn Minh, Phó Bí thư")
    form = MeetingForm(typed, user=users["commune"])
    assert "chair" in form.errors
    chosen = {**typed, "chair": people["chair"].pk}
    assert MeetingForm(chosen, user=users["commune"]).is_valid()
    outsider = data(bodies, chair_name="đồng chí Trần Văn Khách, Thứ trưởng")
    assert MeetingForm(outsider, user=users["commune"]).is_valid()
