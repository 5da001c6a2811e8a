"""The demo texts: a dozen of the genre, brought in by the demo users."""

import json
import re
import unicodedata

import pytest

from danvan.ingestion import schema
from danvan.ingestion.demo import (
    DEMO_DIR,
    TEXTS,
    confirmed_facts_file,
    load_demo_texts,
)
from danvan.ingestion.models import Source
from danvan.ingestion.tests.test_dev_articles import DEV
from danvan.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_brings_the_texts_in_once_some_confirmed():
    # The units and accounts of the demo only: the other apps' demos (the
    # generated register above all) cost most of a minute and add no text.
    units_demo.load_demo()
    assert load_demo_texts() == 12
    assert Source.objects.count() == len(TEXTS) == 12
    confirmed = Source.objects.confirmed().select_related("confirmed_by", "area")
    assert confirmed.count() == 5
    for source in confirmed:
        # Each text was confirmed by the demo user who may edit its area.
        assert source.confirmed_by is not None
        assert source.confirmed_by == source.created_by
        assert source in Source.objects.visible_to(source.confirmed_by)
    commune = Source.objects.filter(area__code="04591", area__valid_from__isnull=False)
    assert commune.count() == 2
    assert set(Source.objects.values_list("kind", flat=True)) == {"text", "html"}
    # Pre-2025 districts and post-2025 communes alike.
    assert Source.objects.filter(area__level="district").exists()
    assert Source.objects.filter(area__valid_from="2025-07-01").exists()
    assert load_demo_texts() == 0
    assert Source.objects.count() == 12


@pytest.mark.parametrize(
    "name", [t[0] for t in TEXTS if confirmed_facts_file(t[0]).exists()]
)
def test_confirmed_facts_of_the_demo_are_valid(name):
    facts = json.loads(confirmed_facts_file(name).read_text(encoding="utf-8"))
    schema.validate(facts)
    assert (DEMO_DIR / name).exists()


def _sentences(text):
    folded = unicodedata.normalize("NFC", text).lower()
    for part in re.split(r"[.!?;\n]+", folded):
        words = re.findall(r"\w+", part)
        if len(words) >= 12:
            yield " ".join(words)


def test_no_sentence_of_the_dev_articles_is_copied_into_the_demo():
    articles = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
    if not articles:
        pytest.skip(f"SKIPPED: no dev articles to compare with ({DEV}).")
    demo = " ".join(
        " ".join(
            re.findall(
                r"\w+",
                unicodedata.normalize("NFC", p.read_text(encoding="utf-8")).lower(),
            )
        )
        for p in DEMO_DIR.glob("[0-9]*")
    )
    copied = [
        sentence
        for article in articles
        for sentence in _sentences(article.read_text(encoding="utf-8"))
        if sentence in demo
    ]
    assert copied == []
