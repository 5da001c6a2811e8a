"""A document's page, entering and editing one through the form, its files and
its change log."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.models import Attachment, Document

pytestmark = pytest.mark.django_db
D = dt.date


def form_data(tree, **changes):
    data = {
        "symbol_text": "Số: 70/KH-UBND",
        "issued_on": "2025-08-12",
        "title": "Kế hoạch tổ chức đối thoại với Nhân dân",
        "issuer_name": "UBND xã Trạm Tấu",
        "signer_name": "Giàng A Sử",
        "status": "in_force",
        "area": tree["commune"].pk,
    }
    data.update(changes)
    return data


def test_enter_a_document_through_the_form(client, tree, users):
    client.force_login(users["commune"])
    response = client.post(reverse("documents:create"), form_data(tree))

    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert (document.kind, document.reference) == ("ke_hoach", "70/KH-UBND")
    assert document.created_by == users["commune"]
    page = client.get(document.get_absolute_url()).content.decode()
    assert "70/KH-UBND" in page
    assert "Kế hoạch tổ chức đối thoại với Nhân dân" in page


def test_unparsable_symbol_is_explained_then_kept_with_a_warning(client, tree, users):
    client.force_login(users["commune"])
    data = form_data(
        tree, symbol_text="Chương trình hành động 190", kind="chuong_trinh_hanh_dong"
    )

    refused = client.post(reverse("documents:create"), data)
    assert refused.status_code == 200
    assert "không đúng dạng số, ký hiệu" in refused.content.decode()
    assert not Document.objects.exists()

    kept = client.post(reverse("documents:create"), {**data, "accept_warning": "on"})
    document = Document.objects.get()
    assert kept.status_code == 302
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'role="alert"' in page
    assert "không đúng dạng số, ký hiệu" in page


def test_duplicate_is_refused_with_a_link_to_the_existing(client, tree, users):
    client.force_login(users["commune"])
    client.post(reverse("documents:create"), form_data(tree))
    existing = Document.objects.get()

    response = client.post(
        reverse("documents:create"),
        form_data(tree, symbol_text="70/KH-UBND", issued_on="2025-12-01", title="Khác"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert Document.objects.count() == 1
    assert f'href="{existing.get_absolute_url()}"' in html
    assert "Kế hoạch tổ chức đối thoại với Nhân dân" in html


def test_next_year_same_number_is_accepted(client, tree, users):
    client.force_login(users["commune"])
    client.post(reverse("documents:create"), form_data(tree))
    client.post(reverse("documents:create"), form_data(tree, issued_on="2026-01-05"))
    assert Document.objects.count() == 2


def test_edit_and_change_log(client, tree, users):
    client.force_login(users["commune"])
    client.post(reverse("documents:create"), form_data(tree))
    document = Document.objects.get()

    response = client.post(
        reverse("documents:edit", args=[document.pk]),
        form_data(tree, title="Kế hoạch đối thoại (sửa đổi)", status="expired"),
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Kế hoạch đối thoại (sửa đổi)"
    assert document.status == "expired"
    page = client.get(document.get_absolute_url())
    history = page.context["history"]
    assert [entry.action for entry in history][:2] == [1, 0]  # changed, created
    assert history[0].actor == users["commune"]
    assert "Kế hoạch đối thoại (sửa đổi)" in page.content.decode()


def test_edit_form_is_filled_with_the_document(client, tree, users, documents):
    client.force_login(users["commune"])
    page = client.get(reverse("documents:edit", args=[documents["plan"].pk]))
    form = page.context["form"]
    assert form.initial["symbol_text"] == "12-KH/ĐU"
    assert form.initial["issuer_body"] == documents["plan"].issuer_body_id


def test_attachment_is_kept_as_uploaded_and_downloaded_with_its_name(
    client, users, documents, media_root
):
    client.force_login(users["commune"])
    plan = documents["plan"]
    content = b"%PDF-1.4\n\xe2\x80\x9cban goc\xe2\x80\x9d\n"
    upload = SimpleUploadedFile("Kế hoạch 12-KH.pdf", content)

    client.post(reverse("documents:attachment_add", args=[plan.pk]), {"file": upload})
    client.post(
        reverse("documents:attachment_add", args=[plan.pk]),
        {"file": SimpleUploadedFile("copy.pdf", content)},
    )

    attachment = Attachment.objects.get()  # the same file twice is kept once
    assert attachment.original_name == "Kế hoạch 12-KH.pdf"
    assert attachment.size == len(content)
    stored = list(media_root.rglob("*.pdf"))
    assert [p.read_bytes() for p in stored] == [content]
    response = client.get(
        reverse("documents:attachment", args=[plan.pk, attachment.pk])
    )
    assert b"".join(response.streaming_content) == content
    assert "attachment;" in response["Content-Disposition"]
    assert "K%E1%BA%BF%20ho%E1%BA%A1ch%2012-KH.pdf" in response["Content-Disposition"]
    page = client.get(plan.get_absolute_url())
    assert "Kế hoạch 12-KH.pdf" in page.content.decode()
    assert any(e.about for e in page.context["history"])


def test_detail_shows_relations_both_ways(client, users, documents):
    client.force_login(users["province"])
    directive_page = client.get(
        documents["directive"].get_absolute_url()
    ).content.decode()
    plan_page = client.get(documents["plan"].get_absolute_url()).content.decode()
    assert "12-KH/ĐU" in directive_page
    assert reverse("documents:tree", args=[documents["directive"].pk]) in directive_page
    assert "09-CT/TU" in plan_page


def test_detail_loads_its_forms_on_demand(client, users, documents):
    """The page links to its writes; each answers GET with its form: alone
    for htmx (swapped in place of the link), a page of its own without."""
    client.force_login(users["commune"])
    plan = documents["plan"]
    page = client.get(plan.get_absolute_url()).content.decode()
    for name, field in (
        ("documents:relation_add", 'name="target"'),
        ("documents:review_add", 'name="after_years"'),
        ("documents:attachment_add", 'type="file"'),
    ):
        assert field not in page
        url = reverse(name, args=[plan.pk])
        assert f'hx-get="{url}"' in page
        alone = client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert alone.lstrip().startswith("<form")
        assert field in alone
        assert f'action="{url}"' in alone
        full = client.get(url).content.decode()
        assert "<html" in full
        assert field in full
    # A reader who may not edit sees neither the links nor the forms.
    client.force_login(users["viewer"])
    page = client.get(plan.get_absolute_url())
    assert page.status_code == 200
    assert (
        reverse("documents:relation_add", args=[plan.pk]) not in page.content.decode()
    )
    url = reverse("documents:review_add", args=[plan.pk])
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 403


def test_issue_page_proposes_then_takes_the_number(client, tree, users, bodies):
    client.force_login(users["commune"])
    url = reverse("documents:issue")
    proposal = client.get(
        url,
        {
            "body": bodies["commune_ubnd"].pk,
            "kind": "thong_bao",
            "issued_on": "2025-09-01",
        },
        headers={"HX-Request": "true"},
    )
    assert "01/TB-UBND" in proposal.content.decode()
    assert "<html" not in proposal.content.decode()

    response = client.post(
        url,
        {
            "body": bodies["commune_ubnd"].pk,
            "kind": "thong_bao",
            "issued_on": "2025-09-01",
            "title": "Thông báo kết luận của Chủ tịch UBND xã",
            "area": tree["commune"].pk,
        },
    )

    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert document.reference == "01/TB-UBND"
    assert document.issued_here
    again = client.get(
        url,
        {
            "body": bodies["commune_ubnd"].pk,
            "kind": "thong_bao",
            "issued_on": "2025-09-02",
        },
    )
    assert "02/TB-UBND" in again.content.decode()
    next_year = client.get(
        url,
        {
            "body": bodies["commune_ubnd"].pk,
            "kind": "thong_bao",
            "issued_on": "2026-01-02",
        },
    )
    assert "01/TB-UBND" in next_year.content.decode()


def test_issue_page_asks_for_the_term(client, tree, users):
    from danvan.units import services as unit_services
    from danvan.units.models import Body

    committee = unit_services.create_body(
        actor=system_actor(),
        name="Đảng ủy xã (chưa có nhiệm kỳ)",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=tree["commune"],
        abbreviation="ĐU",
    )
    client.force_login(users["commune"])
    page = client.get(
        reverse("documents:issue"), {"body": committee.pk, "kind": "thong_bao"}
    )
    assert reverse("documents:terms") in page.content.decode()
    assert page.context["problem"]


def test_terms_page_adds_a_term(client, tree, users, bodies):
    client.force_login(users["commune"])
    response = client.post(
        reverse("documents:terms"),
        {
            "body": bodies["commune_committee"].pk,
            "name": "lâm thời",
            "starts_on": "2025-01-01",
            "ends_on": "2025-06-30",
        },
    )
    assert response.status_code == 302
    listed = client.get(reverse("documents:terms")).content.decode()
    assert "lâm thời" in listed
    assert "lần thứ I, 2025–2030" in listed
    assert "khóa XVI" not in listed  # the province's committee


def test_service_attach_bytes(documents):
    attachment = services.attach_bytes(
        actor=system_actor(),
        document=documents["plan"],
        name="thong-bao.docx",
        content=b"PK\x03\x04",
    )
    assert attachment.size == 4
    assert attachment.file.name is not None
    assert attachment.file.name.endswith(".docx")
