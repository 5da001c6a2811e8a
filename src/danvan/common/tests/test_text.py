import pytest

from danvan.common.text import fold, normalize


@pytest.mark.parametrize(
    "variant",
    ["Trạm Tấu", "tram tau", "TRẠM TẤU", "Trạm Tâu", "Tram  Tau", "trạm\u00a0tấu"],
)
def test_fold_ignores_accents_case_and_spaces(variant):
    assert fold(variant) == "tram tau"


def test_fold_treats_old_and_new_tone_placement_alike():
    assert fold("Thanh Hoá") == fold("Thanh Hóa") == "thanh hoa"
    assert fold("thuỷ") == fold("thủy")


def test_fold_reads_icelandic_eth_and_d_stroke_as_d():
    assert fold("Ðặng") == fold("Đặng") == "dang"


def test_fold_unifies_dashes():
    assert fold("Chân Mây – Lăng Cô") == fold("Chân Mây - Lăng Cô")


def test_normalize_composes_and_fixes_eth():
    decomposed = "Tra\u0323m Ta\u0302\u0301u"
    assert normalize(decomposed) == "Trạm Tấu"
    assert normalize("Ðoàn\u00a0 Văn") == "Đoàn Văn"
