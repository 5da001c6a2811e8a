"""The rules behind the petitions: the sets of legal deadlines (read by
every signed-in officer, changed only by migrations and the admin) and the
routing rules (read for the places the user sees, changed by the editors of
the place)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.common import rules as common_rules
from danvan.common.access import get_visible_or_404, may_edit_somewhere
from danvan.common.http import AuthedRequest
from danvan.petitions.exceptions import PetitionError
from danvan.petitions.forms import RoutingRuleForm
from danvan.petitions.models import RoutingRule, RuleSet


@login_required
@require_GET
def rule_sets(request: AuthedRequest) -> HttpResponse:
    """Every set of legal deadlines with its rules, the newest first."""
    sets = list(RuleSet.objects.order_by("-valid_from").prefetch_related("rules"))
    return render(request, "petitions/rule_sets.html", {"sets": sets})


@login_required
@require_GET
def routing_list(request: AuthedRequest) -> HttpResponse:
    """The routing rules of the places the user sees."""
    found = list(
        RoutingRule.objects.visible_to(request.user)
        .select_related("area", "topic", "body")
        .order_by("area_path", "kind", "pk")[:500]
    )
    for rule in found:
        rule.editable = common_rules.may_edit(request.user, rule.area)  # type: ignore[attr-defined]
    context = {"rules": found, "can_create": may_edit_somewhere(request.user)}
    return render(request, "petitions/routing_list.html", context)


def _save(form: RoutingRuleForm, rule: RoutingRule | None, user: Any) -> RoutingRule:
    from danvan.petitions import services

    data = form.cleaned_data
    return services.save_routing_rule(
        actor=user,
        area=data["area"],
        body=data["body"],
        kind=data["kind"] or "",
        topic=data["topic"],
        active=data["active"],
        rule=rule,
    )


@login_required
@require_http_methods(["GET", "POST"])
def routing_edit(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    """A new routing rule, or a change of one (editors of its place)."""
    from danvan.petitions.views.pages import fail

    rule = None
    if pk is not None:
        rule = get_visible_or_404(
            RoutingRule.objects.select_related("area", "body", "topic"),
            request.user,
            pk=pk,
        )
        if not common_rules.may_edit(request.user, rule.area):
            raise PermissionDenied
    elif not may_edit_somewhere(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = RoutingRuleForm(request.POST, user=request.user, rule=rule)
        if form.is_valid():
            try:
                _save(form, rule, request.user)
            except (PermissionDenied, ValidationError, PetitionError) as exc:
                fail(form, exc)
            else:
                messages.success(request, _("The routing rule was saved."))
                return redirect(reverse("petitions:routing_list"))
    else:
        form = RoutingRuleForm(user=request.user, rule=rule)
    return render(request, "petitions/routing_form.html", {"form": form, "rule": rule})
