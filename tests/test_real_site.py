"""The shipped content/, built once per session: links, languages and real facts."""

from __future__ import annotations

from pathlib import Path

from portal.links import check_links


def test_real_content_builds_with_every_translation(real_site):
    assert real_site.code == 0
    assert "Every record has an English translation." in real_site.stdout


def test_every_internal_link_resolves(real_site):
    assert check_links(real_site.out) == []


def test_link_checker_finds_broken_links(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<a href="../b/">b</a> <a href="#x">x</a> <a id="y" href="./#y">y</a>'
                                           '<a href="https://example.org/">ext</a>', encoding="utf-8")
    assert check_links(tmp_path) == ["a/index.html: ../b/ (no such file)", "a/index.html: #x (no element with id 'x')"]


def test_every_page_exists_in_both_languages(real_site):
    vi = {p.relative_to(real_site.out / "vi") for p in (real_site.out / "vi").rglob("index.html")}
    en = {p.relative_to(real_site.out / "en") for p in (real_site.out / "en").rglob("index.html")}
    assert vi == en
    assert len(vi) > 200
