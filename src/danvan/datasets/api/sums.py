"""The sums of reported figures as JSON: ``/api/v1/figures/sums/``.

    GET /api/v1/figures/sums/?indicators=MH_DK,12&area=15&start=2025-01-01
        &end=2025-12-31&period_type=quarter&by=unit,period

The same sums as the pivot page (``datasets.aggregate.sums``), read through
the same form: ``indicators`` by id or code, comma-separated (every numeric
indicator in use when absent); ``area`` or ``body`` by id (the reader's own
area when neither is given; another unit's is a 404); ``start`` and ``end``
(ISO or dd/mm/yyyy; this year by default); ``period_type`` (month, quarter,
4m, 6m, 9m, year, custom; quarter by default); ``by``: ``unit``, ``period``,
both (``unit,period``) or ``indicator`` (totals only). Values are decimal
strings; a cell without values is absent.
"""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.common.kept import list_params
from danvan.datasets.aggregate import Sums, sums
from danvan.datasets.forms.sums import PivotForm, read_choice
from danvan.datasets.kept import SUMS
from danvan.documents.forms import default_area

BY = {
    "": "unit",
    "unit": "unit",
    "period": "period",
    "unit,period": "unit_period",
    "period,unit": "unit_period",
    "indicator": "indicator",
}


class SumIndicatorSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    value_type = serializers.CharField()
    aggregation = serializers.CharField()


class SumUnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk", allow_null=True)
    code = serializers.CharField()
    name = serializers.CharField()


class SumPeriodSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"


class SumRowSerializer(serializers.Serializer[Any]):
    indicator = serializers.IntegerField(source="indicator.pk")
    unit = serializers.IntegerField(source="unit.pk", allow_null=True, default=None)
    period = serializers.DateField(source="period.start", allow_null=True, default=None)
    value = serializers.DecimalField(
        max_digits=30, decimal_places=4, allow_null=True, normalize_output=True
    )
    count = serializers.IntegerField()


class SumsSerializer(serializers.Serializer[Any]):
    area = serializers.IntegerField(source="area.pk", allow_null=True, default=None)
    body = serializers.IntegerField(source="body.pk", allow_null=True, default=None)
    start = serializers.DateField()
    end = serializers.DateField()
    period_type = serializers.CharField()
    by = serializers.ListField(child=serializers.CharField())
    indicators = SumIndicatorSerializer(many=True)
    units = SumUnitSerializer(many=True)
    periods = SumPeriodSerializer(many=True)
    rows = SumRowSerializer(many=True)
    totals = serializers.SerializerMethodField()

    @extend_schema_field(SumRowSerializer(many=True))
    def get_totals(self, result: Sums) -> list[dict[str, Any]]:
        return SumRowSerializer(list(result.totals.values()), many=True).data  # type: ignore[return-value]


def _form_data(params: QueryDict) -> QueryDict:
    data = QueryDict(mutable=True)
    for name in ("area", "body", "start", "end", "period_type"):
        value = params.get(name)
        if value:
            data[name] = str(value)
    indicators = [
        part.strip() for part in params.get("indicators", "").split(",") if part.strip()
    ]
    data.setlist("indicators", indicators)
    by = params.get("by", "").replace(" ", "")
    if by not in BY:
        raise serializers.ValidationError(
            {"by": _("Choose unit, period, unit,period or indicator.")}
        )
    data["by"] = BY[by]
    return data


class _OneObject(AutoSchema):
    """The sums are one object (indicators, units, periods, rows, totals)."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


class SumsViewSet(viewsets.ViewSet):
    """Sums of indicators on an area or body over a span of periods."""

    schema = _OneObject()

    @extend_schema(
        parameters=[
            OpenApiParameter("indicators", str, description="Ids or codes, commas."),
            OpenApiParameter("area", int),
            OpenApiParameter("body", int),
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter("end", OpenApiTypes.DATE),
            OpenApiParameter(
                "period_type",
                str,
                enum=["month", "quarter", "4m", "6m", "9m", "year", "custom"],
            ),
            OpenApiParameter(
                "by", str, enum=["unit", "period", "unit,period", "indicator"]
            ),
        ],
        responses=SumsSerializer,
    )
    def list(self, request: Request) -> Response:
        user: Any = request.user
        area = default_area(user)
        params = request.query_params

        def compute() -> Any:
            form = PivotForm(_form_data(params), user=user)
            if not form.is_valid():
                if form.out_of_scope():
                    raise NotFound
                raise serializers.ValidationError(
                    {
                        name: [str(e) for e in errors]
                        for name, errors in form.errors.items()
                    }
                )
            choice = read_choice(form, area)
            result = sums(
                user=user,
                indicators=choice.indicators,
                area=choice.area,
                body=choice.body,
                start=choice.start,
                end=choice.end,
                period_type=choice.period_type,
                by=choice.by,
            )
            return SumsSerializer(result).data

        # Kept like the pivot page (datasets.kept.SUMS).
        key = (list_params(params), area.pk if area else None)
        return Response(SUMS.kept("api", user, key, compute))
