"""API of the unit tree (read only): the areas a user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from danvan.units.models import Area


class AreaSerializer(serializers.ModelSerializer[Area]):
    # Shadows ``Field.parent`` only in the stubs: the serializer metaclass moves
    # declared fields into ``_declared_fields``.
    parent: serializers.PrimaryKeyRelatedField[Area] = (
        serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
            read_only=True, allow_null=True
        )
    )

    class Meta:
        model = Area
        fields = [
            "id",
            "code",
            "name",
            "full_name",
            "kind",
            "level",
            "parent",
            "valid_from",
            "valid_to",
        ]


class AreaViewSet(viewsets.ReadOnlyModelViewSet[Area]):
    """Areas in the user's part of the tree; ``?q=`` searches without accents."""

    serializer_class = AreaSerializer

    def get_queryset(self) -> QuerySet[Area]:
        areas = Area.objects.visible_to(self.request.user).select_related("parent")
        query = self.request.query_params.get("q", "")
        return areas.search(query).for_display() if query else areas.order_by("path")
