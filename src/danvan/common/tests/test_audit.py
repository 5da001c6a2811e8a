"""Every domain model is audited through one helper; bulk writes leave entries;
the change log reads as a person would say it."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.accounts.models import Membership, User
from danvan.common import audit
from danvan.common.actors import system_actor
from danvan.units import services as units
from danvan.units.models import Area, Body, Person

pytestmark = pytest.mark.django_db

# Concrete models of the danvan apps that are not audited, and why.
NOT_AUDITED = {
    # A counter of the numbers given; the numbered documents are audited.
    "documents.numbersequence",
    # A calendar span made on first use (type and dates, never changed); the
    # submissions naming it are audited.
    "datasets.period",
    # The saved texts of a report section: a history itself (the section's
    # saves are audited, without their text).
    "reports.sectionversion",
    # The log of who saw a petition's petitioners unmasked: a log itself.
    "petitions.identityview",
}


def test_every_domain_model_is_audited_or_says_why():
    models = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("danvan.") and not m._meta.abstract
    ]
    unaccounted = [
        m._meta.label_lower
        for m in models
        if not auditlog.contains(m) and m._meta.label_lower not in NOT_AUDITED
    ]
    assert unaccounted == []
    stale = NOT_AUDITED - {m._meta.label_lower for m in models}
    assert stale == set()


def test_never_audited_columns_are_left_out_everywhere():
    for model in auditlog.get_models():
        if not model.__module__.startswith("danvan."):
            continue
        excluded = set(auditlog.get_model_fields(model)["exclude_fields"])
        assert excluded >= audit.NEVER_AUDITED, model
        reverse = {
            f.name
            for f in model._meta.get_fields()
            if f.auto_created and not f.concrete
        }
        assert reverse <= excluded, model


def test_a_user_is_audited_without_password_or_sign_in_noise(tree):
    user = User.objects.create_user(
        username="lan", password="secret-pass-1", first_name="Lan", last_name="Trần"
    )
    user.last_login = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    user.set_password("another-pass-2")
    user.save()
    entries = LogEntry.objects.get_for_object(user)
    assert [e.action for e in entries] == [LogEntry.Action.CREATE]
    created = entries.get().changes_dict
    assert "password" not in created
    assert "last_login" not in created
    assert created["username"] == ["None", "lan"]
    membership = Membership.objects.create(user=user, area=tree["commune"])
    assert LogEntry.objects.get_for_object(membership).exists()


def test_create_all_logs_one_created_entry_per_row(tree):
    actor = system_actor()
    people = audit.create_all(
        [Person(full_name=f"Người {i}", area=tree["commune"]) for i in range(3)],
        actor=actor,
    )
    entries = LogEntry.objects.filter(
        object_pk__in=[str(p.pk) for p in people], content_type__model="person"
    )
    assert entries.count() == 3
    assert {e.action for e in entries} == {LogEntry.Action.CREATE}
    assert {e.actor for e in entries} == {actor}
    entry = entries.get(object_pk=str(people[0].pk))
    assert entry.changes_dict["full_name"] == [None, "Người 0"]
    assert "search_name" not in entry.changes_dict


def test_update_all_logs_the_rows_it_changed_with_old_and_new(tree, users):
    people = audit.create_all(
        [Person(full_name=f"Người {i}", area=tree["commune"]) for i in range(3)],
        actor=users["commune"],
    )
    queryset = Person.objects.filter(pk__in=[p.pk for p in people[:2]])
    count = audit.update_all(queryset, actor=users["commune"], note="Đã chuyển")
    assert count == 2
    changed = LogEntry.objects.filter(
        content_type__model="person", action=LogEntry.Action.UPDATE
    )
    assert sorted(int(e.object_pk) for e in changed) == sorted(p.pk for p in people[:2])
    assert changed.first().changes_dict == {"note": ["", "Đã chuyển"]}
    assert {e.actor for e in changed} == {users["commune"]}
    # A second, identical update changes nothing and logs nothing.
    audit.update_all(queryset, actor=users["commune"], note="Đã chuyển")
    assert changed.count() == 2


def test_queryset_delete_of_an_audited_model_is_logged_per_row(tree, users):
    people = audit.create_all(
        [Person(full_name=f"Người {i}", area=tree["commune"]) for i in range(2)],
        actor=users["commune"],
    )
    with audit.acting_as(users["commune"]):
        Person.objects.filter(pk__in=[p.pk for p in people]).delete()
    deleted = LogEntry.objects.filter(
        content_type__model="person", action=LogEntry.Action.DELETE
    )
    assert deleted.count() == 2
    assert {e.actor for e in deleted} == {users["commune"]}


def test_history_reads_in_vietnamese_with_names_not_ids(client, tree, users):
    users["commune"].first_name, users["commune"].last_name = "Văn Minh", "Nguyễn"
    users["commune"].save()
    person = Person.objects.create(full_name="Giàng A Sử", area=tree["commune"])
    with audit.acting_as(users["commune"]):
        person.note = "Trưởng thôn"
        person.save()
    history = audit.history_for(person, user=users["commune"])
    assert [e.action_name for e in history] == ["sửa", "tạo"]
    assert history[0].actor_name == "Nguyễn Văn Minh"
    assert history[1].actor_name == "Hệ thống"  # no actor: the system
    label = str(Person._meta.get_field("full_name").verbose_name)
    assert label != "full name"  # translated
    created = {c.label: c.new for c in history[1].changes}
    assert created[label] == "Giàng A Sử"
    # The area is named, not numbered; no id, no search key.
    assert created[str(Person._meta.get_field("area").verbose_name)] == str(
        tree["commune"]
    )
    assert not any(c.label.lower() in ("id", "search_name") for c in history[1].changes)
    assert {c.label: (c.old, c.new) for c in history[0].changes} == {
        str(Person._meta.get_field("note").verbose_name): ("", "Trưởng thôn")
    }
    for entry in history:
        for change in entry.changes:
            assert "None" not in (change.old, change.new)


def test_history_of_twenty_entries_takes_a_fixed_number_of_queries(
    tree, users, django_assert_max_num_queries
):
    person = Person.objects.create(full_name="Giàng A Sử", area=tree["commune"])
    bodies = list(Area.objects.filter(parent=tree["province"])[:3])
    with audit.acting_as(users["commune"]):
        for i in range(19):
            person.note = f"Lần {i}"
            person.area = bodies[i % len(bodies)] if bodies else tree["commune"]
            person.save()
    assert LogEntry.objects.get_for_object(person).count() == 20
    with django_assert_max_num_queries(6):
        history = audit.history_for(person, user=users["province"])
        assert len(history) == 20
        assert all(e.actor_name for e in history)


def _logged_person(tree, users, changes):
    """A person of the commune whose record changed ``changes`` times, each
    change moving them and appointing them to another body (linked rows)."""
    person = Person.objects.create(full_name="Giàng A Sử", area=tree["commune"])
    areas = [tree["commune"], tree["sibling"], tree["village"], tree["province"]]
    bodies = [
        units.create_body(
            actor=system_actor(),
            name=f"Chi hội số {i}",
            kind=Body.Kind.OTHER,
            area=tree["commune"],
        )
        for i in range(changes // 2 + 1)
    ]
    with audit.acting_as(users["commune"]):
        for i in range(changes):
            if i % 2:
                units.appoint(
                    actor=users["commune"],
                    person=person,
                    body=bodies[i // 2],
                    title=f"Chi hội trưởng {i}",
                )
            else:
                person.note = f"Lần {i}"
                person.area = areas[i % len(areas)]
                person.save()
    return person


@pytest.mark.parametrize("reader", ["province", "commune"])
def test_a_history_costs_the_same_queries_whatever_its_length(tree, users, reader):
    """Names of linked rows (areas, bodies, people) are read one query per model,
    so 5 entries and 40 entries with many more linked rows cost the same."""
    costs = []
    for changes in (4, 39):
        person = _logged_person(tree, users, changes)
        audit.history_for(person, person.positions.all(), user=users[reader])
        with CaptureQueriesContext(connection) as queries:
            history = audit.history_for(
                person, person.positions.all(), user=users[reader]
            )
        assert len(history) == changes + 1
        costs.append(len(queries))
    # The log (the related rows' keys a subquery), then the names of areas
    # and bodies: one query each (the person is the object, named from it).
    assert costs == [3, 3]


@pytest.mark.parametrize("reader", ["province", "commune"])
def test_rows_the_page_has_read_name_themselves_without_a_query(tree, users, reader):
    person = _logged_person(tree, users, 9)
    positions = person.positions.all()
    read = audit.history_for(person, positions, user=users[reader])
    names = ("commune", "sibling", "village", "province")
    areas = list(Area.objects.filter(pk__in=[tree[name].pk for name in names]))
    bodies = [p.body for p in positions.select_related("body")]
    with CaptureQueriesContext(connection) as queries:
        known = audit.history_for(
            person, positions, user=users[reader], known=[*areas, *bodies]
        )
    assert len(queries) == 1  # the log alone
    assert [(e.pk, e.about, e.changes) for e in known] == [
        (e.pk, e.about, e.changes) for e in read
    ]


@pytest.mark.parametrize("reader", ["province", "commune"])
def test_related_rows_read_by_the_page_give_the_entries_of_their_queryset(
    tree, users, reader
):
    """The rows a page has read stand for their queryset (no subquery), an
    empty list asks nothing, and the entries read as they did: actors,
    times, what they are about."""
    person = _logged_person(tree, users, 9)
    positions = person.positions.all()
    by_query = audit.history_for(person, positions, user=users[reader])
    by_rows = audit.history_for(
        person, list(positions), [], user=users[reader], limit=50
    )
    assert len(by_query) == 10
    assert [
        (e.pk, e.timestamp, e.actor_name, e.action_name, e.about, e.changes)
        for e in by_rows
    ] == [
        (e.pk, e.timestamp, e.actor_name, e.action_name, e.about, e.changes)
        for e in by_query
    ]
    assert [e.pk for e in audit.history_for(person, user=users[reader], limit=3)] == [
        e.pk for e in by_query if not e.about
    ][:3]


def test_rows_the_page_knows_unseen_read_unnamed_without_a_query(tree, users):
    """A row the page has read and knows the reader does not see reads as a
    query would tell ("outside your scope"), without the query."""
    stranger = units.create_person(
        actor=system_actor(), full_name="Người ở xã bên", area=tree["sibling"]
    )
    body = units.create_body(
        actor=system_actor(),
        name="Chi hội xã",
        kind=Body.Kind.OTHER,
        area=tree["commune"],
    )
    position = units.appoint(
        actor=system_actor(), person=stranger, body=body, title="Ủy viên"
    )
    reader = users["commune"]
    asked = audit.history_for(position, user=reader, known=[body])
    with CaptureQueriesContext(connection) as queries:
        told = audit.history_for(position, user=reader, known=[body], unseen=[stranger])
    assert len(queries) == 1  # the log alone
    assert [e.changes for e in told] == [e.changes for e in asked]
    assert any("ngoài phạm vi" in c.new for e in told for c in e.changes)


def test_every_change_log_is_the_one_component():
    from pathlib import Path

    import danvan

    root = Path(danvan.__file__).parent
    component = root / "templates" / "components" / "history.html"
    own = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if template != component and (
            "changes_display_dict" in text
            or "get_action_display" in text
            or "for entry in history" in text
        ):
            own.append(str(template.relative_to(root)))
    assert own == []


def test_bulk_entries_take_the_actor_of_the_block_in_force_only(tree, users):
    with audit.acting_as(users["commune"]):
        inside = audit.create_all(
            [Person(full_name="Trong khối", area=tree["commune"])], actor=None
        )
    after = audit.create_all(
        [Person(full_name="Sau khối", area=tree["commune"])], actor=None
    )
    assert LogEntry.objects.get_for_object(inside[0]).get().actor == users["commune"]
    assert LogEntry.objects.get_for_object(after[0]).get().actor is None


def test_history_with_an_empty_related_queryset_reads_the_object_alone(tree, users):
    """A related queryset the ORM knows is empty (``.none()``) adds nothing."""
    village = tree["village"]
    alone = audit.history_for(village, user=users["province"])
    assert alone
    with_none = audit.history_for(
        village, Body.objects.none(), Person.objects.filter(pk__in=[]),
        user=users["province"],
    )  # fmt: skip
    assert [e.timestamp for e in with_none] == [e.timestamp for e in alone]
