"""Hostile content stays inert; failed builds keep the old site; builds are reproducible."""

from __future__ import annotations

import filecmp
import shutil
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE, ROOT, run_build, write_tree

HOSTILE_BODY = """
<script>alert(1)</script>

<img src=x onerror=alert(1)>

[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org/a)
![pixel](https://tracker.example/p.png)

<!-- hidden comment -->
{{ 7*7 }} {% raw %}{% endraw %}
"""


def test_hostile_markdown_and_titles_are_inert(site):
    task = BASE["tasks/dt-83-2014/01-cong-khai.md"].replace(
        "title: Công khai danh sách hộ nghèo", "title: \"<img src=x onerror=alert(1)> {{ 7*7 }}\""
    ).replace("Niêm yết công khai.", HOSTILE_BODY.replace("\n", "\n        "))
    result = site({"tasks/dt-83-2014/01-cong-khai.md": task, "tasks/dt-83-2014/01-cong-khai.en.md": None})
    assert result.code == 0, result.stderr
    for lang in ("vi", "en"):
        page = result.out / lang / "tasks/dt-83-2014/01-cong-khai/index.html"
        html = page.read_text(encoding="utf-8")
        soup = result.html(f"{lang}/tasks/dt-83-2014/01-cong-khai/")
        assert soup.find("script") is None
        assert not soup.select("[onerror]"), "event handler attribute reached the page"
        assert not [a for a in soup.find_all("a", href=True) if a["href"].lower().startswith(("javascript:", "data:"))]
        assert not soup.find("img")
        assert "<!-- hidden comment -->" not in html
        assert "49" not in soup.h1.get_text(), "Jinja syntax in content was evaluated"
        assert soup.h1.get_text(strip=True) == "<img src=x onerror=alert(1)> {{ 7*7 }}"
        prose = soup.select_one(".prose")
        assert "<script>alert(1)</script>" in prose.get_text()
        assert prose.select_one('a[href="https://example.org/a"]')
        assert prose.select_one("span.unsafe-link").get_text() == "click"


def test_failed_build_leaves_previous_site_untouched(site, tmp_path):
    good = site()
    assert good.code == 0
    before = {p: p.read_bytes() for p in good.out.rglob("*") if p.is_file()}
    bad = site({"agencies/x.md": "---\nname: [\n---\n"})
    assert bad.code == 1
    after = {p: p.read_bytes() for p in good.out.rglob("*") if p.is_file()}
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.cache", "content", "site"], "no temporary folders left behind"


def test_two_builds_are_byte_identical(site, tmp_path):
    first = site(out=tmp_path / "one")
    second = site(out=tmp_path / "two")
    assert first.code == second.code == 0
    cmp = filecmp.dircmp(first.out, second.out)

    def same(c):
        assert not (c.left_only or c.right_only or c.diff_files or c.funny_files), (c.left_only, c.right_only, c.diff_files)
        for sub in c.subdirs.values():
            same(sub)

    same(cmp)
    files = [p for p in first.out.rglob("*") if p.is_file()]
    assert all(filecmp.cmp(p, second.out / p.relative_to(first.out), shallow=False) for p in files)


def test_build_never_writes_outside_output(site, tmp_path):
    result = site()
    assert result.code == 0
    written = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert written == {".site.cache", "content", "site"}


def test_command_line_exit_codes(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    ok = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(tmp_path / "s")],
                        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "as of 2023-11-14" in ok.stdout  # SOURCE_DATE_EPOCH sets the as-of date
    usage = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--as-of", "yesterday"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert usage.returncode == 2
    assert "'yesterday' is not a date; write YYYY-MM-DD" in usage.stderr
    missing = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(tmp_path / "nope"),
                              "--out", str(tmp_path / "s2")], capture_output=True, text=True, cwd=tmp_path)
    assert missing.returncode == 1
    assert not (tmp_path / "s2").exists()


def test_unchanged_inputs_skip_the_build(tmp_path):
    content = write_tree(tmp_path / "content", BASE)
    out = tmp_path / "site"
    cmd = [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out), "--as-of", "2026-11-22"]
    first = subprocess.run(cmd, capture_output=True, text=True)
    assert first.returncode == 0 and "Built" in first.stdout
    second = subprocess.run(cmd, capture_output=True, text=True)
    assert "Nothing changed since the last build" in second.stdout
    task = content / "tasks/dt-83-2014/01-cong-khai.md"
    task.write_text(task.read_text(encoding="utf-8").replace("Niêm yết", "Niêm yết ngay"), encoding="utf-8")
    third = subprocess.run(cmd, capture_output=True, text=True)
    assert "Built" in third.stdout
    assert "Niêm yết ngay" in (out / "vi/tasks/dt-83-2014/01-cong-khai/index.html").read_text(encoding="utf-8")
    other_date = subprocess.run(cmd[:-1] + ["2026-11-23"], capture_output=True, text=True)
    assert "Built" in other_date.stdout
    assert "Built" in subprocess.run(cmd + ["--force"], capture_output=True, text=True).stdout


def test_damaged_output_is_built_again(tmp_path):
    content = write_tree(tmp_path / "content", BASE)
    out = tmp_path / "site"
    cmd = [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out), "--as-of", "2026-11-22"]
    assert subprocess.run(cmd, capture_output=True, text=True).returncode == 0
    shutil.rmtree(out / "vi/plans")
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert "Built" in again.stdout
    assert (out / "vi/plans/dt-83-2014/index.html").is_file()


@pytest.mark.parametrize("case", ["foreign folder", "file", "content inside", "root"])
def test_output_folder_that_is_not_a_site_is_refused(site, tmp_path, case):
    """The build replaces the whole output folder, so it must never be one holding other files."""
    content = write_tree(tmp_path / "content", BASE)
    out = {"foreign folder": tmp_path / "notes", "file": tmp_path / "notes.txt",
           "content inside": tmp_path, "root": Path("/")}[case]
    if case == "foreign folder":
        out.mkdir()
        (out / "draft.md").write_text("mine", encoding="utf-8")
    elif case == "file":
        out.write_text("mine", encoding="utf-8")
    result = run_build(content, out)
    assert result.code == 2
    expected = {
        "foreign folder": f"error: --out {out}: this folder already holds files that a build did not make, and a build "
                          "replaces the whole folder; choose a new or empty folder, or delete this one yourself",
        "file": f"error: --out {out}: this is a file, not a folder; choose another name or delete the file",
        "content inside": f"error: --out {out}: the output folder would contain {content}, which the build reads; "
                          "choose a folder of its own, e.g. --out site",
        "root": "error: --out /: the output folder cannot be the root of the file system; use e.g. --out site",
    }[case]
    assert result.stderr.strip() == expected
    if case == "foreign folder":
        assert (out / "draft.md").read_text(encoding="utf-8") == "mine"
    if case == "file":
        assert out.read_text(encoding="utf-8") == "mine"
    assert (content / "plans/dt-83-2014.md").is_file()


def test_an_earlier_site_or_an_empty_folder_may_be_replaced(site, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert site(out=empty).code == 0
    assert (empty / ".portal-site").is_file()
    assert site(None, "--force", out=empty).code == 0   # a site an earlier build made: replaced


def test_relative_content_and_output_paths(tmp_path):
    """`--content content`, `--content ./content/` and `--content .` all work, from any folder."""
    write_tree(tmp_path / "content", BASE)
    for cwd, content, out in ((tmp_path, "content", "site"), (tmp_path, "./content/", "site2"),
                              (tmp_path / "content", ".", "../site3")):
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", content, "--out", out,
                               "--as-of", "2026-11-22"], capture_output=True, text=True, cwd=cwd)
        assert done.returncode == 0, done.stderr
        assert (cwd / out / "vi/plans/dt-83-2014/index.html").is_file()


@pytest.mark.parametrize("rel", ["../escaped.html", "/tmp/escaped.html", "vi/../../escaped.html", "vi//x.html",
                                 "./x.html", "", "vi/\0.html"])
def test_writer_refuses_a_path_that_leaves_the_output(tmp_path, rel):
    from portal.write import OutputError, write_files
    root = tmp_path / "out"
    root.mkdir()
    with pytest.raises(OutputError) as caught:
        write_files(root, [("vi/ok.html", b"ok"), (rel, b"x")])
    assert str(caught.value) == f"refusing to write outside the output folder: {rel}"
    assert not (tmp_path / "escaped.html").exists()
    assert (root / "vi" / "ok.html").read_bytes() == b"ok"

