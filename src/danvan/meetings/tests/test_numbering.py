"""Papers take their numbers from the documents register, once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.common.actors import system_actor
from danvan.documents.models import Document
from danvan.meetings import services

pytestmark = pytest.mark.django_db
D = dt.date


def test_two_notices_get_consecutive_numbers(settings, tmp_path, make_meeting, terms):
    settings.MEDIA_ROOT = tmp_path
    first = make_meeting()
    second = make_meeting(
        title="Giao ban tháng 10/2026", held_on=D(2026, 11, 4), period_number=10
    )
    a = services.generate_notice(actor=system_actor(), meeting=first)
    b = services.generate_notice(actor=system_actor(), meeting=second)
    assert (a.reference, b.reference) == ("01-TB/ĐU", "02-TB/ĐU")
    assert a.download_name == "Thông báo 01-TB-ĐU.docx"
    assert a.file.name is not None
    assert "thong-bao" not in a.file.name  # stored under a random name
    assert (a.document.number_value, b.document.number_value) == (1, 2)
    assert a.document.kind == Document.Kind.NOTICE
    assert a.document.issuer_body == first.convening_body
    assert a.document.issued_on == first.held_on
    assert a.document.area == first.area
    assert a.document.title.startswith("Kết luận của đồng chí Nguyễn Văn Minh")
    # Minutes run in their own sequence.
    minutes = services.generate_minutes(actor=system_actor(), meeting=first)
    assert minutes.reference == "01-BB/ĐU"
    assert minutes.document.kind == Document.Kind.MINUTES


def test_regenerating_keeps_the_number_and_rewrites_the_file(
    settings, tmp_path, make_meeting, terms, users
):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting()
    notice = services.generate_notice(actor=users["commune"], meeting=meeting)
    first_file = notice.file.name
    services.add_conclusion(
        actor=system_actor(), meeting=meeting, text="Kết luận bổ sung."
    )
    again = services.generate_notice(
        actor=users["commune"], meeting=meeting, issued_on=D(2026, 12, 1)
    )
    assert again.pk == notice.pk
    assert again.reference == "01-TB/ĐU"
    assert again.issued_on == meeting.held_on  # the date went with the number
    assert Document.objects.filter(kind=Document.Kind.NOTICE).count() == 1
    assert not (tmp_path / first_file).exists() or again.file.name == first_file
    with again.file.open("rb") as handle:
        import docx

        text = "\n".join(p.text for p in docx.Document(handle).paragraphs)
    assert "Kết luận bổ sung." in text


def test_a_party_body_without_a_term_is_told_why(settings, tmp_path, make_meeting):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting()
    with pytest.raises(ValidationError) as error:
        services.generate_notice(actor=system_actor(), meeting=meeting)
    assert "khóa" in str(error.value) or "term" in str(error.value)
    assert not meeting.generated_documents.exists()


def test_only_editors_generate(settings, tmp_path, make_meeting, terms, users):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting()
    for user in (users["viewer"], users["sibling"]):
        with pytest.raises(PermissionDenied):
            services.generate_notice(actor=user, meeting=meeting)
    assert not Document.objects.exists()
