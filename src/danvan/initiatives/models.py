""" "Dân vận khéo" models (mô hình): registration, progress, evaluation,
commendation and replication.

A unit (an area: village, commune…, or a body: agency, school, armed unit)
registers a model for a year; the level above accepts it (or returns it for
changes), follows it through progress updates, evaluates it with the year's
rubric, commends it and publishes it as exemplary; other units copy it
(``adopted_from``).

Statistics read the register directly, so the columns they filter on are
denormalised onto ``Initiative`` and kept by ``initiatives.services`` (never by
``save()``): ``area_path`` (a copy of ``area.path``, so an area's lineage is a
path range without a join), ``level``, ``classification`` and ``evaluated_on``
of the latest evaluation, ``commended_on``, and the totals of the progress
updates (``mobilized_vnd``, ``mobilized_days``, ``people_reached``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.access import ScopedQuerySet
from danvan.common.files import storage_name
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels, StoredFile
from danvan.common.text import fold


class Level(models.TextChoices):
    """The level of the registering unit (and of a rubric)."""

    PROVINCE = "province", _("province level")
    DISTRICT = "district", _("district level")
    COMMUNE = "commune", _("commune level")
    VILLAGE = "village", _("village")
    BODY = "body", _("agency or organisation")


class Classification(models.TextChoices):
    """The result of an evaluation, lowest first."""

    NOT_ACHIEVED = "khong_dat", _("not achieved")
    ACHIEVED = "dat", _("achieved")
    EFFECTIVE = "hieu_qua", _("effective")
    EXEMPLARY = "dien_hinh", _("exemplary")


# "Hiệu quả" and "điển hình": what reports count as effective models.
EFFECTIVE_OR_BETTER = (Classification.EFFECTIVE, Classification.EXEMPLARY)
CLASSIFICATION_RANK = {c: i for i, c in enumerate(Classification)}


class FieldQuerySet(models.QuerySet["Field"]):
    def active(self) -> Self:
        return self.filter(active=True)


class Field(models.Model):
    """A field (lĩnh vực) of "Dân vận khéo" models: kinh tế, văn hóa - xã hội…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    objects = FieldQuerySet.as_manager()

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class InitiativeQuerySet(ScopedQuerySet["Initiative"]):
    # "area_" makes the lookup "area_path": the denormalised column.
    scope_area = "area_"
    scope_body = "body__"

    def registered(self) -> Self:
        """Registrations the level above has accepted (drafts and pending excluded)."""
        return self.filter(status__in=Initiative.REGISTERED_STATUSES)

    def effective(self) -> Self:
        """Models whose latest evaluation is "hiệu quả" or "điển hình"."""
        return self.filter(classification__in=EFFECTIVE_OR_BETTER)

    def in_lineage_of(self, *paths: str) -> Self:
        """Models whose area is or was inside the areas at ``paths``.

        Uses ``units.lineage.lineage_paths``: models of communes that merged
        count for the new one.
        """
        from danvan.common import tree
        from danvan.units.lineage import lineage_paths

        return self.filter(tree.subtree_q(lineage_paths(paths), field="area_path"))

    def published(self) -> Self:
        """Models published as exemplary: what the public portal may show."""
        return self.filter(
            published_as_exemplary=True, status__in=Initiative.REGISTERED_STATUSES
        )

    def search(self, text: str) -> Self:
        """Accent-free search in the name, goals, problem, place and unit."""
        key = fold(text or "")
        return self.filter(search_text__contains=key) if key else self


class Initiative(ChoiceLabels):
    """A "Dân vận khéo" model (mô hình) registered by a unit for a year."""

    Level = Level
    Classification = Classification

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("collective")
        INDIVIDUAL = "individual", _("individual")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        ACCEPTED = "accepted", _("registered")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        STOPPED = "stopped", _("stopped")

    # Accepted by the level above: what "models registered" counts.
    REGISTERED_STATUSES = (
        Status.ACCEPTED,
        Status.IN_PROGRESS,
        Status.COMPLETED,
        Status.STOPPED,
    )
    # The registering unit may still change the registration.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    name = models.CharField(_("name of the model"), max_length=300)
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("field"),
    )
    kind = models.CharField(
        _("collective or individual"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.COLLECTIVE,
    )
    year = models.PositiveSmallIntegerField(
        _("year of registration"),
        validators=[MinValueValidator(2009), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    continuing = models.BooleanField(
        _("continued from an earlier year"),
        default=False,
        help_text=_("A model carried on from a previous year's registration."),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name=_("previous registration"),
    )
    # The registering unit.
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("area"),
        help_text=_("The area of the registering unit."),
    )
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("body"),
        help_text=_("An agency, school or armed unit that registers the model."),
    )
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, editable=False
    )
    # A copy of area.path, kept by the services: lineage filters without a join.
    area_path = models.CharField(max_length=255, editable=False, db_index=True)
    # What the registration form asks for.
    problem = models.TextField(_("problem it answers"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    content = models.TextField(_("content and methods"), blank=True)
    place = models.CharField(
        pgettext_lazy("initiative", "place"), max_length=300, blank=True
    )
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    lead_forces = models.TextField(_("lead forces"), blank=True)
    partner_forces = models.TextField(_("partner forces"), blank=True)
    money_vnd = models.PositiveBigIntegerField(_("funds (đồng)"), default=0)
    working_days = models.PositiveIntegerField(_("working days"), default=0)
    socialized = models.TextField(_("socialized contributions"), blank=True)
    socialized_vnd = models.PositiveBigIntegerField(
        _("socialized contributions (đồng)"), default=0
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    timeline = models.TextField(_("timeline"), blank=True)
    expected_outputs = models.TextField(_("expected outputs"), blank=True)
    sustainability = models.TextField(_("sustainability and replicability"), blank=True)
    person_in_charge = models.CharField(
        _("person in charge"), max_length=250, blank=True
    )
    person = models.ForeignKey(
        "units.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("person in charge (from the unit tree)"),
    )
    adopted_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("adopted from"),
        help_text=_("The model this one replicates (nhân rộng)."),
    )
    # Kept by the services from the latest evaluation, commendation, updates.
    classification = models.CharField(
        _("classification"),
        max_length=10,
        choices=Classification.choices,
        blank=True,
        editable=False,
    )
    evaluated_on = models.DateField(_("evaluated on"), null=True, editable=False)
    commended_on = models.DateField(_("commended on"), null=True, editable=False)
    mobilized_vnd = models.PositiveBigIntegerField(
        _("money mobilized (đồng)"), default=0, editable=False
    )
    mobilized_days = models.PositiveIntegerField(
        _("working days mobilized"), default=0, editable=False
    )
    people_reached = models.PositiveIntegerField(
        _("people reached"), default=0, editable=False
    )
    published_as_exemplary = models.BooleanField(
        _("published as exemplary"), default=False, editable=False
    )
    published_on = models.DateField(_("published on"), null=True, editable=False)
    # Workflow.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted or returned by"),
    )
    reviewed_at = models.DateTimeField(_("accepted or returned"), null=True)
    review_note = models.TextField(_("note of the reviewer"), blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("“Dân vận khéo” model")
        verbose_name_plural = _("“Dân vận khéo” models")
        ordering = ["-year", "-pk"]
        indexes = [
            # The list's default order (newest year first, then by name), read
            # backwards: a page of a province's models is the first rows in scope.
            models.Index(fields=["year", "name"], name="initiative_year_name"),
            models.Index(fields=["year", "area_path"], name="initiative_year_path"),
            models.Index(fields=["area_path", "year"], name="initiative_path_year"),
            # The statistics' count since the start of the register: index only.
            models.Index(
                fields=["area_path", "year", "status"],
                name="initiative_path_year_status",
            ),
            models.Index(fields=["status", "year"], name="initiative_status_year"),
            models.Index(
                fields=["classification", "year"], name="initiative_class_year"
            ),
            models.Index(fields=["level", "year"], name="initiative_level_year"),
            # The review queue: submissions oldest first, and the year's
            # registered models still to evaluate in the order of the tree.
            models.Index(
                fields=["submitted_at", "id"],
                name="initiative_submitted",
                condition=Q(status="submitted"),
            ),
            models.Index(
                fields=["year", "area_path", "name"],
                name="initiative_to_evaluate",
                condition=Q(
                    evaluated_on__isnull=True,
                    status__in=["accepted", "in_progress", "completed", "stopped"],
                ),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="initiative_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("initiatives:detail", self.pk)

    @property
    def unit(self) -> object:
        """The registering unit: the body when there is one, else the area."""
        return self.body or self.area

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_registered(self) -> bool:
        return self.status in self.REGISTERED_STATUSES

    @property
    def total_vnd(self) -> int:
        return self.money_vnd + self.socialized_vnd


class Criterion(models.Model):
    """A measurable criterion of a model: what, in which unit, target and actual."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("model"),
    )
    name = models.CharField(_("criterion"), max_length=300)
    unit = models.CharField(_("unit of measure"), max_length=50, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    # The latest reported value, kept by the progress service.
    actual = models.DecimalField(
        _("achieved so far"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["initiative", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def progress_percent(self) -> int | None:
        if self.target in (None, 0) or self.actual is None:
            return None
        return int(self.actual * 100 / self.target)


class ProgressUpdate(models.Model):
    """A periodic report on a model: results, money, days, people reached."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("model"),
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("results and remarks"), blank=True)
    money_vnd = models.PositiveBigIntegerField(_("money mobilized (đồng)"), default=0)
    working_days = models.PositiveIntegerField(_("working days mobilized"), default=0)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative} ({self.date:%d/%m/%Y})"


class ProgressResult(models.Model):
    """The value a progress update reports for one criterion."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("progress update"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("criterion"),
    )
    value = models.DecimalField(_("value achieved"), max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = _("result against a criterion")
        verbose_name_plural = _("results against the criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["update", "criterion"], name="progress_result_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class ProgressAttachment(StoredFile):
    """A photo or file of a progress update, kept as uploaded."""

    STORAGE_FOLDER = "initiatives"

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("progress update"),
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class Rubric(models.Model):
    """The evaluation rubric of a year (for one level, or every level if blank).

    A score is the weighted mean of the criteria on a 0–100 scale; the
    thresholds map it to a classification: below ``achieved_from`` it is "không
    đạt", then "đạt", "hiệu quả" from ``effective_from``, "điển hình" from
    ``exemplary_from``.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(
        _("level"),
        max_length=10,
        choices=Level.choices,
        blank=True,
        help_text=_("Leave empty for a rubric of every level."),
    )
    name = models.CharField(_("name"), max_length=200)
    achieved_from = models.DecimalField(
        _("“achieved” from"), max_digits=5, decimal_places=2, default=Decimal(50)
    )
    effective_from = models.DecimalField(
        _("“effective” from"), max_digits=5, decimal_places=2, default=Decimal(70)
    )
    exemplary_from = models.DecimalField(
        _("“exemplary” from"), max_digits=5, decimal_places=2, default=Decimal(90)
    )

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level"], name="rubric_once_per_year_level"
            ),
            models.CheckConstraint(
                condition=Q(achieved_from__lte=models.F("effective_from"))
                & Q(effective_from__lte=models.F("exemplary_from")),
                name="rubric_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def classify(self, total: Decimal) -> str:
        """The classification of a total score (0–100)."""
        if total >= self.exemplary_from:
            return Classification.EXEMPLARY
        if total >= self.effective_from:
            return Classification.EFFECTIVE
        if total >= self.achieved_from:
            return Classification.ACHIEVED
        return Classification.NOT_ACHIEVED


class RubricCriterion(models.Model):
    """A criterion of a rubric with its weight and the highest score it gives."""

    rubric = models.ForeignKey(
        Rubric,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("rubric"),
    )
    name = models.CharField(_("criterion"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    max_score = models.DecimalField(
        _("highest score"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["rubric", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """An evaluation (bình xét) of a model by the level above, with its scores.

    Evaluations are never changed: a new one is added and the latest is the
    model's current classification.
    """

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("model"),
    )
    rubric = models.ForeignKey(
        Rubric,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("rubric"),
    )
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2)
    classification = models.CharField(
        _("classification"), max_length=10, choices=Classification.choices
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluator"),
    )
    # The unit on whose behalf the evaluator judged (their membership).
    evaluator_area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluating area"),
    )
    evaluator_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluating body"),
    )
    evaluated_on = models.DateField(_("date of evaluation"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_classification_display()}"


class EvaluationScore(models.Model):
    """The score an evaluation gives on one rubric criterion."""

    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("evaluation"),
    )
    criterion = models.ForeignKey(
        RubricCriterion,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["evaluation", "criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="evaluation_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Commendation(models.Model):
    """A commendation (khen thưởng) of a model: level, form, decision."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("commune level")
        DISTRICT = "district", _("district level")
        PROVINCE = "province", _("province level")
        CENTRAL = "central", _("central level")

    class Form(models.TextChoices):
        CERTIFICATE = "giay_khen", _("Certificate of merit (Giấy khen)")
        DIPLOMA = "bang_khen", _("Diploma of merit (Bằng khen)")
        EMULATION_FLAG = "co_thi_dua", _("Emulation flag (Cờ thi đua)")
        PRAISE = "bieu_duong", _("Public praise (biểu dương)")
        OTHER = "khac", _("Other")

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="commendations",
        verbose_name=_("model"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    form = models.CharField(_("form"), max_length=12, choices=Form.choices)
    decision_number = models.CharField(
        _("decision number"),
        max_length=120,
        blank=True,
        help_text=_("As written: 1234/QĐ-UBND, 45-QĐ/TU."),
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commendations",
        verbose_name=_("decision in the register"),
    )
    decided_on = models.DateField(_("date of the decision"))
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations_given",
        verbose_name=_("commended by"),
    )
    body_name = models.CharField(_("commended by (as written)"), max_length=250)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} — {self.body_name}"


def import_path(instance: ImportBatch, filename: str) -> str:
    return storage_name("initiatives/imports", "upload.xlsx")


class ImportBatch(models.Model):
    """An uploaded XLSX of registrations, kept until it is confirmed or cancelled."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        REFUSED = "refused", _("refused")
        IMPORTED = "imported", _("imported")
        CANCELLED = "cancelled", _("cancelled")

    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(_("file"), upload_to=import_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import of models")
        verbose_name_plural = _("imports of models")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
