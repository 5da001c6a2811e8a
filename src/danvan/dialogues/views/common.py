"""What the dialogues' pages share: a refused write shown on its form,
the opinions marked overdue."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from danvan.common import clock
from danvan.common.forms import add_refusal
from danvan.dialogues.exceptions import DialogueError
from danvan.dialogues.models import Issue

PAGE_SIZE = 50
REFUSALS = (DialogueError, PermissionDenied, ValidationError)


# A refusal of the services shown on the form (``common.forms.add_refusal``).
fail = add_refusal


def partial(request: HttpRequest, template: str, part: str) -> str:
    """``template``, or its ``part`` for an htmx request that is not boosted."""
    htmx: Any = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        return f"{template}#{part}"
    return template


def mark_overdue(rows: list[Issue]) -> list[Issue]:
    """Each opinion's ``overdue``: assigned, past its due date, unanswered
    (``filters.overdue_q`` in Python)."""
    today = clock.today()
    for issue in rows:
        issue.overdue = (  # type: ignore[attr-defined]
            issue.status == Issue.Status.ASSIGNED
            and issue.due_on is not None
            and issue.due_on < today
        )
    return rows
