"""Every page, as a commune user, a sibling commune and the province see it."""

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.common.links import route_parts
from danvan.units import services
from danvan.units.models import Area, Body

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(tree):
    def bodies_and_people(area, name):
        body = services.create_body(
            actor=system_actor(),
            name=f"Đảng ủy xã {name}",
            kind=Body.Kind.PARTY_COMMITTEE,
            area=area,
        )
        person = services.create_person(
            actor=system_actor(), full_name=f"Người {name}", area=area
        )
        services.appoint(
            actor=system_actor(),
            person=person,
            body=body,
            title="Bí thư Đảng ủy xã",
            valid_from=dt.date(2025, 7, 1),
        )
        return body, person

    mine = bodies_and_people(tree["commune"], "Trạm Tấu")
    theirs = bodies_and_people(tree["sibling"], "Hạnh Phúc")
    return {
        "body": mine[0],
        "person": mine[1],
        "their_body": theirs[0],
        "their_person": theirs[1],
    }


def detail_urls(tree, records, side):
    """The pages of one side: ``mine`` (xã Trạm Tấu) or ``theirs`` (xã Hạnh Phúc)."""
    area = tree["commune"] if side == "mine" else tree["sibling"]
    body = records["body"] if side == "mine" else records["their_body"]
    person = records["person"] if side == "mine" else records["their_person"]
    return [
        reverse("units:area_detail", args=[area.pk]),
        reverse("units:area_children", args=[area.pk]),
        reverse("units:body_detail", args=[body.pk]),
        reverse("units:person_detail", args=[person.pk]),
    ]


def test_pages_need_sign_in(client, tree, records):
    for url in [
        reverse("home"),
        reverse("units:area_list"),
        reverse("units:person_list"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    for url in detail_urls(tree, records, "mine"):
        assert client.get(url).status_code == 302


def test_commune_user_opens_own_pages(client, tree, users, records):
    client.force_login(users["commune"])
    for url in detail_urls(tree, records, "mine"):
        assert client.get(url).status_code == 200, url


def test_commune_user_cannot_open_sibling_pages(client, tree, users, records):
    client.force_login(users["commune"])
    for url in detail_urls(tree, records, "theirs"):
        assert client.get(url).status_code == 404, url


def test_province_user_opens_both_communes(client, tree, users, records):
    client.force_login(users["province"])
    for url in detail_urls(tree, records, "mine") + detail_urls(
        tree, records, "theirs"
    ):
        assert client.get(url).status_code == 200, url


def test_lists_show_only_the_users_subtree(client, tree, users, records):
    client.force_login(users["commune"])
    people = client.get(reverse("units:person_list")).content.decode()
    assert "Người Trạm Tấu" in people
    assert "Người Hạnh Phúc" not in people
    found = client.get(reverse("units:area_list"), {"q": "xa"}).content.decode()
    assert "Xã Trạm Tấu" in found
    assert "Xã Hạnh Phúc" not in found
    home = client.get(reverse("home")).content.decode()
    assert "Xã Trạm Tấu" in home


def test_commune_user_cannot_add_a_village_to_the_sibling(client, tree, users):
    client.force_login(users["commune"])
    url = reverse("units:village_create", args=[tree["sibling"].pk])
    assert client.post(url, {"name": "Lạ", "kind": "thon"}).status_code == 404
    assert not tree["sibling"].children.exists()


def test_viewer_cannot_add_a_village(client, tree, users):
    client.force_login(users["viewer"])
    url = reverse("units:village_create", args=[tree["commune"].pk])
    assert client.post(url, {"name": "Mới", "kind": "thon"}).status_code == 403


def test_editor_adds_a_village_and_the_change_is_logged(client, tree, users):
    client.force_login(users["commune"])
    url = reverse("units:village_create", args=[tree["commune"].pk])
    response = client.post(url, {"name": "Tà Chử", "kind": "ban"}, follow=True)
    assert response.status_code == 200
    village = Area.objects.get(parent=tree["commune"], name="Tà Chử")
    assert village.full_name == "Bản Tà Chử"
    assert village.path.startswith(tree["commune"].path)
    entry = LogEntry.objects.get_for_object(village).get()
    assert entry.actor == users["commune"]
    page = client.get(village.get_absolute_url()).content.decode()
    assert "commune" in page  # the actor is shown in the change log


def test_the_area_page_shows_both_sides_of_its_history(client, tree, users):
    client.force_login(users["province"])
    page = client.get(tree["commune"].get_absolute_url()).content.decode()
    formed = page.split("Hình thành từ")[1].split("</ul>")[0]
    # Its predecessors by name, each with its code, the change and its date.
    names = ["Xã Pá Hu", "Xã Pá Lau", "Xã Trạm Tấu", "Xã Túc Đán"]
    assert [formed.index(f">{name}</a>") for name in names] == sorted(
        formed.index(f">{name}</a>") for name in names
    )
    pa_lau = tree["pa_lau"]
    assert f'href="{pa_lau.get_absolute_url()}">Xã Pá Lau</a>' in formed
    assert f"({pa_lau.code})" in formed
    assert "sáp nhập 01/07/2025" in formed
    old = client.get(pa_lau.get_absolute_url()).content.decode()
    passed = old.split("Sáp nhập hoặc chuyển vào")[1].split("</ul>")[0]
    assert f'href="{tree["commune"].get_absolute_url()}">Xã Trạm Tấu</a>' in passed
    assert "Hình thành từ" not in old


def test_the_area_page_lists_its_people_with_their_positions(client, tree, users):
    commune = tree["commune"]
    body = services.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=commune,
    )
    person = services.create_person(
        actor=system_actor(), full_name="Lò Văn Tâm", area=commune
    )
    services.create_person(actor=system_actor(), full_name="Giàng A Páo", area=commune)
    for title, since in (("Ủy viên", 2020), ("Bí thư", 2025)):
        services.appoint(
            actor=system_actor(),
            person=person,
            body=body,
            title=title,
            valid_from=dt.date(since, 7, 1),
        )
    client.force_login(users["commune"])
    page = client.get(commune.get_absolute_url()).content.decode()
    people = page.split("<h2>Cán bộ, nhân sự</h2>")[1].split("</ul>")[0]
    # By name, each with the titles of their positions, the latest first.
    assert people.index("Giàng A Páo") < people.index("Lò Văn Tâm")
    mine = people.split(f'href="{person.get_absolute_url()}">Lò Văn Tâm</a>')[1]
    assert re.sub(r"\s+", " ", mine).startswith(
        ' <span class="muted">· Bí thư</span><span class="muted">· Ủy viên</span></li>'
    )
    other = people.split("Giàng A Páo</a>")[1].split("</li>")[0]
    assert "muted" not in other


def test_the_units_below_link_to_their_pages(client, tree, users):
    """The rows write their addresses around the route read once
    (common.links.route_parts): the same as reverse()."""
    before, after = route_parts("units:area_detail")
    assert f"{before}7{after}" == reverse("units:area_detail", args=[7])
    client.force_login(users["province"])
    page = client.get(tree["province"].get_absolute_url()).content.decode()
    below = page.split('<ul class="columns">')[1].split("</ul>")[0]
    commune = tree["commune"]
    link = f'<a href="{reverse("units:area_detail", args=[commune.pk])}">'
    assert f"{link}{commune.full_name}</a>" in below
    assert below.count("<li") == tree["province"].children.in_force().count()


def test_the_village_form_loads_on_demand(client, tree, users):
    """The commune's page builds no form: its "add a village" box fetches it."""
    client.force_login(users["commune"])
    url = reverse("units:village_create", args=[tree["commune"].pk])
    page = client.get(tree["commune"].get_absolute_url()).content.decode()
    assert f'hx-get="{url}"' in page
    assert 'name="kind"' not in page
    # For htmx, the form alone; without JavaScript, a page of its own.
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith("<form")
    assert f'action="{url}"' in part
    assert 'name="name"' in part
    assert 'name="kind"' in part
    full = client.get(url).content.decode()
    assert "<html" in full
    assert f'action="{url}"' in full
    assert tree["commune"].full_name in full


def test_the_village_form_is_only_for_editors_of_a_commune(client, tree, users):
    client.force_login(users["viewer"])
    url = reverse("units:village_create", args=[tree["commune"].pk])
    assert client.get(url).status_code == 403
    page = client.get(tree["commune"].get_absolute_url()).content.decode()
    assert url not in page
    client.force_login(users["province"])
    province = reverse("units:village_create", args=[tree["province"].pk])
    refused = client.get(province, follow=True)
    assert refused.redirect_chain == [(tree["province"].get_absolute_url(), 302)]
    assert "Chỉ thêm được thôn" in refused.content.decode()  # under a commune
    assert (
        province not in client.get(tree["province"].get_absolute_url()).content.decode()
    )


def test_duplicate_village_gets_a_clear_message(client, tree, users):
    client.force_login(users["commune"])
    url = reverse("units:village_create", args=[tree["commune"].pk])
    response = client.post(url, {"name": "trung tam", "kind": "thon"}, follow=True)
    assert "đã có" in response.content.decode()
    assert tree["commune"].children.count() == 1


def test_unit_search_ignores_diacritics(client, tree, users):
    client.force_login(users["province"])
    for text in ["tram tau", "Trạm Tấu", "Trạm Tâu"]:
        page = client.get(reverse("units:area_list"), {"q": text}).content.decode()
        assert "Xã Trạm Tấu" in page, text
        assert "Huyện Trạm Tấu" in page, text  # the old district stays findable


def test_search_partial_for_htmx(client, tree, users):
    client.force_login(users["province"])
    response = client.get(
        reverse("units:area_list"), {"q": "tram tau"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "Xã Trạm Tấu" in content
    assert "<html" not in content


def test_history_of_a_merged_commune(client, tree, users):
    client.force_login(users["commune"])
    page = client.get(tree["commune"].get_absolute_url()).content.decode()
    for old in ("Xã Pá Lau", "Xã Túc Đán", "Xã Pá Hu"):
        assert old in page
    old_page = client.get(tree["pa_lau"].get_absolute_url()).content.decode()
    assert "Xã Trạm Tấu" in old_page
    assert "01/07/2025" in old_page


def test_person_page_shows_positions_and_change_log(client, tree, users, records):
    client.force_login(users["commune"])
    page = client.get(records["person"].get_absolute_url()).content.decode()
    assert "Bí thư Đảng ủy xã" in page
    assert "Đảng ủy xã Trạm Tấu" in page


def test_pages_are_vietnamese_first_and_switch_to_english(client, tree, users):
    client.force_login(users["commune"])
    page = client.get(reverse("units:area_list")).content.decode()
    assert 'lang="vi"' in page
    assert "Tìm kiếm" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("units:area_list")).content.decode()
    assert 'lang="en"' in page
    assert "Unit browser" in page


def test_login_page_and_bad_password(client, tree, users):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Đăng nhập" in page
    response = client.post(
        reverse("accounts:login"), {"username": "commune", "password": "wrong"}
    )
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    response = client.post(
        reverse("accounts:login"), {"username": "commune", "password": "secret-pass-1"}
    )
    assert response.status_code == 302


def test_person_list_query_count_is_fixed(
    client, tree, users, records, django_assert_max_num_queries
):
    for i in range(5):
        services.create_person(
            actor=system_actor(), full_name=f"Người số {i}", area=tree["commune"]
        )
    client.force_login(users["commune"])
    client.get(reverse("units:person_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("units:person_list"))


def test_browser_language_does_not_override_vietnamese(client, tree, users):
    client.force_login(users["commune"])
    page = client.get(reverse("home"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="vi"' in page.content.decode()


def test_position_changes_show_on_the_person_page(client, tree, users, records):
    client.force_login(users["commune"])
    position = records["person"].positions.get()
    position.title = "Phó Bí thư Đảng ủy xã"
    from danvan.common.audit import acting_as

    with acting_as(users["commune"]):
        position.save()
    page = client.get(records["person"].get_absolute_url()).content.decode()
    assert "<del>Bí thư Đảng ủy xã</del> → Phó Bí thư Đảng ủy xã" in page
    assert "<dt>Chức danh</dt>" in page


def test_sign_out_ends_the_session(client, tree, users):
    client.force_login(users["commune"])
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_people_search_ignores_accents(client, tree, users, records):
    client.force_login(users["commune"])
    page = client.get(
        reverse("units:person_list"), {"q": "nguoi tram"}
    ).content.decode()
    assert "Người Trạm Tấu" in page


def test_names_are_shown_family_name_first(client, tree):
    from conftest import make_user

    user = make_user("dua", area=tree["commune"])
    user.first_name, user.last_name = "Dua", "Giàng Thị"
    user.save()
    client.force_login(user)
    assert "Giàng Thị Dua" in client.get(reverse("home")).content.decode()
