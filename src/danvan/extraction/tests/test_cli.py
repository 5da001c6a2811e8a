"""``danvan extract``: JSON Lines, one per file; bad files do not stop the rest."""

import json

import pytest
from django.core.management import CommandError, call_command

from danvan.extraction.tests.samples import NEWS


def test_extract_prints_one_json_line_per_file(tmp_path, capsys):
    good = tmp_path / "tin.txt"
    good.write_text(NEWS, encoding="utf-8")
    call_command("extract", str(good), "--format", "json")
    [line] = capsys.readouterr().out.strip().splitlines()
    record = json.loads(line)
    assert record["file"] == str(good)
    assert record["title"].startswith("Huyện Mù Cang Chải")
    assert record["meeting"]["kind"] == "sơ kết"


def test_bad_files_give_an_error_line_and_a_failure_at_the_end(tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text(NEWS, encoding="utf-8")
    corrupt = tmp_path / "b.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a docx")
    missing = tmp_path / "c.txt"
    with pytest.raises(CommandError, match="2 of 3"):
        call_command("extract", str(corrupt), str(good), str(missing))
    lines = [json.loads(x) for x in capsys.readouterr().out.strip().splitlines()]
    assert [x["file"] for x in lines] == [str(corrupt), str(good), str(missing)]
    assert "DOCX" in lines[0]["error"]
    assert "error" not in lines[1]
    assert lines[2]["error"]
