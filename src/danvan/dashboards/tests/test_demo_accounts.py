"""Every demo account opens its home dashboard and the area dashboard, with
the demo loaded as ``danvan demo`` loads it."""

from __future__ import annotations

import pytest

from danvan.accounts.models import User
from danvan.units import demo as units_demo
from danvan.units.management.commands.demo import load_app_demos

pytestmark = pytest.mark.django_db


def test_dashboards_work_for_every_demo_account(client):
    units_demo.load_demo()
    load_app_demos()
    accounts = list(User.objects.filter(username__in=units_demo.ACCOUNT_NAMES))
    assert len(accounts) >= len(units_demo.ACCOUNT_NAMES) - 1
    for user in accounts:
        client.force_login(user)
        home = client.get("/")
        assert home.status_code == 200, user.username
        html = home.content.decode()
        assert 'id="dash-title"' in html, user.username
        area = client.get("/dashboard/")
        assert area.status_code == 200, user.username
        page = area.content.decode()
        assert "Bảng điều hành" in page
        if user.username in ("tinh.laocai", "bdv.laocai", "xa.tramtau"):
            # The Lào Cai quarterly form's figures: its charts and tables.
            assert 'role="img"' in page, user.username
            assert "<desc id=" in page
            assert "Số liệu chính" in html, user.username
    # The province's communes compared: xã Trạm Tấu among them.
    client.force_login(User.objects.get(username="tinh.laocai"))
    page = client.get("/dashboard/").content.decode()
    assert "Xã Trạm Tấu" in page
