"""Home page items of reported figures.

- For a unit that reports: each form due now, with its period and deadline
  (opening the entry page when one body of theirs reports it), and the
  figures returned for correction.
- For an approver: the figures waiting for their decision, and for each form
  the reports late or missing of its last period whose deadline has passed,
  under their units.

Kept (``datasets.kept``) per reader's scope and day until a submission or a
form changes: the reporters of a form are read through lineage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.accounts.roles import Role
from danvan.common.access import may_act_somewhere
from danvan.common.dashboard import Count, Item
from danvan.common.rules import own_units
from danvan.datasets import completeness as rates
from danvan.datasets.kept import FIGURES
from danvan.datasets.models import ReportForm, Submission
from danvan.datasets.services import approval
from danvan.datasets.views.approval import tab_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User


def items(user: User | AnonymousUser) -> list[Item | Count]:
    if not user.is_authenticated:
        return []
    # Everything in one kept figure: a page after the first reads no row.
    found = FIGURES.kept("home", user, _roles(user), lambda: _items(user))
    return [Item(*entry) for entry in found]


def _items(user: User) -> list[tuple[str, int, str, bool]]:
    found: list[tuple[str, int, str, bool]] = []
    if not ReportForm.objects.filter(active=True).exists():
        return found
    lists = reverse("datasets:submission_list")
    approver = may_act_somewhere(user, Role.APPROVER)
    editor = may_act_somewhere(user, Role.EDITOR)
    counts = Submission.objects.aggregate(
        waiting=models.Count(
            "pk",
            filter=Q(pk__in=_waiting(user).values("pk")) if approver else Q(pk__in=[]),
        ),
        returned=models.Count(
            "pk",
            filter=(
                Q(pk__in=tab_rows(user, "mine").values("pk"))
                & Q(status=Submission.Status.RETURNED)
            )
            if editor
            else Q(pk__in=[]),
        ),
    )
    if approver:
        found.append(
            (
                _("Reported figures waiting for your decision"),
                counts["waiting"],
                lists + "?tab=decide",
                True,
            )
        )
        found += [(label, n, url, True) for label, n, url in _late(user)]
    if editor:
        found += _due(user)
        found.append(
            (
                _("Reported figures returned for correction"),
                counts["returned"],
                lists + "?" + urlencode({"tab": "mine", "status": "returned"}),
                True,
            )
        )
    return found


def _waiting(user: User) -> Any:
    return Submission.objects.visible_to(user).filter(approval.waiting_for(user))


def _roles(user: Any) -> tuple[Any, ...]:
    own = own_units(user)
    return (tuple(sorted(own.area_ids)), tuple(sorted(own.body_ids)))


def _due(user: User) -> list[tuple[str, int, str, bool]]:
    """One item per form and period due: its deadline, and where to enter."""
    grouped: dict[tuple[int, str], list[rates.Due]] = {}
    for due in rates.due_for(user):
        grouped.setdefault((due.form_id, due.period_label), []).append(due)
    result = []
    for (_form, period), dues in grouped.items():
        first = dues[0]
        words = {
            "form": first.form_name,
            "period": period,
            "date": first.due_on.strftime("%d/%m/%Y"),
        }
        if first.overdue:
            label = _("%(form)s, %(period)s: overdue since %(date)s") % words
        else:
            label = _("%(form)s, %(period)s: due by %(date)s") % words
        if len(dues) == 1 and first.period_id is not None:
            url = reverse(
                "datasets:entry", args=[first.form_id, first.period_id, first.body_id]
            )
        else:
            url = reverse("datasets:submission_list") + "?tab=mine"
        result.append((label, len(dues), url, first.overdue))
    return result


def _late(user: User) -> list[tuple[str, int, str]]:
    """Per form: the reports late or missing of its last period past its
    deadline, among the units the user judges (not their own)."""
    own = own_units(user)
    today = timezone.localdate()
    result = []
    if user.is_superuser:
        return []  # judges every unit: the completeness pages say it all
    for form in rates.forms_near(user, Role.APPROVER):
        due = set(rates.due_periods(form, today=today))
        past = [
            p
            for p in rates.recent_periods(form.period_type, today=today)
            if p not in due
        ]
        if not past:
            continue
        period = rates.named_period(*past[0])
        rows = [
            row
            for row in rates.completeness(form, period, None, user, today=today)
            if row.area_id not in own.area_ids and row.body_id not in own.body_ids
        ]
        count = sum(1 for row in rows if row.status in (rates.LATE, rates.MISSING))
        if not count:
            continue
        label = _("%(form)s, %(period)s: reports late or missing") % {
            "form": form.name,
            "period": str(period),
        }
        url = (
            reverse("datasets:completeness", args=[form.pk])
            + "?"
            + urlencode({"period": rates.period_spec(period)})
        )
        result.append((label, count, url))
    return result
