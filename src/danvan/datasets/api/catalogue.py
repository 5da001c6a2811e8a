"""API of the figures' catalogue (read only): indicators and report forms,
with a form's sections, indicators and validation rules.

The catalogue is read by every signed-in user; it is changed from the pages.
``?q=`` searches names and codes without accents.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers, viewsets

from danvan.datasets.models import (
    Breakdown,
    BreakdownOption,
    FormIndicator,
    FormSection,
    Indicator,
    ReportForm,
    ValidationRule,
)


class BreakdownOptionSerializer(serializers.ModelSerializer[BreakdownOption]):
    class Meta:
        model = BreakdownOption
        fields = ["code", "name"]


class BreakdownSerializer(serializers.ModelSerializer[Breakdown]):
    options = BreakdownOptionSerializer(many=True, read_only=True)

    class Meta:
        model = Breakdown
        fields = ["code", "name", "options"]


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    breakdown = BreakdownSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "value_type",
            "unit",
            "aggregation",
            "breakdown",
            "description",
            "active",
        ]


def _active(query: str | None) -> bool | None:
    if query in ("true", "1", "yes"):
        return True
    if query in ("false", "0", "no"):
        return False
    return None


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet[Indicator]):
    """The indicators, by code; ``?q=`` searches, ``?value_type=`` and
    ``?active=true|false`` filter."""

    serializer_class = IndicatorSerializer

    def get_queryset(self) -> QuerySet[Indicator]:
        rows = Indicator.objects.select_related("breakdown").prefetch_related(
            Prefetch("breakdown__options", BreakdownOption.objects.order_by("order"))
        )
        params = self.request.query_params
        if params.get("q"):
            rows = rows.search(params["q"])
        if params.get("value_type"):
            rows = rows.filter(value_type=params["value_type"])
        active = _active(params.get("active"))
        if active is not None:
            rows = rows.filter(active=active)
        return rows.order_by("code")


class FormSectionSerializer(serializers.ModelSerializer[FormSection]):
    class Meta:
        model = FormSection
        fields = ["id", "title", "order"]


class FormIndicatorSerializer(serializers.ModelSerializer[FormIndicator]):
    code = serializers.CharField(source="indicator.code", read_only=True)
    name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = FormIndicator
        fields = ["indicator", "code", "name", "section", "order", "required"]


class ValidationRuleSerializer(serializers.ModelSerializer[ValidationRule]):
    class Meta:
        model = ValidationRule
        fields = ["id", "name", "left", "operator", "right", "severity", "message"]


class ReportFormSerializer(serializers.ModelSerializer[ReportForm]):
    sections = FormSectionSerializer(many=True, read_only=True)
    indicators = FormIndicatorSerializer(source="items", many=True, read_only=True)
    rules = ValidationRuleSerializer(many=True, read_only=True)

    class Meta:
        model = ReportForm
        fields = [
            "id",
            "code",
            "name",
            "description",
            "period_type",
            "owner_body",
            "area",
            "reporter_level",
            "reporter_kinds",
            "reporter_name",
            "cutoff_day",
            "deadline_days",
            "approval",
            "version",
            "active",
            "sections",
            "indicators",
            "rules",
        ]


class ReportFormViewSet(viewsets.ReadOnlyModelViewSet[ReportForm]):
    """The report forms with their sections, indicators (in order) and rules;
    ``?q=`` searches, ``?period_type=`` and ``?active=true|false`` filter."""

    serializer_class = ReportFormSerializer

    def get_queryset(self) -> QuerySet[ReportForm]:
        # The catalogue: every signed-in user reads every form.
        rows = ReportForm.objects.prefetch_related(
            Prefetch("sections", FormSection.objects.order_by("order", "pk")),
            Prefetch(
                "items",
                FormIndicator.objects.select_related("indicator").order_by(
                    "order", "pk"
                ),
            ),
            Prefetch("rules", ValidationRule.objects.order_by("pk")),
        )
        params = self.request.query_params
        if params.get("q"):
            rows = rows.search(params["q"])
        if params.get("period_type"):
            rows = rows.filter(period_type=params["period_type"])
        active = _active(params.get("active"))
        if active is not None:
            rows = rows.filter(active=active)
        return rows.order_by("code")
