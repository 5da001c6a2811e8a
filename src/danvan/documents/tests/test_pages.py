"""Every page of the register as a commune user, its sibling, the province and
a viewer see it: own subtree yes, another unit's document 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents import services

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "documents:list",
    "documents:due",
    "documents:terms",
]
WRITE_PAGES = ["documents:create", "documents:issue"]


def detail_urls(document, attachment=None):
    urls = [
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:edit", args=[document.pk]),
        reverse("documents:tree", args=[document.pk]),
    ]
    if attachment is not None:
        urls.append(reverse("documents:attachment", args=[document.pk, attachment.pk]))
    return urls


def post_urls(document):
    relation = document.relations_out.first() or document.relations_in.first()
    point = services.add_review_point(
        actor=system_actor(), document=document, kind="so_ket", after_years=1
    )
    urls = [
        reverse("documents:edit", args=[document.pk]),
        reverse("documents:relation_add", args=[document.pk]),
        reverse("documents:review_add", args=[document.pk]),
        reverse("documents:review_done", args=[document.pk, point.pk]),
        reverse("documents:attachment_add", args=[document.pk]),
    ]
    if relation is not None:
        urls.append(
            reverse("documents:relation_delete", args=[document.pk, relation.pk])
        )
    return urls


@pytest.fixture
def attachments(documents):
    def attach(document):
        return services.attach_file(
            actor=system_actor(),
            document=document,
            upload=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test"),
        )

    return {"plan": attach(documents["plan"]), "theirs": attach(documents["theirs"])}


def test_pages_need_sign_in(client, documents):
    for name in LIST_PAGES + WRITE_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login"))
    for url in detail_urls(documents["plan"]):
        assert client.get(url).status_code == 302


def test_commune_user_opens_own_pages(client, users, documents, attachments):
    client.force_login(users["commune"])
    for name in LIST_PAGES + WRITE_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    for url in detail_urls(documents["plan"], attachments["plan"]):
        assert client.get(url).status_code == 200, url


def test_commune_user_gets_404_for_sibling_and_province(
    client, users, documents, attachments
):
    client.force_login(users["commune"])
    for url in detail_urls(documents["theirs"], attachments["theirs"]):
        assert client.get(url).status_code == 404, url
    for url in post_urls(documents["theirs"]):
        assert client.post(url, {}).status_code == 404, url
    # The province's directive is above the commune, but the commune's plan
    # implements it: read there (reading up the tree), never changed.
    directive = documents["directive"]
    assert (
        client.get(reverse("documents:detail", args=[directive.pk])).status_code == 200
    )
    assert client.get(reverse("documents:edit", args=[directive.pk])).status_code == 403


def test_lists_show_only_the_users_subtree(client, users, documents):
    client.force_login(users["commune"])
    listed = client.get(reverse("documents:list")).content.decode()
    assert "12-KH/ĐU" in listed
    assert "15/KH-UBND" not in listed
    # The directive the commune's plan implements is read up the tree.
    assert "09-CT/TU" in listed


def test_province_user_opens_both_communes(client, users, documents, attachments):
    client.force_login(users["province"])
    for key in ("plan", "theirs"):
        for url in detail_urls(documents[key], attachments[key]):
            assert client.get(url).status_code == 200, url
    listed = client.get(reverse("documents:list")).content.decode()
    for reference in ("12-KH/ĐU", "15/KH-UBND", "09-CT/TU"):
        assert reference in listed


def test_viewer_reads_but_may_not_write(client, users, documents):
    client.force_login(users["viewer"])
    plan = documents["plan"]
    assert client.get(reverse("documents:detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("documents:list")).status_code == 200
    assert client.get(reverse("documents:edit", args=[plan.pk])).status_code == 403
    for name in WRITE_PAGES:
        assert client.get(reverse(name)).status_code == 403, name
    for url in post_urls(plan):
        assert client.post(url, {}).status_code == 403, url
    page = client.get(reverse("documents:detail", args=[plan.pk])).content.decode()
    assert reverse("documents:edit", args=[plan.pk]) not in page


def test_village_viewer_sees_nothing_of_the_commune(client, users, documents):
    client.force_login(users["village"])
    plan = documents["plan"]
    assert client.get(reverse("documents:detail", args=[plan.pk])).status_code == 404


def test_commune_user_cannot_enter_into_the_sibling_register(
    client, tree, users, documents
):
    client.force_login(users["commune"])
    response = client.post(
        reverse("documents:create"),
        {
            "symbol_text": "20/KH-UBND",
            "issued_on": "2025-10-01",
            "title": "Kế hoạch",
            "issuer_name": "UBND xã Hạnh Phúc",
            "status": "in_force",
            "area": tree["sibling"].pk,
        },
    )
    assert response.status_code == 200
    assert not documents["theirs"].area.documents.filter(number="20").exists()


def test_sibling_cannot_change_anything_of_the_commune(client, users, documents):
    plan = documents["plan"]
    urls = post_urls(plan)
    assert len(urls) == 6  # with the relation of the plan to the directive
    client.force_login(users["sibling"])
    for url in urls:
        assert client.post(url, {"done_on": "2026-01-01"}).status_code == 404, url
    assert plan.relations_out.exists()
    assert not plan.review_points.filter(done_on__isnull=False).exists()


def test_signer_from_the_unit_tree(client, tree, users):
    from danvan.units import services as unit_services

    person = unit_services.create_person(
        actor=system_actor(), full_name="Giàng A Sử", area=tree["commune"]
    )
    client.force_login(users["commune"])
    client.post(
        reverse("documents:create"),
        {
            "symbol_text": "03/TB-UBND",
            "issued_on": "2025-09-01",
            "title": "Thông báo",
            "issuer_name": "UBND xã Trạm Tấu",
            "signer": person.pk,
            "status": "in_force",
            "area": tree["commune"].pk,
        },
    )
    document = person.signed_documents.get()
    assert document.signer_name == "Giàng A Sử"
