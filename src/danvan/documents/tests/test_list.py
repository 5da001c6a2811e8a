"""The register list: filters, search without accents or by symbol, sorting,
pages, the htmx rows, and the XLSX export of the same list."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.common.actors import system_actor
from danvan.documents import services

pytestmark = pytest.mark.django_db
D = dt.date
URL = reverse("documents:list")


@pytest.fixture
def register(tree, bodies, documents):
    extra = [
        (
            "70/KH-UBND",
            D(2020, 3, 2),
            "Kế hoạch triển khai Dân vận khéo năm 2020",
            "ubnd",
        ),
        ("1500/QĐ-UBND", D(2021, 7, 1), "Quyết định kiện toàn Ban Chỉ đạo", "ubnd"),
        (
            "106-KH/TU",
            D(2021, 1, 3),
            "Kế hoạch thực hiện Chương trình hành động",
            "committee",
        ),
        ("36-HD/BTGDVTU", D(2025, 11, 2), "Hướng dẫn sơ kết Dân vận khéo", "board"),
    ]
    for symbol, on, title, body in extra:
        services.register_document(
            actor=system_actor(),
            area=tree["province"],
            symbol_text=symbol,
            issued_on=on,
            title=title,
            issuer_body=bodies[body],
        )
    return documents


def references(response):
    return [d.reference for d in response.context["page"]]


def test_search_ignores_accents(client, users, register):
    client.force_login(users["province"])
    found = references(client.get(URL, {"q": "dan van kheo"}))
    assert sorted(found) == ["36-HD/BTGDVTU", "70/KH-UBND"]
    # Old tone placement and no accents at all find the same.
    assert references(client.get(URL, {"q": "di cư tự do"})) == references(
        client.get(URL, {"q": "DI CU TU DO"})
    )
    # Several words are also looked up without their spaces (an index of
    # their own on PostgreSQL), and still match only as written apart.
    assert sorted(references(client.get(URL, {"q": "vận   khéo"}))) == sorted(found)
    assert references(client.get(URL, {"q": "vankheo"})) == []


def test_search_by_symbol_typed_as_written(client, users, register):
    client.force_login(users["province"])
    assert references(client.get(URL, {"q": "Số: 70/KH-UBND"})) == ["70/KH-UBND"]
    assert references(client.get(URL, {"q": "106-kh/tu"})) == ["106-KH/TU"]
    # A Party symbol written the State way finds the Party document.
    assert references(client.get(URL, {"q": "09/CT-TU"})) == ["09-CT/TU"]
    assert references(client.get(URL, {"q": "chi thi so 09-CT/TU"})) == ["09-CT/TU"]


def test_filters(client, users, tree, bodies, register):
    client.force_login(users["province"])
    assert sorted(references(client.get(URL, {"kind": "quyet_dinh"}))) == [
        "1500/QĐ-UBND"
    ]
    assert sorted(references(client.get(URL, {"year": "2021"}))) == [
        "106-KH/TU",
        "1500/QĐ-UBND",
    ]
    assert sorted(references(client.get(URL, {"issuer": bodies["ubnd"].name}))) == [
        "1500/QĐ-UBND",
        "70/KH-UBND",
    ]
    assert references(client.get(URL, {"area": tree["commune"].pk})) == ["12-KH/ĐU"]
    register["directive"].refresh_from_db()
    assert references(client.get(URL, {"status": "replaced"})) == []
    combined = client.get(URL, {"kind": "ke_hoach", "year": "2025", "q": "di cu"})
    assert references(combined) == ["12-KH/ĐU"]


def test_area_filter_follows_lineage(client, users, tree):
    services.register_document(
        actor=system_actor(),
        area=tree["pa_lau"],
        symbol_text="05-NQ/ĐU",
        issued_on=D(2021, 2, 1),
        title="Nghị quyết của Đảng ủy xã Pá Lau",
        issuer_name="Đảng ủy xã Pá Lau",
    )
    client.force_login(users["commune"])
    # xã Pá Lau merged into xã Trạm Tấu: its documents are in Trạm Tấu's register.
    assert references(client.get(URL, {"area": tree["commune"].pk})) == ["05-NQ/ĐU"]


def test_sorting(client, users, register):
    client.force_login(users["province"])
    newest = references(client.get(URL))
    assert newest[0] == "36-HD/BTGDVTU"
    assert newest[-1] == "09-CT/TU"
    oldest = references(client.get(URL, {"sort": "-date"}))
    assert oldest == list(reversed(newest))
    by_number = references(client.get(URL, {"sort": "number"}))
    assert by_number[:2] == ["09-CT/TU", "12-KH/ĐU"]
    assert by_number[-1] == "1500/QĐ-UBND"


def test_pages_of_fifty_keep_the_filters(client, users, tree, bodies):
    for n in range(1, 56):
        services.register_document(
            actor=system_actor(),
            area=tree["commune"],
            symbol_text=f"{n:02d}/TB-UBND",
            issued_on=D(2025, 8, 1),
            title=f"Thông báo {n}",
            issuer_body=bodies["commune_ubnd"],
        )
    client.force_login(users["commune"])
    first = client.get(URL, {"kind": "thong_bao"})
    assert len(first.context["page"]) == 50
    assert "kind=thong_bao&amp;page=2" in first.content.decode()
    second = client.get(URL, {"kind": "thong_bao", "page": 2})
    assert len(second.context["page"]) == 5


def test_htmx_request_gets_only_the_rows(client, users, register):
    client.force_login(users["province"])
    response = client.get(URL, {"q": "106"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "106-KH/TU" in html
    assert "<html" not in html
    assert 'name="kind"' not in html


def test_list_query_count_does_not_grow_with_rows(
    client, users, register, django_assert_max_num_queries
):
    client.force_login(users["province"])
    client.get(URL)
    with django_assert_max_num_queries(14):
        client.get(URL)


def test_xlsx_export_has_the_filtered_list(client, users, register):
    client.force_login(users["province"])
    response = client.get(URL, {"q": "dan van kheo", "format": "xlsx"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "Số, ký hiệu",
        "Loại văn bản",
        "Ngày ban hành",
        "Cơ quan ban hành",
        "Trích yếu",
    )
    assert [r[0] for r in rows[1:]] == ["36-HD/BTGDVTU", "70/KH-UBND"]
    assert rows[2][2].date() == D(2020, 3, 2)
    assert rows[2][3] == "Ủy ban nhân dân tỉnh Lào Cai"


def test_xlsx_export_is_scoped(client, users, register):
    client.force_login(users["commune"])
    response = client.get(URL, {"format": "xlsx"})
    rows = list(
        load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    # The province's directive is read because the commune's plan implements it.
    assert [r[0] for r in rows[1:]] == ["12-KH/ĐU", "09-CT/TU"]


def test_issuer_box_suggests_issuers_of_the_users_documents(client, users, documents):
    client.force_login(users["commune"])
    response = client.get(reverse("documents:issuers"), {"issuer": "UY"})
    html = response.content.decode()
    # Its own plan's committee, and the province's directive it reads up;
    # never the sibling commune's UBND.
    assert 'value="Đảng ủy xã Trạm Tấu"' in html
    assert 'value="Ban Thường vụ Tỉnh ủy Lào Cai"' in html
    assert "Hạnh Phúc" not in html
    assert client.get(reverse("documents:issuers")).content.decode().strip() == ""
    # The list names no issuer until one is typed: a box, not 300 options.
    page = client.get(URL).content.decode()
    assert 'list="doc-issuers"' in page
    assert "Ban Thường vụ Tỉnh ủy Lào Cai</option>" not in page


def test_years_run_from_the_newest_document_to_the_oldest(client, users, documents):
    client.force_login(users["commune"])
    # The plan of 2025 and the directive of 2011 it implements.
    assert client.get(URL).context["years"] == list(range(2025, 2010, -1))
    assert references(client.get(URL, {"year": "2011"})) == ["09-CT/TU"]
    assert references(client.get(URL, {"year": "2015"})) == []
    assert client.get(URL).context["page"].paginator.count == 2
    # Kept between requests (so is the count), and read again once a
    # document is entered.
    services.register_document(
        actor=system_actor(),
        area=documents["plan"].area,
        symbol_text="03-KH/ĐU",
        issued_on=D(2008, 5, 6),
        title="Kế hoạch năm 2008",
        issuer_name="Đảng ủy xã",
    )
    assert client.get(URL).context["years"] == list(range(2025, 2007, -1))
    assert client.get(URL).context["page"].paginator.count == 3


def test_documents_read_up_the_tree_follow_a_new_relation_at_once(
    client, users, documents
):
    """The documents read up the tree are kept between requests (the shared
    "scopes" cache): a relation made or removed is seen by the next page."""
    sibling_plan, directive = documents["theirs"], documents["directive"]
    client.force_login(users["sibling"])

    def listed() -> set[int]:
        return {d.pk for d in client.get(reverse("documents:list")).context["page"]}

    assert listed() == {sibling_plan.pk}
    assert client.get(directive.get_absolute_url()).status_code == 404
    relation = services.relate_documents(
        actor=system_actor(), source=sibling_plan, target=directive, kind="implements"
    )
    assert listed() == {sibling_plan.pk, directive.pk}
    assert client.get(directive.get_absolute_url()).status_code == 200
    services.unrelate_documents(actor=system_actor(), relation=relation)
    assert listed() == {sibling_plan.pk}
    assert client.get(directive.get_absolute_url()).status_code == 404


def test_a_row_names_its_issuer_and_area_with_its_end(client, users, tree, bodies):
    """A row shows the issuing body's name when no issuer is written, and the
    register's area with the day it ended (read for the page's rows alone)."""
    services.register_document(
        actor=system_actor(),
        area=tree["pa_lau"],
        symbol_text="07-KH/ĐU",
        issued_on=D(2024, 3, 1),
        title="Kế hoạch của xã cũ",
        issuer_body=bodies["commune_committee"],
    )
    client.force_login(users["commune"])
    for query in ({}, {"q": "xa cu"}, {"sort": "title"}):
        html = client.get(URL, query).content.decode()
        assert "Đảng ủy xã Trạm Tấu<br>" in html
        end = tree["pa_lau"].valid_to.strftime("%d/%m/%Y")
        assert f"{tree['pa_lau'].full_name} (đến {end})" in html


def test_a_typed_area_keeps_its_own_count(client, users, register, tree):
    """The kept count is keyed on every parameter of the query string: an
    area typed in the picker (``area_q``, no JavaScript) filters the list and
    is not counted as the plain list, nor the other way round."""
    client.force_login(users["province"])
    url, api = reverse("documents:list"), "/api/v1/documents/"
    typed = client.get(url, {"area_q": "xã Hạnh Phúc"}).context["page"]
    plain = client.get(url).context["page"]
    assert typed.paginator.count < plain.paginator.count
    assert len(plain.object_list) == plain.paginator.count
    assert (
        client.get(url, {"area_q": "xã Hạnh Phúc"}).context["page"].paginator.count
        == typed.paginator.count
    )
    # The API takes an area by its key: a typed text there is no filter, and
    # whatever it kept is not the plain list's count.
    client.get(api, {"area": tree["sibling"].pk})
    assert client.get(api).json()["count"] == plain.paginator.count
