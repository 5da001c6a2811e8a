"""The meeting page's reads compiled once (common.compiled.KeyedQuery) give what the
ORM gives: the same rows, in order, their joined rows and values converted,
whatever the keys; a query with parameters of its own is built every time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.common.actors import system_actor
from danvan.common.compiled import KeyedQuery
from danvan.meetings import services, views
from danvan.units.models import Person

pytestmark = pytest.mark.django_db


def _rows(objs, *related):
    return [
        (
            o.pk,
            {f.attname: getattr(o, f.attname) for f in o._meta.concrete_fields},
            [str(getattr(o, name)) for name in related],
        )
        for o in objs
    ]


def test_compiled_reads_give_what_the_orm_gives(concluded, people, users):
    services.update_meeting(
        actor=system_actor(),
        meeting=concluded,
        secretary=people["front_head"],
        attendees=[people["chair"], people["front_head"], people["stranger"]],
    )
    for _twice in range(2):
        attendees = views._ATTENDEES(concluded.pk)
        assert _rows(attendees, "area") == _rows(
            concluded.attendees.select_related("area").order_by("search_name"),
            "area",
        )
        keys = [concluded.chair_id, concluded.secretary_id]
        assert sorted(_rows(views._OFFICERS(*keys), "area")) == sorted(
            _rows(Person.objects.filter(pk__in=keys).select_related("area"), "area")
        )
        assert _rows(views._OFFICERS(keys[0]), "area") == _rows(
            Person.objects.filter(pk=keys[0]).select_related("area"), "area"
        )
    assert views._PAPERS(concluded.pk) == []
    assert views._ATTENDEES(-5) == []
    with CaptureQueriesContext(connection) as queries:
        views._ATTENDEES(concluded.pk)
    assert len(queries) == 1


def test_a_query_with_parameters_of_its_own_is_built_every_time(people):
    name = people["chair"].full_name
    named = KeyedQuery(lambda *keys: Person.objects.filter(pk__in=keys, full_name=name))
    assert [p.pk for p in named(people["chair"].pk, people["stranger"].pk)] == [
        people["chair"].pk
    ]
    assert list(named._compiled.values()) == [None]


def test_a_meeting_key_out_of_range_is_not_found(client, users):
    client.force_login(users["province"])
    for key in (2**31, 2**63 - 1, 2**63, 10**20):
        assert client.get(f"/meetings/{key}/").status_code == 404, key
