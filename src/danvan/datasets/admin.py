"""Administration of the figures' catalogue: indicators, breakdowns, forms.

Forms, their items and rules are changed through the pages (the services
check the rules and raise the form's version); the admin lists them for
support. Submissions and values are never edited here.
"""

from __future__ import annotations

from django.contrib import admin

from danvan.common.admin import CleanModelAdmin, CleanTabularInline
from danvan.datasets.models import (
    Breakdown,
    BreakdownOption,
    FormIndicator,
    FormSection,
    Indicator,
    ReportForm,
    ValidationRule,
)


class BreakdownOptionInline(CleanTabularInline):
    model = BreakdownOption
    extra = 1
    fields = ["order", "code", "name"]


@admin.register(Breakdown)
class BreakdownAdmin(CleanModelAdmin):
    list_display = ["name", "code"]
    inlines = [BreakdownOptionInline]


@admin.register(Indicator)
class IndicatorAdmin(CleanModelAdmin):
    list_display = ["code", "name", "value_type", "unit", "aggregation", "active"]
    list_filter = ["value_type", "aggregation", "active", "breakdown"]
    search_fields = ["code", "search_name"]
    list_select_related = ["breakdown"]


class FormSectionInline(CleanTabularInline):
    model = FormSection
    extra = 0
    fields = ["order", "title"]


class FormIndicatorInline(CleanTabularInline):
    model = FormIndicator
    extra = 0
    fields = ["order", "section", "indicator", "required"]
    raw_id_fields = ["indicator", "section"]


class ValidationRuleInline(CleanTabularInline):
    model = ValidationRule
    extra = 0
    fields = ["name", "left", "operator", "right", "severity", "message"]


@admin.register(ReportForm)
class ReportFormAdmin(CleanModelAdmin):
    list_display = ["code", "name", "period_type", "owner_body", "version", "active"]
    list_filter = ["period_type", "active", "approval"]
    search_fields = ["code", "search_name"]
    list_select_related = ["owner_body"]
    raw_id_fields = ["owner_body", "area"]
    readonly_fields = ["version"]
    inlines = [FormSectionInline, FormIndicatorInline, ValidationRuleInline]
