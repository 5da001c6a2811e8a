"""Citizens' petitions (đơn thư): intake, routing, the legal clocks, privacy.

- ``Petition``: received on a date by a channel (in person, post, online,
  forwarded), of a kind (khiếu nại, tố cáo, kiến nghị, phản ánh), from one
  petitioner or a crowd (with its representatives as Nghị định 75/2012 counts
  them), about a subject, a place and a topic, and the decision or act
  complained of. Officers enter it on behalf of citizens. The handling body
  follows from the place and the kind/topic (``RoutingRule``); forwarding is
  recorded with its date (``Forwarding``).
- ``Petitioner``: a person who signed it (or represents a crowd); their
  identity and contact are seen only by those the privacy rules name, masked
  everywhere else; each view of them is logged (``IdentityView``).
- ``RuleSet`` / ``ClockRule``: the legal deadlines as dated data: each rule
  has the law it comes from, and each set the day it takes effect; a petition
  uses the set in force on the day it was received (Law 136/2025/QH15 changes
  the laws from 1/7/2026: a new set). Working days skip weekends and Vietnam's
  public holidays (the ``holidays`` package).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.common.access import ScopedQuerySet
from danvan.common.links import detail_url
from danvan.common.models import ChoiceLabels, StoredFile
from danvan.common.text import fold


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("complaint (khiếu nại)")
    DENUNCIATION = "denunciation", _("denunciation (tố cáo)")
    RECOMMENDATION = "recommendation", _("recommendation (kiến nghị)")
    FEEDBACK = "feedback", _("feedback (phản ánh)")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    POST = "post", _("by post")
    ONLINE = "online", _("online")
    FORWARDED = "forwarded", _("forwarded by another body")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted (thụ lý)")
    REFUSED = "refused", _("not accepted")
    FORWARDED = "forwarded", _("forwarded to the competent body")
    DECIDED = "decided", _("first decision made")
    SECOND = "second", _("second complaint")
    SECOND_DECIDED = "second_decided", _("second decision made")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Statuses in which the petition's clocks still run.
OPEN = (Status.RECEIVED, Status.ACCEPTED, Status.DECIDED, Status.SECOND)


class RuleSet(models.Model):
    """The legal deadlines in force from one date (to the next set's)."""

    name = models.CharField(_("name"), max_length=200)
    basis = models.TextField(
        _("legal basis"), help_text=_("The laws and decrees the rules come from.")
    )
    valid_from = models.DateField(_("in force from"), unique=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("set of legal deadlines")
        verbose_name_plural = _("sets of legal deadlines")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name


class ClockRule(ChoiceLabels):
    """One legal deadline of a set: how many days, counted how, from what."""

    class Step(models.TextChoices):
        TIME_BAR = "time_bar", _("time bar to complain")
        ACCEPTANCE = "acceptance", _("acceptance (thụ lý)")
        FIRST_DECISION = "first_decision", _("first decision")
        SECOND_COMPLAINT = "second_complaint", _("second complaint or lawsuit")
        SECOND_DECISION = "second_decision", _("second decision")
        DECISION = "decision", _("decision on a denunciation")
        EXTENSION = "extension", _("extension")
        ANSWER = "answer", _("answer to a recommendation or feedback")

    class Start(models.TextChoices):
        ACT = "act", _("the act complained of (or learning of it)")
        RECEIVED = "received", _("receipt")
        ACCEPTED = "accepted", _("acceptance")
        FIRST_DECISION = "first_decision", _("the first decision (or its deadline)")
        SECOND_RECEIVED = "second_received", _("receipt of the second complaint")

    class Days(models.TextChoices):
        CALENDAR = "calendar", _("calendar days")
        WORKING = "working", _("working days")

    rule_set = models.ForeignKey(
        RuleSet,
        on_delete=models.CASCADE,
        related_name="rules",
        verbose_name=_("set"),
    )
    kind = models.CharField(_("kind of petition"), max_length=14, choices=Kind.choices)
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    start = models.CharField(_("counted from"), max_length=16, choices=Start.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    day_kind = models.CharField(
        _("counted in"), max_length=8, choices=Days.choices, default=Days.CALENDAR
    )
    # Which cases it applies to: a remote area, a complex case; how many
    # times (extensions of a denunciation: up to two).
    remote = models.BooleanField(_("remote area"), default=False)
    complex_case = models.BooleanField(_("complex case"), default=False)
    times = models.PositiveSmallIntegerField(_("times"), default=1)
    basis = models.CharField(_("article of law"), max_length=300)

    class Meta:
        verbose_name = _("legal deadline")
        verbose_name_plural = _("legal deadlines")
        ordering = ["rule_set", "kind", "step", "remote", "complex_case"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "kind", "step", "remote", "complex_case"],
                name="clock_rule_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_step_display()}: {self.days}"


class RoutingRuleQuerySet(ScopedQuerySet["RoutingRule"]):
    # Read for the places the user sees (the place's path, copied on the row).
    scope_area = "area_"


class RoutingRule(ChoiceLabels):
    """Which body handles the petitions of a place (and kind, topic): the most
    specific rule wins (the deepest place, then a kind, then a topic)."""

    area = models.ForeignKey(
        "units.Area",
        on_delete=models.CASCADE,
        related_name="petition_routes",
        verbose_name=_("place"),
    )
    kind = models.CharField(
        _("kind of petition"), max_length=14, choices=Kind.choices, blank=True
    )
    topic = models.ForeignKey(
        "situation.Topic",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="petition_routes",
        verbose_name=_("topic"),
    )
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.CASCADE,
        related_name="petition_routes",
        verbose_name=_("handled by"),
    )
    active = models.BooleanField(_("in use"), default=True)
    area_path = models.CharField(max_length=255, editable=False, default="")

    objects = RoutingRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["area_path", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.area} · {self.body}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            self.area_path = self.area.path
        super().save(*args, **kwargs)


class PetitionQuerySet(ScopedQuerySet["Petition"]):
    # The place's path and the handling body's path, copied on the row; the
    # receiving body reads what it entered (``received_body_path``).
    scope_area = "area_"
    scope_body = "handling_body_"


class Petition(ChoiceLabels):
    """A petition (đơn thư) from its receipt to its close."""

    received_on = models.DateField(_("received on"))
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.RECEIVED
    )
    subject = models.CharField(_("subject"), max_length=300)
    content = models.TextField(_("content"))
    # The decision or act complained of, and when it was made or learnt of
    # (the time bar runs from it).
    act = models.TextField(_("decision or act complained of"), blank=True)
    act_on = models.DateField(_("act made or learnt of on"), null=True, blank=True)
    # One petitioner, or a crowd (đông người): how many signed.
    crowd = models.BooleanField(_("crowd petition"), default=False)
    people = models.PositiveIntegerField(_("number of petitioners"), default=1)
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("place"),
    )
    topic = models.ForeignKey(
        "situation.Topic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("topic"),
    )
    received_by = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="petitions_received",
        verbose_name=_("received by"),
    )
    handling_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="petitions_handled",
        verbose_name=_("handling body"),
    )
    # Bodies besides the handling and receiving ones whose users may see the
    # petitioners' identity (configured per petition).
    identity_bodies = models.ManyToManyField(
        "units.Body",
        blank=True,
        related_name="+",
        verbose_name=_("also sees the petitioners"),
    )
    # The clocks: the set in force on receipt, and the case's conditions.
    rule_set = models.ForeignKey(
        RuleSet,
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("legal deadlines"),
    )
    remote = models.BooleanField(_("remote area"), default=False)
    complex_case = models.BooleanField(_("complex case"), default=False)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    decided_on = models.DateField(_("first decision on"), null=True, blank=True)
    second_received_on = models.DateField(
        _("second complaint received on"), null=True, blank=True
    )
    second_decided_on = models.DateField(_("second decision on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    # The deadline that was running when it was settled (first decided or
    # answered): "settled on time" compares with it, as ``next_due_on`` moves on.
    settled_due_on = models.DateField(
        _("deadline when settled"), null=True, blank=True, editable=False
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # The earliest deadline still running (from ``petitions.clocks``), kept
    # for the lists of due and overdue petitions.
    next_due_on = models.DateField(_("next deadline"), null=True, blank=True)
    # Detected at intake: the same petitioner on the same subject before; a
    # petition sent past the responsible level.
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name=_("repeats"),
    )
    past_level = models.BooleanField(
        _("sent past the responsible level"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    area_path = models.CharField(max_length=255, editable=False, default="")
    handling_body_path = models.CharField(max_length=255, editable=False, default="")
    received_body_path = models.CharField(max_length=255, editable=False, default="")
    # Subject and content folded, never the petitioners' identity.
    search_text = models.TextField(editable=False, default="")

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(
                fields=["area_path", "received_on", "id"], name="petition_area_list"
            ),
            models.Index(
                fields=["handling_body_path", "received_on", "id"],
                name="petition_body_list",
            ),
            models.Index(fields=["received_on", "id"], name="petition_list"),
            models.Index(fields=["status", "next_due_on"], name="petition_due"),
            # The due page: open petitions in the order of their deadlines.
            models.Index(
                fields=["next_due_on", "id"],
                name="petition_open_due",
                condition=models.Q(status__in=OPEN),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the paths (paths never change)."""
        if kwargs.get("update_fields") is None:
            self.area_path = self.area.path
            self.handling_body_path = self.handling_body.path
            self.received_body_path = self.received_by.path
            self.search_text = fold(" ".join((self.subject, self.content, self.act)))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("petitions:petition_detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class WithPetition(ScopedQuerySet[Any]):
    scope_area = "petition__area_"
    scope_body = "petition__handling_body_"


class PetitionerQuerySet(WithPetition):
    pass


class Petitioner(models.Model):
    """A petitioner, or a crowd's representative: personal data, masked for
    all but those the privacy rules name."""

    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="petitioners",
        verbose_name=_("petition"),
    )
    name = models.CharField(_("full name"), max_length=150)
    id_number = models.CharField(_("identity card number"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    representative = models.BooleanField(_("representative"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The name folded, to find the same petitioner again (repeats).
    name_key = models.CharField(max_length=150, editable=False, default="")

    objects = PetitionerQuerySet.as_manager()

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")
        ordering = ["petition", "order", "pk"]
        indexes = [models.Index(fields=["name_key"], name="petitioner_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            self.name_key = fold(self.name)
        super().save(*args, **kwargs)


class AttachmentQuerySet(WithPetition):
    pass


class Attachment(StoredFile):
    """A file of a petition (the letter scanned, evidence), kept as uploaded."""

    STORAGE_FOLDER = "petitions"

    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("petition"),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class ForwardingQuerySet(WithPetition):
    pass


class Forwarding(models.Model):
    """A petition passed from one body to another, with its date."""

    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="forwardings",
        verbose_name=_("petition"),
    )
    from_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from"),
    )
    to_body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to"),
    )
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ForwardingQuerySet.as_manager()

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        ordering = ["petition", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} · {self.to_body}"


class IdentityView(models.Model):
    """A user saw a petition's petitioners unmasked (page, export or API)."""

    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="identity_views",
        verbose_name=_("petition"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    where = models.CharField(_("where"), max_length=20)

    class Meta:
        verbose_name = _("view of petitioners")
        verbose_name_plural = _("views of petitioners")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["petition", "at"], name="identity_view_at")]

    def __str__(self) -> str:
        return f"{self.user} · {self.at:%d/%m/%Y %H:%M}"
