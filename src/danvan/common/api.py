"""Pieces every app's API shares: scoped keys and readable errors."""

from __future__ import annotations

import copy
import datetime
import decimal
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import (
    FieldDoesNotExist,
    ObjectDoesNotExist,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, exceptions, serializers
from rest_framework import views as drf_views
from rest_framework.fields import SkipField
from rest_framework.relations import (
    MANY_RELATION_KWARGS,
    ManyRelatedField,
    PKOnlyObject,
    PrimaryKeyRelatedField,
)
from rest_framework.response import Response
from rest_framework.settings import api_settings

from danvan.common.access import scope_for
from danvan.common.compiled import Compiled, compile_query, in_range, stand_ins
from danvan.common.filters import ListFilterSet, ordering
from danvan.common.kept import NOT_FILTERS
from danvan.common.text import parse_id

_M = TypeVar("_M", bound=Model)
_S = TypeVar("_S", bound=ListFilterSet)


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
        return {name: _copy_field(field) for name, field in built.items()}

    def to_representation(self, instance: _M) -> dict[str, Any]:
        # DRF's loop asks every field of every row how to read it (the source's
        # path, callables, a pk-only stand-in, None); here each field's way of
        # reading is chosen once per serializer (``_reader``) and the rows
        # only run it: the same JSON for a third of the time.
        plan: list[tuple[str, Callable[[Any], Any]]] | None = self.__dict__.get("_plan")
        if plan is None:
            plan = [
                (str(field.field_name), _reader(self, field))
                for field in self._readable_fields
            ]
            self._plan = plan
        ret = {}
        for name, read in plan:
            value = read(instance)
            if value is not _SKIP:
                ret[name] = value
        return ret


def _copy_field(field: serializers.Field) -> serializers.Field:  # type: ignore[type-arg]  # as in the stubs
    """A field of ``_built_fields`` for one serializer, not yet bound.

    A nested serializer or a many-valued relation binds a child of its own
    when built: those are copied whole (DRF's deepcopy builds them again);
    any other field is a shallow copy, which ``bind`` then names and places
    (its validators a list of its own).
    """
    if isinstance(field, serializers.BaseSerializer | ManyRelatedField):
        return copy.deepcopy(field)
    clone = copy.copy(field)
    if "_validators" in field.__dict__:
        clone.validators = list(field.validators)
    return clone


_SKIP = object()
# The fields whose representation of a value that is not None is a plain call.
_PLAIN: dict[type[serializers.Field], Callable[[Any], Any]] = {  # type: ignore[type-arg]  # as in the stubs
    serializers.CharField: str,
    serializers.IntegerField: int,
}


def _generic_reader(field: serializers.Field) -> Callable[[Any], Any]:  # type: ignore[type-arg]  # as in the stubs
    """DRF's own reading of one field (Serializer.to_representation's loop)."""
    get, convert = field.get_attribute, field.to_representation

    def read(instance: Any) -> Any:
        try:
            attribute = get(instance)
        except SkipField:
            return _SKIP
        if isinstance(attribute, PKOnlyObject):
            return None if attribute.pk is None else convert(attribute)
        return None if attribute is None else convert(attribute)

    return read


def _dated(field: serializers.Field) -> Callable[[Any], Any] | None:  # type: ignore[type-arg]  # as in the stubs
    """DRF's ISO 8601 of a date, or of an aware datetime in the request's zone.

    The zone is the one active now (DRF asks for it again on every value);
    a naive datetime or another format is left to the field.
    """
    if type(field) is serializers.DateField:
        if getattr(field, "format", api_settings.DATE_FORMAT) != ISO_8601:
            return None

        def iso_date(value: Any) -> Any:
            if isinstance(value, datetime.date) and not isinstance(
                value, datetime.datetime
            ):
                return value.isoformat()
            return field.to_representation(value)

        return iso_date
    if type(field) is not serializers.DateTimeField or hasattr(field, "timezone"):
        return None
    if getattr(field, "format", api_settings.DATETIME_FORMAT) != ISO_8601:
        return None
    zone = field.default_timezone()
    if zone is None:
        return None

    def iso_datetime(value: Any) -> Any:
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return iso_datetime


def _decimal(field: serializers.Field) -> Callable[[Any], Any] | None:  # type: ignore[type-arg]  # as in the stubs
    """DRF's text of a Decimal (DecimalField.to_representation), with the
    exponent and the context it quantizes with made once per serializer, not
    once per value (the context copied from the one active now, as DRF does).
    """
    if type(field) is not serializers.DecimalField:
        return None
    coerce = getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
    if not coerce or field.localize or field.normalize_output:
        return None
    places, digits, rounding = field.decimal_places, field.max_digits, field.rounding
    context = decimal.getcontext().copy()
    if digits is not None:
        context.prec = digits
    exponent = None if places is None else decimal.Decimal(".1") ** places

    def text(value: Any) -> Any:
        if not isinstance(value, decimal.Decimal):
            return field.to_representation(value)
        if exponent is not None:
            value = value.quantize(exponent, rounding=rounding, context=context)
        return f"{value:f}"

    return text


def _path_reader(
    serializer: serializers.ModelSerializer[Any],
    field: serializers.Field,  # type: ignore[type-arg]  # as in the stubs
    generic: Callable[[Any], Any],
) -> Callable[[Any], Any]:
    """A text or number read through forward relations (``area.full_name``).

    Each step but the last is a foreign key of the model reached; a missing
    row on the way is left to DRF (its default, None or no key at all).
    """
    convert = _PLAIN.get(type(field))
    if convert is None:
        return generic
    model: type[Model] = serializer.Meta.model
    *steps, last = field.source_attrs
    for step in steps:
        try:
            relation = model._meta.get_field(step)
        except FieldDoesNotExist:  # not a model field: read the DRF way
            return generic
        target = relation.related_model
        forward = relation.many_to_one or relation.one_to_one
        if not forward or not relation.concrete or not isinstance(target, type):
            return generic
        model = target
    try:
        column = model._meta.get_field(last)
    except FieldDoesNotExist:  # not a model field: read the DRF way
        return generic
    if not column.concrete or column.is_relation:
        return generic

    def read_path(instance: Any) -> Any:
        value = instance
        try:
            for step in steps:
                value = getattr(value, step)
                if value is None:
                    return generic(instance)
        except ObjectDoesNotExist:
            return generic(instance)
        value = getattr(value, last)
        return None if value is None else convert(value)

    return read_path


def _model_field(serializer: serializers.ModelSerializer[Any], name: str) -> Any:
    """The model's concrete field ``name``, if the serializer's model has one."""
    try:
        model: type[Model] = serializer.Meta.model
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # not a model field: read the DRF way
        return None
    return field if getattr(field, "concrete", False) else None


def _reader(
    serializer: serializers.ModelSerializer[Any],
    field: serializers.Field,  # type: ignore[type-arg]  # as in the stubs
) -> Callable[[Any], Any]:
    """How ``serializer`` reads ``field`` of a row, with DRF's result.

    A column of the model is read as an attribute (its key for a relation's
    primary key), a list that ``prefetch_list`` stored is read as it is, a
    method field calls its method; any other field is read as DRF does.
    """
    generic = _generic_reader(field)
    attrs = field.source_attrs
    if isinstance(field, serializers.SerializerMethodField):
        method = getattr(serializer, field.method_name)
        return method  # type: ignore[no-any-return]  # a bound method
    if len(attrs) > 1:
        return _path_reader(serializer, field, generic)
    if len(attrs) != 1:
        return generic
    name = attrs[0]
    if isinstance(field, PrefetchedListSerializer):
        child = field.child.to_representation  # type: ignore[union-attr]  # set by many=True
        stored = prefetched_attr(name)

        def read_list(instance: Any) -> Any:
            rows = getattr(instance, stored, None)
            if rows is None:
                return generic(instance)
            return [child(row) for row in rows]

        return read_list
    if (
        isinstance(field, ManyRelatedField)
        and isinstance(field.child_relation, PrimaryKeyRelatedField)
        and field.child_relation.pk_field is None
    ):
        stored = prefetched_attr(name)

        def read_keys(instance: Any) -> Any:
            rows = getattr(instance, stored, None)
            if rows is None:
                return generic(instance)
            return [row.pk for row in rows]

        return read_keys
    column = _model_field(serializer, name)
    if column is None:
        return generic
    if isinstance(field, PrimaryKeyRelatedField):
        if field.pk_field is not None or not (column.many_to_one or column.one_to_one):
            return generic
        return attrgetter(column.attname)
    if column.is_relation or column.attname != name or field.source == "*":
        return generic
    get = attrgetter(name)
    convert = (
        _PLAIN.get(type(field))
        or _dated(field)
        or _decimal(field)
        or field.to_representation
    )

    def read_column(instance: Any) -> Any:
        value = get(instance)
        return None if value is None else convert(value)

    return read_column


def unfiltered(filterset: type[Any], params: Any) -> bool:
    """Whether the query string ``params`` names none of ``filterset``'s filters
    (nor its ``sort``): the list is then every row in the default order
    (``in_default_order``), without building the FilterSet, whose fields,
    form and choices' querysets cost 1-2 ms a page and filter nothing.

    Any parameter but the page's counts as a filter, not only the FilterSet's
    names: a picker's typed text (``area_q``) chooses rows too."""
    return all(name in NOT_FILTERS for name in params)


def in_default_order(filterset: type[Any], rows: QuerySet[_M]) -> QuerySet[_M]:
    """``rows`` as ``filterset`` orders them when no value is given: its
    ``DEFAULT_SORT`` (common.filters.ListFilterSet.filter_queryset)."""
    if not (filterset.SORTS and filterset.DEFAULT_SORT):
        return rows
    return rows.order_by(*ordering(filterset.SORTS, filterset.DEFAULT_SORT, rows.model))


def filtered(
    filterset: type[_S], params: Any, rows: QuerySet[Any], **kwargs: Any
) -> tuple[QuerySet[Any], Callable[[], _S]]:
    """The ``rows`` the query string ``params`` finds, and their FilterSet,
    built and validated when first asked for (to count the rows by parts, say).

    With no filter named (``unfiltered``) the rows are ``rows`` in the
    default order and the FilterSet is not built for them.
    """
    built: list[_S] = []

    def filters() -> _S:
        if not built:
            built.append(filterset(params, rows, **kwargs))
            # Validated: its values known, filter_queryset may be called.
            built[0].qs  # noqa: B018
        return built[0]

    if unfiltered(filterset, params):
        return in_default_order(filterset, rows), filters
    found: QuerySet[Any] = filters().qs
    return found, filters


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


class Row:
    """A row read with ``values()``: its columns as attributes, ``pk`` its id.

    A key ``a__b`` becomes an object ``a`` with the attribute ``b`` (None when
    every column of ``a`` is NULL: no row joined). A ``ListedModelSerializer``
    reads it as it reads a model instance, keys by their ``…_id`` column.
    """

    def __init__(self, values: dict[str, Any]) -> None:
        joined: dict[str, dict[str, Any]] = {}
        for key, value in values.items():
            head, nested, rest = key.partition("__")
            if nested:
                joined.setdefault(head, {})[rest] = value
            else:
                self.__dict__[key] = value
        for head, columns in joined.items():
            found = any(value is not None for value in columns.values())
            self.__dict__[head] = Row(columns) if found else None

    @classmethod
    def maker(cls, names: Sequence[str]) -> Callable[[Sequence[Any]], Row]:
        """A function making the ``Row`` of a tuple of values of ``names``
        (as ``Row(dict(zip(names, values)))``), its keys split once."""
        plain = [(i, name) for i, name in enumerate(names) if "__" not in name]
        joined: dict[str, list[tuple[int, str]]] = {}
        for i, name in enumerate(names):
            head, nested, rest = name.partition("__")
            if nested:
                joined.setdefault(head, []).append((i, rest))
        groups = list(joined.items())

        def make(values: Sequence[Any]) -> Row:
            row = cls.__new__(cls)
            columns = row.__dict__
            for i, name in plain:
                columns[name] = values[i]
            for head, parts in groups:
                found = {rest: values[i] for i, rest in parts}
                if any(value is not None for value in found.values()):
                    columns[head] = cls(found)
                else:
                    columns[head] = None
            return row

        return make

    @property
    def pk(self) -> Any:
        return self.__dict__["id"]

    if TYPE_CHECKING:  # columns are attributes, whatever their names

        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...


def attach_rows(
    parents: list[Any], name: str, rows: QuerySet[Any], key: str, *columns: str
) -> list[Row]:
    """Set on each of ``parents`` the list ``prefetch_list(name)`` would, as ``Row``s.

    ``rows`` whose ``key`` column is a parent's pk, in their queryset's order,
    with ``columns`` alone (``a__b`` for a joined column): one ``values()``
    query, no model instance nor Django's prefetch machinery (about half the
    time of an API page of models). Returns every row read, to attach their
    own lists; no parent, no query.
    """
    found: list[Row] = []
    groups: dict[Any, list[Row]] = {}
    if parents:
        ids = [parent.pk for parent in parents]
        for values in rows.filter(**{f"{key}__in": ids}).values(key, *columns):
            row = Row(values)
            found.append(row)
            groups.setdefault(values[key], []).append(row)
    stored = prefetched_attr(name)
    for parent in parents:
        setattr(parent, stored, groups.get(parent.pk, []))
    return found


class KeyedValues:
    """The ``values()`` of ``rows()`` whose ``key`` column is one of some keys,
    compiled once per process, database and number of keys.

    A list page reads each of its nested lists by the keys of its fifty rows;
    building and compiling the same query again each time cost Django 0.3-0.4
    ms a list, more than PostgreSQL takes to answer it. ``rows`` must be the
    same query on every call (no user, no date in it): its SQL is made with
    stand-in keys and run with the keys given, its values converted as Django
    converts them; a query with parameters of its own is built every time.
    """

    def __init__(
        self, rows: Callable[[], QuerySet[Any]], key: str, *columns: str
    ) -> None:
        self.rows = rows
        self.key = key
        self.names = (key, *columns)
        self.row = Row.maker(self.names)
        self._compiled: dict[tuple[str, int], Compiled | None] = {}

    def _query(self, keys: list[Any]) -> QuerySet[Any]:
        return self.rows().filter(**{f"{self.key}__in": keys}).values_list(*self.names)

    def __call__(self, keys: Sequence[Any]) -> list[Any]:
        """The rows' values of the ``keys`` (in ``names``' order)."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return []
        if not in_range(keys):
            return list(self._query(keys))
        alias = self.rows().db
        slot = (alias, len(keys))
        if slot not in self._compiled:
            self._compiled[slot] = compile_query(
                self._query(stand_ins(len(keys))), alias, keys=len(keys)
            )
        compiled = self._compiled[slot]
        if compiled is None:
            return list(self._query(keys))
        return compiled.run(alias, keys)


class CompiledPages:
    """Pages of a list whose query is the same whenever ``key`` is (the reader's
    scope, no filter: a list opened as it is), their SQL made once per
    process, key and page, then only run (the rows' ``names`` in order).

    Building and compiling a page's query of fifty columns costs Django about
    as much as PostgreSQL takes to answer it. ``key`` must hold everything the
    query depends on; a query whose SQL reads the time or the data (a filter
    reading the tree) must not be kept so. The oldest of ``size`` are forgotten.
    """

    def __init__(self, *names: str, size: int = 512) -> None:
        self.names = names
        self.size = size
        self._row = Row.maker(names)
        self._compiled: OrderedDict[Hashable, Compiled] = OrderedDict()

    def rows(self, key: Hashable, rows: QuerySet[Any]) -> CompiledList:
        """``rows`` (a queryset of the list's order) as a paginator reads it."""
        return CompiledList(self, key, rows)

    def run(
        self, key: Hashable, alias: str, rows: Callable[[], QuerySet[Any]]
    ) -> list[Row]:
        """The rows of ``rows()`` (a ``values_list(*names)``) as ``Row``s,
        compiled once under ``key``."""
        slot = (alias, key)
        compiled = self._compiled.get(slot)
        if compiled is None:
            # Its own parameters (the scope's paths) are part of ``key``.
            compiled = compile_query(rows(), alias, keys_only=False)
            if compiled is None:  # an empty slice: no query at all
                return []
            self._compiled[slot] = compiled
            while len(self._compiled) > self.size:
                self._compiled.popitem(last=False)
        return [self._row(values) for values in compiled.run(alias)]


class CompiledList:
    """A list's rows for Django's paginator: a slice is a page of
    ``CompiledPages`` under the key and the slice's ends."""

    def __init__(self, pages: CompiledPages, key: Hashable, rows: QuerySet[Any]):
        self.pages = pages
        self.key = key
        self.rows = rows
        self.ordered = rows.ordered

    def __getitem__(self, part: slice) -> list[Row]:
        rows = self.rows
        return self.pages.run(
            (self.key, part.start, part.stop),
            rows.db,
            lambda: rows.values_list(*self.pages.names)[part],
        )


def attach_keyed(
    parents: list[Any],
    name: str,
    values: KeyedValues,
    keys: Sequence[Any] | None = None,
) -> list[Row]:
    """``attach_rows`` reading ``values`` (a query compiled once) of the
    parents' ``keys`` (their pks, when not given)."""
    found: list[Row] = []
    groups: dict[Any, list[Row]] = {}
    if keys is None:
        keys = [parent.pk for parent in parents]
    for row_values in values(keys):
        row = values.row(row_values)
        found.append(row)
        groups.setdefault(row_values[0], []).append(row)
    stored = prefetched_attr(name)
    for parent in parents:
        setattr(parent, stored, groups.get(parent.pk, []))
    return found


class _ReadsPrefetched:
    """A many field that reads the list ``prefetch_list`` (or ``attach_rows``)
    stored, when it did; rows fetched without it read the relation as usual."""

    source_attrs: list[str]

    def get_attribute(self, instance: Any) -> Any:
        if len(self.source_attrs) == 1:
            rows = getattr(instance, prefetched_attr(self.source_attrs[0]), None)
            if rows is not None:
                return rows
        return super().get_attribute(instance)  # type: ignore[misc]


class PrefetchedListSerializer(_ReadsPrefetched, serializers.ListSerializer[Any]):
    """A nested list that reads what ``prefetch_list`` stored, when it did.

    Set it as ``Meta.list_serializer_class`` of a serializer nested with
    ``many=True``. Rows fetched without the prefetch (one row after a write)
    read the relation as usual.
    """


class PrefetchedManyRelatedField(_ReadsPrefetched, serializers.ManyRelatedField):
    """Keys of a many-to-many relation, read from what ``prefetch_list`` stored.

    ``ScopedRelatedField(..., many=True)`` builds one; rows fetched without the
    prefetch read the relation as usual.
    """


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


class ValuesPageMixin:
    """A viewset whose list page is read as values (``Row``s), not instances:
    with no filter (``_plain``, set by ``get_queryset`` from ``unfiltered``)
    its SQL is compiled once per reader's scope and page (``list_pages``),
    else the rows' ``values(*list_columns)``. Put it before the viewset class;
    ``paginate_queryset`` calls ``values_page`` on the list action and adds
    what the serializer reads besides the columns (names, nested lists)."""

    list_pages: CompiledPages
    list_columns: Sequence[str]
    _plain = False
    request: Any

    def values_page(self, queryset: QuerySet[Any]) -> list[Row] | None:
        """The list's page as ``Row``s (None when the list is not paginated)."""
        if self._plain:
            listed: Any = self.list_pages.rows(
                ("list", scope_for(self.request.user)), queryset
            )
        else:
            listed = queryset.values(*self.list_columns)
        page = super().paginate_queryset(listed)  # type: ignore[misc]
        if page is None:
            return None
        # Rows already, when CompiledPages read them.
        return [row if isinstance(row, Row) else Row(row) for row in page]
