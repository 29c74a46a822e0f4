"""Open data: typed JSON and flat CSV, every page's data, the data page's documentation, and
score tables declared per index (content/data/<name>.csv + <name>.yaml)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from portal.datasets import data_links
from portal.load import load
from portal.model import build_model
from portal.status import STATUSES
from tests.conftest import AS_OF
from tests.test_tracking import TASKS, tracking_tree

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
SCORED = {"data/papi-scores.csv": PAPI_SCORES, "data/papi-scores.yaml": PAPI_DECLARATION} | PAPI_DIMS | PAR


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), f"{path}: Excel needs the BOM to read UTF-8"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    return list(reader.fieldnames), list(reader)


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def tracked(site):
    result = site(tracking_tree() | SCORED)
    assert result.code == 0, result.stderr
    return result


def test_json_is_typed_and_csv_is_flat(tracked):
    for lang, agency in (("vi", "Sở Nội vụ"), ("en", "Department of Home Affairs")):
        header, rows = read_csv(tracked.out / f"data/{lang}/tasks.csv")
        data = read_json(tracked.out / f"data/{lang}/tasks.json")
        assert len(rows) == len(data["rows"]) == len(TASKS)
        by_id = {r["id"]: r for r in data["rows"]}
        flat = {r["id"]: r for r in rows}
        overdue = by_id["dt-83-2014/b-overdue-in-progress"]
        assert overdue["overdue"] is True and overdue["percent"] == 30 and overdue["status"] == "in-progress"
        assert overdue["lead"] == [{"id": "so-noi-vu", "name": agency}]
        assert overdue["pillars"] == [{"id": "papi-2-2", "name": "Công khai danh sách hộ nghèo" if lang == "vi" else "Poverty Lists"}]
        assert overdue["deadline"] == "2026-06-30" and overdue["deadline_kind"] == "date"
        assert overdue["last_update"] == "2026-03-01"
        assert overdue["province"] == {"id": "dong-thap", "name": "Đồng Tháp" if lang == "vi" else "Dong Thap"}
        ongoing = by_id["dt-83-2014/g-no-progress-ongoing"]
        assert (ongoing["deadline"], ongoing["deadline_kind"], ongoing["percent"], ongoing["overdue"], ongoing["last_update"]) == \
            (None, "ongoing", None, False, None)
        assert ongoing["partners"] == []
        assert flat["dt-83-2014/b-overdue-in-progress"]["overdue"] == "true"
        assert flat["dt-83-2014/g-no-progress-ongoing"]["overdue"] == "false"
        assert flat["dt-83-2014/g-no-progress-ongoing"]["deadline"] == ""
        assert flat["dt-83-2014/b-overdue-in-progress"]["lead"] == "so-noi-vu"
        assert flat["dt-83-2014/b-overdue-in-progress"]["lead_names"] == agency
        assert flat["dt-83-2014/b-overdue-in-progress"]["percent"] == "30"
        plans = read_json(tracked.out / f"data/{lang}/plans.json")
        assert [(p["tasks"], p["tasks_overdue"], p["source_complete"], p["period_to"]) for p in plans["rows"]] == [(8, 2, True, 2027)]
        updates = read_json(tracked.out / f"data/{lang}/updates.json")
        assert len(updates["rows"]) == sum(len(u) for _, u, _ in TASKS.values())
        first, second = updates["rows"][:2]    # oldest first
        assert (first["task"]["id"], first["percent"], second["task"]["id"], second["percent"]) == \
            ("dt-83-2014/a-completed", 50, "dt-83-2014/e-cancelled", None)
        assert first["url"] == f"/{lang}/tasks/dt-83-2014/a-completed/#update-dt-83-2014-a-completed-0"
        assert (data["as_of"], data["language"], data["licence"]) == \
            (AS_OF, lang, "https://creativecommons.org/licenses/by/4.0/")


def test_scores_keep_the_numbers_exactly(tracked):
    header, rows = read_csv(tracked.out / "data/vi/papi-scores.csv")
    assert header == ["province", "province_name", "year", "era", *[f"papi-{i}" for i in range(1, 9)],
                      "total", "maximum", "total_official"]
    assert [(r["year"], r["era"], r["papi-1"], r["papi-7"], r["total"], r["maximum"], r["total_official"]) for r in rows[:3]] == [
        ("2017", "2011", "4.869586", "", "29.87", "60", "30.87"),
        ("2018", "2018", "4.5", "4", "34.5", "80", ""),
        ("2019", "2018", "4.6", "4", "", "80", ""),   # one dimension missing: no total, not a zero
    ]
    data = read_json(tracked.out / "data/en/papi-scores.json")
    assert data["rows"][2]["papi-8"] is None and data["rows"][2]["total"] is None and data["rows"][0]["papi-1"] == 4.869586
    assert (data["source"], data["source_url"]) == ("PAPI, papi.org.vn", "https://papi.org.vn")
    assert data["title"] == "PAPI scores"


def test_a_second_index_follows_its_own_declaration(tracked):
    header, rows = read_csv(tracked.out / "data/en/par-scores.csv")
    assert header == ["province", "province_name", "year", "era", "par-1", "par-2", "total", "maximum"]
    assert [(r["province"], r["year"], r["era"], r["total"], r["maximum"]) for r in rows] == [
        ("dong-thap", "2021", "2020", "87.5", "100"),
        ("dong-thap", "2022", "2022", "145.25", "200"),
        ("tien-giang", "2022", "2022", "", "200"),
    ]
    assert read_json(tracked.out / "data/en/par-scores.json")["title"] == "PAR INDEX scores"
    content = load(tracked.out.parent / "content")
    scores = content.scores
    assert scores.indices == ("papi", "par-index")
    assert scores.series("dong-thap", "par-2") == ((2022, 55.25),)       # not measured in 2021
    assert scores.value("dong-thap", 2022, "par-1") == 90.0
    assert scores.value("dong-thap", 2018, "papi-2") == 5.25
    assert scores.table_of("par-2").index == "par-index"


def test_every_page_has_its_data(tracked):
    content = load(tracked.out.parent / "content")
    model = build_model(content, dt.date.fromisoformat(AS_OF))
    expected = {
        model.plans["dt-83-2014"]: ("plans/dt-83-2014", 8),
        model.provinces["dong-thap"]: ("provinces/dong-thap", 8),
        model.former_provinces["dong-thap"]: ("former-provinces/dong-thap", 8),
        model.pillars["papi-2-2"]: ("pillars/papi-2-2", 8),
        model.agencies["so-noi-vu"]: ("agencies/so-noi-vu", 6),
        model.agencies["ubnd-cap-huyen"]: ("agencies/ubnd-cap-huyen", 2),
    }
    for lang in ("vi", "en"):
        for record, (stem, count) in expected.items():
            links = [(link.kind, link.format, link.path) for link in data_links(model, record, lang)]
            assert links[:1] == [("tasks", "CSV", f"data/{lang}/{stem}.csv")]
            header, rows = read_csv(tracked.out / f"data/{lang}/{stem}.csv")
            assert len(rows) == count, stem
            assert not (tracked.out / f"data/{lang}/{stem}.json").exists()   # JSON: the whole files only
        index = [(link.kind, link.format, link.path) for link in data_links(model, model.pillars["papi"], lang)]
        assert index[:2] == [("tasks", "CSV", f"data/{lang}/tasks.csv"), ("tasks", "JSON", f"data/{lang}/tasks.json")]
        assert not (tracked.out / f"data/{lang}/pillars/papi.csv").exists()
        for link in (link for record in expected for link in data_links(model, record, lang)):
            assert (tracked.out / link.path).is_file(), link
        former = [(link.kind, link.path) for link in data_links(model, model.former_provinces["tien-giang"], lang)]
        assert former == [   # no plans: no task file; scores of both indices
            ("scores", f"data/{lang}/former-provinces/tien-giang.papi-scores.csv"),
            ("scores", f"data/{lang}/former-provinces/tien-giang.par-scores.csv"),
        ]
        assert not (tracked.out / f"data/{lang}/former-provinces/tien-giang.csv").exists()
        _, rows = read_csv(tracked.out / f"data/{lang}/former-provinces/dong-thap.papi-scores.csv")
        assert [r["year"] for r in rows] == ["2017", "2018", "2019"]
        dimension = [(link.kind, link.path) for link in data_links(model, model.pillars["par-2"], lang)]
        assert dimension == [("scores", f"data/{lang}/par-scores.csv"), ("scores", f"data/{lang}/par-scores.json")]
        province = [(link.kind, link.format) for link in data_links(model, model.provinces["dong-thap"], lang)]
        assert province == [("tasks", "CSV"), ("feed", "Atom"), ("calendar", "iCalendar")]
    labels = [link.label for link in data_links(model, model.plans["dt-83-2014"], "en")]
    assert labels == ["Tasks (CSV)"]


def test_data_page_documents_every_file(tracked):
    for lang in ("vi", "en"):
        page = tracked.html(f"{lang}/data/")
        documented = {}
        for section in page.select("section.dataset"):
            name = section.h2["id"]
            table = section.select("table.fields tbody tr")
            documented[name] = (
                [code.get_text() for tr in table for code in tr.select("td.csv-columns code")],
                [tr.select_one("th.json-key code").get_text() for tr in table],
            )
        assert list(documented) == ["plans", "tasks", "updates", "papi-scores", "par-scores"]
        wrapper = [code.get_text() for code in page.select("table.wrapper th.json-key code")]
        files = sorted((tracked.out / f"data/{lang}").rglob("*.csv"))
        assert len(files) > len(documented)
        for path in files:
            parts = path.relative_to(tracked.out / f"data/{lang}").with_suffix("").parts
            name = parts[0] if len(parts) == 1 else (parts[1].split(".", 1) + ["tasks"])[1]
            columns, keys = documented[name]
            header, _ = read_csv(path)
            assert header == columns, path
            if len(parts) == 1:   # the whole files have JSON too
                data = read_json(path.with_suffix(".json"))
                assert sorted(data) == sorted(wrapper), path
                assert all(sorted(row) == sorted(keys) for row in data["rows"]), path
        codes = [tr.th.get_text() for tr in page.select("table.statuses tbody tr")]
        assert codes == [s.key for s in STATUSES]
        assert all(tr.select("td")[1].get_text(strip=True) for tr in page.select("table.statuses tbody tr"))
    en = tracked.html("en/data/")
    assert "The rows: one object each" in en.select_one("table.wrapper").get_text()
    assert "data/<language>/<section>/<id>.csv" in en.select_one("#page-data").find_parent("section").get_text()
    assert en.select_one('a[href="../../data/en/tasks.csv"]')
    assert en.select_one('a[href="../../data/en/par-scores.json"]')
    assert "Source: Bộ Nội vụ." in en.select_one("#par-scores").find_parent("section").get_text(" ", strip=True)


def test_open_data_is_byte_identical_across_builds(site, tmp_path):
    first = site(tracking_tree() | SCORED, out=tmp_path / "one")
    second = site(tracking_tree() | SCORED, out=tmp_path / "two")
    assert first.code == second.code == 0
    data = sorted(p.relative_to(first.out) for p in first.out.rglob("*")
                  if p.is_file() and p.relative_to(first.out).parts[0] in ("data", "feeds"))
    assert len(data) > 20
    assert all((first.out / n).read_bytes() == (second.out / n).read_bytes() for n in data)


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
