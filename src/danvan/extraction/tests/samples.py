"""Texts written for these tests (fictional people, real places and documents)."""

FORMAL_REPORT = """ĐẢNG BỘ TỈNH LÀO CAI
ĐẢNG ỦY XÃ TRẠM TẤU
*
Số 12-BC/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Trạm Tấu, ngày 25 tháng 9 năm 2025

BÁO CÁO
Kết quả công tác dân vận 9 tháng đầu năm 2025
-----

I. TÌNH HÌNH NHÂN DÂN
Tình hình nhân dân trên địa bàn xã cơ bản ổn định; đồng bào các dân tộc tin tưởng \
vào sự lãnh đạo của Đảng, chính quyền hai cấp vận hành thông suốt từ ngày 01/7/2025.

II. KẾT QUẢ THỰC HIỆN
1. Công tác lãnh đạo, chỉ đạo
Thực hiện Kế hoạch số 05-KH/ĐU ngày 10/7/2025 của Đảng ủy xã và Hướng dẫn số \
12-HD/BTGDVTU ngày 15/8/2025 của Ban Tuyên giáo và Dân vận Tỉnh ủy, Đảng ủy xã đã chỉ \
đạo 14 thôn, bản xây dựng 21 mô hình “Dân vận khéo”, huy động hơn 350 triệu đồng và \
1.200 ngày công. 100% thôn, bản đã tổ chức hội nghị quán triệt; 12/14 thôn hoàn thành \
chỉ tiêu giảm nghèo.
2. Công tác dân vận của chính quyền
Ủy ban nhân dân xã tổ chức 02 cuộc đối thoại với Nhân dân thôn Tà Xùa theo Quy định \
số 11-QĐi/TW ngày 18/2/2019 của Bộ Chính trị. Đồng chí Giàng A Páo, Bí thư Đảng ủy, \
Chủ tịch HĐND xã chủ trì buổi đối thoại.

III. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2025
Tiếp tục thực hiện phong trào thi đua “Dân vận khéo” và cuộc vận động “Toàn dân đoàn \
kết xây dựng nông thôn mới, đô thị văn minh”.

T/M ĐẢNG ỦY
PHÓ BÍ THƯ

Lò Văn Minh

Nơi nhận:
- Ban Tuyên giáo và Dân vận Tỉnh ủy,
- Lưu Văn phòng Đảng ủy.
"""

STATE_REPORT = """ỦY BAN NHÂN DÂN
XÃ HẠNH PHÚC
Số: 87/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hạnh Phúc, ngày 05 tháng 12 năm 2025

BÁO CÁO
Kết quả thực hiện công tác dân vận chính quyền năm 2025

Thực hiện Kế hoạch số 12/KH-UBND ngày 15/7/2025 của Ủy ban nhân dân xã về thực hiện công tác dân vận chính quyền năm 2025; Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Ủy ban nhân dân xã báo cáo kết quả như sau:
1. Công tác tiếp công dân, giải quyết đơn thư
Trong năm, Chủ tịch UBND xã tiếp 24 lượt công dân; tiếp nhận 11 đơn kiến nghị, đã giải quyết 10/11 đơn, đạt 90,9%. Tổ chức 04 hội nghị đối thoại với Nhân dân tại các thôn Làng Mới, Khe Cam.
2. Thực hiện dân chủ ở cơ sở
100% thôn công khai các khoản đóng góp của Nhân dân; Ban Thanh tra nhân dân giám sát 06 công trình với tổng vốn 4,5 tỷ đồng.

Nơi nhận:
- Ban TGDV Tỉnh ủy;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Vàng Seo Sử
"""

CONCLUSION_NOTICE = """ĐẢNG BỘ TỈNH NINH BÌNH
ĐẢNG ỦY XÃ KIM SƠN
*
Số 15-TB/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Kim Sơn, ngày 10 tháng 10 năm 2025

THÔNG BÁO
kết luận của Thường trực Đảng ủy tại Hội nghị giao ban công tác dân vận quý III năm 2025
-----

Ngày 08/10/2025, Thường trực Đảng ủy xã tổ chức Hội nghị giao ban công tác dân vận quý III năm 2025. Đồng chí Phạm Văn Hòa, Phó Bí thư Thường trực Đảng ủy xã chủ trì hội nghị. Sau khi nghe báo cáo và ý kiến thảo luận, Thường trực Đảng ủy kết luận như sau:
1. Quý III năm 2025, các chi bộ đã triển khai 12 mô hình “Dân vận khéo”; Ủy ban MTTQ Việt Nam xã vận động được 215 triệu đồng ủng hộ Quỹ “Vì người nghèo”.
2. Thời gian tới, tiếp tục thực hiện Kế hoạch số 08-KH/ĐU ngày 15/7/2025 của Ban Chấp hành Đảng bộ xã; 100% chi bộ tổ chức đối thoại với Nhân dân trong quý IV.

T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG

Đinh Thị Mai

Nơi nhận:
- Các chi bộ trực thuộc,
- Lưu Văn phòng Đảng ủy.
"""

NEWS = """Trang chủ » Tin tức » Dân vận
Thứ Tư, 10/07/2024
Huyện Mù Cang Chải sơ kết 6 tháng đầu năm 2024 công tác dân vận
Đăng lúc: 10/07/2024 15:20
Ngày 8/7, Ban Dân vận Huyện ủy Mù Cang Chải tổ chức Hội nghị sơ kết công tác dân vận \
6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2024. Bí thư Huyện ủy Lò Văn Pao \
dự và phát biểu chỉ đạo hội nghị.
Theo báo cáo, 6 tháng qua hệ thống dân vận huyện đã vận động Nhân dân hiến hơn \
12.000 m2 đất, đóng góp gần 1,1 tỷ đồng và 3.500 ngày công làm đường giao thông nông \
thôn; 100% xã, thị trấn duy trì hoạt động “Ngày Chủ nhật xanh”; 13/14 xã có mô hình \
“Dân vận khéo” được công nhận. Toàn huyện hỗ trợ 180 hộ nghèo, mỗi hộ 40 triệu đồng/hộ \
để làm nhà theo phương châm “bám dân, sát cơ sở”. Phong trào “Nâng bước em tới trường” \
trao 250 suất học bổng.
Ông Giàng A Thào, Trưởng Ban Dân vận Huyện ủy cho biết, thực hiện Nghị định số \
30/2020/NĐ-CP của Chính phủ và Công văn số 125/UBND-VP ngày 12/3/2024 của UBND huyện, \
huyện đã rà soát việc tiếp công dân; dịch COVID-19 đã được kiểm soát.
Tại xã Khao Mang và thị trấn Mù Cang Chải, các đoàn thể phối hợp với Đồn Biên phòng \
tổ chức 02 buổi tuyên truyền pháp luật; tỉnh Yên Bái đánh giá cao kết quả này.
Nguyễn Thu Trang (Trung tâm VH-TT huyện)
Tin liên quan
Bản quyền thuộc Ban Dân vận Huyện ủy
Lượt xem: 1.024
"""

PORTAL_HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Xã Trạm Tấu đối thoại với Nhân dân về chuyển đổi cây trồng - Cổng TTĐT</title>
<meta property="og:title" content="Xã Trạm Tấu đối thoại với Nhân dân về chuyển đổi cây trồng">
<meta property="article:published_time" content="2025-09-15T08:30:00+07:00">
</head><body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LÀO CAI</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="/lien-he">Liên hệ</a></li></ul></nav>
<div class="today">Thứ Hai, 22/09/2025</div></header>
<main><article>
<h1 class="title">Xã Trạm Tấu đối thoại với Nhân dân về chuyển đổi cây trồng</h1>
<div class="meta">Ngày đăng: 15/09/2025 08:30 | Lượt xem: 231</div>
<p>Sáng ngày 12/9, Đảng ủy xã Trạm Tấu tổ chức Hội nghị đối thoại trực tiếp giữa người
đứng đầu cấp ủy, chính quyền với Nhân dân về chuyển đổi cơ cấu cây trồng năm 2025.</p>
<p>Chủ trì hội nghị có đồng chí Hoàng Thị Mai, Bí thư Đảng ủy xã; đồng chí Sùng A Lử,
Phó Chủ tịch UBND xã. Tham dự có hơn 120 đại biểu và bà con Nhân dân 9 thôn.</p>
<p>Tại hội nghị, bà con đã nêu 15 ý kiến, kiến nghị. Xã đã hỗ trợ 1,2 tỷ đồng giống
cây ăn quả, đạt 85% kế hoạch; 7/9 thôn đã có mô hình “Dân vận khéo”.</p>
<p class="author"><strong>Thu Hà</strong></p>
</article>
<aside><h3>Tin liên quan</h3><ul><li><a href="#">Lào Cai: Sơ kết mô hình chính quyền
hai cấp</a></li></ul></aside></main>
<footer><p>Bản quyền © 2025 Cổng thông tin điện tử tỉnh Lào Cai</p>
<p>Trưởng Ban biên tập: Nguyễn Văn Bình</p></footer>
</body></html>
"""


def to_cp1258(text: str) -> bytes:
    """Encode in Windows-1258, which writes tone marks as combining characters."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in parts if c in tones)
            rest = unicodedata.normalize(
                "NFC", "".join(c for c in parts if c not in tones)
            )
            out += rest.encode("cp1258") + tone.encode("cp1258")
    return out


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ASCII text lines, written by hand."""
    ops = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {ops} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return out


def docx_bytes(header_cells: tuple[str, str] | None, paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    if header_cells:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = header_cells
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
