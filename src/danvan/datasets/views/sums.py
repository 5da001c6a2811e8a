"""Pages of reported figures: sums."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
