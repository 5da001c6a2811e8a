"""The records panel of a confirmed text: one click per fact."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.common.access import can_edit, get_visible_or_404
from danvan.common.dates import parse_date
from danvan.common.http import AuthedRequest
from danvan.common.text import fold
from danvan.datasets.views.entry import entry_url
from danvan.ingestion.models import Source
from danvan.records import services
from danvan.records.forms import FigureForm, MeetingFromTextForm
from danvan.records.models import RecordLink
from danvan.units.models import Person


def _source(request: AuthedRequest, pk: int) -> Source:
    return get_visible_or_404(
        Source.objects.select_related("area"), request.user, pk=pk
    )


def _panel_context(request: AuthedRequest, source: Source) -> dict[str, object]:
    facts = source.confirmed_facts or {}
    # The records of the links, one query per kind, and which of them the user
    # sees, one query per kind too: never a query per link.
    links = {
        (link.fact, link.index): link
        for link in source.record_links.prefetch_related("record")
    }
    seen = services.seen_records(request.user, [k.record for k in links.values()])
    for link in links.values():
        # A record another unit made or linked is shown unnamed, as it is out of scope.
        # A template-only flag set on the instance; the model has no such field.
        link.shown = link.record is not None and link.record in seen  # type: ignore[attr-defined]
    refs = [
        (i, ref, links.get((RecordLink.Fact.DOC_REF, i)))
        for i, ref in enumerate(facts.get("doc_refs") or [])
    ]
    named = list(enumerate(facts.get("people") or []))
    unlinked = [p["name"] for i, p in named if (RecordLink.Fact.PERSON, i) not in links]
    candidates = services.people_candidates(request.user, source, unlinked)
    people = []
    for i, person in named:
        person_link = links.get((RecordLink.Fact.PERSON, i))
        found = [] if person_link else candidates[fold(person["name"])]
        people.append((i, person, person_link, found))
    meeting = facts.get("meeting") or None
    proposal = None
    form = None
    if meeting and source.confirmed_facts:
        proposal = services.propose_meeting(request.user, source)
        form = MeetingFromTextForm(
            bodies=proposal.bodies,
            initial={
                "body": proposal.body,
                "title": proposal.title,
                "conclusions": "\n".join(proposal.conclusions),
            },
        )
    return {
        "source": source,
        "confirmed": bool(source.confirmed_facts),
        "can_edit": can_edit(request.user, source),
        "refs": refs,
        "people": people,
        "meeting": meeting,
        "meeting_link": links.get((RecordLink.Fact.MEETING, 0)),
        "bodies": proposal.bodies if proposal else [],
        "proposal": proposal,
        "meeting_form": form,
        "figures": _figures(facts, links),
    }


def _figures(
    facts: dict[str, Any], links: dict[tuple[str, int], RecordLink]
) -> list[tuple[int, dict[str, Any], RecordLink | None, str, str]]:
    """Each figure with its value's link, the entry page of that value and
    its form and period: the submissions of all values in one query."""
    from danvan.datasets.models import Submission

    shown = [
        link.record
        for (fact, _index), link in links.items()
        if fact == RecordLink.Fact.FIGURE and getattr(link, "shown", False)
    ]
    submissions = Submission.objects.filter(
        pk__in={value.submission_id for value in shown}  # type: ignore[union-attr]
    ).select_related("form", "period")
    by_pk = {s.pk: s for s in submissions} if shown else {}
    found = []
    for i, figure in enumerate(facts.get("figures") or []):
        link = links.get((RecordLink.Fact.FIGURE, i))
        url = label = ""
        if link is not None and getattr(link, "shown", False):
            submission = by_pk.get(link.record.submission_id)  # type: ignore[union-attr]
            if submission is not None:
                url = entry_url(submission)
                label = f"{submission.form.name} · {submission.period}"
        found.append((i, figure, link, url, label))
    return found


@login_required
def source_records(request: AuthedRequest, pk: int) -> HttpResponse:
    """The records made, or to be made, from a text's confirmed facts."""
    source = _source(request, pk)
    template = "records/source_records.html"
    if request.htmx and not request.htmx.boosted:
        template += "#panel"
    return render(request, template, _panel_context(request, source))


def _done(
    request: AuthedRequest, source: Source, outcome: services.Outcome
) -> HttpResponse:
    if not services.may_see(request.user, outcome.record):
        messages.info(
            request, _("This fact is already linked to a record outside your scope.")
        )
    elif outcome.created:
        messages.success(
            request, _("Record made: %(record)s.") % {"record": outcome.record}
        )
    else:
        messages.success(
            request, _("Linked to %(record)s.") % {"record": outcome.record}
        )
    return redirect("records:source_records", pk=source.pk)


def _failed(request: AuthedRequest, source: Source, error: Exception) -> HttpResponse:
    messages.error(request, str(error))
    return redirect("records:source_records", pk=source.pk)


@login_required
@require_POST
def make_document(request: AuthedRequest, pk: int, index: int) -> HttpResponse:
    source = _source(request, pk)
    try:
        outcome = services.record_document(
            actor=request.user,
            source=source,
            index=index,
            issued_on=parse_date(request.POST.get("issued_on")),
        )
    except services.RecordError as error:
        return _failed(request, source, error)
    return _done(request, source, outcome)


@login_required
@require_POST
def make_meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    source = _source(request, pk)
    form = MeetingFromTextForm(
        request.POST,
        bodies=services.convening_bodies(
            request.user, source, services.meeting_date(source)
        ),
    )
    if not form.is_valid():
        return _failed(request, source, _invalid(form))
    body = form.cleaned_data["body"]
    if not can_edit(request.user, body):
        raise PermissionDenied
    try:
        outcome = services.record_meeting(
            actor=request.user,
            source=source,
            convening_body=body,
            held_on=form.cleaned_data["held_on"],
            title=form.cleaned_data["title"],
            conclusions=form.conclusion_lines(),
        )
    except services.RecordError as error:
        return _failed(request, source, error)
    return _done(request, source, outcome)


def _invalid(form: MeetingFromTextForm) -> Exception:
    """The form's errors as one message of the panel."""
    return services.RecordError(
        " ".join(str(m) for e in form.errors.values() for m in e)
    )


@login_required
@require_POST
def make_person(request: AuthedRequest, pk: int, index: int) -> HttpResponse:
    source = _source(request, pk)
    chosen = None
    if request.POST.get("person"):
        chosen = get_visible_or_404(Person, request.user, pk=request.POST["person"])
    try:
        outcome = services.record_person(
            actor=request.user, source=source, index=index, person=chosen
        )
    except services.RecordError as error:
        return _failed(request, source, error)
    return _done(request, source, outcome)


@login_required
@require_http_methods(["GET", "POST"])
def make_figure(request: AuthedRequest, pk: int, index: int) -> HttpResponse:
    """A figure of the text as a reported value: pick the indicator, the
    body and the period (the text's by default), then save."""
    source = _source(request, pk)
    if not can_edit(request.user, source):
        raise PermissionDenied
    figures = (source.confirmed_facts or {}).get("figures") or []
    if not 0 <= index < len(figures):
        messages.error(request, _("This text has no such figure."))
        return redirect("records:source_records", pk=source.pk)
    figure = figures[index]
    bodies = services.figure_bodies(request.user, source)
    period = services.figure_period(source)
    form = FigureForm(
        request.POST or None,
        bodies=bodies,
        initial={
            "value": services.figure_text(figure),
            "period_type": period.get("period_type"),
            "year": period.get("period_year"),
            "number": period.get("period_number"),
            "body": bodies[0] if len(bodies) == 1 else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.record_figure(
                actor=request.user,
                source=source,
                index=index,
                indicator=data["indicator"],
                body=data["body"],
                period=data["period"],
                text=data["value"],
            )
        except services.RecordError as error:
            form.add_error(None, str(error))
        else:
            if not outcome.created:
                messages.info(request, _("The value existed already: it was updated."))
            messages.success(
                request,
                _("Recorded: %(value)s.")
                % {"value": f"{data['indicator'].name}: {data['value']}"},
            )
            return redirect("records:source_records", pk=source.pk)
    context = {"source": source, "figure": figure, "index": index, "form": form}
    return render(request, "records/figure_form.html", context)
