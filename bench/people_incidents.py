"""The incidents app's share of the page benchmark (``bench/pages.py``).

``ensure(seed)`` writes the app's province-scale rows through its services
when the database has none yet (so a kept register gains them too), and
``PAGES`` names the app's pages: (name, url(context, user) -> path).

The rows: for each commune of tỉnh Lào Cai with a Party committee, twenty
hot spots over the last year (about 2,000 for the province) in every status
and severity, some overdue and escalating, each with three follow-ups. One
per commune through the services (with its follow-ups), the others in bulk
with the columns the model's ``save()`` copies (paths, folded search text).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

PROVINCE_CODE = "15"


def _url(name: str, *args: Any, query: str = "") -> str:
    from django.urls import reverse

    path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def _incident_of(c: dict[str, Any], user: Any) -> int:
    """The user's own area's hot spot with the most follow-ups."""
    from django.db.models import Count

    from danvan.incidents.models import Incident

    found = (
        Incident.objects.visible_to(user)
        .filter(area_path__startswith=c["area"].path)
        .annotate(n=Count("follow_ups"))
        .order_by("-n", "-arose_on", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    assert found is not None, "the bench wrote hot spots in the user's area"
    return found


PAGES: list[tuple[str, Callable[[dict[str, Any], Any], str]]] = [
    ("incidents_list", lambda c, u: _url("incidents:list")),
    ("incidents_search", lambda c, u: _url("incidents:list", query="q=dat")),
    (
        "incidents_overdue",
        lambda c, u: _url("incidents:list", query="overdue=1&sort=-severity"),
    ),
    (
        "incidents_detail",
        lambda c, u: _url("incidents:incident_detail", _incident_of(c, u)),
    ),
    (
        "incidents_communes",
        lambda c, u: _url("incidents:communes", query=f"area={c['area'].pk}"),
    ),
    ("incidents_api", lambda c, u: _url("incident-list")),
]

TITLES = (
    "Tranh chấp đất nương giữa các hộ",
    "Khiếu kiện đông người về bồi thường giải phóng mặt bằng",
    "Tụ tập sinh hoạt tôn giáo trái pháp luật",
    "Mâu thuẫn dòng họ về ranh giới đất rừng",
    "Kiến nghị về ô nhiễm nguồn nước sinh hoạt",
    "Nguy cơ tảo hôn ở bản vùng cao",
)
TOPICS = ("land", "crowd-complaints", "religion", "land", "pollution", "child-marriage")


def ensure(seed: int) -> None:
    from django.db import transaction

    from danvan.common import clock
    from danvan.common.actors import system_actor
    from danvan.common.text import fold
    from danvan.incidents import services
    from danvan.incidents.models import FollowUp, Incident, Status
    from danvan.situation.models import Topic
    from danvan.units.models import Area, Body

    if Incident.objects.count() >= 1000:
        return
    rng = random.Random(seed)
    today = clock.today()
    province = Area.objects.resolve(PROVINCE_CODE, today)
    committees = list(
        Body.objects.in_force(today)
        .filter(
            area__path__startswith=province.path,
            area__level=Area.Level.COMMUNE,
            kind=Body.Kind.PARTY_COMMITTEE,
        )
        .select_related("area")
        .order_by("path")
    )
    assert committees, "the register has the communes' Party committees"
    topics = {t.code: t for t in Topic.objects.filter(code__in=TOPICS)}
    fallback = Topic.objects.order_by("order").first()
    assert fallback is not None, "the topics are seeded (situation/0002)"
    actor = system_actor()
    statuses = (Status.ARISEN, Status.HANDLING, Status.HANDLING, Status.STABLE)
    with transaction.atomic():
        rows: list[Incident] = []
        for body in committees:
            first = services.open_incident(
                actor=actor,
                title=f"{TITLES[0]} xã {body.area.name}",
                area=body.area,
                topic=topics.get("land", fallback),
                owner_body=body,
                arose_on=today - dt.timedelta(days=40),
                severity=3,
                people=20,
                due_on=today - dt.timedelta(days=5),
            )
            for n in range(3):
                services.add_follow_up(
                    actor=actor,
                    incident=first,
                    on=today - dt.timedelta(days=35 - 10 * n),
                    text=f"Tổ công tác làm việc với các hộ, lần {n + 1}",
                    status=Status.HANDLING if n == 0 else "",
                    people=20 + 5 * n,
                )
            for n in range(19):
                k = rng.randrange(len(TITLES))
                title = f"{TITLES[k]} xã {body.area.name} số {n + 1}"
                place = f"Thôn {rng.randrange(1, 12)}"
                arose = today - dt.timedelta(days=rng.randrange(5, 365))
                closed = rng.random() < 0.35
                status = Status.CLOSED if closed else rng.choice(statuses)
                due = arose + dt.timedelta(days=rng.randrange(15, 120))
                rows.append(
                    Incident(
                        title=title,
                        area=body.area,
                        place=place,
                        topic=topics.get(TOPICS[k], fallback),
                        cause="Nguyên nhân đang được làm rõ",
                        parties="Các hộ dân liên quan",
                        people=rng.randrange(2, 80),
                        severity=rng.randrange(1, 5),
                        status=status,
                        escalating=not closed and rng.random() < 0.15,
                        owner_body=body,
                        arose_on=arose,
                        due_on=due,
                        closed_on=min(due, today) if closed else None,
                        created_by=actor,
                        area_path=body.area.path,
                        owner_body_path=body.path,
                        search_text=fold(
                            f"{title} {place} Nguyên nhân đang được làm rõ "
                            "Các hộ dân liên quan"
                        ),
                    )
                )
        Incident.objects.bulk_create(rows, batch_size=1000)
        follow_ups = [
            FollowUp(
                incident=incident,
                on=min(incident.arose_on + dt.timedelta(days=3 * (n + 1)), today),
                text=f"Cập nhật tình hình lần {n + 1}",
                created_by=actor,
            )
            for incident in rows
            for n in range(3)
        ]
        FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    from danvan.incidents.kept import FIGURES

    FIGURES.forget()
