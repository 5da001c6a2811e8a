"""API of meetings and tasks: read and write, scoped, through the services.

Lists take the filters of the pages (``?q=`` accent-free, ``kind``, ``body``,
``year``, ``area``, ``status``, ``sort`` for meetings; ``q``, ``status``,
``owner``, ``due_before``, ``year``, ``meeting``, ``sort`` for tasks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.common.api import (
    CompiledPages,
    KeyedValues,
    ListedModelSerializer,
    PrefetchedListSerializer,
    ScopedRelatedField,
    ValuesPageMixin,
    attach_keyed,
    filtered,
    prefetch_list,
    unfiltered,
    validation_error,
)
from danvan.common.files import serve_file
from danvan.common.filters import sort_choices
from danvan.common.kept import list_params
from danvan.common.paging import Paginator, PartsPagination, area_parts
from danvan.common.text import parse_id
from danvan.meetings import periods, services
from danvan.meetings.filters import (
    MeetingFilterSet,
    TaskFilterSet,
    task_count_parts,
)
from danvan.meetings.kept import FIGURES
from danvan.meetings.models import Conclusion, GeneratedDocument, Meeting, Task
from danvan.units.models import Body, Person

if TYPE_CHECKING:
    from danvan.accounts.models import User


class ConclusionSerializer(ListedModelSerializer[Conclusion]):
    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = Conclusion
        fields = ["id", "order", "text"]
        read_only_fields = ["id", "order"]


class PaperSerializer(ListedModelSerializer[GeneratedDocument]):
    download = serializers.SerializerMethodField()

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = GeneratedDocument
        fields = [
            "kind",
            "reference",
            "issued_on",
            "signer_capacity",
            "signer_title",
            "signer_name",
            "generated_at",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, paper: GeneratedDocument) -> str:
        request = self.context.get("request")
        path = f"/api/v1/meetings/{paper.meeting_id}/papers/{paper.kind}/"
        return request.build_absolute_uri(path) if request else path


class MeetingSerializer(ListedModelSerializer[Meeting]):
    series_name = serializers.CharField(
        source="series.name", required=False, allow_blank=True
    )
    convening_body = ScopedRelatedField(Body)
    chair = ScopedRelatedField(
        Person, services.people_for, allow_null=True, required=False
    )
    secretary = ScopedRelatedField(
        Person, services.people_for, allow_null=True, required=False
    )
    attendees = ScopedRelatedField(
        Person, services.people_for, many=True, required=False
    )
    conclusions = ConclusionSerializer(many=True, read_only=True)
    papers = PaperSerializer(source="generated_documents", many=True, read_only=True)
    period_label = serializers.CharField(read_only=True)
    created_by: serializers.StringRelatedField[User] = serializers.StringRelatedField(
        allow_null=True
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "series",
            "series_name",
            "kind",
            "title",
            "held_on",
            "place",
            "convening_body",
            "area",
            "period_type",
            "period_year",
            "period_number",
            "period_start",
            "period_end",
            "period_label",
            "chair",
            "chair_name",
            "secretary",
            "attendees",
            "guests",
            "agenda",
            "conclusions",
            "papers",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["series", "area", "created_at"]

    def _arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        arguments = dict(data)
        series = arguments.pop("series", None)
        if series is not None:
            arguments["series_name"] = series.get("name", "")
        return arguments

    def create(self, validated_data: dict[str, Any]) -> Meeting:
        try:
            return services.create_meeting(
                actor=self.context["request"].user, **self._arguments(validated_data)
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def update(self, instance: Meeting, validated_data: dict[str, Any]) -> Meeting:
        try:
            return services.update_meeting(
                actor=self.context["request"].user,
                meeting=instance,
                **self._arguments(validated_data),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc


class TaskSerializer(ListedModelSerializer[Task]):
    meeting = ScopedRelatedField(Meeting)
    conclusion = ScopedRelatedField(Conclusion, allow_null=True, required=False)
    owner_body = ScopedRelatedField(Body)
    note = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="A follow-up note, added with the date to the notes.",
    )
    on = serializers.DateField(
        write_only=True,
        required=False,
        help_text="The day of a status change (done on); today if absent.",
    )
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "meeting",
            "conclusion",
            "title",
            "owner_body",
            "due_on",
            "status",
            "done_on",
            "is_overdue",
            "notes",
            "note",
            "on",
            "created_at",
        ]
        read_only_fields = ["done_on", "notes", "created_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            for name in ("meeting", "conclusion"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: _("A task stays with its meeting and conclusion.")}
                    )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Task:
        data = dict(validated_data)
        status_value = data.pop("status", Task.Status.OPEN)
        note, on = data.pop("note", ""), data.pop("on", None)
        actor = self.context["request"].user
        try:
            task = services.create_task(actor=actor, **data)
            if status_value != Task.Status.OPEN or note:
                task = services.set_task_status(
                    actor=actor, task=task, status=status_value, note=note, on=on
                )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return task

    def update(self, instance: Task, validated_data: dict[str, Any]) -> Task:
        data = dict(validated_data)
        data.pop("meeting", None)
        data.pop("conclusion", None)
        actor = self.context["request"].user
        status_value = data.pop("status", None)
        note, on = data.pop("note", ""), data.pop("on", None)
        try:
            if data:
                instance = services.update_task(
                    actor=actor,
                    task=instance,
                    title=data.get("title"),
                    owner_body=data.get("owner_body"),
                    due_on=data.get("due_on"),
                    clear_due="due_on" in data and data["due_on"] is None,
                )
            if status_value is not None or note:
                instance = services.set_task_status(
                    actor=actor,
                    task=instance,
                    status=status_value or instance.status,
                    note=note,
                    on=on,
                )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return instance


class PaperInput(serializers.Serializer[dict[str, Any]]):
    issued_on = serializers.DateField(required=False)
    signer_capacity = serializers.CharField(required=False, allow_blank=True)
    signer_title = serializers.CharField(required=False, allow_blank=True)
    signer_name = serializers.CharField(required=False, allow_blank=True)
    recipients = serializers.ListField(child=serializers.CharField(), required=False)


_MEETING_FILTERS = [
    OpenApiParameter("q", str, description="Search, accents optional."),
    OpenApiParameter("kind", str, enum=Meeting.Kind.values),
    OpenApiParameter("body", int, description="Convening body id."),
    OpenApiParameter("year", int),
    OpenApiParameter("area", int),
    OpenApiParameter("status", str, enum=["open", "overdue", "done", "none"]),
    OpenApiParameter(
        "sort", str, enum=[k for k, _ in sort_choices(MeetingFilterSet.SORTS)]
    ),
]
_TASK_FILTERS = [
    OpenApiParameter("q", str, description="Search, accents optional."),
    OpenApiParameter("status", str, enum=["pending", "overdue", *Task.Status.values]),
    OpenApiParameter("owner", int, description="Lead body id."),
    OpenApiParameter("due_before", OpenApiTypes.DATE),
    OpenApiParameter("year", int),
    OpenApiParameter("meeting", int),
    OpenApiParameter(
        "sort", str, enum=[k for k, _ in sort_choices(TaskFilterSet.SORTS)]
    ),
]


def _conclusions() -> QuerySet[Conclusion]:
    return Conclusion.objects.order_by("meeting_id", "order", "pk")


# A list page's nested lists by its meetings' keys (common.api.KeyedValues).
# The attendees in their order, as the relation's.
_ATTENDEES = KeyedValues(Person.objects.all, "attended_meetings", "id")
_CONCLUSIONS = KeyedValues(_conclusions, "meeting_id", "id", "order", "text")
_PAPERS = KeyedValues(
    GeneratedDocument.objects.all, "meeting_id", "kind", "reference", "issued_on",
    "signer_capacity", "signer_title", "signer_name", "generated_at",
)  # fmt: skip


# The columns of MeetingSerializer's fields (keys as ``…_id``, joined rows'
# columns as ``…__name``), in a list read as values.
_LIST_COLUMNS = [
    "id", "series_id", "series__name", "kind", "title", "held_on", "place",
    "convening_body_id", "area_id", "period_type", "period_year",
    "period_number", "period_start", "period_end", "chair_id", "chair_name",
    "secretary_id", "guests", "agenda", "created_by__username", "created_at",
]  # fmt: skip
# The pages of the list with no filter, compiled once per scope and page.
_PAGES = CompiledPages(*_LIST_COLUMNS)


@extend_schema_view(list=extend_schema(parameters=_MEETING_FILTERS))
class MeetingViewSet(ValuesPageMixin, viewsets.ModelViewSet[Meeting]):
    """Meetings of the user's units; writes need the editor role over the body."""

    serializer_class = MeetingSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    # The list is read with no filter (its rows then depend on the scope alone).
    list_pages = _PAGES
    list_columns = _LIST_COLUMNS

    def get_queryset(self) -> QuerySet[Meeting]:
        meetings: QuerySet[Meeting] = Meeting.objects.visible_to(self.request.user)
        if self.action == "list":
            # No FilterSet is built for no filter (common.api.filtered).
            params = self.request.query_params
            meetings, filters = filtered(MeetingFilterSet, params, meetings)
            self._plain = unfiltered(MeetingFilterSet, params)
            # The count reads each range of the scope on its own (common.paging),
            # and is kept like the list page's until a meeting or task changes.
            self.paginator.count = _kept_count(
                "api-meeting-count",
                self.request,
                lambda: (
                    Paginator(
                        meetings, 1, parts=area_parts(filters(), self.request.user)
                    ).count
                ),
            )
            return meetings  # the page is read by paginate_queryset, as values
        meetings = meetings.select_related("series", "created_by")
        # Nested lists as plain lists (common.api.prefetch_list); a meeting's
        # conclusions in their order without joining the meetings for theirs.
        return meetings.prefetch_related(
            prefetch_list("attendees"),
            prefetch_list("conclusions", _conclusions()),
            prefetch_list("generated_documents"),
        )

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        """The page. On the list, its rows and their nested lists are read as
        values (common.api.Row): the columns the serializer shows, no model
        instance; the nested lists one query each, compiled once
        (common.api.attach_keyed), in the orders of the detail's prefetches;
        with no filter, the page's own SQL is compiled once per scope and page
        (common.api.CompiledPages)."""
        if self.action != "list":
            return super().paginate_queryset(queryset)
        rows = self.values_page(queryset)
        if rows is None:
            return None
        for row in rows:
            # As the serializer reads a meeting: its creator's name (str(User))
            # and its period in words.
            creator = row.created_by
            row.created_by = None if creator is None else creator.username
            row.period_label = periods.period_label(
                row.period_type,
                row.period_year,
                row.period_number,
                start=row.period_start,
                end=row.period_end,
            )
        keys = [row.pk for row in rows]
        attach_keyed(rows, "attendees", _ATTENDEES, keys)
        attach_keyed(rows, "conclusions", _CONCLUSIONS, keys)
        attach_keyed(rows, "generated_documents", _PAPERS, keys)
        return rows

    @extend_schema(request=ConclusionSerializer, responses={201: ConclusionSerializer})
    @action(detail=True, methods=["post"])
    def conclusions(self, request: Request, pk: str) -> Response:
        """Add a conclusion after the meeting's last one."""
        data = ConclusionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            conclusion = services.add_conclusion(
                # IsAuthenticated (the API's default permission) lets no anonymous in.
                actor=cast("User", request.user),
                meeting=self.get_object(),
                **data.validated_data,
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return Response(
            ConclusionSerializer(conclusion).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses=serializers.ListSerializer(child=TaskSerializer()))
    # The whole list, unpaginated (the schema says so too).
    @action(
        detail=True, methods=["get"], url_path="carried-forward", pagination_class=None
    )
    def carried_forward(self, request: Request, pk: str) -> Response:
        """Tasks of earlier meetings of the series still open at this one."""
        tasks = services.carried_forward(self.get_object())
        context = self.get_serializer_context()
        return Response(TaskSerializer(tasks, many=True, context=context).data)

    @extend_schema(
        methods=["POST"],
        request=PaperInput,
        responses=PaperSerializer,
        description="Generate the minutes or the conclusion notice (numbered once).",
    )
    @extend_schema(
        methods=["GET"],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description="Download the generated DOCX.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path=r"papers/(?P<kind>minutes|notice)",
    )
    def papers(self, request: Request, pk: str, kind: str) -> Response | FileResponse:
        meeting = self.get_object()
        if request.method == "GET":
            paper = meeting.generated_documents.filter(kind=kind).first()
            if paper is None:
                raise Http404
            return serve_file(paper.file, filename=paper.download_name)
        data = PaperInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            paper = services.generate_paper(
                # IsAuthenticated (the API's default permission) lets no anonymous in.
                actor=cast("User", request.user),
                meeting=meeting,
                kind=kind,
                **data.validated_data,
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return Response(
            PaperSerializer(paper, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema_view(list=extend_schema(parameters=_TASK_FILTERS))
class TaskViewSet(viewsets.ModelViewSet[Task]):
    """Tasks set by meetings of the user's units; ``status`` follows them up."""

    serializer_class = TaskSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Task]:
        tasks: QuerySet[Task] = Task.objects.visible_to(self.request.user)
        if self.action == "list":
            # No FilterSet is built for no filter (common.api.filtered).
            tasks, filters = filtered(TaskFilterSet, self.request.query_params, tasks)
            meeting = parse_id(self.request.query_params.get("meeting"))
            if meeting is not None:
                tasks = tasks.filter(meeting=meeting)
            self.paginator.count = _kept_count(
                "api-task-count",
                self.request,
                lambda: (
                    Paginator(
                        tasks,
                        1,
                        parts=task_count_parts(filters(), self.request.user, meeting),
                    ).count
                ),
            )
            # The rows show their meeting and lead body by their keys: no join.
            return tasks
        return tasks.select_related("meeting", "owner_body")


def _kept_count(
    figure: str, request: Request, count: Callable[[], int]
) -> Callable[[], int]:
    """The list's count, kept like the list pages' (``meetings.kept``: per
    reader's scope and filters, until a meeting, task or conclusion changes):
    counting reads every row of the scope the filters leave."""
    params = list_params(request.query_params)
    return lambda: FIGURES.kept(figure, request.user, params, count)
