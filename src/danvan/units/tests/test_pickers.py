"""Pickers of areas and bodies: only the chosen option is rendered, the search
offers the field's own scoped rows, validation still refuses the rest."""

import datetime as dt
import re
from typing import Any, cast
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse

from danvan.common.actors import system_actor
from danvan.documents.filters import DocumentFilterSet
from danvan.documents.forms import DocumentForm, IssueForm, TermForm
from danvan.documents.models import Document
from danvan.meetings.filters import MeetingFilterSet
from danvan.meetings.models import Meeting
from danvan.units import services as units
from danvan.units.models import Area, Body
from danvan.units.widgets import RESULTS, UnitPicker, pickable, search

pytestmark = pytest.mark.django_db
AREAS = reverse("units:pick_areas")
BODIES = reverse("units:pick_bodies")
HTMX = {"HTTP_HX_REQUEST": "true"}


def option_values(html: str) -> list[str]:
    return re.findall(r'<option value="(\d+)"', html)


def picker_limits(html: str) -> dict[str, str]:
    url = re.search(r'hx-get="([^"]+)"', html)
    assert url is not None
    return dict(parse_qsl(urlsplit(url.group(1).replace("&amp;", "&")).query))


def test_the_search_offers_only_the_users_areas(client, users, tree):
    client.force_login(users["commune"])
    mine = client.get(AREAS, {"area_q": "tram tau"}, **HTMX).content.decode()
    assert str(tree["commune"].pk) in option_values(mine)
    theirs = client.get(AREAS, {"area_q": "hanh phuc"}, **HTMX).content.decode()
    assert option_values(theirs) == []
    assert "hanh phuc" in theirs  # only in “nothing found for …”

    client.force_login(users["province"])
    found = client.get(AREAS, {"area_q": "hanh phuc"}, **HTMX).content.decode()
    assert str(tree["sibling"].pk) in option_values(found)
    many = client.get(AREAS, {"q": "xa"}, **HTMX).content.decode()
    assert 0 < len(option_values(many)) <= RESULTS


def test_the_search_keeps_the_fields_scope_and_limits(client, users, tree):
    client.force_login(users["viewer"])
    seen = client.get(AREAS, {"q": "tram tau"}, **HTMX).content.decode()
    assert str(tree["commune"].pk) in option_values(seen)
    edit = client.get(AREAS, {"q": "tram tau", "scope": "edit"}, **HTMX)
    assert option_values(edit.content.decode()) == []


def test_without_htmx_the_search_is_a_page_of_links(client, users, tree):
    client.force_login(users["commune"])
    page = client.get(AREAS, {"q": "tram tau"}).content.decode()
    assert tree["commune"].get_absolute_url() in page
    assert "<html" in page


def test_the_widget_renders_the_chosen_option_and_a_search(users, tree):
    form = DocumentForm(user=users["province"])
    html = str(form["area"])
    assert html.count("<option") == 2  # the empty one and the user's area
    assert f'value="{tree["province"].pk}" selected' in html
    assert picker_limits(html) == {"scope": "edit"}
    assert 'name="area_q"' in html
    assert "data-picker-q" in html
    assert "<script" not in html
    assert "style=" not in html


def test_the_widget_names_the_limits_of_the_field(users, tree):
    on = dt.date(2026, 1, 5)
    term = TermForm(user=users["province"], initial={"starts_on": on})
    assert picker_limits(str(term["body"])) == {
        "kind": Body.Kind.PARTY_COMMITTEE,
        "on": "2026-01-05",
        "scope": "edit",
    }
    issue = IssueForm(user=users["province"], initial={"issued_on": on})
    assert picker_limits(str(issue["body"])) == {
        "numbered": "1",
        "on": "2026-01-05",
        "open": "1",
        "scope": "edit",
    }


@pytest.mark.parametrize(
    ("form", "name", "text"),
    [
        (lambda u: DocumentForm(user=u), "area", "xa"),
        (lambda u: DocumentForm(user=u), "issuer_body", "ban"),
        (lambda u: IssueForm(user=u), "body", "ban"),
        (lambda u: TermForm(user=u), "body", "dang"),
        (
            lambda u: DocumentFilterSet({}, Document.objects.all(), user=u).form,
            "area",
            "xa",
        ),
        (
            lambda u: MeetingFilterSet({}, Meeting.objects.visible_to(u)).form,
            "body",
            "a",
        ),
    ],
)
def test_what_the_search_offers_the_field_accepts(users, tree, form, name, text):
    """Rebuilt from the widget's address, the search's rows are the field's."""
    for user in (users["province"], users["commune"]):
        field: Any = form(user).fields[name]
        widget = cast(UnitPicker, field.widget)
        limits = dict(parse_qsl(urlsplit(widget.search_url()).query))
        rows = pickable(widget.model, user, limits)
        assert set(rows.values_list("pk", flat=True)) == set(
            field.queryset.values_list("pk", flat=True)
        )
        assert all(
            field.queryset.filter(pk=row.pk).exists() for row in search(rows, text)
        )


def test_a_forged_id_outside_the_scope_is_refused(users, tree):
    data = {"area": tree["sibling"].pk, "symbol_text": "1-KH/ĐU", "title": "T"}
    form = DocumentForm(data, user=users["commune"])
    assert not form.is_valid()
    assert "area" in form.errors


def test_without_javascript_a_typed_name_chooses_or_lists(users, tree):
    one = DocumentFilterSet(
        QueryDict("area_q=trung+tam"), Document.objects.all(), user=users["commune"]
    )
    assert one.form.is_valid()
    assert one.form.cleaned_data["area"] == tree["village"]

    units.create_village(actor=system_actor(), commune=tree["commune"], name="Tâm An")
    several = DocumentFilterSet(
        QueryDict("area_q=tam"), Document.objects.all(), user=users["commune"]
    )
    several.form.is_valid()
    assert "area" in several.form.errors  # not chosen: the list is not narrowed
    html = str(several.form["area"])
    assert len(option_values(html)) >= 2
    assert '<option value="tam"' not in html
    assert 'name="area_q" value="tam"' in html


def test_a_list_filter_offers_only_units_of_rows_the_user_sees(client, users, tree):
    body = units.create_body(
        actor=system_actor(),
        name="Ban Dân vận xã Hạnh Phúc",
        kind=Body.Kind.PARTY_BOARD,
        area=tree["sibling"],
    )
    form = MeetingFilterSet({}, Meeting.objects.visible_to(users["commune"])).form
    limits = picker_limits(str(form["body"]))
    assert limits == {"used": "meetings.meeting.convening_body"}
    client.force_login(users["province"])
    found = client.get(BODIES, {**limits, "q": "hanh phuc"}, **HTMX).content.decode()
    assert str(body.pk) not in option_values(found)  # it convened no meeting
    assert Area.objects.count() > 0
