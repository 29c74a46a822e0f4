"""Open data: typed JSON and flat CSV, every page's data, the data page's documentation, and
score tables declared per index (content/data/<name>.csv + <name>.yaml)."""

from __future__ import annotations

from pathlib import Path

from portal.load import load

PAPI_HEADER = "province,year,papi-1,papi-2,papi-3,papi-4,papi-5,papi-6,papi-7,papi-8,total_official\n"
PAPI_DIMS = {f"pillars/papi-{i}.md": f"---\nname: Chỉ số {i}\ncode: \"{i}\"\nparent: papi\norder: {i}\n---\n"
             for i in (1, 3, 4, 5, 6, 7, 8)}
PAPI_DIMS |= {f"pillars/papi-{i}.en.md": f"---\nname: Dimension {i}\n---\n" for i in (1, 3, 4, 5, 6, 7, 8)}
PAPI_DECLARATION = """\
index: papi
scale: [1, 10]
total: sum
official_total: total_official
eras:
  - from: 2011
    dimensions: [papi-1, papi-2, papi-3, papi-4, papi-5, papi-6]
  - from: 2018
    dimensions: [papi-1, papi-2, papi-3, papi-4, papi-5, papi-6, papi-7, papi-8]
source: "PAPI, papi.org.vn"
source_url: https://papi.org.vn
"""
PAPI_SCORES = (PAPI_HEADER
               + "dong-thap,2017,4.869586,5,5,5,5,5,,,30.87\n"
               + "dong-thap,2018,4.5,5.25,4,4,4,4,4,4.75,\n"
               + "dong-thap,2019,4.6,5.5,4,4,4,4,4,,\n"
               + "tien-giang,2018,5,5,5,5,5,5,5,5,40\n")
# A second index with a different scale and eras: nothing in the code knows about it.
PAR = {
    "pillars/par-index.md": "---\nname: Chỉ số cải cách hành chính\nshort_name: PAR INDEX\ncode: PAR INDEX\norder: 2\n---\n",
    "pillars/par-index.en.md": "---\nname: Public administration reform index\nshort_name: PAR INDEX\n---\n",
    "pillars/par-1.md": "---\nname: Công tác chỉ đạo\ncode: \"1\"\nparent: par-index\n---\n",
    "pillars/par-1.en.md": "---\nname: Direction\n---\n",
    "pillars/par-2.md": "---\nname: Chuyển đổi số\ncode: \"2\"\nparent: par-index\nfirst_year: 2022\n---\n",
    "pillars/par-2.en.md": "---\nname: Digital transformation\n---\n",
    "data/par-scores.csv": "province,year,par-1,par-2\ndong-thap,2021,87.5,\ndong-thap,2022,90,55.25\ntien-giang,2022,80,\n",
    "data/par-scores.yaml": ("index: par-index\nscale: [0, 100]\neras:\n  - from: 2020\n    dimensions: [par-1]\n"
                             "  - from: 2022\n    dimensions: [par-1, par-2]\nsource: Bộ Nội vụ\n"),
}


# ---------------------------------------------------------------- score declarations

def failed(result) -> list[str]:
    assert result.code == 1, result.stdout
    return result.errors


def test_declaration_problems_one_line_each(site):
    declaration = ("index: papi-2\nscale: [10, 1]\ntotal: mean\ncolour: blue\neras:\n  - from: 2011\n"
                   "    dimensions: [papi-1, papi-7]\n  - from: 2010\n    dimensions: [papi-1]\n")
    dims = PAPI_DIMS | {"pillars/papi-7.md": "---\nname: Môi trường\nparent: papi\nfirst_year: 2018\n---\n"}
    result = site({"data/papi-scores.csv": PAPI_SCORES, "data/papi-scores.yaml": declaration} | dims)
    assert failed(result) == [
        "content/data/papi-scores.yaml:1: index: 'papi-2' is a dimension of 'papi'; name the index itself",
        "content/data/papi-scores.yaml:2: scale: write the lowest and highest score of a dimension, e.g. [1, 10]",
        "content/data/papi-scores.yaml:3: total: write sum (the total is the sum of the era's dimensions) or none (the index has no total)",
        "content/data/papi-scores.yaml:4: colour: unknown field for score declarations; use index, scale, total, official_total, eras, source, source_url",
        "content/data/papi-scores.yaml:7: eras[0].dimensions: papi-7 is measured only from 2018 (its first_year in content/pillars/); list it in an era from 2018 on",
        "content/data/papi-scores.yaml:8: eras[1].from: 2010 is not after the previous era (2011); list eras oldest first",
    ]


def test_scores_outside_their_era_or_before_the_first(site):
    csv_text = PAPI_HEADER + "dong-thap,2017,5,5,5,5,5,5,6,,\ndong-thap,2009,5,5,5,5,5,5,,,\n"
    result = site({"data/papi-scores.csv": csv_text, "data/papi-scores.yaml": PAPI_DECLARATION} | PAPI_DIMS)
    assert failed(result) == [
        "content/data/papi-scores.csv:2: papi-7: a score in 2017, but papi-7 is not measured in the era from 2011 "
        "(content/data/papi-scores.yaml); leave it blank",
        "content/data/papi-scores.csv:3: year: 2009 is before the first era (2011) in content/data/papi-scores.yaml; add an era or fix the year",
    ]


def test_columns_must_belong_to_the_declared_index(site):
    csv_text = "province,year,papi-2,par-1\ndong-thap,2022,5,90\n"
    result = site({"data/mixed.csv": csv_text} | PAR)
    assert failed(result) == ["content/data/mixed.csv:1: columns: the dimensions belong to papi, par-index; one file per index"]
    result = site({"data/mixed.csv": csv_text, "data/mixed.yaml": "index: par-index\n"} | PAR)
    assert failed(result) == ["content/data/mixed.csv:1: columns: papi-2 not a dimension of par-index; one file per index"]


def test_data_folder_files_that_are_not_tables(site):
    result = site({"data/notes.txt": "x\n", "data/lonely.yaml": "index: papi\n", "data/bad.yaml": "index: [papi\n",
                   "data/bad.csv": "province,year,papi-2\n"})
    assert failed(result) == [
        "content/data/bad.yaml:1: file: invalid YAML (while parsing a flow sequence, did not find expected ',' or ']'); "
        "check quotes, colons and indentation",
        "content/data/lonely.yaml:1: file: declares a table that is not there; add lonely.csv beside it",
        "content/data/notes.txt:1: file: unknown data file; the data folder holds score tables (name.csv) and their declarations (name.yaml)",
    ]


def test_shipped_declaration_matches_the_shipped_table():
    """The real PAPI rules live in content/data/papi-scores.yaml: dimensions 7 and 8 from 2018."""
    root = Path(__file__).resolve().parent.parent / "content"
    scores = load(root).scores
    table = scores.table("papi")
    assert [(e.first_year, len(e.dimensions)) for e in table.declaration.eras] == [(2011, 6), (2018, 8)]
    row_2017, row_2018 = table.get("an-giang", 2017), table.get("an-giang", 2018)
    assert (row_2017.maximum, row_2018.maximum, row_2017.measured("papi-7"), row_2018.measured("papi-7")) == (60, 80, False, True)
    assert len(table.rows) == 63 * 14
