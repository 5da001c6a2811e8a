"""``danvan ingest FOLDER --area CODE``."""

import pytest
from django.core.management import CommandError, call_command

from danvan.common.actors import system_actor
from danvan.ingestion.models import Batch, Source
from danvan.ingestion.tests.files import ARTICLE, CORRUPT_PDF, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "texts"
    (root / "sub").mkdir(parents=True)
    (root / "tin.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "sub" / "bao-cao.docx").write_bytes(
        docx_bytes("BÁO CÁO", "Kết quả công tác dân vận năm 2024")
    )
    (root / "ghi-chu.md").write_text("not a text we read", encoding="utf-8")
    return root


def test_ingest_reads_a_folder_then_skips_it(folder, tree, users, capsys):
    call_command("ingest", str(folder), "--area", "04591", "--on", "2025-07-01")
    out = capsys.readouterr().out
    assert "Xã Trạm Tấu: read 2, skipped as duplicates 0, failed 0 (of 2 files)" in out
    assert set(Source.objects.values_list("area", flat=True)) == {tree["commune"].pk}
    # Without --user the command acts as the system, and says so in the rows.
    assert Source.objects.filter(created_by=system_actor()).count() == 2

    call_command(
        "ingest", str(folder), "--area", "04591", "--user", "commune", verbosity=2
    )
    out = capsys.readouterr().out
    assert "read 0, skipped as duplicates 2, failed 0" in out
    assert "duplicate: sub/bao-cao.docx" in out
    assert Source.objects.count() == 2
    assert Batch.objects.count() == 2


def test_a_bad_file_is_reported_and_the_exit_status_says_so(folder, tree, capsys):
    (folder / "sub" / "hong.pdf").write_bytes(CORRUPT_PDF)
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(folder), "--area", "04591")
    out = capsys.readouterr().out
    assert "read 2, skipped as duplicates 0, failed 1" in out
    assert "failed: sub/hong.pdf: tệp PDF bị hỏng" in out
    assert Source.objects.count() == 2  # the others were read


def test_the_area_code_resolves_on_the_date(folder, tree, capsys):
    # Code 15 was tỉnh Yên Bái until 30 June 2025 and is tỉnh Lào Cai since.
    call_command("ingest", str(folder), "--area", "15", "--on", "2024-01-01")
    source = Source.objects.first()
    assert source is not None
    assert source.area == tree["yen_bai"]
    assert "Tỉnh Yên Bái: read 2" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "99999"], "No area with code 99999"),
        (["--area", "04591", "--user", "nobody"], "No active user 'nobody'"),
        (["--area", "04585", "--user", "commune"], "may not bring texts into"),
    ],
)
def test_bad_options_are_refused(folder, users, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("ingest", str(folder), *args)
    assert not Source.objects.exists()


def test_a_missing_folder_is_refused(tmp_path, tree):
    with pytest.raises(CommandError, match="Not a folder"):
        call_command("ingest", str(tmp_path / "nowhere"), "--area", "04591")


def test_dry_run_says_what_would_happen_and_stores_nothing(folder, tree, capsys):
    call_command("ingest", str(folder), "--area", "04591")
    (folder / "hong.pdf").write_bytes(CORRUPT_PDF)
    (folder / "moi.txt").write_text("Tin mới về công tác dân vận.", encoding="utf-8")
    capsys.readouterr()
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(folder), "--area", "04591", "--dry-run", verbosity=2)
    out = capsys.readouterr().out
    assert "would read 1, skip as duplicates 2, fail 1 (of 4 files)" in out
    assert "new: moi.txt" in out
    assert "failed: hong.pdf: tệp PDF bị hỏng" in out
    assert Source.objects.count() == 2
    assert Batch.objects.count() == 1  # the first, real run only
