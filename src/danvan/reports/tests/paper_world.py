"""Reports for the paper's tests, written with the ORM: a commune's Party
committee (with its term, so that it numbers), the province's, a commune's
People's Committee; a report of quarter I/2026 with sections and an annex."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from danvan.common.actors import system_actor
from danvan.datasets.models import Period
from danvan.documents import services as documents
from danvan.reports import paper
from danvan.reports.models import Report, ReportSection, ReportType
from danvan.units import services as units
from danvan.units.models import Area, Body

D = dt.date

SECTIONS = [
    ("situation", "Tình hình Nhân dân", 1),
    ("results", "Kết quả thực hiện công tác dân vận", 1),
    ("committee", "Công tác lãnh đạo, chỉ đạo của cấp ủy", 2),
    ("government", "Công tác dân vận của chính quyền", 2),
    ("dvk", "Phong trào thi đua “Dân vận khéo”", 2),
    ("shortcomings", "Hạn chế, khuyết điểm và nguyên nhân", 1),
    ("directions", "Phương hướng, nhiệm vụ thời gian tới", 1),
    ("proposals", "Đề xuất, kiến nghị", 1),
]

TEXTS = {
    "situation": (
        "<p>Tình hình Nhân dân trên địa bàn xã <strong>cơ bản ổn định</strong>; "
        "Nhân dân <em>tin tưởng</em> vào sự lãnh đạo của Đảng.</p>"
    ),
    "committee": (
        '<p>Ban hành <a href="/documents/?kind=ke_hoach" data-figure="documents.'
        'issued">12 văn bản</a>, trong đó:</p>'
        "<ul><li>3 kế hoạch;</li><li>2 hướng dẫn"
        "<ul><li>Hướng dẫn số 05-HD/ĐU</li></ul></li></ul>"
    ),
    "government": (
        "<ol><li>Tổ chức 4 cuộc đối thoại;</li><li>Tiếp 20 lượt công dân.</li></ol>"
        "<p>Dòng một<br>dòng hai</p>"
    ),
    "shortcomings": "<p>Còn 1 chỉ tiêu chưa đạt.</p>",
}

ANNEX = [
    {
        "title": "Kết quả công tác dân vận",
        "columns": ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
        "rows": [
            [1, "Tiền huy động", "đồng", 15000000],
            [2, {"text": "Mô hình đăng ký", "href": "/initiatives/"}, "mô hình", 12],
            [3, "=SUM(A1:A2)", "tỷ lệ", 1.5],
        ],
        "note": "Số liệu đến ngày 15/3/2026.",
    }
]


def _body(name, area, kind, code):
    return units.create_body(
        actor=system_actor(), name=name, kind=kind, area=area, abbreviation=code
    )


def bodies_of(tree: dict[str, Area]) -> dict[str, Body]:
    commune = _body(
        "Đảng ủy xã Trạm Tấu", tree["commune"], Body.Kind.PARTY_COMMITTEE, "ĐU"
    )
    documents.add_term(
        actor=system_actor(),
        body=commune,
        name="Nhiệm kỳ 2025-2030",
        starts_on=D(2025, 7, 1),
    )
    province = _body(
        "Tỉnh ủy Lào Cai", tree["province"], Body.Kind.PARTY_COMMITTEE, "TU"
    )
    return {
        "province": province,
        "board": units.create_body(
            actor=system_actor(),
            name="Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
            kind=Body.Kind.PARTY_BOARD,
            area=tree["province"],
            abbreviation="BTGDVTU",
            parent=province,
        ),
        "commune": commune,
        "ubnd": _body(
            "Ủy ban nhân dân xã Trạm Tấu",
            tree["commune"],
            Body.Kind.PEOPLES_COMMITTEE,
            "UBND",
        ),
    }


def make_report(
    body: Body,
    owner: Body,
    *,
    layout: str = "",
    texts: dict[str, str] | None = None,
    annex: Sequence[object] | None = None,
    sections=SECTIONS,
    **fields,
) -> Report:
    """A report of quarter I/2026 written with the ORM (sections and annex)."""
    kind, _new = ReportType.objects.get_or_create(
        code=f"bc-quy-{body.pk}",
        defaults={
            "name": "Báo cáo công tác dân vận quý",
            "period_type": "quarter",
            "owner_body": owner,
            "area": owner.area,
            "reporter_level": "commune",
            "reporter_kinds": [body.kind],
            "layout": layout,
            "recipients": "Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c),\nCác chi bộ,",
        },
    )
    report = Report(
        report_type=kind,
        period=Period.objects.of("quarter", 2026, 1),
        body=body,
        title="Kết quả thực hiện công tác dân vận quý I năm 2026",
        due_on=D(2026, 3, 20),
        span_start=D(2025, 12, 16),
        span_end=D(2026, 3, 15),
        annex=ANNEX if annex is None else list(annex),
        **fields,
    )
    report.save()
    texts = TEXTS if texts is None else texts
    ReportSection.objects.bulk_create(
        ReportSection(
            report=report,
            key=key,
            title=title,
            level=level,
            order=order,
            text=texts.get(key, ""),
        )
        for order, (key, title, level) in enumerate(sections)
    )
    return report


ISSUED = D(2026, 4, 5)


def approve(report: Report, issued_on: dt.date = ISSUED) -> Report:
    """Number the report as the workflow does, and keep its DOCX."""
    document = documents.issue_document(
        actor=system_actor(),
        body=report.body,
        kind="Báo cáo",
        title=report.title,
        issued_on=issued_on,
        area=report.area,
    )
    report.document = document
    report.reference = document.reference
    report.issued_on = issued_on
    report.status = Report.Status.APPROVED
    report.signer_name = "Nguyễn Văn Minh"
    report.signer_title = "PHÓ BÍ THƯ"
    report.save()
    documents.attach_bytes(
        actor=system_actor(),
        document=document,
        name="bao-cao.docx",
        content=paper.render_docx(report),
    )
    return report
