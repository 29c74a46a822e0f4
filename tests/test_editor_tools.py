"""`build.py check` (each finding) and `build.py new` (scaffolds that build once filled in)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from portal import cli
from tests.conftest import BASE, ROOT, write_tree
from tests.test_tracking import tracking_tree


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, cwd=cwd)


def test_check_clean_content(tmp_path):
    content = write_tree(tmp_path / "content", BASE)
    result = run("check", "--content", str(content), "--as-of", "2015-06-01", "--stale-after", "400")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ Content errors: none" in result.stdout
    assert "✓ Broken internal links: none" in result.stdout
    assert "✓ Translations missing or out of date: none" in result.stdout
    assert result.stdout.strip().endswith("0 errors, 0 warnings.")


def test_check_reports_content_errors(tmp_path):
    content = write_tree(tmp_path / "content", BASE | {"agencies/x.md": "---\nname: A\n---\n"})
    result = run("check", "--content", str(content))
    assert result.returncode == 1
    assert "✗ Content errors: 1 (1 error)" in result.stdout
    assert "content/agencies/x.md:1: level: missing" in result.stdout


def test_check_reports_broken_links(tmp_path):
    body = "Xem [trang khác](#khong-co) và [đúng](#h-desc)."
    task = BASE["tasks/dt-83-2014/01-cong-khai.md"].replace("Niêm yết công khai.", body)
    content = write_tree(tmp_path / "content", BASE | {"tasks/dt-83-2014/01-cong-khai.md": task})
    result = run("check", "--content", str(content), "--as-of", "2015-06-01")
    assert result.returncode == 1
    assert "✗ Broken internal links: 1 (1 error)" in result.stdout
    assert "vi/tasks/dt-83-2014/01-cong-khai/index.html: #khong-co (no element with id 'khong-co')" in result.stdout


def test_check_reports_links_in_the_text_by_file_and_line(tmp_path):
    body = ("Xem [kế hoạch](/vi/plans/dt-83-2014/) và [nhiệm vụ cũ](/vi/tasks/dt-83-2014/khong-co/).\n\n        "
            "Tệp [nội bộ](../01-cong-khai/) và [mã](javascript:alert(1)).")
    task = BASE["tasks/dt-83-2014/01-cong-khai.md"].replace("Niêm yết công khai.", body)
    content = write_tree(tmp_path / "content", BASE | {"tasks/dt-83-2014/01-cong-khai.md": task})
    result = run("check", "--content", str(content), "--as-of", "2015-06-01")
    assert result.returncode == 1
    shown = "content/tasks/dt-83-2014/01-cong-khai.md"
    assert result.stdout.count(f"{shown}:") >= 3
    assert (f"    {shown}:11: body: the link /vi/tasks/dt-83-2014/khong-co/ leads to no page of this site; "
            "check the address") in result.stdout
    assert (f"    {shown}:13: body: the link '../01-cong-khai/' is shown as plain text; a link must start with "
            "https://, mailto:, # or / and a page of this site, e.g. /vi/plans/ca-mau-117-2024/") in result.stdout
    assert f"    {shown}:13: body: the link 'javascript:alert(1' is shown as plain text" in result.stdout
    assert "✓ Broken internal links: none" in result.stdout     # the missing page is named once, by its line
    # the link that works is a relative link on the built page, under any base URL
    build = run("build", "--content", str(content), "--out", str(tmp_path / "s"), "--as-of", "2015-06-01",
                "--base-url", "/portal/")
    page = (tmp_path / "s/vi/tasks/dt-83-2014/01-cong-khai/index.html").read_text(encoding="utf-8")
    assert build.returncode == 0 and '<a href="../../../plans/dt-83-2014/">kế hoạch</a>' in page


def test_check_reports_missing_and_stale_translations(tmp_path):
    content = write_tree(tmp_path / "content", BASE | {"agencies/so-noi-vu.en.md": None})
    vi = content / "plans/dt-83-2014.md"
    later = time.time() + 60
    os.utime(vi, (later, later))   # outside git, modification times decide
    result = run("check", "--content", str(content), "--as-of", "2015-06-01")
    assert result.returncode == 0
    assert "! Translations missing or out of date: 2 (2 warnings)" in result.stdout
    assert "content/agencies/so-noi-vu.md: no English translation (create content/agencies/so-noi-vu.en.md)" in result.stdout
    assert "content/plans/dt-83-2014.en.md: older than content/plans/dt-83-2014.md; update the translation" in result.stdout
    assert run("check", "--strict", "--content", str(content), "--as-of", "2015-06-01").returncode == 1


def test_check_stale_translation_in_git(tmp_path):
    content = write_tree(tmp_path / "content", BASE)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(git[:1] + ["init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(git + ["add", "."], cwd=tmp_path, check=True)
    subprocess.run(git + ["commit", "-qm", "one"], cwd=tmp_path, check=True)
    result = run("check", "--content", str(content), "--as-of", "2015-06-01")
    assert "✓ Translations missing or out of date: none" in result.stdout
    task = content / "tasks/dt-83-2014/01-cong-khai.md"
    task.write_text(task.read_text(encoding="utf-8").replace("Niêm yết", "Niêm yết lại"), encoding="utf-8")
    result = run("check", "--content", str(content), "--as-of", "2015-06-01")
    assert "content/tasks/dt-83-2014/01-cong-khai.en.md: older than content/tasks/dt-83-2014/01-cong-khai.md" in result.stdout


def test_check_reports_tasks_without_recent_updates(tmp_path):
    content = write_tree(tmp_path / "content", BASE | tracking_tree())
    result = run("check", "--content", str(content), "--as-of", "2026-11-22", "--stale-after", "200")
    lines = [line.strip() for line in result.stdout.splitlines() if "more than 200 days" in line]
    # open tasks whose latest update (or plan date) is before 2026-05-06; completed and cancelled ones are done
    assert sorted(re.search(r"dt-83-2014/([\w-]+)\.md", line).group(1) for line in lines) == [
        "b-overdue-in-progress", "d-not-started", "f-no-progress-overdue", "g-no-progress-ongoing",
        "h-future-update-ignored"]
    assert any("no update ever" in line for line in lines)
    assert any("last update 2026-02-01" in line for line in lines)


def filled(text: str, values: dict[str, str]) -> str:
    for field, value in values.items():
        text = re.sub(rf'^{field}: "TODO:.*"$', f"{field}: {value}", text, flags=re.M)
    return re.sub(r"^TODO:.*$", "Nội dung.", text, flags=re.M)


def test_new_scaffolds_build_once_filled(tmp_path):
    content = write_tree(tmp_path / "content", BASE)
    assert cli.main(["new", "plan", "dt-99-2025", "--province", "dong-thap", "--content", str(content)]) == 0
    assert cli.main(["new", "task", "dt-99-2025", "01-mot", "--content", str(content)]) == 0
    assert cli.main(["new", "update", "dt-99-2025/01-mot", "--date", "2026-01-05", "--content", str(content)]) == 0
    plan = content / "plans/dt-99-2025.md"
    task = content / "tasks/dt-99-2025/01-mot.md"
    update = content / "updates/dt-99-2025/2026-01-05-01-mot.md"
    # as written, the scaffolds refuse to build and say which values are still placeholders
    out = tmp_path / "site"
    result = run("build", "--content", str(content), "--out", str(out))
    assert result.returncode == 1
    assert "content/plans/dt-99-2025.md:4: title: still says 'TODO: " in result.stderr
    assert not out.exists()
    plan.write_text(filled(plan.read_text(encoding="utf-8"), {
        "title": "Kế hoạch mới", "short_title": "Mới", "number": "unknown", "issuer": "UBND tỉnh",
        "date_issued": "2025-08-01", "period_from": "2025", "source_document": "Văn bản"}), encoding="utf-8")
    task.write_text(filled(task.read_text(encoding="utf-8"), {
        "title": "Việc một", "pillars": "[papi-2-2]", "lead": "[so-noi-vu]", "deadline": "2026-12-31", "section": "II"}),
        encoding="utf-8")
    update.write_text(filled(update.read_text(encoding="utf-8"), {"status": "in-progress", "source": "Báo cáo"}),
                      encoding="utf-8")
    result = run("build", "--content", str(content), "--out", str(out), "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    page = (out / "vi/tasks/dt-99-2025/01-mot/index.html").read_text(encoding="utf-8")
    assert "Việc một" in page and "badge-in-progress" in page


def test_new_refuses_to_overwrite(tmp_path, capsys):
    content = write_tree(tmp_path / "content", BASE)
    before = (content / "plans/dt-83-2014.md").read_bytes()
    assert cli.main(["new", "plan", "dt-83-2014", "--content", str(content)]) == 1
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert (content / "plans/dt-83-2014.md").read_bytes() == before


def test_new_refuses_to_overwrite_a_task(tmp_path, capsys):
    content = write_tree(tmp_path / "content", BASE)
    task = content / "tasks/dt-83-2014/01-cong-khai.md"
    before = task.read_bytes()
    assert cli.main(["new", "task", "dt-83-2014", "01-cong-khai", "--content", str(content)]) == 1
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert task.read_bytes() == before


def test_new_update_of_the_same_day_gets_the_next_number(tmp_path, capsys):
    content = write_tree(tmp_path / "content", BASE)
    args = ["new", "update", "dt-83-2014/01-cong-khai", "--date", "2015-03-10", "--content", str(content)]
    folder = content / "updates/dt-83-2014"
    assert cli.main(args) == 0
    first = folder / "2015-03-10-01-cong-khai.md"
    first.write_text(first.read_text(encoding="utf-8").replace("TODO: ghi chú", "Đã sửa: ghi chú"), encoding="utf-8")
    edited = first.read_bytes()
    assert cli.main(args) == 0
    assert cli.main(args) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "2015-03-10-01-cong-khai-2.md", "2015-03-10-01-cong-khai-3.md", "2015-03-10-01-cong-khai.md"]
    assert first.read_bytes() == edited, "the first update was overwritten"
    assert "Wrote " + str(folder / "2015-03-10-01-cong-khai-3.md") in capsys.readouterr().out
    assert "task: dt-83-2014/01-cong-khai" in (folder / "2015-03-10-01-cong-khai-2.md").read_text(encoding="utf-8")


def test_new_checks_its_arguments(tmp_path, capsys):
    content = write_tree(tmp_path / "content", BASE)
    assert cli.main(["new", "task", "no-such-plan", "01-x", "--content", str(content)]) == 1
    assert "no plan 'no-such-plan'" in capsys.readouterr().err
    assert cli.main(["new", "plan", "Kế hoạch", "--content", str(content)]) == 1
    assert ("plan id 'Kế hoạch' is not a valid id; use lowercase letters, digits and hyphens, e.g. 'ke-hoach' "
            "(ids are lowercase ASCII: no diacritics, capitals or spaces)") in capsys.readouterr().err
    assert cli.main(["new", "task", "dt-83-2014", "Rà soát", "--content", str(content)]) == 1
    assert "e.g. 'ra-soat' (ids are lowercase ASCII" in capsys.readouterr().err
    assert cli.main(["new", "task", "dt-83-2014", "--content", str(content)]) == 2


def test_the_guides_new_commands_are_accepted(tmp_path):
    """Every `build.py new …` example in the guides names ids the command accepts."""
    for guide in ("docs/guide.vi.md", "docs/guide.en.md"):
        content = write_tree(tmp_path / guide, BASE)
        commands = re.findall(r"build\.py (new (?:plan|task|update) .+)", (ROOT / guide).read_text(encoding="utf-8"))
        assert [c.split()[1] for c in commands] == ["plan", "task", "update"], guide
        for command in commands:
            assert cli.main(command.split() + ["--content", str(content)]) == 0, (guide, command)


def test_check_prints_content_errors_in_vietnamese(tmp_path):
    content = write_tree(tmp_path / "content", BASE | {"agencies/x.md": "---\nname: A\n---\n"})
    result = run("check", "--content", str(content), "--lang", "vi")
    assert result.returncode == 1
    assert ("content/agencies/x.md:1: level: còn thiếu; hãy thêm dòng 'level: ...' (ví dụ level: province)"
            in result.stdout)


def test_check_warns_about_updates_after_the_as_of_date(tmp_path):
    update = "---\ntask: dt-83-2014/01-cong-khai\ndate: 2015-08-01\nstatus: completed\nsource: Báo cáo\n---\n"
    content = write_tree(tmp_path / "content", BASE | {"updates/dt-83-2014/later.md": update})
    result = run("check", "--content", str(content), "--as-of", "2015-06-01", "--stale-after", "400")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "! Updates dated after the as-of date: 1 (1 warning)" in result.stdout
    assert ("    content/updates/dt-83-2014/later.md:3: date: 2015-08-01 is dated after the as-of date (2015-06-01); "
            "it is not counted until then") in result.stdout
    assert run("check", "--content", str(content), "--as-of", "2015-08-01", "--stale-after", "400").stdout.count(
        "✓ Updates dated after the as-of date: none") == 1
