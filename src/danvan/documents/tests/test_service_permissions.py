"""The register's services check the acting user themselves: a viewer of the
commune and an editor of the sibling commune are refused every write, and
nothing is written; the system actor is accepted and named in the audit."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.exceptions import DocumentError
from danvan.documents.models import (
    Attachment,
    Document,
    DocumentRelation,
    ReviewPoint,
    Term,
)

D = dt.date
pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Document,
            DocumentRelation,
            Attachment,
            ReviewPoint,
            Term,
            LogEntry,
        )
    }


def _writes(tree, bodies, documents):
    """Every write of the register, aimed at the commune's documents."""
    plan = documents["plan"]
    commune = tree["commune"]
    return {
        "register": lambda actor: services.register_document(
            actor=actor,
            area=commune,
            symbol_text="20/KH-UBND",
            issued_on=D(2025, 9, 10),
            title="Kế hoạch mới",
        ),
        "update": lambda actor: services.update_document(
            actor=actor,
            document=plan,
            area=commune,
            symbol_text=plan.reference,
            issued_on=plan.issued_on,
            title="Tiêu đề đã sửa",
            issuer_body=plan.issuer_body,
        ),
        "issue": lambda actor: services.issue_document(
            actor=actor,
            body=bodies["commune_ubnd"],
            kind="ke_hoach",
            title="Kế hoạch ban hành",
            issued_on=D(2025, 9, 12),
            area=commune,
        ),
        "relate": lambda actor: services.relate_documents(
            actor=actor,
            source=plan,
            target=documents["directive"],
            kind="reviews",
        ),
        "unrelate": lambda actor: services.unrelate_documents(
            actor=actor, relation=plan.relations_out.get()
        ),
        "attach": lambda actor: services.attach_file(
            actor=actor,
            document=plan,
            upload=SimpleUploadedFile("kh.txt", b"noi dung"),
        ),
        "review point": lambda actor: services.add_review_point(
            actor=actor, document=plan, kind="so_ket", after_years=1
        ),
        "term": lambda actor: services.add_term(
            actor=actor,
            body=bodies["commune_committee"],
            name="lần thứ II",
            starts_on=D(2030, 7, 1),
        ),
    }


WRITES = [
    "register",
    "update",
    "issue",
    "relate",
    "unrelate",
    "attach",
    "review point",
    "term",
]


@pytest.mark.parametrize("who", ["viewer", "sibling", "village"])
@pytest.mark.parametrize("write", WRITES)
def test_a_user_without_the_editor_role_is_refused_and_nothing_is_written(
    tree, users, bodies, documents, who, write
):
    act = _writes(tree, bodies, documents)[write]
    before = _counts()
    title = Document.objects.get(pk=documents["plan"].pk).title

    with pytest.raises(PermissionDenied):
        act(users[who])

    assert _counts() == before
    assert Document.objects.get(pk=documents["plan"].pk).title == title


def test_the_commune_editor_may_write_its_register(tree, users, bodies, documents):
    for write in ["register", "update", "issue", "attach", "review point"]:
        assert _writes(tree, bodies, documents)[write](users["commune"]) is not None


def test_a_relation_to_a_document_out_of_sight_is_refused(users, documents):
    with pytest.raises(DocumentError):
        services.relate_documents(
            actor=users["commune"],
            source=documents["plan"],
            target=documents["theirs"],
            kind="implements",
        )
    assert (
        not documents["plan"].relations_out.filter(target=documents["theirs"]).exists()
    )


def test_the_system_actor_writes_and_the_audit_names_it(tree, bodies, documents):
    system = system_actor()
    document = _writes(tree, bodies, documents)["register"](system)

    entry = LogEntry.objects.get_for_object(document).get()
    assert entry.actor == system
    assert system.is_system
    assert not system.is_active
    assert not system.has_usable_password()
    assert document.created_by == system


def test_no_actor_is_a_mistake_not_the_system(tree, bodies, documents):
    before = _counts()
    with pytest.raises(TypeError):
        _writes(tree, bodies, documents)["register"](None)
    assert _counts() == before
