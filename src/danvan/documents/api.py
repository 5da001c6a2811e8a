"""API of the document register: read and write, scoped, through the services."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.common.access import can_edit
from danvan.common.api import (
    ListedModelSerializer,
    PrefetchedListSerializer,
    ScopedRelatedField,
    prefetch_list,
    prefetched_attr,
)
from danvan.common.kept import list_params
from danvan.common.paging import Paginator, PartsPagination
from danvan.common.text import parse_id
from danvan.documents import services
from danvan.documents.exceptions import DocumentError, DuplicateDocumentError
from danvan.documents.filters import count_parts
from danvan.documents.kept import FIGURES
from danvan.documents.models import Document, DocumentRelation, ReviewPoint
from danvan.units.models import Area, Body, Person

if TYPE_CHECKING:
    from danvan.accounts.models import User


class RelationSerializer(ListedModelSerializer[DocumentRelation]):
    target_reference = serializers.CharField(source="target.reference", read_only=True)

    class Meta:
        model = DocumentRelation
        fields = ["kind", "target", "target_reference", "note"]
        read_only_fields = fields  # output only: relations are added on the page


class ReviewPointSerializer(ListedModelSerializer[ReviewPoint]):
    title = serializers.CharField(read_only=True)

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = ReviewPoint
        fields = ["id", "kind", "title", "after_years", "due_on", "done_on"]


def visible_relations(
    user: Any, targets: QuerySet[Document] | None = None
) -> QuerySet[DocumentRelation]:
    """Relations whose target ``user`` may see (``targets``: their documents,
    when already read)."""
    if targets is None:
        targets = Document.objects.visible_to(user)
    return DocumentRelation.objects.filter(target__in=targets).select_related("target")


def _areas(user: Any) -> QuerySet[Area]:
    return Area.objects.editable_by(user) if user is not None else Area.objects.none()


def _people(user: Any) -> QuerySet[Person]:
    if user is None:
        return Person.objects.none()
    return Person.objects.visible_to(user)


def _bodies(user: Any) -> QuerySet[Body]:
    if user is None:
        return Body.objects.none()
    return Body.objects.visible_to(user).select_related("area").order_by("path")


class DocumentSerializer(ListedModelSerializer[Document]):
    """A document; ``symbol_text`` is the number and symbol as written."""

    symbol_text = serializers.CharField(
        write_only=True,
        help_text="Number and symbol as written: 106-KH/HU, 70/KH-UBND.",
    )
    accept_warning = serializers.BooleanField(
        write_only=True,
        default=False,
        help_text="Keep a number and symbol that does not parse, with a warning.",
    )
    kind = serializers.ChoiceField(
        choices=Document.Kind.choices, required=False, allow_blank=True
    )
    reference = serializers.CharField(read_only=True)
    area = ScopedRelatedField(scope=_areas)
    issuer_body = ScopedRelatedField(scope=_bodies, required=False, allow_null=True)
    signer = ScopedRelatedField(scope=_people, required=False, allow_null=True)
    term: serializers.StringRelatedField[Any] = serializers.StringRelatedField(
        read_only=True, allow_null=True
    )
    relations = serializers.SerializerMethodField()
    review_points = ReviewPointSerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "url",
            "kind",
            "reference",
            "number",
            "symbol",
            "grammar",
            "symbol_text",
            "accept_warning",
            "symbol_warning",
            "issuer_body",
            "issuer_name",
            "issued_on",
            "title",
            "summary",
            "signer_name",
            "signer",
            "valid_from",
            "valid_to",
            "status",
            "area",
            "term",
            "issued_here",
            "relations",
            "review_points",
        ]
        read_only_fields = [
            "number",
            "symbol",
            "grammar",
            "symbol_warning",
            "issued_here",
        ]

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, document: Document) -> list[dict[str, Any]]:
        """Relations to documents the user may see; the others are not named."""
        relations = getattr(document, prefetched_attr("relations_out"), None)
        if relations is None:
            relations = visible_relations(self.context["request"].user).filter(
                source=document
            )
        return cast(
            "list[dict[str, Any]]", self._relation_list.to_representation(relations)
        )

    @cached_property
    def _relation_list(self) -> serializers.ListSerializer[Any]:
        """One serializer for every row's relations (built once, not per row)."""
        return cast(
            "serializers.ListSerializer[Any]",
            RelationSerializer(many=True, context=self.context),
        )


class IssueSerializer(serializers.Serializer[dict[str, Any]]):
    """A document the office issues itself: its number is taken on save."""

    body = ScopedRelatedField(scope=_bodies)
    # Laws and "other" papers are not numbered by an office.
    kind = serializers.ChoiceField(
        choices=[
            (value, label)
            for value, label in Document.Kind.choices
            if value in services.OWN_TYPE_CODES
        ]
    )
    title = serializers.CharField(max_length=500)
    issued_on = serializers.DateField()
    area = ScopedRelatedField(scope=_areas)
    signer_name = serializers.CharField(max_length=150, required=False, default="")
    summary = serializers.CharField(required=False, default="", allow_blank=True)


def _refusal(error: DocumentError, visible: QuerySet[Document], user: Any) -> Response:
    """400 with the reason; a duplicate also names the document that has it,
    when the user may open it."""
    body: dict[str, Any] = {"detail": error.message_for(user)}
    if (
        isinstance(error, DuplicateDocumentError)
        and visible.filter(pk=error.existing.pk).exists()
    ):
        body["existing"] = error.existing.pk
        body["existing_url"] = error.url
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


# The query string's keys that narrow the list (DocumentViewSet._narrow).


class DocumentViewSet(viewsets.ModelViewSet[Document]):
    """Documents of the user's units. ``?q=`` searches without accents or by
    symbol; ``kind``, ``year``, ``status`` and ``area`` filter."""

    serializer_class = DocumentSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Document]:
        visible = Document.objects.visible_to(self.request.user)
        relations = visible_relations(self.request.user, visible)
        # The list shows the area and the issuing body by their keys: no join
        # (each join costs PostgreSQL's planner about 0.2 ms); a write reads them.
        joined = ["term__body"]
        if self.action != "list":
            joined += ["area", "issuer_body"]
        documents = visible.select_related(*joined).prefetch_related(
            prefetch_list("relations_out", relations),
            prefetch_list("review_points"),
        )
        if self.action == "list":
            self.paginator.count = self._kept_count
        return self._narrow(documents).order_by("-issued_on", "-pk")

    def _kept_count(self) -> int:
        """The number of documents the query string finds, each part of the
        scope counted on its own index (``count_parts``), kept like the list
        page's count (``documents.kept``: until a document or a
        relation changes)."""
        user = self.request.user
        params = self.request.query_params
        values = list_params(params)

        def count() -> int:
            parts = count_parts(user, self._narrow)
            rows = self._narrow(Document.objects.visible_to(user))
            counted: int = Paginator(rows, 1, parts=parts).count
            return counted

        found: int = FIGURES.kept("api-count", user, values, count)
        return found

    def _narrow(self, documents: QuerySet[Document]) -> QuerySet[Document]:
        """The documents the query string asks for."""
        params = self.request.query_params
        documents = documents.search(params.get("q", ""))  # type: ignore[attr-defined]
        if params.get("kind") in Document.Kind.values:
            documents = documents.filter(kind=params["kind"])
        if params.get("status") in Document.Status.values:
            documents = documents.filter(status=params["status"])
        year = parse_id(params.get("year"))
        if year is not None and 1 <= year <= 9999:  # a year a date may hold
            documents = documents.filter(issued_on__year=year)
        if (area_pk := parse_id(params.get("area"))) is not None:
            area = Area.objects.filter(pk=area_pk).first()
            if area is not None:
                documents = documents.within(area)  # type: ignore[attr-defined]
        return documents

    def _write(
        self, data: dict[str, Any], document: Document | None, status_code: int
    ) -> Response:
        if not can_edit(self.request.user, data["area"]):
            raise PermissionDenied
        try:
            if document is None:
                document = services.register_document(
                    actor=cast("User", self.request.user), **data
                )
            else:
                document = services.update_document(
                    actor=cast("User", self.request.user), document=document, **data
                )
        except DocumentError as error:
            return _refusal(
                error,
                Document.objects.visible_to(self.request.user),
                self.request.user,
            )
        return Response(self.get_serializer(document).data, status=status_code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["kind"] = data.get("kind") or None
        return self._write(data, None, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        document = self.get_object()
        if not can_edit(request.user, document):
            raise PermissionDenied
        partial = kwargs.get("partial", False)
        serializer = self.get_serializer(document, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = {
            "area": document.area,
            "symbol_text": document.reference,
            "accept_warning": bool(document.symbol_warning and not document.number),
            "issued_on": document.issued_on,
            "title": document.title,
            "kind": document.kind,
            "issuer_body": document.issuer_body,
            "issuer_name": document.issuer_name,
            "summary": document.summary,
            "signer_name": document.signer_name,
            "signer": document.signer,
            "valid_from": document.valid_from,
            "valid_to": document.valid_to,
            "status": document.status,
            **serializer.validated_data,
        }
        data["kind"] = data.get("kind") or None
        return self._write(data, document, status.HTTP_200_OK)

    @extend_schema(request=IssueSerializer, responses={201: DocumentSerializer})
    @action(detail=False, methods=["post"])
    def issue(self, request: Request) -> Response:
        """Number a document the office issues: the next number of its sequence."""
        data = IssueSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if not can_edit(request.user, values["area"]):
            raise PermissionDenied
        try:
            document = services.issue_document(
                actor=cast("User", request.user), **values
            )
        except DocumentError as error:
            return _refusal(
                error,
                Document.objects.visible_to(self.request.user),
                self.request.user,
            )
        return Response(
            self.get_serializer(document).data, status=status.HTTP_201_CREATED
        )
