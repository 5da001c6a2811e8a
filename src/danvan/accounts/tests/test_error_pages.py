"""With DEBUG off the 400, 403, 404, 500 and CSRF pages are Vietnamese, in the layout."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_missing_page_is_vietnamese_in_the_layout(client, users):
    client.force_login(users["commune"])

    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert 'class="topbar"' in page  # the site's layout
    assert "Not Found" not in page


def test_out_of_scope_object_answers_the_same_404(client, users, tree):
    client.force_login(users["sibling"])

    response = client.get(tree["commune"].get_absolute_url())

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_refused_page_is_vietnamese_without_english_leak(client, users):
    client.force_login(users["viewer"])  # may read, may not record a meeting

    response = client.get(reverse("meetings:create"))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Không có quyền truy cập" in page
    assert 'class="topbar"' in page
    assert "403 Forbidden" not in page


def test_bad_request_page_is_vietnamese():
    request = RequestFactory().get("/")
    response = defaults.bad_request(request, ValueError())

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert "Bad Request" not in response.content.decode()


def test_server_error_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = defaults.server_error(request)

    assert response.status_code == 500
    page = response.content.decode()
    assert "Lỗi hệ thống" in page
    assert 'class="topbar"' in page
    assert "Server Error" not in page


def test_refused_form_answers_the_vietnamese_csrf_page(users):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("accounts:login"), {"username": "commune", "password": "x"}
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in page
    assert "403 Forbidden" not in page
    assert "CSRF verification failed" not in page
