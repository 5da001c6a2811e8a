"""Small real files for the tests: DOCX and PDF made here, and broken ones."""

from __future__ import annotations

import io

ARTICLE = """Xã Trạm Tấu giao ban công tác dân vận quý III năm 2025

Sáng ngày 03/10/2025, Đảng ủy xã Trạm Tấu tổ chức hội nghị giao ban công tác dân vận.
Đồng chí Giàng A Sử, Chủ tịch Ủy ban MTTQ Việt Nam xã, dự và phát biểu.
Thực hiện Chỉ thị số 49-CT/TW ngày 20/10/2015 của Ban Bí thư, 100% thôn đã có mô hình
“Dân vận khéo”; 12 mô hình được công nhận, huy động 350 triệu đồng
và 9/9 thôn đạt chuẩn.

Mùa Thị Dua
"""


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (ASCII)."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) '")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


CORRUPT_DOCX = b"PK\x03\x04" + b"\x00\x13not really a zip archive" * 20
CORRUPT_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog broken" + bytes(range(256)) * 4
BINARY = bytes(range(256)) * 16
