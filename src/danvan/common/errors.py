"""Error views Django does not take from a template of ours by default."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Answer a refused form (CSRF) with a page in the site's layout and language."""
    return render(request, "403_csrf.html", status=403)
