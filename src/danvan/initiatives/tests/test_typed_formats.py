"""Money, results and dates are typed and shown the Vietnamese way, whatever
the language of the page: "15.000.000" is fifteen million, "1,5" one point
five, 30/06/2025 the thirtieth of June; no Decimal shows in E notation."""

from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.initiatives import spreadsheet

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["vi", "en"])
def language(request, client):
    """The language the user switched to (an English session changes nothing)."""
    client.cookies["django_language"] = request.param
    return request.param


def test_progress_takes_vietnamese_money_and_dates(
    client, tree, users, registered, language
):
    initiative = registered(tree["commune"])
    length = initiative.criteria.first()
    client.force_login(users["commune"])
    url = reverse("initiatives:progress", args=[initiative.pk])
    page = client.get(url).content.decode()
    assert f'<html lang="{language}"' in page
    assert 'type="number"' not in page
    assert 'type="date"' not in page
    assert 'placeholder="dd/mm/yyyy"' in page

    response = client.post(
        url,
        {
            "date": "30/06/2025",
            "money_vnd": "15.000.000",
            "working_days": "2.500",
            "people_reached": "1 200",
            f"result_{length.pk}": "1,5",
        },
    )

    assert response.status_code == 302
    update = initiative.updates.get()
    assert update.money_vnd == 15_000_000
    assert update.working_days == 2_500
    assert update.people_reached == 1_200
    assert update.date.isoformat() == "2025-06-30"
    assert update.results.get().value == Decimal("1.5")
    detail = client.get(initiative.get_absolute_url()).content.decode()
    assert "15.000.000" in detail
    assert "30/06/2025" in detail
    assert "2025-06-30" not in detail


def test_a_number_in_the_english_order_is_refused_not_misread(
    client, tree, users, registered
):
    initiative = registered(tree["commune"])
    client.force_login(users["commune"])
    url = reverse("initiatives:progress", args=[initiative.pk])
    data = {"date": "12/31/2025", "money_vnd": "1,500,000", "working_days": "0"}
    response = client.post(url, {**data, "people_reached": "0"})

    assert response.status_code == 200
    assert not initiative.updates.exists()
    page = response.content.decode()
    assert "Nhập một số" in page  # a whole number / a number
    assert 'value="1,500,000"' in page  # kept as typed


def test_evaluation_scale_is_written_without_e_notation(
    client, tree, users, registered, rubric
):
    initiative = registered(tree["commune"])
    criterion = rubric.criteria.first()
    criterion.max_score = Decimal("1E+1")
    criterion.weight = Decimal("2E+1")
    criterion.save()
    client.force_login(users["province"])
    page = client.get(reverse("initiatives:evaluate", args=[initiative.pk]))

    text = page.content.decode()
    assert "E+" not in text
    assert "Từ 0 đến 10; trọng số 20" in text


def test_import_reads_numeric_cells_as_numbers_and_text_the_vietnamese_way():
    errors: list[str] = []
    assert spreadsheet._int(15000000, "Kinh phí", errors) == 15_000_000
    assert spreadsheet._int(15000000.0, "Kinh phí", errors) == 15_000_000
    assert spreadsheet._int("15.000.000", "Kinh phí", errors) == 15_000_000
    assert spreadsheet._int("15 000 000 đồng", "Kinh phí", errors) == 15_000_000
    assert errors == []
    assert spreadsheet._int(1.5, "Ngày công", errors) == 0
    assert spreadsheet._int("1,5", "Ngày công", errors) == 0
    assert len(errors) == 2
    criteria = spreadsheet.parse_criteria("Chiều dài | 2,5 | km\nSố hộ | 1.200 |", [])
    assert [c["target"] for c in criteria] == [Decimal("2.5"), Decimal(1200)]
