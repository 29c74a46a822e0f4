"""One-off import of the province lists into content/ (run by hand, never by the build).

    python tools/import_admin_units.py ../shared/data

Sources: provinces-2025.csv and provinces-before-2025.csv (National Assembly Resolution
202/2025/QH15), dim_province.csv (PAPI province ids and regions, tunah72/papi-dashboard).
Existing files are left alone, so hand edits survive a re-run.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from portal.text import fold, nfc  # noqa: E402

CENTRAL_CITIES_BEFORE_2025 = {"ha-noi", "hai-phong", "da-nang", "ho-chi-minh", "can-tho"}
ENGLISH_NAMES = {"ho-chi-minh": "Ho Chi Minh City"}
REGIONS_EN = {
    "Trung du và miền núi phía Bắc": "Northern Midlands and Mountains",
    "Đồng bằng sông Hồng": "Red River Delta",
    "Bắc Trung Bộ và Duyên hải miền Trung": "North Central and Central Coast",
    "Tây Nguyên": "Central Highlands",
    "Đông Nam Bộ": "South East",
    "Đồng bằng sông Cửu Long": "Mekong River Delta",
}


def english(slug: str, name_vi: str) -> str:
    return ENGLISH_NAMES.get(slug) or fold(name_vi).title().replace(" - ", " - ")


def write_new(path: Path, text: str) -> None:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main(data: Path, content: Path) -> None:
    rows = list(csv.DictReader(open(data / "admin-units/provinces-2025.csv", encoding="utf-8")))
    for row in rows:
        name = nfc(row["name_vi"]).removeprefix("TP. ")
        kind = "city" if row["name_vi"].startswith("TP. ") else "province"
        slug = row["slug"]
        write_new(content / "provinces" / f"{slug}.md",
                  f"---\nname: {name}\ntype: {kind}\ngso_code: \"{row['gso_code_2025']}\"\n---\n")
        write_new(content / "provinces" / f"{slug}.en.md", f"---\nname: {english(slug, name)}\n---\n")

    papi = {fold(nfc(r["province_vi"])): r for r in
            csv.DictReader(open(data / "papi-scores/dim_province.csv", encoding="utf-8"))}
    for row in csv.DictReader(open(data / "admin-units/provinces-before-2025.csv", encoding="utf-8")):
        name = nfc(row["name_vi"])
        slug = row["slug"]
        p = papi[fold(name)]
        kind = "city" if slug in CENTRAL_CITIES_BEFORE_2025 else "province"
        write_new(content / "former-provinces" / f"{slug}.md",
                  f"---\nname: {name}\ntype: {kind}\nsuccessor: {row['successor_slug_since_2025_07_01']}\n"
                  f"region: {nfc(p['region'])}\npapi_id: {p['province_id']}\n---\n")
        write_new(content / "former-provinces" / f"{slug}.en.md",
                  f"---\nname: {english(slug, name)}\nregion: {REGIONS_EN[nfc(p['region'])]}\n---\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "content")
