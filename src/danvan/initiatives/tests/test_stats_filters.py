"""The statistics page's parameters: Vietnamese messages, and an area picker
that offers the units of the chosen year (the districts of 2024 for 2024)."""

import html
import re
from typing import Any
from urllib.parse import quote

import pytest
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from danvan.common.actors import system_actor
from danvan.initiatives.stats.filters import StatsFilterForm
from danvan.units import services as units
from danvan.units.models import Area, Body

pytestmark = pytest.mark.django_db


def _queryset(form: StatsFilterForm, name: str) -> QuerySet[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    assert field.queryset is not None
    return field.queryset


URL = reverse("initiatives:stats")
SEARCH = reverse("initiatives:stats_areas")


def picker(client, user, text, **params):
    """What the page's area picker finds for ``text``: {pk: label}."""
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    page = response.content.decode()
    search = re.search(r'hx-get="([^"]+)"[^>]*hx-target="previous select"', page)
    assert search is not None
    # The search's own limits are in its address: the test client would
    # replace them with a ``data`` argument.
    url = search.group(1).replace("&amp;", "&") + "&area_q="
    found = client.get(url + quote(text), headers={"HX-Request": "true"})
    options = re.findall(r'<option value="(\d+)">([^<]*)<', found.content.decode())
    return {int(pk): html.unescape(label) for pk, label in options}


def form_errors(user, **params):
    data = QueryDict(mutable=True)
    data.update(params)
    with translation.override("vi"):
        form = StatsFilterForm(data, user=user)
        form.is_valid()
        return form.messages()


def test_messages_are_vietnamese(users):
    user = users["province"]
    last = timezone.localdate().year + 1
    assert form_errors(user, n="0") == ["N phải từ 1 đến 1000."]
    assert form_errors(user, n="nhiều") == ["N phải từ 1 đến 1000."]
    assert form_errors(user, year="1990") == [f"Năm phải từ 2009 đến {last}."]
    assert form_errors(user, **{"from": "31/13/2024", "to": "2024-12-31"}) == [
        "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 31/12/2024."
    ]
    assert form_errors(user, **{"from": "2024-02-01"}) == [
        "Hãy nhập ngày bắt đầu và ngày kết thúc của kỳ, ngày bắt đầu trước."
    ]
    assert form_errors(user, **{"from": "01/02/2024", "to": "29/02/2024"}) == []


def test_page_shows_the_messages_and_falls_back(client, users, tree):
    client.force_login(users["province"])
    response = client.get(URL, {"year": "1990", "n": "0"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Năm phải từ 2009" in body
    assert "N phải từ 1 đến 1000." in body
    choice = response.context["choice"]
    assert choice.year == timezone.localdate().year
    assert choice.n == 10


def test_province_user_picks_the_districts_of_2024(client, users, tree):
    old_district = tree["old_district"]  # huyện Trạm Tấu of tỉnh Yên Bái
    user = users["province"]
    offered = picker(client, user, "tram tau", year=2024)
    assert old_district.pk in offered
    assert tree["commune"].pk not in offered  # xã Trạm Tấu begins on 1/7/2025
    assert offered[old_district.pk] == "Huyện Trạm Tấu — Tỉnh Yên Bái (đến 30/06/2025)"
    assert tree["yen_bai"].pk in picker(client, user, "yen bai", year=2024)
    assert tree["pa_lau"].pk in picker(client, user, "pa lau", year=2024)

    offered = picker(client, user, "tram tau", year=2026)
    assert old_district.pk not in offered
    assert tree["commune"].pk in offered
    assert tree["pa_lau"].pk not in picker(client, user, "pa lau", year=2026)
    assert tree["sibling"].pk in picker(client, user, "hanh phuc", year=2026)

    # A period inside 2024 is the same as the year 2024.
    period = {"from": "2024-03-01", "to": "2024-06-30"}
    assert old_district.pk in picker(client, user, "tram tau", year="", **period)


def test_the_page_holds_only_the_chosen_area(client, users, tree):
    client.force_login(users["province"])
    page = client.get(URL, {"year": 2026}).content.decode()
    picker_html = page[page.index('id="stats-area"') : page.index("</select>")]
    assert picker_html.count("<option") == 2  # no choice, and tỉnh Lào Cai
    assert "selected>Tỉnh Lào Cai</option>" in picker_html
    # Without JavaScript, a name typed in the picker's box chooses the unit.
    response = client.get(URL, {"year": 2026, "area_q": "xa hanh phuc"})
    assert response.status_code == 200
    assert response.context["choice"].area == tree["sibling"]
    # A name that matches several units is no error page: they are listed.
    response = client.get(URL, {"year": 2024, "area_q": "tram tau"})
    assert response.status_code == 200
    assert response.context["choice"].area == tree["province"]
    assert "Huyện Trạm Tấu — Tỉnh Yên Bái" in response.content.decode()


def test_a_2024_report_by_the_district_of_the_time(client, users, tree):
    client.force_login(users["province"])
    response = client.get(URL, {"area": tree["old_district"].pk, "year": 2024})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.area_id == tree["old_district"].pk
    assert stats.on.year in (2024, 2025)
    # Its sub-units are the communes of the time.
    names = {u.name for u in stats.units_with_at_least_n_effective.units}
    assert "Xã Pá Lau" in names


def test_commune_user_never_gets_the_siblings_units(client, users, tree):
    user = users["commune"]
    sibling_past = {a.pk for a in Area.objects.within(tree["sibling"])}
    for year in (2024, 2026, ""):
        offered = picker(client, user, "hanh phuc", year=year)
        assert not set(offered) & sibling_past, year
        assert tree["province"].pk not in picker(client, user, "lao cai", year=year)
        assert tree["yen_bai"].pk not in picker(client, user, "yen bai", year=year)
    assert tree["pa_lau"].pk in picker(client, user, "pa lau", year=2024)
    assert tree["village"].pk in picker(client, user, "trung tam", year=2026)


def test_search_finds_units_valid_that_year_in_scope(client, users, tree):
    client.force_login(users["province"])
    response = client.get(SEARCH, {"q": "tram tau", "year": 2024})
    assert response.status_code == 200
    found = dict(response.context["areas"])
    assert tree["old_district"].pk in found
    assert tree["commune"].pk not in found
    response = client.get(
        SEARCH, {"q": "tram tau", "year": 2026}, headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert fragment.lstrip().startswith("<option")
    assert "<html" not in fragment
    assert f'value="{tree["commune"].pk}"' in fragment
    assert f'value="{tree["old_district"].pk}"' not in fragment

    client.force_login(users["commune"])
    response = client.get(SEARCH, {"q": "hanh phuc", "year": 2026})
    assert response.context["areas"] == []
    assert "Hạnh Phúc" not in response.content.decode()
    response = client.get(SEARCH, {"q": "pa lau", "year": 2024})
    assert [pk for pk, _label in response.context["areas"]] == [tree["pa_lau"].pk]


def test_search_of_an_area_out_of_scope_is_404(client, users, tree):
    client.force_login(users["commune"])
    response = client.get(SEARCH, {"q": "x", "area": tree["sibling"].pk})
    assert response.status_code == 404


def test_the_form_offers_only_rows_in_scope(users, tree):
    theirs = units.create_body(
        actor=system_actor(),
        name="Ủy ban nhân dân xã Hạnh Phúc",
        kind=Body.Kind.PEOPLES_COMMITTEE,
        area=tree["sibling"],
    )
    form = StatsFilterForm(None, user=users["commune"])
    areas = _queryset(form, "area")
    assert areas.filter(pk=tree["pa_lau"].pk).exists()
    assert not areas.filter(pk__in=[tree["sibling"].pk, tree["province"].pk]).exists()
    assert not _queryset(form, "body").filter(pk=theirs.pk).exists()
    assert not _queryset(StatsFilterForm(None, user=None), "area").exists()
