"""Repeated wrong passwords lock the account from that address, then the address."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOCKED = "Đăng nhập tạm bị khoá"


def sign_in(client, username, password, address="198.51.100.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, username, times, address="198.51.100.7", **headers):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", address, **headers)
        assert response.status_code in (200, 429)


def test_five_wrong_passwords_lock_the_account_from_that_address(client, users):
    fail(client, "commune", 5)

    response = sign_in(client, "commune", "secret-pass-1")

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "Vui lòng thử lại sau 15 phút." in page
    assert 'class="topbar"' in page  # the site's layout
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, users):
    fail(client, "commune", 4)

    response = sign_in(client, "commune", "secret-pass-1")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_other_account_from_the_same_address_is_not_locked(client, users):
    fail(client, "commune", 5)

    response = sign_in(client, "province", "secret-pass-1")

    assert response.status_code == 302


def test_same_account_from_another_address_is_not_locked(client, users):
    fail(client, "commune", 5)

    response = sign_in(client, "commune", "secret-pass-1", address="198.51.100.8")

    assert response.status_code == 302


def test_many_failures_from_one_address_lock_every_account_there(
    client, users, settings
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for name in ("a1", "a2", "a3", "a4"):
        fail(client, name, 2)  # guesses spread over accounts, 2 each

    response = sign_in(client, "province", "secret-pass-1")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_forged_forwarded_for_does_not_change_the_address(client, users):
    for n in range(5):  # a new forged address on every try
        sign_in(client, "commune", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    response = sign_in(client, "commune", "secret-pass-1")

    assert response.status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(
    client, users, settings
):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = 1
    # The client forges the left entry; the proxy (REMOTE_ADDR 127.0.0.1)
    # appends the real address on the right.
    for n in range(5):
        fail(
            client,
            "commune",
            1,
            address="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 192.0.2.50",
        )

    locked = sign_in(
        client,
        "commune",
        "secret-pass-1",
        address="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.50",
    )
    colleague = sign_in(
        client,
        "commune",
        "secret-pass-1",
        address="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.51",
    )

    assert locked.status_code == 429
    assert colleague.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "192.0.2.50"
    }


def test_admin_sign_in_is_locked_too(client, users):
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": "commune", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
        )

    response = client.post(
        "/admin/login/",
        {"username": "commune", "password": "secret-pass-1"},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 429


def test_axes_reset_unlocks(client, users):
    fail(client, "commune", 5)

    call_command("axes_reset", verbosity=0)
    response = sign_in(client, "commune", "secret-pass-1")

    assert response.status_code == 302


def test_lockout_page_is_the_same_for_a_script(client, users):
    fail(client, "commune", 5)

    response = sign_in(
        client, "commune", "secret-pass-1", HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
