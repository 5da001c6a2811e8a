"""Pieces every app's API shares: scoped keys and readable errors."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework import views as drf_views
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.response import Response

from danvan.common.text import parse_id

_M = TypeVar("_M", bound=Model)


# No docstring: drf-spectacular would describe every subclass's schema with it.
class ListedModelSerializer(serializers.ModelSerializer[_M]):
    # A ModelSerializer whose fields are built once per class, then copied.
    # DRF builds every field of a ModelSerializer from the model's on each
    # instance (field mapping, validators): a few ms per API page of models,
    # the same work each time. The built fields are kept on the class and each
    # instance takes a deep copy, as DRF does with the declared fields. Fields
    # must not depend on the instance or its context.

    def get_fields(self) -> dict[str, serializers.Field]:  # type: ignore[type-arg]  # as in the stubs
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built  # type: ignore[attr-defined]  # a class cache
        return copy.deepcopy(built)


def prefetched_attr(name: str) -> str:
    """The attribute ``prefetch_list`` fills for the relation ``name``."""
    return f"prefetched_{name}"


def prefetch_list(name: str, queryset: QuerySet[Any] | None = None) -> Prefetch[Any]:
    """Prefetch the many-valued relation ``name`` of a list's rows into a plain list.

    Django's ordinary prefetch gives every row a queryset of its own (a
    ``filter()`` per row and relation: a quarter of an API page of fifty
    models); ``to_attr`` stores the list as it is. Nested serializers read it
    through ``PrefetchedListSerializer``; nest further prefetches in
    ``queryset``.
    """
    return Prefetch(name, queryset=queryset, to_attr=prefetched_attr(name))


class PrefetchedListSerializer(serializers.ListSerializer[Any]):
    """A nested list that reads what ``prefetch_list`` stored, when it did.

    Set it as ``Meta.list_serializer_class`` of a serializer nested with
    ``many=True``. Rows fetched without the prefetch (one row after a write)
    read the relation as usual.
    """

    def get_attribute(self, instance: Any) -> Any:
        if len(self.source_attrs) == 1:
            rows = getattr(instance, prefetched_attr(self.source_attrs[0]), None)
            if rows is not None:
                return rows
        return super().get_attribute(instance)


class PrefetchedManyRelatedField(serializers.ManyRelatedField):
    """Keys of a many-to-many relation, read from what ``prefetch_list`` stored.

    ``ScopedRelatedField(..., many=True)`` builds one; rows fetched without the
    prefetch read the relation as usual.
    """

    def get_attribute(self, instance: Any) -> Any:
        if len(self.source_attrs) == 1:
            rows = getattr(instance, prefetched_attr(self.source_attrs[0]), None)
            if rows is not None:
                return rows
        return super().get_attribute(instance)


@extend_schema_field(OpenApiTypes.INT)
class ScopedRelatedField(serializers.PrimaryKeyRelatedField[Any]):
    """A primary key among the rows the requesting user sees.

    The rows are ``model.objects.visible_to(user)``, or ``scope(user)`` when
    given (``scope`` also receives ``None`` while the schema is generated).
    """

    def __init__(
        self,
        model: type[Model] | None = None,
        scope: Callable[[Any], QuerySet[Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        self.model = model
        self.scope = scope
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> PrefetchedManyRelatedField:
        # DRF's many_init, with the field that reads the prefetched list.
        return PrefetchedManyRelatedField(
            child_relation=cls(*args, **kwargs),
            **{k: v for k, v in kwargs.items() if k in MANY_RELATION_KWARGS},
        )

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        user = request.user if request is not None else None
        if self.scope is not None:
            return self.scope(user)
        if user is None:
            return self.model.objects.none()  # type: ignore[union-attr,no-any-return]  # model set whenever scope is not
        return self.model.objects.visible_to(user)  # type: ignore[union-attr,no-any-return]  # a scoped manager


class IdKeyedDictField(serializers.DictField):
    """A JSON object keyed by row ids, e.g. criterion id -> value; keys become ints."""

    default_error_messages = {
        "not_an_id": _("“{value}” is not an id: the keys must be whole numbers."),
    }

    def to_internal_value(self, data: Any) -> dict[int, Any]:
        values = super().to_internal_value(data)
        result = {}
        for key, value in values.items():
            pk = parse_id(key)
            if pk is None:
                self.fail("not_an_id", value=key)
            result[pk] = value
        return result


_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Field name (or "non_field_errors", "detail") -> messages, possibly nested.
_INVALID = {"type": "object", "additionalProperties": {}}
_BODY_METHODS = {"post", "put", "patch"}


def document_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Add the error answers every operation may give to the OpenAPI schema.

    A drf-spectacular post-processing hook: refused input (400), no or a bad
    token (401), no right (403), nothing in scope (404), a body of another type
    (415) and throttling (429) are answered by every view alike.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = _ERROR
    schemas["InvalidInput"] = _INVALID
    error = {"$ref": "#/components/schemas/Error"}
    invalid = {"$ref": "#/components/schemas/InvalidInput"}
    answers = {
        "400": ("Refused input, with a message per field.", invalid),
        "401": ("Not signed in, or the token is unknown or expired.", error),
        "403": ("The user may not do this.", error),
        "404": ("No such object in the user's scope.", error),
        "429": ("Too many requests; retry later.", error),
    }
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = dict(answers)
            if method in _BODY_METHODS:
                codes["415"] = ("The body is not of a supported type.", error)
            for code, (description, schema) in codes.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": schema}},
                    },
                )
    return result


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with the two answers it words in English made Vietnamese.

    A 404 carries Django's untranslated "No Document matches the given query."
    and a JSON parse error the parser's own English text; both become the
    translated messages, which also name nothing of the data.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith(
        "JSON parse error"
    ):
        exc = exceptions.ParseError(_("The body is not valid JSON."))
    return drf_views.exception_handler(exc, context)


def validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    """A service's validation error as the API's 400 answer."""
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"non_field_errors": exc.messages})
