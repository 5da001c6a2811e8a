"""Every page carries the security headers; cookies are secure over TLS."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATE_ROOTS = [Path(django_settings.PACKAGE_DIR)]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_page_carries_the_security_headers(client, users):
    client.force_login(users["commune"])

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_sign_in_page_carries_the_policy_too(client):
    response = client.get(reverse("accounts:login"))

    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_session_cookie_is_httponly_lax_and_secure_over_tls(client, users, settings):
    settings.SESSION_COOKIE_SECURE = True  # what DEBUG off or BEHIND_PROXY sets
    settings.CSRF_COOKIE_SECURE = True

    client.get(reverse("accounts:login"), secure=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": "commune", "password": "secret-pass-1"},
        secure=True,
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]

    assert response.status_code == 302
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert session["secure"]
    assert client.cookies[settings.CSRF_COOKIE_NAME]["secure"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=|\bhx-on|javascript:", re.IGNORECASE)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def our_templates() -> list[Path]:
    return [
        path
        for root in TEMPLATE_ROOTS
        for path in root.rglob("templates/**/*.html")
        if ".venv" not in path.parts
    ]


def test_no_template_has_inline_script_handler_or_style():
    offenders = []
    for path in our_templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, STYLE):
            offenders += [f"{path}: {m.group(0)!r}" for m in pattern.finditer(text)]

    assert our_templates(), "no templates found"
    assert offenders == [], "the CSP would block these:\n" + "\n".join(offenders)
