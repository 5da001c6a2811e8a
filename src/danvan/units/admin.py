from django.contrib import admin
from django.http import HttpRequest

from danvan.common.admin import CleanModelAdmin, CleanTabularInline
from danvan.common.text import fold
from danvan.units.models import (
    Area,
    AreaSuccession,
    Body,
    BodySuccession,
    ChangeEvent,
    Person,
    Position,
)


@admin.register(Area)
class AreaAdmin(CleanModelAdmin):
    list_display = ["code", "full_name", "kind", "level", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "search_name", "full_name"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path", "search_name"]

    def save_model(
        self, request: HttpRequest, obj: Area, form: object, change: bool
    ) -> None:
        obj.search_name = fold(obj.full_name)
        save_node(obj, change)


def save_node(obj: Area | Body, change: bool) -> None:
    """Save an area or body edited in the admin, keeping its path right."""
    from danvan.units.services import insert_with_path

    if change:
        obj.save()
    else:
        insert_with_path(obj, obj.parent)


class AreaSuccessionInline(CleanTabularInline):
    model = AreaSuccession
    raw_id_fields = ["predecessor", "successor"]
    extra = 0


class BodySuccessionInline(CleanTabularInline):
    model = BodySuccession
    raw_id_fields = ["predecessor", "successor"]
    extra = 0


@admin.register(ChangeEvent)
class ChangeEventAdmin(CleanModelAdmin):
    list_display = ["kind", "date", "legal_basis"]
    list_filter = ["kind", "date"]
    inlines = [AreaSuccessionInline, BodySuccessionInline]


@admin.register(Body)
class BodyAdmin(CleanModelAdmin):
    list_display = ["name", "abbreviation", "kind", "area", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "search_name", "abbreviation"]
    raw_id_fields = ["area", "parent"]
    readonly_fields = ["path", "search_name"]

    def save_model(
        self, request: HttpRequest, obj: Body, form: object, change: bool
    ) -> None:
        obj.search_name = fold(obj.name)
        save_node(obj, change)


class PositionInline(CleanTabularInline):
    model = Position
    raw_id_fields = ["body"]
    extra = 0


@admin.register(Person)
class PersonAdmin(CleanModelAdmin):
    list_display = ["full_name", "area", "birth_year"]
    search_fields = ["full_name", "search_name"]
    raw_id_fields = ["area"]
    readonly_fields = ["search_name"]
    inlines = [PositionInline]

    def save_model(
        self, request: HttpRequest, obj: Person, form: object, change: bool
    ) -> None:
        obj.search_name = fold(obj.full_name)
        super().save_model(request, obj, form, change)
