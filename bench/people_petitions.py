"""The petitions app's share of the page benchmark (``bench/pages.py``).

``ensure(seed)`` writes the app's province-scale rows when the database has
none yet (so a kept register gains them too): 5,000 petitions received by
the Party committees of tỉnh Lào Cai's communes (and the province's) from
2025 to today, each with one or two petitioners, in bulk with the columns
the model's ``save()`` copies (place and body paths, the folded search text),
the rule set in force on receipt and a next deadline (ten days after receipt
for those still waiting, none for those settled). ``PAGES`` names the app's
pages: (name, url(context, user) -> path).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

PETITIONS = 5000
PROVINCE_CODE = "15"

SUBJECTS = [
    ("complaint", "Khiếu nại mức bồi thường đất nương khi mở đường"),
    ("complaint", "Khiếu nại quyết định thu hồi đất làm điểm tái định cư"),
    ("denunciation", "Tố cáo việc chia giống hỗ trợ sản xuất không đúng đối tượng"),
    ("recommendation", "Kiến nghị sửa chữa cầu treo qua suối"),
    ("recommendation", "Kiến nghị kéo điện lưới về bản"),
    ("feedback", "Phản ánh sạt lở taluy đường liên thôn"),
    ("feedback", "Phản ánh tình trạng tảo hôn trong thôn"),
]
NAMES = ["Giàng A", "Sùng A", "Lò Văn", "Vàng Thị", "Hờ A", "Mùa Thị", "Thào A"]
GIVEN = ["Páo", "Chá", "Tủa", "Sua", "Dế", "Mai", "Thào", "Dinh", "Của", "Lử"]


def _url(name: str, *args: Any, query: str = "") -> str:
    from django.urls import reverse

    return reverse(name, args=args) + (f"?{query}" if query else "")


def _petition(user: Any) -> Any:
    from danvan.petitions.models import Petition

    return Petition.objects.visible_to(user).order_by("-received_on", "-pk").first()


PAGES: list[tuple[str, Callable[[dict[str, Any], Any], str]]] = [
    ("petitions", lambda c, u: _url("petitions:list")),
    ("petitions_search", lambda c, u: _url("petitions:list", query="q=boi+thuong")),
    (
        "petitions_filtered",
        lambda c, u: _url(
            "petitions:list", query=f"area={c['area'].pk}&due=overdue&kind=complaint"
        ),
    ),
    ("petitions_due", lambda c, u: _url("petitions:due")),
    (
        "petitions_detail",
        lambda c, u: _url("petitions:petition_detail", _petition(u).pk),
    ),
    ("petitions_rules", lambda c, u: _url("petitions:rule_sets")),
    ("petitions_routing", lambda c, u: _url("petitions:routing_list")),
    ("api_petitions", lambda c, u: _url("petition-list")),
]


def ensure(seed: int) -> None:
    from django.utils import timezone

    from danvan.common.text import fold
    from danvan.petitions.models import OPEN, Petition, Petitioner, RuleSet, Status
    from danvan.units.models import Area, Body

    if Petition.objects.count() >= PETITIONS:
        return
    rng = random.Random(seed)
    today = timezone.localdate()
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
    sets = list(RuleSet.objects.order_by("valid_from"))
    if not sets:
        raise SystemExit("No set of legal deadlines: migrate the petitions app.")

    def rule_set(on: dt.date) -> RuleSet:
        return [s for s in sets if s.valid_from <= on][-1]

    start = dt.date(2025, 1, 2)
    span = (today - start).days
    statuses = [Status.RECEIVED, Status.ACCEPTED, Status.ANSWERED, Status.CLOSED]
    rows = []
    for n in range(PETITIONS - Petition.objects.count()):
        body = rng.choice(bodies)
        received = start + dt.timedelta(days=rng.randrange(span))
        kind, subject = rng.choice(SUBJECTS)
        subject = f"{subject} ({n + 1})"
        content = "Nội dung đơn do cán bộ tiếp dân ghi lại."
        status = rng.choice(statuses)
        if kind in ("recommendation", "feedback") and status == Status.ACCEPTED:
            status = Status.RECEIVED
        rows.append(
            Petition(
                received_on=received,
                kind=kind,
                status=status,
                subject=subject,
                content=content,
                area=body.area,
                received_by=body,
                handling_body=body,
                rule_set=rule_set(received),
                accepted_on=received + dt.timedelta(days=5)
                if status != Status.RECEIVED
                else None,
                next_due_on=received + dt.timedelta(days=10)
                if status in OPEN
                else None,
                area_path=body.area.path,
                handling_body_path=body.path,
                received_body_path=body.path,
                search_text=fold(f"{subject} {content}"),
            )
        )
    Petition.objects.bulk_create(rows, batch_size=1000)
    people = []
    for petition in Petition.objects.filter(petitioners__isnull=True).only("pk"):
        for order in range(rng.choice((1, 1, 2))):
            name = f"{rng.choice(NAMES)} {rng.choice(GIVEN)}"
            people.append(
                Petitioner(
                    petition_id=petition.pk,
                    name=name,
                    name_key=fold(name),
                    id_number=f"0150{rng.randrange(10**8):08d}",
                    address="Thôn Trung Tâm",
                    phone=f"0987{rng.randrange(10**6):06d}",
                    order=order,
                )
            )
    Petitioner.objects.bulk_create(people, batch_size=2000)
    # A bulk write sends no signal: the kept counts (list, due page, home)
    # forget what they held, as ``common.kept`` asks.
    from danvan.petitions.kept import FIGURES

    FIGURES.forget()
