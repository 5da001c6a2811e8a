"""API of submissions and their approval, and of a form's completeness.

- ``/api/v1/submissions/``: the submissions the user sees (``?form=``,
  ``?period=``, ``?status=``, ``?waiting=1`` for those waiting for the user's
  decision), each with its status, deadline and whether it was late; POST
  ``{id}/submit/``, ``{id}/accept/``, ``{id}/return/`` (``note`` required),
  ``{id}/unlock/`` (``note``: the reason, required), through the same
  services as the pages.
- ``/api/v1/completeness/?form=<id>&period=quarter:2026:1&area=<id>``: each
  reporting body the user sees with its completeness status, and the totals.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.common.paging import PartsPagination
from danvan.common.text import parse_id
from danvan.datasets import completeness as rates
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.models import ReportForm, Submission
from danvan.datasets.services import approval
from danvan.units.models import Area


class SubmissionSerializer(serializers.ModelSerializer[Submission]):
    form_name = serializers.CharField(source="form.name", read_only=True)
    period_name = serializers.CharField(source="period.__str__", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    # Plain text, not an enum of the schema: "status" names other choices in
    # other apps' components.
    status = serializers.CharField(
        read_only=True,
        help_text="draft (being entered), submitted, returned or accepted.",
    )
    late = serializers.BooleanField(read_only=True)
    locked = serializers.BooleanField(read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "form",
            "form_name",
            "period",
            "period_name",
            "body",
            "body_name",
            "area",
            "status",
            "due_on",
            "late",
            "locked",
            "submitted_at",
            "decided_at",
            "note",
            "form_version",
        ]
        read_only_fields = fields


class SubmissionNoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitResult(serializers.Serializer[Any]):
    submission = SubmissionSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class SubmissionViewSet(viewsets.ReadOnlyModelViewSet[Submission]):
    """Submissions of figures the user sees, newest period first."""

    serializer_class = SubmissionSerializer
    pagination_class = PartsPagination
    # Keys are numbers: ``submissions/<word>/`` stays free for other routes.
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Submission]:
        user = self.request.user
        rows = Submission.objects.visible_to(user).select_related(
            "form", "period", "body"
        )
        params = self.request.query_params
        if (form := parse_id(params.get("form"))) is not None:
            rows = rows.filter(form_id=form)
        if (period := parse_id(params.get("period"))) is not None:
            rows = rows.filter(period_id=period)
        if params.get("status") in Submission.Status.values:
            rows = rows.filter(status=params["status"])
        if params.get("waiting") in ("1", "true"):
            rows = rows.filter(approval.waiting_for(user))
        return rows.order_by("-period__start", "area_path", "pk")

    def _checked(self, *, decide: bool) -> Submission:
        """The submission: 404 out of scope, 403 when the step is not theirs."""
        submission = self.get_object()
        user = self.request.user
        allowed = (
            approval.may_decide(user, submission)
            if decide
            else approval.may_submit(user, submission)
        )
        if not allowed:
            raise PermissionDenied
        return submission

    def _respond(self, submission: Submission) -> Response:
        return Response(
            self.get_serializer(self.get_queryset().get(pk=submission.pk)).data
        )

    def _note(self) -> str:
        data = SubmissionNoteInput(data=self.request.data)
        data.is_valid(raise_exception=True)
        return str(data.validated_data["note"])

    def _call(self, function: Any, **kwargs: Any) -> Any:
        try:
            return function(actor=self.request.user, **kwargs)
        except approval.IncompleteError as exc:
            raise ValidationError(
                {"detail": exc.message, "problems": exc.problems}
            ) from exc
        except DatasetError as exc:
            raise ValidationError({"detail": exc.message}) from exc

    @extend_schema(request=None, responses=SubmitResult)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send the figures to the level above; the rules' warnings come back."""
        submission = self._checked(decide=False)
        warnings = self._call(approval.submit, submission=submission)
        row = self.get_queryset().get(pk=submission.pk)
        return Response(
            {
                "submission": self.get_serializer(row).data,
                "warnings": [w.message for w in warnings],
            }
        )

    @extend_schema(request=SubmissionNoteInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """Accept submitted figures (an approver of the level above): locked."""
        submission = self._checked(decide=True)
        self._call(approval.accept, submission=submission, note=self._note())
        return self._respond(submission)

    @extend_schema(request=SubmissionNoteInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str) -> Response:
        """Return submitted figures to the unit; ``note`` says what to correct."""
        submission = self._checked(decide=True)
        self._call(approval.return_, submission=submission, note=self._note())
        return self._respond(submission)

    @extend_schema(request=SubmissionNoteInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def unlock(self, request: Request, pk: str) -> Response:
        """Unlock accepted figures for correction; ``note`` says why."""
        submission = self._checked(decide=True)
        self._call(approval.unlock, submission=submission, reason=self._note())
        return self._respond(submission)


class CompletenessRowSerializer(serializers.Serializer[Any]):
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField()
    area = serializers.IntegerField(source="area_id")
    area_name = serializers.CharField()
    status = serializers.CharField()
    submission = serializers.IntegerField(source="submission_id", allow_null=True)
    submission_status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    due_on = serializers.DateField()


class CompletenessSerializer(serializers.Serializer[Any]):
    form = serializers.IntegerField()
    period = serializers.CharField()
    area = serializers.IntegerField(allow_null=True)
    totals = serializers.DictField(child=serializers.IntegerField())
    submitted_percent = serializers.FloatField(allow_null=True)
    on_time_percent = serializers.FloatField(allow_null=True)
    rows = CompletenessRowSerializer(many=True)


class _OneObject(AutoSchema):
    """The completeness answers one object (totals and rows), not a list."""

    def _is_list_view(self, *args: Any, **kwargs: Any) -> bool:
        return False


class CompletenessViewSet(viewsets.ViewSet):
    """Completeness of a form's period under an area."""

    schema = _OneObject()

    @extend_schema(
        parameters=[
            OpenApiParameter("form", int, required=True),
            OpenApiParameter(
                "period",
                str,
                required=True,
                description="type:year[:number], e.g. quarter:2026:1",
            ),
            OpenApiParameter("area", int, description="a sub-area (drill down)"),
        ],
        responses=CompletenessSerializer,
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        key = parse_id(params.get("form"))
        if key is None:
            raise ValidationError({"form": _("Choose a form (form=<id>).")})
        form = get_object_or_404(ReportForm.objects.select_related("area"), pk=key)
        named = rates.parse_period(params.get("period", ""))
        if named is None or named[0] != form.period_type:
            raise ValidationError(
                {"period": _("Not a period of this form (e.g. quarter:2026:1).")}
            )
        period = rates.named_period(*named)
        parent = None
        if (area := parse_id(params.get("area"))) is not None:
            parent = Area.objects.visible_to(request.user).filter(pk=area).first()
            if parent is None:
                raise ValidationError({"area": _("No such area.")})
        rows = rates.completeness(form, period, parent, request.user)
        totals = rates.totals(rows)
        data = {
            "form": form.pk,
            "period": rates.period_spec(period),
            "area": parent.pk if parent else None,
            "totals": {"total": totals.total, **totals.counts},
            "submitted_percent": totals.submitted_percent,
            "on_time_percent": totals.on_time_percent,
            "rows": rows,
        }
        return Response(CompletenessSerializer(data).data)
