"""The seeded catalogue of indicators: the figures the dev articles and the
domain guide quote (models of "Dân vận khéo" registered and effective,
dialogues and opinions, petitions received and settled, hot spots, meetings,
people reached, money mobilised, working days, households supported…), with
two breakdowns (giới tính: nam/nữ; dân tộc thiểu số: DTTS/khác).

Codes are stable: validation rules, spreadsheets and the API name them.
Administrators add more from the pages.
"""

from django.db import migrations

from danvan.common.text import fold

BREAKDOWNS = [
    ("gioi-tinh", "Giới tính", [("nam", "Nam"), ("nu", "Nữ")]),
    (
        "dan-toc",
        "Dân tộc thiểu số",
        [("dtts", "Dân tộc thiểu số"), ("khac", "Dân tộc khác")],
    ),
]

I, N, P, B, T = "integer", "number", "percent", "boolean", "text"
SUM, AVG, LAST = "sum", "average", "last"

# code, name, value type, unit, aggregation, breakdown, description
INDICATORS = [
    # "Dân vận khéo" (domain guide §3; dev articles 002, 003)
    ("DVK_MH_DANG_KY", "Số mô hình “Dân vận khéo” đăng ký mới", I, "mô hình", SUM, None, "Mô hình đăng ký trong kỳ (Yên Bái 2021: 2.943 mô hình mới)."),
    ("DVK_MH_HIEU_QUA", "Số mô hình “Dân vận khéo” hiệu quả", I, "mô hình", SUM, None, "Không quá số mô hình đăng ký (Bà Rịa - Vũng Tàu 2021: 2.071 đăng ký, 1.808 hiệu quả)."),
    ("DVK_MH_CONG_NHAN", "Số mô hình “Dân vận khéo” được công nhận", I, "mô hình", SUM, None, ""),
    ("DVK_MH_TIEU_BIEU", "Số mô hình “Dân vận khéo” tiêu biểu", I, "mô hình", SUM, None, ""),
    ("DVK_DIEN_HINH", "Số điển hình “Dân vận khéo” (tập thể, cá nhân)", I, "điển hình", SUM, None, "Chợ Đồn 2022: 69 tập thể và 54 cá nhân."),
    ("DVK_MH_NHAN_RONG", "Số mô hình “Dân vận khéo” được nhân rộng", I, "mô hình", SUM, None, ""),
    ("DVK_MH_LUY_KE", "Số mô hình “Dân vận khéo” lũy kế từ năm 2009", I, "mô hình", LAST, None, "Số cuối kỳ, không cộng dồn theo kỳ (Thái Nguyên: 6.496)."),
    ("DVK_KHEN_THUONG", "Số tập thể, cá nhân được khen thưởng trong phong trào “Dân vận khéo”", I, "lượt", SUM, None, ""),
    ("DVK_TL_XA_CO_MH", "Tỷ lệ xã, phường có mô hình “Dân vận khéo”", P, "%", AVG, None, ""),
    ("DVK_DON_VI_10_MH", "Số đơn vị có ít nhất 10 mô hình hiệu quả", I, "đơn vị", SUM, None, "“9/9 huyện có ít nhất 10 mô hình hiệu quả” (dev article 002)."),
    ("DVK_THON_CO_MH", "Số thôn, tổ dân phố có mô hình “Dân vận khéo”", I, "thôn", SUM, None, ""),
    ("DVK_TL_CB_THAM_GIA", "Tỷ lệ cán bộ, đảng viên tham gia phong trào “Dân vận khéo”", P, "%", AVG, None, ""),
    # Dialogues and reception (domain guide §6; dev article 004)
    ("DT_SO_CUOC", "Số cuộc tiếp xúc, đối thoại trực tiếp với Nhân dân", I, "cuộc", SUM, None, "Quy định 11-QĐi/TW: người đứng đầu cấp ủy đối thoại trực tiếp với Nhân dân."),
    ("DT_NGUOI_DU", "Số người dự tiếp xúc, đối thoại", I, "người", SUM, "gioi-tinh", ""),
    ("DT_Y_KIEN", "Số ý kiến, kiến nghị của Nhân dân nêu tại đối thoại", I, "ý kiến", SUM, None, ""),
    ("DT_Y_KIEN_TRA_LOI", "Số ý kiến, kiến nghị được trả lời, giải quyết", I, "ý kiến", SUM, None, ""),
    ("TCD_NGAY", "Số ngày tiếp công dân của người đứng đầu cấp ủy", I, "ngày", SUM, None, "Xã: ít nhất 2 ngày mỗi tháng (Quy định 11-QĐi/TW)."),
    ("TCD_LUOT", "Số lượt công dân được tiếp", I, "lượt", SUM, "dan-toc", ""),
    # Petitions (domain guide §6)
    ("DON_NHAN", "Số đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận", I, "đơn", SUM, None, ""),
    ("DON_THUOC_THAM_QUYEN", "Số đơn thuộc thẩm quyền giải quyết", I, "đơn", SUM, None, ""),
    ("DON_GIAI_QUYET", "Số đơn thuộc thẩm quyền đã giải quyết", I, "đơn", SUM, None, ""),
    ("DON_TL_GIAI_QUYET", "Tỷ lệ đơn thuộc thẩm quyền đã giải quyết", P, "%", AVG, None, ""),
    ("KHIEU_KIEN_DONG_NGUOI", "Số vụ khiếu kiện đông người", I, "vụ", SUM, None, ""),
    # People's situation, hot spots (domain guide §6)
    ("DIEM_NONG", "Số điểm nóng phát sinh", I, "điểm", SUM, None, "Xung đột gay gắt, đông người hoặc bạo lực."),
    ("DIEM_NONG_GIAI_QUYET", "Số điểm nóng đã giải quyết dứt điểm", I, "điểm", SUM, None, ""),
    ("VU_VIEC_PHUC_TAP", "Số vụ việc phức tạp về dân tộc, tôn giáo, đất đai", I, "vụ", SUM, None, ""),
    ("TAO_HON", "Số trường hợp tảo hôn", I, "trường hợp", SUM, "dan-toc", ""),
    ("HON_NHAN_CAN_HUYET", "Số trường hợp hôn nhân cận huyết thống", I, "trường hợp", SUM, None, ""),
    ("DI_CU_TU_DO", "Số hộ di cư tự do", I, "hộ", SUM, None, ""),
    ("XUAT_CANH_TRAI_PHEP", "Số người xuất cảnh trái phép", I, "người", SUM, None, ""),
    ("HO_THEO_DAO_LA", "Số hộ theo “đạo lạ”", I, "hộ", LAST, None, "Giê Sùa, Bà Cô Dợ…: số hộ cuối kỳ."),
    ("TINH_HINH_ON_DINH", "Tình hình Nhân dân cơ bản ổn định", B, "", LAST, None, ""),
    # Meetings, propaganda, training (dev articles 001, 003, 004)
    ("HOI_NGHI_GIAO_BAN", "Số hội nghị, giao ban công tác dân vận", I, "cuộc", SUM, None, ""),
    ("TUYEN_TRUYEN_BUOI", "Số buổi tuyên truyền, vận động Nhân dân", I, "buổi", SUM, None, ""),
    ("TUYEN_TRUYEN_LUOT", "Số lượt người được tuyên truyền, vận động", I, "lượt người", SUM, "gioi-tinh", ""),
    ("TAP_HUAN_LOP", "Số lớp tập huấn, bồi dưỡng công tác dân vận", I, "lớp", SUM, None, ""),
    ("TAP_HUAN_LUOT", "Số lượt cán bộ được tập huấn, bồi dưỡng", I, "lượt người", SUM, "gioi-tinh", ""),
    ("VAN_BAN_CHI_DAO", "Số văn bản lãnh đạo, chỉ đạo về công tác dân vận ban hành", I, "văn bản", SUM, None, ""),
    ("THON_KHO_KHAN_PHOI_HOP", "Số thôn đặc biệt khó khăn có hoạt động dân vận phối hợp", I, "thôn", SUM, None, "Sa Pa quý I/2021: 5 thôn."),
    # Mobilisation (dev article 004; domain guide §3)
    ("TIEN_HUY_DONG", "Số tiền vận động, huy động được", N, "đồng", SUM, None, "Sa Pa quý I/2021: 178 triệu đồng thăm hỏi, chúc Tết."),
    ("NGAY_CONG", "Số ngày công Nhân dân đóng góp", I, "ngày công", SUM, None, ""),
    ("DAT_HIEN", "Diện tích đất Nhân dân hiến", N, "m²", SUM, None, ""),
    ("HO_DUOC_HO_TRO", "Số hộ được hỗ trợ", I, "hộ", SUM, "dan-toc", ""),
    ("NHA_DAI_DOAN_KET", "Số nhà Đại đoàn kết được xây mới, sửa chữa", I, "nhà", SUM, None, ""),
    ("HO_THOAT_NGHEO", "Số hộ thoát nghèo", I, "hộ", SUM, "dan-toc", ""),
    ("DUONG_BE_TONG", "Chiều dài đường giao thông nông thôn được bê tông hóa", N, "km", SUM, None, ""),
    ("SUAT_QUA", "Số suất quà trao tặng", I, "suất", SUM, None, ""),
    ("DON_VI_THAM_HOI", "Số đơn vị, hộ gia đình được thăm hỏi, chúc Tết", I, "đơn vị", SUM, None, "Sa Pa quý I/2021: 18 đơn vị trực Tết."),
    # Grassroots democracy, supervision, critique (domain guide §7)
    ("GIAM_SAT_CUOC", "Số cuộc giám sát theo Quyết định 217-QĐ/TW", I, "cuộc", SUM, None, ""),
    ("PHAN_BIEN_CUOC", "Số cuộc phản biện xã hội", I, "cuộc", SUM, None, ""),
    ("GOP_Y_XAY_DUNG_DANG", "Số ý kiến góp ý xây dựng Đảng, chính quyền (Quyết định 218-QĐ/TW)", I, "ý kiến", SUM, None, ""),
    ("QCDC_XEP_LOAI_TOT", "Số đơn vị thực hiện dân chủ ở cơ sở xếp loại tốt", I, "đơn vị", SUM, None, ""),
    ("HUONG_UOC", "Số hương ước, quy ước được rà soát, bổ sung", I, "bản", SUM, None, ""),
    # Plans (domain guide §4; dev article 000)
    ("CHI_TIEU_KE_HOACH", "Số chỉ tiêu của kế hoạch", I, "chỉ tiêu", SUM, None, "Kế hoạch 106-KH/HU: 31 chỉ tiêu kinh tế - xã hội."),
    ("CHI_TIEU_DAT", "Số chỉ tiêu đạt và vượt", I, "chỉ tiêu", SUM, None, "“Hoàn thành 10/11 chỉ tiêu”."),
    ("TL_CHI_TIEU_DAT", "Tỷ lệ chỉ tiêu đạt và vượt kế hoạch", P, "%", AVG, None, ""),
    ("NHIEM_VU_HOAN_THANH", "Số nhiệm vụ hoàn thành", I, "nhiệm vụ", SUM, None, ""),
    ("DE_XUAT_KIEN_NGHI", "Đề xuất, kiến nghị", T, "", LAST, None, ""),
]


def seed(apps, schema_editor):
    Breakdown = apps.get_model("datasets", "Breakdown")
    Option = apps.get_model("datasets", "BreakdownOption")
    Indicator = apps.get_model("datasets", "Indicator")
    breakdowns = {}
    for code, name, options in BREAKDOWNS:
        breakdown, _created = Breakdown.objects.get_or_create(
            code=code, defaults={"name": name}
        )
        breakdowns[code] = breakdown
        for order, (option, label) in enumerate(options, start=1):
            Option.objects.get_or_create(
                breakdown=breakdown,
                code=option,
                defaults={"name": label, "order": order},
            )
    for code, name, kind, unit, aggregation, breakdown, description in INDICATORS:
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "value_type": kind,
                "unit": unit,
                "aggregation": aggregation,
                "breakdown": breakdowns[breakdown] if breakdown else None,
                "description": description,
                "search_name": fold(f"{name} {code}"),
            },
        )


def unseed(apps, schema_editor):
    Breakdown = apps.get_model("datasets", "Breakdown")
    Indicator = apps.get_model("datasets", "Indicator")
    Indicator.objects.filter(code__in=[row[0] for row in INDICATORS]).delete()
    Breakdown.objects.filter(code__in=[row[0] for row in BREAKDOWNS]).delete()


class Migration(migrations.Migration):
    dependencies = [("datasets", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
