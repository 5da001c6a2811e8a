"""Benchmark the extractor against underthesea's NER, for speed and for quality.

    make bench-extract            # or: .venv/bin/python bench/extraction.py [--mb 10]

1. Speed: a corpus is built by repeating the dev texts (read from
   ../shared/extraction/dev/, never copied into the project) to at least
   ``--mb`` megabytes. ``danvan.extraction.extract_text`` reads every document,
   then ``underthesea.ner`` tags the same documents line by line. Both print
   documents per second and MB per second; last, their ratio.
2. Quality: both outputs on the dev set are scored with the shared scorer.
   NER output becomes a ReportFacts record with its PER entities as people and
   its LOC entities as places (level words such as "tỉnh" moved to ``level``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "extraction"
DEV = SHARED / "dev"
LEVELS = {
    "tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "xã": "xã",
    "phường": "phường",
    "thị trấn": "thị trấn",
    "thôn": "thôn",
    "bản": "thôn",
}


def corpus(min_mb: float) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    docs: list[str] = []
    size = 0
    while size < min_mb * 1024 * 1024:
        for text in texts:
            docs.append(text)
            size += len(text.encode("utf-8"))
    return docs


def ner_entities(text: str) -> tuple[list[str], list[str]]:
    """PER and LOC entities of underthesea's NER, line by line."""
    from underthesea import ner

    people: list[str] = []
    places: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        current: list[str] = []
        kind = None
        for token, _pos, _chunk, tag in [*ner(line), ("", "", "", "O")]:
            if tag.startswith("B-") or tag == "O" or (kind and tag[2:] != kind):
                if current and kind in {"PER", "LOC"}:
                    (people if kind == "PER" else places).append(" ".join(current))
                current, kind = [], None
            if tag.startswith(("B-", "I-")):
                kind = tag[2:]
                current.append(token)
    return people, places


def ner_as_facts(text: str) -> dict[str, object]:
    people, places = ner_entities(text)
    place_records = []
    for place in places:
        level = None
        lower = place.lower()
        for word, lvl in LEVELS.items():
            if lower.startswith(word + " "):
                level, place = lvl, place[len(word) + 1 :]
                break
        place_records.append({"name": place, "level": level})
    return {
        "people": [{"name": p, "position": None} for p in dict.fromkeys(people)],
        "places": place_records,
    }


def speed(label: str, docs: list[str], fn: Callable[[str], object]) -> float:
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    for doc in docs:
        fn(doc)
    seconds = time.perf_counter() - start
    mb = size / 1024 / 1024
    print(
        f"{label:<24} {len(docs):>6} docs  {mb:6.2f} MB  {seconds:8.2f} s  "
        f"{len(docs) / seconds:9.2f} docs/s  {mb / seconds:7.3f} MB/s"
    )
    return mb / seconds


def score(predictions: list[dict[str, object]]) -> dict[str, object]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
        for record in predictions:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), str(DEV), out.name, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(out.name)
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mb", type=float, default=10.0, help="corpus size (default 10)"
    )
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"No dev set at {DEV}: nothing to measure.")
        return 1
    from danvan.extraction import extract_text

    docs = corpus(args.mb)
    extract_text(docs[0])  # load the gazetteer once, as a running service has
    ner_entities(docs[0][:200])  # load the NER model once
    ours = speed("danvan extract", docs, extract_text)
    theirs = speed("underthesea ner", docs, ner_entities)
    print(f"throughput ratio (danvan / underthesea): {ours / theirs:.1f}x")

    files = sorted(DEV.glob("*.txt"))
    ours_pred = [
        {"file": f.name, **extract_text(f.read_text(encoding="utf-8"))} for f in files
    ]
    ner_pred = [
        {"file": f.name, **ner_as_facts(f.read_text(encoding="utf-8"))} for f in files
    ]
    a, b = score(ours_pred), score(ner_pred)
    for field in ("people", "places"):
        ours_f1, ner_f1 = a["f1"][field], b["f1"][field]
        print(f"F1 {field:<8} danvan {ours_f1:.3f}   underthesea ner {ner_f1:.3f}")
    print(f"headline (dev set) danvan {a['headline']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
