"""The situation app's share of the page benchmark (``bench/pages.py``).

``ensure(seed)`` writes the app's province-scale rows when the database has
none yet (so a kept register gains them too): 6,000 entries of the people's
situation by the Party committees of tỉnh Lào Cai's communes (and the
province's), over the quarters and months of 2025 and 2026, in bulk with the
columns the model's ``save()`` copies (place and body paths, the folded
search text). ``PAGES`` names the app's pages: (name, url(context, user) -> path).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

ENTRIES = 6000
PROVINCE_CODE = "15"

SUMMARIES = [
    "Tình hình Nhân dân cơ bản ổn định, tin tưởng vào sự lãnh đạo của Đảng",
    "Một số hộ chưa đồng thuận với phương án bồi thường giải phóng mặt bằng",
    "Phát hiện trường hợp tảo hôn trong đồng bào dân tộc thiểu số",
    "Xuất hiện người lạ tuyên truyền đạo lạ tại thôn",
    "Mưa lớn gây sạt lở, Nhân dân giúp nhau khắc phục hậu quả",
    "Nhân dân phấn khởi với kết quả xây dựng nông thôn mới",
    "Có đơn thư kiến nghị đông người về ranh giới đất rừng",
    "Thanh niên đi làm thuê qua biên giới không qua thủ tục",
]


def _url(name: str, *args: Any, query: str = "") -> str:
    from django.urls import reverse

    return reverse(name, args=args) + (f"?{query}" if query else "")


def _entry(user: Any) -> Any:
    from danvan.situation.models import Entry

    return Entry.objects.visible_to(user).order_by("-observed_on", "-pk").first()


PAGES: list[tuple[str, Callable[[dict[str, Any], Any], str]]] = [
    ("situation", lambda c, u: _url("situation:list")),
    ("situation_search", lambda c, u: _url("situation:list", query="q=dat+dai")),
    (
        "situation_filtered",
        lambda c, u: _url(
            "situation:list",
            query=f"area={c['area'].pk}&period=quarter:2026:3&assessment=complex",
        ),
    ),
    (
        "situation_entry",
        lambda c, u: _url("situation:entry_detail", _entry(u).pk),
    ),
    (
        "situation_period",
        lambda c, u: _url(
            "situation:period", query=f"area={c['area'].pk}&period=month:2026:9"
        ),
    ),
    ("situation_topics", lambda c, u: _url("situation:topic_list")),
    ("api_situation", lambda c, u: _url("situation-entry-list")),
]


def ensure(seed: int) -> None:
    from danvan.common import clock
    from danvan.common.kept import forget_for
    from danvan.common.text import fold
    from danvan.datasets.models import Period
    from danvan.situation.models import Assessment, Entry, Topic
    from danvan.units.models import Area, Body

    if Entry.objects.count() >= ENTRIES:
        return
    rng = random.Random(seed)
    today = clock.today()
    province = Area.objects.resolve(PROVINCE_CODE, today)
    bodies = list(
        Body.objects.in_force(today)
        .filter(
            area__path__startswith=province.path,
            kind=Body.Kind.PARTY_COMMITTEE,
        )
        .select_related("area")
    )
    if not bodies:
        raise SystemExit("No Party committee in tỉnh Lào Cai: load the demo.")
    villages: dict[int, list[Area]] = {}
    for village in Area.objects.filter(
        parent__in=[b.area_id for b in bodies], level="village"
    ):
        villages.setdefault(village.parent_id or 0, []).append(village)
    periods = [Period.objects.of("quarter", 2025, n) for n in (1, 2, 3, 4)]
    periods += [Period.objects.of("quarter", 2026, n) for n in (1, 2, 3)]
    periods += [Period.objects.of("month", 2026, n) for n in range(1, 11)]
    periods = [p for p in periods if p.start <= today]
    topics = list(Topic.objects.filter(active=True))
    weights = [70, 22, 8]
    levels = [Assessment.STABLE, Assessment.SIGNS, Assessment.COMPLEX]
    rows = []
    for n in range(ENTRIES - Entry.objects.count()):
        body = rng.choice(bodies)
        places = villages.get(body.area_id, [])
        area = rng.choice(places) if places and rng.random() < 0.4 else body.area
        period = rng.choice(periods)
        last = min(period.end, today)
        observed = period.start + dt.timedelta(
            days=rng.randrange((last - period.start).days + 1)
        )
        summary = f"{rng.choice(SUMMARIES)} ({n + 1})."
        follow = "Tiếp tục nắm tình hình, báo cáo kịp thời." if n % 3 == 0 else ""
        rows.append(
            Entry(
                body=body,
                area=area,
                period=period,
                topic=rng.choice(topics),
                assessment=rng.choices(levels, weights)[0],
                summary=summary,
                sources="Báo cáo của chi bộ thôn",
                follow_up=follow,
                observed_on=observed,
                area_path=area.path,
                body_path=body.path,
                search_text=fold(f"{summary} Báo cáo của chi bộ thôn {follow}"),
            )
        )
    Entry.objects.bulk_create(rows, batch_size=1000)
    # A bulk write sends no signal: every kept figure watching entries forgets.
    forget_for(Entry)
