"""Administration of periodic reports, for support.

Report types and their outlines are changed through the pages (the services
check the rules); reports are written, approved and sent only through the
workflow (``reports.services.reports``), so the admin lists them read-only:
their text, numbers and status never change here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.common.admin import CleanModelAdmin, CleanTabularInline
from danvan.reports.models import OutlineSection, Report, ReportComment, ReportType


class OutlineSectionInline(CleanTabularInline):
    model = OutlineSection
    extra = 0
    fields = ["order", "key", "title", "level", "fills", "body_kinds", "indicators"]


@admin.register(ReportType)
class ReportTypeAdmin(CleanModelAdmin):
    list_display = ["code", "name", "period_type", "owner_body", "active"]
    list_filter = ["period_type", "active", "layout"]
    search_fields = ["code", "search_name"]
    list_select_related = ["owner_body"]
    raw_id_fields = ["owner_body", "area"]
    filter_horizontal = ["forms"]
    inlines = [OutlineSectionInline]


class ReadOnlyAdmin(CleanModelAdmin):
    """Listed and opened, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "period", "status", "reference", "due_on"]
    list_filter = ["status", "report_type"]
    search_fields = ["title", "reference", "body__search_name"]
    list_select_related = ["body", "period"]
    raw_id_fields = ["report_type", "period", "body", "area", "document", "meeting"]


@admin.register(ReportComment)
class ReportCommentAdmin(ReadOnlyAdmin):
    list_display = ["text", "figure", "body", "author", "created_at"]
    search_fields = ["text", "figure"]
    list_select_related = ["body", "author"]
    raw_id_fields = ["report", "section", "body", "author"]
