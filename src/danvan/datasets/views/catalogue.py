"""Pages of reported figures: catalogue."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
