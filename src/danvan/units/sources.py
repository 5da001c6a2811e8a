"""Read the official administrative divisions from the packages that maintain them.

No Django here: this module turns the packages' data into plain records.

- Before 1 July 2025 (63 provinces, their districts and communes):
  ``vietnamadminunits`` (its ``admin_units_legacy`` table, official GSO codes).
- From 1 July 2025 (34 provinces, 3,321 communes): ``vietnam-provinces``, whose
  codes follow the official code list (04591 is xã Trạm Tấu).
- The 2025 mapping, old commune → new commune(s), and old province → new
  province: ``vietnamadminunits``' converter data. It names units by keys, so
  its new communes are matched to ``vietnam-provinces`` by province and name
  (exact spelling first, then the accent-free key when that is unique).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from danvan.common.text import fold

# Nghị quyết 202/2025/QH15 (provinces) and the UBTVQH resolutions on communes
# took effect on this day; Luật Tổ chức chính quyền địa phương 72/2025/QH15
# ended the district level the same day.
REFORM_DATE_ISO = "2025-07-01"
LAST_LEGACY_DAY_ISO = "2025-06-30"
PROVINCE_REFORM_BASIS = "Nghị quyết số 202/2025/QH15 của Quốc hội"
COMMUNE_REFORM_BASIS = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội"
    " về sắp xếp đơn vị hành chính cấp xã năm 2025"
)
DISTRICT_REFORM_BASIS = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"

# (prefix of the official name, kind) — the longest prefixes first.
_PREFIXES = [
    ("Thành phố", "thanh_pho"),
    ("Thị trấn", "thi_tran"),
    ("Thị xã", "thi_xa"),
    ("Đặc khu", "dac_khu"),
    ("Phường", "phuong"),
    ("Huyện", "huyen"),
    ("Quận", "quan"),
    ("Tỉnh", "tinh"),
    ("Tp", "thanh_pho"),
    ("Xã", "xa"),
]


def split_name(full_name: str) -> tuple[str, str]:
    """Split "Xã Trạm Tấu" into ("xa", "Trạm Tấu")."""
    full_name = unicodedata.normalize("NFC", full_name).strip()
    for prefix, kind in _PREFIXES:
        # Sources differ in case ("Thành Phố Bắc Kạn").
        if full_name.lower().startswith(prefix.lower() + " "):
            return kind, full_name[len(prefix) + 1 :].strip()
    raise ValueError(f"Unknown kind of administrative unit: {full_name!r}")


@dataclass
class Unit:
    """One official unit as the sources give it."""

    code: str
    name: str
    kind: str
    level: str
    parent_code: str | None
    legacy: bool  # in force until 30 June 2025 (else from 1 July 2025)


@dataclass
class Link:
    """Old unit → new unit, from the official 2025 mapping."""

    old_code: str
    new_code: str
    partial: bool = False
    primary: bool = True


@dataclass
class Divisions:
    """The legacy and current units, the units that did not change, the links."""

    legacy: list[Unit] = field(default_factory=list)
    current: list[Unit] = field(default_factory=list)
    # Province codes whose province did not change in 2025: one row spans both.
    unchanged_provinces: set[str] = field(default_factory=set)
    province_links: list[Link] = field(default_factory=list)
    commune_links: list[Link] = field(default_factory=list)


def _query(sql: str) -> list[sqlite3.Row]:
    """Run ``sql`` on vietnamadminunits' bundled database, read-only."""
    db = resources.files("vietnamadminunits") / "data" / "dataset.db"
    with resources.as_file(db) as path:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()


def _current_provinces() -> list[dict[str, Any]]:
    data = resources.files("vietnam_provinces") / "data" / "nested-divisions.json"
    provinces: list[dict[str, Any]] = json.loads(data.read_text(encoding="utf-8"))
    return provinces


def _converter() -> dict[str, Any]:
    data = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    converter: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    return converter


_DISTRICT_KINDS = {
    "Huyện": "huyen",
    "Quận": "quan",
    "Thị xã": "thi_xa",
    "Thành phố": "thanh_pho",
}


def _match_key(name: str) -> str:
    """Letters and digits only: the sources differ in dashes and apostrophes."""
    return re.sub(r"[^a-z0-9]", "", fold(name))


def load_divisions() -> Divisions:
    """Read both sets of units and the 2025 mapping between them."""
    out = Divisions()
    legacy_keys: dict[str, str] = {}  # "province_district_ward" key -> commune code
    district_keys: dict[str, str] = {}  # "province_district_" key -> district code
    province_keys: dict[str, str] = {}  # legacy province key -> code
    seen: set[str] = set()
    legacy_rows = _query(
        "SELECT province, provinceCode, provinceKey, district, districtCode,"
        " districtType, districtKey, ward, wardCode, wardKey"
        " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    )
    for row in legacy_rows:
        p_code = row["provinceCode"]
        if p_code not in seen:
            seen.add(p_code)
            kind, name = split_name(row["province"])
            kind = "thanh_pho_tw" if kind == "thanh_pho" else kind
            out.legacy.append(Unit(p_code, name, kind, "province", None, True))
            province_keys[row["provinceKey"]] = p_code
        d_code = row["districtCode"]
        if d_code not in seen:
            seen.add(d_code)
            _, name = split_name(row["district"])
            kind = _DISTRICT_KINDS[row["districtType"]]
            out.legacy.append(Unit(d_code, name, kind, "district", p_code, True))
            district_keys[f"{row['provinceKey']}_{row['districtKey']}_"] = d_code
        if row["wardCode"]:
            kind, name = split_name(row["ward"])
            out.legacy.append(
                Unit(row["wardCode"], name, kind, "commune", d_code, True)
            )
            key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
            legacy_keys[key] = row["wardCode"]

    # Current units, official codes.
    by_name: dict[tuple[str, str], str] = {}
    by_fold: dict[tuple[str, str], list[str]] = defaultdict(list)
    for province in _current_provinces():
        p_code = f"{province['code']:02d}"
        name = province["name"]
        if name.startswith(("Tỉnh ", "Thành phố ")):
            name = split_name(name)[1]
        kind = (
            "thanh_pho_tw"
            if province["division_type"] == "thành phố trung ương"
            else "tinh"
        )
        out.current.append(Unit(p_code, name, kind, "province", None, False))
        for ward in province["wards"]:
            w_code = f"{ward['code']:05d}"
            kind, w_name = split_name(ward["name"])
            out.current.append(Unit(w_code, w_name, kind, "commune", p_code, False))
            full = unicodedata.normalize("NFC", ward["name"])
            by_name[(p_code, full)] = w_code
            by_fold[(p_code, _match_key(full))].append(w_code)

    # The mapping names new communes by keys; match them to the official codes.
    new_rows = _query(
        "SELECT province, provinceCode, provinceKey, ward, wardKey FROM admin_units"
    )
    new_keys: dict[tuple[str, str], str] = {}
    for row in new_rows:
        p_code = row["provinceCode"]
        full = unicodedata.normalize("NFC", row["ward"])
        code = by_name.get((p_code, full))
        if code is None:
            candidates = by_fold.get((p_code, _match_key(full)), [])
            if len(candidates) != 1:
                raise ValueError(f"Cannot match new unit {full!r} of province {p_code}")
            code = candidates[0]
        new_keys[(row["provinceKey"], row["wardKey"])] = code
    new_province_of_key = {row["provinceKey"]: row["provinceCode"] for row in new_rows}

    conv = _converter()
    for new_key, old_keys in conv["DICT_PROVINCE"].items():
        new_code = new_province_of_key[new_key]
        old_codes = [province_keys[k] for k in old_keys]
        if old_codes == [new_code]:
            out.unchanged_provinces.add(new_code)
            continue
        out.province_links.extend(Link(old, new_code) for old in old_codes)

    divided = {
        old_key: (new_prov, entries)
        for new_prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items()
        for old_key, entries in olds.items()
    }
    for old_key, (new_prov, entries) in divided.items():
        old_code = legacy_keys.get(old_key) or district_keys[old_key]
        for entry in entries:
            out.commune_links.append(
                Link(
                    old_code,
                    new_keys[(new_prov, entry["newWardKey"])],
                    partial=True,
                    primary=bool(entry["isDefaultNewWard"]),
                )
            )
    for new_prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            for old_key in old_keys:
                if old_key in divided:
                    continue
                old_code = legacy_keys.get(old_key) or district_keys[old_key]
                out.commune_links.append(Link(old_code, new_keys[(new_prov, new_ward)]))
    return out
