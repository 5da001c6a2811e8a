"""The unit services check the acting user themselves: without the editor role
over the unit nothing is added; the system actor (commands, demo) is accepted
and the audit names it, not an anonymous nobody."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from danvan.common.actors import system_actor
from danvan.common.audit import person_name
from danvan.units import services
from danvan.units.models import Area, Body, Person, Position

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Area, Body, Person, Position, LogEntry))


@pytest.mark.parametrize("who", ["viewer", "sibling", "village"])
def test_writes_without_the_editor_role_are_refused(tree, users, who):
    commune = tree["commune"]
    system = system_actor()
    body = services.create_body(
        actor=system,
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=commune,
    )
    person = services.create_person(actor=system, full_name="Lò Văn A", area=commune)
    actor = users[who]
    before = _counts()
    writes = [
        lambda: services.create_village(actor=actor, commune=commune, name="Mới"),
        lambda: services.create_body(
            actor=actor, name="Ủy ban MTTQ xã", kind=Body.Kind.FRONT, area=commune
        ),
        lambda: services.create_person(actor=actor, full_name="Lò Thị B", area=commune),
        lambda: services.appoint(actor=actor, person=person, body=body, title="Bí thư"),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert _counts() == before


def test_the_system_actor_cannot_sign_in_and_is_named_system(tree):
    system = system_actor()
    person = services.create_person(
        actor=system, full_name="Lò Văn C", area=tree["commune"]
    )
    entry = LogEntry.objects.get_for_object(person).get()
    assert entry.actor == system
    assert person_name(entry.actor) == person_name(None)
    assert system_actor() == system  # one account, made once
    assert not system.is_active
    assert not system.has_usable_password()


def test_demo_writes_are_recorded_as_the_system(db):
    from django.contrib.contenttypes.models import ContentType

    from danvan.units.demo import load_demo

    load_demo()
    entries = LogEntry.objects.filter(
        content_type__in=ContentType.objects.get_for_models(Body, Person).values()
    )
    assert entries.count() > 10
    actors = set(entries.values_list("actor__username", flat=True))
    assert actors == {system_actor().username}
