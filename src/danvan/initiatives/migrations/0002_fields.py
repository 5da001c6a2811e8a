"""The four fields of the movement (domain notes, section 3); administrators add more."""

from django.db import migrations

FIELDS = [
    ("kinh-te", "Kinh tế", 10),
    ("van-hoa-xa-hoi", "Văn hóa - xã hội", 20),
    ("quoc-phong-an-ninh", "Quốc phòng - an ninh", 30),
    ("xay-dung-dang", "Xây dựng Đảng và hệ thống chính trị", 40),
]


def seed(apps, schema_editor):
    Field = apps.get_model("initiatives", "Field")
    for code, name, order in FIELDS:
        Field.objects.get_or_create(code=code, defaults={"name": name, "order": order})


def unseed(apps, schema_editor):
    Field = apps.get_model("initiatives", "Field")
    Field.objects.filter(code__in=[code for code, _, _ in FIELDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
