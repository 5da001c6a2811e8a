"""Pages of the unit tree: home, the unit browser, areas, bodies, people."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.common import dashboard
from danvan.common.access import (
    can_edit,
    can_view,
    get_editable_or_404,
    get_visible_or_404,
    scope_for,
)
from danvan.common.audit import history_for
from danvan.common.http import AuthedRequest
from danvan.units import services
from danvan.units.filters import AreaFilterSet, PersonFilterSet
from danvan.units.forms import VillageForm
from danvan.units.lineage import successors_detail
from danvan.units.models import (
    Area,
    AreaSuccession,
    Body,
    BodySuccession,
    Person,
    Position,
)
from danvan.units.widgets import label_of, pickable, search


def _on_date(request: AuthedRequest) -> dt.date:
    """The date the user looks at (``?on=YYYY-MM-DD``), today by default."""
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("area__parent", "body__area")
    return render(
        request,
        "units/home.html",
        {"memberships": memberships, "todo": dashboard.items_for(request.user)},
    )


def _top_areas(request: AuthedRequest, on: dt.date) -> list[Area]:
    """The roots of the user's part of the tree, as of ``on``."""
    scope = scope_for(request.user)
    if scope.everything:
        return list(
            Area.objects.filter(parent=None).in_force(on).order_by("search_name")
        )
    return list(Area.objects.filter(path__in=scope.area_roots).order_by("path"))


@login_required
def area_list(request: AuthedRequest) -> HttpResponse:
    """The unit browser: the user's tree, and a search that ignores accents."""
    on = _on_date(request)
    filters = AreaFilterSet(request.GET, Area.objects.visible_to(request.user))
    query = filters.value("q") or ""
    context: dict[str, object] = {"on": on, "q": query}
    if query:
        areas = filters.qs.select_related("parent").for_display()
        context["page"] = Paginator(areas, 50).get_page(request.GET.get("page"))
    else:
        context["roots"] = _top_areas(request, on)
    template = "units/area_list.html"
    if request.htmx and not request.htmx.boosted and query:
        template += "#results"
    return render(request, template, context)


@login_required
def area_children(request: AuthedRequest, pk: int) -> HttpResponse:
    """One level of the tree below an area (a fragment for the browser)."""
    area = get_visible_or_404(Area, request.user, pk=pk)
    on = _on_date(request)
    children = area.children.order_by("search_name")
    if not request.GET.get("all"):
        children = children.in_force(on)
    return render(
        request,
        "units/area_children.html",
        {"area": area, "children": children, "on": on},
    )


@login_required
def area_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    area = get_visible_or_404(
        Area.objects.select_related("parent"), request.user, pk=pk
    )
    on = _on_date(request)
    show_all = bool(request.GET.get("all"))
    children = area.children.order_by("search_name")
    if not show_all:
        children = children.in_force(on)
    # An area is seen by its path alone: the scope says which crumbs link.
    ancestors = list(area.ancestors())
    # Both sides of the area's history in one query.
    links = list(
        AreaSuccession.objects.filter(Q(successor=area) | Q(predecessor=area))
        .select_related("predecessor", "successor", "event")
        .order_by("pk")
    )
    formed_from = sorted(
        (link for link in links if link.successor_id == area.pk),
        key=lambda link: link.predecessor.search_name,
    )
    passed_to = sorted(
        (link for link in links if link.predecessor_id == area.pk),
        key=lambda link: link.successor.search_name,
    )
    context = {
        "area": area,
        "on": on,
        "show_all": show_all,
        "ancestors": [(a, can_view(request.user, a)) for a in ancestors],
        "children": children,
        "bodies": area.bodies.order_by("path"),
        "people": Person.objects.filter(area=area).prefetch_related(
            Prefetch("positions", Position.objects.select_related("body"))
        ),
        "formed_from": formed_from,
        "passed_to": passed_to,
        "current_successors": successors_detail(area) if not area.in_force() else [],
        "history": history_for(area, user=request.user),
        "can_edit": can_edit(request.user, area),
        "village_form": VillageForm() if area.level == Area.Level.COMMUNE else None,
    }
    return render(request, "units/area_detail.html", context)


@login_required
@require_POST
def village_create(request: AuthedRequest, pk: int) -> HttpResponse:
    commune = get_editable_or_404(Area, request.user, pk=pk)
    form = VillageForm(request.POST)
    if form.is_valid():
        try:
            village = services.create_village(
                actor=request.user, commune=commune, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Added %(name)s.") % {"name": village.full_name}
            )
            return redirect(commune)
    messages.error(
        request, " ".join(str(e) for errs in form.errors.values() for e in errs)
    )
    return redirect(commune)


@login_required
def body_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_visible_or_404(
        Body.objects.select_related("area", "parent"), request.user, pk=pk
    )
    # Both sides of the body's history in one query.
    links = list(
        BodySuccession.objects.filter(Q(successor=body) | Q(predecessor=body))
        .select_related("predecessor", "successor", "event")
        .order_by("pk")
    )
    context = {
        "body": body,
        "children": body.children.order_by("name"),
        "positions": body.positions.select_related("person").order_by("-valid_from"),
        "formed_from": [link for link in links if link.successor_id == body.pk],
        "passed_to": [link for link in links if link.predecessor_id == body.pk],
        "history": history_for(body, body.positions.all(), user=request.user),
    }
    return render(request, "units/body_detail.html", context)


@login_required
def person_list(request: AuthedRequest) -> HttpResponse:
    filters = PersonFilterSet(request.GET, Person.objects.visible_to(request.user))
    query = filters.value("q") or ""
    people = filters.qs.select_related("area").prefetch_related(
        Prefetch(
            "positions",
            Position.objects.select_related("body").filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate())
            ),
            to_attr="current_positions",
        )
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    template = "units/person_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#rows"
    return render(request, template, {"page": page, "q": query})


@login_required
def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(
        Person.objects.select_related("area"), request.user, pk=pk
    )
    positions = person.positions.select_related("body__area").order_by("-valid_from")
    return render(
        request,
        "units/person_detail.html",
        {
            "person": person,
            "positions": positions,
            "history": history_for(person, person.positions.all(), user=request.user),
        },
    )


# --- pickers (units.widgets) ------------------------------------------------------


def _pick(request: AuthedRequest, model: type[Area] | type[Body]) -> HttpResponse:
    """Units of the picker's field matching the search: ``<option>``s for htmx,
    a page of links otherwise."""
    # The picker sends its box as ``<field>_q``; the page of links as ``q``.
    text = next(
        (str(v) for k, v in request.GET.items() if k == "q" or k.endswith("_q")), ""
    ).strip()
    rows = pickable(model, request.user, request.GET)
    context = {
        "q": text,
        "found": [(row, label_of(row)) for row in search(rows, text)],
        "limits": [(k, v) for k, v in request.GET.items() if k in rows.pick],
        "title": _("Find an area") if model is Area else _("Find a body"),
    }
    template = "units/pick.html"
    if request.htmx and not request.htmx.boosted:
        template += "#options"
    return render(request, template, context)


@login_required
@require_GET
def pick_areas(request: AuthedRequest) -> HttpResponse:
    return _pick(request, Area)


@login_required
@require_GET
def pick_bodies(request: AuthedRequest) -> HttpResponse:
    return _pick(request, Body)
