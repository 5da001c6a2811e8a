"""Petitions from receipt to close: intake, routing, the steps and the clocks.

Every write takes the acting user and checks it (``petitions.rules``):
receiving needs an editor over the receiving body, the steps an editor over
the handling body; commands and the demo act as the system actor. Bad input
raises ``PetitionError`` with a Vietnamese message, and nothing is saved.

The clocks are the set of legal deadlines in force on the day of receipt
(``rule_set_on``), applied by ``petitions.clocks``; after each step the
petition keeps its earliest running deadline (``next_due_on``) for the lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common import clock, rules, tree
from danvan.common.actors import is_system
from danvan.common.audit import acting_as, create_all
from danvan.common.files import store_upload
from danvan.common.text import clean_input, fold
from danvan.petitions import clocks, routing
from danvan.petitions import rules as petition_rules
from danvan.petitions.exceptions import PetitionError, RuleSetError
from danvan.petitions.models import (
    OPEN,
    Attachment,
    Channel,
    ClockRule,
    Forwarding,
    Kind,
    Petition,
    Petitioner,
    RoutingRule,
    RuleSet,
    Status,
)
from danvan.situation.models import Topic
from danvan.units.models import Area, Body

# A crowd petition (khiếu nại đông người): five people or more.
CROWD = 5
# The fields ``update_petition`` accepts.
PETITION_FIELDS = (
    "channel",
    "subject",
    "content",
    "act",
    "act_on",
    "topic",
    "area",
    "remote",
    "complex_case",
    "crowd",
    "people",
)


def _line(value: str | None) -> str:
    return clean_input(value or "", multiline=False)


def _text(value: str | None) -> str:
    return clean_input(value or "", multiline=True)


# Subjects this alike (folded) are "the same subject" for a repeat.
SIMILAR = 0.6


# --- rule sets ---------------------------------------------------------------


def rule_set_on(on: dt.date) -> RuleSet:
    """The set of legal deadlines in force on ``on``."""
    found = (
        RuleSet.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )
    if found is None:
        raise RuleSetError(
            _("No set of legal deadlines is in force on %(date)s.")
            % {"date": f"{on:%d/%m/%Y}"}
        )
    return found


def rules_of(rule_set: RuleSet) -> list[clocks.Rule]:
    """The set's rules as plain data for ``petitions.clocks``."""
    cached: list[clocks.Rule] | None = getattr(rule_set, "_clock_rules", None)
    if cached is None:
        cached = [clocks.Rule.of(row) for row in rule_set.rules.all()]
        rule_set._clock_rules = cached  # type: ignore[attr-defined]
    return cached


def rule_set_problems(sets: Sequence[RuleSet] | None = None) -> list[str]:
    """What is wrong with the sets, each in a Vietnamese sentence: a gap or
    an overlap between their dates, a kind of petition without its rules."""
    if sets is None:
        sets = list(RuleSet.objects.prefetch_related("rules").order_by("valid_from"))
    by_name = {s.pk: s for s in sets}
    spans = [clocks.Span(str(s.pk), s.valid_from, s.valid_to) for s in sets]
    problems: list[str] = []
    if not sets:
        problems.append(_("No set of legal deadlines is recorded."))
    for what, span, following in clocks.span_problems(spans):
        one = by_name[int(span.name)]
        if what == "order":
            problems.append(
                _("The set “%(name)s” ends before it starts.") % {"name": one.name}
            )
            continue
        other = by_name[int(following.name)] if following else None
        values = {
            "name": one.name,
            "other": other.name if other else "",
            "end": f"{one.valid_to:%d/%m/%Y}" if one.valid_to else "…",
            "start": f"{other.valid_from:%d/%m/%Y}" if other else "",
        }
        if what == "gap":
            problems.append(
                _(
                    "Between the set “%(name)s” (until %(end)s) and the set "
                    "“%(other)s” (from %(start)s) some days have no deadlines."
                )
                % values
            )
        else:
            problems.append(
                _(
                    "The set “%(name)s” (until %(end)s) overlaps the set "
                    "“%(other)s” (from %(start)s): it must end the day before."
                )
                % values
            )
    kinds = dict(Kind.choices)
    steps = dict(ClockRule.Step.choices)
    for one in sets:
        for kind, step in clocks.missing_rules(rules_of(one)):
            problems.append(
                _(
                    "The set “%(name)s” has no rule for the step “%(step)s” "
                    "of a %(kind)s."
                )
                % {"name": one.name, "step": steps[step], "kind": kinds[kind]}
            )
    return problems


def validate_rule_sets(sets: Sequence[RuleSet] | None = None) -> None:
    """Refuse sets that leave a gap or overlap in their dates, or lack rules."""
    problems = rule_set_problems(sets)
    if problems:
        raise RuleSetError(" ".join(problems))


@transaction.atomic
def add_rule_set(
    *,
    actor: User,
    name: str,
    basis: str,
    valid_from: dt.date,
    rules: Iterable[dict[str, Any]] = (),
    copy_from: RuleSet | None = None,
) -> RuleSet:
    """A new set in force from ``valid_from``: the set open until then ends
    the day before; its rules are ``rules`` (``ClockRule`` fields), or those
    of ``copy_from`` changed by them. Refused, nothing saved, when the sets
    then leave a gap or overlap or lack a rule."""
    rules_list = list(rules)
    if not petition_rules.may_set_rules(actor):
        raise PermissionDenied(_("Only administrators set the legal deadlines."))
    with acting_as(actor):
        previous = (
            RuleSet.objects.filter(valid_from__lt=valid_from, valid_to__isnull=True)
            .order_by("-valid_from")
            .first()
        )
        if previous is not None:
            previous.valid_to = valid_from - dt.timedelta(days=1)
            previous.save()
        rule_set = RuleSet.objects.create(
            name=_line(name), basis=_text(basis), valid_from=valid_from
        )
        values: dict[tuple[str, str, bool, bool], dict[str, Any]] = {}
        if copy_from is not None:
            for row in copy_from.rules.all():
                key = (row.kind, row.step, row.remote, row.complex_case)
                values[key] = {
                    "kind": row.kind,
                    "step": row.step,
                    "start": row.start,
                    "days": row.days,
                    "day_kind": row.day_kind,
                    "remote": row.remote,
                    "complex_case": row.complex_case,
                    "times": row.times,
                    "basis": row.basis,
                }
        for given in rules_list:
            key = (
                given["kind"],
                given["step"],
                bool(given.get("remote")),
                bool(given.get("complex_case")),
            )
            values[key] = {**values.get(key, {}), **given}
        create_all(
            [ClockRule(rule_set=rule_set, **row) for row in values.values()],
            actor=actor,
        )
    validate_rule_sets()
    return rule_set


# --- the clocks of a petition -------------------------------------------------


def _handed_on(petition: Petition) -> dt.date | None:
    if petition.pk is None:
        return None
    if hasattr(petition, "_handed_on"):
        known: dt.date | None = petition._handed_on
        return known
    found: dt.date | None = petition.forwardings.aggregate(last=Max("on"))["last"]
    petition._handed_on = found  # type: ignore[attr-defined]
    return found


def deadlines_of(petition: Petition) -> list[clocks.Deadline]:
    """Each deadline of the petition by the set in force when it was received."""
    return clocks.deadlines(
        clocks.Facts.of(petition, _handed_on(petition)), rules_of(petition.rule_set)
    )


def _set_next_due(petition: Petition) -> None:
    if petition.status in OPEN:
        petition.next_due_on = clocks.next_due(deadlines_of(petition))
    else:
        petition.next_due_on = None


@transaction.atomic
def refresh_due(petitions: Iterable[Petition]) -> int:
    """Compute again the next deadline of ``petitions`` (after a set of
    deadlines changed); returns how many changed."""
    rows = list(petitions)
    handed = dict(
        Forwarding.objects.filter(petition__in=[p.pk for p in rows])
        .values("petition")
        .annotate(last=Max("on"))
        .values_list("petition", "last")
    )
    sets = {
        s.pk: s
        for s in RuleSet.objects.filter(
            pk__in={p.rule_set_id for p in rows}
        ).prefetch_related("rules")
    }
    changed = 0
    for petition in rows:
        petition.rule_set = sets[petition.rule_set_id]
        petition._handed_on = handed.get(petition.pk)  # type: ignore[attr-defined]
        before = petition.next_due_on
        _set_next_due(petition)
        if petition.next_due_on != before:
            petition.save(update_fields=["next_due_on"])
            changed += 1
    return changed


# --- checks ---------------------------------------------------------------------


def _date(on: dt.date | None, label: str) -> dt.date:
    if on is None:
        raise PetitionError(_("Give the date: %(what)s.") % {"what": label})
    if on > clock.today():
        raise PetitionError(
            _("The date %(date)s (%(what)s) is in the future.")
            % {"date": f"{on:%d/%m/%Y}", "what": label}
        )
    return on


def _not_before(on: dt.date, earlier: dt.date | None, message: str) -> None:
    if earlier is not None and on < earlier:
        raise PetitionError(message % {"date": f"{earlier:%d/%m/%Y}"})


def _check_handle(actor: User, petition: Petition) -> None:
    rules.require(
        petition_rules.may_handle(actor, petition),
        _("Only the handling body's officers take this step."),
    )


def _check_status(petition: Petition, *allowed: str) -> None:
    if petition.status not in allowed:
        raise PetitionError(
            _("This step does not apply to a petition that is %(status)s.")
            % {"status": petition.get_status_display()}
        )


def _check_kind(petition: Petition, *kinds: str, message: str) -> None:
    if petition.kind not in kinds:
        raise PetitionError(message)


def _check_body_on(body: Body, on: dt.date, what: str) -> None:
    if not body.in_force(on):
        raise PetitionError(
            _("%(body)s is not in force on %(date)s (%(what)s).")
            % {"body": body.name, "date": f"{on:%d/%m/%Y}", "what": what}
        )


def _clean_petitioners(
    petitioners: Sequence[dict[str, Any]], *, crowd: bool, people: int
) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    for given in petitioners:
        row = {
            "name": _line(str(given.get("name") or "")),
            "id_number": _line(str(given.get("id_number") or "")),
            "address": _line(str(given.get("address") or "")),
            "phone": _line(str(given.get("phone") or "")),
            "representative": bool(given.get("representative")),
        }
        if not any(row[k] for k in ("name", "id_number", "address", "phone")):
            continue  # an empty row of the form
        if not row["name"]:
            raise PetitionError(_("Give each petitioner's full name."))
        cleaned.append(row)
    if not cleaned:
        raise PetitionError(_("Give at least one petitioner."))
    if people < len(cleaned):
        raise PetitionError(
            _("The number of petitioners (%(people)s) is less than the names given.")
            % {"people": people}
        )
    if crowd:
        _check_representatives(cleaned, people)
    return cleaned


def representatives_allowed(people: int) -> tuple[int, int]:
    """How many representatives a crowd of ``people`` chooses (Nghị định
    75/2012/NĐ-CP: 5 to 10 people, one or two; more than 10, up to five)."""
    return (1, 2) if people <= 10 else (1, 5)


def _check_representatives(cleaned: list[dict[str, Any]], people: int) -> None:
    chosen = sum(1 for row in cleaned if row["representative"])
    low, high = representatives_allowed(people)
    if chosen < low:
        raise PetitionError(
            _(
                "A crowd petition (%(people)s people) needs its representatives: "
                "mark one or more petitioners as representative."
            )
            % {"people": people}
        )
    if chosen > high:
        raise PetitionError(
            _(
                "A crowd of %(people)s people chooses at most %(high)s "
                "representatives (Decree 75/2012/NĐ-CP); %(chosen)s are marked."
            )
            % {"people": people, "high": high, "chosen": chosen}
        )


def _check_crowd(crowd: bool, people: int) -> bool:
    if people < 1:
        raise PetitionError(_("A petition has at least one petitioner."))
    if crowd and people < CROWD:
        raise PetitionError(
            _("A crowd petition has at least %(n)s petitioners.") % {"n": CROWD}
        )
    return crowd or people >= CROWD


def _check_area(actor: User, area: Area, on: dt.date) -> None:
    if not rules.may_view(actor, area):
        raise PetitionError(
            _("The place %(area)s is outside your units.") % {"area": area.full_name}
        )
    if not area.in_force(on):
        raise PetitionError(
            _("The place %(area)s did not exist on %(date)s.")
            % {"area": area.full_name, "date": f"{on:%d/%m/%Y}"}
        )


# --- repeats and levels -----------------------------------------------------------


def similar_subjects(one: str, other: str) -> bool:
    """Are two subjects the same matter (accents and case aside)?"""
    a, b = fold(one), fold(other)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= SIMILAR


def find_repeat(
    petition: Petition, petitioners: Iterable[Petitioner]
) -> Petition | None:
    """The latest earlier petition of the same petitioner (name with the
    identity card number, or name with the address) on the same subject."""
    people = list(petitioners)
    q = Q(pk__in=[])
    for person in people:
        if person.id_number:
            q |= Q(name_key=person.name_key, id_number=person.id_number)
        if person.address:
            q |= Q(name_key=person.name_key, address__iexact=person.address)
    candidates = Petition.objects.filter(
        pk__in=Petitioner.objects.filter(q).values("petition"),
        received_on__lte=petition.received_on,
    )
    if petition.pk is not None:
        candidates = candidates.exclude(pk=petition.pk)
    candidates = candidates.order_by("-received_on", "-pk").only(
        "pk", "subject", "received_on"
    )
    for earlier in candidates[:50]:
        if similar_subjects(earlier.subject, petition.subject):
            return earlier
    return None


def past_level(*, received_by: Body, handling_body: Body, routed: Body | None) -> bool:
    """Was the petition sent past the responsible level: received by a body
    above the one that handles it, or handled above the body its place and
    kind route to?"""
    bodies = [received_by, handling_body, *([routed] if routed else [])]
    paths = dict(
        Area.objects.filter(pk__in={b.area_id for b in bodies}).values_list(
            "pk", "path"
        )
    )

    def level(body: Body) -> int:
        return tree.depth(paths[body.area_id])

    if level(received_by) < level(handling_body):
        return True
    return routed is not None and level(routed) > level(handling_body)


# --- intake -----------------------------------------------------------------------


@transaction.atomic
def receive_petition(
    *,
    actor: User,
    received_by: Body,
    received_on: dt.date,
    channel: str,
    kind: str,
    subject: str,
    content: str,
    area: Area,
    petitioners: list[dict[str, Any]],
    topic: Topic | None = None,
    crowd: bool = False,
    people: int = 1,
    act: str = "",
    act_on: dt.date | None = None,
    handling_body: Body | None = None,
    remote: bool = False,
    complex_case: bool = False,
) -> Petition:
    """Record a petition received by ``received_by`` on ``received_on``,
    routed to its handling body unless one is given; detects a repeat and a
    petition sent past its level, and computes its next deadline."""
    rules.require(
        petition_rules.may_receive(actor, received_by),
        _("You may not record petitions received by this body."),
    )
    _date(received_on, _("received on"))
    if act_on is not None:
        _date(act_on, _("act made or learnt of on"))
        _not_before(
            received_on,
            act_on,
            _("The petition cannot be received before the act (%(date)s)."),
        )
    if kind not in Kind.values:
        raise PetitionError(_("Choose the kind of petition."))
    if channel not in Channel.values:
        raise PetitionError(_("Choose how the petition was received."))
    subject = _line(subject)
    content = _text(content)
    if not subject:
        raise PetitionError(_("Give the petition's subject."))
    _check_area(actor, area, received_on)
    _check_body_on(received_by, received_on, _("received by"))
    crowd = _check_crowd(crowd, people)
    cleaned = _clean_petitioners(petitioners, crowd=crowd, people=people)
    routed = routing.route(area, kind, topic, received_on)
    if handling_body is None:
        handling_body = routed
    if handling_body is None:
        raise PetitionError(
            _(
                "No body handles petitions of %(area)s: choose the handling body "
                "or add a routing rule."
            )
            % {"area": area.full_name}
        )
    _check_body_on(handling_body, received_on, _("handling body"))
    petition = Petition(
        received_on=received_on,
        channel=channel,
        kind=kind,
        subject=subject,
        content=content,
        act=_text(act),
        act_on=act_on,
        crowd=crowd,
        people=people,
        area=area,
        topic=topic,
        received_by=received_by,
        handling_body=handling_body,
        rule_set=rule_set_on(received_on),
        remote=remote,
        complex_case=complex_case,
        past_level=past_level(
            received_by=received_by, handling_body=handling_body, routed=routed
        ),
        created_by=None if is_system(actor) else actor,
    )
    _set_next_due(petition)
    rows = _petitioner_rows(petition, cleaned)
    petition.repeat_of = find_repeat(petition, rows)
    with acting_as(actor):
        petition.save()
        for row in rows:
            row.petition = petition
        create_all(rows, actor=actor)
    return petition


def _petitioner_rows(
    petition: Petition, cleaned: list[dict[str, Any]]
) -> list[Petitioner]:
    # Written at once (``create_all``): the folded name set here, as
    # ``Petitioner.save`` would.
    return [
        Petitioner(petition=petition, order=order, name_key=fold(row["name"]), **row)
        for order, row in enumerate(cleaned)
    ]


def _set_petitioners(
    actor: User, petition: Petition, cleaned: list[dict[str, Any]]
) -> None:
    petition.petitioners.all().delete()
    create_all(_petitioner_rows(petition, cleaned), actor=actor)


@transaction.atomic
def update_petition(
    *,
    actor: User,
    petition: Petition,
    petitioners: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Petition:
    """Correct the petition's data (``PETITION_FIELDS``), and its petitioners
    when given; the clocks follow."""
    rules.require(
        petition_rules.may_change(actor, petition),
        _("You may not change this petition."),
    )
    unknown = set(fields) - set(PETITION_FIELDS)
    if unknown:
        raise TypeError(f"update_petition: unknown fields {sorted(unknown)}")
    if "subject" in fields:
        fields["subject"] = _line(fields["subject"])
    for name in ("content", "act"):
        if name in fields:
            fields[name] = _text(fields[name])
    if "subject" in fields and not fields["subject"]:
        raise PetitionError(_("Give the petition's subject."))
    if fields.get("channel", petition.channel) not in Channel.values:
        raise PetitionError(_("Choose how the petition was received."))
    act_on = fields.get("act_on", petition.act_on)
    if act_on is not None:
        _date(act_on, _("act made or learnt of on"))
        _not_before(
            petition.received_on,
            act_on,
            _("The petition cannot be received before the act (%(date)s)."),
        )
    if "area" in fields and fields["area"].pk != petition.area_id:
        _check_area(actor, fields["area"], petition.received_on)
    people = fields.get("people", petition.people)
    crowd = _check_crowd(fields.get("crowd", petition.crowd), people)
    fields["crowd"] = crowd
    if petitioners is not None:
        cleaned = _clean_petitioners(petitioners, crowd=crowd, people=people)
    else:
        cleaned = None
        current = list(petition.petitioners.all())
        if people < len(current):
            raise PetitionError(
                _(
                    "The number of petitioners (%(people)s) is less than "
                    "the names given."
                )
                % {"people": people}
            )
        if crowd:
            _check_representatives(
                [{"representative": p.representative} for p in current], people
            )
    for name, value in fields.items():
        setattr(petition, name, value)
    _set_next_due(petition)
    with acting_as(actor):
        petition.save()
        if cleaned is not None:
            _set_petitioners(actor, petition, cleaned)
    return petition


# --- the steps --------------------------------------------------------------------


def _save_step(actor: User, petition: Petition) -> Petition:
    _set_next_due(petition)
    with acting_as(actor):
        petition.save()
    return petition


@transaction.atomic
def forward_petition(
    *, actor: User, petition: Petition, to_body: Body, on: dt.date, note: str = ""
) -> Forwarding:
    """Pass the petition to the competent body on ``on``: that body handles
    it from then, and its clocks from receipt count from that day."""
    _check_handle(actor, petition)
    _check_status(petition, Status.RECEIVED)
    _date(on, _("forwarded on"))
    _not_before(on, petition.received_on, _("The petition was received on %(date)s."))
    last = _handed_on(petition)
    _not_before(on, last, _("The petition was last forwarded on %(date)s."))
    if to_body.pk == petition.handling_body_id:
        raise PetitionError(_("The petition is already handled by this body."))
    _check_body_on(to_body, on, _("forwarded to"))
    with acting_as(actor):
        forwarding = Forwarding.objects.create(
            petition=petition,
            from_body=petition.handling_body,
            to_body=to_body,
            on=on,
            note=_text(note),
            created_by=None if is_system(actor) else actor,
        )
        petition.handling_body = to_body
        petition._handed_on = on  # type: ignore[attr-defined]
        _save_step(actor, petition)
    return forwarding


@transaction.atomic
def accept(*, actor: User, petition: Petition, on: dt.date) -> Petition:
    """Accept (thụ lý) the complaint or denunciation on ``on``."""
    _check_handle(actor, petition)
    _check_kind(
        petition,
        Kind.COMPLAINT,
        Kind.DENUNCIATION,
        message=_("Only complaints and denunciations are accepted (thụ lý)."),
    )
    _check_status(petition, Status.RECEIVED)
    _date(on, _("accepted on"))
    _not_before(
        on,
        _handed_on(petition) or petition.received_on,
        _("A petition is accepted on or after its receipt (%(date)s)."),
    )
    petition.status = Status.ACCEPTED
    petition.accepted_on = on
    return _save_step(actor, petition)


@transaction.atomic
def refuse(*, actor: User, petition: Petition, on: dt.date, reason: str) -> Petition:
    """Do not accept the petition, for ``reason`` (kept as its outcome)."""
    _check_handle(actor, petition)
    _check_status(petition, Status.RECEIVED)
    _date(on, _("refused on"))
    _not_before(on, petition.received_on, _("The petition was received on %(date)s."))
    reason = _text(reason)
    if not reason:
        raise PetitionError(_("Give the reason for not accepting the petition."))
    petition.status = Status.REFUSED
    petition.closed_on = on
    petition.outcome = reason
    return _save_step(actor, petition)


def _outcome(outcome: str) -> str:
    outcome = _text(outcome)
    if not outcome:
        raise PetitionError(_("Give the outcome."))
    return outcome


@transaction.atomic
def decide(*, actor: User, petition: Petition, on: dt.date, outcome: str) -> Petition:
    """The first decision on a complaint, or the decision on a denunciation."""
    _check_handle(actor, petition)
    _check_kind(
        petition,
        Kind.COMPLAINT,
        Kind.DENUNCIATION,
        message=_("Only complaints and denunciations are decided."),
    )
    _check_status(petition, Status.ACCEPTED)
    _date(on, _("decided on"))
    _not_before(on, petition.accepted_on, _("The petition was accepted on %(date)s."))
    petition.outcome = _outcome(outcome)
    petition.decided_on = on
    petition.settled_due_on = petition.next_due_on
    if petition.kind == Kind.DENUNCIATION:
        # A denunciation's decision ends it.
        petition.status = Status.CLOSED
        petition.closed_on = on
    else:
        petition.status = Status.DECIDED
    return _save_step(actor, petition)


@transaction.atomic
def second_complaint(*, actor: User, petition: Petition, on: dt.date) -> Petition:
    """The complainant complains again (to the level above) on ``on``."""
    _check_handle(actor, petition)
    _check_kind(
        petition, Kind.COMPLAINT, message=_("Only a complaint is complained again.")
    )
    _check_status(petition, Status.DECIDED)
    _date(on, _("second complaint received on"))
    _not_before(on, petition.decided_on, _("The first decision was made on %(date)s."))
    petition.status = Status.SECOND
    petition.second_received_on = on
    return _save_step(actor, petition)


@transaction.atomic
def decide_second(
    *, actor: User, petition: Petition, on: dt.date, outcome: str
) -> Petition:
    """The second decision on a complaint."""
    _check_handle(actor, petition)
    _check_status(petition, Status.SECOND)
    _date(on, _("second decision on"))
    _not_before(
        on,
        petition.second_received_on,
        _("The second complaint was received on %(date)s."),
    )
    petition.outcome = _outcome(outcome)
    petition.second_decided_on = on
    petition.status = Status.SECOND_DECIDED
    return _save_step(actor, petition)


@transaction.atomic
def extend(*, actor: User, petition: Petition) -> Petition:
    """Extend the time to decide a denunciation (at most as the set allows:
    twice from 2019, once before)."""
    _check_handle(actor, petition)
    _check_kind(
        petition,
        Kind.DENUNCIATION,
        message=_("Only the time to decide a denunciation is extended."),
    )
    _check_status(petition, Status.ACCEPTED)
    allowed = clocks.max_extensions(
        rules_of(petition.rule_set), clocks.Facts.of(petition)
    )
    if petition.extensions >= allowed:
        raise PetitionError(
            _("The time to decide may be extended at most %(n)s times.")
            % {"n": allowed}
        )
    petition.extensions += 1
    return _save_step(actor, petition)


@transaction.atomic
def answer(*, actor: User, petition: Petition, on: dt.date, outcome: str) -> Petition:
    """Answer a recommendation or feedback."""
    _check_handle(actor, petition)
    _check_kind(
        petition,
        Kind.RECOMMENDATION,
        Kind.FEEDBACK,
        message=_("Only recommendations and feedback are answered."),
    )
    _check_status(petition, Status.RECEIVED, Status.ACCEPTED)
    _date(on, _("answered on"))
    _not_before(
        on,
        _handed_on(petition) or petition.received_on,
        _("The petition was received on %(date)s."),
    )
    petition.outcome = _outcome(outcome)
    petition.answered_on = on
    petition.settled_due_on = petition.next_due_on
    petition.status = Status.ANSWERED
    return _save_step(actor, petition)


def _last_step_on(petition: Petition) -> dt.date:
    dates = [
        petition.received_on,
        petition.accepted_on,
        petition.decided_on,
        petition.second_received_on,
        petition.second_decided_on,
        petition.answered_on,
        _handed_on(petition),
    ]
    return max(d for d in dates if d is not None)


@transaction.atomic
def close(
    *, actor: User, petition: Petition, on: dt.date, outcome: str = ""
) -> Petition:
    """Close the file (after its decision or answer, or when the time for a
    second complaint has passed)."""
    _check_handle(actor, petition)
    _check_status(petition, Status.DECIDED, Status.SECOND_DECIDED, Status.ANSWERED)
    _date(on, _("closed on"))
    _not_before(on, _last_step_on(petition), _("The last step was on %(date)s."))
    outcome = _text(outcome)
    if outcome:
        petition.outcome = outcome
    petition.status = Status.CLOSED
    petition.closed_on = on
    return _save_step(actor, petition)


@transaction.atomic
def withdraw(
    *, actor: User, petition: Petition, on: dt.date, reason: str = ""
) -> Petition:
    """The petitioner withdraws the petition on ``on``."""
    _check_handle(actor, petition)
    _check_status(petition, *OPEN)
    _date(on, _("withdrawn on"))
    _not_before(on, _last_step_on(petition), _("The last step was on %(date)s."))
    reason = _text(reason)
    if reason:
        petition.outcome = reason
    petition.status = Status.WITHDRAWN
    petition.closed_on = on
    return _save_step(actor, petition)


# --- files and identity -------------------------------------------------------------


@transaction.atomic
def add_attachment(
    *, actor: User, petition: Petition, upload: File[Any], description: str = ""
) -> Attachment:
    """Keep a file of the petition (the letter scanned, evidence)."""
    rules.require(
        petition_rules.may_change(actor, petition),
        _("You may not add files to this petition."),
    )
    row = Attachment(petition=petition, description=_line(description))
    store_upload(row, upload)
    with acting_as(actor):
        row.save()
    return row


@transaction.atomic
def set_identity_bodies(
    *, actor: User, petition: Petition, bodies: Iterable[Body]
) -> Petition:
    """The bodies that also see the petitioners (beside the handling and the
    receiving ones); the handling body's officers choose them."""
    _check_handle(actor, petition)
    chosen = list(bodies)
    with acting_as(actor):
        petition.identity_bodies.set(chosen)
    return petition


# --- routing rules ------------------------------------------------------------------


@transaction.atomic
def save_routing_rule(
    *,
    actor: User,
    area: Area,
    body: Body,
    kind: str = "",
    topic: Topic | None = None,
    active: bool = True,
    rule: RoutingRule | None = None,
) -> RoutingRule:
    """Record (or change) which body handles the petitions of ``area`` (of
    ``kind`` and ``topic`` when given); editors of the area set them."""
    rules.require(
        rules.may_edit(actor, area)
        and (rule is None or rules.may_edit(actor, rule.area)),
        _("You may not set the routing of petitions of this place."),
    )
    if kind and kind not in Kind.values:
        raise PetitionError(_("Choose the kind of petition."))
    if not body.in_force(clock.today()):
        raise PetitionError(_("%(body)s is no longer in force.") % {"body": body.name})
    row = rule or RoutingRule()
    row.area = area
    row.body = body
    row.kind = kind
    row.topic = topic
    row.active = active
    with acting_as(actor):
        row.save()
    return row


@transaction.atomic
def delete_routing_rule(*, actor: User, rule: RoutingRule) -> None:
    """Remove a routing rule (editors of its place)."""
    rules.require(
        rules.may_edit(actor, rule.area),
        _("You may not set the routing of petitions of this place."),
    )
    with acting_as(actor):
        rule.delete()
