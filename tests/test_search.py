"""Search: the Python index builder, and the real search page in headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading
import time
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from portal.search import BITMAP, LIST, Facets, SearchDoc, build_index, doc_terms, encode_postings, shard_of, words

CHROMIUM = Path("/usr/bin/chromium")
CSP = "default-src 'self'"

# A second province, an index dimension, a plan with two tasks (one with a hostile title)
# and a progress update, on top of conftest.BASE (Đồng Tháp and its plan).
SEARCH_CONTENT = {
    "provinces/ca-mau.md": "---\nname: Cà Mau\ntype: province\n---\n",
    "provinces/ca-mau.en.md": "---\nname: Ca Mau\n---\n",
    "former-provinces/ca-mau.md": "---\nname: Cà Mau\ntype: province\nsuccessor: ca-mau\n---\n",
    "former-provinces/ca-mau.en.md": "---\nname: Ca Mau\n---\n",
    "pillars/papi-8.md": "---\nname: Quản trị điện tử\ncode: \"8\"\nparent: papi\norder: 8\n---\nChỉ số nội dung 8.\n",
    "pillars/papi-8.en.md": "---\nname: E-governance\n---\nDimension 8.\n",
    "plans/cm-117-2024.md": """
        ---
        title: Kế hoạch cải thiện Chỉ số PAPI năm 2024 tỉnh Cà Mau
        short_title: Cải thiện PAPI Cà Mau
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


def postings(files: dict[str, bytes], term: str) -> list[int]:
    meta = json.loads(files["meta.json"])
    entry = read_shard(files[f"terms/{shard_of(term, meta['shards'])}.bin"]).get(term)
    if entry is None:
        return []
    data = files[f"post/{entry}.bin"] if isinstance(entry, int) else entry
    return decode(data, meta["docs"])


FACETS = Facets(provinces=(("ca-mau", "Cà Mau"), ("dong-thap", "Đồng Tháp")), pillars=(("papi", "PAPI"),),
                statuses=("no-progress", "completed"))


def doc(title: str, text: str = "", **fields) -> SearchDoc:
    values = dict(kind="task", url="tasks/" + "-".join(words(title)) + "/", title=title, text=text, hidden="",
                  province=None, pillars=(), status=None, year=None)
    values.update(fields)
    return SearchDoc(**values)


def test_words_fold_diacritics_and_d_both_ways():
    assert words("Quản trị điện tử") == ["quan", "tri", "dien", "tu"]
    assert words("ĐỒNG THÁP, Cà Mau!") == ["dong", "thap", "ca", "mau"]
    assert words(unicodedata.normalize("NFD", "đồng tháp")) == ["dong", "thap"]


def test_terms_cover_words_prefixes_title_and_pairs():
    terms = doc_terms(doc("Đồng Tháp", "Tỉnh miền Tây"))
    assert {"w dong", "p d", "p do", "p dong", "t thap", "q th", "b dong thap", "b tinh mien"} <= terms
    assert "t tinh" not in terms, "body words are not title words"
    assert "b thap tinh" not in terms, "no pair across fields"


@pytest.mark.parametrize("ids, total, kind", [([3, 9, 200], 1000, LIST), (list(range(0, 1000, 2)), 1000, BITMAP),
                                              ([], 10, LIST), ([0], 1, BITMAP)])
def test_postings_round_trip_in_the_smaller_form(ids, total, kind):
    data = encode_postings(ids, total)
    assert data[0] == kind
    assert decode(data, total) == ids
    assert len(data) <= 1 + (total + 7) // 8 + 1


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


@pytest.fixture
def served(site):
    built = site(SEARCH_CONTENT)
    assert built.code == 0, built.stderr
    with serve(built.out) as base:
        yield base


class SearchPage:
    """The search page in one browser context, failing on any script error or CSP report."""

    def __init__(self, browser, base: str, javascript: bool = True):
        self.context = browser.new_context(java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        # CSP violations and script errors are console errors; failed loads are checked by URL.
        self.page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
                     and self.problems.append(m.text))
        self.page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
                     and self.problems.append(f"{r.status} {r.url}"))
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
        """Types the query (as a user would, so the debounced search runs) and returns result titles."""
        self.page.fill("#search-q", text)
        self.until("q => new URLSearchParams(location.search).get('q') === q.trim()", text)
        self.wait()
        return self.titles()

    def titles(self) -> list[str]:
        return self.page.locator(".search-result-title").all_inner_texts()

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
def test_every_word_must_match(page):
    assert page.search("dong thap") != []
    assert page.search("dong thap xyzzy") == []
    assert "xyzzy" in page.status()


@pytest.mark.browser
@browser_test
def test_title_and_whole_word_matches_rank_first(page):
    titles = page.search("cong khai")
    assert titles[0] == "Công khai danh sách hộ nghèo", titles
    # "ca" is a whole word in "Cà Mau" and only a prefix elsewhere ("cải", "các").
    assert page.search("ca")[0] == "Cà Mau"


@pytest.mark.browser
@browser_test
def test_result_shows_kind_province_status_and_excerpt(page):
    page.search("cong dich vu")
    first = page.page.locator(".search-result").first
    assert first.locator(".search-result-title").inner_text() == "Đẩy mạnh quản trị điện tử"
    meta = first.locator(".meta").inner_text()
    assert "Nhiệm vụ" in meta and "Cà Mau" in meta
    assert first.locator(".badge-in-progress").count() == 1
    assert first.locator(".search-excerpt mark").all_inner_texts()[:3] == ["cổng", "dịch", "vụ"]
    assert first.locator("a").get_attribute("href").endswith("/vi/tasks/cm-117-2024/01-dien-tu/")


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
    page.page.select_option("#facet-province", "ca-mau")
    page.until("() => location.search.includes('province=ca-mau')")
    page.wait()
    assert "Công khai danh sách hộ nghèo" not in page.titles()
    # Other provinces still show their counts, so the filter can be changed in place.
    assert any(o.startswith("Đồng Tháp (") for o in page.page.locator("#facet-province option").all_inner_texts())
    page.page.select_option("#facet-kind", "update")
    page.until("() => location.search.includes('kind=update')")
    page.wait()
    assert page.titles() == ["Đẩy mạnh quản trị điện tử"]
    assert page.page.locator(".search-result .search-kind").inner_text() == "Cập nhật tiến độ"
    state = parse_qs(urlsplit(page.page.url).query)
    assert state == {"q": ["cong"], "province": ["ca-mau"], "kind": ["update"]}


@pytest.mark.browser
@browser_test
def test_url_state_is_restored(browser, served):
    shared = SearchPage(browser, served).open("vi", "?q=" + quote("cong") + "&province=dong-thap&status=no-progress")
    shared.wait()
    assert shared.page.input_value("#search-q") == "cong"
    assert shared.page.input_value("#facet-province") == "dong-thap"
    assert shared.page.input_value("#facet-status") == "no-progress"
    assert shared.titles() == ["Công khai danh sách hộ nghèo"]
    shared.page.select_option("#facet-year", "2015")
    shared.until("() => location.search.includes('year=2015')")
    shared.wait()
    assert shared.titles() == ["Công khai danh sách hộ nghèo"]
    shared.close()


@pytest.mark.browser
@browser_test
def test_content_is_never_html(page):
    titles = page.search("img onerror")
    assert titles == ["<img src=x onerror=alert(1)>"]
    assert page.page.locator("#search-list img, #search-list b").count() == 0
    assert page.page.locator(".search-excerpt").inner_text().startswith("Công khai <b>onerror</b>")


@pytest.mark.browser
@browser_test
def test_english_site(browser, served):
    en = SearchPage(browser, served).open("en")
    en.wait()
    assert en.search("dong thap")[0] == "Dong Thap"
    assert en.search("đồng tháp")[0] == "Dong Thap"
    assert en.search("online public service")[0] == "Promote e-governance"
    assert en.search("Cà Mau")[0] == "Ca Mau"
    assert en.page.locator(".search-result .search-kind").first.inner_text() == "Province or city"
    en.close()


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
    for _ in range(8):
        page.page.keyboard.press("Tab")
        order.append(page.page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert order[:7] == ["BUTTON", "facet-kind", "facet-province", "facet-pillar", "facet-status", "facet-year", "A"]
    page.page.focus("#facet-year")
    page.page.select_option("#facet-year", index=1)
    page.until("() => location.search.includes('year=')")
    page.wait()
    assert page.page.evaluate("document.activeElement.id") == "facet-year", "a filter keeps focus after the search"


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
