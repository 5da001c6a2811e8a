"""The admin lists reports and their comments read-only, and report types."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from danvan.reports.services import reports

pytestmark = pytest.mark.django_db


def test_the_admin_lists_reports_read_only(client, report, users):
    reports.add_comment(actor=users["province"], report=report, text="Cần rõ hơn")
    root = get_user_model().objects.create_superuser("root", password="x-pass-123")
    client.force_login(root)
    for name in ("report", "reportcomment", "reporttype"):
        page = client.get(f"/admin/reports/{name}/")
        assert page.status_code == 200
    page = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert page.status_code == 200
    assert "Kết quả thực hiện công tác dân vận quý I năm 2026" in page.content.decode()
    assert client.get("/admin/reports/report/add/").status_code == 403
    assert 'name="_save"' not in page.content.decode()
