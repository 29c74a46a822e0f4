"""One-off import of PAPI scores into content/data/papi-scores.csv (run by hand).

    python tools/import_papi_scores.py ../shared/data

Source: agg_province_year.csv, aggregated from the 14 official yearly PAPI provincial
workbooks (papi.org.vn) by the public repository tunah72/papi-dashboard (commit 2e42ab89).
Only dimension scores and the officially printed total are kept: that repository's ranks
and tiers are wrong in years with gaps, and totals are recomputed by the build.

The header names each dimension by its pillar id; what the columns mean (the index, its
scale, the years each dimension was measured) is declared in content/data/papi-scores.yaml,
written by hand, which the build checks the table against.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from portal.text import nfc, slugify  # noqa: E402

# Pillar id (content/pillars/) of each dimension column of the source, in column order.
SOURCE_COLUMNS = {f"papi-{i}": f"D{i}" for i in range(1, 9)}
OFFICIAL_TOTAL = "total_official"


def main(data: Path, out: Path) -> None:
    rows = list(csv.DictReader(open(data / "papi-scores/agg_province_year.csv", encoding="utf-8")))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["province", "year", *SOURCE_COLUMNS, OFFICIAL_TOTAL])
        for r in sorted(rows, key=lambda r: (slugify(nfc(r["province_vi"])), int(r["year"]))):
            w.writerow([slugify(nfc(r["province_vi"])), r["year"], *[r[c] for c in SOURCE_COLUMNS.values()],
                        r["total_official"]])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "content/data/papi-scores.csv")
