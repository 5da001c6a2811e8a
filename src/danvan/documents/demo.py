"""Demo register: real documents cited in the dev articles, illustrative local ones.

The central documents (217-QĐ/TW, 49-CT/TW, 120-KL/TW, 11-QĐi/TW, 60-NQ/TW,
215-KL/TW) and the provincial and district ones quoted by the dev articles
(09-CT/TU, 22-CT/TU, 40-CT/TU and 18-KH/TU of Lào Cai, 06-CT/TU of Thị ủy Sa Pa,
106-KH/HU of Huyện ủy Trạm Tấu, 911-TB/TU of Ninh Bình and 120-KH/HU of Huyện
ủy Kim Sơn) carry their real number, date and subject. Term dates, the date of
Chương trình hành động 190 and the documents numbered since the 2025 reform
are illustrative. Bodies and areas come from ``danvan.units.demo``.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction

from danvan.accounts.models import User
from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.models import Document
from danvan.units.models import Area, Body, Person

logger = logging.getLogger(__name__)
D = dt.date
BEFORE = D(2024, 1, 1)
AFTER = D(2025, 7, 1)

# (committee name, area code, its validity date, [(term, starts, ends)]).
TERMS: list[tuple[str, str, dt.date, list[tuple[str, dt.date, dt.date | None]]]] = [
    (
        "Tỉnh ủy Lào Cai",
        "10",
        BEFORE,
        [
            ("nhiệm kỳ 2010–2015", D(2010, 10, 1), D(2015, 10, 14)),
            ("nhiệm kỳ 2015–2020", D(2015, 10, 15), D(2020, 10, 15)),
            ("nhiệm kỳ 2020–2025", D(2020, 10, 16), D(2025, 6, 30)),
        ],
    ),
    (
        "Tỉnh ủy Yên Bái",
        "15",
        BEFORE,
        [
            ("nhiệm kỳ 2015–2020", D(2015, 10, 20), D(2020, 10, 15)),
            ("nhiệm kỳ 2020–2025", D(2020, 10, 16), D(2025, 6, 30)),
        ],
    ),
    (
        "Tỉnh ủy Ninh Bình",
        "37",
        BEFORE,
        [
            ("nhiệm kỳ 2015–2020", D(2015, 10, 15), D(2020, 10, 15)),
            ("nhiệm kỳ 2020–2025", D(2020, 10, 16), D(2025, 6, 30)),
        ],
    ),
    (
        "Huyện ủy Trạm Tấu",
        "139",
        BEFORE,
        [
            ("nhiệm kỳ 2015–2020", D(2015, 6, 15), D(2020, 7, 31)),
            ("nhiệm kỳ 2020–2025", D(2020, 8, 1), D(2025, 6, 30)),
        ],
    ),
    (
        "Huyện ủy Kim Sơn",
        "376",
        BEFORE,
        [
            ("nhiệm kỳ 2015–2020", D(2015, 6, 20), D(2020, 7, 31)),
            ("nhiệm kỳ 2020–2025", D(2020, 8, 1), D(2025, 6, 30)),
        ],
    ),
    (
        "Thị ủy Sa Pa",
        "088",
        BEFORE,
        [("nhiệm kỳ 2020–2025", D(2020, 7, 1), D(2025, 6, 30))],
    ),
    (
        "Tỉnh ủy Lào Cai",
        "15",
        AFTER,
        [("nhiệm kỳ 2025–2030", D(2025, 7, 1), None)],
    ),
    (
        "Tỉnh ủy Ninh Bình",
        "37",
        AFTER,
        [("nhiệm kỳ 2025–2030", D(2025, 7, 1), None)],
    ),
    (
        "Đảng ủy xã Trạm Tấu",
        "04591",
        AFTER,
        [("Đảng bộ xã lần thứ I, nhiệm kỳ 2025–2030", D(2025, 7, 1), None)],
    ),
]

BCT, BBT, BCHTW = "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương"

# Central documents, held in each demo province's register.
CENTRAL = [
    (
        "217-QĐ/TW",
        D(2013, 12, 12),
        BCT,
        "Ban hành Quy chế giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt "
        "Nam và các đoàn thể chính trị - xã hội",
        {"kind": "quyet_dinh"},
    ),
    (
        "49-CT/TW",
        D(2015, 10, 20),
        BBT,
        "Về tăng cường và đổi mới công tác dân vận của Đảng ở vùng đồng bào dân "
        "tộc thiểu số",
        {},
    ),
    (
        "120-KL/TW",
        D(2016, 1, 7),
        BCT,
        "Về tiếp tục đẩy mạnh, nâng cao chất lượng, hiệu quả việc xây dựng và thực "
        "hiện quy chế dân chủ ở cơ sở",
        {},
    ),
    (
        "11-QĐi/TW",
        D(2019, 2, 18),
        BCT,
        "Về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại "
        "trực tiếp với dân và xử lý những phản ánh, kiến nghị của dân",
        {},
    ),
    (
        "60-NQ/TW",
        D(2025, 4, 12),
        BCHTW,
        "Nghị quyết Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng khóa XIII",
        {},
    ),
    (
        "215-KL/TW",
        D(2025, 11, 23),
        BCT,
        "Về tiếp dân, đối thoại trực tiếp với dân của người đứng đầu cấp ủy cấp "
        "tỉnh, cấp xã và chế độ báo cáo",
        {},
    ),
]


def _body(name: str, code: str, on: dt.date) -> Body | None:
    return (
        Body.objects.in_force(on)
        .filter(name=name, area__code=code)
        .select_related("area")
        .first()
    )


def _area(code: str, on: dt.date) -> Area:
    return Area.objects.resolve(code, on)


def _user(username: str) -> User:
    """A demo officer; the system actor when the demo users are missing."""
    return User.objects.filter(username=username).first() or system_actor()


def _register(
    actor: User,
    area: Area,
    symbol: str,
    on: dt.date,
    title: str,
    **fields: Any,
) -> Document:
    """Register a document once: an existing copy in ``area`` is returned."""
    existing = Document.objects.filter(area=area, issued_on=on, title=title).first()
    if existing is not None:
        return existing
    return services.register_document(
        actor=actor, area=area, symbol_text=symbol, issued_on=on, title=title, **fields
    )


def _issue(
    actor: User, body: Body, kind: str, on: dt.date, title: str, **fields: Any
) -> Document:
    existing = Document.objects.filter(
        issuer_body=body, issued_on=on, title=title
    ).first()
    if existing is not None:
        return existing
    return services.issue_document(
        actor=actor,
        body=body,
        kind=kind,
        title=title,
        issued_on=on,
        area=body.area,
        **fields,
    )


def _relate(source: Document, target: Document, kind: str) -> None:
    if not source.relations_out.filter(target=target, kind=kind).exists():
        services.relate_documents(
            actor=system_actor(), source=source, target=target, kind=kind
        )


def _review(
    document: Document,
    kind: str,
    years: int | None = None,
    on: dt.date | None = None,
    label: str = "",
) -> None:
    points = document.review_points.filter(kind=kind, after_years=years)
    if on is not None:
        points = points.filter(due_on=on)
    if not points.exists():
        services.add_review_point(
            actor=system_actor(),
            document=document,
            kind=kind,
            after_years=years,
            due_on=on,
            label=label,
        )


def _terms() -> None:
    for name, code, on, terms in TERMS:
        body = _body(name, code, on)
        if body is None:
            continue
        for term, starts, ends in terms:
            if services.term_for(body, starts) is None:
                services.add_term(
                    actor=system_actor(),
                    body=body,
                    name=term,
                    starts_on=starts,
                    ends_on=ends,
                )


def _central(old: Area, new: Area, actor: User) -> dict[str, Document]:
    """The central documents in a province's register: those issued before the
    2025 reform in the former province's, later ones in the new province's."""
    found = {}
    for symbol, on, issuer, title, extra in CENTRAL:
        area = old if on < AFTER else new
        found[symbol] = _register(
            actor, area, symbol, on, title, issuer_name=issuer, **extra
        )
    return found


def _lao_cai() -> None:
    old, new = _area("10", BEFORE), _area("15", AFTER)
    province = _user("tinh.laocai")
    tw = _central(old, new, province)
    tu_old = _body("Tỉnh ủy Lào Cai", "10", BEFORE)
    d09 = _register(
        province,
        old,
        "09-CT/TU",
        D(2011, 4, 19),
        "Về việc ngăn chặn tình trạng di cư tự do trên địa bàn tỉnh Lào Cai",
        issuer_body=tu_old,
        issuer_name="Ban Thường vụ Tỉnh ủy Lào Cai",
    )
    _review(d09, "so_ket", 5)
    _review(d09, "tong_ket", 10)
    d22 = _register(
        province,
        old,
        "22-CT/TU",
        D(2012, 5, 7),
        "Thực hiện cải cách hành chính, nâng cao hiệu lực, hiệu quả hoạt động của các "
        "cơ quan Đảng, chính quyền, MTTQ và các đoàn thể trên địa bàn tỉnh",
        issuer_body=tu_old,
    )
    _review(d22, "tong_ket", 10)
    d40 = _register(
        province,
        old,
        "40-CT/TU",
        D(2014, 3, 28),
        "Tăng cường sự lãnh đạo của Đảng đối với công tác dân tộc trên địa bàn tỉnh "
        "Lào Cai",
        issuer_body=tu_old,
    )
    _review(d40, "tong_ket", 10)
    d18 = _register(
        province,
        old,
        "18-KH/TU",
        D(2016, 3, 4),
        "Tổ chức triển khai Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị "
        "về tiếp tục đẩy mạnh, nâng cao chất lượng, hiệu quả việc xây dựng và thực "
        "hiện quy chế dân chủ ở cơ sở",
        issuer_body=tu_old,
    )
    _relate(d18, tw["120-KL/TW"], "implements")
    _review(d18, "so_ket", 5)
    _review(tw["49-CT/TW"], "so_ket", 5)
    _review(tw["49-CT/TW"], "tong_ket", 10)
    _review(tw["120-KL/TW"], "tong_ket", 10)
    _review(tw["215-KL/TW"], "so_ket", 1)
    _relate(tw["215-KL/TW"], tw["11-QĐi/TW"], "amends")

    sapa = _body("Thị ủy Sa Pa", "088", BEFORE)
    if sapa is not None:
        _register(
            province,
            sapa.area,
            "06-CT/TU",
            D(2021, 1, 20),
            "Về tăng cường phòng, chống dịch Covid-19",
            issuer_body=sapa,
            issuer_name="Ban Thường vụ Thị ủy Sa Pa",
        )

    # Yên Bái: Huyện ủy Trạm Tấu's plan for 2020, under the province's programme.
    yen_bai = _area("15", BEFORE)
    tu_yb = _body("Tỉnh ủy Yên Bái", "15", BEFORE)
    ctr190 = _register(
        province,
        yen_bai,
        "Chương trình hành động 190",
        D(2019, 12, 20),
        "Chương trình hành động thực hiện các chỉ tiêu, nhiệm vụ năm 2020 (ngày ban "
        "hành là giả định: các bài viết chỉ trích số 190)",
        kind="chuong_trinh_hanh_dong",
        issuer_body=tu_yb,
        accept_warning=True,
    )
    hu = _body("Huyện ủy Trạm Tấu", "139", BEFORE)
    if hu is not None:
        k106 = _register(
            province,
            hu.area,
            "106-KH/HU",
            D(2020, 1, 3),
            "Thực hiện Chương trình hành động 190 của Tỉnh ủy Yên Bái về các chỉ tiêu, "
            "nhiệm vụ năm 2020",
            issuer_body=hu,
        )
        _relate(k106, ctr190, "implements")

    # Since the reform: the new province numbers its own documents.
    tu_new = _body("Tỉnh ủy Lào Cai", "15", AFTER)
    board = _body("Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai", "15", AFTER)
    if tu_new is None or board is None:
        return
    hoa = Person.objects.filter(full_name="Lò Thị Hoa").first()
    plan = _issue(
        province,
        tu_new,
        "ke_hoach",
        D(2025, 12, 5),
        "Thực hiện Kết luận số 215-KL/TW ngày 23/11/2025 của Bộ Chính trị về tiếp "
        "dân, đối thoại trực tiếp với dân",
    )
    _relate(plan, tw["215-KL/TW"], "implements")
    _review(plan, "so_ket", on=D(2026, 12, 15), label="Sơ kết 1 năm thực hiện")
    guide = _issue(
        _user("bdv.laocai"),
        board,
        "huong_dan",
        D(2025, 12, 10),
        "Hướng dẫn báo cáo kết quả tiếp dân, đối thoại trực tiếp với dân (tháng, quý "
        "I, 6, 9, 12 tháng)",
        signer_name="Lò Thị Hoa",
    )
    if hoa is not None and guide.signer_id is None:
        guide.signer = hoa
        guide.save(update_fields=["signer"])
    _relate(guide, plan, "implements")

    commune = _body("Đảng ủy xã Trạm Tấu", "04591", AFTER)
    ubnd = _body("Ủy ban nhân dân xã Trạm Tấu", "04591", AFTER)
    if commune is None or ubnd is None:
        return
    xa = _user("xa.tramtau")
    commune_plan = _issue(
        xa,
        commune,
        "ke_hoach",
        D(2025, 12, 22),
        "Thực hiện Kế hoạch của Tỉnh ủy về tiếp dân, đối thoại trực tiếp với dân năm "
        "2026",
        signer_name="Nguyễn Văn Minh",
    )
    _relate(commune_plan, plan, "implements")
    _review(commune_plan, "so_ket", on=D(2026, 6, 30), label="Sơ kết 6 tháng")
    dialogue = _issue(
        xa,
        ubnd,
        "ke_hoach",
        D(2026, 1, 15),
        "Tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026",
    )
    _relate(dialogue, commune_plan, "implements")
    resolution = _issue(
        xa,
        commune,
        "nghi_quyet",
        D(2025, 8, 20),
        "Về công tác dân vận và phát huy vai trò của Nhân dân trong xây dựng nông "
        "thôn mới giai đoạn 2025–2030",
    )
    _review(resolution, "so_ket", on=D(2027, 12, 31), label="Sơ kết giữa nhiệm kỳ")


def _ninh_binh() -> None:
    old, new = _area("37", BEFORE), _area("37", AFTER)
    province = _user("tinh.ninhbinh")
    central = _central(old, new, province)
    tu_old = _body("Tỉnh ủy Ninh Bình", "37", BEFORE)
    tb911 = _register(
        province,
        old,
        "911-TB/TU",
        D(2018, 3, 14),
        "Kết luận của Ban Thường vụ Tỉnh ủy về bố trí, sắp xếp đội ngũ người hoạt "
        "động không chuyên trách ở cấp xã và ở thôn, tổ dân phố",
        issuer_body=tu_old,
        issuer_name="Ban Thường vụ Tỉnh ủy Ninh Bình",
    )
    kim_son = _body("Huyện ủy Kim Sơn", "376", BEFORE)
    if kim_son is not None:
        k120 = _register(
            province,
            kim_son.area,
            "120-KH/HU",
            D(2018, 7, 17),
            "Triển khai thực hiện việc bố trí, sắp xếp đội ngũ hoạt động không chuyên "
            "trách ở cấp xã và ở thôn, xóm, tổ dân phố",
            issuer_body=kim_son,
        )
        _relate(k120, tb911, "implements")
    board = _body("Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình", "37", AFTER)
    if board is not None:
        guide = _issue(
            province,
            board,
            "huong_dan",
            D(2025, 12, 12),
            "Hướng dẫn thực hiện Kết luận số 215-KL/TW của Bộ Chính trị",
        )
        _relate(guide, central["215-KL/TW"], "implements")


@transaction.atomic
def load_demo() -> None:
    """Create the demo register once; nothing when the demo units are missing."""
    if _body("Tỉnh ủy Yên Bái", "15", BEFORE) is None:
        logger.info("No demo units: the documents demo needs danvan.units.demo.")
        return
    _terms()
    _lao_cai()
    _ninh_binh()
