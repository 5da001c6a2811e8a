"""API of periodic reports.

- ``GET /api/v1/reports/``: the reports the user reads, newest period first,
  with the list page's filters (``report_type``, ``period=quarter:2026:1``,
  ``status``, ``area``, ``q``, ``sort``) and its tabs (``tab=mine``,
  ``approve`` for those waiting for the user's approval, ``below`` for those
  the units below sent); each with its status, deadline, number and the
  links to its files (DOCX, PDF, annex XLSX).
- ``GET /api/v1/reports/{id}/``: the same with its sections (text, the
  system's draft, version), comments and annex.
- ``POST {id}/submit/``, ``{id}/approve/`` (``issued_on``, ``signer_name``,
  ``signer_title``, ``signer_capacity``, ``recipients``, all optional),
  ``{id}/return/`` (``note`` required), ``{id}/send/``: the workflow, through
  the same services as the pages.
- ``PATCH {id}/sections/{section_id}/`` with ``text`` and the ``version``
  it was read at: 409 with the section as it is now when someone saved it
  meanwhile (nothing is overwritten).
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.common.access import scope_for
from danvan.common.api import (
    ListedModelSerializer,
    PrefetchedListSerializer,
    filtered,
    prefetch_list,
    validation_error,
)
from danvan.common.kept import list_params
from danvan.common.links import route_parts
from danvan.common.paging import PartsPagination
from danvan.common.rules import own_units
from danvan.reports import rules
from danvan.reports.exceptions import ReportError, SectionConflict
from danvan.reports.filters import TABS, ReportFilterSet, tab_rows
from danvan.reports.kept import FIGURES
from danvan.reports.models import Report, ReportComment, ReportSection
from danvan.reports.services import reports as services


class ReportSectionSerializer(ListedModelSerializer[ReportSection]):
    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = ReportSection
        fields = [
            "id",
            "key",
            "title",
            "level",
            "order",
            "text",
            "drafted",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class ReportCommentSerializer(ListedModelSerializer[ReportComment]):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = ReportComment
        fields = [
            "id",
            "section",
            "figure",
            "figure_label",
            "text",
            "author",
            "created_at",
        ]
        read_only_fields = fields


FILES = ("docx", "pdf", "annex_xlsx")
# The columns the list reads (its rows and the names it shows).
LIST_COLUMNS = (
    "id",
    "report_type_id",
    "report_type__name",
    "period_id",
    "period__type",
    "period__year",
    "period__number",
    "period__start",
    "period__end",
    "body_id",
    "body__name",
    "area_id",
    "title",
    "status",
    "due_on",
    "span_start",
    "span_end",
    "submitted_at",
    "approved_at",
    "sent_at",
    "reference",
    "issued_on",
    "document_id",
    "meeting_id",
    "note",
)


class ReportSerializer(ListedModelSerializer[Report]):
    report_type_name = serializers.CharField(source="report_type.name", read_only=True)
    period_name = serializers.CharField(source="period.__str__", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    # Plain text, not an enum of the schema: "status" names other choices in
    # other apps' components.
    status = serializers.CharField(
        read_only=True,
        help_text="draft, submitted, returned, approved or sent.",
    )
    late = serializers.BooleanField(read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "report_type",
            "report_type_name",
            "period",
            "period_name",
            "body",
            "body_name",
            "area",
            "title",
            "status",
            "due_on",
            "late",
            "span_start",
            "span_end",
            "submitted_at",
            "approved_at",
            "sent_at",
            "reference",
            "issued_on",
            "document",
            "meeting",
            "note",
            "files",
        ]
        read_only_fields = fields

    def get_files(self, report: Report) -> dict[str, str]:
        """Where to download the paper: DOCX, PDF and the annex as XLSX."""
        # The routes read once per serializer, not reversed for every row.
        routes = self.__dict__.get("_routes")
        if routes is None:
            routes = self.__dict__["_routes"] = [
                (name, *route_parts(f"reports:{name}")) for name in FILES
            ]
        return {name: f"{before}{report.pk}{after}" for name, before, after in routes}


class ReportDetailSerializer(ReportSerializer):
    sections = ReportSectionSerializer(many=True, read_only=True)
    comments = ReportCommentSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [
            *ReportSerializer.Meta.fields,
            "signer_capacity",
            "signer_title",
            "signer_name",
            "recipients",
            "drafted_at",
            "annex",
            "sections",
            "comments",
        ]
        read_only_fields = fields


class ReportNoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReportApproveInput(serializers.Serializer[Any]):
    issued_on = serializers.DateField(required=False)
    signer_name = serializers.CharField(required=False, allow_blank=True)
    signer_title = serializers.CharField(required=False, allow_blank=True)
    signer_capacity = serializers.CharField(required=False, allow_blank=True)
    recipients = serializers.CharField(required=False, allow_blank=True)


class ReportSectionInput(serializers.Serializer[Any]):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    version = serializers.IntegerField(min_value=1)


class ReportSectionConflictSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    current = ReportSectionSerializer()


def _roles(user: User) -> tuple[Any, ...]:
    """What a tab's rows depend on beyond the reader's scope (the key of a
    kept figure is the scope at the viewer's role): the scopes at the editor's
    and approver's roles and the user's own units."""
    own = own_units(user)
    editor, approver = scope_for(user, Role.EDITOR), scope_for(user, Role.APPROVER)
    return (
        (editor.everything, editor.area_paths, editor.body_paths),
        (approver.everything, approver.area_paths, approver.body_paths),
        tuple(sorted(own.area_ids)),
        tuple(sorted(own.body_ids)),
    )


_FILTERS = [
    OpenApiParameter("tab", str, enum=list(TABS)),
    OpenApiParameter("report_type", int),
    OpenApiParameter("period", str, description="type:year[:number]"),
    OpenApiParameter("status", str),
    OpenApiParameter("area", int),
    OpenApiParameter("q", str),
]


@extend_schema_view(list=extend_schema(parameters=_FILTERS))
class ReportViewSet(viewsets.ReadOnlyModelViewSet[Report]):
    """Reports the user reads; the workflow's steps; a section's save."""

    serializer_class = ReportSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination
    # Keys are numbers: ``reports/<word>/`` stays free for other routes.
    lookup_value_regex = r"\d+"

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        if self.action == "list":
            return ReportSerializer
        return ReportDetailSerializer

    def get_queryset(self) -> QuerySet[Report]:
        user = cast("User", self.request.user)
        params = self.request.query_params
        if self.action == "list":
            tab = params.get("tab")
            rows = (
                tab_rows(user, tab) if tab in TABS else Report.objects.visible_to(user)
            )
            found, _filters = filtered(ReportFilterSet, params, rows, user=user)
            counted = found
            key = (list_params(params), _roles(user) if tab in TABS else ())
            self.paginator.count = lambda: FIGURES.kept(
                "api-report-count", user, key, counted.count
            )
            return found.select_related("report_type", "period", "body").only(
                *LIST_COLUMNS
            )
        sections = ReportSection.objects.order_by("report_id", "order", "pk")
        comments = ReportComment.objects.select_related("author").order_by(
            "report_id", "created_at", "pk"
        )
        return (
            Report.objects.visible_to(user)
            .select_related("report_type", "period", "body__area", "area")
            .prefetch_related(
                prefetch_list("sections", sections),
                prefetch_list("comments", comments),
            )
        )

    def _respond(self, report: Report) -> Response:
        found = self.get_queryset().get(pk=report.pk)
        return Response(ReportDetailSerializer(found).data)

    def _allowed(self, check: Any) -> Report:
        """The report: 404 out of scope, 403 when the step is not theirs."""
        report = self.get_object()
        if not check(self.request.user, report):
            raise PermissionDenied
        return report

    def _call(self, function: Any, **kwargs: Any) -> Any:
        try:
            return function(actor=self.request.user, **kwargs)
        except ReportError as exc:
            raise ValidationError({"detail": exc.message}) from exc
        except DjangoValidationError as exc:
            # A check of another app's service (the register's numbering).
            raise validation_error(exc) from exc

    @extend_schema(request=None, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send the report to the unit's approver."""
        report = self._allowed(rules.may_write)
        return self._respond(self._call(services.submit, report=report))

    @extend_schema(request=ReportApproveInput, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """Approve the submitted report: numbered in the register, locked."""
        report = self._allowed(rules.may_approve_report)
        data = ReportApproveInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self._respond(
            self._call(services.approve, report=report, **data.validated_data)
        )

    @extend_schema(request=ReportNoteInput, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str) -> Response:
        """Return the report to its writers; ``note`` says what to correct."""
        report = self._allowed(
            lambda user, report: (
                rules.may_return_sent(user, report)
                if report.status == Report.Status.SENT
                else rules.may_approve_report(user, report)
            )
        )
        data = ReportNoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self._respond(
            self._call(
                services.return_, report=report, note=data.validated_data["note"]
            )
        )

    @extend_schema(request=None, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str) -> Response:
        """Send the approved report to the level above."""
        report = self._allowed(rules.may_send)
        return self._respond(self._call(services.send, report=report))

    @extend_schema(
        request=ReportSectionInput,
        responses={
            200: ReportSectionSerializer,
            409: OpenApiResponse(
                ReportSectionConflictSerializer,
                description="Saved by someone else since ``version``: the "
                "section as it is now; nothing was overwritten.",
            ),
        },
    )
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"sections/(?P<section_pk>\d+)",
    )
    def section(self, request: Request, pk: str, section_pk: str) -> Response:
        """Save a section's text, read at ``version``."""
        report = self._allowed(rules.may_write)
        section = get_object_or_404(report.sections.all(), pk=section_pk)
        data = ReportSectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            saved = services.save_section(
                actor=cast("User", request.user),
                section=section,
                text=data.validated_data["text"],
                version=data.validated_data["version"],
            )
        except SectionConflict as exc:
            return Response(
                {
                    "detail": exc.message,
                    "current": ReportSectionSerializer(exc.current).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except ReportError as exc:
            raise ValidationError({"detail": exc.message}) from exc
        return Response(ReportSectionSerializer(saved).data)
