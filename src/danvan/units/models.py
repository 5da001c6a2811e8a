"""The unit tree: areas (địa bàn), bodies (cơ quan, tổ chức), people, over time.

Every unit has a validity (``valid_from``..``valid_to``, both inclusive, open
when empty) and keeps its row for ever: a commune merged on 1 July 2025 is not
deleted, it ends on 30 June 2025 and a succession links it to the new commune.
Official codes were reused by the 2025 reform (15 was tỉnh Yên Bái and is now
tỉnh Lào Cai), so an area's identity is its code *with* its validity, and code
look-ups always resolve on a date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.common import tree
from danvan.common.access import ScopedQuerySet
from danvan.common.links import detail_url
from danvan.common.text import fold

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

_T = TypeVar("_T", bound=models.Model)


def in_force_q(on: dt.date, prefix: str = "") -> Q:
    """Match rows valid on ``on`` (open bounds count as valid)."""
    return (
        Q(**{f"{prefix}valid_from__isnull": True})
        | Q(**{f"{prefix}valid_from__lte": on})
    ) & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on}))


LEVEL_ORDER = ["province", "district", "commune", "village"]


class Validity(models.Model):
    """Abstract: a row that is in force from a date to a date."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValidationError(
                {"valid_to": _("The end date is before the start date.")}
            )

    def in_force(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class TreeQuerySet(ScopedQuerySet[_T]):
    """Areas or bodies; remembers, for a picker's search, how it was narrowed.

    ``pick`` holds the scope and the named limits applied through the methods
    below (``scope=edit``, ``on=2025-07-01``, ``kind=party_committee``…):
    ``units.widgets`` puts them in the address of its search, which applies
    them again for the user who searches (``units.widgets.pickable``). A limit
    written as a bare ``filter()`` is not remembered: name it here.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pick: dict[str, str] = {}

    def _clone(self) -> Self:
        # Every chained QuerySet method copies through ``_clone`` (not in the stubs).
        clone: Self = super()._clone()  # type: ignore[misc]
        clone.pick = dict(self.pick)
        return clone

    def _picked(self, queryset: Self, **limits: str) -> Self:
        queryset.pick.update(limits)
        return queryset

    def visible_to(self, user: User | AnonymousUser) -> Self:
        return self._picked(super().visible_to(user))

    def editable_by(self, user: User | AnonymousUser) -> Self:
        return self._picked(super().editable_by(user), scope="edit")

    def in_force(self, on: dt.date | None = None) -> Self:
        on = on or timezone.localdate()
        return self._picked(self.filter(in_force_q(on)), on=str(on))

    def in_force_during(self, start: dt.date, end: dt.date) -> Self:
        """Units in force on at least one day from ``start`` to ``end``."""
        during = (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )
        return self._picked(
            self.filter(during), start=start.isoformat(), end=end.isoformat()
        )

    def not_ended(self) -> Self:
        """Units that have not ended before today (a new row may name them)."""
        today = timezone.localdate()
        return self._picked(
            self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)), open="1"
        )

    def used_by(self, rows: models.QuerySet[Any], field: str) -> Self:
        """Units that ``field`` of ``rows`` names (the bodies of the meetings
        a user sees); the search takes the rows the searching user sees."""
        label = f"{rows.model._meta.label_lower}.{field}"
        return self._picked(self.filter(pk__in=rows.values(field)), used=label)

    def subtree(self, *paths: str) -> Self:
        """Rows inside the subtrees of ``paths`` (one indexed range each)."""
        return self.filter(tree.subtree_q(paths))

    def search(self, text: str) -> Self:
        """Diacritic-insensitive search on the name; a code matches exactly."""
        key = fold(text)
        if not key:
            return self
        return self.filter(Q(search_name__contains=key) | Q(code=text.strip()))


class AreaQuerySet(TreeQuerySet["Area"]):
    scope_area = ""

    def for_display(self) -> Self:
        """Areas in force first, higher levels first, then by name."""
        rank = models.Case(
            *(models.When(level=level, then=i) for i, level in enumerate(LEVEL_ORDER)),
            output_field=models.IntegerField(),
        )
        return self.order_by(
            models.F("valid_to").desc(nulls_first=True), rank, "search_name"
        )

    def resolve(self, code: str, on: dt.date | None = None) -> Area:
        """Return the area that carries ``code`` on ``on`` (today by default)."""
        return self.in_force(on).get(code=code)

    def within(self, area: Area) -> Self:
        """Everything that is or was inside ``area``, predecessors included."""
        from danvan.units.lineage import lineage_paths

        return self.filter(tree.subtree_q(lineage_paths([area.path])))


class Area(Validity):
    """An administrative area: province, district, commune, or a village."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province level")
        DISTRICT = "district", _("district level")
        COMMUNE = "commune", _("commune level")
        VILLAGE = "village", _("village")

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("province (tỉnh)")
        MUNICIPALITY = "thanh_pho_tw", _("centrally-run city")
        RURAL_DISTRICT = "huyen", _("rural district (huyện)")
        URBAN_DISTRICT = "quan", _("urban district (quận)")
        TOWN = "thi_xa", _("town (thị xã)")
        CITY = "thanh_pho", _("provincial city")
        COMMUNE = "xa", _("commune (xã)")
        WARD = "phuong", _("ward (phường)")
        TOWNSHIP = "thi_tran", _("township (thị trấn)")
        SPECIAL_ZONE = "dac_khu", _("special zone (đặc khu)")
        VILLAGE = "thon", _("village (thôn)")
        HAMLET = "ban", _("hamlet (bản)")
        RESIDENTIAL_GROUP = "to_dan_pho", _("residential group (tổ dân phố)")
        AP = "ap", _("hamlet (ấp)")
        QUARTER = "khu_pho", _("quarter (khu phố)")

    # The Vietnamese word that opens the official name, whatever the UI language.
    PREFIX = {
        Kind.PROVINCE: "Tỉnh",
        Kind.MUNICIPALITY: "Thành phố",
        Kind.RURAL_DISTRICT: "Huyện",
        Kind.URBAN_DISTRICT: "Quận",
        Kind.TOWN: "Thị xã",
        Kind.CITY: "Thành phố",
        Kind.COMMUNE: "Xã",
        Kind.WARD: "Phường",
        Kind.TOWNSHIP: "Thị trấn",
        Kind.SPECIAL_ZONE: "Đặc khu",
        Kind.VILLAGE: "Thôn",
        Kind.HAMLET: "Bản",
        Kind.RESIDENTIAL_GROUP: "Tổ dân phố",
        Kind.AP: "Ấp",
        Kind.QUARTER: "Khu phố",
    }
    LEVEL_OF_KIND = {
        Kind.PROVINCE: Level.PROVINCE,
        Kind.MUNICIPALITY: Level.PROVINCE,
        Kind.RURAL_DISTRICT: Level.DISTRICT,
        Kind.URBAN_DISTRICT: Level.DISTRICT,
        Kind.TOWN: Level.DISTRICT,
        Kind.CITY: Level.DISTRICT,
        Kind.COMMUNE: Level.COMMUNE,
        Kind.WARD: Level.COMMUNE,
        Kind.TOWNSHIP: Level.COMMUNE,
        Kind.SPECIAL_ZONE: Level.COMMUNE,
        Kind.VILLAGE: Level.VILLAGE,
        Kind.HAMLET: Level.VILLAGE,
        Kind.RESIDENTIAL_GROUP: Level.VILLAGE,
        Kind.AP: Level.VILLAGE,
        Kind.QUARTER: Level.VILLAGE,
    }
    VILLAGE_KINDS = [
        Kind.VILLAGE,
        Kind.HAMLET,
        Kind.RESIDENTIAL_GROUP,
        Kind.AP,
        Kind.QUARTER,
    ]

    code = models.CharField(_("official code"), max_length=20, db_index=True)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Without the kind word.")
    )
    full_name = models.CharField(_("full name"), max_length=220)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Keys from the root down; see danvan.common.tree. Kept by units.services.
    path = models.CharField(max_length=255, unique=True, editable=False)
    search_name = models.CharField(max_length=220, db_index=True, editable=False)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"], name="area_code_from_unique"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_from__isnull=True),
                name="area_code_unique_without_start",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="area_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return detail_url("units:area_detail", self.pk)

    @property
    def depth(self) -> int:
        return tree.depth(self.path)

    def ancestors(self) -> AreaQuerySet:
        return Area.objects.filter(path__in=tree.ancestor_paths(self.path)).order_by(
            "path"
        )

    def descendants(self) -> AreaQuerySet:
        """Every area below this one (at any depth), not the area itself."""
        return Area.objects.subtree(self.path).exclude(pk=self.pk)

    def successors(self, on: dt.date | None = None) -> list[Area]:
        from danvan.units.lineage import successors

        return successors(self, on=on)

    def predecessors(self) -> list[Area]:
        from danvan.units.lineage import predecessors

        return predecessors(self)


class ChangeEvent(models.Model):
    """A change of units on a date: merge, split, rename, abolish, re-parent."""

    class Kind(models.TextChoices):
        ESTABLISH = "establish", _("established")
        MERGE = "merge", _("merged")
        SPLIT = "split", _("split")
        RENAME = "rename", _("renamed")
        REPARENT = "reparent", _("re-parented")
        ABOLISH = "abolish", _("abolished")

    kind = models.CharField(_("kind of change"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"), db_index=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Succession(models.Model):
    """Abstract: one predecessor → successor link of a change event."""

    event = models.ForeignKey(
        ChangeEvent, on_delete=models.CASCADE, verbose_name=_("change")
    )
    # The predecessor was divided and only part of it went to this successor.
    partial = models.BooleanField(_("part only"), default=False)
    # The successor that carries the predecessor's records in roll-ups.
    primary = models.BooleanField(_("main successor"), default=True)

    class Meta:
        abstract = True


class AreaSuccession(Succession):
    """Area ``predecessor`` passed (wholly or partly) to ``successor``."""

    predecessor = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="successions_out",
        verbose_name=_("predecessor"),
    )
    successor = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="successions_in",
        verbose_name=_("successor"),
    )

    class Meta:
        verbose_name = _("area succession")
        verbose_name_plural = _("area successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="area_succession_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class BodyQuerySet(TreeQuerySet["Body"]):
    scope_area = "area__"
    scope_body = ""

    def of_kind(self, kind: str) -> Self:
        """Bodies of one kind (the Party committees that hold terms)."""
        return self._picked(self.filter(kind=kind), kind=kind)

    def numbered(self) -> Self:
        """Bodies with an abbreviation: those that number their own documents."""
        return self._picked(self.exclude(abbreviation=""), numbered="1")


class Body(Validity):
    """A body: Party committee or board, Front, union, council, agency, armed unit."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        PARTY_BOARD = "party_board", _("Party committee board")
        FRONT = "front", _("Fatherland Front")
        MASS_ORGANISATION = "mass_org", _("socio-political organisation")
        PEOPLES_COUNCIL = "council", _("People's Council")
        PEOPLES_COMMITTEE = "committee", _("People's Committee")
        STATE_AGENCY = "agency", _("state agency")
        POLICE = "police", _("police")
        MILITARY = "military", _("military")
        PUBLIC_SERVICE = "public_service", _("public service unit")
        STEERING_COMMITTEE = "steering", _("steering committee")
        OTHER = "other", _("other")

    # Bodies whose remit is the whole area they sit in: their users see the
    # area's data, not only their own body's.
    AREA_WIDE_KINDS = frozenset(
        {
            Kind.PARTY_COMMITTEE,
            Kind.PARTY_BOARD,
            Kind.FRONT,
            Kind.PEOPLES_COUNCIL,
            Kind.PEOPLES_COMMITTEE,
            Kind.STEERING_COMMITTEE,
        }
    )

    name = models.CharField(_("name"), max_length=250)
    abbreviation = models.CharField(
        _("issuer code"),
        max_length=30,
        blank=True,
        help_text=_("As in document symbols: TU, HU, BDVTU."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("area")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    search_name = models.CharField(max_length=260, db_index=True, editable=False)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="body_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("units:body_detail", self.pk)

    @property
    def area_wide(self) -> bool:
        return self.kind in self.AREA_WIDE_KINDS


class BodySuccession(Succession):
    """Body ``predecessor`` passed (wholly or partly) to ``successor``."""

    predecessor = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        related_name="successions_out",
        verbose_name=_("predecessor"),
    )
    successor = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        related_name="successions_in",
        verbose_name=_("successor"),
    )

    class Meta:
        verbose_name = _("body succession")
        verbose_name_plural = _("body successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="body_succession_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class PersonQuerySet(ScopedQuerySet["Person"]):
    scope_area = "area__"

    def search(self, text: str) -> Self:
        key = fold(text)
        return self.filter(search_name__contains=key) if key else self


class Person(models.Model):
    """A person of the unit tree: a cadre, a leader, a member of a body."""

    class Gender(models.TextChoices):
        FEMALE = "f", _("female")
        MALE = "m", _("male")

    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(
        _("gender"), max_length=1, choices=Gender.choices, blank=True
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True
    )
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("area"),
        help_text=_("The area whose officers keep this person's record."),
    )
    note = models.TextField(_("note"), blank=True)
    search_name = models.CharField(max_length=150, db_index=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["search_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return detail_url("units:person_detail", self.pk)


class PositionQuerySet(models.QuerySet["Position"]):
    def in_force(self, on: dt.date | None = None) -> Self:
        return self.filter(in_force_q(on or timezone.localdate()))


class Position(Validity):
    """A titled position a person holds in a body, from a date to a date."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("person"),
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="positions", verbose_name=_("body")
    )
    title = models.CharField(
        _("title"),
        max_length=250,
        help_text=_("For example: Trưởng Ban Dân vận Huyện ủy."),
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"
