"""Request types for views and the safe way back after a POST."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from danvan.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user."""

    user: User
    htmx: HtmxDetails


def safe_url(request: HttpRequest, url: str, default: str) -> str:
    """``url`` when it leads to this site (a path or our host), else ``default``."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` address sent with the request when it is ours, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return safe_url(request, target, default)


def redirect_back(request: HttpRequest, default: str) -> HttpResponse:
    """Redirect to ``next`` when it is ours, else to ``default``; htmx follows too."""
    target = safe_next(request, default)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return redirect(target)
