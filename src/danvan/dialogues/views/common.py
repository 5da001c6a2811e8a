"""What the dialogues' pages share: a refused write shown on its form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from danvan.dialogues.exceptions import DialogueError

PAGE_SIZE = 50
REFUSALS = (DialogueError, PermissionDenied, ValidationError)


def fail(form: Any, exc: Exception) -> None:
    """Show a service's refusal on ``form`` (the message, nothing saved)."""
    if isinstance(exc, DialogueError):
        form.add_error(None, exc.message)
    elif isinstance(exc, ValidationError):
        form.add_error(None, " ".join(exc.messages))
    else:
        form.add_error(None, str(exc) or "")


def partial(request: HttpRequest, template: str, part: str) -> str:
    """``template``, or its ``part`` for an htmx request that is not boosted."""
    htmx: Any = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        return f"{template}#{part}"
    return template
