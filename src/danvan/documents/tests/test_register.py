"""Entering documents in the register: both grammars, warnings, duplicates."""

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.documents import services
from danvan.documents.exceptions import (
    DocumentError,
    DuplicateDocumentError,
    InvalidSymbolError,
)
from danvan.documents.models import Document

pytestmark = pytest.mark.django_db
D = dt.date


def register(tree, symbol, on, title="Văn bản", area="province", **fields):
    return services.register_document(
        actor=system_actor(),
        area=tree[area],
        symbol_text=symbol,
        issued_on=on,
        title=title,
        **fields,
    )


@pytest.mark.parametrize(
    ("text", "kind", "reference", "grammar"),
    [
        ("106-KH/HU", Document.Kind.PLAN, "106-KH/HU", "party"),
        ("Số 36-HD/VPTW", Document.Kind.GUIDANCE, "36-HD/VPTW", "party"),
        ("Số: 70/KH-UBND", Document.Kind.PLAN, "70/KH-UBND", "state"),
        ("1500/QĐ-UBND", Document.Kind.DECISION, "1500/QĐ-UBND", "state"),
        ("42/NQ-CP", Document.Kind.RESOLUTION, "42/NQ-CP", "state"),
        ("30/2020/NĐ-CP", Document.Kind.DECREE, "30/2020/NĐ-CP", "state"),
        ("11-QĐi/TW", Document.Kind.REGULATION, "11-QĐi/TW", "party"),
        ("147-CTHĐ/TU", Document.Kind.ACTION_PROGRAMME, "147-CTHĐ/TU", "party"),
        ("02-QC/BTCTU-BDVTU", Document.Kind.RULES, "02-QC/BTCTU-BDVTU", "party"),
    ],
)
def test_both_grammars_are_parsed_on_entry(tree, text, kind, reference, grammar):
    doc = register(tree, text, D(2020, 3, 5))

    assert (doc.kind, doc.reference, doc.grammar) == (kind, reference, grammar)
    assert doc.number_value == int(reference.split("-")[0].split("/")[0])
    assert doc.symbol_warning == ""


def test_kind_given_wins_over_the_code(tree):
    # A conference conclusion issued as a Thông báo keeps the kind chosen.
    doc = register(tree, "911-TB/TU", D(2018, 3, 14), kind="Kết luận")

    assert doc.kind == Document.Kind.CONCLUSION
    assert doc.reference == "911-TB/TU"


def test_party_symbol_written_the_state_way_is_stored_the_party_way(tree):
    doc = register(tree, "Số: 217/QĐ-TW", D(2013, 12, 12))

    assert doc.reference == "217-QĐ/TW"
    assert doc.grammar == "party"
    assert "217-QĐ/TW" in doc.symbol_warning


def test_unparsable_symbol_is_refused_with_its_reason(tree):
    with pytest.raises(InvalidSymbolError, match="thiếu ký hiệu"):
        register(tree, "190", D(2019, 5, 1))
    with pytest.raises(InvalidSymbolError, match="không đúng dạng"):
        register(tree, "KH 12 tháng 5", D(2019, 5, 1))
    assert not Document.objects.exists()


def test_unparsable_symbol_is_accepted_with_a_visible_warning(tree):
    doc = register(tree, "Đề án 61", D(2019, 5, 1), kind="de_an", accept_warning=True)

    assert doc.symbol_warning.startswith("“Đề án 61” không đúng dạng")
    assert doc.reference == "Đề án 61"
    assert doc.number_value is None
    with pytest.raises(DuplicateDocumentError):
        register(tree, "Đề án 61", D(2019, 5, 1), kind="de_an", accept_warning=True)


def test_kind_is_required_when_the_symbol_does_not_tell(tree):
    with pytest.raises(DocumentError, match="chọn loại văn bản"):
        register(tree, "Đề án 61", D(2019, 5, 1), accept_warning=True)


def test_issuer_code_that_differs_from_the_body_is_flagged(tree, bodies):
    doc = register(tree, "12-KH/HU", D(2021, 1, 4), issuer_body=bodies["committee"])

    assert "HU" in doc.symbol_warning
    assert "TU" in doc.symbol_warning


def test_party_duplicate_within_the_term_is_refused_naming_the_existing(tree, bodies):
    first = register(
        tree,
        "106-KH/TU",
        D(2021, 1, 3),
        title="Kế hoạch thực hiện Chương trình hành động",
        issuer_body=bodies["committee"],
    )

    # Three years later, the same committee term: the same number is taken.
    with pytest.raises(DuplicateDocumentError) as refused:
        register(tree, "106-KH/TU", D(2024, 6, 1), issuer_body=bodies["committee"])

    assert refused.value.existing == first
    assert refused.value.url == f"/documents/{first.pk}/"
    assert "106-KH/TU" in refused.value.message
    assert "Kế hoạch thực hiện Chương trình hành động" in refused.value.message
    assert first.term == bodies["term_2020"]


def test_party_number_is_free_again_in_the_next_term(tree, bodies):
    register(tree, "106-KH/TU", D(2021, 1, 3), issuer_body=bodies["committee"])
    again = register(tree, "106-KH/TU", D(2025, 11, 3), issuer_body=bodies["committee"])

    assert again.term == bodies["term_2025"]


def test_other_types_and_other_issuers_do_not_clash(tree, bodies):
    register(tree, "106-KH/TU", D(2021, 1, 3), issuer_body=bodies["committee"])
    register(tree, "106-BC/TU", D(2021, 1, 3), issuer_body=bodies["committee"])
    register(tree, "106-KH/BTGDVTU", D(2021, 1, 3), issuer_body=bodies["board"])

    assert Document.objects.count() == 3


def test_state_duplicate_within_the_year_is_refused(tree, bodies):
    register(tree, "70/KH-UBND", D(2020, 3, 1), issuer_body=bodies["ubnd"])

    with pytest.raises(DuplicateDocumentError):
        register(tree, "Số: 70/KH-UBND", D(2020, 11, 30), issuer_body=bodies["ubnd"])


def test_state_number_is_free_again_next_year(tree, bodies):
    register(tree, "70/KH-UBND", D(2020, 3, 1), issuer_body=bodies["ubnd"])
    again = register(tree, "70/KH-UBND", D(2021, 3, 1), issuer_body=bodies["ubnd"])

    assert again.reference == "70/KH-UBND"


def test_same_symbol_of_two_communes_ubnd_are_two_documents(tree, bodies):
    register(tree, "05/KH-UBND", D(2025, 8, 1), issuer_body=bodies["commune_ubnd"])
    register(
        tree,
        "05/KH-UBND",
        D(2025, 8, 1),
        issuer_body=bodies["sibling_ubnd"],
        area="sibling",
    )

    assert Document.objects.count() == 2


def test_without_a_body_the_register_of_the_area_is_the_issuer(tree):
    register(tree, "49-CT/TW", D(2015, 10, 20), issuer_name="Ban Bí thư")
    # Another register may hold its own copy of a central document.
    register(tree, "49-CT/TW", D(2015, 10, 20), area="commune")

    with pytest.raises(DuplicateDocumentError):
        register(tree, "49-CT/TW", D(2015, 10, 20))


def test_party_documents_registered_before_their_term_join_it(tree, bodies):
    committee = bodies["commune_committee"]
    # No term before 1/7/2025 for the new commune: checked per year meanwhile.
    old = register(
        tree, "03-NQ/ĐU", D(2025, 3, 1), area="commune", issuer_body=committee
    )
    assert old.term is None

    term = services.add_term(
        actor=system_actor(),
        body=committee,
        name="lâm thời",
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 6, 30),
    )

    old.refresh_from_db()
    assert old.term == term
    with pytest.raises(DuplicateDocumentError):
        register(tree, "03-NQ/ĐU", D(2025, 6, 1), area="commune", issuer_body=committee)


def test_overlapping_terms_are_refused(bodies):
    with pytest.raises(DocumentError, match="trùng thời gian"):
        services.add_term(
            actor=system_actor(),
            body=bodies["committee"],
            name="khóa sai",
            starts_on=D(2024, 1, 1),
            ends_on=D(2024, 12, 31),
        )


def test_editing_keeps_the_rules(tree, bodies):
    a = register(tree, "70/KH-UBND", D(2020, 3, 1), issuer_body=bodies["ubnd"])
    b = register(tree, "71/KH-UBND", D(2020, 3, 1), issuer_body=bodies["ubnd"])

    with pytest.raises(DuplicateDocumentError):
        services.update_document(
            actor=system_actor(),
            document=b,
            area=b.area,
            symbol_text="70/KH-UBND",
            issued_on=b.issued_on,
            title=b.title,
            issuer_body=bodies["ubnd"],
        )
    services.update_document(
        actor=system_actor(),
        document=a,
        area=a.area,
        symbol_text="70/KH-UBND",
        issued_on=a.issued_on,
        title="Kế hoạch (sửa)",
        issuer_body=bodies["ubnd"],
    )
    a.refresh_from_db()
    assert a.title == "Kế hoạch (sửa)"
