"""Whole-site checks on the built real content: valid HTML, accessibility, keyboard, CSP, links."""

from __future__ import annotations

import json
import subprocess

import pytest

from portal.links import check_links
from tests import browser as b

PAGE_TYPES = [
    "", "provinces/", "provinces/ca-mau/", "provinces/ca-mau/report/", "former-provinces/bac-kan/",
    "communes/bach-sam/", "pillars/", "pillars/papi-2/", "pillars/papi-2-2/", "plans/",
    "plans/an-giang-179-2020/", "tasks/ca-mau-117-2024/33-theo-doi-ho-ngheo/", "agencies/",
    "agencies/so-noi-vu/", "data/", "about/", "search/",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_html_is_valid(real_site):
    b.need_java()
    vnu = b.TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "json", "--skip-non-html",
                             str(real_site.out)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_links_resolve_under_a_sub_path(site):
    result = site({}, "--base-url", "/portal/")
    assert result.code == 0
    assert check_links(result.out, "/portal/") == []


@pytest.fixture(scope="module")
def chromium():
    with b.browser() as instance:
        yield instance


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_wcag_violations(real_site, chromium, lang, width):
    axe = b.need_axe()
    failures = []
    with b.serve(real_site.out) as base:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        for path in PAGE_TYPES + ["../404.html"]:
            page.goto(base + (f"{lang}/{path}" if not path.startswith("..") else "404.html"))
            page.add_script_tag(path=str(axe))
            result = page.evaluate("opts => axe.run(document, opts)", {"runOnly": {"type": "tag", "values": WCAG}})
            for violation in result["violations"]:
                targets = [n["target"] for n in violation["nodes"]][:3]
                failures.append(f"{lang}/{path} @{width}px: {violation['id']}: {violation['help']} {targets}")
        page.close()
    assert failures == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["vi/", "en/plans/an-giang-179-2020/", "vi/search/"])
def test_keyboard_reaches_every_control_with_visible_focus(real_site, chromium, path):
    with b.serve(real_site.out) as base:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + path)
        expected = page.evaluate("""() => [...document.querySelectorAll(
            'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
            .filter(e => !e.disabled && e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden').length""")
        seen, invisible = set(), []
        for _ in range(expected + 5):
            page.keyboard.press("Tab")
            info = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
                const s = getComputedStyle(e);
                return {id: e.outerHTML.slice(0, 80) + '#' + [...document.querySelectorAll('*')].indexOf(e),
                        visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}; }""")
            if info is None:
                continue
            seen.add(info["id"])
            if not info["visible"]:
                invisible.append(info["id"])
        page.close()
    assert len(seen) >= expected, f"only {len(seen)} of {expected} controls reached by Tab"
    assert invisible == []


@pytest.mark.browser
def test_site_works_under_strict_content_security_policy(real_site, chromium):
    problems = []
    csp = {"Content-Security-Policy": "default-src 'self'"}
    with b.serve(real_site.out, headers=csp) as base:
        page = chromium.new_page()
        page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda err: problems.append(str(err)))
        for path in ["vi/", "en/provinces/an-giang/", "vi/plans/an-giang-179-2020/", "en/data/", "vi/search/?q=dong+thap"]:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        page.close()
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
    assert problems == []
