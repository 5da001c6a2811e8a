"""Pieces every app's API shares: scoped keys and readable errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.INT)
class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key among the rows the requesting user sees.

    The rows are ``model.objects.visible_to(user)``, or ``scope(user)`` when
    given (``scope`` also receives ``None`` while the schema is generated).
    """

    def __init__(
        self,
        model: type[Model] | None = None,
        scope: Callable[[Any], QuerySet] | None = None,
        **kwargs: Any,
    ) -> None:
        self.model = model
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        request = self.context.get("request")
        user = request.user if request is not None else None
        if self.scope is not None:
            return self.scope(user)
        if user is None:
            return self.model.objects.none()  # type: ignore[union-attr]
        return self.model.objects.visible_to(user)  # type: ignore[union-attr]


def validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    """A service's validation error as the API's 400 answer."""
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"non_field_errors": exc.messages})
