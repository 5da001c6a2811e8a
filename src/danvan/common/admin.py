"""Bases of the project's model admins: their forms clean submitted text too."""

from django.contrib import admin

from danvan.common.forms import CleanModelForm


class CleanModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A model admin whose form cleans submitted text (``CleanTextMixin``)."""

    form = CleanModelForm


class CleanTabularInline(admin.TabularInline):  # type: ignore[type-arg]
    """An inline whose forms clean submitted text (``CleanTextMixin``)."""

    form = CleanModelForm
