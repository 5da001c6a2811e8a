"""The five dev articles of the extraction work, brought in like any folder.

They live outside the project (``../shared/extraction/dev/``: the project holds
only its own sentences); without that folder the test skips and says so.
"""

from pathlib import Path

import pytest

from danvan.extraction import FIELDS
from danvan.ingestion import services
from danvan.ingestion.models import Source

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[4]
DEV = ROOT.parent / "shared" / "extraction" / "dev"


@pytest.fixture
def dev_folder(tmp_path):
    articles = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
    if not articles:
        pytest.skip(
            f"SKIPPED: the dev articles are not here ({DEV}); they are kept "
            "outside the project, beside it in ../shared/extraction/dev/."
        )
    folder = tmp_path / "dev"
    folder.mkdir()
    for article in articles:
        (folder / article.name).write_bytes(article.read_bytes())
    (folder / "NOTES.md").write_text("not a text", encoding="utf-8")
    return folder


def test_the_dev_articles_come_in_once_with_their_facts(dev_folder, tree, users):
    batch = services.ingest_folder(
        actor=users["province"], area=tree["old_district"], folder=dev_folder
    )
    assert (batch.total, batch.created_count, batch.failed_count) == (5, 5, 0)
    for source in Source.objects.all():
        assert source.area == tree["old_district"]
        assert source.text.strip()
        assert set(source.facts) == set(FIELDS)
        assert source.title
        assert (
            source.original.read() == (dev_folder / source.original_name).read_bytes()
        )
    again = services.ingest_folder(
        actor=users["province"], area=tree["old_district"], folder=dev_folder
    )
    assert (again.created_count, again.skipped_count) == (0, 5)
    assert Source.objects.count() == 5


def test_the_dev_articles_are_found_without_diacritics(dev_folder, tree, users):
    services.ingest_folder(
        actor=users["province"], area=tree["old_district"], folder=dev_folder
    )
    assert Source.objects.visible_to(users["province"]).search("tram tau").exists()
    assert Source.objects.visible_to(users["commune"]).count() == 0
