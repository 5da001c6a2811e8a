"""Pages of the topic catalogue: read by every officer; kept by the system's
administrators (``services.may_edit_topics``: the catalogue is national)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.common.audit import history_for
from danvan.common.http import AuthedRequest
from danvan.common.kept import list_params
from danvan.situation import services
from danvan.situation.forms import TopicForm
from danvan.situation.kept import FIGURES
from danvan.situation.models import Entry, Topic

RECENT = 20


@login_required
@require_GET
def topic_list(request: AuthedRequest) -> HttpResponse:
    q = request.GET.get("q", "")

    def compute() -> list[Topic]:
        return list(
            Topic.objects.search(q).annotate(
                entry_count=Count(
                    "entries",
                    filter=Q(
                        entries__in=Entry.objects.visible_to(request.user).values("pk")
                    ),
                )
            )
        )

    # The counts read every entry of the reader's scope: kept, not recomputed
    # on each view (forgotten when an entry or a topic changes).
    topics = FIGURES.kept("topics", request.user, list_params(request.GET), compute)
    context = {
        "topics": topics,
        "q": q,
        "can_edit": services.may_edit_topics(request.user),
    }
    return render(request, "situation/topic_list.html", context)


@login_required
@require_GET
def topic_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    recent = (
        Entry.objects.visible_to(request.user)
        .filter(topic=topic)
        .select_related("area", "body", "period")
        .order_by("-observed_on", "-pk")[:RECENT]
    )
    context = {
        "topic": topic,
        "recent": recent,
        "can_edit": services.may_edit_topics(request.user),
        "history": history_for(topic, user=request.user),
    }
    return render(request, "situation/topic_detail.html", context)


def _form_page(request: AuthedRequest, topic: Topic | None) -> HttpResponse:
    if not services.may_edit_topics(request.user):
        raise PermissionDenied
    initial: dict[str, Any] = {"order": (Topic.objects.count() + 1) * 10}
    if topic is not None:
        initial = {name: getattr(topic, name) for name in services.TOPIC_FIELDS}
    form = TopicForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if topic is None:
                topic = services.create_topic(actor=request.user, **form.cleaned_data)
            else:
                services.update_topic(
                    actor=request.user, topic=topic, **form.cleaned_data
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The topic was saved."))
            return redirect(topic)
    return render(request, "situation/topic_form.html", {"form": form, "topic": topic})


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request: AuthedRequest) -> HttpResponse:
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _form_page(request, get_object_or_404(Topic, pk=pk))
