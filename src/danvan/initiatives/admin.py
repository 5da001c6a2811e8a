"""Administration of the register's settings: fields and the yearly rubrics.

Models themselves are entered through the pages (the services keep their
derived columns); the admin lists them read-only for support.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from danvan.common.admin import CleanModelAdmin, CleanTabularInline
from danvan.initiatives.models import Field, Initiative, Rubric, RubricCriterion


@admin.register(Field)
class FieldAdmin(CleanModelAdmin):
    list_display = ["name", "code", "order", "active"]
    list_editable = ["order", "active"]
    prepopulated_fields = {"code": ["name"]}


class RubricCriterionInline(CleanTabularInline):
    model = RubricCriterion
    extra = 1
    fields = ["order", "name", "weight", "max_score", "description"]


@admin.register(Rubric)
class RubricAdmin(CleanModelAdmin):
    list_display = [
        "name",
        "year",
        "level",
        "achieved_from",
        "effective_from",
        "exemplary_from",
    ]
    list_filter = ["year", "level"]
    inlines = [RubricCriterionInline]


@admin.register(Initiative)
class InitiativeAdmin(CleanModelAdmin):
    list_display = ["name", "year", "area", "body", "status", "classification"]
    list_filter = ["year", "status", "classification", "level", "field"]
    search_fields = ["search_text"]
    list_select_related = ["area", "body"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Initiative | None = None
    ) -> bool:
        return False
