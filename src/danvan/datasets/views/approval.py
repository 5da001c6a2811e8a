"""Pages of reported figures: approval."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
