"""With ADMIN_TWO_FACTOR the administration site also asks for a TOTP code."""

import io
import re

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import User

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
LOGIN = "/admin/login/"


@pytest.fixture
def administrator(db):
    return User.objects.create_superuser("quan.tri", password="secret-pass-1")


def enrol(username: str) -> TOTPDevice:
    out = io.StringIO()
    call_command("two_factor", "add", username, stdout=out)
    assert re.search(r"^key: [A-Z2-7]+=*$", out.getvalue(), re.M)
    assert "otpauth://totp/" in out.getvalue()
    return TOTPDevice.objects.get(user__username=username)


def code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_without_the_switch_the_password_is_enough(client, administrator):
    client.force_login(administrator)

    assert client.get(ADMIN).status_code == 200


def test_with_the_switch_a_password_session_does_not_enter(
    client, administrator, settings
):
    settings.ADMIN_TWO_FACTOR = True
    client.force_login(administrator)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_wrong_code_is_refused_right_code_enters(client, administrator, settings):
    settings.ADMIN_TWO_FACTOR = True
    device = enrol("quan.tri")
    credentials = {"username": "quan.tri", "password": "secret-pass-1"}

    wrong = client.post(LOGIN, {**credentials, "otp_token": "000000"})
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp waits after a failure
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(
        f"{LOGIN}?next={ADMIN}", {**credentials, "otp_token": code(device)}
    )

    assert wrong.status_code == 200
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert right.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_removed_device_no_longer_works(administrator):
    enrol("quan.tri")

    call_command("two_factor", "remove", "quan.tri", stdout=io.StringIO())

    assert not TOTPDevice.objects.filter(user=administrator).exists()
