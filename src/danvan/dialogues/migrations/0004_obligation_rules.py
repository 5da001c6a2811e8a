"""The leaders' obligations, seeded as dated rows (``obligations.SEED``):
Quy định 11-QĐi/TW from 18/02/2019 for the secretaries of the province,
district and commune Party committees, Kết luận 215-KL/TW from 23/11/2025 for
the province and the commune, Luật Tiếp công dân 2013 for the chairs of the
People's Committees. Checked for gaps and overlaps before they are written."""

from django.db import migrations


def seed(apps, schema_editor):
    from danvan.dialogues import obligations

    problems = obligations.check(obligations.SEED)
    if problems:
        raise ValueError(" ".join(problems))
    rule = apps.get_model("dialogues", "ObligationRule")
    rule.objects.bulk_create(
        rule(
            level=r.level,
            leader=r.leader,
            body_kind=r.body_kind,
            duty=r.duty,
            per_month=r.per_month,
            basis=r.basis,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
        )
        for r in obligations.SEED
    )


def unseed(apps, schema_editor):
    apps.get_model("dialogues", "ObligationRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("dialogues", "0003_search_text")]

    operations = [migrations.RunPython(seed, unseed)]
