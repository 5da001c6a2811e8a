"""Relations between documents: implements, replaces, amends, reviews."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.rules import may_edit, require
from danvan.common.text import normalize
from danvan.documents.exceptions import DocumentError
from danvan.documents.models import Document, DocumentRelation
from danvan.documents.services.base import may_see
from danvan.documents.services.reviews import add_years

if TYPE_CHECKING:
    from danvan.accounts.models import User


_STATUS_AFTER = {
    DocumentRelation.Kind.REPLACES: Document.Status.REPLACED,
    DocumentRelation.Kind.AMENDS: Document.Status.AMENDED,
}


@transaction.atomic
def relate_documents(
    *,
    actor: User,
    source: Document,
    target: Document,
    kind: str,
    note: str = "",
) -> DocumentRelation:
    """Record that ``source`` implements, replaces, amends or reviews ``target``.

    A replaced or amended document changes status; a review closes the
    target's earliest open review point due within a year of it.
    """
    require(may_edit(actor, source), _("You may not change this document."))
    if not may_see(actor, target):
        raise DocumentError(_("Choose a document of your units."))
    kind = DocumentRelation.Kind(kind)
    if source.pk == target.pk:
        raise DocumentError(_("A document cannot refer to itself."))
    if DocumentRelation.objects.filter(
        source=source, target=target, kind=kind
    ).exists():
        raise DocumentError(_("This relation is already recorded."))
    if kind == DocumentRelation.Kind.IMPLEMENTS and target.pk in _implementing_ids(
        source
    ):
        raise DocumentError(
            _("%(target)s already implements %(source)s.")
            % {"target": target, "source": source}
        )
    with acting_as(actor):
        relation = DocumentRelation.objects.create(
            source=source, target=target, kind=kind, note=normalize(note)
        )
        status = _STATUS_AFTER.get(kind)
        if status is not None and (
            kind == DocumentRelation.Kind.REPLACES
            or target.status == Document.Status.IN_FORCE
        ):
            target.status = status
            target.save(update_fields=["status"])
        if kind == DocumentRelation.Kind.REVIEWS:
            limit = add_years(source.issued_on, 1)
            point = (
                target.review_points.open()
                .filter(due_on__lte=limit)
                .order_by("due_on")
                .first()
            )
            if point is not None:
                point.done_by_document = source
                point.done_on = source.issued_on
                point.save(update_fields=["done_by_document", "done_on"])
    return relation


@transaction.atomic
def unrelate_documents(*, actor: User, relation: DocumentRelation) -> None:
    """Remove a relation (the target's status is left as it is)."""
    require(may_edit(actor, relation.source), _("You may not change this document."))
    with acting_as(actor):
        relation.delete()


def _implementing_ids(document: Document) -> set[int]:
    """Ids of every document implementing ``document``, at any depth."""
    seen: set[int] = set()
    frontier = {document.pk}
    while frontier:
        below = set(
            DocumentRelation.objects.filter(
                kind=DocumentRelation.Kind.IMPLEMENTS, target_id__in=frontier
            ).values_list("source_id", flat=True)
        )
        frontier = below - seen - {document.pk}
        seen |= frontier
    return seen
