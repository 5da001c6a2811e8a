"""The shared pieces of list pages: the pager, the sort header, the FilterSet base."""

import re
from html import unescape

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from danvan.common.filters import ListFilterSet, ordering, sort_choices
from danvan.documents.filters import DocumentFilterSet
from danvan.documents.models import Document


def _links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


def _render(template: str, path: str, **context) -> str:
    request = RequestFactory().get(path)
    return render_to_string(template, {"request": request, **context}, request)


def test_pager_keeps_every_filter_and_the_order():
    page = Paginator(range(120), 50).get_page(2)
    html = _render(
        "components/pager.html",
        "/documents/?q=d%C3%A2n+v%E1%BA%ADn&kind=ke_hoach&sort=-date&page=2&format=xlsx",
        page=page,
    )
    previous, following = _links(html)
    assert previous == "?q=d%C3%A2n+v%E1%BA%ADn&kind=ke_hoach&sort=-date&page=1"
    assert following == "?q=d%C3%A2n+v%E1%BA%ADn&kind=ke_hoach&sort=-date&page=3"
    # The rows are swapped in place and the address follows.
    assert 'hx-target="#rows"' in html
    assert 'hx-push-url="true"' in html


def test_second_pager_of_a_page_uses_its_own_parameter_without_htmx():
    page = Paginator(range(120), 50).get_page(1)
    html = _render(
        "components/pager.html",
        "/review/?year=2025&page=3",
        page=page,
        page_param="epage",
        no_htmx=True,
    )
    assert _links(html) == ["?year=2025&page=3&epage=2"]
    assert "hx-get" not in html


def test_pager_is_absent_for_one_page():
    page = Paginator(range(3), 50).get_page(1)
    assert "pager" not in _render("components/pager.html", "/x/", page=page)


@pytest.mark.parametrize(
    ("current", "expected_sort", "aria"),
    [
        ("", "date", None),
        ("date", "-date", "ascending"),
        ("-date", "date", "descending"),
    ],
)
def test_sort_link_toggles_and_starts_from_the_first_page(current, expected_sort, aria):
    html = _render(
        "components/sort_link.html",
        f"/meetings/?q=hoi+nghi&page=4&sort={current}",
        sort=current,
        key="date",
        label="Ngày",
    )
    (link,) = set(_links(html))
    assert link == f"?q=hoi+nghi&sort={expected_sort}"
    if aria:
        assert f'aria-sort="{aria}"' in html
    else:
        assert "aria-sort" not in html


def test_sort_keys_and_ordering_reverse_each_field():
    sorts: dict[str, tuple[str, ...]] = {"date": ("-issued_on", "pk")}
    assert sort_choices(sorts) == [("date", "date"), ("-date", "-date")]
    forward = [str(o) for o in ordering(sorts, "date")]
    backward = [str(o) for o in ordering(sorts, "-date")]
    assert "descending=True" in forward[0]
    assert "descending=False" in forward[1]
    assert "descending=False" in backward[0]
    assert "descending=True" in backward[1]


def test_every_list_filter_form_is_a_clean_form():
    from danvan.common.forms import CleanTextMixin

    assert issubclass(ListFilterSet._meta.form, CleanTextMixin)


@pytest.mark.django_db
def test_wrong_values_are_ignored_not_an_error(users):
    user = users["commune"]
    visible = Document.objects.visible_to(user)
    filters = DocumentFilterSet(
        {"kind": "nonsense", "year": "abc", "area": "999999999", "sort": "x;drop"},
        visible,
        user=user,
    )
    assert list(filters.qs) == list(visible.order_by("-issued_on", "-pk"))
    assert filters.sort_key == "date"
