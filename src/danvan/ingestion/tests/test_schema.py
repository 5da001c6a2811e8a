"""The facts record: tolerant of the extractor, strict on what users confirm."""

import pytest

from danvan.extraction import FIELDS
from danvan.ingestion import schema
from danvan.ingestion.tests.conftest import FACTS


def test_a_valid_record_comes_back_clean_and_complete():
    clean = schema.validate(FACTS)
    assert tuple(clean) == FIELDS
    assert clean["figures"][3] == {
        "kind": "ratio",
        "value": [9, 9],
        "what": "thôn đạt chuẩn",
    }


def test_coerce_fills_gaps_and_drops_what_does_not_fit():
    facts = schema.coerce(
        {
            "title": "  Tin\u00a0dân vận ",
            "published": "16/05/2020",  # not ISO: dropped
            "people": [{"name": "Lò Văn Pao"}, {"name": ""}, "x"],
            "meeting": {"kind": None, "date": None},
            "extra": 1,
        }
    )
    assert tuple(facts) == FIELDS
    assert facts["title"] == "Tin dân vận"
    assert facts["published"] is None
    assert facts["people"] == [{"name": "Lò Văn Pao", "position": None}]
    assert facts["meeting"] is None
    assert schema.coerce(None) == schema.empty_facts()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "title: required"),
        ({"published": "2020-13-01"}, "published: not an ISO date"),
        ({"period": {"start": "2025-09-30", "end": "2025-07-01"}}, "end is before"),
        ({"meeting": {"kind": "họp chợ", "date": None}}, "unknown kind"),
        ({"doc_refs": [{"kind": "Thư", "number": "1"}]}, "doc_refs[0].kind"),
        ({"doc_refs": [{"kind": "Chỉ thị", "number": ""}]}, "doc_refs[0].number"),
        ({"people": [{"name": " "}]}, "people[0].name: required"),
        ({"places": [{"name": "Sa Pa", "level": "bang"}]}, "unknown level"),
        ({"figures": [{"kind": "ratio", "value": 9}]}, "two numbers"),
        ({"figures": [{"kind": "count", "value": "12"}]}, "not a number"),
        ({"figures": [{"kind": "area", "value": 1}]}, "figures[0].kind"),
        ({"authors": "Kim Thoa"}, "authors: not a list"),
        ({"note": "x"}, "unknown fields: note"),
    ],
)
def test_validate_says_what_is_wrong(change, message):
    with pytest.raises(schema.FactsError) as caught:
        schema.validate({**FACTS, **change})
    assert message in str(caught.value)
