"""Demo: the confirmed demo texts fill the registers with their records."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from danvan.ingestion.models import Source
from danvan.records import services


def load_demo() -> None:
    """Make records from every confirmed text, as its confirming user (idempotent)."""
    for source in Source.objects.confirmed().select_related("confirmed_by", "area"):
        actor = source.confirmed_by
        # Confirming sets confirmed_by with confirmed_at, and the user is PROTECTed.
        assert actor is not None
        facts = source.confirmed_facts or {}
        for index, ref in enumerate(facts.get("doc_refs") or []):
            if ref.get("date"):
                _try(services.record_document, actor=actor, source=source, index=index)
        meeting = facts.get("meeting") or {}
        if meeting.get("kind") and meeting.get("date"):
            on = dt.date.fromisoformat(meeting["date"])
            bodies = services.convening_bodies(actor, source, on)
            committees = [b for b in bodies if b.area_id == source.area_id] or bodies
            # The organiser the text names; else the text's own area's first body.
            body = services.default_convening_body(actor, source, bodies) or next(
                iter(committees), None
            )
            if body is not None:
                _try(
                    services.record_meeting,
                    actor=actor,
                    source=source,
                    convening_body=body,
                )
        for index, _person in enumerate(facts.get("people") or []):
            _try(services.record_person, actor=actor, source=source, index=index)


def _try(make: Callable[..., object], **kwargs: object) -> None:
    # An ambiguous or incomplete fact waits for a person's choice.
    with contextlib.suppress(services.RecordError, PermissionDenied):
        make(**kwargs)
