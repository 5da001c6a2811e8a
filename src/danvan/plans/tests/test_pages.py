"""The plans pages, read and written as each user may."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_detail_renders_for_the_owner(client, users, plans):
    client.force_login(users["province"])
    plan = plans["province"]
    response = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mô hình dân vận khéo" in text
    assert "Mô hình của commune" in text
