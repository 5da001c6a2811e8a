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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import connections, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.common.access import ScopedQuerySet, scope_for
from danvan.common.links import detail_url
from danvan.documents.kept import FIGURES

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
from danvan.common.models import ChoiceLabels, StoredFile
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


class JoinedSearchText(models.Func):
    """``search_text`` without its spaces, as indexed (migration 0005): the
    spaces are written in the SQL, as in the index's expression."""

    template = "REPLACE(%(expressions)s, ' ', '')"
    output_field = models.TextField()

    def __init__(self) -> None:
        super().__init__(models.F("search_text"))


class DocumentQuerySet(ScopedQuerySet["Document"]):
    # "area_" makes the lookup "area_path": the denormalised column, so the
    # scope is ranges of one index that also gives the list's order.
    scope_area = "area_"
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
        key = fold(text)
        q = Q(search_text__contains=key)
        if " " in key:
            # Several words: the key without its spaces is read from its own
            # trigram index (migration 0005), whose trigrams cross the words.
            q &= Q(joined_search_text__contains=key.replace(" ", ""))
        if parsed is not None:
            q |= Q(number_value=parsed.number_value, symbol__iexact=parsed.symbol)
            if parsed.grammar == "state" and parsed.warnings:
                # "217/QĐ-TW", a Party symbol written the State way.
                q |= Q(
                    number_value=parsed.number_value,
                    symbol__iexact=f"{parsed.type_code}/{parsed.issuer}",
                )
        return self.alias(joined_search_text=JoinedSearchText()).filter(q)

    def within(self, area: Area) -> Self:
        """Documents of ``area`` and of everything that is or was inside it
        (``Area.objects.within``), as ranges of ``area_path``."""
        from danvan.common import tree
        from danvan.units.lineage import lineage_paths

        return self.filter(
            tree.subtree_q(lineage_paths([area.path]), field="area_path")
        )

    def reading_q(self, user: User | AnonymousUser, own: Q) -> Q:
        """The documents read up the tree (``scope_read_up``), as a list of ids.

        One recursive query walks the chain of "implements" from the user's
        own documents, each step once, and keeps what lies outside them. The
        list, its count and its filters then match ``area_path`` ranges or a
        few ids, which PostgreSQL reads from the indexes; the chain OR-ed into
        each of them as subqueries was walked again by every query, and hid
        the scope's size from the planner (a commune's list read the whole
        register by date). The ids are kept on the user object (one request)
        until a document or a relation is saved or deleted.
        """
        ids = self._read_up_list(user, own)
        if ids and connections[self.db].vendor == "postgresql":
            # One array parameter: an IN list of a province's hundred ids is
            # a hundred parameters for Django to prepare and psycopg to
            # parse, in every query of the page.
            return Q(pk__any_of=ids)
        return Q(pk__in=ids)

    def reads(self, user: User | AnonymousUser, document: Document) -> bool:
        """Does ``user`` read ``document``? What ``visible_to`` matches, tested
        on the row's copied ``area_path`` and the ids read up the tree (kept):
        no query, for rows already read (a page's document, its relations)."""
        return self.reader(user)(document)

    def reader(self, user: User | AnonymousUser) -> Callable[[Document], bool]:
        """``reads`` for ``user``, their scope read once for many rows."""
        own = self.scope_q(user)
        if not own:  # Q() matches everything: a superuser
            return lambda document: True
        scope = scope_for(user)
        read_up = set(self._read_up_list(user, own))
        return lambda document: (
            scope.covers_area_path(document.area_path) or document.pk in read_up
        )

    def _read_up_list(self, user: User | AnonymousUser, own: Q) -> list[int]:
        """The ids read up the tree, kept on the user object for the request."""
        memo: dict[tuple[str, str, str], list[int]] = user.__dict__.setdefault(
            "_danvan_read_up", {}
        )
        key = (self.db, FIGURES.version(user), str(own))
        if key not in memo:
            memo[key] = self._kept_read_up_ids(user, own)
        return memo[key]

    def _kept_read_up_ids(self, user: User | AnonymousUser, own: Q) -> list[int]:
        """``_read_up_ids(own)``, kept until a document or a relation changes
        (``documents.kept``): the recursive walk costs a province's pages 2 to 3 ms."""
        ids: list[int] = FIGURES.kept(
            "read-up", user, (), lambda: self._read_up_ids(own)
        )
        return ids

    def scope_parts(self, user: User | AnonymousUser) -> list[Q] | None:
        """What ``visible_to`` matches, as disjoint parts: each range of the
        user's scope and the documents read up the tree. A count adds them up,
        each read on its own index (``common.paging``); None for everything."""
        own = self.scope_q(user)
        if not own:
            return None
        return [*_or_branches(own), self.reading_q(user, own)]

    def _read_up_ids(self, own: Q) -> list[int]:
        from danvan.common.access import READ_UP_DEPTH

        # The relation ``scope_read_up`` names ("relations_in__source", kind
        # "implements"), walked here in SQL of its own.
        relation = DocumentRelation._meta
        # One index range per subtree of the scope (UNION ALL): a single scan
        # of ranges OR-ed together reads the whole index.
        rows = self.model._base_manager.order_by().values("pk")
        parts = [rows.filter(branch) for branch in _or_branches(own)]
        if not parts:
            return []
        own_rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        own_sql, own_params = own_rows.query.sql_with_params()
        db = connections[self.db]
        quote = db.ops.quote_name
        table = quote(relation.db_table)
        columns = {f.name: str(f.column) for f in relation.concrete_fields}
        source, target, kind = (
            quote(columns[name]) for name in ("source", "target", "kind")
        )
        sql = f"""
            WITH RECURSIVE own_rows (id) AS ({own_sql}),
            reached (id, depth) AS (
                SELECT r.{target}, 1 FROM {table} r
                WHERE r.{kind} = %s AND r.{source} IN (SELECT id FROM own_rows)
                UNION
                SELECT r.{target}, reached.depth + 1 FROM {table} r
                JOIN reached ON r.{source} = reached.id
                WHERE r.{kind} = %s AND reached.depth < %s
            )
            SELECT DISTINCT id FROM reached
            WHERE id NOT IN (SELECT id FROM own_rows)
        """
        implements = DocumentRelation.Kind.IMPLEMENTS
        with db.cursor() as cursor:
            cursor.execute(sql, [*own_params, implements, implements, READ_UP_DEPTH])
            return [row[0] for row in cursor.fetchall()]


def _or_branches(q: Q) -> list[Q]:
    """The branches of a scope OR-ed together, each matching something."""
    if q.children == [("pk__in", [])]:
        return []
    if q.negated or q.connector != Q.OR:
        return [q]
    branches: list[Q] = []
    for child in q.children:
        if isinstance(child, Q):
            branches.extend(_or_branches(child))
        elif child != ("pk__in", []):
            branches.append(Q(child))
    return branches


class Document(ChoiceLabels):
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
    issued_on = models.DateField(_("date of issue"))
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
    # A copy of ``area.path`` (a path never changes), set by ``save()``: the
    # scope is ranges of this column, no join.
    area_path = models.CharField(max_length=255, editable=False)
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
        indexes = [
            # The list's order, read backwards: a province's first page stops
            # after its first 50 rows in scope.
            models.Index(fields=["issued_on", "id"], name="document_date"),
            # The scope: a range per subtree (a commune's few rows, the count).
            models.Index(
                fields=["area_path", "issued_on", "id"], name="document_path_date"
            ),
            # A symbol typed in full ("106-KH/HU") is searched by its number.
            models.Index(fields=["number_value"], name="document_number"),
        ]
        # On PostgreSQL a trigram index on ``search_text`` serves the search
        # (LIKE '%…%'): migration 0004, not declared here (SQLite has none).
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, copying the area's path (the column the scope reads), as
        meetings and tasks copy theirs: no writer can forget it."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "area" in update_fields:
            self.area_path = self.area.path
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "area_path"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return detail_url("documents:detail", self.pk)

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


@Document._meta.pk.register_lookup
class AnyOf(models.Lookup):
    """``pk__any_of=[…]``: ``id = ANY(%s)`` with one array parameter
    (PostgreSQL), for the documents read up the tree (``reading_q``)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)


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


class DocumentRelation(ChoiceLabels):
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
    # Through the document's denormalised path ("document__area_path").
    scope_area = "document__area_"

    def open(self) -> Self:
        return self.filter(done_on__isnull=True)


class ReviewPoint(ChoiceLabels):
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
