"""Search: the Python index builder, and the real search page in headless Chromium."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import random
import re
import shutil
import threading
import time
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from bs4 import BeautifulSoup

from portal import markdown, search
from portal.load import load
from portal.model import build_model
from portal.search import (BITMAP, LIST, Facets, SearchDoc, build_index, doc_terms, encode_postings, exact_words,
                           excerpt_text, plain, shard_of, term_postings, words)
from portal.status import STATUSES
from tests.conftest import AS_OF, BASE, ROOT, run_build, write_tree

CHROMIUM = Path("/usr/bin/chromium")
CSP = "default-src 'self'"

# More provinces, an index dimension, a commune, the About page, a plan with three tasks
# (one with a hostile title, one whose title folds like "Sở Nội vụ" and whose body is
# long) and a progress update, on top of conftest.BASE (Đồng Tháp and its plan).
LONG_BODY = ("Rà soát quy trình tiếp nhận hồ sơ tại bộ phận một cửa của các cơ quan, đơn vị và địa phương. " * 5
             + "Cuối năm tổ chức kiểm toán nội bộ về kết quả số hóa. "
             + "Báo cáo kết quả thực hiện cho Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm. " * 3)
SEARCH_CONTENT = {
    "provinces/ha-noi.md": "---\nname: Hà Nội\ntype: city\n---\n",
    "provinces/ha-noi.en.md": "---\nname: Ha Noi\n---\n",
    "communes/thuong-hong.md": "---\nname: Phường Thượng Hồng\ntype: ward\nprovince: dong-thap\n---\nCó kế hoạch riêng.\n",
    "communes/thuong-hong.en.md": "---\nname: Thuong Hong ward\n---\nHas a plan of its own.\n",
    "pages/about.md": "---\ntitle: Về dữ liệu\norder: 1\n---\nNguồn của mỗi loại dữ liệu.\n",
    "pages/about.en.md": "---\ntitle: About the data\n---\nWhere each kind of data comes from.\n",
    "provinces/ca-mau.md": "---\nname: Cà Mau\ntype: province\n---\n",
    "provinces/ca-mau.en.md": "---\nname: Ca Mau\n---\n",
    "former-provinces/ca-mau.md": "---\nname: Cà Mau\ntype: province\nsuccessor: ca-mau\n---\n",
    "former-provinces/ca-mau.en.md": "---\nname: Ca Mau\n---\n",
    "pillars/papi-8.md": "---\nname: Quản trị điện tử\ncode: \"8\"\nparent: papi\norder: 8\n---\nChỉ số nội dung 8.\n",
    "pillars/papi-8.en.md": "---\nname: E-governance\n---\nDimension 8.\n",
    "plans/cm-117-2024.md": """
        ---
        title: Kế hoạch cải thiện Chỉ số PAPI năm 2024 tỉnh Cà Mau
        short_title: Cải thiện PAPI 2024 – Cà Mau
        number: 117/KH-UBND
        issuer: Ủy ban nhân dân tỉnh Cà Mau
        level: province
        province: ca-mau
        date_issued: 2024-05-10
        period_from: 2024
        frameworks: [papi]
        source_document: Kế hoạch số 117/KH-UBND
        ---
        Nội dung.
        """,
    "plans/cm-117-2024.en.md": """
        ---
        title: Plan to improve the PAPI index in 2024, Ca Mau province
        short_title: Improving PAPI in Ca Mau
        issuer: Ca Mau Provincial People's Committee
        source_document: Plan No. 117/KH-UBND
        ---
        Body.
        """,
    "tasks/cm-117-2024/01-dien-tu.md": """
        ---
        plan: cm-117-2024
        title: Đẩy mạnh quản trị điện tử
        pillars: [papi-8]
        lead: [so-noi-vu]
        deadline: 2025-06-30
        section: II.8
        order: 1
        ---
        Hỗ trợ người dân dùng cổng dịch vụ công trực tuyến của tỉnh.
        """,
    "tasks/cm-117-2024/01-dien-tu.en.md": """
        ---
        title: Promote e-governance
        section: II.8
        ---
        Help people use the province's online public service portal.
        """,
    "tasks/cm-117-2024/02-xss.md": """
        ---
        plan: cm-117-2024
        title: "<img src=x onerror=alert(1)>"
        pillars: [papi-2-2]
        lead: [so-noi-vu]
        deadline: 2026-12-31
        section: II.2
        order: 2
        ---
        Công khai <b>onerror</b> danh sách.
        """,
    "tasks/cm-117-2024/03-so-hoa.md": f"""
        ---
        plan: cm-117-2024
        title: Nội dung số hóa dịch vụ công
        pillars: [papi-8]
        lead: [ubnd-cap-huyen]
        deadline: 2026-06-30
        section: II.8
        order: 3
        ---
        {LONG_BODY}
        """,
    "tasks/cm-117-2024/03-so-hoa.en.md": """
        ---
        title: Report on the state of the roads
        section: II.8
        ---
        Home affairs staff at the department check the roads.
        """,
    "updates/cm-117-2024/u1.md": "---\ntask: cm-117-2024/01-dien-tu\ndate: 2025-01-10\nstatus: in-progress\n"
                                 "source: Báo cáo số 1\n---\nĐã mở cổng dịch vụ công.\n",
    "updates/cm-117-2024/u1.en.md": "---\nsource: Report No. 1\n---\nThe public service portal is open.\n",
}


# ------------------------------------------------------------------ index builder

def decode(data: bytes, total: int) -> list[int]:
    """Inverse of encode_postings, as assets/search.js reads it."""
    if data[0] == BITMAP:
        return [i for i in range(total) if data[1 + (i >> 3)] >> (i & 7) & 1]
    values, n, shift = [], 0, 0
    for byte in data[1:]:
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            values.append(n)
            n, shift = 0, 0
    ids, previous = [], -1
    for gap in values[1:]:
        previous += gap + 1
        ids.append(previous)
    assert len(ids) == values[0]
    return ids


def read_shard(data: bytes) -> dict[str, bytes | int]:
    """{term: inline postings, or the number of its post/N.bin file}."""
    pos = 0

    def varint():
        nonlocal pos
        n = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            n |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return n

    terms = {}
    for _ in range(varint()):
        length = varint()
        term = data[pos:pos + length].decode("utf-8")
        pos += length
        file, size = varint(), varint()
        if file:
            terms[term] = file
        else:
            terms[term] = data[pos:pos + size]
            pos += size
    return terms


def shard_file(files: dict[str, bytes], term: str) -> str:
    meta = json.loads(files["meta.json"])
    return f"terms/{shard_of(term, meta['shards'])}.bin"


def postings(files: dict[str, bytes], term: str) -> list[int]:
    meta = json.loads(files["meta.json"])
    entry = read_shard(files[shard_file(files, term)]).get(term)
    if entry is None:
        return []
    data = files[f"post/{entry}.bin"] if isinstance(entry, int) else entry
    return decode(data, meta["docs"])


FACETS = Facets(provinces=(("ca-mau", "Cà Mau"), ("dong-thap", "Đồng Tháp")), pillars=(("papi", "PAPI", 0),),
                statuses=("no-progress", "completed"))


def doc(title: str, text: str = "", **fields) -> SearchDoc:
    values = dict(kind="task", url="tasks/" + "-".join(words(title)) + "/", title=title, text=text, hidden=(),
                  province=None, pillars=(), status=None, year=None)
    values.update(fields)
    return SearchDoc(**values)


def test_words_fold_diacritics_and_d_both_ways():
    assert words("Quản trị điện tử") == ["quan", "tri", "dien", "tu"]
    assert words("ĐỒNG THÁP, Cà Mau!") == ["dong", "thap", "ca", "mau"]
    assert words(unicodedata.normalize("NFD", "đồng tháp")) == ["dong", "thap"]


def test_terms_cover_words_prefixes_title_and_pairs():
    terms = doc_terms(doc("Đồng Tháp", "Tỉnh miền Tây", hidden=("Sở Nội vụ", "Tiền Giang")))
    assert {"w dong", "p d", "p do", "p dong", "t thap", "q th", "b dong thap", "b tinh mien", "b so noi",
            "w giang"} <= terms
    assert "t tinh" not in terms, "body words are not title words"
    assert "b thap tinh" not in terms and "b vu tien" not in terms, "no pair across fields or hidden phrases"


def test_words_as_written_are_terms_only_where_they_differ_from_folded():
    assert exact_words("Sở Nội vụ, PAPI") == {"sở", "nội", "vụ"}
    terms = doc_terms(doc("Sở Nội vụ PAPI"))
    assert {"e sở", "e nội", "e vụ"} <= terms and "e papi" not in terms and "e so" not in terms


@pytest.mark.parametrize("ids, total, kind", [([3, 9, 200], 1000, LIST), (list(range(0, 1000, 2)), 1000, BITMAP),
                                              ([], 10, LIST), ([0], 1, BITMAP)])
def test_postings_round_trip_in_the_smaller_form(ids, total, kind):
    data = encode_postings(ids, total)
    assert data[0] == kind
    assert decode(data, total) == ids
    assert len(data) <= 1 + (total + 7) // 8 + 1


def test_fast_postings_are_the_terms_of_each_document():
    rng = random.Random(7)
    vocabulary = ["công", "cống", "khai", "dân", "Đồng", "tháp", "sở", "số", "nội", "vụ", "PAPI", "2024", "x"]
    docs = []
    for n in range(400):
        text = " ".join(rng.choices(vocabulary, k=9))
        if n % 3 == 2:   # an update: its task's title, hidden phrases and agencies, its own text
            docs.append(doc(docs[-1].title, text, hidden=docs[-1].hidden, agencies=docs[-1].agencies,
                            url=f"tasks/{n - 1}/#u"))
            continue
        docs.append(doc(" ".join(rng.choices(vocabulary, k=rng.randint(1, 4))), text,
                        hidden=tuple(" ".join(rng.choices(vocabulary, k=2)) for _ in range(rng.randint(0, 2))),
                        agencies=tuple(rng.sample(["Sở Nội vụ", "Sở Tư pháp"], rng.randint(0, 2))),
                        pillars=tuple(rng.sample(["papi", "papi-2"], rng.randint(0, 2))), url=f"tasks/{n}/"))
    expected: dict[str, list[int]] = {}
    for number, d in enumerate(docs):
        for term in doc_terms(d):
            expected.setdefault(term, []).append(number)
    total = len(docs)
    got = {term: decode(encode_postings(ids, total), total) for term, ids in term_postings(docs).items()}
    assert got == expected


def test_pairs_in_more_documents_than_their_limit_are_left_out(monkeypatch):
    monkeypatch.setattr(search, "PAIR_MAX", 8)
    docs = [doc(f"Tỉnh {n}", "công khai minh bạch" if n else "công khai ngân sách") for n in range(200)]
    files = build_index(docs, FACETS)
    assert postings(files, "b khai minh") == []
    assert postings(files, "b khai ngan") == [0]
    assert postings(files, "w minh") == list(range(1, 200))


def test_index_finds_documents_by_folded_terms():
    docs = [doc("Đồng Tháp", kind="province", province="dong-thap"),
            doc("Công khai danh sách hộ nghèo", "Niêm yết tại Đồng Tháp", province="dong-thap", status="completed",
                year=2015, pillars=("papi",)),
            doc("Cà Mau", kind="province", province="ca-mau")]
    files = build_index(docs, FACETS)
    meta = json.loads(files["meta.json"])
    assert meta["docs"] == 3
    titles = [title for n in range(0, 3, meta["docChunk"]) for title, *_ in json.loads(files[f"docs/{n}.json"])]
    # Documents are numbered by kind, then province (facet order): Cà Mau, Đồng Tháp, then the task.
    assert titles == ["Cà Mau", "Đồng Tháp", "Công khai danh sách hộ nghèo"]
    assert postings(files, "w dong") == [1, 2]
    assert postings(files, "t dong") == [1]
    assert postings(files, "p ca") == [0]
    assert postings(files, "b danh sach") == [2]
    assert postings(files, "e đồng") == [1], "words as written come from titles, not texts"
    assert postings(files, "w xyzzy") == []


def test_index_is_deterministic_and_uses_compact_json():
    docs = [doc(f"Nhiệm vụ số {n}", "tỉnh dân công " * (n % 7), year=2020 + n % 5, status="completed")
            for n in range(300)]
    first, second = build_index(docs, FACETS), build_index(list(reversed(docs)), FACETS)
    assert first == second
    assert b'": ' not in first["meta.json"] and "Nhiệm".encode() in first["docs/0.json"]


def test_big_postings_get_their_own_file():
    docs = [doc(f"Nhiệm vụ {n}", "tỉnh dân công") for n in range(5000)]
    files = build_index(docs, FACETS)
    assert any(name.startswith("post/") for name in files)
    assert postings(files, "w tinh") == list(range(5000))


def test_terms_with_the_same_documents_share_a_file():
    files = build_index([doc(f"Nhiệm vụ {n}", "tỉnh dân công") for n in range(5000)], FACETS)
    shard = {**read_shard(files[shard_file(files, "w tinh")]), **read_shard(files[shard_file(files, "p tin")])}
    assert isinstance(shard["w tinh"], int) and shard["w tinh"] == shard["p tin"] == shard["p tinh"]


def test_excerpt_text_is_cut_at_a_word_with_an_ellipsis():
    text = "Nhiệm vụ cải thiện " * 60
    kept = excerpt_text(text)
    assert kept.endswith("…") and len(kept) <= search.EXCERPT_CHARS + 1
    assert text.startswith(kept[:-1]) and text[len(kept) - 1] == " ", "cut before a space, not in a word"
    assert excerpt_text("Ngắn gọn.") == "Ngắn gọn."


def page_text(source: str) -> str:
    """What a reader sees of a Markdown body, spaces aside."""
    return "".join(BeautifulSoup(markdown.render(source), "html.parser").get_text().split())


@pytest.mark.parametrize("source", [
    "Xem [cổng dịch vụ][dvc] và [Sở][].\n\n[dvc]: https://dichvucong.gov.vn \"Cổng\"\n[sở]: https://a.vn\n",
    "Địa chỉ: <https://dichvucong.gov.vn/p/home> hoặc <mailto:a@b.vn>.",
    "Mục 2:\n\n> 2. Phân công các đơn vị\n> - chủ trì",
    "Thu &amp; chi, \\*không\\* nhấn mạnh, [không định nghĩa][x].",
])
def test_plain_text_is_what_the_page_shows(source):
    assert "".join(plain(source).split()) == page_text(source)


def test_plain_text_of_every_shipped_body_is_what_its_page_shows():
    model = build_model(load(ROOT / "content"), dt.date.fromisoformat(AS_OF))
    records = [*model.tasks.values(), *model.plans.values(), *model.provinces.values(), *model.pillars.values(),
               *model.agencies.values(), *model.communes.values(), *model.content.of("update").values(),
               *model.content.of("page").values()]
    bodies = [body for r in records for body in (r.body.vi, r.body.en or "")]
    assert [b[:60] for b in bodies if "".join(plain(b).split()) != page_text(b)] == []


def test_build_writes_both_languages(site):
    built = site(SEARCH_CONTENT)
    assert built.code == 0, built.stderr
    for lang in ("vi", "en"):
        meta = json.loads((built.out / "search" / lang / "meta.json").read_text(encoding="utf-8"))
        assert meta["docs"] > 5
    en = json.loads((built.out / "search/en/meta.json").read_text(encoding="utf-8"))
    assert ["ca-mau", "Ca Mau"] in en["provinces"]
    soup = built.html("vi/search/")
    assert soup.select_one('script[src="../../assets/search.js"][defer]')
    assert not [s for s in soup.find_all("script") if s.string and s.string.strip()], "no inline script"
    assert not soup.select("[style]")


# ------------------------------------------------------------------ browser

browser_test = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                      ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8"}

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """BASE and SEARCH_CONTENT, built once for the browser tests (which only read it)."""
    root = tmp_path_factory.mktemp("search")
    content = write_tree(root / "content", {**BASE, **SEARCH_CONTENT})
    built = run_build(content, root / "site")
    assert built.code == 0, built.stderr
    return built.out


@pytest.fixture(scope="module")
def served(built_site):
    with serve(built_site) as base:
        yield base


def big_index_docs(count: int = 3000) -> list[SearchDoc]:
    """Many similar tasks: their common words' lists are files of their own (post/). Every third
    has its words in the body only, so that a word's title list differs from its list."""
    return [doc(f"Nhiệm vụ {n} công khai minh bạch" if n % 3 else f"Báo cáo {n}",
                f"Ủy ban nhân dân tỉnh công khai kết quả {n % 97} lần" + ("" if n % 3 else ", nhiệm vụ minh bạch"),
                url=f"tasks/t{n}/", province="ca-mau", pillars=("papi",), status=STATUSES[n % 3].key,
                year=2020 + n % 5) for n in range(count)]


@pytest.fixture(scope="module")
def big_site(built_site, tmp_path_factory) -> Path:
    """The built site with a synthetic index of 3,000 tasks in search/vi/."""
    folder = tmp_path_factory.mktemp("big") / "site"
    shutil.copytree(built_site, folder)
    shutil.rmtree(folder / "search/vi")
    facets = Facets(provinces=(("ca-mau", "Cà Mau"),), pillars=(("papi", "PAPI", 0),),
                    statuses=tuple(s.key for s in STATUSES))
    for name, data in build_index(big_index_docs(), facets).items():
        (folder / "search/vi" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "search/vi" / name).write_bytes(data)
    return folder


class SearchPage:
    """The search page in one browser context, failing on any script error or CSP report."""

    def __init__(self, browser, base: str, javascript: bool = True, missing: tuple[str, ...] = (), **options):
        self.context = browser.new_context(java_script_enabled=javascript, **options)
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.fetched: list[str] = []
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        # CSP violations and script errors are console errors; failed loads are checked by URL.
        self.page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
                     and self.problems.append(m.text))
        self.page.on("response", lambda r: r.status >= 400 and not r.url.endswith(("/favicon.ico", *missing))
                     and self.problems.append(f"{r.status} {r.url}"))
        self.page.on("request", lambda r: self.fetched.append(r.url))
        self.page.on("dialog", lambda d: (self.problems.append("dialog: " + d.message), d.dismiss()))

    def open(self, lang: str = "vi", query: str = "") -> "SearchPage":
        self.page.goto(f"{self.base}{lang}/search/{query}")
        return self

    def until(self, script: str, arg=None, timeout: float = 10.0):
        """Polls a function of the page; wait_for_function would need 'unsafe-eval' under our CSP."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(script, arg):
            assert time.monotonic() < deadline, f"timed out waiting for {script}"
            self.page.wait_for_timeout(20)

    def wait(self):
        self.page.wait_for_selector(".search-app:not([hidden])")
        self.until("() => document.getElementById('search-list').getAttribute('aria-busy') === 'false'")

    def search(self, text: str) -> list[str]:
        """Types the query and presses Enter (which marks the list busy at once, so that the
        results read are this query's even when the URL does not change), returns result titles."""
        self.page.fill("#search-q", text)
        self.page.press("#search-q", "Enter")
        self.until("q => (new URLSearchParams(location.search).get('q') || '') === q.trim()", text)
        self.wait()
        return self.titles()

    def choose(self, facet: str, value: str):
        self.page.select_option(f"#facet-{facet}", value)
        self.until("arg => new URLSearchParams(location.search).get(arg[0]) === arg[1]", [facet, value])
        self.wait()

    def titles(self) -> list[str]:
        return self.page.locator(".search-result-title").all_inner_texts()

    def links(self) -> list[str]:
        return self.page.locator(".search-result-title a").evaluate_all("els => els.map(a => a.pathname)")

    def status(self) -> str:
        return self.page.inner_text("#search-status")

    def close(self):
        self.context.close()
        assert not self.problems


@pytest.fixture
def page(browser, served):
    opened = SearchPage(browser, served).open()
    opened.wait()
    yield opened
    opened.close()


@pytest.fixture
def en(browser, served):
    opened = SearchPage(browser, served).open("en")
    opened.wait()
    yield opened
    opened.close()


@pytest.mark.browser
@browser_test
@pytest.mark.parametrize("query", ["dong thap", "Dong Thap", "đồng tháp", "ĐỒNG THÁP",
                                   unicodedata.normalize("NFD", "đồng tháp")])
def test_diacritics_are_optional_both_ways(page, query):
    assert page.search(query)[0] == "Đồng Tháp"


@pytest.mark.browser
@browser_test
def test_vietnamese_examples(page):
    assert "Quản trị điện tử" in page.search("quan tri dien tu")[:2]
    assert page.search("ca mau")[0] == "Cà Mau"
    titles = page.search("quan tr")
    assert "Quản trị điện tử" in titles and "Đẩy mạnh quản trị điện tử" in titles
    marks = page.page.locator(".search-result mark").all_inner_texts()
    assert {"Quản", "trị"} <= set(marks), "highlights keep the original diacritics"


@pytest.mark.browser
@browser_test
def test_a_trailing_space_does_not_change_the_results(page):
    typing = page.search("quan tr")
    assert typing and page.search("quan tr ") == typing


@pytest.mark.browser
@browser_test
def test_every_word_must_match(page):
    assert page.search("dong thap") != []
    assert page.search("dong thap xyzzy") == []
    assert "xyzzy" in page.status()


@pytest.mark.browser
@browser_test
def test_words_past_the_eighth_are_named_in_the_status(page):
    titles = page.search("cong khai danh sach ho ngheo niem yet cong khai")
    assert "Công khai danh sách hộ nghèo" in titles
    assert page.status().endswith("Chỉ tìm theo 8 từ đầu tiên; đã bỏ qua: “cong khai”.")


@pytest.mark.browser
@browser_test
def test_title_and_whole_word_matches_rank_first(page):
    titles = page.search("cong khai")
    assert titles[0] == "Công khai danh sách hộ nghèo", titles
    # "ca" is a whole word in "Cà Mau" and only a prefix elsewhere ("cải", "các").
    assert page.search("ca")[0] == "Cà Mau"


@pytest.mark.browser
@browser_test
def test_words_with_the_typed_diacritics_and_phrases_rank_above_folded_title_hits(page):
    titles = page.search("Sở Nội vụ")
    collision = titles.index("Nội dung số hóa dịch vụ công")   # "số", "Nội", "vụ" in its title
    led_by_the_department = ["Sở Nội vụ", "Công khai danh sách hộ nghèo", "Đẩy mạnh quản trị điện tử",
                             "<img src=x onerror=alert(1)>"]
    assert [titles.index(t) < collision for t in led_by_the_department] == [True] * 4, titles


@pytest.mark.browser
@browser_test
def test_english_stop_words_earn_no_title_points(en):
    titles = en.search("department of home affairs")
    assert titles[0] == "Department of Home Affairs"
    # "of" and "the" in this title, the other words scattered in its text:
    assert titles.index("Promote e-governance") < titles.index("Report on the state of the roads"), titles


@pytest.mark.browser
@browser_test
def test_result_shows_kind_province_status_and_excerpt(page):
    page.search("cong dich vu truc tuyen")
    first = page.page.locator(".search-result").first
    assert first.locator(".search-result-title").inner_text() == "Đẩy mạnh quản trị điện tử"
    meta = first.locator(".meta").inner_text()
    assert "Nhiệm vụ" in meta and "Cà Mau" in meta
    assert first.locator(".badge-in-progress").count() == 1
    assert first.locator(".search-excerpt mark").all_inner_texts()[:3] == ["cổng", "dịch", "vụ"]
    assert first.locator("a").get_attribute("href").endswith("/vi/tasks/cm-117-2024/01-dien-tu/")


@pytest.mark.browser
@browser_test
def test_excerpt_is_the_window_around_a_match_far_into_the_text(page):
    assert page.search("kiem toan") == ["Nội dung số hóa dịch vụ công"]
    excerpt = page.page.locator(".search-excerpt").inner_text()
    assert excerpt.startswith("… ") and excerpt.endswith("…")
    assert page.page.locator(".search-excerpt mark").all_inner_texts() == ["kiểm", "toán"]
    # Cut between words: the excerpt's first and last words are whole words of the text.
    inner = excerpt.strip("… ")
    assert f" {inner.split()[0]} " in LONG_BODY and f" {inner.split()[-1]} " in f" {LONG_BODY} "


@pytest.mark.browser
@browser_test
def test_a_matching_agency_is_shown(page):
    page.search("so noi vu")
    item = page.page.locator(".search-result", has_text="Đẩy mạnh quản trị điện tử")
    assert item.locator(".search-agencies").inner_text() == "Cơ quan: Sở Nội vụ"
    assert item.locator(".search-agencies mark").all_inner_texts() == ["Sở", "Nội", "vụ"]


@pytest.mark.browser
@browser_test
@pytest.mark.parametrize("lang, query, found", [
    ("vi", "ho ngheo dong thap", "/vi/tasks/dt-83-2014/01-cong-khai/"),
    ("vi", "PAPI 2024 ca mau", "/vi/tasks/cm-117-2024/01-dien-tu/"),
    ("vi", "117/KH-UBND quan tri", "/vi/tasks/cm-117-2024/01-dien-tu/"),
    ("vi", "mo cong ca mau", "/vi/tasks/cm-117-2024/01-dien-tu/"),   # the update's page
    ("en", "poverty dong thap", "/en/tasks/dt-83-2014/01-cong-khai/"),
    ("en", "e-governance cà mau", "/en/tasks/cm-117-2024/01-dien-tu/"),
])
def test_tasks_and_updates_are_found_by_their_province_and_plan(browser, served, lang, query, found):
    opened = SearchPage(browser, served).open(lang)
    opened.wait()
    opened.search(query)
    assert found in opened.links()
    opened.close()


@pytest.mark.browser
@browser_test
@pytest.mark.parametrize("query, found, kind", [
    ("so noi vu", "/vi/agencies/so-noi-vu/", "Cơ quan"),
    ("thuong hong", "/vi/communes/thuong-hong/", "Xã, phường"),
    ("ve du lieu", "/vi/about/", "Trang"),
])
def test_agencies_communes_and_pages_are_found(page, query, found, kind):
    page.search(query)
    assert page.links()[0] == found
    assert page.page.locator(".search-result .search-kind").first.inner_text() == kind
    assert any(o.startswith(kind + " (") for o in page.page.locator("#facet-kind option").all_inner_texts())


@pytest.mark.browser
@browser_test
@pytest.mark.parametrize("query, found", [
    ("quan tri dien tu", "/en/pillars/papi-8/"),
    ("so noi vu", "/en/agencies/so-noi-vu/"),
    ("uy ban nhan dan", "/en/agencies/ubnd-cap-huyen/"),
    ("day manh quan tri", "/en/tasks/cm-117-2024/01-dien-tu/"),
])
def test_english_site_finds_vietnamese_names_and_titles(en, query, found):
    en.search(query)
    assert en.links()[0] == found


@pytest.mark.browser
@browser_test
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_place_names_are_found_written_as_one_word(browser, served, lang):
    opened = SearchPage(browser, served).open(lang)
    opened.wait()
    opened.search("hanoi")
    assert opened.links()[0] == f"/{lang}/provinces/ha-noi/"
    opened.close()


@pytest.mark.browser
@browser_test
def test_facets_count_filter_and_live_in_the_url(page):
    page.search("cai thien")
    options = page.page.locator("#facet-kind option").all_inner_texts()
    assert options[0] == "Tất cả" and "Kế hoạch (1)" in options
    page.search("cong")
    province_options = page.page.locator("#facet-province option").all_inner_texts()
    assert any(o.startswith("Cà Mau (") for o in province_options)
    assert any(o.startswith("Đồng Tháp (") for o in province_options)
    page.choose("province", "ca-mau")
    assert "Công khai danh sách hộ nghèo" not in page.titles()
    # Other provinces still show their counts, so the filter can be changed in place.
    assert any(o.startswith("Đồng Tháp (") for o in page.page.locator("#facet-province option").all_inner_texts())
    page.choose("kind", "update")
    assert page.titles() == ["Đẩy mạnh quản trị điện tử"]
    assert page.page.locator(".search-result .search-kind").inner_text() == "Cập nhật tiến độ"
    state = parse_qs(urlsplit(page.page.url).query)
    assert state == {"q": ["cong"], "province": ["ca-mau"], "kind": ["update"]}


@pytest.mark.browser
@browser_test
def test_an_index_filter_includes_its_dimensions(browser, served):
    opened = SearchPage(browser, served).open("vi", "?q=ca+mau&kind=task&pillar=papi")
    opened.wait()
    # Tagged papi-8, papi-8 and papi-2-2: dimensions and a sub-dimension of PAPI.
    assert sorted(opened.titles()) == ["<img src=x onerror=alert(1)>", "Nội dung số hóa dịch vụ công",
                                       "Đẩy mạnh quản trị điện tử"]
    opened.choose("pillar", "papi-2")
    assert opened.titles() == ["<img src=x onerror=alert(1)>"]
    opened.close()


@pytest.mark.browser
@browser_test
def test_pillar_filter_shows_each_index_with_its_dimensions(page):
    page.search("ca mau")
    groups = page.page.locator("#facet-pillar optgroup").evaluate_all(
        "gs => gs.map(g => [g.label, [...g.querySelectorAll('option')].map(o => o.textContent)])")
    assert groups == [["Chỉ số PAPI", ["Chỉ số PAPI (5)", "\u00a0\u00a0\u00a0Công khai, minh bạch (1)",
                                       "\u00a0\u00a0\u00a0Quản trị điện tử (3)"]]]


@pytest.mark.browser
@browser_test
def test_a_filter_without_a_query_asks_for_one(browser, served):
    opened = SearchPage(browser, served).open("vi", "?pillar=papi")
    opened.wait()
    assert opened.status() == "Nhập từ cần tìm."
    assert opened.page.input_value("#facet-pillar") == "papi"
    opened.search("ca mau")
    opened.search("")
    assert opened.status() == "Nhập từ cần tìm." and opened.titles() == []
    opened.close()


@pytest.mark.browser
@browser_test
def test_url_state_is_restored(browser, served):
    shared = SearchPage(browser, served).open("vi", "?q=" + quote("cong") + "&province=dong-thap&status=no-progress")
    shared.wait()
    assert shared.page.input_value("#search-q") == "cong"
    assert shared.page.input_value("#facet-province") == "dong-thap"
    assert shared.page.input_value("#facet-status") == "no-progress"
    assert shared.titles() == ["Công khai danh sách hộ nghèo"]
    shared.choose("year", "2015")
    assert shared.titles() == ["Công khai danh sách hộ nghèo"]
    shared.close()


@pytest.mark.browser
@browser_test
def test_language_switch_keeps_the_query_and_filters(page):
    page.search("ca mau")
    page.choose("kind", "task")
    href = page.page.locator(".lang-switch").get_attribute("href")
    assert urlsplit(href).path.endswith("/en/search/")
    assert parse_qs(urlsplit(href).query) == {"q": ["ca mau"], "kind": ["task"]}


@pytest.mark.browser
@browser_test
def test_content_is_never_html(page):
    titles = page.search("img onerror")
    assert titles == ["<img src=x onerror=alert(1)>"]
    assert page.page.locator("#search-list img, #search-list b").count() == 0
    assert page.page.locator(".search-excerpt").inner_text().startswith("Công khai <b>onerror</b>")


@pytest.mark.browser
@browser_test
def test_english_site(en):
    assert en.search("dong thap")[0] == "Dong Thap"
    assert en.search("đồng tháp")[0] == "Dong Thap"
    assert en.search("online public service")[0] == "Promote e-governance"
    assert en.search("Cà Mau")[0] == "Ca Mau"
    assert en.page.locator(".search-result .search-kind").first.inner_text() == "Province or city"


@pytest.mark.browser
@browser_test
def test_without_javascript_the_page_says_so(browser, served):
    nojs = SearchPage(browser, served, javascript=False).open("vi", "?q=dong")
    assert nojs.page.locator(".search-nojs").is_visible()
    assert nojs.page.locator(".search-app").is_hidden()
    links = nojs.page.locator(".search-nojs a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert links == ["../provinces/", "../pillars/", "../plans/", "../agencies/"]
    nojs.close()


@pytest.mark.browser
@browser_test
def test_an_index_that_does_not_load_is_not_called_javascript_off(browser, built_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    (broken / "search/vi/meta.json").unlink()
    with serve(broken) as base:
        opened = SearchPage(browser, base, missing=("/meta.json",)).open("vi", "?q=dong")
        opened.until("() => document.querySelector('.search-nojs').getAttribute('role') === 'alert'")
        notice = opened.page.locator(".search-nojs")
        assert notice.locator("p").inner_text() == ("Không tải được dữ liệu tìm kiếm. Bạn vẫn có thể xem mọi "
                                                    "nội dung qua các trang danh mục.")
        assert notice.locator("a").count() == 4 and opened.page.locator(".search-app").is_hidden()
        opened.close()


@pytest.mark.browser
@browser_test
def test_with_javascript_the_notice_is_hidden(page):
    assert page.page.locator(".search-nojs").is_hidden()


@pytest.mark.browser
@browser_test
def test_keyboard_and_screen_reader(page):
    status = page.page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.search("cong")
    assert page.status().startswith(f"{len(page.titles())} kết quả")
    page.page.focus("#search-q")
    order = []
    for _ in range(9):
        page.page.keyboard.press("Tab")
        order.append(page.page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert order[:8] == ["BUTTON", "SUMMARY", "facet-kind", "facet-province", "facet-pillar", "facet-status",
                         "facet-year", "A"]
    page.page.focus("#facet-year")
    page.page.select_option("#facet-year", index=1)
    page.until("() => location.search.includes('year=')")
    page.wait()
    assert page.page.evaluate("document.activeElement.id") == "facet-year", "a filter keeps focus after the search"


@pytest.mark.browser
@browser_test
def test_search_landmarks_have_distinct_names(page):
    names = page.page.locator("[role=search]").evaluate_all("els => els.map(e => e.getAttribute('aria-label') || '')")
    assert len(names) == 2 and len(set(names)) == 2
    assert page.page.locator(".search-form").get_attribute("aria-label") == "Tìm trong cổng thông tin"


@pytest.mark.browser
@browser_test
def test_on_a_phone_the_first_result_is_on_the_first_screen(browser, served):
    phone = SearchPage(browser, served, viewport={"width": 390, "height": 844}).open("vi", "?q=cong")
    phone.wait()
    assert not phone.page.locator(".search-filters").evaluate("d => d.open")
    assert phone.page.locator(".search-result").first.bounding_box()["y"] + 40 < 844
    phone.page.click(".search-filters summary")
    assert phone.page.locator("#facet-kind").is_visible()
    phone.close()


@pytest.mark.browser
@browser_test
def test_show_more_announces_how_many_are_shown(browser, big_site):
    with serve(big_site) as base:
        opened = SearchPage(browser, base).open()
        opened.wait()
        opened.search("cong khai")
        assert opened.status() == "3.000 kết quả cho “cong khai”."
        opened.page.click("#search-more")
        opened.until("() => document.querySelectorAll('.search-result').length === 40")
        opened.until("() => document.getElementById('search-status').textContent.startsWith('Đang hiện')")
        assert opened.status() == "Đang hiện 40 trên 3.000 kết quả."
        assert opened.page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('li.search-result')[20]")
        opened.close()


def fetched_lists(opened: SearchPage) -> set[str]:
    return {url.split("/search/vi/")[1] for url in opened.fetched if "/search/vi/post/" in url}


@pytest.mark.browser
@browser_test
def test_lists_that_only_rank_are_skipped_past_the_query_budget(browser, big_site, tmp_path):
    query = "nhiem vu cong khai minh bach"
    words_of = query.split()
    files = {str(p.relative_to(big_site / "search/vi")): p.read_bytes() for p in (big_site / "search/vi").rglob("*.bin")}
    files["meta.json"] = (big_site / "search/vi/meta.json").read_bytes()
    # The lists every query must have: each word's, the last word's prefix list.
    terms = [f"w {w}" for w in words_of[:-1]] + [f"p {words_of[-1]}"]
    needed = {f"post/{read_shard(files[shard_file(files, t)])[t]}.bin" for t in terms}
    with serve(big_site) as base:
        generous = SearchPage(browser, base).open()
        generous.wait()
        # title matches first
        assert generous.search(query)[0].startswith("Nhiệm vụ ")
        ranking = fetched_lists(generous) - needed
        generous.close()
    assert ranking, "with the whole budget, title lists are fetched too"
    tight = tmp_path / "site"
    shutil.copytree(big_site, tight)
    meta = json.loads(files["meta.json"])
    meta["queryBudget"] = 1
    (tight / "search/vi/meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with serve(tight) as base:
        opened = SearchPage(browser, base).open()
        opened.wait()
        # without the title lists, in document order: the same matches, ranked less well
        assert opened.search(query)[0] == "Báo cáo 0"
        assert opened.status().startswith("3.000 kết quả")
        assert fetched_lists(opened) == needed
        opened.close()


@pytest.mark.browser
@browser_test
def test_header_search_box_and_sub_path(browser, site, tmp_path):
    built = site(SEARCH_CONTENT, "--base-url", "/portal/", out=tmp_path / "www" / "portal")
    assert built.code == 0, built.stderr
    with serve(tmp_path / "www") as base:
        home = SearchPage(browser, base + "portal/")
        home.page.goto(base + "portal/vi/plans/")
        home.page.fill("#header-q", "ca mau")
        home.page.press("#header-q", "Enter")
        home.page.wait_for_url(re.compile(r".*/portal/vi/search/\?q=ca\+mau$"))
        home.wait()
        assert home.titles()[0] == "Cà Mau"
        home.page.locator(".search-result-title a").first.click()
        home.page.wait_for_url(base + "portal/vi/provinces/ca-mau/")
        home.close()
