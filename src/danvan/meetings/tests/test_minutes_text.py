"""The minutes as a first-time officer reads them: the period sentence, the
secretary beside the chair, and a signature block that never stands alone."""

import datetime as dt
import shutil
import subprocess

import docx
import pytest
from django.core.exceptions import ValidationError
from docx.oxml.ns import qn

from danvan.common.actors import system_actor
from danvan.meetings import services
from danvan.meetings.forms import MeetingForm

pytestmark = pytest.mark.django_db
D = dt.date


def opened(generated):
    with generated.file.open("rb") as handle:
        return docx.Document(handle)


def texts(document):
    return [p.text for p in document.paragraphs]


@pytest.mark.parametrize(
    ("title", "period", "sentence"),
    [
        (
            "Hội nghị tổng kết công tác dân vận năm 2026",
            {"period_type": "quarter", "period_year": 2026, "period_number": 4},
            "Hội nghị đánh giá kết quả quý IV/2026 "
            "(từ ngày 01/10/2026 đến ngày 31/12/2026).",
        ),
        (
            "Giao ban công tác dân vận tháng 9/2026",
            {"period_type": "month", "period_year": 2026, "period_number": 9},
            "Hội nghị đánh giá kết quả tháng 9/2026 "
            "(từ ngày 01/09/2026 đến ngày 30/09/2026).",
        ),
        (
            "Sơ kết 6 tháng",
            {"period_type": "6m", "period_year": 2026},
            "Hội nghị đánh giá kết quả 6 tháng đầu năm 2026 "
            "(từ ngày 01/01/2026 đến ngày 30/06/2026).",
        ),
        (
            "Hội nghị chuyên đề",
            {
                "period_type": "custom",
                "period_start": D(2026, 3, 15),
                "period_end": D(2026, 9, 14),
            },
            "Hội nghị đánh giá kết quả từ ngày 15/03/2026 đến ngày 14/09/2026.",
        ),
    ],
)
def test_minutes_say_the_period_whole(
    settings, tmp_path, make_meeting, terms, title, period, sentence
):
    settings.MEDIA_ROOT = tmp_path
    fields = {"period_number": None, **period}
    meeting = make_meeting(title=title, held_on=D(2026, 12, 28), **fields)
    document = opened(services.generate_minutes(actor=system_actor(), meeting=meeting))
    lines = texts(document)
    assert sentence in lines
    assert not any(line.startswith("Hội nghị đánh giá á") for line in lines)


def test_minutes_are_signed_by_the_secretary_left_and_the_chair_right(
    settings, tmp_path, concluded, people, terms
):
    settings.MEDIA_ROOT = tmp_path
    services.update_meeting(
        actor=system_actor(), meeting=concluded, secretary=people["front_head"]
    )
    document = opened(
        services.generate_minutes(actor=system_actor(), meeting=concluded)
    )
    foot = document.tables[1]
    secretary = [p.text for p in foot.cell(0, 0).paragraphs if p.text]
    chair = [p.text for p in foot.cell(0, 1).paragraphs if p.text]
    assert secretary == ["THƯ KÝ", "Giàng A Sử"]
    assert chair == ["CHỦ TRÌ HỘI NGHỊ", "Nguyễn Văn Minh"]
    assert "- Thư ký: đồng chí Giàng A Sử." in texts(document)


def test_minutes_without_a_secretary_leave_the_place_to_sign(
    settings, tmp_path, concluded, terms
):
    settings.MEDIA_ROOT = tmp_path
    document = opened(
        services.generate_minutes(actor=system_actor(), meeting=concluded)
    )
    assert [p.text for p in document.tables[1].cell(0, 0).paragraphs if p.text] == [
        "THƯ KÝ"
    ]


def test_the_notice_keeps_one_signature(settings, tmp_path, concluded, terms):
    settings.MEDIA_ROOT = tmp_path
    document = opened(services.generate_notice(actor=system_actor(), meeting=concluded))
    assert document.tables[1].cell(0, 0).paragraphs[0].text == "Nơi nhận:"


@pytest.mark.parametrize("kind", ["minutes", "notice"])
def test_the_signature_block_keeps_with_the_text_before_it(
    settings, tmp_path, concluded, terms, kind
):
    settings.MEDIA_ROOT = tmp_path
    generated = services.generate_paper(
        actor=system_actor(), meeting=concluded, kind=kind
    )
    document = opened(generated)
    foot = document.tables[1]
    row = foot.rows[0]._tr
    assert row.trPr is not None
    assert row.trPr.find(qn("w:cantSplit")) is not None
    for cell in foot.rows[0].cells:
        for paragraph in cell.paragraphs:
            assert paragraph.paragraph_format.keep_together
    # The last paragraphs before the foot table move to the next page with it.
    body = document.element.body
    before = foot._tbl.getprevious()
    last_text = before.getprevious()
    for element in (before, last_text):
        assert element.tag == qn("w:p")
        assert element.pPr.find(qn("w:keepNext")) is not None
    assert body.index(foot._tbl) > body.index(last_text)


def test_the_chair_cannot_be_the_secretary(make_meeting, people, users):
    with pytest.raises(ValidationError):
        make_meeting(secretary=people["chair"])
    form = MeetingForm(
        {
            "convening_body": "",
            "kind": "giao_ban",
            "title": "Giao ban",
            "held_on": "2026-10-05",
            "chair": people["chair"].pk,
            "secretary": people["chair"].pk,
        },
        user=users["commune"],
    )
    assert not form.is_valid()
    assert "secretary" in form.errors


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_minutes_render_to_pdf(settings, tmp_path, concluded, terms):
    settings.MEDIA_ROOT = tmp_path
    minutes = services.generate_minutes(actor=system_actor(), meeting=concluded)
    source = tmp_path / minutes.file.name
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp_path, source],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / source.with_suffix(".pdf").name).stat().st_size > 0
