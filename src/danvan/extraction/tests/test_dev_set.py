"""The dev articles, scored by the shared scorer (read from ../shared, never copied)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from danvan.extraction import extract_file

SHARED = Path(__file__).resolve().parents[5] / "shared" / "extraction"
DEV = SHARED / "dev"

pytestmark = pytest.mark.skipif(
    not (DEV.is_dir() and (SHARED / "score.py").exists()),
    reason=f"SKIPPED: the dev articles are not at {DEV}",
)


def test_dev_set_meets_the_quality_bar(tmp_path):
    predictions = tmp_path / "pred.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        for path in sorted(DEV.glob("*.txt")):
            record = {"file": path.name, **extract_file(path)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "score.py"),
            str(DEV),
            str(predictions),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    score = json.loads(result.stdout)
    assert score["missing"] == []
    assert score["headline"] >= 0.90, score
    for field, f1 in score["f1"].items():
        assert f1 >= 0.85, (field, score)
    assert score["accuracy"]["body"] == 1.0, score
