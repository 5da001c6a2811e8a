"""Helpers shared by the pages of the register."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from danvan.common.access import get_visible_or_404
from danvan.common.http import AuthedRequest
from danvan.initiatives.exceptions import InitiativeError
from danvan.initiatives.models import Initiative

PAGE_SIZE = 50


def visible(request: AuthedRequest) -> QuerySet[Initiative]:
    return Initiative.objects.visible_to(request.user)


def get_initiative(request: AuthedRequest, pk: int) -> Initiative:
    return get_visible_or_404(
        Initiative.objects.select_related("area", "body", "field"), request.user, pk=pk
    )


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, InitiativeError):
        return exc.message
    return str(exc)
