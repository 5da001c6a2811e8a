"""The document register (sổ văn bản): Party and State documents of the unit tree.

A document is identified by its number and symbol ("106-KH/HU", "70/KH-UBND").
Party documents are numbered per type across the issuing committee's term
(congress to congress), State documents per type from 01 each calendar year
(domain guide §2.2). ``Document.sequence_key`` names the sequence a document's
number belongs to, and a unique constraint on (sequence_key, number_value)
makes a duplicate impossible, even when two offices save at the same moment.
"""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.access import ScopedQuerySet
from danvan.common.models import StoredFile
from danvan.units.models import Area, Body, Person


class Term(models.Model):
    """A term (khóa, nhiệm kỳ) of a Party committee: congress to congress."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="terms", verbose_name=_("body")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For example: khóa XIX, 2020–2025.")
    )
    starts_on = models.DateField(
        _("starts on"), help_text=_("The day after the congress that opened it.")
    )
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("The closing day of the next congress; empty while it runs."),
    )

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["body", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "starts_on"], name="term_body_start_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__lte=models.F("ends_on")),
                name="term_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.name}"

    def contains(self, on: dt.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


class DocumentQuerySet(ScopedQuerySet["Document"]):
    scope_area = "area__"
    # Reading up the tree: a unit reads the documents its own documents
    # implement (the directive its plan carries out), and what those implement.
    scope_read_up = ("relations_in__source", {"relations_in__kind": "implements"})

    def search(self, text: str) -> Self:
        """Accent-free search in title, number and symbol, issuer; a symbol typed
        in full ("106-KH/HU", "70/KH-UBND") matches that number and symbol."""
        from danvan.common.symbols import SymbolError, parse_symbol
        from danvan.common.text import fold

        text = (text or "").strip()
        if not text:
            return self
        try:
            parsed = parse_symbol(text)
        except SymbolError:
            parsed = None
        q = Q(search_text__contains=fold(text))
        if parsed is not None:
            q |= Q(number_value=parsed.number_value, symbol__iexact=parsed.symbol)
            if parsed.grammar == "state" and parsed.warnings:
                # "217/QĐ-TW", a Party symbol written the State way.
                q |= Q(
                    number_value=parsed.number_value,
                    symbol__iexact=f"{parsed.type_code}/{parsed.issuer}",
                )
        return self.filter(q)


class Document(models.Model):
    """A document of the register: a resolution, directive, plan, report, ..."""

    class Kind(models.TextChoices):
        RESOLUTION = "nghi_quyet", _("Resolution")
        DIRECTIVE = "chi_thi", _("Directive")
        CONCLUSION = "ket_luan", _("Conclusion")
        DECISION = "quyet_dinh", _("Decision")
        REGULATION = "quy_dinh", _("Regulation")
        PLAN = "ke_hoach", _("Plan")
        ACTION_PROGRAMME = "chuong_trinh_hanh_dong", _("Action programme")
        PROGRAMME = "chuong_trinh", _("Programme")
        NOTICE = "thong_bao", _("Notice")
        GUIDANCE = "huong_dan", _("Guidance")
        SCHEME = "de_an", _("Scheme")
        REPORT = "bao_cao", _("Report")
        LETTER = "cong_van", _("Official letter")
        SUBMISSION = "to_trinh", _("Submission")
        RULES = "quy_che", _("Rules")
        LAW = "luat", _("Law")
        DECREE = "nghi_dinh", _("Decree")
        CIRCULAR = "thong_tu", _("Circular")
        MINUTES = "bien_ban", _("Minutes")
        OTHER = "khac", _("Other")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        AMENDED = "amended", _("amended")
        REPLACED = "replaced", _("replaced")
        EXPIRED = "expired", _("expired")

    class Grammar(models.TextChoices):
        PARTY = "party", _("Party")
        STATE = "state", _("State")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    number = models.CharField(
        _("number"), max_length=10, blank=True, help_text=_("As written: 06.")
    )
    number_value = models.PositiveIntegerField(_("number value"), null=True)
    symbol = models.CharField(
        _("symbol"),
        max_length=120,
        blank=True,
        help_text=_("What follows the number: KH/HU, KH-UBND, 2020/NĐ-CP."),
    )
    grammar = models.CharField(
        _("grammar"), max_length=5, choices=Grammar.choices, blank=True
    )
    symbol_warning = models.TextField(_("warning about the symbol"), blank=True)
    issuer_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_documents",
        verbose_name=_("issuing body"),
    )
    issuer_name = models.CharField(_("issuer"), max_length=250, blank=True)
    issued_on = models.DateField(_("date of issue"), db_index=True)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_documents",
        verbose_name=_("signer (person)"),
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("area"),
        help_text=_("The area whose register holds the document."),
    )
    term = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("term"),
    )
    issued_here = models.BooleanField(
        _("numbered here"),
        default=False,
        help_text=_("The number was taken from the register's own sequence."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    # The sequence the number belongs to ("" when the symbol did not parse);
    # see services.sequence_for.
    sequence_key = models.CharField(
        max_length=200, blank=True, default="", editable=False
    )
    search_text = models.TextField(editable=False, default="")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sequence_key", "number_value"],
                name="document_number_unique_in_sequence",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="document_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """Number and symbol as written on the document: 106-KH/HU, 70/KH-UBND."""
        if not self.number:
            return self.symbol
        separator = "-" if self.grammar == self.Grammar.PARTY else "/"
        return f"{self.number}{separator}{self.symbol}"

    @property
    def issuer(self) -> str:
        """The issuer as written ("Ban Thường vụ Tỉnh ủy"), else the body's name."""
        if self.issuer_name or not self.issuer_body_id:
            return self.issuer_name
        assert self.issuer_body is not None  # issuer_body_id is set
        return self.issuer_body.name


class NumberSequence(models.Model):
    """The last number taken in one numbering sequence of an issuing body."""

    key = models.CharField(max_length=200, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self) -> str:
        return f"{self.key}: {self.last_number}"


class Attachment(StoredFile):
    """A file of a document (the signed scan, the DOCX), kept as uploaded."""

    STORAGE_FOLDER = "documents"

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("document"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "sha256"], name="attachment_once_per_document"
            )
        ]


class DocumentRelation(models.Model):
    """A link between two documents: one implements, replaces, amends or
    reviews the other."""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", _("implements")
        REPLACES = "replaces", _("replaces")
        AMENDS = "amends", _("amends")
        REVIEWS = "reviews", _("reviews")

    source = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_out",
        verbose_name=_("document"),
    )
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("related document"),
    )
    kind = models.CharField(_("relation"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("document relation")
        verbose_name_plural = _("document relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="document_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="document_relation_not_self",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.source.reference} {self.get_kind_display()} {self.target.reference}"
        )


class ReviewPointQuerySet(ScopedQuerySet["ReviewPoint"]):
    scope_area = "document__area__"

    def open(self) -> Self:
        return self.filter(done_on__isnull=True)


class ReviewPoint(models.Model):
    """A review (sơ kết, tổng kết) a directive calls for, after N years or on a
    date."""

    class Kind(models.TextChoices):
        INTERIM = "so_ket", _("Interim review")
        FINAL = "tong_ket", _("Final review")

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="review_points",
        verbose_name=_("document"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    after_years = models.PositiveSmallIntegerField(
        _("after (years)"), null=True, blank=True
    )
    due_on = models.DateField(_("due on"), db_index=True)
    label = models.CharField(_("label"), max_length=200, blank=True)
    done_by_document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_done",
        verbose_name=_("review document"),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ReviewPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("review point")
        verbose_name_plural = _("review points")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d/%m/%Y})"

    @property
    def title(self) -> str:
        """ "Tổng kết 10 năm", or the label given."""
        from django.utils.translation import gettext

        if self.label:
            return self.label
        kind = self.get_kind_display()
        if self.after_years:
            return gettext("%(kind)s after %(years)s years") % {
                "kind": kind,
                "years": self.after_years,
            }
        return str(kind)
