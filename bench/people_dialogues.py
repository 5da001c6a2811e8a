"""The dialogues app's share of the page benchmark (``bench/pages.py``).

``ensure(seed)`` writes the app's province-scale rows through its services
when the database has none yet (so a kept register gains them too), and
``PAGES`` names the app's pages: (name, url(context, user) -> path).

The rows: for each commune of tỉnh Lào Cai with a Party committee, two
dialogues a month over the last year (about 2,400), three opinions each
(answered at the dialogue, assigned and answered since, assigned and waiting,
some overdue), and three reception days a month of its Party committee and
People's Committee. Written in bulk with the columns the models' ``save()``
copies (paths, level, folded search text), one dialogue per commune first
through the services.
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


def _session_of(c: dict[str, Any], user: Any) -> int:
    """The user's own area's newest dialogue with the most opinions."""
    from django.db.models import Count

    from danvan.dialogues.models import Session

    found = (
        Session.objects.visible_to(user)
        .filter(area_path__startswith=c["area"].path)
        .annotate(n=Count("issues"))
        .order_by("-n", "-held_on", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    assert found is not None, "the bench wrote dialogues in the user's area"
    return found


def _stats_query(c: dict[str, Any], user: Any) -> str:
    from danvan.common import clock

    year = clock.today().year
    return f"area={c['area'].pk}&start=01/01/{year}&end=31/12/{year}"


PAGES: list[tuple[str, Callable[[dict[str, Any], Any], str]]] = [
    ("dialogues_list", lambda c, u: _url("dialogues:list")),
    ("dialogues_search", lambda c, u: _url("dialogues:list", query="q=thon")),
    (
        "dialogues_detail",
        lambda c, u: _url("dialogues:session_detail", _session_of(c, u)),
    ),
    ("dialogues_opinions", lambda c, u: _url("dialogues:issue_list")),
    (
        "dialogues_overdue",
        lambda c, u: _url("dialogues:issue_list", query="state=overdue"),
    ),
    ("dialogues_receptions", lambda c, u: _url("dialogues:reception_list")),
    ("dialogues_stats", lambda c, u: _url("dialogues:stats", query=_stats_query(c, u))),
    ("dialogues_api", lambda c, u: _url("dialogue-list")),
]


def ensure(seed: int) -> None:
    from django.db import transaction

    from danvan.common import clock
    from danvan.common.actors import system_actor
    from danvan.dialogues import services
    from danvan.dialogues.models import Issue, Reception, Session
    from danvan.units.models import Area, Body

    if Session.objects.count() >= 1000:
        return
    rng = random.Random(seed)
    today = clock.today()
    province = Area.objects.resolve(PROVINCE_CODE, today)
    leaders = list(
        Body.objects.in_force(today)
        .filter(
            area__path__startswith=province.path,
            area__level=Area.Level.COMMUNE,
            kind__in=(Body.Kind.PARTY_COMMITTEE, Body.Kind.PEOPLES_COMMITTEE),
        )
        .select_related("area")
        .order_by("path")
    )
    committees = [b for b in leaders if b.kind == Body.Kind.PARTY_COMMITTEE]
    assert committees, "the register has the communes' Party committees"
    actor = system_actor()
    start = today - dt.timedelta(days=365)
    sessions: list[Session] = []
    audiences = (
        ("village", "Nhân dân thôn"),
        ("association", "Hội viên Hội Nông dân"),
        ("association", "Hội viên Hội Phụ nữ"),
        ("group", "Các hộ dân khu tái định cư"),
    )
    with transaction.atomic():
        for body in committees:
            # One through the services, as a page would write it.
            services.hold_session(
                actor=actor,
                body=body,
                area=body.area,
                held_on=today - dt.timedelta(days=3),
                leader_name="Bí thư Đảng ủy",
                leader_title="Bí thư Đảng ủy xã",
                audience_kind="village",
                audience=f"Nhân dân thôn Trung tâm {body.area.name}",
            )
            for n in range(24):
                held = start + dt.timedelta(days=15 * n + rng.randrange(10))
                kind, who = rng.choice(audiences)
                audience = f"{who} {body.area.name} đợt {n + 1}"
                session = Session(
                    body=body,
                    area=body.area,
                    held_on=held,
                    kind="ad_hoc" if rng.random() < 0.1 else "regular",
                    leader_name="Bí thư Đảng ủy",
                    leader_title="Bí thư Đảng ủy xã",
                    audience_kind=kind,
                    audience=audience,
                    place=f"Nhà văn hóa {body.area.name}",
                    participants=rng.randrange(20, 120),
                    subject="Tình hình sản xuất, đời sống và an ninh thôn",
                )
                # The columns save() copies: paths, level, search text.
                session.copy_columns()
                sessions.append(session)
        Session.objects.bulk_create(sessions, batch_size=1000)
        ubnd = {b.area_id: b for b in leaders if b.kind == Body.Kind.PEOPLES_COMMITTEE}
        issues: list[Issue] = []
        for session in sessions:
            assigned = ubnd.get(session.area_id, session.body)
            for order in (1, 2, 3):
                content = f"Ý kiến số {order} về đường, nước, đất sản xuất"
                issue = Issue(
                    session=session,
                    order=order,
                    raised_by=f"Người dân {session.area.name}",
                    content=content,
                )
                if order == 1:
                    issue.status = Issue.Status.ANSWERED
                    issue.answer = "Trả lời tại buổi đối thoại."
                    issue.answered_on = session.held_on
                else:
                    issue.assigned_body = assigned
                    issue.assigned_body_path = assigned.path
                    issue.due_on = session.held_on + dt.timedelta(days=30)
                    if order == 2 and issue.due_on < today:
                        issue.status = Issue.Status.DONE
                        issue.answer = "Đã trả lời bằng văn bản."
                        issue.answered_on = issue.due_on - dt.timedelta(days=2)
                    else:
                        issue.status = Issue.Status.ASSIGNED
                issue.copy_columns()
                issues.append(issue)
        Issue.objects.bulk_create(issues, batch_size=2000)
        receptions: list[Reception] = []
        for body in leaders:
            for n in range(36):
                held = start + dt.timedelta(days=10 * n + rng.randrange(5))
                reception = Reception(
                    body=body,
                    held_on=held,
                    leader_name="Lãnh đạo tiếp dân",
                    leader_title="Chủ tịch" if body.kind == "committee" else "Bí thư",
                    citizens=rng.randrange(0, 12),
                    cases=rng.randrange(0, 5),
                )
                reception.copy_columns()
                receptions.append(reception)
        Reception.objects.bulk_create(receptions, batch_size=2000)
