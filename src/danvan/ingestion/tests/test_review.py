"""The review page: the text with its facts marked, the facts confirmed by an editor."""

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from danvan.ingestion import forms
from danvan.ingestion.models import Source
from danvan.ingestion.tests.conftest import FACTS

pytestmark = pytest.mark.django_db


def form_data(source, **changes):
    """The POST of the review form as the page fills it, with ``changes``."""
    data = {
        "title": FACTS["title"],
        "published": "",
        "period_start": "2025-07-01",
        "period_end": "2025-09-30",
        "meeting_kind": "giao ban",
        "meeting_date": "2025-10-03",
        "authors": "Mùa Thị Dua",
        "movements": "“Dân vận khéo”\nDân vận khéo",
        "body": "",
        "doc_refs-TOTAL_FORMS": "2",
        "doc_refs-INITIAL_FORMS": "1",
        "doc_refs-0-kind": "Chỉ thị",
        "doc_refs-0-number": "49",
        "doc_refs-0-symbol": "CT/TW",
        "doc_refs-0-date": "2015-10-20",
        "doc_refs-0-issuer": "Ban Bí thư",
        "doc_refs-1-kind": "",
        "doc_refs-1-number": "",
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "1",
        "people-0-name": "Giàng A Sử",
        "people-0-position": "Chủ tịch Ủy ban MTTQ Việt Nam xã",
        "people-1-name": "Mùa A Chu",
        "people-1-position": "Trưởng thôn Tà Chử",
        "places-TOTAL_FORMS": "1",
        "places-INITIAL_FORMS": "1",
        "places-0-name": "Trạm Tấu",
        "places-0-level": "xã",
        "figures-TOTAL_FORMS": "3",
        "figures-INITIAL_FORMS": "3",
        "figures-0-kind": "percent",
        "figures-0-value": "100",
        "figures-1-kind": "ratio",
        "figures-1-value": "9/9",
        "figures-2-kind": "money",
        "figures-2-value": "350.000.000",
        "figures-2-DELETE": "",
    }
    data.update(changes)
    return data


def test_review_page_marks_the_facts_in_the_text(client, users, sources):
    client.force_login(users["commune"])
    page = client.get(sources["mine"].get_absolute_url()).content.decode()
    assert (
        '<mark class="fact fact-person" title="Chủ tịch Ủy ban MTTQ Việt Nam xã">Giàng A Sử</mark>'
        in page
    )
    assert (
        '<mark class="fact fact-docref" title="Chỉ thị">Chỉ thị số 49-CT/TW</mark>'
        in page
    )
    assert '<mark class="fact fact-movement">Dân vận khéo</mark>' in page
    # The form is filled with the extracted facts, ready to correct.
    assert 'name="people-0-name" value="Giàng A Sử"' in page
    assert 'name="figures-3-value" value="9/9"' in page
    assert 'value="03/10/2025"' in page  # typed and shown dd/mm/yyyy
    assert "Xác nhận" in page


def test_editor_confirms_and_who_and_when_are_kept_and_audited(client, users, sources):
    source = sources["mine"]
    client.force_login(users["commune"])
    before = dt.datetime.now(dt.UTC)
    response = client.post(source.get_absolute_url(), form_data(source), follow=True)
    assert response.status_code == 200
    assert "Đã xác nhận các dữ kiện." in response.content.decode()

    source.refresh_from_db()
    assert source.confirmed_by == users["commune"]
    assert source.confirmed_at >= before
    facts = source.confirmed_facts
    assert facts["movements"] == ["Dân vận khéo"]
    assert [p["name"] for p in facts["people"]] == ["Giàng A Sử", "Mùa A Chu"]
    assert facts["figures"] == [
        {"kind": "percent", "value": 100, "what": None},
        {"kind": "ratio", "value": [9, 9], "what": None},
        {"kind": "money", "value": 350000000, "what": None},
    ]
    assert facts["doc_refs"] == [FACTS["doc_refs"][0]]
    assert facts["meeting"] == {"kind": "giao ban", "date": "2025-10-03"}
    assert source.facts == FACTS  # what the extractor read is kept apart

    entry = LogEntry.objects.get_for_object(source).latest("timestamp")
    assert entry.actor == users["commune"]
    assert {"confirmed_facts", "confirmed_by", "confirmed_at"} <= set(
        entry.changes_dict
    )
    page = response.content.decode()
    assert "đã xác nhận" in page
    assert 'name="people-1-name" value="Mùa A Chu"' in page  # shown from now on


def test_deleted_rows_are_dropped(client, users, sources):
    client.force_login(users["commune"])
    source = sources["mine"]
    client.post(
        source.get_absolute_url(), form_data(source, **{"figures-2-DELETE": "on"})
    )
    source.refresh_from_db()
    assert [f["kind"] for f in source.confirmed_facts["figures"]] == [
        "percent",
        "ratio",
    ]


def test_an_invalid_form_is_shown_again_with_its_errors(client, users, sources):
    client.force_login(users["commune"])
    source = sources["mine"]
    data = form_data(source, **{"figures-1-value": "chín", "period_end": "2025-01-01"})
    response = client.post(source.get_absolute_url(), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ghi tỷ lệ bằng hai số: 9/9." in page
    assert "Ngày kết thúc đứng trước ngày bắt đầu." in page
    source.refresh_from_db()
    assert source.confirmed_at is None


def test_htmx_confirmation_redirects_the_client(client, users, sources):
    client.force_login(users["commune"])
    source = sources["mine"]
    response = client.post(
        source.get_absolute_url(), form_data(source), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == source.get_absolute_url()


def test_viewer_sees_the_facts_but_cannot_confirm(client, users, sources):
    source = sources["mine"]
    client.force_login(users["viewer"])
    page = client.get(source.get_absolute_url()).content.decode()
    assert '<mark class="fact fact-person"' in page
    assert 'name="people-0-name" value="Giàng A Sử"' in page
    assert "disabled" in page
    assert "Xác nhận</button>" not in page
    response = client.post(source.get_absolute_url(), form_data(source))
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.confirmed_at is None


def test_the_original_file_is_downloaded_as_brought_in(client, users, sources):
    source = sources["mine"]
    client.force_login(users["commune"])
    response = client.get(reverse("ingestion:source_original", args=[source.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == source.original.open("rb").read()
    assert "attachment" in response["Content-Disposition"]


def test_confirmed_title_renames_the_source(client, users, sources):
    client.force_login(users["commune"])
    source = sources["mine"]
    client.post(source.get_absolute_url(), form_data(source, title="Giao ban quý III"))
    assert Source.objects.search("giao ban quy iii").get() == source


def _lists(page: str) -> str:
    """The lists of facts of a review page, whitespace and quotes made even."""
    start = page.index('<fieldset class="fact-rows">')
    part = page[start : page.index("<details>", start)]
    part = part.replace("&quot;", "&#34;").replace("&#x27;", "&#39;")
    return re.sub(r"\s+", " ", part).replace("> <", "><")


@pytest.mark.parametrize("who", ["commune", "viewer"])
def test_the_lists_are_written_as_django_writes_the_formsets(
    client, users, sources, monkeypatch, who
):
    """The rows of an unbound form are written from the record
    (ingestion/fact_rows.html); Django's formsets write the same HTML."""
    source = sources["mine"]
    facts = {
        **FACTS,
        # Quotes, markup and a ratio, a blank select and a date.
        "people": [{"name": 'Lò "Văn" <A>', "position": None}],
        "places": [{"name": "Tà Xùa & Bản Công", "level": None}],
        "doc_refs": [{**FACTS["doc_refs"][0], "kind": None, "issuer": "O'Neil"}],
    }
    source.facts = facts
    source.save(update_fields=["facts"])
    client.force_login(users[who])
    written = client.get(source.get_absolute_url()).content.decode()
    # The editor's rows with a blank one to add; the viewer's disabled.
    mark = "<template" if who == "commune" else " disabled "
    assert mark in written
    # Django's formsets write the lists when a list's columns are not known.
    monkeypatch.setattr(forms, "_columns", lambda name, editable: None)
    by_django = client.get(source.get_absolute_url()).content.decode()
    assert _lists(written) == _lists(by_django)
    assert 'value="Lò &#34;Văn&#34; &lt;A&gt;"' in _lists(written)
