"""The audit trail of domain data: who changed what, when, and how a page shows it.

``django-auditlog`` records every create, change and delete of the models given
to ``register`` (called from each app's ``ready``), with the acting user taken
from the request by its middleware; services outside a request name the actor
with ``acting_as``. Bulk writes (``bulk_create``, ``QuerySet.update``) send no
signals, so they go through ``create_all`` / ``update_all``, which log one entry
per row in one insert. ``history_for`` turns entries into what a reader sees
(``components/history.html``): labels, names and Vietnamese values, scoped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar, cast

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections, models, router
from django.db.models.signals import pre_save
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext

from danvan.common.kept import forget_for
from danvan.common.text import parse_id

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

M = TypeVar("M", bound=models.Model)

# Derived or internal columns that are not news to a reader of the history:
# search keys, denormalised tree paths, and who/when a row was made (the log
# entry's own actor and time say it).
NEVER_AUDITED = frozenset(
    {
        "id",
        "path",
        "area_path",
        "search_name",
        "search_text",
        "search_title",
        "created_by",
        "created_at",
    }
)

# How a field's stored value reads in the log, per model (e.g. a JSON record
# summarised), set through ``register(..., show=...)``.
_SHOW: dict[type[models.Model], Mapping[str, Callable[[Any], str]]] = {}


def register(
    model: type[models.Model],
    *,
    exclude: Iterable[str] = (),
    m2m: Iterable[str] = (),
    show: Mapping[str, Callable[[Any], str]] | None = None,
) -> None:
    """Audit ``model``: every field but the never-audited ones and ``exclude``.

    Reverse relations and stored file names are left out (the rows pointing
    here have entries of their own); ``m2m`` names the many-to-many fields
    whose additions and removals are logged; ``show`` formats a field's stored
    value for readers.
    """
    reverse = [
        f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete
    ]
    # A stored file's name is the storage's (renamed by rename_stored_files);
    # the row's original name says what the file is.
    stored = [f.name for f in model._meta.fields if isinstance(f, models.FileField)]
    hidden = sorted({*NEVER_AUDITED, *exclude, *reverse, *stored})
    if not auditlog.contains(model):
        auditlog.register(model, exclude_fields=hidden, m2m_fields=set(m2m))
    if show:
        _SHOW[model] = show


@contextlib.contextmanager
def acting_as(actor: AbstractBaseUser | None) -> Iterator[None]:
    """Attribute the changes made inside the block to ``actor``."""
    if actor is None or _enclosing_actor() == actor:
        # django-auditlog's set_actor does not nest: leaving an inner block
        # drops the enclosing block's actor (the demo acting as the system
        # around services that do too; a request around a service), so a
        # block for the actor already in force is left as it is.
        yield
        return
    with set_actor(actor):
        yield


def _enclosing_actor() -> Any:
    """The actor of the ``set_actor`` block in force, if any."""
    try:
        data = auditlog_value.get()
    except LookupError:
        return None
    # auditlog never clears its context; the block is in force while its
    # receiver is still connected.
    duid = data.get("signal_duid")
    if not any(key[0] == duid for key, *_rest in pre_save.receivers):
        return None
    return data.get("actor")


def _current_actor(actor: Any) -> Any:
    """``actor``, else the one of the request or ``acting_as`` block, if any."""
    if actor is not None and getattr(actor, "pk", None) is not None:
        return actor
    # The context outlives its block; only a block still in force counts.
    found = _enclosing_actor()
    return found if getattr(found, "pk", None) is not None else None


def _log_rows(
    rows: Sequence[models.Model],
    *,
    action: int,
    actor: Any,
    changes: Callable[[models.Model], dict[str, list[Any]]],
) -> None:
    if not rows:
        return
    content_type = ContentType.objects.get_for_model(type(rows[0]))
    who = _current_actor(actor)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(row.pk),
                object_id=row.pk if isinstance(row.pk, int) else None,
                object_repr=str(row)[:255],
                action=action,
                changes=changes(row),
                actor=who,
                actor_email=getattr(who, "email", None),
                timestamp=timezone.now(),
            )
            for row in rows
        ]
    )


def _audited_names(model: type[models.Model]) -> list[str]:
    hidden = set(auditlog.get_model_fields(model)["exclude_fields"])
    return [f.name for f in model._meta.concrete_fields if f.name not in hidden]


def _stored(row: models.Model, name: str) -> Any:
    """A field's value as django-auditlog stores it (text; keys for relations)."""
    value = getattr(
        row, cast("models.Field[Any, Any]", row._meta.get_field(name)).attname
    )
    return None if value is None else str(value)


def create_all(objs: Sequence[M], *, actor: Any, **options: Any) -> list[M]:
    """``bulk_create`` ``objs`` and log one "created" entry per row, in one insert."""
    if not objs:
        return []
    model = type(objs[0])
    created = model._default_manager.bulk_create(objs, **options)
    forget_for(model)  # no signal was sent: the kept figures forget it here
    if auditlog.contains(model):
        names = _audited_names(model)
        _log_rows(
            [row for row in created if row.pk is not None],
            action=LogEntry.Action.CREATE,
            actor=actor,
            changes=lambda row: {n: [None, _stored(row, n)] for n in names},
        )
    return created


def update_all(queryset: models.QuerySet[Any], *, actor: Any, **values: Any) -> int:
    """``queryset.update(**values)`` and log one "changed" entry per row changed."""
    model = queryset.model
    forget_for(model)  # no signal is sent: the kept figures forget it here
    if not auditlog.contains(model):
        return queryset.update(**values)
    names = [n for n in values if n in _audited_names(model)]
    before = {row.pk: row for row in queryset} if names else {}
    count = queryset.update(**values)
    if not before:
        return count
    diffs = {}
    for new in model._default_manager.filter(pk__in=list(before)):
        old = before[new.pk]
        diffs[new.pk] = (
            new,
            {
                n: [_stored(old, n), _stored(new, n)]
                for n in names
                if _stored(old, n) != _stored(new, n)
            },
        )
    _log_rows(
        [new for new, changes in diffs.values() if changes],
        action=LogEntry.Action.UPDATE,
        actor=actor,
        changes=lambda row: diffs[row.pk][1],
    )
    return count


# --- reading the log ------------------------------------------------------------------

# Administrative areas and bodies are public reference data (the portal names
# them); every other scoped row is named in a log only to a reader who sees it.
_PUBLIC_NAMES = {"units.area", "units.body"}

_EMPTY = {None, "None", "", "null"}


def _action_names() -> dict[int, str]:
    return {
        LogEntry.Action.CREATE: pgettext("change log", "created"),
        LogEntry.Action.UPDATE: pgettext("change log", "changed"),
        LogEntry.Action.DELETE: pgettext("change log", "deleted"),
        LogEntry.Action.ACCESS: pgettext("change log", "accessed"),
    }


def person_name(user: Any) -> str:
    """A user as the app names people: full name, family name first; the system."""
    if user is None or getattr(user, "is_system", False):
        return gettext("System")
    return cast(str, user.get_full_name() or user.get_username())


@dataclass(frozen=True)
class Change:
    """One field of a log entry as a reader sees it ("" when empty)."""

    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """A log entry as one reader sees it: labels, readable values, scoped names."""

    entry: LogEntry
    action_name: str
    actor_name: str
    about: str = ""
    changes: list[Change] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.entry, name)


def _audited_field(
    model: type[models.Model], name: str
) -> models.Field[Any, Any] | None:
    """The concrete field ``name`` if a reader should see it, else None."""
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    hidden = NEVER_AUDITED
    if auditlog.contains(model):
        hidden = hidden | set(auditlog.get_model_fields(model)["exclude_fields"])
    if name in hidden or found.auto_created or not isinstance(found, models.Field):
        return None
    if getattr(found, "primary_key", False):
        return None
    return found


def _plain_number(raw: str, grouped: bool) -> str:
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return raw
    # Decimal("1E+1") would print in exponent form: give it its digits back.
    number = number.quantize(Decimal(1)) if number == number.to_integral() else number
    if not grouped:
        return str(number)
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def _show_value(fld: models.Field[Any, Any], raw: Any) -> str:
    """A stored value the Vietnamese way: choice labels, Có/Không, dd/mm/yyyy."""
    if raw in _EMPTY:
        return ""
    text = str(raw)
    if fld.choices:
        labels = {str(key): label for key, label in fld.flatchoices}
        return str(labels.get(text, text))
    if isinstance(fld, models.BooleanField):
        yes = text in ("True", "1", "true")
        return pgettext("change log", "yes") if yes else pgettext("change log", "no")
    if isinstance(fld, models.DateTimeField):
        with contextlib.suppress(ValueError):
            moment = dt.datetime.fromisoformat(text)
            if timezone.is_naive(moment):  # stored naive in UTC by auditlog
                moment = moment.replace(tzinfo=dt.UTC)
            return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")
        return text
    if isinstance(fld, models.DateField):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
        return text
    if isinstance(fld, models.DecimalField | models.FloatField):
        return _plain_number(text, grouped=True)
    if isinstance(fld, models.IntegerField):
        return _plain_number(text, grouped=fld.name.endswith("_vnd"))
    if isinstance(fld, models.JSONField):
        with contextlib.suppress(ValueError, TypeError):
            return _json_text(json.loads(text))
        return text
    if isinstance(fld, models.FileField):
        return text.rsplit("/", 1)[-1]
    return text


def _json_text(data: Any) -> str:
    if isinstance(data, dict):
        return "; ".join(f"{k}: {_json_text(v)}" for k, v in data.items())
    if isinstance(data, list):
        return ", ".join(_json_text(v) for v in data)
    return "" if data is None else str(data)


def _row_name(row: models.Model) -> str:
    if hasattr(row, "get_full_name") and hasattr(row, "get_username"):
        return person_name(row)
    return str(row)


class _Names(dict[tuple[type[models.Model], str], str]):
    """Names of related rows by (model, key); ``hidden`` holds those withheld."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: set[tuple[type[models.Model], str]] = set()


def _name_rows(model: type[models.Model], keys: list[str]) -> models.QuerySet[Any]:
    """The rows ``keys`` of ``model``, with what their names read (``__str__``)."""
    # A name may read a row it points to (a series names its body): those
    # rows come in the same query.
    linked = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and not f.null and f.related_model is not None
    ]
    return model._default_manager.filter(pk__in=keys).select_related(*linked)


def _outside(kind: Any) -> str:
    return gettext("%(kind)s outside your scope") % {"kind": kind}


def _names(
    wanted: dict[type[models.Model], set[str]],
    user: Any,
    known: Iterable[models.Model] = (),
    unseen: Iterable[models.Model] = (),
) -> _Names:
    """Readable names of the related rows: one query per model, whatever their number.

    A scoped row the reader may not see reads "(document outside your scope)";
    a row since deleted reads "(document deleted)". The rows of ``known``,
    already read and seen by the reader, are named as they are (no query);
    those of ``unseen``, read and not seen by the reader, are withheld.
    """
    names = _Names()
    read = {(type(row), str(row.pk)): row for row in known}
    withheld = {(type(row), str(row.pk)) for row in unseen}
    for model, raw in wanted.items():
        keys = []
        kind = model._meta.verbose_name
        for pk in raw:
            row = read.get((model, pk))
            if row is not None:
                names[(model, pk)] = _row_name(row)
            elif (model, pk) in withheld:
                names.hidden.add((model, pk))
                names[(model, pk)] = _outside(kind)
            elif parse_id(pk) is not None:
                keys.append(pk)
        if not keys:
            continue
        rows = _name_rows(model, keys)
        scoped = model._meta.label_lower not in _PUBLIC_NAMES and hasattr(
            rows, "visible_to"
        )
        if scoped:
            # Whether the reader sees each row, asked in the same query.
            seen = model._default_manager.visible_to(user)  # type: ignore[attr-defined]
            rows = rows.annotate(
                seen_by_reader=models.Exists(seen.filter(pk=models.OuterRef("pk")))
            )
        for row in rows:
            key = (model, str(row.pk))
            if not scoped or row.seen_by_reader:
                names[key] = _row_name(row)
            else:
                names.hidden.add(key)
                names[key] = _outside(kind)
        for pk in keys:
            if (model, pk) not in names:
                names[(model, pk)] = gettext("%(kind)s deleted") % {"kind": kind}
    return names


def _m2m_change(fld: Any, raw: dict[str, Any]) -> Change:
    label = str(getattr(fld, "verbose_name", fld.name))
    listed = ", ".join(str(o) for o in raw.get("objects", []))
    if raw.get("operation") == "add":
        return Change(label, "", listed)
    return Change(label, listed, "")


def _readable(entry: LogEntry, names: _Names) -> tuple[list[Change], bool]:
    """The entry's changes for a reader, and whether a related row was hidden."""
    model = entry.content_type.model_class()
    if model is None:
        return [], False
    show = _SHOW.get(model, {})
    changes, hidden = [], False
    for name, values in entry.changes_dict.items():
        if isinstance(values, dict):
            with contextlib.suppress(FieldDoesNotExist):
                if values.get("type") == "m2m":
                    changes.append(_m2m_change(model._meta.get_field(name), values))
            continue
        fld = _audited_field(model, name)
        if fld is None or not isinstance(values, list | tuple) or len(values) != 2:
            continue
        if fld.is_relation and fld.related_model is not None:
            keys = [(fld.related_model, str(v)) for v in values if v not in _EMPTY]
            hidden = hidden or any(key in names.hidden for key in keys)
            shown = [
                "" if v in _EMPTY else names.get((fld.related_model, str(v)), "")
                for v in values
            ]
        elif name in show:
            shown = ["" if v in _EMPTY else show[name](v) for v in values]
        else:
            shown = [_show_value(fld, v) for v in values]
        old, new = shown
        if entry.action == LogEntry.Action.CREATE:
            # A new row's empty, false and zero fields are its defaults, not news.
            if new in ("", "0") or (
                isinstance(fld, models.BooleanField)
                and new == pgettext("change log", "no")
            ):
                continue
            old = ""
        elif entry.action == LogEntry.Action.DELETE:
            if old == "":
                continue
            new = ""
        elif old == new:
            continue
        changes.append(Change(str(fld.verbose_name), old, new))
    return changes, hidden


def _wanted_links(entries: Iterable[LogEntry]) -> dict[type[models.Model], set[str]]:
    wanted: dict[type[models.Model], set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:
            continue
        for name, values in entry.changes_dict.items():
            fld = _audited_field(model, name) if isinstance(values, list) else None
            if fld is None or not fld.is_relation or fld.related_model is None:
                continue
            found = wanted.setdefault(fld.related_model, set())
            found.update(str(v) for v in values if v not in _EMPTY)
    return wanted


def scoped_entries(
    entries: Sequence[LogEntry],
    user: Any,
    known: Iterable[models.Model] = (),
    unseen: Iterable[models.Model] = (),
) -> list[HistoryEntry]:
    """``entries`` as ``user`` reads them: related rows outside their scope unnamed.

    A log names related rows by their current name (a document that replaced
    this one, the model a copy came from); naming one outside the reader's
    scope would leak it, so it reads "(văn bản ngoài phạm vi của bạn)".
    ``known`` rows (read by the page, seen by the reader) are named without a
    query; so are ``unseen`` rows (read by the page, not seen by the reader),
    unnamed.
    """
    names = _names(_wanted_links(entries), user, known, unseen)
    actions = _action_names()
    result = []
    for entry in entries:
        changes, hidden = _readable(entry, names)
        about = getattr(entry, "about", "")
        if hidden and about:
            # The related row's own name may name the hidden row too.
            model = entry.content_type.model_class()
            about = str(model._meta.verbose_name) if model else ""
        result.append(
            HistoryEntry(
                entry=entry,
                action_name=actions.get(entry.action, ""),
                actor_name=person_name(entry.actor),
                about=about,
                changes=changes,
            )
        )
    return result


# The actor's columns a log names (``person_name``: names, and whether it is
# the system's account), read with the entries in the same query.
_ACTOR_FIELDS = ("id", "username", "first_name", "last_name", "is_active")


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


def _related_part(
    part: models.QuerySet[Any] | Sequence[models.Model],
) -> tuple[type[models.Model], str, list[Any]] | None:
    """The model of ``part`` and the SQL of its keys (None when it has none)."""
    if isinstance(part, models.QuerySet):
        try:
            sql, params = part.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # a queryset the ORM knows is empty (.none())
            return None
        return part.model, sql, list(params)
    keys = [row.pk for row in part]
    if not keys:
        return None
    return type(part[0]), ", ".join(["%s"] * len(keys)), keys


def history_for(
    obj: models.Model,
    *related: models.QuerySet[Any] | Sequence[models.Model],
    user: Any,
    limit: int = 50,
    known: Iterable[models.Model] = (),
    unseen: Iterable[models.Model] = (),
) -> list[HistoryEntry]:
    """The latest audit entries of ``obj`` and of ``related`` rows, newest first,
    as ``user`` may read them (see ``scoped_entries``).

    ``related`` are the rows shown on the object's page (a person's positions),
    so their changes appear there too: a queryset, or the rows the page has
    read (a list: no subquery; an empty one asks nothing); such entries carry
    ``about``, naming the row they concern. Pass only related rows the user
    may see. ``known`` are rows the page has read already and the user sees
    (its conclusions, the bodies it shows): a change naming one of them reads
    its name from it, not from a query; ``obj`` itself is always known.
    ``unseen`` are rows the page has read and knows the user does not see (a
    chair outside their scope): they read unnamed, without a query.
    """
    own_type = ContentType.objects.get_for_model(obj)
    qn = connections[router.db_for_read(LogEntry)].ops.quote_name
    log = qn(LogEntry._meta.db_table)
    kind, key, key_id, by, when = (
        qn(str(_field(LogEntry, name).column))
        for name in ("content_type", "object_pk", "object_id", "actor", "timestamp")
    )
    # The entries of the object and of each related part, as a union of
    # subqueries inside the one query of the log: each part is read from an
    # index (an OR of subqueries would hide how few rows they name, and
    # PostgreSQL would read the whole log by date). Written as SQL: the ORM
    # took ~2 ms to build it, PostgreSQL 0.1 ms to answer.
    keys = [f"SELECT id FROM {log} WHERE {kind} = %s AND {key} = %s"]
    params: list[Any] = [own_type.pk, str(obj.pk)]
    for part in related:
        found = _related_part(part)
        if found is None:
            continue
        model, sql, more = found
        keys.append(f"SELECT id FROM {log} WHERE {kind} = %s AND {key_id} IN ({sql})")
        params += [ContentType.objects.get_for_model(model).pk, *more]
    users = get_user_model()
    actor = [f"u.{qn(str(_field(users, name).column))}" for name in _ACTOR_FIELDS]
    columns = [f"e.{qn(f.column)}" for f in LogEntry._meta.concrete_fields]
    query = (
        f"SELECT {', '.join(columns + actor)} FROM {log} e"
        f" LEFT OUTER JOIN {qn(users._meta.db_table)} u ON u.id = e.{by}"
        f" WHERE e.id IN ({' UNION ALL '.join(keys)})"
        f" ORDER BY e.{when} DESC, e.id DESC LIMIT %s"
    )
    params.append(limit)
    result = _entries(query, params, len(columns))
    for entry in result:
        entry.about = ""
        if entry.content_type_id != own_type.pk:
            model = entry.content_type.model_class()
            name = model._meta.verbose_name if model else entry.content_type.model
            entry.about = f"{name}: {entry.object_repr}"
    return scoped_entries(result, user, [obj, *known], unseen)


def _entries(query: str, params: list[Any], width: int) -> list[LogEntry]:
    """The log entries of ``query`` (the log's columns, then the actor's)."""
    connection = connections[router.db_for_read(LogEntry)]
    fields = LogEntry._meta.concrete_fields
    users = get_user_model()
    actor_fields = [_field(users, name) for name in _ACTOR_FIELDS]
    cols = [f.cached_col for f in [*fields, *actor_fields]]
    converters = [
        (
            i,
            [
                *connection.ops.get_db_converters(col),
                *col.get_db_converters(connection),
            ],
        )
        for i, col in enumerate(cols)
    ]
    converters = [(i, found) for i, found in converters if found]
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    result = []
    for raw in rows:
        values = list(raw)
        for i, found in converters:
            for convert in found:
                values[i] = convert(values[i], cols[i], connection)
        entry = LogEntry.from_db(connection.alias, names, values[:width])
        entry.content_type = ContentType.objects.get_for_id(entry.content_type_id)
        if entry.actor_id is not None:
            entry.actor = users.from_db(
                connection.alias,
                [f.attname for f in actor_fields],
                values[width:],
            )
        result.append(entry)
    return result
