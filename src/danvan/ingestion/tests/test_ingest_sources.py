"""Sources from bytes and pasted text: stored once, original kept, bad files refused."""

import hashlib

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.ingestion import services
from danvan.ingestion.exceptions import IngestionError
from danvan.ingestion.models import Source
from danvan.ingestion.tests.files import (
    ARTICLE,
    BINARY,
    CORRUPT_DOCX,
    CORRUPT_PDF,
    docx_bytes,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def test_same_bytes_make_one_source_whatever_the_area(tree, users):
    data = ARTICLE.encode()
    first, created = services.ingest_bytes(
        actor=users["commune"], area=tree["commune"], data=data, filename="a.txt"
    )
    assert created
    again, created_again = services.ingest_bytes(
        actor=users["province"], area=tree["sibling"], data=data, filename="copy.txt"
    )
    assert not created_again
    assert again == first
    assert Source.objects.count() == 1
    first.refresh_from_db()
    assert first.area == tree["commune"]  # the second call changed nothing
    assert first.original_name == "a.txt"


def test_original_is_kept_under_a_random_name(tree, users, media_root):
    data = docx_bytes("Báo cáo công tác dân vận", "Xã Trạm Tấu, quý III năm 2025")
    source, _ = services.ingest_bytes(
        actor=users["commune"], area=tree["commune"], data=data, filename="Báo cáo.docx"
    )
    digest = hashlib.sha256(data).hexdigest()
    assert source.sha256 == digest
    assert source.kind == Source.Kind.DOCX
    assert source.size == len(data)
    assert source.original.name is not None
    assert source.original.name.startswith("sources/")
    # Neither the hash nor the uploaded name tells where the file is.
    assert digest not in source.original.name
    assert "bao-cao" not in source.original.name
    assert source.original.name.endswith(".docx")
    assert (media_root / source.original.name).read_bytes() == data
    assert "Xã Trạm Tấu, quý III năm 2025" in source.text
    assert source.created_by == users["commune"]


def test_pasted_text_is_kept_as_a_text_file(tree, users, media_root):
    source, created = services.ingest_text(
        actor=users["commune"],
        area=tree["commune"],
        text=ARTICLE.replace("\n", "\r\n"),
        title="Giao ban quý III",
    )
    assert created
    assert source.kind == Source.Kind.TEXT
    assert source.title == "Giao ban quý III"
    assert source.original.name is not None
    assert source.original.name.endswith(".txt")
    kept = (media_root / source.original.name).read_text(encoding="utf-8")
    assert kept.startswith("Xã Trạm Tấu giao ban")
    assert "\r" not in kept
    # Pasting the same text again is the same source.
    again, created = services.ingest_text(
        actor=users["commune"], area=tree["commune"], text=ARTICLE
    )
    assert not created
    assert again == source


def test_empty_paste_is_refused(tree, users):
    with pytest.raises(ValidationError):
        services.ingest_text(actor=users["commune"], area=tree["commune"], text="  \n")


def test_pdf_and_html_are_converted(tree, users):
    pdf, _ = services.ingest_bytes(
        actor=users["commune"],
        area=tree["commune"],
        data=pdf_bytes("Bao cao cong tac dan van quy I nam 2024", "Huyen Tram Tau"),
        filename="bc.pdf",
    )
    assert pdf.kind == Source.Kind.PDF
    assert "Huyen Tram Tau" in pdf.text
    page = (
        "<html><head><title>Dân vận khéo ở Trạm Tấu</title></head><body>"
        "<nav>Trang chủ | Tin tức</nav><article><h1>Dân vận khéo ở Trạm Tấu</h1>"
        "<p>Xã Trạm Tấu có 12 mô hình “Dân vận khéo” được công nhận trong năm 2025,"
        " giúp hàng trăm hộ đồng bào Mông thoát nghèo bền vững.</p></article>"
        "</body></html>"
    )
    html, _ = services.ingest_bytes(
        actor=users["commune"],
        area=tree["commune"],
        data=page.encode(),
        filename="tin.html",
    )
    assert html.kind == Source.Kind.HTML
    assert "12 mô hình" in html.text
    assert "<p>" not in html.text


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (CORRUPT_DOCX, "hong.docx", "DOCX"),
        (CORRUPT_PDF, "hong.pdf", "PDF"),
        (BINARY, "nhi-phan.txt", "không phải tệp văn bản"),
        (b"", "rong.txt", "tệp rỗng"),
        (b"some text", "bang.xlsx", "unsupported file type"),
    ],
)
def test_unreadable_file_is_refused_with_its_reason(
    tree, users, media_root, data, filename, reason
):
    with pytest.raises(IngestionError) as caught:
        services.ingest_bytes(
            actor=users["commune"], area=tree["commune"], data=data, filename=filename
        )
    assert reason in str(caught.value)
    assert not Source.objects.exists()
    assert not list((media_root).rglob("*.*"))  # nothing left on disk


def test_only_editors_of_the_area_bring_texts_in(tree, users):
    for user, area in [
        (users["viewer"], tree["commune"]),
        (users["commune"], tree["sibling"]),
        (users["village"], tree["village"]),
    ]:
        with pytest.raises(PermissionDenied):
            services.ingest_text(actor=user, area=area, text=ARTICLE)
    assert not Source.objects.exists()
    # The province's approver may write anywhere in the province.
    _, created = services.ingest_text(
        actor=users["province"], area=tree["village"], text=ARTICLE
    )
    assert created


def test_search_keys_ignore_diacritics(tree, users):
    source, _ = services.ingest_text(
        actor=users["commune"], area=tree["commune"], text=ARTICLE
    )
    assert (
        source.search_title == "xa tram tau giao ban cong tac dan van quy iii nam 2025"
    )
    found = Source.objects.search("GIANG A SU")
    assert list(found) == [source]
    assert list(Source.objects.search("Giàng A Sử")) == [source]
    assert not Source.objects.search("Hạnh Phúc").exists()


def test_creation_is_audited_without_copying_the_text(tree, users):
    source, _ = services.ingest_text(
        actor=users["commune"], area=tree["commune"], text=ARTICLE
    )
    entry = LogEntry.objects.get_for_object(source).get()
    assert entry.actor == users["commune"]
    assert entry.action == LogEntry.Action.CREATE
    assert "title" in entry.changes_dict
    assert "text" not in entry.changes_dict
    assert "search_text" not in entry.changes_dict
