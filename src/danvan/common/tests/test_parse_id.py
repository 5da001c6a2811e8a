"""Ids and years in query strings: anything but ASCII digits names no row."""

import pytest
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.common.text import parse_id
from danvan.units import services as units
from danvan.units.models import Body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        (3, 3),
        ("²", None),
        ("٣", None),
        ("", None),
        (None, None),
        ("-1", None),
        ("1" * 19, None),
        ("1" * 18, int("1" * 18)),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "path",
    [
        reverse("meetings:create") + "?after=²",
        reverse("initiatives:review") + "?year=²",
        "/api/v1/documents/?year=²&area=²",
        "/api/v1/documents/?year=99999",
        "/api/v1/tasks/?meeting=²",
        "/api/v1/initiatives/similar/?area=²&year=²&name=x",
    ],
)
def test_odd_digits_in_a_query_string_are_ignored_not_a_500(client, tree, users, path):
    # A body to record meetings of: the meeting form opens for the user.
    units.create_body(
        actor=system_actor(),
        name="Tỉnh ủy",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["province"],
    )
    client.force_login(users["province"])
    response = client.get(path)
    assert response.status_code in (200, 400)
