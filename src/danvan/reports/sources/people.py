"""The people's situation of the span, from the people's apps' registers:
the situation by topic with its assessment, the hot spots, the dialogues
held and the opinions answered, the reception days, the petitions received,
settled and overdue.

"Nắm tình hình Nhân dân ở 12 địa bàn, 20 nội dung: 17 ổn định, 2 có biểu
hiện phức tạp, 1 phức tạp…; phát sinh 2 điểm nóng (45 người)…; tổ chức 5
cuộc đối thoại trực tiếp…; tiếp nhận 40 đơn thư…"

The situation entries are grouped by topic and assessment (one query); the
other figures are those the registers provide as indicators
(``datasets.providers``), counted over the report's unit (its lineage) and
span as one ad hoc period: one grouped query per register, the same counts
the sums page gives. Every figure links to the list it came from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.urls import reverse

from danvan.datasets.models import Indicator
from danvan.datasets.providers import Asked, register_groups
from danvan.meetings import periods
from danvan.reports.sources import (
    Context,
    bullets,
    figure,
    number,
    para,
    reader,
    text,
    url,
)
from danvan.situation.models import Assessment, Entry

if TYPE_CHECKING:
    from danvan.reports.models import OutlineSection

# The assessments, the worst first, as reports write them.
ASSESSED = (
    (Assessment.COMPLEX, "phức tạp"),
    (Assessment.SIGNS, "có biểu hiện phức tạp"),
    (Assessment.STABLE, "ổn định"),
)

# The provided indicators the section quotes (``datasets.providers``).
QUOTED = (
    "incidents.arisen",
    "incidents.people",
    "incidents.closed",
    "incidents.open",
    "incidents.overdue",
    "dialogues.sessions",
    "dialogues.participants",
    "dialogues.opinions",
    "dialogues.answered",
    "dialogues.assigned",
    "dialogues.assignments_done",
    "dialogues.assignments_overdue",
    "dialogues.reception_days",
    "dialogues.citizens",
    "petitions.received",
    "petitions.received.complaint",
    "petitions.received.denunciation",
    "petitions.received.recommendation",
    "petitions.received.feedback",
    "petitions.crowd",
    "petitions.accepted",
    "petitions.settled",
    "petitions.settled_on_time",
    "petitions.overdue",
)
KINDS = (
    ("complaint", "khiếu nại"),
    ("denunciation", "tố cáo"),
    ("recommendation", "kiến nghị"),
    ("feedback", "phản ánh"),
)


@dataclass
class TopicSituation:
    """A topic's entries of the span: how many, and places per assessment."""

    pk: int
    name: str
    order: int
    entries: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)

    @property
    def worst(self) -> int:
        """The index of its worst assessment in ``ASSESSED`` (sorts first)."""
        for n, (key, _word) in enumerate(ASSESSED):
            if self.entries.get(key):
                return n
        return len(ASSESSED)


@dataclass
class People:
    topics: list[TopicSituation]
    values: dict[str, int]  # provider → its figure over the unit and span

    def value(self, provider: str) -> int:
        return self.values.get(provider, 0)


def _topics(ctx: Context) -> list[TopicSituation]:
    """The unit's situation entries observed in the span, by topic and
    assessment (one grouped query)."""
    rows = (
        Entry.objects.filter(
            ctx.unit_q("area_path", "body_path"),
            observed_on__gte=ctx.start,
            observed_on__lte=ctx.end,
        )
        .order_by()
        .values_list("topic_id", "topic__name", "topic__order", "assessment")
        .annotate(n=Count("pk"), places=Count("area_id", distinct=True))
    )
    found: dict[int, TopicSituation] = {}
    for pk, name, order, assessment, n, places in rows:
        topic = found.setdefault(pk, TopicSituation(pk, name, order))
        topic.entries[assessment] = n
        topic.places[assessment] = places
    return sorted(found.values(), key=lambda t: (t.worst, t.order, t.name))


def _figures(ctx: Context) -> dict[str, int]:
    """The quoted figures over the unit's lineage and the span as one
    period (``datasets.providers``: one grouped query per register)."""
    if ctx.start > ctx.end:
        return {}
    # The registers are asked by provider: stand-ins for the indicators,
    # numbered by their place in ``QUOTED`` (no query for the catalogue).
    stand_ins = [Indicator(pk=n, provider=p) for n, p in enumerate(QUOTED)]
    found = register_groups(
        reader(),
        Asked(
            indicators=stand_ins,
            period_type=periods.CUSTOM,
            start=ctx.start,
            end=ctx.end,
            area_ranges=ctx.ranges if ctx.area_wide else None,
            body_ranges=None if ctx.area_wide else ctx.ranges,
            unit_key=None,
            by_body=False,
            by_period=False,
            lasts=False,
        ),
    )
    values: dict[str, int] = defaultdict(int)
    for pk, value, *_rest in found.groups:
        values[QUOTED[pk]] += int(value)
    return dict(values)


def people(ctx: Context) -> People:
    """What the section says, read once for the report."""
    return ctx.once("people", lambda: People(_topics(ctx), _figures(ctx)))


# --- the sentences ----------------------------------------------------------------


def _address(name: str, **params: Any) -> str:
    """The list's address with its filters."""
    return url(reverse(name), **params)


def _situation(ctx: Context, found: People) -> str:
    topics = found.topics
    if not topics:
        return para(
            "Trong kỳ chưa có nội dung nào về tình hình Nhân dân được ghi nhận."
        )
    from danvan.datasets.completeness import period_spec

    if ctx.period.type == periods.CUSTOM:
        href = _address("situation:list", area=ctx.area.pk)
    else:
        href = _address(
            "situation:period", area=ctx.area.pk, period=period_spec(ctx.period)
        )
    totals: dict[str, int] = defaultdict(int)
    for topic in topics:
        for key, n in topic.entries.items():
            totals[key] += n
    entries = sum(totals.values())
    words = [
        f"{figure(totals[key], href, f'people.situation.{key}')} {word}"
        for key, word in ASSESSED
        if totals.get(key)
    ]
    head = (
        f"Nắm tình hình Nhân dân trong kỳ: "
        f"{figure(entries, href, 'people.situation.entries')} nội dung được "
        f"ghi nhận ({', '.join(words)})."
    )
    if not totals.get(Assessment.COMPLEX) and not totals.get(Assessment.SIGNS):
        head += " Tình hình Nhân dân cơ bản ổn định."
    items = []
    for topic in topics:
        parts = [
            f"{number(topic.places[key])} địa bàn {word}"
            for key, word in ASSESSED
            if topic.entries.get(key)
        ]
        items.append(f"{text(topic.name)}: {', '.join(parts)};")
    items[-1] = items[-1][:-1] + "."
    return para(head) + bullets(items)


def _incidents(ctx: Context, found: People) -> str:
    value = found.value
    arisen, still = value("incidents.arisen"), value("incidents.open")
    closed = value("incidents.closed")
    if not (arisen or still or closed):
        return para("Trong kỳ không phát sinh điểm nóng.")
    href = _address("incidents:list", area=ctx.area.pk)
    words = f"Phát sinh {figure(arisen, href, 'people.incidents.arisen')} điểm nóng"
    if value("incidents.people"):
        shown = figure(value("incidents.people"), href, "people.incidents.people")
        words += f" ({shown} người tham gia)"
    if closed:
        shown = figure(closed, href, "people.incidents.closed")
        words += f"; giải quyết dứt điểm {shown} điểm nóng"
    if still:
        shown = figure(still, href, "people.incidents.open")
        words += f"; còn {shown} điểm nóng đang theo dõi, xử lý"
        overdue = value("incidents.overdue")
        if overdue:
            overdue_href = _address("incidents:list", area=ctx.area.pk, overdue="1")
            shown = figure(overdue, overdue_href, "people.incidents.overdue")
            words += f", trong đó {shown} điểm quá hạn"
    return para(words + ".")


def _share(part: int, whole: int) -> str:
    return f"{number(round(Decimal(part) * 100 / whole, 1))}%" if whole else ""


def _dialogues(ctx: Context, found: People) -> str:
    value = found.value
    held = value("dialogues.sessions")
    days = value("dialogues.reception_days")
    if not held and not days:
        return para(
            "Trong kỳ chưa ghi nhận cuộc đối thoại trực tiếp, ngày tiếp công dân nào."
        )
    sentences = []
    if held:
        href = _address("dialogues:list", area=ctx.area.pk)
        words = (
            f"Tổ chức {figure(held, href, 'people.dialogues.sessions')} "
            "cuộc đối thoại trực tiếp với Nhân dân"
        )
        if value("dialogues.participants"):
            shown = figure(
                value("dialogues.participants"), href, "people.dialogues.participants"
            )
            words += f" ({shown} người dự)"
        opinions = value("dialogues.opinions")
        if opinions:
            issues = _address("dialogues:issue_list", area=ctx.area.pk)
            answered = value("dialogues.answered")
            words += (
                f"; Nhân dân nêu "
                f"{figure(opinions, issues, 'people.dialogues.opinions')} ý kiến, "
                f"trả lời ngay tại buổi đối thoại "
                f"{figure(answered, issues, 'people.dialogues.answered')} ý kiến "
                f"({_share(answered, opinions)})"
            )
            assigned = value("dialogues.assigned")
            if assigned:
                words += (
                    f", giao giải quyết "
                    f"{figure(assigned, issues, 'people.dialogues.assigned')} ý kiến"
                )
        done = value("dialogues.assignments_done")
        overdue = value("dialogues.assignments_overdue")
        if done or overdue:
            issues = _address("dialogues:issue_list", area=ctx.area.pk)
            late = _address("dialogues:issue_list", area=ctx.area.pk, state="overdue")
            words += (
                "; các ý kiến được giao: đã trả lời "
                f"{figure(done, issues, 'people.dialogues.done')}"
            )
            if overdue:
                shown = figure(overdue, late, "people.dialogues.overdue")
                words += f", quá hạn chưa trả lời {shown}"
        sentences.append(words + ".")
    if days:
        href = _address("dialogues:reception_list", area=ctx.area.pk)
        words = (
            f"Người đứng đầu tiếp công dân định kỳ "
            f"{figure(days, href, 'people.dialogues.reception_days')} ngày"
        )
        if value("dialogues.citizens"):
            shown = figure(
                value("dialogues.citizens"), href, "people.dialogues.citizens"
            )
            words += f", tiếp {shown} lượt công dân"
        sentences.append(words + ".")
    return para(" ".join(sentences))


def _petitions(ctx: Context, found: People) -> str:
    value = found.value
    received = value("petitions.received")
    overdue = value("petitions.overdue")
    settled = value("petitions.settled")
    if not (received or overdue or settled):
        return para("Trong kỳ không tiếp nhận đơn thư khiếu nại, tố cáo, kiến nghị.")
    href = _address("petitions:list", area=ctx.area.pk)
    words = f"Tiếp nhận {figure(received, href, 'people.petitions.received')} đơn thư"
    kinds = []
    for kind, word in KINDS:
        n = value(f"petitions.received.{kind}")
        if n:
            kind_href = _address("petitions:list", area=ctx.area.pk, kind=kind)
            kinds.append(f"{figure(n, kind_href, f'people.petitions.{kind}')} {word}")
    if kinds:
        words += f" ({', '.join(kinds)})"
    crowd = value("petitions.crowd")
    if crowd:
        words += (
            f", trong đó {figure(crowd, href, 'people.petitions.crowd')} "
            "đơn khiếu kiện đông người"
        )
    accepted = value("petitions.accepted")
    if accepted:
        words += f"; thụ lý {figure(accepted, href, 'people.petitions.accepted')} đơn"
    if settled:
        on_time = value("petitions.settled_on_time")
        words += (
            f"; đã giải quyết, trả lời "
            f"{figure(settled, href, 'people.petitions.settled')} đơn"
            f" ({figure(on_time, href, 'people.petitions.on_time')} đúng hạn)"
        )
    if overdue:
        due = _address("petitions:due")
        words += (
            f"; còn {figure(overdue, due, 'people.petitions.overdue')} "
            "đơn quá hạn giải quyết"
        )
    return para(words + ".")


def write(ctx: Context, section: OutlineSection) -> str:
    found = people(ctx)
    return "".join(
        (
            _situation(ctx, found),
            _incidents(ctx, found),
            _dialogues(ctx, found),
            _petitions(ctx, found),
        )
    )
