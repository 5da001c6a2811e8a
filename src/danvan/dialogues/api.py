"""The dialogues API (``/api/v1/dialogues/``), mounted by ``danvan.api`` from
``ROUTES``: read only, the dialogues a user reads, each with the opinions
raised (how each was answered, or the body it is assigned to and its due
date). The list takes the filters of the page (``?q=`` accent-free,
``year``, ``area``, ``body``, ``kind``, ``audience_kind``, ``sort``). Writes
go through the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from danvan.common.api import (
    ListedModelSerializer,
    PrefetchedListSerializer,
    attach_rows,
    filtered,
    prefetch_list,
)
from danvan.common.paging import PartsPagination, area_parts
from danvan.dialogues.filters import SessionFilterSet
from danvan.dialogues.models import Issue, Session

ISSUE_FIELDS = [
    "id",
    "order",
    "raised_by",
    "topic",
    "content",
    "status",
    "answer",
    "assigned_body",
    "due_on",
    "answered_on",
    "follow_up",
]


class DialogueIssueSerializer(ListedModelSerializer[Issue]):
    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = Issue
        fields = ISSUE_FIELDS
        read_only_fields = fields


class DialogueSerializer(ListedModelSerializer[Session]):
    issues = DialogueIssueSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "body",
            "area",
            "held_on",
            "kind",
            "leader_name",
            "leader_title",
            "level",
            "audience_kind",
            "audience",
            "place",
            "participants",
            "subject",
            "summary",
            "issues",
        ]
        read_only_fields = fields


def _issues() -> QuerySet[Issue]:
    return Issue.objects.order_by("session_id", "order", "pk")


class SessionViewSet(viewsets.ReadOnlyModelViewSet[Session]):
    """Dialogues of the user's units, with their opinions."""

    serializer_class = DialogueSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination

    def get_queryset(self) -> QuerySet[Session]:
        sessions: QuerySet[Session] = Session.objects.visible_to(self.request.user)
        if self.action == "list":
            found, filters = filtered(
                SessionFilterSet, self.request.query_params, sessions
            )
            # Counted once per range of the scope, as the list page counts.
            self.paginator.parts = area_parts(filters(), self.request.user)
            # The opinions are read as values by paginate_queryset.
            return found
        return sessions.prefetch_related(prefetch_list("issues", _issues()))

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            columns = [
                f"{name}_id" if name in ("topic", "assigned_body") else name
                for name in ISSUE_FIELDS
            ]
            attach_rows(page, "issues", _issues(), "session_id", *columns)
        return page


# (prefix, viewset, basename) for ``danvan.api``'s router.
ROUTES: list[tuple[str, Any, str]] = [("dialogues", SessionViewSet, "dialogue")]
