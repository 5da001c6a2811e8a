"""The default outline of a periodic report (domain guide §5).

(1) tình hình Nhân dân; (2) kết quả, by actor: cấp ủy; chính quyền; Mặt trận
và các đoàn thể; lực lượng vũ trang; công tác dân tộc, tôn giáo; "Dân vận
khéo"; dân chủ ở cơ sở; (3) hạn chế, nguyên nhân; (4) phương hướng, nhiệm vụ;
(5) đề xuất, kiến nghị; the annex tables follow the text (``Report.annex``).

"Tình hình Nhân dân" is written from the people's apps' registers first
(``Source.PEOPLE``: the situation by topic, hot spots, dialogues, petitions),
then the facts confirmed in texts and the figures the forms report.

Each section says what the system writes into it (``fills``), whose documents
and meetings count there (``body_kinds``) and which indicators it quotes.
The titles are the papers' own words: Vietnamese whatever the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from danvan.reports.models import Source

PARTY = ["party_committee", "party_board"]
STATE = ["council", "committee", "agency", "public_service"]
FRONT = ["front", "mass_org"]
ARMED = ["police", "military"]


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    level: int = 1
    fills: list[str] = field(default_factory=list)
    body_kinds: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    guidance: str = ""


DEFAULT_OUTLINE: tuple[Part, ...] = (
    Part(
        "situation",
        "Tình hình Nhân dân",
        fills=[Source.PEOPLE, Source.FACTS, Source.FIGURES],
        indicators=[
            "TINH_HINH_ON_DINH",
            "DIEM_NONG",
            "DIEM_NONG_GIAI_QUYET",
            "KHIEU_KIEN_DONG_NGUOI",
            "DON_NHAN",
            "DON_GIAI_QUYET",
        ],
        guidance="Tư tưởng, tâm trạng Nhân dân; những vấn đề nổi lên trong kỳ.",
    ),
    Part(
        "results",
        "Kết quả thực hiện công tác dân vận",
        fills=[Source.TARGETS, Source.TASKS, Source.SUBUNITS],
        indicators=["CHI_TIEU_KE_HOACH", "CHI_TIEU_DAT", "NHIEM_VU_HOAN_THANH"],
    ),
    Part(
        "committee",
        "Công tác lãnh đạo, chỉ đạo của cấp ủy",
        level=2,
        fills=[Source.DOCUMENTS, Source.MEETINGS, Source.FIGURES],
        body_kinds=PARTY,
        indicators=[
            "VAN_BAN_CHI_DAO",
            "HOI_NGHI_GIAO_BAN",
            "TUYEN_TRUYEN_BUOI",
            "TUYEN_TRUYEN_LUOT",
            "TAP_HUAN_LOP",
            "TAP_HUAN_LUOT",
        ],
    ),
    Part(
        "government",
        "Công tác dân vận của chính quyền",
        level=2,
        fills=[Source.DOCUMENTS, Source.MEETINGS, Source.FIGURES],
        body_kinds=STATE,
        indicators=[
            "DT_SO_CUOC",
            "DT_NGUOI_DU",
            "DT_Y_KIEN",
            "DT_Y_KIEN_TRA_LOI",
            "TCD_NGAY",
            "TCD_LUOT",
            "DON_THUOC_THAM_QUYEN",
            "DON_TL_GIAI_QUYET",
        ],
    ),
    Part(
        "front",
        "Hoạt động của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
        level=2,
        fills=[Source.DOCUMENTS, Source.MEETINGS, Source.FIGURES],
        body_kinds=FRONT,
        indicators=[
            "TIEN_HUY_DONG",
            "NGAY_CONG",
            "DAT_HIEN",
            "HO_DUOC_HO_TRO",
            "NHA_DAI_DOAN_KET",
            "HO_THOAT_NGHEO",
            "DUONG_BE_TONG",
            "SUAT_QUA",
            "DON_VI_THAM_HOI",
            "GIAM_SAT_CUOC",
            "PHAN_BIEN_CUOC",
            "GOP_Y_XAY_DUNG_DANG",
        ],
    ),
    Part(
        "armed",
        "Công tác dân vận của lực lượng vũ trang",
        level=2,
        fills=[Source.DOCUMENTS, Source.MEETINGS],
        body_kinds=ARMED,
    ),
    Part(
        "ethnic",
        "Công tác dân tộc, tôn giáo",
        level=2,
        fills=[Source.FIGURES],
        indicators=[
            "VU_VIEC_PHUC_TAP",
            "TAO_HON",
            "HON_NHAN_CAN_HUYET",
            "DI_CU_TU_DO",
            "XUAT_CANH_TRAI_PHEP",
            "HO_THEO_DAO_LA",
        ],
    ),
    Part(
        "dvk",
        "Phong trào thi đua “Dân vận khéo”",
        level=2,
        fills=[Source.DVK, Source.FIGURES],
        indicators=[
            "DVK_MH_DANG_KY",
            "DVK_MH_HIEU_QUA",
            "DVK_MH_CONG_NHAN",
            "DVK_MH_TIEU_BIEU",
            "DVK_DIEN_HINH",
            "DVK_MH_NHAN_RONG",
            "DVK_KHEN_THUONG",
        ],
    ),
    Part(
        "democracy",
        "Thực hiện dân chủ ở cơ sở",
        level=2,
        fills=[Source.FIGURES],
        indicators=["QCDC_XEP_LOAI_TOT", "HUONG_UOC"],
    ),
    Part(
        "shortcomings",
        "Hạn chế, khuyết điểm và nguyên nhân",
        fills=[Source.SHORTCOMINGS],
        guidance="Hạn chế; nguyên nhân khách quan, chủ quan; bài học kinh nghiệm.",
    ),
    Part(
        "directions",
        "Phương hướng, nhiệm vụ thời gian tới",
        fills=[Source.DIRECTIONS],
    ),
    Part("proposals", "Đề xuất, kiến nghị"),
)
