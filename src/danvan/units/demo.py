"""Demo data: bodies, people and accounts for a few provinces.

The areas are the real official ones; the bodies follow the real structure
(the provincial Party committee, its Ban Dân vận merged with the Ban Tuyên giáo
in 2025, the district committees until 30 June 2025, the new communes' Party
committees); the people are fictional. Dates of local mergers are illustrative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role
from danvan.common.actors import system_actor
from danvan.common.audit import acting_as
from danvan.units import services
from danvan.units.models import Area, Body, ChangeEvent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEMO_PASSWORD = "danvan-demo"
REFORM = services.REFORM_DATE
LAST_DAY = services.LAST_LEGACY_DAY
BOARD_MERGER = dt.date(2025, 3, 1)
D = dt.date


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    unit: str
    role: StrOrPromise


def _area(code: str, on: dt.date) -> Area:
    return Area.objects.resolve(code, on)


def _body(actor: User, **fields: Any) -> Body:
    return services.create_body(actor=actor, **fields)


def _province_bodies(
    province: Area, name: str, since: dt.date | None
) -> dict[str, Body]:
    """A province's Party committee, its boards, Front and UBND from ``since``."""
    kind = Body.Kind
    committee = _body(
        system_actor(),
        name=f"Tỉnh ủy {name}",
        kind=kind.PARTY_COMMITTEE,
        area=province,
        abbreviation="TU",
        valid_from=since,
    )
    bodies = {"committee": committee}
    if since is None:
        bodies["dv"] = _body(
            system_actor(),
            name=f"Ban Dân vận Tỉnh ủy {name}",
            kind=kind.PARTY_BOARD,
            area=province,
            parent=committee,
            abbreviation="BDVTU",
        )
        bodies["tg"] = _body(
            system_actor(),
            name=f"Ban Tuyên giáo Tỉnh ủy {name}",
            kind=kind.PARTY_BOARD,
            area=province,
            parent=committee,
            abbreviation="BTGTU",
        )
    bodies["tgdv"] = _body(
        system_actor(),
        name=f"Ban Tuyên giáo và Dân vận Tỉnh ủy {name}",
        kind=kind.PARTY_BOARD,
        area=province,
        parent=committee,
        abbreviation="BTGDVTU",
        valid_from=since or BOARD_MERGER,
    )
    if since is None:
        services.record_body_change(
            actor=system_actor(),
            kind=ChangeEvent.Kind.MERGE,
            date=BOARD_MERGER,
            predecessors=[bodies["dv"], bodies["tg"]],
            successors=[bodies["tgdv"]],
            legal_basis="Hợp nhất Ban Tuyên giáo và Ban Dân vận (dữ liệu minh họa)",
        )
    bodies["front"] = _body(
        system_actor(),
        name=f"Ủy ban MTTQ Việt Nam tỉnh {name}",
        kind=kind.FRONT,
        area=province,
        valid_from=since,
    )
    bodies["ubnd"] = _body(
        system_actor(),
        name=f"Ủy ban nhân dân tỉnh {name}",
        kind=kind.PEOPLES_COMMITTEE,
        area=province,
        abbreviation="UBND",
        valid_from=since,
    )
    return bodies


def _end(bodies: dict[str, Body], on: dt.date) -> None:
    for body in bodies.values():
        if body.valid_to is None:
            body.valid_to = on
            body.save(update_fields=["valid_to"])


def _merge(old: list[dict[str, Body]], new: dict[str, Body], key: str) -> None:
    services.record_body_change(
        actor=system_actor(),
        kind=ChangeEvent.Kind.MERGE,
        date=REFORM,
        predecessors=[b[key] for b in old],
        successors=[new[key]],
        legal_basis="Nghị quyết số 202/2025/QH15 của Quốc hội",
    )


def _commune_bodies(commune: Area, since: dt.date | None) -> dict[str, Body]:
    kind = Body.Kind
    label = f"{Area.PREFIX[Area.Kind(commune.kind)].lower()} {commune.name}"
    committee = _body(
        system_actor(),
        name=f"Đảng ủy {label}",
        kind=kind.PARTY_COMMITTEE,
        area=commune,
        abbreviation="ĐU",
        valid_from=since,
    )
    front = _body(
        system_actor(),
        name=f"Ủy ban MTTQ Việt Nam {label}",
        kind=kind.FRONT,
        area=commune,
        valid_from=since,
    )
    ubnd = _body(
        system_actor(),
        name=f"Ủy ban nhân dân {label}",
        kind=kind.PEOPLES_COMMITTEE,
        area=commune,
        abbreviation="UBND",
        valid_from=since,
    )
    return {"committee": committee, "front": front, "ubnd": ubnd}


def _account(
    username: str, full_name: str, unit: Area | Body, role: Role
) -> DemoAccount:
    first, _, last = full_name.rpartition(" ")
    user = User.objects.create_user(
        username=username, password=DEMO_PASSWORD, first_name=last, last_name=first
    )
    if isinstance(unit, Area):
        Membership.objects.create(user=user, area=unit, role=role)
    else:
        Membership.objects.create(user=user, body=unit, role=role)
    return DemoAccount(username, full_name, str(unit), role.label)


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts as they are in the database."""
    result = []
    users = User.objects.filter(username__in=ACCOUNT_NAMES).prefetch_related(
        "memberships__area", "memberships__body"
    )
    for user in sorted(users, key=lambda u: ACCOUNT_NAMES.index(u.username)):
        for m in user.memberships.all():
            result.append(
                DemoAccount(
                    user.username,
                    f"{user.last_name} {user.first_name}".strip(),
                    str(m.unit),
                    str(m.get_role_display()),
                )
            )
        if user.is_superuser:
            result.append(DemoAccount(user.username, "", "—", "superuser"))
    return result


ACCOUNT_NAMES = [
    "admin",
    "tinh.laocai",
    "bdv.laocai",
    "xa.tramtau",
    "duyet.tramtau",
    "thon.tramtau",
    "xa.hanhphuc",
    "tinh.ninhbinh",
]


@transaction.atomic
def load_demo() -> bool:
    """Create the demo bodies, people and accounts once; False if already there."""
    if User.objects.filter(username="tinh.laocai").exists():
        return False
    # Rows written outside a service (the accounts) are the system's too.
    with acting_as(system_actor()):
        _load()
    return True


def _load() -> None:
    services.load_official_areas()
    on_old, on_new = D(2024, 1, 1), REFORM

    # Lào Cai: legacy Lào Cai (10) and Yên Bái (15) merged into Lào Cai (15).
    old_laocai, yenbai = _area("10", on_old), _area("15", on_old)
    laocai = _area("15", on_new)
    b_old_laocai = _province_bodies(old_laocai, "Lào Cai", None)
    b_yenbai = _province_bodies(yenbai, "Yên Bái", None)
    _end(b_old_laocai, LAST_DAY)
    _end(b_yenbai, LAST_DAY)
    b_laocai = _province_bodies(laocai, "Lào Cai", REFORM)
    for key in ("committee", "tgdv", "front", "ubnd"):
        _merge([b_old_laocai, b_yenbai], b_laocai, key)

    # The former district of Trạm Tấu (Yên Bái) and its Ban Dân vận.
    tram_tau_district = _area("139", on_old)
    hu = _body(
        system_actor(),
        name="Huyện ủy Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tram_tau_district,
        parent=b_yenbai["committee"],
        abbreviation="HU",
        valid_to=LAST_DAY,
    )
    bdv_hu = _body(
        system_actor(),
        name="Ban Dân vận Huyện ủy Trạm Tấu",
        kind=Body.Kind.PARTY_BOARD,
        area=tram_tau_district,
        parent=hu,
        abbreviation="BDVHU",
        valid_to=LAST_DAY,
    )
    # Sa Pa (Lào Cai): the town's Party committee until 30 June 2025.
    sapa = _area("088", on_old)
    _body(
        system_actor(),
        name="Thị ủy Sa Pa",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=sapa,
        parent=b_old_laocai["committee"],
        abbreviation="TU",
        valid_to=LAST_DAY,
    )

    # New communes: xã Trạm Tấu (04591) and its sibling xã Hạnh Phúc.
    tram_tau = _area("04591", on_new)
    hanh_phuc = _area("04585", on_new)  # the code of the former thị trấn Trạm Tấu
    b_tram_tau = _commune_bodies(tram_tau, REFORM)
    b_hanh_phuc = _commune_bodies(hanh_phuc, REFORM)
    services.record_body_change(
        actor=system_actor(),
        kind=ChangeEvent.Kind.ABOLISH,
        date=REFORM,
        predecessors=[hu],
        successors=[b_tram_tau["committee"], b_hanh_phuc["committee"]],
        legal_basis="Kết thúc hoạt động của đảng bộ cấp huyện từ 01/7/2025",
    )
    village = services.create_village(
        actor=system_actor(), commune=tram_tau, name="Trung Tâm"
    )
    services.create_village(
        actor=system_actor(), commune=tram_tau, name="Mới", kind=Area.Kind.HAMLET
    )

    # Ninh Bình: legacy Ninh Bình, Hà Nam, Nam Định merged into Ninh Bình (37).
    legacy_nb = [_area(code, on_old) for code in ("37", "35", "36")]
    names = ["Ninh Bình", "Hà Nam", "Nam Định"]
    b_legacy_nb = [
        _province_bodies(a, n, None) for a, n in zip(legacy_nb, names, strict=True)
    ]
    for bodies in b_legacy_nb:
        _end(bodies, LAST_DAY)
    ninh_binh = _area("37", on_new)
    b_ninh_binh = _province_bodies(ninh_binh, "Ninh Bình", REFORM)
    for key in ("committee", "tgdv", "front", "ubnd"):
        _merge(b_legacy_nb, b_ninh_binh, key)
    kim_son = _area("376", on_old)
    hu_kim_son = _body(
        system_actor(),
        name="Huyện ủy Kim Sơn",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=kim_son,
        parent=b_legacy_nb[0]["committee"],
        abbreviation="HU",
        valid_to=LAST_DAY,
    )

    # Fictional people: (area, name, details, [(body, title, from, to)]).
    people: list[
        tuple[
            Area, str, dict[str, Any], list[tuple[Body, str, dt.date, dt.date | None]]
        ]
    ] = [
        (
            yenbai,
            "Nguyễn Văn Minh",
            {"gender": "m", "birth_year": 1972},
            [
                (
                    bdv_hu,
                    "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy",
                    D(2020, 10, 1),
                    LAST_DAY,
                ),
                (
                    b_tram_tau["committee"],
                    "Phó Bí thư Thường trực Đảng ủy xã",
                    REFORM,
                    None,
                ),
            ],
        ),
        (
            laocai,
            "Lò Thị Hoa",
            {"gender": "f", "birth_year": 1978, "ethnicity": "Thái"},
            [
                (
                    b_yenbai["dv"],
                    "Phó Trưởng Ban Dân vận Tỉnh ủy",
                    D(2021, 3, 1),
                    D(2025, 2, 28),
                ),
                (
                    b_laocai["tgdv"],
                    "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
                    REFORM,
                    None,
                ),
            ],
        ),
        (
            tram_tau,
            "Giàng A Sử",
            {"gender": "m", "birth_year": 1985, "ethnicity": "Mông"},
            [(b_tram_tau["front"], "Chủ tịch Ủy ban MTTQ Việt Nam xã", REFORM, None)],
        ),
        (
            hanh_phuc,
            "Đinh Thị Lan",
            {"gender": "f", "birth_year": 1990, "ethnicity": "Mông"},
            [(b_hanh_phuc["committee"], "Bí thư Đảng ủy xã", REFORM, None)],
        ),
        (
            ninh_binh,
            "Trần Văn Hùng",
            {"gender": "m", "birth_year": 1969},
            [
                (
                    hu_kim_son,
                    "Phó Bí thư Thường trực Huyện ủy",
                    D(2020, 9, 1),
                    LAST_DAY,
                ),
                (
                    b_ninh_binh["tgdv"],
                    "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
                    REFORM,
                    None,
                ),
            ],
        ),
    ]
    for area, name, details, positions in people:
        person = services.create_person(
            actor=system_actor(), full_name=name, area=area, **details
        )
        for body, title, start, end in positions:
            services.appoint(
                actor=system_actor(),
                person=person,
                body=body,
                title=title,
                valid_from=start,
                valid_to=end,
            )

    # Accounts.
    User.objects.create_superuser(username="admin", password=DEMO_PASSWORD, email="")
    role = Membership.Role
    _account("tinh.laocai", "Phạm Quốc Bảo", laocai, role.APPROVER)
    _account("bdv.laocai", "Vũ Thu Trang", b_laocai["tgdv"], role.EDITOR)
    _account("xa.tramtau", "Giàng Thị Dua", tram_tau, role.EDITOR)
    # Approves xã Trạm Tấu's own papers (its periodic reports).
    _account("duyet.tramtau", "Vàng Văn Duyệt", tram_tau, role.APPROVER)
    _account("thon.tramtau", "Sùng A Páo", village, role.VIEWER)
    _account("xa.hanhphuc", "Hờ A Chu", hanh_phuc, role.EDITOR)
    _account("tinh.ninhbinh", "Đỗ Minh Châu", ninh_binh, role.APPROVER)
