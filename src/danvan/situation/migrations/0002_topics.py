"""The seeded catalogue of topics of the people's situation (domain guide §6),
in the order the periodic reports write "tình hình nhân dân".

Codes are stable: the hot spots, dialogues and petitions, their demo data and
tests name them. Editors add more from the pages.
"""

from typing import Any

from django.db import migrations

from danvan.common.text import fold

# code, name, description
TOPICS = [
    (
        "national-events",
        "Dư luận về các sự kiện, dự thảo luật",
        "Tâm tư, dư luận của Nhân dân về các sự kiện chính trị, kinh tế - xã hội, "
        "việc lấy ý kiến các dự thảo luật, nghị quyết.",
    ),
    (
        "ethnic",
        "Vấn đề dân tộc",
        "Tình hình đồng bào dân tộc thiểu số, đoàn kết giữa các dân tộc.",
    ),
    (
        "religion",
        "Tôn giáo, tín ngưỡng",
        "Hoạt động tôn giáo, tín ngưỡng; hiện tượng tôn giáo mới, “đạo lạ”.",
    ),
    (
        "land",
        "Đất đai, bồi thường, giải phóng mặt bằng",
        "Tranh chấp đất đai; bồi thường, hỗ trợ, giải phóng mặt bằng, tái định cư.",
    ),
    (
        "crowd-complaints",
        "Khiếu kiện đông người",
        "Khiếu nại, tố cáo, kiến nghị đông người, vượt cấp.",
    ),
    (
        "child-marriage",
        "Tảo hôn, hôn nhân cận huyết thống",
        "Tảo hôn, hôn nhân cận huyết thống trong đồng bào dân tộc thiểu số.",
    ),
    (
        "illegal-migration",
        "Xuất cảnh trái phép, di cư tự do",
        "Xuất cảnh, nhập cảnh trái phép; di cư tự do; lao động ra nước ngoài trái phép.",
    ),
    (
        "poverty",
        "Đời sống, việc làm, an sinh xã hội",
        "Đời sống, việc làm, thu nhập của Nhân dân; giảm nghèo, an sinh xã hội.",
    ),
    (
        "disasters",
        "Dịch bệnh, thiên tai, cháy rừng",
        "Dịch bệnh, thiên tai, bão lũ, sạt lở, cháy rừng; tìm kiếm cứu nạn.",
    ),
    (
        "pollution",
        "Ô nhiễm môi trường",
        "Ô nhiễm môi trường, rác thải, nguồn nước, khai thác khoáng sản.",
    ),
    (
        "hostile-propaganda",
        "Hoạt động tuyên truyền của các thế lực thù địch",
        "Âm mưu “diễn biến hòa bình”, thông tin xấu độc trên không gian mạng, "
        "lôi kéo, kích động Nhân dân.",
    ),
    ("other", "Vấn đề khác", "Những vấn đề khác Nhân dân quan tâm."),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Topic = apps.get_model("situation", "Topic")
    for order, (code, name, description) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "order": order * 10,
                "active": True,
                "search_name": fold(f"{name} {code}"),
            },
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    Topic = apps.get_model("situation", "Topic")
    Topic.objects.filter(code__in=[code for code, _, _ in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("situation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
