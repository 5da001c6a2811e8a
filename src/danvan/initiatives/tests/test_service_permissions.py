"""The register's services check the acting user themselves: without the
editor role over the unit (a viewer, another commune's editor) every write is
refused and nothing is written; judging stays with the level above."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.exceptions import OwnUnitError
from danvan.initiatives.models import Initiative, ProgressUpdate, Rubric

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Initiative.objects.count(),
        ProgressUpdate.objects.count(),
        Rubric.objects.count(),
        LogEntry.objects.count(),
    )


@pytest.mark.parametrize("who", ["viewer", "sibling", "village"])
def test_writes_without_the_editor_role_are_refused(
    tree, users, fields, make_initiative, registered, who
):
    draft = make_initiative(tree["commune"])
    accepted = registered(tree["commune"], "Mô hình đã đăng ký")
    actor = users[who]
    writes = [
        lambda: make_initiative(tree["commune"], "Mô hình khác", actor=actor),
        lambda: services.update_initiative(
            actor=actor, initiative=draft, name="Tên đã sửa"
        ),
        lambda: services.submit_initiative(actor=actor, initiative=draft),
        lambda: services.close_initiative(
            actor=actor, initiative=accepted, status=Initiative.Status.STOPPED
        ),
        lambda: services.add_progress_update(
            actor=actor, initiative=accepted, date=dt.date(2026, 1, 5), text="x"
        ),
        lambda: services.create_standard_rubric(actor=actor, year=2030),
    ]
    before = _counts()
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert _counts() == before
    draft.refresh_from_db()
    assert draft.name != "Tên đã sửa"
    assert draft.status == Initiative.Status.DRAFT


def test_judging_is_refused_to_the_own_unit_and_to_a_viewer(
    tree, users, registered, rubric
):
    from conftest import make_user

    accepted = registered(tree["commune"])
    approver = make_user("approver", area=tree["commune"], role=30)
    before = _counts()
    with pytest.raises(OwnUnitError):
        services.evaluate_initiative(actor=approver, initiative=accepted, scores={})
    with pytest.raises(PermissionDenied):
        services.publish_exemplary(actor=users["sibling"], initiative=accepted)
    assert _counts() == before


def test_the_system_actor_is_accepted_and_named_in_the_audit(tree, make_initiative):
    system = system_actor()
    initiative = make_initiative(tree["commune"], actor=system)
    entry = LogEntry.objects.get_for_object(initiative).get()
    assert entry.actor == system
    assert initiative.created_by == system
