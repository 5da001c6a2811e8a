"""The two symbol grammars, with real-world forms, valid and invalid."""

import pytest

from danvan.common.symbols import SymbolError, parse_symbol

VALID = [
    # Party: number-TYPE/ISSUER
    ("106-KH/HU", "106", "KH/HU", "party", "Kế hoạch"),
    ("Số 25-BC/HU", "25", "BC/HU", "party", "Báo cáo"),
    ("Số: 911-TB/TU", "911", "TB/TU", "party", "Thông báo"),
    ("217-QĐ/TW", "217", "QĐ/TW", "party", "Quyết định"),
    ("36-HD/VPTW", "36", "HD/VPTW", "party", "Hướng dẫn"),
    ("11-QĐi/TW", "11", "QĐi/TW", "party", "Quy định"),
    ("08-QĐi/TW", "08", "QĐi/TW", "party", "Quy định"),
    ("399-QĐ/TW", "399", "QĐ/TW", "party", "Quyết định"),
    ("60-NQ/TW", "60", "NQ/TW", "party", "Nghị quyết"),
    ("120-KL/TW", "120", "KL/TW", "party", "Kết luận"),
    ("07-KL/TW", "07", "KL/TW", "party", "Kết luận"),
    ("05-CT/TW", "05", "CT/TW", "party", "Chỉ thị"),
    ("06-CT/TU", "06", "CT/TU", "party", "Chỉ thị"),
    ("147-CTHĐ/TU", "147", "CTHĐ/TU", "party", "Chương trình hành động"),
    ("02-QC/BTCTU-BDVTU", "02", "QC/BTCTU-BDVTU", "party", "Quy chế"),
    ("24-BS/UBKTTU", "24", "BS/UBKTTU", "party", "Bản sao"),
    ("983-QĐ/TU", "983", "QĐ/TU", "party", "Quyết định"),
    ("31-HD/BTCTW", "31", "HD/BTCTW", "party", "Hướng dẫn"),
    ("05-HD/BTGDVTU", "05", "HD/BTGDVTU", "party", "Hướng dẫn"),
    ("24-KH/BDVTU", "24", "KH/BDVTU", "party", "Kế hoạch"),
    ("367-QĐ/TWĐTN-VP", "367", "QĐ/TWĐTN-VP", "party", "Quyết định"),
    ("02-HD/BDV", "02", "HD/BDV", "party", "Hướng dẫn"),
    ("07-BC/DV", "07", "BC/DV", "party", "Báo cáo"),
    ("12-CV/TU", "12", "CV/TU", "party", "Công văn"),
    ("106 - KH/HU", "106", "KH/HU", "party", "Kế hoạch"),
    ("Số 12-BC/ĐU", "12", "BC/ĐU", "party", "Báo cáo"),
    ("215-KL/TW", "215", "KL/TW", "party", "Kết luận"),
    # State: number/TYPE-ISSUER, number/YEAR/TYPE-ISSUER
    ("70/KH-UBND", "70", "KH-UBND", "state", "Kế hoạch"),
    ("1500/QĐ-UBND", "1500", "QĐ-UBND", "state", "Quyết định"),
    ("42/NQ-CP", "42", "NQ-CP", "state", "Nghị quyết"),
    ("30/2020/NĐ-CP", "30", "2020/NĐ-CP", "state", "Nghị định"),
    ("09/2019/NĐ-CP", "09", "2019/NĐ-CP", "state", "Nghị định"),
    ("17/2018/QĐ-UBND", "17", "2018/QĐ-UBND", "state", "Quyết định"),
    ("07/2023/QĐ-UBND", "07", "2023/QĐ-UBND", "state", "Quyết định"),
    ("34/CTr-UBND", "34", "CTr-UBND", "state", "Chương trình"),
    ("20/HD-MTTW-BTT", "20", "HD-MTTW-BTT", "state", "Hướng dẫn"),
    ("167/KH-UBND", "167", "KH-UBND", "state", "Kế hoạch"),
    ("10/2022/QH15", "10", "2022/QH15", "state", "Luật"),
    ("Số: 87/BC-UBND", "87", "BC-UBND", "state", "Báo cáo"),
    ("01/2023/QĐ-UBND", "01", "2023/QĐ-UBND", "state", "Quyết định"),
    (
        "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN",
        "403",
        "2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN",
        "state",
        "Nghị quyết",
    ),
    ("125/UBND-VP", "125", "UBND-VP", "state", None),
]


@pytest.mark.parametrize(("text", "number", "symbol", "grammar", "kind"), VALID)
def test_valid_symbols(text, number, symbol, grammar, kind):
    parsed = parse_symbol(text)
    assert (parsed.number, parsed.symbol, parsed.grammar, parsed.kind) == (
        number,
        symbol,
        grammar,
        kind,
    )


def test_party_code_written_the_state_way_parses_with_a_warning():
    parsed = parse_symbol("217/QĐ-TW")
    assert parsed.grammar == "state"
    assert parsed.warnings
    assert "217-QĐ/TW" in parsed.warnings[0]


def test_unknown_type_code_gives_a_warning():
    assert parse_symbol("15-XYZ/HU").warnings


def test_icelandic_eth_and_dashes_are_normalised():
    assert parse_symbol("12–BC/ÐU").text == "12-BC/ĐU"


INVALID = [
    "",
    "106",
    "KH/HU",
    "106-KH",
    "106/KH",
    "Kế hoạch 106",
    "106-/HU",
    "abc-KH/HU",
    "106-KH/HU/TU/",
    "số",
    "12.3/KH-UBND",
    "-KH/HU",
]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_symbols_give_a_message_in_vietnamese(text):
    with pytest.raises(SymbolError) as error:
        parse_symbol(text)
    assert any(word in str(error.value) for word in ("ký hiệu", "số", "cơ quan"))


def test_there_are_at_least_forty_real_world_forms():
    assert len(VALID) + len(INVALID) >= 40
