"""Pages of reported figures: entry."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
