"""Pages of the unit tree: home, the unit browser, areas, bodies, people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.accounts.models import Membership, User
from danvan.common import dashboard
from danvan.common.access import (
    cached_for_user,
    can_edit,
    can_view,
    get_editable_or_404,
    get_visible_or_404,
    scope_for,
    seen_or_404,
)
from danvan.common.audit import history_for
from danvan.common.http import AuthedRequest
from danvan.common.links import route_parts
from danvan.dashboards.home import panel as home_panel
from danvan.units import services
from danvan.units.filters import AreaFilterSet, PersonFilterSet
from danvan.units.forms import VillageForm
from danvan.units.lineage import successors_detail
from danvan.units.models import (
    Area,
    AreaSuccession,
    Body,
    BodySuccession,
    ChangeEvent,
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


@dataclass(frozen=True)
class HomeUnit:
    """A unit of the user's memberships as the home page names it."""

    name: str
    url: str
    # The area above an area, or a body's area ("" for a top area).
    above: str
    is_area: bool
    role: int


def _home_units(user: User) -> list[HomeUnit]:
    units = []
    for membership in user.memberships.select_related("area__parent", "body__area"):
        if (area := membership.area) is not None:
            above = area.parent.full_name if area.parent else ""
            unit = (area.full_name, area.get_absolute_url(), above, True)
        elif (body := membership.body) is not None:
            unit = (body.name, body.get_absolute_url(), body.area.full_name, False)
        else:
            continue
        units.append(HomeUnit(*unit, role=membership.role))
    return units


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    # Kept with the user's scope (common.access.cached_for_user): it changes
    # only with their memberships and the units', which renew the scope.
    units = cached_for_user(request.user, "home-units", _home_units)
    roles = dict(Membership.Role.choices)
    return render(
        request,
        "units/home.html",
        {
            "units": [(unit, roles.get(unit.role, unit.role)) for unit in units],
            "todo": dashboard.items_for(request.user),
            # The unit's dashboard for the current period (kept as its HTML).
            "dashboard": home_panel(request),
        },
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


class HistoryLink(NamedTuple):
    """One line of an area's history (units/succession_rows.html): the area on
    the other side of the link, and the change."""

    area_id: int
    full_name: str
    code: str
    search_name: str
    partial: bool
    primary: bool
    kind: str
    date: dt.date
    legal_basis: str


# The columns of the area on each side of a link, in HistoryLink's order.
_LINK_AREA = ("id", "full_name", "code", "search_name")


def _history_links(area: Area) -> tuple[list[HistoryLink], list[HistoryLink]]:
    """The areas ``area`` was formed from and those it passed into, by name.

    Both sides in one query of the columns shown (no model per row and side).
    """
    sides = ("predecessor", "successor")
    rows = (
        AreaSuccession.objects.filter(Q(successor=area) | Q(predecessor=area))
        .order_by("pk")
        .values_list(
            "successor_id",
            *(f"{side}__{name}" for side in sides for name in _LINK_AREA),
            "partial",
            "primary",
            "event__kind",
            "event__date",
            "event__legal_basis",
        )
    )
    formed_from: list[HistoryLink] = []
    passed_to: list[HistoryLink] = []
    for successor_id, *values, partial, primary, kind, date, basis in rows:
        change = (partial, primary, ChangeEvent.Kind(kind).label, date, basis)
        if successor_id == area.pk:
            formed_from.append(HistoryLink._make((*values[:4], *change)))
        else:
            passed_to.append(HistoryLink._make((*values[4:], *change)))
    formed_from.sort(key=attrgetter("search_name"))
    passed_to.sort(key=attrgetter("search_name"))
    return formed_from, passed_to


@dataclass(frozen=True)
class PersonRow:
    """A person of an area's page (units/person_rows.html) and the titles of
    their positions, the latest first."""

    pk: int
    full_name: str
    titles: list[str]


def _people(area: Area) -> list[PersonRow]:
    """The area's people with their positions' titles, in one query (a join,
    not a query of positions after the people)."""
    people: dict[int, PersonRow] = {}
    rows = (
        Person.objects.filter(area=area)
        # The people's order, then each one's positions' (Position.Meta).
        .order_by("search_name", "pk", "-positions__valid_from", "positions__pk")
        .values_list("pk", "full_name", "positions__title")
    )
    for pk, full_name, title in rows:
        person = people.setdefault(pk, PersonRow(pk, full_name, []))
        if title is not None:
            person.titles.append(title)
    return list(people.values())


@login_required
def area_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    # Read by its key, then seen by its path; its parent is not shown: the
    # crumbs are its ancestors, read by path.
    area = seen_or_404(request.user, Area.objects.filter(pk=pk).first())
    on = _on_date(request)
    show_all = bool(request.GET.get("all"))
    children = Area.objects.filter(parent=area).order_by("search_name")
    if not show_all:
        children = children.in_force(on)
    # The columns units/area_rows.html shows, as tuples: a province has a
    # hundred communes, and a model instance each costs as much as its row.
    child_rows = children.values_list("id", "full_name", "code", "valid_to", named=True)
    # An area is seen by its path alone: the scope says which crumbs link.
    ancestors = list(area.ancestors())
    formed_from, passed_to = _history_links(area)
    context = {
        "area": area,
        "on": on,
        "show_all": show_all,
        "ancestors": [(a, can_view(request.user, a)) for a in ancestors],
        # Rows of Jinja2 templates (units/*_rows.html): lists, read once.
        "children": list(child_rows),
        # Their addresses around their ids, the route read once.
        "child_route": route_parts("units:area_detail"),
        "bodies": list(
            area.bodies.order_by("path").only(
                "area", "name", "path", "kind", "valid_from", "valid_to"
            )
        ),
        "people": _people(area),
        "formed_from": formed_from,
        "passed_to": passed_to,
        "current_successors": successors_detail(area) if not area.in_force() else [],
        "history": history_for(area, user=request.user),
        # The form itself loads on demand (village_create answers GET).
        "may_add_village": area.level == Area.Level.COMMUNE
        and can_edit(request.user, area),
    }
    return render(request, "units/area_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def village_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add a village under a commune (a GET: the form; for htmx the form alone,
    swapped into the commune's page)."""
    commune = get_editable_or_404(Area, request.user, pk=pk)
    if request.method == "GET":
        if commune.level != Area.Level.COMMUNE:
            # As the write would answer: the page, and why not.
            messages.error(request, _("A village can only be added under a commune."))
            return redirect(commune)
        template = "units/village_form.html"
        if request.htmx and not request.htmx.boosted:
            template += "#form"
        return render(request, template, {"area": commune, "form": VillageForm()})
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
