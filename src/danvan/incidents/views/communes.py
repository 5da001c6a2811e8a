"""The hot spots of an area by commune: one row per commune of its lineage
(the communes merged into a new one keep their rows), the counts by status,
overdue and escalating, and the worst severity still open, colour-coded,
sortable, as XLSX. No drawn map: the project ships no boundaries.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from danvan.common import clock, tree
from danvan.common.forms import CleanForm
from danvan.common.http import AuthedRequest
from danvan.common.jinja import render_rows
from danvan.common.xlsx import xlsx_response
from danvan.documents.forms import AreaField
from danvan.incidents.kept import FIGURES
from danvan.incidents.models import Incident, Severity, Status
from danvan.incidents.queries import escalating_q, open_q, overdue_q
from danvan.units.lineage import lineage_paths
from danvan.units.models import Area


@dataclass
class CommuneRow:
    """One commune's hot spots (every figure a count but ``worst``)."""

    pk: int
    name: str
    current: bool
    total: int = 0
    arisen: int = 0
    handling: int = 0
    stable: int = 0
    closed: int = 0
    overdue: int = 0
    escalating: int = 0
    people: int = 0
    # The worst severity of the open ones (0: none open).
    worst: int = 0

    @property
    def open(self) -> int:
        return self.arisen + self.handling + self.stable

    @property
    def worst_label(self) -> str:
        return str(Severity(self.worst).label) if self.worst else ""


SORTS = {
    "name": lambda r: (r.name.lower(), r.pk),
    "total": lambda r: (r.total, r.name.lower()),
    "open": lambda r: (r.open, r.name.lower()),
    "overdue": lambda r: (r.overdue, r.name.lower()),
    "escalating": lambda r: (r.escalating, r.name.lower()),
    "worst": lambda r: (r.worst, r.open, r.name.lower()),
    "people": lambda r: (r.people, r.name.lower()),
}
DEFAULT_SORT = "-worst"


class CommunesForm(CleanForm):
    area = AreaField(label=_lazy("Area"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["area"]
        field.queryset = Area.objects.visible_to(user).exclude(level=Area.Level.VILLAGE)


def default_area(user: Any) -> Area | None:
    """The user's own highest area (a membership's area, or its body's)."""
    found = [
        m.area if m.area is not None else m.body.area
        for m in user.memberships.select_related("area", "body__area")
    ]
    found = [a for a in found if a is not None and a.level != Area.Level.VILLAGE]
    return min(found, key=lambda a: (len(a.path), a.pk)) if found else None


def commune_rows(user: Any, area: Area) -> list[dict[str, Any]]:
    """Each commune of ``area``'s lineage with its figures, as ``user`` reads
    them: one grouped query per depth of the communes' paths (usually one)."""
    roots = lineage_paths([area.path])
    communes = list(
        Area.objects.visible_to(user)
        .filter(tree.subtree_q(roots), level=Area.Level.COMMUNE)
        .only("pk", "full_name", "path", "valid_to")
    )
    today = clock.today()
    rows = {
        c.path: CommuneRow(
            pk=c.pk,
            name=c.full_name,
            current=c.valid_to is None or c.valid_to >= today,
        )
        for c in communes
    }
    incidents = Incident.objects.visible_to(user).filter(
        tree.subtree_q(roots, field="area_path")
    )
    for length in sorted({len(path) for path in rows}):
        found = (
            incidents.annotate(prefix=Substr("area_path", 1, length))
            .filter(prefix__in=[p for p in rows if len(p) == length])
            .values("prefix")
            .annotate(
                total=Count("pk"),
                arisen=Count("pk", filter=Q(status=Status.ARISEN)),
                handling=Count("pk", filter=Q(status=Status.HANDLING)),
                stable=Count("pk", filter=Q(status=Status.STABLE)),
                closed=Count("pk", filter=Q(status=Status.CLOSED)),
                overdue=Count("pk", filter=overdue_q(today)),
                escalating=Count("pk", filter=escalating_q()),
                people=Sum("people", filter=open_q()),
                worst=Max("severity", filter=open_q()),
            )
            .order_by()
        )
        for values in found:
            figures: dict[str, Any] = dict(values)
            row = rows[figures.pop("prefix")]
            for name, value in figures.items():
                setattr(row, name, value or 0)
    # A commune no longer in force is listed when it has hot spots.
    return [asdict(r) for r in rows.values() if r.current or r.total]


def _rows(request: AuthedRequest, area: Area) -> list[CommuneRow]:
    found = FIGURES.kept(
        "communes", request.user, (area.pk,), lambda: commune_rows(request.user, area)
    )
    return [CommuneRow(**values) for values in found]


def _sorted(rows: list[CommuneRow], key: str) -> tuple[list[CommuneRow], str]:
    name = key.lstrip("-")
    if name not in SORTS:
        key, name = DEFAULT_SORT, DEFAULT_SORT.lstrip("-")
    return sorted(rows, key=SORTS[name], reverse=key.startswith("-")), key


def _chosen(request: AuthedRequest) -> tuple[CommunesForm, Area | None]:
    form = CommunesForm(request.GET or None, user=request.user)
    area = None
    if form.is_bound and form.is_valid():
        area = form.cleaned_data.get("area")
    if area is None:
        area = default_area(request.user)
        if area is not None and not form.is_bound:
            form.initial["area"] = area.pk
    return form, area


@login_required
@require_GET
def communes(request: AuthedRequest) -> HttpResponse:
    """The hot spots of an area, one row per commune."""
    form, area = _chosen(request)
    rows: list[CommuneRow] = []
    sort = request.GET.get("sort") or DEFAULT_SORT
    if area is not None:
        rows, sort = _sorted(_rows(request, area), sort)
    context = {
        "form": form,
        "area": area,
        "rows": rows,
        "sort": sort,
        "totals": _totals(rows),
        # The rows in Jinja2 (a province has a hundred communes).
        "rows_html": render_rows(
            "incidents/commune_rows.html",
            {"rows": rows, "list_url": reverse("incidents:list")},
        ),
    }
    template = "incidents/communes.html"
    if request.htmx and not request.htmx.boosted and area is not None:
        template += "#rows"
    return render(request, template, context)


def _totals(rows: list[CommuneRow]) -> dict[str, int]:
    names = ("total", "arisen", "handling", "stable", "closed", "overdue", "escalating")
    return {name: sum(getattr(r, name) for r in rows) for name in names}


@login_required
@require_GET
def communes_export(request: AuthedRequest) -> HttpResponse:
    """The view by commune as an XLSX workbook."""
    _form, area = _chosen(request)
    rows: list[CommuneRow] = []
    if area is not None:
        rows, _key = _sorted(_rows(request, area), request.GET.get("sort") or "name")
    headers = [
        _("Commune"),
        _("Hot spots"),
        _("arisen"),
        _("being handled"),
        _("stabilised"),
        _("closed"),
        _("Overdue"),
        _("Escalating"),
        _("Worst severity (open)"),
    ]
    return xlsx_response(
        "diem-nong-theo-xa.xlsx",
        _("Hot spots by commune"),
        headers,
        (
            [
                r.name,
                r.total,
                r.arisen,
                r.handling,
                r.stable,
                r.closed,
                r.overdue,
                r.escalating,
                r.worst_label,
            ]
            for r in rows
        ),
    )
