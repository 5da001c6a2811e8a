"""Request types for views."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from danvan.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user."""

    user: User
    htmx: HtmxDetails
