"""The Jinja2 rows of lists: the same addresses, escaping and words as the
Django templates around them."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from danvan.common.jinja import options, render_rows
from danvan.common.links import detail_url


@pytest.mark.parametrize(
    "name",
    [
        "meetings:detail",
        "meetings:task_detail",
        "documents:detail",
        "units:area_detail",
    ],
)
@pytest.mark.parametrize("pk", [1, 7, 123_456_789])
def test_detail_url_is_what_reverse_gives(name: str, pk: int) -> None:
    assert detail_url(name, pk) == reverse(name, args=[pk])


def test_detail_url_follows_the_script_prefix() -> None:
    from django.urls import get_script_prefix, set_script_prefix

    before = get_script_prefix()
    try:
        set_script_prefix("/danvan/")
        assert detail_url("meetings:detail", 5) == "/danvan/meetings/5/"
        assert detail_url("meetings:detail", 5) == reverse("meetings:detail", args=[5])
    finally:
        set_script_prefix(before)
    assert detail_url("meetings:detail", 5) == reverse("meetings:detail", args=[5])


def test_options_escape_and_select() -> None:
    html = str(options([("a", "<b>"), ("b&c", 'say "x"')], "b&c"))
    assert html == (
        '<option value="a">&lt;b&gt;</option>'
        '<option value="b&amp;c" selected>say &#34;x&#34;</option>'
    )


def _render(source: str, **context: object) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_values_are_escaped_and_safe_strings_kept() -> None:
    from django.utils.safestring import mark_safe

    assert _render("{{ v }}", v="<script>") == "&lt;script&gt;"
    assert _render("{{ v }}", v=mark_safe("<b>ok</b>")) == "<b>ok</b>"


def test_dates_numbers_and_words_as_on_the_django_pages() -> None:
    import datetime as dt

    assert _render("{{ d|vndate }}", d=dt.date(2026, 12, 5)) == "05/12/2026"
    assert _render("{{ n|vnnumber }}", n=15_000_000) == "15.000.000"
    assert _render("{{ s|truncatechars(5) }}", s="abcdefgh") == "abcd…"
    with translation.override("vi"):
        assert _render('{{ _("Status") }}') == translation.gettext("Status")
        assert _render('{{ _("Status") }}') != "Status"
    with translation.override("en"):
        assert _render('{{ _("Status") }}') == "Status"


def test_task_rows_escape_titles_and_share_one_csrf_token() -> None:
    import datetime as dt

    from danvan.meetings.models import Meeting, Task
    from danvan.meetings.views import task_status_options
    from danvan.units.models import Body

    meeting = Meeting(pk=3, title="Họp <b>giao ban</b>", held_on=dt.date(2026, 1, 5))
    body = Body(pk=4, name="Ban Dân vận")
    rows = []
    for pk in (11, 12):
        task = Task(pk=pk, title="<script>x</script>", status=Task.Status.OPEN)
        task.meeting = meeting
        task.owner_body = body
        task.editable = True  # type: ignore[attr-defined]
        rows.append(task)
    request = RequestFactory().get("/meetings/tasks/")
    html = render_rows(
        "meetings/task_rows.html",
        {"rows": rows, "row": "list", "status_options": task_status_options()},
        request,
    )
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Họp &lt;b&gt;giao ban&lt;/b&gt;" in html
    assert f'href="{reverse("meetings:task_detail", args=[11])}"' in html
    assert f'action="{reverse("meetings:task_status", args=[12])}"' in html
    assert "05/01/2026" in html
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1
    assert len(html.split("csrfmiddlewaretoken")) == 3


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Rà soát tình hình",
        "a" * 10,
        "a" * 11,
        "Nghị quyết " * 3,
        "Tuyên truyền",  # "e" + a combining accent: shorter once composed
        "ệ" * 10,
    ],
)
@pytest.mark.parametrize("length", [0, 1, 10, 200])
def test_truncatechars_is_djangos(text: str, length: int) -> None:
    from django.template.defaultfilters import truncatechars as django_truncatechars
    from django.utils.safestring import SafeData, mark_safe

    from danvan.common.jinja import truncatechars

    assert truncatechars(text, length) == django_truncatechars(text, length)
    assert isinstance(truncatechars(mark_safe(text), length), SafeData) == isinstance(
        django_truncatechars(mark_safe(text), length), SafeData
    )


def test_isodatetime_is_djangos_date_c() -> None:
    import datetime as dt

    from django.template.defaultfilters import date
    from django.utils import timezone

    from danvan.common.jinja import isodatetime

    moment = dt.datetime(2026, 12, 5, 23, 30, 15, 123, tzinfo=dt.UTC)
    assert isodatetime(moment) == date(timezone.localtime(moment), "c")
    assert isodatetime(None) == ""
