"""The API of reported values: read and write a body's form for a period in bulk.

``GET /api/v1/values/?form=<code or id>&period=<id or TYPE:YEAR[:N]>&body=<id>``
answers the submission's status and its values; ``PUT`` on the same address
sets the values given (``{"values": [{"indicator": code, "option": "",
"value": …}]}``), with the same validation and locks as the entry page,
all or nothing: a refused batch answers 400 listing every bad row, and
nothing is saved. A value is a JSON number, a string typed the Vietnamese way
(``"2.943"``, ``"1,5"``), ``true``/``false`` or ``"có"``/``"không"`` for
yes/no, text, or ``null`` (or ``""``) to clear it; values not listed stay
as they are, so the same PUT twice leaves the same values (idempotent).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.common.access import get_visible_or_404
from danvan.common.numbers import format_number
from danvan.datasets import completeness
from danvan.datasets.exceptions import DatasetError, LockedError
from danvan.datasets.models import DataValue, Period, ReportForm, Submission
from danvan.datasets.services import values as service
from danvan.datasets.services.submissions import open_submission
from danvan.meetings import periods
from danvan.units.models import Body

if TYPE_CHECKING:
    from danvan.accounts.models import User


class ValueSerializer(serializers.ModelSerializer[DataValue]):
    indicator = serializers.CharField(source="indicator.code")
    number = serializers.SerializerMethodField(
        help_text="The value as a decimal string without trailing zeros "
        "(yes/no as 1/0); null for text."
    )

    def get_number(self, value: DataValue) -> str | None:
        if value.number is None:
            return None
        return format(value.number.normalize(), "f")

    class Meta:
        model = DataValue
        fields = ["indicator", "option", "number", "text", "comment", "updated_at"]


class ValueInSerializer(serializers.Serializer[Any]):
    indicator = serializers.CharField(max_length=40)
    option = serializers.CharField(max_length=30, required=False, allow_blank=True)
    value = serializers.JSONField(
        allow_null=True,
        help_text="A number, a string typed the Vietnamese way, true/false, "
        "text, or null to clear.",
    )


class ValuesInSerializer(serializers.Serializer[Any]):
    values = ValueInSerializer(many=True)


def typed(value: Any) -> str:
    """A JSON value as the entry page would have it typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return format_number(Decimal(str(value)), grouping=False)
    if isinstance(value, str):
        return value
    raise serializers.ValidationError({"value": "?"})


def _period(text: str, *, create: bool) -> Period:
    """A period by id, or named ``TYPE:YEAR[:N]`` (made on a write)."""
    if text.isdigit():
        return get_object_or_404(Period, pk=int(text))
    named = completeness.parse_period(text)
    if named is None:
        raise Http404
    if create:
        return Period.objects.of(*named)
    start, end = periods.resolve_period(*named)
    return get_object_or_404(Period, type=named[0], start=start, end=end)


def _form(text: str) -> ReportForm:
    lookup = {"pk": int(text)} if text.isdigit() else {"code": text}
    return get_object_or_404(ReportForm, **lookup)


def _answer(submission: Submission | None, user: Any) -> dict[str, Any]:
    if submission is None:
        return {"submission": None, "status": None, "locked": False, "values": []}
    rows = (
        DataValue.objects.visible_to(user)
        .filter(submission=submission)
        .select_related("indicator")
        .order_by("indicator__code", "option")
    )
    return {
        "submission": submission.pk,
        "status": submission.status,
        "locked": submission.locked,
        "form_version": submission.form_version,
        "values": ValueSerializer(rows, many=True).data,
    }


_QUERY = [
    OpenApiParameter("form", str, required=True, description="Form code or id."),
    OpenApiParameter(
        "period",
        str,
        required=True,
        description="Period id, or TYPE:YEAR[:N] (quarter:2026:3, year:2025).",
    ),
    OpenApiParameter("body", int, required=True, description="Reporting body id."),
]
_ANSWER = inline_serializer(
    "SubmissionValues",
    {
        "submission": serializers.IntegerField(allow_null=True),
        "status": serializers.CharField(allow_null=True),
        "locked": serializers.BooleanField(),
        "form_version": serializers.IntegerField(required=False),
        "values": ValueSerializer(many=True),
    },
)
_REFUSED = inline_serializer(
    "ValuesRefused",
    {
        "detail": serializers.CharField(),
        "errors": inline_serializer(
            "ValueRefused",
            {
                "row": serializers.IntegerField(),
                "indicator": serializers.CharField(),
                "option": serializers.CharField(),
                "message": serializers.CharField(),
            },
            many=True,
        ),
    },
)


class SubmissionValuesView(GenericAPIView[DataValue]):
    """The values of one reporting body's form for one period."""

    serializer_class = ValuesInSerializer
    queryset = DataValue.objects.none()

    def _target(
        self, request: Request, *, create: bool
    ) -> tuple[ReportForm, Period, Body]:
        params = request.query_params
        if not all(params.get(k) for k in ("form", "period", "body")):
            raise serializers.ValidationError(
                {"detail": "form, period and body are required."}
            )
        body_id = params["body"]
        if not body_id.isdigit():
            raise Http404
        body = get_visible_or_404(Body, request.user, pk=int(body_id))
        return _form(params["form"]), _period(params["period"], create=create), body

    @extend_schema(parameters=_QUERY, responses={200: _ANSWER})
    def get(self, request: Request) -> Response:
        form, period, body = self._target(request, create=False)
        submission = (
            Submission.objects.visible_to(request.user)
            .filter(form=form, period=period, body=body)
            .select_related("form", "period", "body")
            .first()
        )
        return Response(_answer(submission, request.user))

    @extend_schema(
        parameters=_QUERY,
        request=ValuesInSerializer,
        responses={
            200: _ANSWER,
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Refused, nothing saved: ``detail`` and every bad row "
                "in ``errors`` (row, indicator, option, message), or the fields "
                "of a malformed body.",
            ),
            409: _REFUSED,
        },
    )
    def put(self, request: Request) -> Response:
        form, period, body = self._target(request, create=True)
        serializer = ValuesInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = serializer.validated_data["values"]
        rows = [
            (i["indicator"].strip(), (i.get("option") or "").strip(), typed(i["value"]))
            for i in items
        ]
        actor = cast("User", request.user)
        try:
            submission = open_submission(
                actor=actor, form=form, period=period, body=body
            )
            service.save_values(actor=actor, submission=submission, rows=rows)
        except PermissionDenied:
            raise
        except service.ValuesError as error:
            return Response(
                {
                    "detail": error.message,
                    "errors": [
                        {
                            "row": index,
                            "indicator": rows[index][0],
                            "option": rows[index][1],
                            "message": message,
                        }
                        for index, message in error.errors
                    ],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        except DatasetError as error:
            code = (
                status.HTTP_409_CONFLICT
                if isinstance(error, LockedError)
                else status.HTTP_400_BAD_REQUEST
            )
            return Response({"detail": error.message, "errors": []}, status=code)
        submission.refresh_from_db()
        return Response(_answer(submission, request.user))
