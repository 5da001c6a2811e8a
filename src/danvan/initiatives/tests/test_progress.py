"""Progress updates: results against the criteria, money and days mobilized,
people reached, photos and files kept as uploaded."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.initiatives import services
from danvan.initiatives.exceptions import WrongStatusError

pytestmark = pytest.mark.django_db
D = dt.date
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_updates_add_up_and_the_latest_result_is_the_actual(tree, users, registered):
    initiative = registered(tree["commune"])
    length, households = initiative.criteria.all()
    services.add_progress_update(
        actor=users["commune"],
        initiative=initiative,
        date=D(2025, 6, 30),
        money_vnd=50_000_000,
        working_days=300,
        people_reached=120,
        results={length.pk: Decimal("1.5"), households.pk: 80},
    )
    initiative.refresh_from_db()
    assert initiative.status == "in_progress"
    services.add_progress_update(
        actor=users["commune"],
        initiative=initiative,
        date=D(2025, 11, 30),
        money_vnd=70_000_000,
        working_days=500,
        people_reached=90,
        results={length.pk: "3,2"},
    )
    initiative.refresh_from_db()
    assert (
        initiative.mobilized_vnd,
        initiative.mobilized_days,
        initiative.people_reached,
    ) == (120_000_000, 800, 210)
    length.refresh_from_db()
    households.refresh_from_db()
    assert length.actual == Decimal("3.2")
    assert households.actual == Decimal(80)
    assert length.progress_percent == 106


def test_progress_only_on_registered_models(tree, users, make_initiative):
    draft = make_initiative(tree["commune"])
    with pytest.raises(WrongStatusError):
        services.add_progress_update(
            actor=users["commune"], initiative=draft, date=D(2025, 6, 1)
        )


def test_progress_page_keeps_photos_and_files(
    client, tree, users, registered, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    initiative = registered(tree["commune"])
    length = initiative.criteria.first()
    client.force_login(users["commune"])
    url = reverse("initiatives:progress", args=[initiative.pk])
    assert client.get(url).status_code == 200
    photo = SimpleUploadedFile("Ảnh công trình.png", PNG, content_type="image/png")
    report = SimpleUploadedFile(
        "bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )
    response = client.post(
        url,
        {
            "date": "2025-06-30",
            "text": "Hoàn thành 1,5 km",
            "money_vnd": "50000000",
            "working_days": "300",
            "people_reached": "120",
            f"result_{length.pk}": "1,5",
            "files": [photo, report],
        },
    )
    assert response.status_code == 302
    update = initiative.updates.get()
    assert update.results.get().value == Decimal("1.5")
    attachments = list(update.attachments.all())
    assert [a.original_name for a in attachments] == [
        "Ảnh công trình.png",
        "bao-cao.pdf",
    ]
    assert attachments[0].is_image
    download = client.get(reverse("initiatives:attachment", args=[attachments[0].pk]))
    assert b"".join(download.streaming_content) == PNG
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Hoàn thành 1,5 km" in page

    client.force_login(users["sibling"])
    other = client.get(reverse("initiatives:attachment", args=[attachments[0].pk]))
    assert other.status_code == 404
