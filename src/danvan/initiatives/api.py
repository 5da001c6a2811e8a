"""API of "Dân vận khéo" models: read and write, scoped, through the services.

The list takes the filters of the page (``q`` accent-free, ``year``, ``field``,
``status``, ``classification``, ``area``, ``level``, ``kind``, ``adopted``,
``sort``). Workflow steps are actions: ``submit``, ``accept``, ``return``,
``evaluate``, ``progress``, ``commend``, ``publish``; ``similar`` gives the
hints of the registration form, ``replicated`` the most replicated models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.common.access import Scope, may_edit_somewhere, scope_for
from danvan.common.api import (
    CompiledPages,
    IdKeyedDictField,
    KeyedValues,
    ListedModelSerializer,
    PrefetchedListSerializer,
    Row,
    ScopedRelatedField,
    ValuesPageMixin,
    attach_keyed,
    filtered,
    prefetch_list,
    prefetched_attr,
    unfiltered,
    validation_error,
)
from danvan.common.kept import list_params
from danvan.common.paging import Paginator, PartsPagination, area_parts
from danvan.common.text import parse_id
from danvan.documents.models import Document
from danvan.initiatives import queries, rules, services
from danvan.initiatives.exceptions import InitiativeError
from danvan.initiatives.filters import InitiativeFilterSet
from danvan.initiatives.kept import FIGURES
from danvan.initiatives.models import (
    Commendation,
    Criterion,
    Evaluation,
    EvaluationScore,
    Field,
    Initiative,
    ProgressUpdate,
)
from danvan.units.models import Area, Body, Person

if TYPE_CHECKING:
    from danvan.accounts.models import User


def _errors(exc: Exception) -> serializers.ValidationError:
    if isinstance(exc, DjangoValidationError):
        return validation_error(exc)
    if isinstance(exc, InitiativeError):
        return serializers.ValidationError({"non_field_errors": [exc.message]})
    raise exc


class CriterionSerializer(ListedModelSerializer[Criterion]):
    id = serializers.IntegerField(required=False)

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = Criterion
        fields = ["id", "name", "unit", "target", "actual"]
        read_only_fields = ["actual"]


class ScoreSerializer(ListedModelSerializer[EvaluationScore]):
    criterion_name = serializers.CharField(source="criterion.name", read_only=True)

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = EvaluationScore
        fields = ["criterion", "criterion_name", "score"]
        read_only_fields = fields  # output only: ``evaluate`` takes EvaluateInput


class EvaluationSerializer(ListedModelSerializer[Evaluation]):
    scores = ScoreSerializer(many=True, read_only=True)
    # The user's name (str(User)); read as a column, so that a list reads it
    # with the evaluations' values (common.api.attach_rows). None: the system.
    evaluator = serializers.CharField(
        source="evaluator.username", read_only=True, allow_null=True
    )

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = Evaluation
        fields = [
            "id",
            "rubric",
            "total",
            "classification",
            "evaluator",
            "evaluator_area",
            "evaluator_body",
            "evaluated_on",
            "comment",
            "scores",
        ]
        read_only_fields = fields


class CommendationSerializer(ListedModelSerializer[Commendation]):
    document = ScopedRelatedField(Document, allow_null=True, required=False)
    body = ScopedRelatedField(Body, allow_null=True, required=False)

    class Meta:
        list_serializer_class = PrefetchedListSerializer
        model = Commendation
        fields = [
            "id",
            "level",
            "form",
            "decision_number",
            "document",
            "decided_on",
            "body",
            "body_name",
            "note",
        ]
        extra_kwargs = {"body_name": {"required": False, "allow_blank": True}}


class ProgressSerializer(serializers.ModelSerializer[ProgressUpdate]):
    results = IdKeyedDictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2),
        required=False,
        write_only=True,
        help_text="Criterion id -> value achieved.",
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "date",
            "text",
            "money_vnd",
            "working_days",
            "people_reached",
            "results",
        ]


class InitiativeSerializer(ListedModelSerializer[Initiative]):
    area = ScopedRelatedField(Area, required=False)
    body = ScopedRelatedField(Body, allow_null=True, required=False)
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.all())
    # The metaclass pops declared fields, so this does not shadow Field.field_name
    # at runtime; the stubs see the class attribute.
    field_name = serializers.CharField(  # type: ignore[assignment]
        source="field.name", read_only=True
    )
    area_name = serializers.CharField(source="area.full_name", read_only=True)
    body_name = serializers.CharField(
        source="body.name", read_only=True, default=None, allow_null=True
    )
    # Blank until the model is evaluated.
    classification = serializers.ChoiceField(
        choices=Initiative.Classification.choices, read_only=True, allow_blank=True
    )
    person = ScopedRelatedField(Person, allow_null=True, required=False)
    # Only a model the user sees may be named as the origin (as on the adopt page).
    adopted_from = ScopedRelatedField(Initiative, allow_null=True, required=False)
    # A continuation follows the unit's own earlier registration.
    previous = ScopedRelatedField(Initiative, allow_null=True, required=False)
    criteria = CriterionSerializer(many=True, required=False)
    evaluations = EvaluationSerializer(many=True, read_only=True)
    commendations = CommendationSerializer(many=True, read_only=True)
    replications = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "name",
            "field",
            "field_name",
            "kind",
            "year",
            "status",
            "continuing",
            "previous",
            "area",
            "area_name",
            "body",
            "body_name",
            "level",
            *[f for f in services.TEXT_FIELDS if f not in ("name",)],
            "money_vnd",
            "working_days",
            "socialized_vnd",
            "start_date",
            "end_date",
            "person",
            "adopted_from",
            "criteria",
            "classification",
            "evaluated_on",
            "commended_on",
            "mobilized_vnd",
            "mobilized_days",
            "people_reached",
            "published_as_exemplary",
            "published_on",
            "submitted_at",
            "reviewed_at",
            "review_note",
            "created_at",
            "evaluations",
            "commendations",
            "replications",
        ]
        read_only_fields = [
            "status",
            "level",
            "classification",
            "evaluated_on",
            "commended_on",
            "mobilized_vnd",
            "mobilized_days",
            "people_reached",
            "published_as_exemplary",
            "published_on",
            "submitted_at",
            "reviewed_at",
            "review_note",
            "created_at",
        ]

    def get_replications(self, initiative: Initiative) -> list[int]:
        """The copies the user may see (the viewset prefetches only those)."""
        shown: list[Initiative] | None = getattr(
            initiative, prefetched_attr("adoptions"), None
        )
        if shown is not None:
            return [copy.pk for copy in shown]
        user = self.context["request"].user
        copies = initiative.adoptions.filter(
            pk__in=Initiative.objects.visible_to(user).values("pk")
        )
        return list(copies.values_list("pk", flat=True))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("area") and not attrs.get("body"):
            raise serializers.ValidationError(
                {"area": _("Choose the registering area or body.")}
            )
        return attrs

    def _criteria(self, data: dict[str, Any]) -> list[dict[str, Any]] | None:
        if "criteria" not in data:
            return None
        return [{**item, "pk": item.pop("id", None)} for item in data.pop("criteria")]

    def create(self, validated_data: dict[str, Any]) -> Initiative:
        data = dict(validated_data)
        criteria = self._criteria(data) or []
        body = data.pop("body", None)
        area = data.pop("area", None) or (body.area if body else None)
        assert area is not None  # validate() requires an area or a body
        try:
            return services.create_initiative(
                actor=self.context["request"].user,
                area=area,
                body=body,
                criteria=criteria,
                **data,
            )
        except (DjangoValidationError, InitiativeError) as exc:
            raise _errors(exc) from exc

    def update(
        self, instance: Initiative, validated_data: dict[str, Any]
    ) -> Initiative:
        data = dict(validated_data)
        criteria = self._criteria(data)
        unit: dict[str, Any] = {}
        if "area" in data or "body" in data:
            unit = {"area": data.pop("area", None), "body": data.pop("body", None)}
            if unit["area"] is None and unit["body"] is None:
                unit["area"] = instance.area
        try:
            return services.update_initiative(
                actor=self.context["request"].user,
                initiative=instance,
                criteria=criteria,
                **unit,
                **data,
            )
        except (DjangoValidationError, InitiativeError) as exc:
            raise _errors(exc) from exc


class NoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvaluateInput(serializers.Serializer[Any]):
    scores = IdKeyedDictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2),
        help_text="Rubric criterion id -> score.",
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    evaluated_on = serializers.DateField(required=False)


class PublishInput(serializers.Serializer[Any]):
    published = serializers.BooleanField(default=True)


class ReplicatedSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    year = serializers.IntegerField()
    area_name = serializers.CharField(source="area.full_name")
    replications = serializers.IntegerField(source="copies")


class HintSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="initiative.pk")
    name = serializers.CharField(source="initiative.name")
    year = serializers.IntegerField(source="initiative.year")
    area_name = serializers.CharField(source="initiative.area.full_name")
    status = serializers.CharField(source="initiative.status")
    score = serializers.FloatField()
    on = serializers.CharField()


# The columns of InitiativeSerializer's fields (keys as ``…_id``, names of
# joined rows as ``…__name``), in a list read as values.
_LIST_COLUMNS = [
    "id",
    "name",
    "field_id",
    "field__name",
    "kind",
    "year",
    "status",
    "continuing",
    "previous_id",
    "area_id",
    "body_id",
    "body__name",
    "level",
    *[f for f in services.TEXT_FIELDS if f not in ("name",)],
    "money_vnd",
    "working_days",
    "socialized_vnd",
    "start_date",
    "end_date",
    "person_id",
    "adopted_from_id",
    "classification",
    "evaluated_on",
    "commended_on",
    "mobilized_vnd",
    "mobilized_days",
    "people_reached",
    "published_as_exemplary",
    "published_on",
    "submitted_at",
    "reviewed_at",
    "review_note",
    "created_at",
]


def _criteria() -> QuerySet[Criterion]:
    return Criterion.objects.order_by("initiative_id", "order", "pk")


# A list page's nested lists by the keys of its rows, each query compiled once
# (common.api.KeyedValues), in the orders the detail's prefetches use.
_CRITERIA = KeyedValues(
    _criteria, "initiative_id", "id", "name", "unit", "target", "actual"
)
# Every copy, in the models' order; the user's are picked by _sees.
_COPIES = KeyedValues(
    Initiative.objects.all, "adopted_from_id", "id", "area_path", "body__path"
)
_COMMENDATIONS = KeyedValues(
    Commendation.objects.all, "initiative_id",
    "id", "level", "form", "decision_number", "document_id", "decided_on",
    "body_id", "body_name", "note",
)  # fmt: skip
# The evaluations in their order, each one's scores in their criteria's.
_EVALUATIONS = KeyedValues(
    lambda: Evaluation.objects.order_by(
        *cast("list[str]", Evaluation._meta.ordering),
        "scores__criterion__order",
        "scores__criterion_id",
    ),
    "initiative_id", "id", "rubric_id", "total", "classification",
    "evaluator__username", "evaluator_area_id", "evaluator_body_id",
    "evaluated_on", "comment",
    "scores__criterion_id", "scores__criterion__name", "scores__score",
)  # fmt: skip
_AREA_NAMES = KeyedValues(Area.objects.all, "pk", "full_name")
# The pages of the list with no filter, compiled once per scope and page.
_PAGES = CompiledPages(*_LIST_COLUMNS)


def _attach_lists(page: list[Any], user: Any) -> None:
    """A list page's nested lists, as the serializers read them: the columns
    they show, one query each (common.api.attach_keyed), the evaluations with
    their scores."""
    attach_keyed(page, "criteria", _CRITERIA)
    _attach_copies(page, user)
    attach_keyed(page, "commendations", _COMMENDATIONS)
    _attach_evaluations(page)


def _attach_copies(page: list[Any], user: Any) -> None:
    """The copies of the page's models the user sees (``adoptions``), in the
    models' order: read by their origin's key alone, each tested against the
    user's scope as ``visible_to`` matches it (its area's path, its body's),
    not the scope's ranges in the query (1 ms of planning for a province)."""
    scope = scope_for(user)
    attach_keyed(page, "adoptions", _COPIES)
    stored = prefetched_attr("adoptions")
    for row in page:
        found = getattr(row, stored)
        if found:
            setattr(row, stored, [copy for copy in found if _sees(scope, copy)])


def _sees(scope: Scope, row: Row) -> bool:
    """Does ``scope`` read the model ``row`` (``Initiative.objects.visible_to``:
    its area's path, or its body's, in the scope's subtrees)?"""
    return scope.covers_area_path(row.area_path) or (
        row.body is not None and scope.covers_body_path(row.body.path)
    )


def _attach_evaluations(page: list[Any]) -> None:
    """The page's evaluations (``evaluations``), each with its scores
    (``scores``), in one query (_EVALUATIONS)."""
    stored, scored = prefetched_attr("evaluations"), prefetched_attr("scores")
    groups: dict[int, list[Row]] = {}
    last: Row | None = None
    for (
        initiative, pk, rubric, total, classification, username, area, body,
        evaluated_on, comment, criterion, criterion_name, score,
    ) in _EVALUATIONS([row.pk for row in page]):  # fmt: skip
        if last is None or last.id != pk:
            last = Row({"id": pk, "rubric_id": rubric, "total": total})
            last.__dict__.update(
                classification=classification,
                evaluator=None if username is None else Row({"username": username}),
                evaluator_area_id=area,
                evaluator_body_id=body,
                evaluated_on=evaluated_on,
                comment=comment,
            )
            last.__dict__[scored] = []
            groups.setdefault(initiative, []).append(last)
        if criterion is not None:
            score_row = Row({"criterion_id": criterion, "score": score})
            score_row.criterion = Row({"name": criterion_name})
            last.__dict__[scored].append(score_row)
    for row in page:
        setattr(row, stored, groups.get(row.pk, []))


_FILTERS = [
    OpenApiParameter("q", str, description="Search, accents optional."),
    OpenApiParameter("year", int),
    OpenApiParameter("field", int),
    OpenApiParameter("status", str),
    OpenApiParameter("classification", str),
    OpenApiParameter("area", int, description="Area id: its lineage counts."),
    OpenApiParameter("level", str),
    OpenApiParameter("kind", str),
    OpenApiParameter("adopted", str, enum=["copies", "origins"]),
    OpenApiParameter("sort", str),
]


@extend_schema_view(list=extend_schema(parameters=_FILTERS))
class InitiativeViewSet(ValuesPageMixin, viewsets.ModelViewSet[Initiative]):
    """Models of the user's units; writes follow the register's role rules."""

    serializer_class = InitiativeSerializer
    pagination_class = PartsPagination
    paginator: PartsPagination
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    # The list is read with no filter (its rows then depend on the scope alone).
    list_pages = _PAGES
    list_columns = _LIST_COLUMNS

    def get_queryset(self) -> QuerySet[Initiative]:
        initiatives = Initiative.objects.visible_to(self.request.user)
        if self.action == "list":
            # The page is read by paginate_queryset.
            return self._listed(initiatives)
        initiatives = initiatives.select_related("body", "field").prefetch_related(
            Prefetch("area", queryset=Area.objects.only("full_name"))
        )
        copies = Initiative.objects.visible_to(self.request.user).only(
            "pk", "adopted_from"
        )
        # Nested lists as plain lists (common.api.prefetch_list), each in its
        # model's order under the parent's key (no join for the parent's order).
        scores = EvaluationScore.objects.select_related("criterion").order_by(
            "evaluation_id", "criterion__order", "criterion__pk"
        )
        evaluations = Evaluation.objects.select_related("evaluator").prefetch_related(
            prefetch_list("scores", scores)
        )
        return initiatives.prefetch_related(
            prefetch_list("criteria", _criteria()),
            prefetch_list("adoptions", copies),
            prefetch_list("commendations"),
            prefetch_list("evaluations", evaluations),
        )

    def _listed(self, initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
        """The models the query string finds, in its order; sets the count.

        With no filter named, the rows are ``initiatives`` in the default
        order, without the FilterSet (common.api.filtered); it is built
        only to count them. The count reads each range of the scope on its
        own (common.paging), kept while no model changes (filters.kept_count's
        key: shared with the list page)."""
        params = self.request.query_params
        # IsAuthenticated (the default permission) keeps anonymous out.
        user = cast("User", self.request.user)
        rows, filters = filtered(InitiativeFilterSet, params, initiatives, user=user)
        self._plain = unfiltered(InitiativeFilterSet, params)

        def count() -> int:
            return Paginator(rows, 1, parts=area_parts(filters(), user)).count

        key = list_params(params)
        self.paginator.count = lambda: FIGURES.kept("list-count", user, key, count)
        return rows

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        """The page. On the list, its rows and their nested lists are read as
        values (common.api.Row, attach_rows): the columns the serializer shows,
        no model instance nor prefetch (half the time of the page)."""
        if self.action != "list":
            return super().paginate_queryset(queryset)
        rows = self.values_page(queryset)
        if rows is None:
            return None
        # The areas are read for the page's rows alone (as on the list page):
        # joined, PostgreSQL may read every area to join a search's matches.
        names = dict(_AREA_NAMES([row.area_id for row in rows]))
        for row in rows:
            row.area = Row({"full_name": names[row.area_id]})
        _attach_lists(rows, self.request.user)
        return rows

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not may_edit_somewhere(request.user):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._edited()
        return super().update(request, *args, **kwargs)

    def _respond(self, initiative: Initiative) -> Response:
        initiative = self.get_queryset().get(pk=initiative.pk)
        return Response(self.get_serializer(initiative).data)

    def _judged(self) -> Initiative:
        """The model, if the user may judge it: 404 out of scope, else 403."""
        initiative = self.get_object()
        if not rules.may_review(self.request.user, initiative):
            raise PermissionDenied
        return initiative

    def _edited(self) -> Initiative:
        """The model, if the user may act for its unit: 404 out of scope, else 403."""
        initiative = self.get_object()
        if not rules.may_edit(self.request.user, initiative):
            raise PermissionDenied
        return initiative

    def _call(self, function: Any, **kwargs: Any) -> Any:
        try:
            return function(actor=self.request.user, **kwargs)
        except (DjangoValidationError, InitiativeError) as exc:
            raise _errors(exc) from exc

    @extend_schema(request=None, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send the registration to the level above."""
        initiative = self._call(services.submit_initiative, initiative=self._edited())
        return self._respond(initiative)

    @extend_schema(request=NoteInput, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """Accept a submitted registration (approver of the level above)."""
        initiative = self._judged()
        data = NoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        initiative = self._call(
            services.accept_initiative,
            initiative=initiative,
            note=data.validated_data["note"],
        )
        return self._respond(initiative)

    @extend_schema(request=NoteInput, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str) -> Response:
        """Return a submitted registration for changes, saying what to change."""
        initiative = self._judged()
        data = NoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        initiative = self._call(
            services.return_initiative,
            initiative=initiative,
            note=data.validated_data["note"],
        )
        return self._respond(initiative)

    @extend_schema(request=EvaluateInput, responses={201: EvaluationSerializer})
    @action(detail=True, methods=["post"])
    def evaluate(self, request: Request, pk: str) -> Response:
        """Evaluate with the year's rubric; the history is kept."""
        initiative = self._judged()
        data = EvaluateInput(data=request.data)
        data.is_valid(raise_exception=True)
        scores = data.validated_data["scores"]
        evaluation = self._call(
            services.evaluate_initiative,
            initiative=initiative,
            scores=scores,
            comment=data.validated_data["comment"],
            evaluated_on=data.validated_data.get("evaluated_on"),
        )
        return Response(EvaluationSerializer(evaluation).data, status=201)

    @extend_schema(request=ProgressSerializer, responses={201: ProgressSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str) -> Response:
        """Report progress: results against the criteria, money, days, people."""
        initiative = self._edited()
        data = ProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        results = values.pop("results", {})
        update = self._call(
            services.add_progress_update,
            initiative=initiative,
            results=results,
            **values,
        )
        return Response(ProgressSerializer(update).data, status=201)

    @extend_schema(
        request=CommendationSerializer, responses={201: CommendationSerializer}
    )
    @action(detail=True, methods=["post"])
    def commend(self, request: Request, pk: str) -> Response:
        """Record a commendation; a decision number of the register is linked."""
        initiative = self._judged()
        data = CommendationSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        commendation = self._call(
            services.commend_initiative,
            initiative=initiative,
            **data.validated_data,
        )
        return Response(
            CommendationSerializer(commendation, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=PublishInput, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        """Publish as exemplary (``published: false`` withdraws it)."""
        initiative = self._judged()
        data = PublishInput(data=request.data)
        data.is_valid(raise_exception=True)
        initiative = self._call(
            services.publish_exemplary,
            initiative=initiative,
            published=data.validated_data["published"],
        )
        return self._respond(initiative)

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, required=True),
            OpenApiParameter("goals", str),
            OpenApiParameter("area", int, required=True),
            OpenApiParameter("year", int),
        ],
        responses=HintSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def similar(self, request: Request) -> Response:
        """Models with a similar name or goals in the same and nearby areas."""
        params = request.query_params
        area_pk = parse_id(params.get("area"))
        area = (
            Area.objects.visible_to(request.user).filter(pk=area_pk).first()
            if area_pk is not None
            else None
        )
        if area is None:
            raise serializers.ValidationError({"area": _("Choose one of your areas.")})
        year = params.get("year", "")
        hints = queries.similar_initiatives(
            user=request.user,
            name=params.get("name", ""),
            goals=params.get("goals", ""),
            area=area,
            year=parse_id(year),
        )
        return Response(HintSerializer(hints, many=True).data)

    @extend_schema(responses=ReplicatedSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def replicated(self, request: Request) -> Response:
        """The models of the user's units replicated most often."""
        models = queries.most_replicated(
            Initiative.objects.visible_to(request.user), limit=50
        )
        return Response(ReplicatedSerializer(models, many=True).data)
