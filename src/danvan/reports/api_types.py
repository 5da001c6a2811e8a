"""API of the report types (read only), with each type's outline.

Report types are a catalogue every signed-in user reads (like the figures'
forms); they are changed from the pages. The issuer is given by its key alone
(docs/style.md: a catalogue names the tree only to those who see it).
``?q=`` searches names and codes without accents; ``?period_type=`` and
``?active=true|false`` filter.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers, viewsets

from danvan.datasets.models import ReportForm
from danvan.reports.models import OutlineSection, ReportType


class OutlineSectionSerializer(serializers.ModelSerializer[OutlineSection]):
    class Meta:
        model = OutlineSection
        fields = [
            "id",
            "key",
            "title",
            "level",
            "order",
            "fills",
            "body_kinds",
            "indicators",
            "guidance",
        ]


class ReportTypeSerializer(serializers.ModelSerializer[ReportType]):
    outline = OutlineSectionSerializer(many=True, read_only=True)
    forms = serializers.SlugRelatedField[ReportForm](
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = ReportType
        fields = [
            "id",
            "code",
            "name",
            "subject",
            "description",
            "period_type",
            "owner_body",
            "area",
            "reporter_level",
            "reporter_kinds",
            "reporter_name",
            "cutoff_day",
            "deadline_days",
            "layout",
            "signer_capacity",
            "signer_title",
            "recipients",
            "forms",
            "active",
            "outline",
        ]


def _active(query: str | None) -> bool | None:
    if query in ("true", "1", "yes"):
        return True
    if query in ("false", "0", "no"):
        return False
    return None


class ReportTypeViewSet(viewsets.ReadOnlyModelViewSet[ReportType]):
    """The report types with their outlines (sections in order) and the codes
    of their figures forms."""

    serializer_class = ReportTypeSerializer

    def get_queryset(self) -> QuerySet[ReportType]:
        # The catalogue: every signed-in user reads every type.
        rows = ReportType.objects.prefetch_related(
            Prefetch("outline", OutlineSection.objects.order_by("order", "pk")),
            "forms",
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
