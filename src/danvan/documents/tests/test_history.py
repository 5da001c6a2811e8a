"""A document's change log reads in Vietnamese: labels, choice labels, dates
dd/mm/yyyy, people's full names, the system as "Hệ thống", no ids, no None."""

import datetime as dt
import re

import pytest

from danvan.common.audit import acting_as
from danvan.documents.models import Document

pytestmark = pytest.mark.django_db


def change_log(page) -> str:
    html: str = page.content.decode()
    return html[html.index('id="change-log"') :]


def test_document_history_reads_in_vietnamese(client, users, documents):
    plan = documents["plan"]
    editor = users["commune"]
    editor.first_name, editor.last_name = "Thị Dua", "Giàng"
    editor.save()
    with acting_as(editor):
        plan.status = Document.Status.EXPIRED
        plan.valid_to = dt.date(2026, 3, 31)
        plan.save()
    client.force_login(editor)
    log = change_log(client.get(plan.get_absolute_url()))

    assert "Giàng Thị Dua</strong> sửa" in log
    assert "Hệ thống</strong> tạo" in log  # registered by the system actor
    status = str(Document._meta.get_field("status").verbose_name)
    assert f"<dt>{status[:1].upper()}{status[1:]}</dt>" in log
    assert "<del>còn hiệu lực</del> → hết hiệu lực" in log
    assert "31/03/2026" in log
    assert "04/08/2025" in log  # the date of issue, as created
    assert "None" not in log
    assert "in_force" not in log
    assert "expired" not in log
    assert not re.search(r"<dd>\s*\d+\s*</dd>", log.split("12-KH")[0])  # no bare ids
    assert "commune" not in log  # the username


def test_document_history_names_the_issuing_body_not_its_id(client, users, documents):
    plan = documents["plan"]
    client.force_login(users["commune"])
    log = change_log(client.get(plan.get_absolute_url()))
    assert str(plan.issuer_body) in log
    assert str(plan.area) in log
