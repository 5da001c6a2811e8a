"""Writes of the "Dân vận khéo" register: registration, workflow, progress,
evaluation, commendation, replication.

Every write that changes a model's unit, evaluations, commendations or progress
also keeps the denormalised columns the statistics read (``area_path``,
``level``, ``classification``, ``evaluated_on``, ``commended_on``, the
mobilized totals); the demo generator and the import call these services too.
``actor=None`` is the system (commands, demo): no permission check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common import audit
from danvan.common.files import sniff_image
from danvan.common.symbols import SymbolError, parse_symbol
from danvan.common.text import fold, normalize
from danvan.initiatives import rules
from danvan.initiatives.exceptions import (
    IncompleteError,
    NoRubricError,
    OwnUnitError,
    WrongStatusError,
)
from danvan.initiatives.models import (
    Classification,
    Commendation,
    Criterion,
    Evaluation,
    EvaluationScore,
    Field,
    Initiative,
    Level,
    ProgressAttachment,
    ProgressResult,
    ProgressUpdate,
    Rubric,
    RubricCriterion,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from danvan.accounts.models import User
    from danvan.documents.models import Document
    from danvan.units.models import Area, Body

Status = Initiative.Status

# The registration's own fields, as the form, the import and the export carry them.
TEXT_FIELDS = [
    "name",
    "problem",
    "goals",
    "content",
    "place",
    "beneficiaries",
    "lead_forces",
    "partner_forces",
    "socialized",
    "timeline",
    "expected_outputs",
    "sustainability",
    "person_in_charge",
]
OTHER_FIELDS = [
    "field",
    "kind",
    "year",
    "continuing",
    "money_vnd",
    "working_days",
    "socialized_vnd",
    "start_date",
    "end_date",
    "person",
    "adopted_from",
    "previous",
]
REGISTRATION_FIELDS = TEXT_FIELDS + OTHER_FIELDS
FIRST_YEAR = 2009  # the movement began in 2009 (Bắc Giang, 24-KH/BDVTU)


def level_of(area: Area, body: Body | None) -> str:
    """The level of the registering unit: a body's, else its area's."""
    if body is not None:
        return Level.BODY
    return str(area.level)


def unit_fields(*, area: Area, body: Body | None) -> dict[str, Any]:
    """The unit columns of a model: area, body, and the derived level and path."""
    return {
        "area": area,
        "body": body,
        "level": level_of(area, body),
        "area_path": area.path,
    }


def search_text_of(initiative: Initiative) -> str:
    """The folded text the list search and the similarity hints look in."""
    unit = initiative.body.name if initiative.body_id else initiative.area.full_name
    parts = [
        initiative.name,
        initiative.goals,
        initiative.problem,
        initiative.place,
        initiative.beneficiaries,
        initiative.person_in_charge,
        unit,
    ]
    return fold(" \n ".join(p for p in parts if p))


# --- registration ------------------------------------------------------------------


def _check_register(actor: User | None, area: Area, body: Body | None) -> None:
    if actor is not None and not rules.may_register(actor, area=area, body=body):
        raise PermissionDenied(_("You may not register models for this unit."))


def _clean(initiative: Initiative) -> None:
    errors: dict[str, list[str]] = {}
    this_year = timezone.localdate().year
    if not initiative.name.strip():
        errors.setdefault("name", []).append(_("Give the model a name."))
    if not FIRST_YEAR <= initiative.year <= this_year + 1:
        errors.setdefault("year", []).append(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": this_year + 1}
        )
    if (
        initiative.start_date
        and initiative.end_date
        and initiative.start_date > initiative.end_date
    ):
        errors.setdefault("end_date", []).append(
            _("The end date is before the start date.")
        )
    if initiative.body_id and initiative.body.area_id != initiative.area_id:
        errors.setdefault("body", []).append(
            _("The body does not belong to the chosen area.")
        )
    if initiative.field_id and not initiative.field.active and initiative._state.adding:
        errors.setdefault("field", []).append(_("This field is no longer in use."))
    origin = initiative.adopted_from
    if origin is not None:
        if initiative.pk and _in_chain(origin, initiative.pk):
            errors.setdefault("adopted_from", []).append(
                _("A model cannot be adopted from itself or from its own copies.")
            )
        elif not origin.is_registered:
            errors.setdefault("adopted_from", []).append(
                _("Only a registered model can be replicated.")
            )
    previous = initiative.previous
    if previous is not None and (
        previous.year >= initiative.year or previous.pk == initiative.pk
    ):
        errors.setdefault("previous", []).append(
            _("The previous registration must be of an earlier year.")
        )
    if errors:
        raise ValidationError(errors)


def _check_links(actor: User | None, initiative: Initiative, before: dict) -> None:
    """Refuse an origin or a previous registration the actor may not see.

    The adopt page only offers models in the actor's scope; a form or API call
    naming another id must not link (and so reveal) a model outside it. A link
    set earlier stays, even when it has since left the actor's scope.
    """
    if actor is None:
        return
    visible = Initiative.objects.visible_to(actor)
    errors: dict[str, list[str]] = {}
    for name in ("adopted_from", "previous"):
        pk = getattr(initiative, f"{name}_id")
        if pk and pk != before.get(name) and not visible.filter(pk=pk).exists():
            errors[name] = [_("Choose a model within your scope.")]
    if errors:
        raise ValidationError(errors)


def _in_chain(origin: Initiative, pk: int) -> bool:
    seen: set[int] = set()
    current: Initiative | None = origin
    while current is not None and current.pk not in seen:
        if current.pk == pk:
            return True
        seen.add(current.pk)
        current = current.adopted_from
    return False


def _money(value: Any) -> int:
    return int(value or 0)


def _apply(initiative: Initiative, data: Mapping[str, Any]) -> None:
    for name, value in data.items():
        if name not in REGISTRATION_FIELDS:
            raise TypeError(f"Unknown field of a model: {name}")
        if name in TEXT_FIELDS:
            value = normalize(value or "") if name in ("name", "place") else value
            value = (value or "").strip()
        elif name in ("money_vnd", "working_days", "socialized_vnd"):
            value = _money(value)
        setattr(initiative, name, value)
    if initiative.previous_id:
        initiative.continuing = True


def _set_criteria(
    initiative: Initiative, criteria: Sequence[Mapping[str, Any]]
) -> None:
    """Replace the criteria by ``criteria`` (dicts: name, unit, target; pk kept)."""
    keep: list[int] = []
    existing = {c.pk: c for c in initiative.criteria.all()}
    for order, item in enumerate(criteria, 1):
        name = normalize(str(item.get("name") or ""))
        if not name:
            continue
        row = existing.get(item.get("pk") or 0) or Criterion(initiative=initiative)
        row.name = name
        row.unit = normalize(str(item.get("unit") or ""))
        row.target = item.get("target")
        if "actual" in item:
            row.actual = item.get("actual")
        row.order = order
        row.save()
        keep.append(row.pk)
    initiative.criteria.exclude(pk__in=keep).delete()


@transaction.atomic
def create_initiative(
    *,
    actor: User | None,
    area: Area,
    body: Body | None = None,
    field: Field,
    name: str,
    year: int,
    criteria: Sequence[Mapping[str, Any]] = (),
    status: str = Status.DRAFT,
    **data: Any,
) -> Initiative:
    """Register a model for a unit as a draft (or, for the system, any status)."""
    if body is not None:
        area = body.area
    _check_register(actor, area, body)
    if actor is not None and status != Status.DRAFT:
        raise WrongStatusError(_("A new registration starts as a draft."))
    initiative = Initiative(
        field=field,
        name=name,
        year=year,
        status=status,
        created_by=actor,
        **unit_fields(area=area, body=body),
    )
    _apply(initiative, {"name": name, **data})
    _check_links(actor, initiative, {})
    _clean(initiative)
    initiative.search_text = search_text_of(initiative)
    with audit.acting_as(actor):
        initiative.save()
        _set_criteria(initiative, criteria)
    return initiative


@transaction.atomic
def update_initiative(
    *,
    actor: User | None,
    initiative: Initiative,
    area: Area | None = None,
    body: Body | None = None,
    criteria: Sequence[Mapping[str, Any]] | None = None,
    **data: Any,
) -> Initiative:
    """Change a draft or returned registration (its unit included)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if actor is not None and not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not change this model."))
    if actor is not None and not initiative.is_editable:
        raise WrongStatusError(
            _("A model can be changed only as a draft or when returned for changes.")
        )
    if area is not None or body is not None:
        if body is not None:
            area = body.area
        assert area is not None
        _check_register(actor, area, body)
        for name, value in unit_fields(area=area, body=body).items():
            setattr(initiative, name, value)
    before = {
        "adopted_from": initiative.adopted_from_id,
        "previous": initiative.previous_id,
    }
    _apply(initiative, data)
    _check_links(actor, initiative, before)
    _clean(initiative)
    initiative.search_text = search_text_of(initiative)
    with audit.acting_as(actor):
        initiative.save()
        if criteria is not None:
            _set_criteria(initiative, criteria)
    return initiative


def missing_for_submission(initiative: Initiative) -> list[str]:
    """What the registration lacks before the level above can judge it."""
    missing = []
    labels = {
        "problem": _("the problem it answers"),
        "goals": _("the goals"),
        "content": _("the content and methods"),
        "place": _("the place"),
        "lead_forces": _("the lead forces"),
    }
    for name, label in labels.items():
        if not getattr(initiative, name).strip():
            missing.append(label)
    if initiative.start_date is None:
        missing.append(_("the start date"))
    if not initiative.criteria.exists():
        missing.append(_("at least one measurable criterion"))
    return missing


@transaction.atomic
def submit_initiative(*, actor: User | None, initiative: Initiative) -> Initiative:
    """Send a draft (or a returned registration) to the level above."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if actor is not None and not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not submit this model."))
    if not initiative.is_editable:
        raise WrongStatusError(_("Only a draft or a returned model can be submitted."))
    missing = missing_for_submission(initiative)
    if missing:
        raise IncompleteError(
            _("Before submitting, fill in: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    initiative.status = Status.SUBMITTED
    initiative.submitted_by = actor
    initiative.submitted_at = timezone.now()
    with audit.acting_as(actor):
        initiative.save(update_fields=["status", "submitted_by", "submitted_at"])
    return initiative


def _check_reviewer(actor: User | None, initiative: Initiative) -> None:
    if actor is None:
        return
    if rules.is_own_unit(actor, initiative) and not actor.is_superuser:
        raise OwnUnitError(
            _("This model was registered by your own unit: the level above judges it.")
        )
    if not rules.may_review(actor, initiative):
        raise PermissionDenied(
            _("Only an approver of the level above may judge this model.")
        )


def _review(
    actor: User | None, initiative: Initiative, status: str, note: str
) -> Initiative:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _check_reviewer(actor, initiative)
    if initiative.status != Status.SUBMITTED:
        raise WrongStatusError(_("Only a submitted model can be accepted or returned."))
    initiative.status = status
    initiative.reviewed_by = actor
    initiative.reviewed_at = timezone.now()
    initiative.review_note = note.strip()
    with audit.acting_as(actor):
        initiative.save(
            update_fields=["status", "reviewed_by", "reviewed_at", "review_note"]
        )
    return initiative


@transaction.atomic
def accept_initiative(
    *, actor: User | None, initiative: Initiative, note: str = ""
) -> Initiative:
    """Accept a submitted registration: the model is registered for its year."""
    return _review(actor, initiative, Status.ACCEPTED, note)


@transaction.atomic
def return_initiative(
    *, actor: User | None, initiative: Initiative, note: str
) -> Initiative:
    """Return a submitted registration to its unit, saying what to change."""
    if not note.strip():
        raise ValidationError(
            {"note": _("Say what the unit should change before returning it.")}
        )
    return _review(actor, initiative, Status.RETURNED, note)


@transaction.atomic
def close_initiative(
    *, actor: User | None, initiative: Initiative, status: str
) -> Initiative:
    """Mark a registered model completed or stopped (dropped as weak)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if actor is not None and not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not change this model."))
    if status not in (Status.COMPLETED, Status.STOPPED, Status.IN_PROGRESS):
        raise WrongStatusError(_("Choose completed, stopped or in progress."))
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be closed or reopened."))
    initiative.status = status
    with audit.acting_as(actor):
        initiative.save(update_fields=["status"])
    return initiative


def _copy(
    source: Initiative, *, fields: Iterable[str] = REGISTRATION_FIELDS
) -> dict[str, Any]:
    skip = {"adopted_from", "previous", "continuing", "year"}
    return {name: getattr(source, name) for name in fields if name not in skip}


def _criteria_of(source: Initiative) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "unit": c.unit, "target": c.target}
        for c in source.criteria.all()
    ]


@transaction.atomic
def continue_initiative(
    *, actor: User | None, initiative: Initiative, year: int
) -> Initiative:
    """Start next year's registration of a model as a draft continuing it."""
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be continued."))
    data = _copy(initiative)
    data.update(previous=initiative, continuing=True)
    return create_initiative(
        actor=actor,
        area=initiative.area,
        body=initiative.body,
        year=year,
        criteria=_criteria_of(initiative),
        **data,
    )


@transaction.atomic
def adopt_initiative(
    *,
    actor: User | None,
    origin: Initiative,
    area: Area,
    body: Body | None = None,
    year: int,
) -> Initiative:
    """Start a draft in another unit that replicates ``origin`` (nhân rộng)."""
    if not origin.is_registered:
        raise WrongStatusError(_("Only a registered model can be replicated."))
    data = _copy(
        origin,
        fields=["name", "kind", "problem", "goals", "content", "expected_outputs"],
    )
    return create_initiative(
        actor=actor,
        area=area,
        body=body,
        field=origin.field,
        year=year,
        adopted_from=origin,
        criteria=_criteria_of(origin),
        **data,
    )


# --- progress ----------------------------------------------------------------------


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(
            _("“%(value)s” is not a number.") % {"value": value}
        ) from exc


@transaction.atomic
def refresh_progress(initiative: Initiative) -> None:
    """Recompute the mobilized totals and each criterion's latest value."""
    totals = initiative.updates.aggregate(
        money=Sum("money_vnd"), days=Sum("working_days"), people=Sum("people_reached")
    )
    initiative.mobilized_vnd = totals["money"] or 0
    initiative.mobilized_days = totals["days"] or 0
    initiative.people_reached = totals["people"] or 0
    initiative.save(update_fields=["mobilized_vnd", "mobilized_days", "people_reached"])
    for criterion in initiative.criteria.all():
        latest = (
            ProgressResult.objects.filter(criterion=criterion)
            .order_by("-update__date", "-update__pk")
            .values_list("value", flat=True)
            .first()
        )
        if latest != criterion.actual:
            criterion.actual = latest
            criterion.save(update_fields=["actual"])


def _store_attachment(update: ProgressUpdate, upload: UploadedFile) -> None:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    # The type is read from the bytes: the browser's claim is not trusted.
    head = upload.read(16)
    upload.seek(0)
    attachment = ProgressAttachment(
        update=update,
        original_name=(upload.name or "file")[:255],
        content_type=sniff_image(head) or "application/octet-stream",
        sha256=digest.hexdigest(),
        size=upload.size or 0,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()


@transaction.atomic
def add_progress_update(
    *,
    actor: User | None,
    initiative: Initiative,
    date: dt.date,
    text: str = "",
    money_vnd: int = 0,
    working_days: int = 0,
    people_reached: int = 0,
    results: Mapping[int, Any] | None = None,
    files: Sequence[UploadedFile] = (),
) -> ProgressUpdate:
    """Report progress of a registered model; the first report starts it."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if actor is not None and not rules.may_edit(actor, initiative):
        raise PermissionDenied(_("You may not report on this model."))
    if initiative.status not in (Status.ACCEPTED, Status.IN_PROGRESS):
        raise WrongStatusError(
            _("Progress is reported on a registered model that is not closed.")
        )
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date is in the future.")})
    criteria = {c.pk: c for c in initiative.criteria.all()}
    with audit.acting_as(actor):
        update = ProgressUpdate.objects.create(
            initiative=initiative,
            date=date,
            text=text.strip(),
            money_vnd=_money(money_vnd),
            working_days=_money(working_days),
            people_reached=_money(people_reached),
            created_by=actor,
        )
        for pk, raw in (results or {}).items():
            value = _decimal(raw)
            if value is None:
                continue
            if int(pk) not in criteria:
                raise ValidationError(_("A result names a criterion of another model."))
            ProgressResult.objects.create(
                update=update, criterion=criteria[int(pk)], value=value
            )
        for upload in files:
            _store_attachment(update, upload)
        if initiative.status == Status.ACCEPTED:
            initiative.status = Status.IN_PROGRESS
            initiative.save(update_fields=["status"])
        refresh_progress(initiative)
    return update


def add_attachment(
    *, actor: User | None, update: ProgressUpdate, content: bytes, name: str
) -> None:
    """Attach bytes (a photo, a file) to a progress update; for commands and tests."""
    if actor is not None and not rules.may_edit(actor, update.initiative):
        raise PermissionDenied(_("You may not report on this model."))
    upload = ContentFile(content, name=name)
    upload.content_type = ""  # type: ignore[attr-defined]
    _store_attachment(update, upload)  # type: ignore[arg-type]


# --- rubrics and evaluation --------------------------------------------------------

STANDARD_CRITERIA = [
    (
        "Có tên gọi, địa chỉ cụ thể; gắn với nhiệm vụ chính trị của địa phương, "
        "cơ quan, đơn vị",
        15,
    ),
    ("Dưới sự lãnh đạo của cấp ủy, có sự phối hợp của nhiều lực lượng", 15),
    ("Nhân dân tự giác, tích cực tham gia, hưởng ứng", 20),
    ("Kết quả thiết thực, đo đếm được", 30),
    ("Bền vững, có khả năng nhân rộng", 20),
]


def rubric_for(*, year: int, level: str) -> Rubric | None:
    """The rubric of ``year`` for ``level``, else the year's rubric of every level."""
    rubrics = {
        r.level: r for r in Rubric.objects.filter(year=year, level__in=[level, ""])
    }
    return rubrics.get(level) or rubrics.get("")


@transaction.atomic
def create_standard_rubric(
    *, actor: User | None, year: int, level: str = "", name: str = ""
) -> Rubric:
    """The usual five criteria (domain notes §3) with thresholds 50/70/90."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Only administrators set rubrics."))
    with audit.acting_as(actor):
        rubric = Rubric.objects.create(
            year=year,
            level=level,
            name=name or f"Tiêu chí bình xét mô hình “Dân vận khéo” năm {year}",
        )
        for order, (criterion, weight) in enumerate(STANDARD_CRITERIA, 1):
            RubricCriterion.objects.create(
                rubric=rubric, name=criterion, weight=Decimal(weight), order=order
            )
    return rubric


def score_total(
    criteria: Sequence[RubricCriterion], scores: Mapping[int, Decimal]
) -> Decimal:
    """The weighted score on a 0–100 scale, to two decimals."""
    weights = sum((c.weight for c in criteria), Decimal(0))
    if not weights:
        return Decimal(0)
    total = sum((scores[c.pk] / c.max_score * c.weight for c in criteria), Decimal(0))
    return (total * 100 / weights).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def refresh_classification(initiative: Initiative) -> None:
    """Copy the latest evaluation's classification and date onto the model."""
    latest = initiative.evaluations.order_by("-evaluated_on", "-pk").first()
    initiative.classification = latest.classification if latest else ""
    initiative.evaluated_on = latest.evaluated_on if latest else None
    initiative.save(update_fields=["classification", "evaluated_on"])


@transaction.atomic
def evaluate_initiative(
    *,
    actor: User | None,
    initiative: Initiative,
    scores: Mapping[int, Any],
    comment: str = "",
    evaluated_on: dt.date | None = None,
    rubric: Rubric | None = None,
) -> Evaluation:
    """Evaluate a registered model with its year's rubric; history is kept."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _check_reviewer(actor, initiative)
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be evaluated."))
    rubric = rubric or rubric_for(year=initiative.year, level=initiative.level)
    if rubric is None:
        raise NoRubricError(
            _("No rubric is set for %(year)s: an administrator sets it first.")
            % {"year": initiative.year}
        )
    evaluated_on = evaluated_on or timezone.localdate()
    if evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("The date is in the future.")})
    criteria = list(rubric.criteria.all())
    values: dict[int, Decimal] = {}
    errors: list[str] = []
    for criterion in criteria:
        raw = scores.get(criterion.pk, scores.get(str(criterion.pk)))  # type: ignore[call-overload]
        value = _decimal(raw)
        if value is None:
            errors.append(
                _("Give a score for “%(criterion)s”.") % {"criterion": criterion.name}
            )
        elif not Decimal(0) <= value <= criterion.max_score:
            errors.append(
                _("The score for “%(criterion)s” must be between 0 and %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score.normalize()}
            )
        else:
            values[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    total = score_total(criteria, values)
    membership = rules.reviewer_unit(actor, initiative) if actor else None
    with audit.acting_as(actor):
        evaluation = Evaluation.objects.create(
            initiative=initiative,
            rubric=rubric,
            total=total,
            classification=rubric.classify(total),
            evaluator=actor,
            evaluator_area=membership.area if membership else None,
            evaluator_body=membership.body if membership else None,
            evaluated_on=evaluated_on,
            comment=comment.strip(),
        )
        EvaluationScore.objects.bulk_create(
            EvaluationScore(evaluation=evaluation, criterion_id=pk, score=value)
            for pk, value in values.items()
        )
        refresh_classification(initiative)
    return evaluation


# --- commendation, publication -----------------------------------------------------


def find_decision(actor: User | None, number: str) -> Document | None:
    """The register's document with this number and symbol, if one is visible."""
    from danvan.documents.models import Document

    number = (number or "").strip()
    try:
        parse_symbol(number)
    except SymbolError:
        return None
    documents = Document.objects.all()
    if actor is not None:
        documents = documents.visible_to(actor)
    matches = list(documents.search(number).order_by("-issued_on")[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def commend_initiative(
    *,
    actor: User | None,
    initiative: Initiative,
    level: str,
    form: str,
    decided_on: dt.date,
    body_name: str = "",
    body: Body | None = None,
    decision_number: str = "",
    document: Document | None = None,
    note: str = "",
) -> Commendation:
    """Record a commendation of a model; the decision links to the register."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _check_reviewer(actor, initiative)
    if not initiative.is_registered:
        raise WrongStatusError(_("Only a registered model can be commended."))
    if document is not None:
        from danvan.documents.models import Document

        if actor is not None and not (
            Document.objects.visible_to(actor).filter(pk=document.pk).exists()
        ):
            raise ValidationError({"document": _("Choose a document of your units.")})
        if not decision_number:
            decision_number = document.reference
        decided_on = decided_on or document.issued_on
    elif decision_number:
        document = find_decision(actor, decision_number)
    body_name = normalize(body_name) or (body.name if body else "")
    if not body_name:
        raise ValidationError({"body_name": _("Say who gave the commendation.")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The date is in the future.")})
    with audit.acting_as(actor):
        commendation = Commendation.objects.create(
            initiative=initiative,
            level=level,
            form=form,
            decision_number=normalize(decision_number),
            document=document,
            decided_on=decided_on,
            body=body,
            body_name=body_name,
            note=note.strip(),
            created_by=actor,
        )
        initiative.commended_on = initiative.commendations.aggregate(
            last=Max("decided_on")
        )["last"]
        initiative.save(update_fields=["commended_on"])
    return commendation


@transaction.atomic
def publish_exemplary(
    *, actor: User | None, initiative: Initiative, published: bool = True
) -> Initiative:
    """Publish (or withdraw) a model as exemplary ("điển hình") for the portal."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    _check_reviewer(actor, initiative)
    if published and not (
        initiative.classification == Classification.EXEMPLARY
        or initiative.commended_on is not None
    ):
        raise WrongStatusError(
            _(
                "Only a model evaluated as exemplary or commended can be "
                "published as exemplary."
            )
        )
    initiative.published_as_exemplary = published
    initiative.published_on = timezone.localdate() if published else None
    with audit.acting_as(actor):
        initiative.save(update_fields=["published_as_exemplary", "published_on"])
    return initiative


# --- queries used by several pages -------------------------------------------------


def to_review(user: User) -> Any:
    """Submitted registrations an approver of the level above may accept."""
    return Initiative.objects.filter(rules.reviewable_q(user), status=Status.SUBMITTED)


def to_evaluate(user: User, year: int | None) -> Any:
    """Registered models (of ``year``, if given) the user may judge that have no
    evaluation."""
    models = Initiative.objects.filter(
        rules.reviewable_q(user),
        status__in=Initiative.REGISTERED_STATUSES,
        evaluated_on__isnull=True,
    )
    return models.filter(year=year) if year else models


def person_choices(actor: User, area: Area) -> Any:
    """People a registration may name in charge: those the area keeps."""
    from danvan.units.models import Person

    people = Person.objects.visible_to(actor)
    return people.filter(Q(area=area) | Q(area__parent=area))


__all__ = [
    "REGISTRATION_FIELDS",
    "accept_initiative",
    "add_progress_update",
    "adopt_initiative",
    "close_initiative",
    "commend_initiative",
    "continue_initiative",
    "create_initiative",
    "create_standard_rubric",
    "evaluate_initiative",
    "level_of",
    "publish_exemplary",
    "return_initiative",
    "rubric_for",
    "search_text_of",
    "submit_initiative",
    "to_evaluate",
    "to_review",
    "unit_fields",
    "update_initiative",
]
