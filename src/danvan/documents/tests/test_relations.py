"""Links between documents and the implementation tree of a directive."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.exceptions import DocumentError
from danvan.documents.models import Document, DocumentRelation
from danvan.documents.queries import implementation_tree

pytestmark = pytest.mark.django_db
D = dt.date


def register(area, symbol, on, title, **fields):
    return services.register_document(
        actor=system_actor(),
        area=area,
        symbol_text=symbol,
        issued_on=on,
        title=title,
        **fields,
    )


@pytest.fixture
def cascade(tree, bodies):
    """Chỉ thị 49-CT/TW → province plan → plans of two communes → a village note."""
    province, commune, sibling = tree["province"], tree["commune"], tree["sibling"]
    central = register(
        province,
        "49-CT/TW",
        D(2015, 10, 20),
        "Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận",
        issuer_name="Ban Bí thư",
    )
    provincial = register(
        province,
        "18-KH/TU",
        D(2016, 3, 4),
        "Kế hoạch thực hiện Chỉ thị 49",
        issuer_body=bodies["committee"],
    )
    ours = register(
        commune,
        "12-KH/ĐU",
        D(2025, 8, 4),
        "Kế hoạch của Đảng ủy xã",
        issuer_body=bodies["commune_committee"],
    )
    theirs = register(
        sibling,
        "07/KH-UBND",
        D(2025, 9, 1),
        "Kế hoạch của UBND xã Hạnh Phúc",
        issuer_body=bodies["sibling_ubnd"],
    )
    village = register(
        tree["village"],
        "02-TB/CB",
        D(2025, 10, 1),
        "Thông báo của chi bộ thôn",
        issuer_name="Chi bộ thôn Trung Tâm",
    )
    for source, target in [
        (provincial, central),
        (ours, provincial),
        (theirs, provincial),
        (village, ours),
    ]:
        services.relate_documents(
            actor=system_actor(), source=source, target=target, kind="implements"
        )
    return locals()


def shape(node):
    return [(c.document.reference, shape(c)) for c in node.children]


def test_tree_shows_every_level_below_a_directive(cascade):
    root = implementation_tree(
        document=cascade["central"], documents=Document.objects.all()
    )

    assert shape(root) == [
        (
            "18-KH/TU",
            [("12-KH/ĐU", [("02-TB/CB", [])]), ("07/KH-UBND", [])],
        )
    ]
    assert root.count == 4
    assert [n.depth for n in root.flatten()] == [1, 2, 3, 2]


def test_tree_is_cut_to_what_the_user_sees(cascade, users):
    visible = Document.objects.visible_to(users["commune"])
    root = implementation_tree(document=cascade["ours"], documents=visible)
    assert shape(root) == [("02-TB/CB", [])]

    # The province sees the whole tree; the sibling commune only its own part.
    sibling = Document.objects.visible_to(users["sibling"])
    assert (
        implementation_tree(document=cascade["provincial"], documents=sibling).count
        == 1
    )


def test_tree_page_and_export(client, users, cascade):
    client.force_login(users["province"])
    url = reverse("documents:tree", args=[cascade["central"].pk])
    page = client.get(url).content.decode()
    for reference in ("18-KH/TU", "12-KH/ĐU", "07/KH-UBND", "02-TB/CB"):
        assert reference in page
    rows = list(
        load_workbook(
            BytesIO(client.get(url, {"format": "xlsx"}).content)
        ).active.iter_rows(values_only=True)
    )
    assert [(r[0], r[1]) for r in rows[1:]] == [
        (1, "18-KH/TU"),
        (2, "12-KH/ĐU"),
        (3, "02-TB/CB"),
        (2, "07/KH-UBND"),
    ]


def test_tree_page_of_a_commune_user_hides_the_sibling(client, users, cascade):
    client.force_login(users["commune"])
    page = client.get(reverse("documents:tree", args=[cascade["ours"].pk]))
    assert "02-TB/CB" in page.content.decode()
    sibling_tree = reverse("documents:tree", args=[cascade["theirs"].pk])
    assert client.get(sibling_tree).status_code == 404


def test_cycles_are_refused(cascade):
    with pytest.raises(DocumentError):
        services.relate_documents(
            actor=system_actor(),
            source=cascade["central"],
            target=cascade["village"],
            kind="implements",
        )
    with pytest.raises(DocumentError):
        services.relate_documents(
            actor=system_actor(),
            source=cascade["ours"],
            target=cascade["ours"],
            kind="amends",
        )
    with pytest.raises(DocumentError):
        services.relate_documents(
            actor=system_actor(),
            source=cascade["ours"],
            target=cascade["provincial"],
            kind="implements",
        )


def test_replacing_and_amending_change_the_status(tree):
    old = register(
        tree["province"],
        "11-QĐi/TW",
        D(2019, 2, 18),
        "Quy định tiếp dân",
        issuer_name="Bộ Chính trị",
    )
    amending = register(
        tree["province"],
        "215-KL/TW",
        D(2025, 11, 23),
        "Kết luận",
        issuer_name="Bộ Chính trị",
    )
    services.relate_documents(
        actor=system_actor(), source=amending, target=old, kind="amends"
    )
    old.refresh_from_db()
    assert old.status == Document.Status.AMENDED

    new = register(
        tree["province"],
        "399-QĐ/TW",
        D(2026, 1, 9),
        "Quy định",
        issuer_name="Bộ Chính trị",
    )
    older = register(
        tree["province"],
        "66-QĐ/TW",
        D(2017, 2, 6),
        "Quy định",
        issuer_name="Bộ Chính trị",
    )
    services.relate_documents(
        actor=system_actor(), source=new, target=older, kind="replaces"
    )
    older.refresh_from_db()
    assert older.status == Document.Status.REPLACED


def test_relation_form_finds_the_target_by_symbol(client, users, cascade):
    client.force_login(users["province"])
    source = cascade["theirs"]
    url = reverse("documents:relation_add", args=[source.pk])

    client.post(url, {"kind": "reviews", "target": "Số: 49-CT/TW"})
    assert DocumentRelation.objects.filter(
        source=source, target=cascade["central"], kind="reviews"
    ).exists()
    response = client.post(
        url, {"kind": "amends", "target": "không có văn bản này"}, follow=True
    )
    assert "không có văn bản này" in response.content.decode()


def test_commune_user_cannot_link_to_what_it_does_not_see(client, users, cascade):
    client.force_login(users["commune"])
    url = reverse("documents:relation_add", args=[cascade["ours"].pk])
    client.post(url, {"kind": "amends", "target": "07/KH-UBND"})
    assert not DocumentRelation.objects.filter(
        source=cascade["ours"], target=cascade["theirs"]
    ).exists()


def test_relation_can_be_removed(client, users, cascade):
    client.force_login(users["province"])
    relation = DocumentRelation.objects.get(source=cascade["theirs"])
    client.post(
        reverse("documents:relation_delete", args=[cascade["theirs"].pk, relation.pk])
    )
    assert not DocumentRelation.objects.filter(pk=relation.pk).exists()
