"""Whole-site checks: valid HTML, accessibility, keyboard, CSP, links, chart contrast.

Each runs on two sites: the built real content (`real_site`), and a fixture site built once
for this module from an inline tree (`every_page_tree`) that has every page type in both
languages with what the real content lacks: progress updates of every status, overdue and
upcoming deadlines, a commune plan long enough to get its own deadlines and pillar pages, a
former province's plan, a merged province, score tables, plan targets. Each site is served
from one folder, under `Content-Security-Policy: default-src 'self'`, to one browser page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from portal.links import check_links
from portal.load import load
from portal.model import build_model
from portal.render import Renderer, Settings
from tests import browser as b
from tests.conftest import AS_OF, BASE, COMMUNE_PLAN, ROOT, Built, run_build, write_tree
from tests.test_open_data import SCORED

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Every rule of those levels on the whole page; only the violations are reported in full.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
CSP = {"Content-Security-Policy": "default-src 'self'"}
VNU = b.TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of each type (portal/render.py specs()), below vi/ and en/; "../404.html" is the
# site's 404 page (one file for both languages), "search/?q=" the search page with results.
REAL_PAGES = [
    "", "provinces/", "provinces/ca-mau/", "provinces/ca-mau/report/", "provinces/ca-mau/pillars/papi-2/",
    "provinces/ca-mau/deadlines/", "deadlines/", "former-provinces/bac-kan/", "communes/bach-sam/",
    "pillars/", "pillars/papi/", "pillars/papi-2/", "pillars/papi-2-2/", "plans/", "plans/an-giang-179-2020/",
    "tasks/ca-mau-117-2024/33-theo-doi-ho-ngheo/", "agencies/", "agencies/so-noi-vu/",
    "agencies/so-noi-vu/provinces/ca-mau/", "data/", "about/", "search/", "search/?q=dong+thap", "../404.html",
]
FIXTURE_PAGES = [
    "", "provinces/", "provinces/dong-thap/", "provinces/dong-thap/report/", "provinces/dong-thap/pillars/papi-2/",
    "provinces/dong-thap/deadlines/", "deadlines/", "former-provinces/tien-giang/", "former-provinces/dong-thap/",
    "communes/phuong-a/", "communes/phuong-a/pillars/papi-2-2/", "communes/phuong-a/deadlines/",
    "pillars/", "pillars/papi/", "pillars/papi-2/", "pillars/papi-2-2/", "plans/", "plans/dt-2025/",
    "plans/dt-83-2014/", "plans/phuong-a-2026/", "tasks/dt-2025/01-completed/", "tasks/dt-2025/03-delayed-upcoming/",
    "tasks/dt-83-2014/01-cong-khai/", "agencies/", "agencies/so-noi-vu/", "agencies/ubnd-cap-huyen/",
    "agencies/so-noi-vu/provinces/dong-thap/", "data/", "about/", "search/", "search/?q=nhiem+vu", "../404.html",
]

# ---------------------------------------------------------------- the fixture site

# as-of 2026-11-22 (tests/conftest.py AS_OF). slug: (deadline, [(date, status, percent)], lead)
STATUS_TASKS = {
    "01-completed": ("2026-01-31", [("2025-10-01", "in-progress", 50), ("2026-01-15", "completed", 100)], "so-noi-vu"),
    "02-in-progress-overdue": ("2026-06-30", [("2026-03-01", "in-progress", 30)], "so-noi-vu"),
    "03-delayed-upcoming": ("2026-12-31", [("2026-10-01", "not-started", None), ("2026-11-01", "delayed", None)],
                            "ubnd-cap-huyen"),
    "04-not-started": ("2027-06-30", [("2026-02-01", "not-started", None)], "so-noi-vu"),
    "05-cancelled": ("2025-12-31", [("2025-09-01", "cancelled", None)], "ubnd-cap-huyen"),
    "06-no-progress-overdue": ("2026-01-01", [], "so-noi-vu"),
    "07-ongoing": ("ongoing", [], "so-noi-vu"),
    "08-upcoming": ("2027-01-15", [], "so-noi-vu"),
}
# One more than a place's page lists (model.PLACE_CAP), all overdue: the commune gets pages of
# its own for its deadlines and for each pillar.
COMMUNE_TASKS = 26


def _task(plan: str, slug: str, n: int, deadline: str, lead: str, pillars: str = "[papi-2-2]", body: str = "") -> dict:
    return {
        f"tasks/{plan}/{slug}.md": f"---\nplan: {plan}\ntitle: Nhiệm vụ {slug}\npillars: {pillars}\nlead: [{lead}]\n"
                                   f"partners: [ubnd-cap-huyen]\ndeadline: {deadline}\nsection: II\norder: {n}\n---\n{body}",
        f"tasks/{plan}/{slug}.en.md": f"---\ntitle: Task {slug}\nsection: II\n---\n{'Description.' if body else ''}\n",
    }


def _update(plan: str, slug: str, n: int, date: str, status: str, percent: int | None) -> dict:
    pct = f"percent: {percent}\n" if percent is not None else ""
    return {
        f"updates/{plan}/{slug}-{n}.md": f"---\ntask: {plan}/{slug}\ndate: {date}\nstatus: {status}\n{pct}"
                                         f"source: Báo cáo số {n + 1}\nsource_url: https://example.org/{slug}/{n}\n"
                                         f"---\nGhi chú **{n}**.\n",
        f"updates/{plan}/{slug}-{n}.en.md": f"---\nsource: Report No. {n + 1}\n---\nNote **{n}**.\n",
    }


def every_page_tree() -> dict:
    files = dict(BASE) | SCORED | {
        "pages/about.md": "---\ntitle: Giới thiệu\n---\nXem [kế hoạch](/vi/plans/dt-2025/#h-tasks).\n",
        "pages/about.en.md": "---\ntitle: About\n---\nSee [the plan](/en/plans/dt-2025/#h-tasks).\n",
        # a current province's plan, with targets, a partial source and Markdown of every kind
        "plans/dt-2025.md": """
            ---
            title: Kế hoạch cải thiện Chỉ số PAPI tỉnh Đồng Tháp giai đoạn 2025–2027
            short_title: PAPI Đồng Tháp 2025–2027
            number: 120/KH-UBND
            issuer: Ủy ban nhân dân tỉnh Đồng Tháp
            level: province
            province: dong-thap
            date_issued: 2025-08-01
            signer: Nguyễn Văn A
            signer_role: Phó Chủ tịch
            period_from: 2025
            period_to: 2027
            frameworks: [papi, par-index]
            source_document: Kế hoạch số 120/KH-UBND
            source_url: https://example.org/120-kh-ubnd
            source_complete: false
            source_note: Thiếu phụ lục.
            objectives:
              - Nâng điểm PAPI
              - Công khai
            targets:
              - {pillar: papi-2, year: 2026, value: 5.6, baseline_year: 2019, baseline: 5.5}
              - {pillar: par-1, year: 2027, value: 92}
            ---
            ## Bối cảnh

            | Năm | Điểm |
            |---|--:|
            | 2019 | 5,5 |

            > Trích dẫn, với [liên kết](https://example.org) và `mã`.

            1. Một
            2. Hai
            """,
        "plans/dt-2025.en.md": """
            ---
            title: Plan to improve Dong Thap's PAPI score 2025–2027
            short_title: Dong Thap PAPI 2025–2027
            issuer: Dong Thap Provincial People's Committee
            signer_role: Vice Chairman
            source_document: Plan No. 120/KH-UBND
            source_note: Appendices missing.
            objectives:
              - Raise the PAPI score
              - Transparency
            ---
            ## Background

            | Year | Score |
            |---|--:|
            | 2019 | 5.5 |
            """,
        # the other former province merged into Đồng Tháp has a plan too
        "plans/tg-12-2019.md": """
            ---
            title: Kế hoạch của tỉnh Tiền Giang
            short_title: Tiền Giang 2019
            number: 12/KH-UBND
            issuer: Ủy ban nhân dân tỉnh Tiền Giang
            level: province
            province: tien-giang
            date_issued: 2019-03-01
            period_from: 2019
            period_to: 2020
            frameworks: [papi]
            source_document: Kế hoạch số 12/KH-UBND
            ---
            """,
        "plans/tg-12-2019.en.md": "---\ntitle: Tien Giang plan\nshort_title: Tien Giang 2019\nissuer: Tien Giang PPC\n"
                                  "source_document: Plan No. 12/KH-UBND\n---\n",
        "communes/phuong-a.md": "---\nname: Phường A\ntype: ward\nprovince: dong-thap\ndistrict: thị xã B\n---\nGhi chú.\n",
        "communes/phuong-a.en.md": "---\nname: Ward A\ndistrict: B town\n---\nNotes.\n",
        **COMMUNE_PLAN,
    }
    for n, (slug, (deadline, updates, lead)) in enumerate(STATUS_TASKS.items(), 1):
        files |= _task("dt-2025", slug, n, deadline, lead, "[papi-2-2, par-1]" if n % 2 else "[papi-2]",
                       "Mô tả **nhiệm vụ**.\n")
        for i, (date, status, percent) in enumerate(updates):
            files |= _update("dt-2025", slug, i, date, status, percent)
    files |= _task("tg-12-2019", "01", 1, "2019-12-31", "so-noi-vu") | _update("tg-12-2019", "01", 0, "2020-01-10", "completed", None)
    for n in range(1, COMMUNE_TASKS + 1):
        files |= _task("phuong-a-2026", f"{n:02}", n, f"2026-{1 + n % 10:02}-{n:02}", "so-noi-vu")
    files |= _update("phuong-a-2026", "01", 0, "2026-02-01", "in-progress", 10)
    return files


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("every-page")
    built = run_build(write_tree(root / "content", every_page_tree()), root / "site")
    assert built.code == 0, built.stderr
    return built


SITES = {"real": REAL_PAGES, "fixture": FIXTURE_PAGES}


@pytest.fixture(scope="module", params=list(SITES))
def which(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def built(request, which) -> Built:
    return request.getfixturevalue("real_site" if which == "real" else "fixture_site")


def templates_of(content: Path, paths: list[str]) -> tuple[set, set]:
    """(every template the build of `content` uses, the templates of the pages at `paths`)."""
    model = build_model(load(content), dt.date.fromisoformat(AS_OF))
    specs = Renderer(model, Settings("/", ROOT / "layouts", ROOT / "assets")).specs()
    by_path = {spec.path: spec.template for spec in specs}
    chosen = {by_path[p[3:] if p.startswith("../") else f"{lang}/{p.split('?')[0]}index.html"]
              for p in paths for lang in ("vi", "en")}
    return {spec.template for spec in specs}, chosen


@pytest.mark.parametrize("which_content", list(SITES))
def test_the_checks_visit_every_page_type(which_content, tmp_path):
    """Every template portal/render.py renders is among the pages the browser checks visit, in
    both languages (a new page type fails here until it is added to REAL_PAGES / FIXTURE_PAGES)."""
    content = ROOT / "content" if which_content == "real" else write_tree(tmp_path / "content", every_page_tree())
    used, chosen = templates_of(content, SITES[which_content])
    assert used - {"root.html"} <= chosen, "page types no check visits"


def test_fixture_site_has_what_the_real_content_lacks(fixture_site):
    task = fixture_site.html("en/tasks/dt-2025/03-delayed-upcoming/")
    assert len(task.select("ol.timeline > li")) == 2
    plan = fixture_site.html("en/plans/dt-2025/")
    badges = {c.removeprefix("badge-") for badge in plan.select(".badge") for c in badge["class"] if c.startswith("badge-")}
    assert badges == {"no-progress", "not-started", "in-progress", "completed", "delayed", "cancelled"}
    assert plan.select_one("#plan-overdue") and plan.select_one("#plan-upcoming") and plan.select(".target-chart")
    assert fixture_site.html("en/provinces/dong-thap/").select(".score-chart")
    assert "merged" in fixture_site.html("en/former-provinces/tien-giang/").select_one(".history").get_text()


# ---------------------------------------------------------------- HTML validity

def test_html_is_valid(built):
    b.need_java()
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             "--verbose", str(built.out)], capture_output=True, text=True, timeout=600)
    # --verbose names each file checked on stdout; the report (JSON) is on stderr
    checked = {Path(line).resolve() for line in result.stdout.splitlines() if line.endswith(".html")}
    pages = {p.resolve() for p in built.out.rglob("*.html")}
    try:
        report = json.loads(result.stderr)
    except ValueError:
        pytest.fail(f"vnu exited {result.returncode} without a JSON report: {result.stderr[-2000:]}")
    messages = report["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(pages) > 100 and checked == pages, f"vnu checked {len(checked)} of {len(pages)} HTML files"


# ---------------------------------------------------------------- links

@pytest.fixture(scope="module")
def under_sub_path(tmp_path_factory, which) -> Path:
    root = tmp_path_factory.mktemp(f"portal-{which}")
    content = ROOT / "content" if which == "real" else write_tree(root / "content", every_page_tree())
    built = run_build(content, root / "site", "--base-url", "/portal/")
    assert built.code == 0, built.stderr
    return built.out


def test_links_resolve_under_a_sub_path(under_sub_path):
    """Every internal link and #anchor (<a>, <link> including canonical, hreflang alternates and
    feeds, images, scripts; the links in the Atom feeds) in both languages, served at /portal/."""
    assert check_links(under_sub_path, "/portal/") == []
    vi = (under_sub_path / "vi/index.html").read_text(encoding="utf-8")
    assert 'hreflang="en" href="/portal/en/"' in vi and 'type="application/atom+xml"' in vi


def test_link_checker_follows_alternates_canonical_and_feeds(tmp_path):
    write_tree(tmp_path, {
        "vi/index.html": '<link rel="canonical" href="/portal/vi/"><link rel="alternate" hreflang="en" href="/portal/en/">'
                         '<link rel="alternate" type="application/atom+xml" href="../feeds/vi/updates.xml">'
                         '<link rel="canonical" href="https://example.org/vi/"><p id="u-2">',
        "feeds/vi/updates.xml": '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/portal/">'
                                '<link rel="self" href="/portal/feeds/vi/updates.xml"/><link href="/portal/vi/#u-2"/>'
                                '<entry><link rel="alternate" href="/portal/vi/#u-1"/><content type="xhtml"><div>'
                                '<a href="vi/missing/">x</a> <a href="vi/">ok</a></div></content></entry></feed>',
    })
    assert check_links(tmp_path, "/portal/") == [
        "vi/index.html: /portal/en/ (no such file)",
        "feeds/vi/updates.xml: /portal/vi/#u-1 (no element with id 'u-1')",
        "feeds/vi/updates.xml: vi/missing/ (no such file)",
    ]


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def page():
    """One browser page for the module; `page.problems` collects console errors and warnings."""
    with b.browser() as chromium:
        tab = chromium.new_page()
        tab.problems = []
        tab.on("console", lambda msg: tab.problems.append(msg.text) if msg.type in ("error", "warning") else None)
        tab.on("pageerror", lambda err: tab.problems.append(str(err)))
        yield tab
        tab.close()


@pytest.fixture(scope="module")
def servers():
    """One server per built site, kept for the module, every response with the strict CSP."""
    with contextlib.ExitStack() as stack:
        running: dict[Path, str] = {}

        def url(built: Built) -> str:
            if built.out not in running:
                running[built.out] = stack.enter_context(b.serve(built.out, headers=CSP))
            return running[built.out]
        yield url


def visit(page, base: str, lang: str, path: str) -> str:
    """Open a page and wait until it is ready (the search page: until it has shown its results)."""
    address = base + ("404.html" if path == "../404.html" else f"{lang}/{path}")
    page.goto(address)
    if path.startswith("search/"):
        # selectors, not wait_for_function: older Playwright evaluates its predicate with eval(),
        # which the page's CSP refuses
        page.wait_for_selector('.search-app:not([hidden]) #search-list[aria-busy="false"]', state="attached")
        if "?" in path:
            page.wait_for_selector("#search-status:not(:empty)", state="attached")
    return address


# Every mark and label of a chart inside it (an SVG clips what is outside), and WCAG 1.4.11
# non-text contrast, which axe does not check: every mark of every chart (status
# segments, bars, score lines and dots, sparklines) at least 3:1 against the background it is
# drawn on, neighbouring status segments told apart (3:1 between them, or a separator in the
# background colour), and text in a chart 4.5:1 against what is behind it. The grid lines are
# left out: the values are labelled, and printed in a table beside every chart.
CHART_CONTRAST = r"""() => {
    const rgb = c => { const m = /rgba?\(([^)]*)\)/.exec(c || ''); if (!m) return null;
        const v = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return v.length > 3 && v[3] === 0 ? null : v.slice(0, 3); };
    const lum = c => c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((sum, v, i) => sum + [0.2126, 0.7152, 0.0722][i] * v, 0);
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const same = (a, b) => a && b && a.every((v, i) => v === b[i]);
    const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c) return c; }
                              return [255, 255, 255]; };
    const problems = [];
    let charts = 0;
    for (const svg of document.querySelectorAll('svg.chart')) {
        if (!svg.getClientRects().length) continue;
        charts++;
        const bg = background(svg), name = svg.getAttribute('class');
        let segment = null;   // the status bar's segment before: {colour, separated}
        for (const mark of svg.querySelectorAll('rect, circle, line:not(.grid), polyline, path, text')) {
            const s = getComputedStyle(mark);
            const fill = rgb(s.fill), stroke = parseFloat(s.strokeWidth) > 0 ? rgb(s.stroke) : null;
            const what = `${name} .${mark.getAttribute('class')}`;
            const box = mark.getBBox(), view = svg.viewBox.baseVal;
            if (box.x < view.x - 1 || box.y < view.y - 1 || box.x + box.width > view.x + view.width + 1
                || box.y + box.height > view.y + view.height + 1)
                problems.push(`${what}: drawn outside the chart (${mark.textContent || box.width.toFixed(0) + ' wide'})`);
            if (mark.tagName === 'text') {
                const under = mark.classList.contains('seg-icon') && segment ? segment.colour : bg;
                const r = ratio(fill, under);
                if (r < 4.5) problems.push(`${what}: text ${s.fill} on ${under}: ${r.toFixed(2)}:1`);
                continue;
            }
            const filled = fill && !same(fill, bg);
            const seen = filled ? fill : stroke;     // a hollow mark is seen by its outline
            const r = seen ? ratio(seen, bg) : 1;
            if (r < 3) problems.push(`${what}: ${filled ? s.fill : s.stroke} on ${bg}: ${r.toFixed(2)}:1`);
            if (name.includes('status-chart') && mark.tagName === 'rect') {
                const colour = filled ? fill : bg, separated = same(stroke, bg) || (!filled && !!stroke);
                if (segment && !segment.separated && !separated && ratio(colour, segment.colour) < 3)
                    problems.push(`${what}: not told apart from the segment before it (${ratio(colour, segment.colour).toFixed(2)}:1)`);
                segment = {colour, separated};
            }
        }
    }
    return {charts, problems};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_wcag_violations(built, which, page, servers, lang, width):
    axe = b.need_axe().read_text(encoding="utf-8")
    page.set_viewport_size({"width": width, "height": 900})
    failures, charts = [], 0
    for path in SITES[which]:
        visit(page, servers(built), lang, path)
        page.evaluate(axe)   # evaluated by the browser, not a <script> the page's CSP would refuse
        result = page.evaluate("opts => axe.run(document, opts)", AXE_OPTIONS)
        assert len(result["passes"]) > 10, f"axe checked little on {path}: {result['passes']}"
        for violation in result["violations"]:
            targets = [n["target"] for n in violation["nodes"]][:3]
            failures.append(f"{lang}/{path} @{width}px: {violation['id']}: {violation['help']} {targets}")
        contrast = page.evaluate(CHART_CONTRAST)
        charts += contrast["charts"]
        failures += [f"{lang}/{path} @{width}px: {problem}" for problem in dict.fromkeys(contrast["problems"])]
    assert failures == []
    assert charts > 10, "no charts were checked"


# Every control on the page that can be reached (visible, enabled), and a focusin listener that
# records, for each control focused, whether its focus is visible (an outline or a box shadow).
KEYBOARD_SETUP = """() => {
    window.__controls = [...document.querySelectorAll(
        'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
        .filter(e => !e.disabled && e.checkVisibility({visibilityProperty: true}));   // not in a closed <details>
    window.__focused = new Map();
    document.addEventListener('focusin', event => {
        const s = getComputedStyle(event.target);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        window.__focused.set(event.target, (window.__focused.get(event.target) ?? true) && ring);
    });
    return window.__controls.length;
}"""
KEYBOARD_RESULT = """() => ({
    missed: window.__controls.filter(e => !window.__focused.has(e)).map(e => e.outerHTML.slice(0, 100)),
    invisible: [...window.__focused].filter(([e, ring]) => !ring).map(([e]) => e.outerHTML.slice(0, 100)),
})"""
# Some 10 ms a Tab. The fixture site: every page type at both widths, and in both languages: at
# phone width the even pages of the list in Vietnamese and the odd ones in English, at desktop
# width the other way round. The real site (the same page types, with lists of hundreds of
# links): a sample, in Vietnamese.
KEYBOARD_PAGES = {
    ("fixture", 390): [("vi" if i % 2 == 0 else "en", path) for i, path in enumerate(FIXTURE_PAGES)],
    ("fixture", 1280): [("en" if i % 2 == 0 else "vi", path) for i, path in enumerate(FIXTURE_PAGES)],
}
KEYBOARD_PAGES[("real", 390)] = KEYBOARD_PAGES[("real", 1280)] = [
    ("vi", path) for path in ("", "plans/an-giang-179-2020/", "tasks/ca-mau-117-2024/33-theo-doi-ho-ngheo/",
                              "provinces/ca-mau/report/", "search/?q=dong+thap", "../404.html")]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_keyboard_reaches_every_control_with_visible_focus(built, which, page, servers, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for lang, path in KEYBOARD_PAGES[(which, width)]:
        visit(page, servers(built), lang, path)
        count = page.evaluate(KEYBOARD_SETUP)
        assert count > 5, path
        for _ in range(count + 3):
            page.keyboard.press("Tab")
        result = page.evaluate(KEYBOARD_RESULT)
        problems += [f"{lang}/{path} @{width}px: not reached by Tab: {html}" for html in result["missed"]]
        problems += [f"{lang}/{path} @{width}px: no visible focus: {html}" for html in result["invisible"]]
    assert problems == []


@pytest.mark.browser
def test_site_works_under_strict_content_security_policy(built, which, page, servers):
    """Every page type in both languages, and a search with results, served with
    `Content-Security-Policy: default-src 'self'`: nothing refused, no console errors."""
    page.set_viewport_size({"width": 1280, "height": 900})
    del page.problems[:]
    for lang in ("vi", "en"):
        for path in SITES[which]:
            visit(page, servers(built), lang, path)
    page.goto(servers(built) + "vi/search/?q=dong+thap&kind=province")
    page.wait_for_selector("#search-list li")
    assert page.evaluate("document.querySelectorAll('#search-list li').length") >= 1
    assert [p for p in page.problems if "Content Security Policy" in p or "Refused" in p] == []
    assert page.problems == []
