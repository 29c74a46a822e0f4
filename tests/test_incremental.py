"""The incremental path is proven: after each kind of edit it writes exactly what a clean build writes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from portal.incremental import BuildSession
from portal.errors import ContentErrors
from portal.load import load
from portal.model import SiteModel, build_model
from portal.pipeline import build
from tests.conftest import BASE, ROOT, write_tree
from tests.test_tracking import tracking_tree

AS_OF = dt.date(2026, 11, 22)


def tree_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def clean_build(content: Path, out: Path, layouts: Path) -> dict[str, bytes]:
    build(content, out, layouts, ROOT / "assets", "/", AS_OF)
    return tree_files(out)


def built_session(tmp_path, tree: dict) -> tuple:
    """A BuildSession over `tree` (with its own copy of the layouts), after its full build."""
    content = write_tree(tmp_path / "content", tree)
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    session = BuildSession(content, tmp_path / "site", layouts, ROOT / "assets", "/", AS_OF)
    session.full()
    return session, content, layouts, tmp_path


@pytest.fixture
def project(tmp_path):
    return built_session(tmp_path, dict(BASE) | tracking_tree())


def check_same(session, changed, tmp_path, layouts):
    result = session.update(changed)
    assert tree_files(session.out) == clean_build(session.content, tmp_path / "clean", layouts)
    return result


def test_edit_task(project):
    session, content, layouts, tmp = project
    path = content / "tasks/dt-83-2014/c-delayed.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Nhiệm vụ c-delayed", "title: Nhiệm vụ đã sửa")
                    .replace("lead: [ubnd-cap-huyen]", "lead: [so-noi-vu]"), encoding="utf-8")
    result = check_same(session, [path], tmp, layouts)
    assert not result.full
    assert "vi/tasks/dt-83-2014/c-delayed/index.html" in result.written
    assert "en/tasks/dt-83-2014/a-completed/index.html" not in result.written, "an unrelated page was rewritten"


@pytest.mark.parametrize("edited, before, after", [
    ("tasks/dt-83-2014/c-delayed.md", "title: Nhiệm vụ c-delayed", "title: Nhiệm vụ đã đổi tên"),
    ("tasks/dt-83-2014/c-delayed.md", "lead: [ubnd-cap-huyen]", "lead: [so-noi-vu]"),
    ("plans/dt-83-2014.en.md", "Dong Thap civil service", "Civil service plan"),
], ids=["task-title", "task-lead", "plan-title"])
@pytest.mark.parametrize("defer", [False, True], ids=["at-once", "extras-later"])
def test_lists_re_rendered_and_search_index_edited_in_place(project, edited, before, after, defer, monkeypatch):
    """A change that moves no document among the facets (title, agencies) edits the index in
    place: it is never built again, and the site is a clean build's (with the downloads and
    feeds made afterwards, as the dev server does, too)."""
    session, content, layouts, tmp = project
    path = content / edited
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after), encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr("portal.outputs.language_files", lambda *_: pytest.fail("the search index was built again"))
        result = session.update([path], defer_extras=defer)
        session.finish_extras()
    assert tree_files(session.out) == clean_build(session.content, tmp / "clean", layouts)
    assert not result.full and any(p.startswith("search/") for p in result.written)


def test_a_status_change_builds_the_search_index_again(project, monkeypatch):
    """A new update changes its task's status: its documents move among the facet runs."""
    session, content, layouts, tmp = project
    built = []
    real = __import__("portal.outputs", fromlist=["language_files"]).language_files
    monkeypatch.setattr("portal.outputs.language_files", lambda *a: built.append(a[1]) or real(*a))
    (content / "updates/dt-83-2014/g-new.md").write_text(
        "---\ntask: dt-83-2014/g-no-progress-ongoing\ndate: 2026-11-01\nstatus: completed\nsource: Báo cáo\n---\n",
        encoding="utf-8")
    session.update([content / "updates/dt-83-2014/g-new.md"])
    assert sorted(built) == ["en", "vi"]
    monkeypatch.undo()
    assert tree_files(session.out) == clean_build(session.content, tmp / "clean", layouts)


def test_edit_translation(project):
    session, content, layouts, tmp = project
    path = content / "tasks/dt-83-2014/c-delayed.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Task c-delayed", "Delayed task"), encoding="utf-8")
    result = check_same(session, [path], tmp, layouts)
    assert "en/tasks/dt-83-2014/c-delayed/index.html" in result.written
    assert "vi/tasks/dt-83-2014/c-delayed/index.html" not in result.written


def test_add_update_changes_status_everywhere(project):
    session, content, layouts, tmp = project
    path = content / "updates/dt-83-2014/g-new.md"
    path.write_text("---\ntask: dt-83-2014/g-no-progress-ongoing\ndate: 2026-11-01\nstatus: completed\n"
                    "source: Báo cáo\n---\n", encoding="utf-8")
    result = check_same(session, [path], tmp, layouts)
    assert "data/en/tasks.csv" in result.written and "feeds/vi/updates.xml" in result.written


def test_edit_template(project):
    session, content, layouts, tmp = project
    path = layouts / "task.html"
    path.write_text(path.read_text(encoding="utf-8").replace('<h2 id="h-desc">', '<h2 class="edited" id="h-desc">'), encoding="utf-8")
    result = check_same(session, [path], tmp, layouts)
    assert result.full


def test_delete_task(project):
    session, content, layouts, tmp = project
    for suffix in (".md", ".en.md"):
        (content / f"tasks/dt-83-2014/d-not-started{suffix}").unlink()
    for p in (content / "updates/dt-83-2014").glob("d-not-started-*"):
        p.unlink()
    changed = [content / "tasks/dt-83-2014/d-not-started.md"]
    result = check_same(session, changed, tmp, layouts)
    assert "vi/tasks/dt-83-2014/d-not-started/index.html" in result.removed


def test_rename_task(project):
    session, content, layouts, tmp = project
    old = content / "tasks/dt-83-2014/b-overdue-in-progress.md"
    new = content / "tasks/dt-83-2014/b-renamed.md"
    old.rename(new)
    (content / "tasks/dt-83-2014/b-overdue-in-progress.en.md").rename(content / "tasks/dt-83-2014/b-renamed.en.md")
    for p in (content / "updates/dt-83-2014").glob("b-overdue-in-progress-*.md"):
        p.write_text(p.read_text(encoding="utf-8").replace("dt-83-2014/b-overdue-in-progress", "dt-83-2014/b-renamed"),
                     encoding="utf-8") if not p.name.endswith(".en.md") else None
    changed = [old, new, *sorted((content / "updates/dt-83-2014").glob("b-overdue-in-progress-*.md"))]
    check_same(session, changed, tmp, layouts)


def test_edit_plan(project):
    session, content, layouts, tmp = project
    path = content / "plans/dt-83-2014.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Dong Thap civil service", "Civil service plan"), encoding="utf-8")
    check_same(session, [path], tmp, layouts)


def test_edit_agency_is_a_full_rebuild(project):
    session, content, layouts, tmp = project
    path = content / "agencies/so-noi-vu.en.md"
    path.write_text("---\nname: Home Affairs Department\n---\n", encoding="utf-8")
    assert check_same(session, [path], tmp, layouts).full


def test_continuation_pages_follow_edits(project):
    """A former province's page on a pillar exists only while its list there is cut (over 25):
    adding tasks makes it, and the lists and pages they are on, as a clean build would; removing them removes it."""
    session, content, layouts, tmp = project
    added = []
    for i in range(1, 27):
        path = content / f"tasks/dt-83-2014/z{i:02}.md"
        path.write_text(f"---\nplan: dt-83-2014\ntitle: Thêm {i}\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
                        f"deadline: 2026-02-{i:02}\nsection: II\norder: {20 + i}\n---\n", encoding="utf-8")
        added.append(path)
    result = check_same(session, added, tmp, layouts)
    assert not result.full
    assert "vi/former-provinces/dong-thap/pillars/papi-2/index.html" in result.written
    assert "en/agencies/so-noi-vu/provinces/dong-thap/index.html" in result.written
    for path in added:
        path.unlink()
    result = check_same(session, added, tmp, layouts)
    assert "vi/former-provinces/dong-thap/pillars/papi-2/index.html" in result.removed


@pytest.mark.parametrize("edited, before, after, pages", [
    ("tasks/dt-83-2014/c-delayed.md", "Mô tả c-delayed.", "Mô tả **mới** của nhiệm vụ.", "tasks/dt-83-2014/c-delayed"),
    ("tasks/dt-83-2014/c-delayed.en.md", "Description c-delayed.", "A new description.", "tasks/dt-83-2014/c-delayed"),
    ("updates/dt-83-2014/a-completed-1.md", "Ghi chú 1 của a-completed.", "Ghi chú đã sửa.", "tasks/dt-83-2014/a-completed"),
    ("plans/dt-83-2014.md", "\n---\n", "\n---\nLời mở đầu mới của kế hoạch.\n\n", "plans/dt-83-2014"),
], ids=["task", "task-translation", "update", "plan"])
def test_body_edit_renders_only_its_own_pages(project, edited, before, after, pages, monkeypatch):
    session, content, layouts, tmp = project
    path = content / edited
    text = path.read_text(encoding="utf-8")
    cut = text.index("\n---\n", 4) if before == "\n---\n" else text.index(before)
    path.write_text(text[:cut] + text[cut:].replace(before, after, 1), encoding="utf-8")
    with monkeypatch.context() as patched:
        # The search index is edited in place, never built again.
        patched.setattr("portal.outputs.language_files", lambda *_: pytest.fail("the search index was built again"))
        result = session.update([path])
    assert tree_files(session.out) == clean_build(session.content, tmp / "clean", layouts)
    assert result.rendered == 2                  # the page in each language, no list page
    assert any(p.startswith("search/") for p in result.written)
    # The model patched with the new records is the one a full load would make.
    assert session.model == build_model(load(content), AS_OF)
    written = {p for p in result.written if p.endswith(".html")}
    assert written <= {f"vi/{pages}/index.html", f"en/{pages}/index.html"} and written, written


def test_body_and_title_edit_renders_the_lists_too(project):
    session, content, layouts, tmp = project
    path = content / "tasks/dt-83-2014/c-delayed.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Mô tả c-delayed.", "Mô tả mới.")
                    .replace("title: Nhiệm vụ c-delayed", "title: Nhiệm vụ mới"), encoding="utf-8")
    result = check_same(session, [path], tmp, layouts)
    assert result.rendered > 2
    assert "vi/plans/dt-83-2014/index.html" in result.written


def test_body_edits_shown_while_extras_wait(project):
    """The dev server's path: pages first, the search index and downloads after."""
    session, content, layouts, tmp = project
    path = content / "updates/dt-83-2014/a-completed-1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Ghi chú 1 của a-completed.", "Ghi chú mới."),
                    encoding="utf-8")
    data = (session.out / "data/vi/updates.json").read_bytes()
    result = session.update([path], defer_extras=True)
    assert result.rendered == 2
    # The page, the feeds showing the note, and the search index edited in place; the downloads wait.
    assert {p for p in result.written if not p.startswith("search/vi/")} == {
        "vi/tasks/dt-83-2014/a-completed/index.html", "feeds/vi/updates.xml", "feeds/vi/provinces/dong-thap.xml"}
    assert "search/vi/meta.json" in result.written or any(p.startswith("search/vi/docs/") for p in result.written)
    assert "Ghi chú mới." in (session.out / "vi/tasks/dt-83-2014/a-completed/index.html").read_text(encoding="utf-8")
    assert "Ghi chú mới." in (session.out / "feeds/vi/updates.xml").read_text(encoding="utf-8")
    assert (session.out / "data/vi/updates.json").read_bytes() == data
    session.finish_extras()
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)


def mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_task_body_edit_is_complete_at_once_and_rewrites_only_what_changed(project):
    """No body of a task is in the feeds or downloads: nothing waits, and the files written
    (by modification time) are the pages and the search index files the edit changed."""
    session, content, layouts, tmp = project
    path = content / "tasks/dt-83-2014/c-delayed.md"
    before = mtimes(session.out)
    path.write_text(path.read_text(encoding="utf-8").replace("Mô tả c-delayed.", "Mô tả mới, có từ lạ: quokka."),
                    encoding="utf-8")
    result = session.update([path], defer_extras=True)
    assert session.extras_due is None
    after = mtimes(session.out)
    touched = {p for p in after if before.get(p) != after[p]} | {p for p in before if p not in after}
    assert touched == set(result.written) | set(result.removed)
    assert "vi/tasks/dt-83-2014/c-delayed/index.html" in touched
    assert all(p.startswith("search/vi/") or p.endswith(".html") for p in touched), touched
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)


def test_index_edited_in_place_again_after_a_rebuild_in_the_background(project):
    """A new deadline year moves a task among the facet runs: the index is built again, in a
    forked child, which sends back its state; the next body edit edits that index in place."""
    session, content, layouts, tmp = project
    path = content / "tasks/dt-83-2014/c-delayed.md"
    assert "deadline: 2026-12-31" in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("deadline: 2026-12-31", "deadline: 2027-03-31"),
                    encoding="utf-8")
    session.update([path], defer_extras=True)
    assert session.index_states is None
    session.start_extras()
    while session.poll_extras() is None:
        pass
    assert session.index_states is not None
    path.write_text(path.read_text(encoding="utf-8").replace("Mô tả c-delayed.", "Mô tả sau cùng."), encoding="utf-8")
    result = session.update([path], defer_extras=True)
    assert result.rendered == 2 and session.extras_due is None
    assert any(p.startswith("search/vi/") for p in result.written)
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)


def test_body_edits_of_the_shipped_content_patch_the_model_as_a_full_load_would(tmp_path):
    """The real plans' relations (places, pillars, agencies, continuation lists) hold the edited
    records in many containers: the patched model equals a model built afresh."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    session = BuildSession(content, tmp_path / "site", ROOT / "layouts", ROOT / "assets", "/", AS_OF)
    session.full()
    tasks = sorted(p for p in (content / "tasks").rglob("*.md") if not p.name.endswith(".en.md"))
    changed = [tasks[0], tasks[len(tasks) // 2], tasks[-1].with_suffix(".en.md"), sorted((content / "plans").glob("*.md"))[0]]
    for round in range(2):   # the second patches a model patched from the first
        for path in changed:
            assert path.is_file(), path
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nĐoạn mới {round}.\n", encoding="utf-8")
        result = session.update(changed)
        assert result.rendered == 2 * len(changed)
        assert session.model == build_model(load(content), AS_OF)
        assert session.places is not None


@pytest.mark.parametrize("before, after", [
    ("title: Nhiệm vụ c-delayed", "title: Nhiệm vụ đã đổi tên"),
    ("Mô tả c-delayed.", "Mô tả khác hẳn."),
], ids=["title", "body"])
def test_post_files_no_term_points_to_any_more_are_removed(project, before, after, monkeypatch):
    """With every posting list in a post/ file of its own (INLINE_MAX 1), an edit leaves lists
    that no term points to: they are removed, as a clean build would not make them."""
    session, content, layouts, tmp = project
    monkeypatch.setattr("portal.search.INLINE_MAX", 1)
    session.full()
    posts = {p for p in session.files if p.startswith("search/vi/post/")}
    assert len(posts) > 50
    path = content / "tasks/dt-83-2014/c-delayed.md"
    path.write_text(path.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
    for _ in range(2):
        session.update([path], defer_extras=True)
        session.finish_extras()
        assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)
        path.write_text(path.read_text(encoding="utf-8").replace(after, before), encoding="utf-8")


@pytest.mark.parametrize("edited, before, after", [
    ("tasks/dt-83-2014/c-delayed.md", "title: Nhiệm vụ c-delayed", "title: Nhiệm vụ đã đổi tên"),
    ("tasks/dt-83-2014/c-delayed.md", "section: II", "section: III"),
    ("plans/dt-83-2014.en.md", "Dong Thap civil service", "Civil service plan"),
    ("updates/dt-83-2014/a-completed-1.md", "source: Báo cáo số 2", "source: Công văn số 2"),
], ids=["task-title", "task-section", "plan-title", "update-source"])
def test_edits_that_change_no_relation_patch_the_model(project, edited, before, after, monkeypatch):
    """A title, a section or a source changes no relation, status or order: the model is
    patched, not made again, the pages listing the record are rendered, not the whole site,
    and the result is a clean build's."""
    session, content, layouts, tmp = project
    path = content / edited
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after), encoding="utf-8")
    pages = sum(1 for p in session.files if p.endswith(".html"))
    with monkeypatch.context() as patched:
        patched.setattr("portal.incremental.build_model", lambda *_: pytest.fail("the model was made again"))
        patched.setattr("portal.render.Renderer.specs", _only_keyed(patched))
        result = session.update([path])
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)
    assert session.model == build_model(load(content), AS_OF)
    assert 2 < result.rendered < pages, (result.rendered, pages)


def _only_keyed(patched):
    """Renderer.specs, failing if asked for every page (a walk of the whole site)."""
    from portal.render import Renderer
    real = Renderer.specs

    def specs(self, keys=None):
        if keys is None:
            pytest.fail("every page's spec was made")
        return real(self, keys)
    return specs


@pytest.mark.parametrize("edited, pattern, after", [
    ("tasks/dt-83-2014/c-delayed.md", r"lead: \[ubnd-cap-huyen\]", "lead: [so-noi-vu]"),
    ("tasks/dt-83-2014/c-delayed.md", r"order: 3", "order: 99"),
    ("tasks/dt-83-2014/c-delayed.md", r"pillars: \[papi-2-2\]", "pillars: [papi-2]"),
], ids=["task-lead", "task-order", "task-pillars"])
def test_edits_of_relations_or_order_make_the_model_again(project, edited, pattern, after, monkeypatch):
    """The fields build_model reads (model.MODEL_FIELDS) are not patched in."""
    session, content, layouts, tmp = project
    path = content / edited
    text, count = re.subn(pattern, after, path.read_text(encoding="utf-8"), count=1)
    assert count == 1 and after in text
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr("portal.incremental.with_records_replaced", lambda *_: pytest.fail("the model was patched"))
    check_same(session, [path], tmp, layouts)
    assert session.model == build_model(load(content), AS_OF)


def test_specs_of_keys_are_those_of_the_whole_walk():
    """Renderer.specs(keys) finds the same pages as filtering every page's spec, for the keys of
    every kind of page of the shipped content."""
    from portal.render import Renderer, Settings
    model = build_model(load(ROOT / "content"), AS_OF)
    renderer = Renderer(model, Settings("/", ROOT / "layouts", ROOT / "assets"))
    every = renderer.specs()
    keys = sorted({spec.key for spec in every})
    kinds = {kind for kind, _ in keys}
    assert {"task", "plan", "province", "former_province", "commune", "agency", "agency_unit",
            "place_pillar", "place_deadlines", "index"} <= kinds, kinds
    for chosen in (set(keys[::7]), set(keys[3::11]), {k for k in keys if k[0] != "task"}, set()):
        assert sorted(renderer.specs(chosen), key=lambda s: s.path) == \
            sorted((s for s in every if s.key in chosen), key=lambda s: s.path)


@pytest.mark.parametrize("task, on_home", [("g-no-progress-ongoing", False), ("c-delayed", True)])
def test_a_title_edit_renders_only_the_lists_that_show_the_task(project, task, on_home, monkeypatch):
    """Of the pages that could list a task, those that do not show it now (a task with no
    progress and no date is in none of the home page's lists) are not rendered again; those
    that do are, and the site is a clean build's."""
    session, content, layouts, tmp = project
    path = content / f"tasks/dt-83-2014/{task}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(f"title: Nhiệm vụ {task}", "title: Tên mới"),
                    encoding="utf-8")
    rendered = []
    from portal.render import Renderer
    real = Renderer.render
    monkeypatch.setattr(Renderer, "render", lambda self, spec: rendered.append(spec.path) or real(self, spec))
    result = session.update([path])
    assert f"vi/tasks/dt-83-2014/{task}/index.html" in rendered
    assert "vi/plans/dt-83-2014/index.html" in rendered and "vi/plans/dt-83-2014/index.html" in result.written
    assert ("vi/index.html" in rendered) == on_home
    assert ("vi/index.html" in result.written) == on_home
    assert "vi/provinces/index.html" not in rendered   # counts only: no task shown
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)


@pytest.mark.parametrize("edited, before, after, feeds_changed", [
    ("tasks/dt-83-2014/c-delayed.md", "title: Nhiệm vụ c-delayed", "title: Nhiệm vụ đã đổi tên",
     {"feeds/vi/updates.xml", "feeds/vi/provinces/dong-thap.xml", "feeds/vi/deadlines/dong-thap.ics"}),
    ("updates/dt-83-2014/c-delayed-0.md", "Ghi chú 0 của c-delayed.", "Ghi chú mới.",
     {"feeds/vi/updates.xml", "feeds/vi/provinces/dong-thap.xml"}),
    # (in the calendar's descriptions, not in the Atom feeds)
    ("plans/dt-83-2014.md", "short_title: ", "short_title: Mới ", {"feeds/vi/deadlines/dong-thap.ics"}),
], ids=["task-title", "update-note", "plan-short-title"])
def test_feeds_are_made_with_the_pages_and_downloads_wait(project, edited, before, after, feeds_changed):
    """The feeds that show an edited title or note are up to date with the pages; the data
    downloads follow (the dev server's path)."""
    session, content, layouts, tmp = project
    path = content / edited
    text = path.read_text(encoding="utf-8")
    assert before in text, text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    tasks_csv = (session.out / "data/vi/tasks.csv").read_bytes()
    result = session.update([path], defer_extras=True)
    clean = clean_build(content, tmp / "clean", layouts)
    feeds = {p for p in clean if p.startswith("feeds/")}
    assert feeds and {p: (session.out / p).read_bytes() for p in feeds} == {p: clean[p] for p in feeds}
    assert {p for p in result.written if p.startswith("feeds/")} == feeds_changed
    assert session.extras_due is not None
    assert (session.out / "data/vi/tasks.csv").read_bytes() == tasks_csv
    session.finish_extras()
    assert tree_files(session.out) == clean


NEW_UPDATE = "---\ntask: dt-83-2014/g-no-progress-ongoing\ndate: 2026-11-01\nstatus: delayed\nsource: Báo cáo mới\n---\nGhi chú.\n"
NEW_TASK = ("---\nplan: dt-83-2014\ntitle: Nhiệm vụ mới\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
            "deadline: ongoing\nsection: II\norder: 50\n---\nMô tả.\n")


def loaded_alike(reloaded, fresh) -> bool:
    """The same records in the same order, scores and missing translations."""
    return reloaded == fresh and all(list(reloaded.of(kind)) == list(fresh.of(kind)) for kind in fresh.records)


@pytest.mark.parametrize("added", [
    {"updates/dt-83-2014/g-new.md": NEW_UPDATE, "updates/dt-83-2014/g-new.en.md": "---\nsource: New report\n---\n"},
    {"updates/dt-83-2014/g-new.md": NEW_UPDATE},
    {"tasks/dt-83-2014/a-new.md": NEW_TASK},
    {"tasks/dt-83-2014/a-new.md": NEW_TASK, "tasks/dt-83-2014/a-new.en.md": "---\ntitle: New task\n---\n"},
], ids=["update-translated", "update-untranslated", "task-untranslated", "task-translated"])
def test_added_files_are_loaded_without_reading_the_tree_again(tmp_path, added, monkeypatch):
    """The dev server's reload of the files that changed takes in new progress updates, tasks
    and translations too: the content is a full load's (records in id order, missing
    translations), without walking and parsing every file."""
    content = write_tree(tmp_path / "content", dict(BASE) | tracking_tree())
    cache: dict = {}
    load(content, cache)
    write_tree(content, added)
    with monkeypatch.context() as patched:
        patched.setattr("portal.load._collect", lambda *_: pytest.fail("the whole tree was loaded again"))
        reloaded = load(content, cache, [content / p for p in added])
    assert loaded_alike(reloaded, load(content))
    vi = next(p for p in added if not p.endswith(".en.md"))
    en = vi[:-len(".md")] + ".en.md"
    assert (f"content/{vi}" in reloaded.missing_translations) == (en not in added)
    # and a translation added afterwards
    if en not in added:
        write_tree(content, {en: "---\nsource: New report\n---\n" if vi.startswith("updates") else "---\ntitle: New\n---\n"})
        with monkeypatch.context() as patched:
            patched.setattr("portal.load._collect", lambda *_: pytest.fail("the whole tree was loaded again"))
            reloaded = load(content, cache, [content / en])
        assert loaded_alike(reloaded, load(content))


@pytest.mark.parametrize("added, message", [
    ({"updates/dt-83-2014/g-new.md": NEW_UPDATE.replace("g-no-progress-ongoing", "khong-co")}, "khong-co"),
    ({"tasks/dt-83-2014/C-Delayed.md": NEW_TASK}, "C-Delayed.md"),
    ({"updates/dt-83-2014/g-new.en.md": "---\nsource: New report\n---\n"}, "g-new.en.md"),
], ids=["unknown-task", "same-id", "english-alone"])
def test_added_files_with_errors_are_reported_as_a_full_load_reports_them(tmp_path, added, message):
    content = write_tree(tmp_path / "content", dict(BASE) | tracking_tree())
    cache: dict = {}
    load(content, cache)
    write_tree(content, added)
    with pytest.raises(ContentErrors) as reloaded:
        load(content, cache, [content / p for p in added])
    with pytest.raises(ContentErrors) as fresh:
        load(content)
    assert [str(e) for e in reloaded.value.errors] == [str(e) for e in fresh.value.errors]
    assert message in str(reloaded.value.errors[0])


def _with_slug(text: str, slug: str) -> str:
    return text.replace("---\n", f"---\nslug: {slug}\n", 1)


@pytest.mark.parametrize("kept", [False, True], ids=["taken", "freed-in-the-same-reload"])
def test_a_reloaded_record_takes_a_slug_only_if_it_is_free(tmp_path, kept, monkeypatch):
    """The reload checks slugs against the records it did not read again (kept from the last
    load) and those it did: a slug in use is reported as a full load reports it; one that an
    edited record of the same reload gave up (read before it, in id order) is free."""
    content = write_tree(tmp_path / "content", dict(BASE) | tracking_tree())
    cache: dict = {}
    load(content, cache)
    holder = content / "tasks/dt-83-2014/g-no-progress-ongoing.md"
    changed = {"tasks/dt-83-2014/z-new.md": _with_slug(NEW_TASK, "g-no-progress-ongoing")}
    if kept:
        changed["tasks/dt-83-2014/g-no-progress-ongoing.md"] = _with_slug(holder.read_text(encoding="utf-8"), "g-moved")
    write_tree(content, changed)
    paths = [content / p for p in changed]
    if kept:
        with monkeypatch.context() as patched:
            patched.setattr("portal.load._collect", lambda *_: pytest.fail("the whole tree was loaded again"))
            reloaded = load(content, cache, paths)
        assert loaded_alike(reloaded, load(content))
        return
    with pytest.raises(ContentErrors) as reloaded:
        load(content, cache, paths)
    with pytest.raises(ContentErrors) as fresh:
        load(content)
    assert [str(e) for e in reloaded.value.errors] == [str(e) for e in fresh.value.errors]
    assert "dt-83-2014/g-no-progress-ongoing" in str(reloaded.value.errors[0])


def test_a_reloaded_record_moving_to_a_slug_in_use_is_reported(tmp_path):
    content = write_tree(tmp_path / "content", dict(BASE) | tracking_tree())
    cache: dict = {}
    load(content, cache)
    load(content, cache, [])   # (a reload with nothing changed keeps what it knows)
    path = content / "tasks/dt-83-2014/c-delayed.md"
    path.write_text(_with_slug(path.read_text(encoding="utf-8"), "g-no-progress-ongoing"), encoding="utf-8")
    with pytest.raises(ContentErrors) as reloaded:
        load(content, cache, [path])
    with pytest.raises(ContentErrors) as fresh:
        load(content)
    assert [str(e) for e in reloaded.value.errors] == [str(e) for e in fresh.value.errors]


def test_a_slug_taken_by_one_reload_is_taken_for_the_next(tmp_path):
    content = write_tree(tmp_path / "content", dict(BASE) | tracking_tree())
    cache: dict = {}
    load(content, cache)
    load(content, cache, [content / write_one(content, "tasks/dt-83-2014/z-new.md", _with_slug(NEW_TASK, "z-slug"))])
    second = content / write_one(content, "tasks/dt-83-2014/y-new.md", _with_slug(NEW_TASK, "z-slug"))
    with pytest.raises(ContentErrors) as reloaded:
        load(content, cache, [second])
    assert "slug" in str(reloaded.value.errors[0]) and "z-new.md" in str(reloaded.value.errors[0])


def write_one(content: Path, path: str, text: str) -> str:
    write_tree(content, {path: text})
    return path


def test_the_first_status_edit_after_a_build_counts_no_national_list_again(tmp_path, monkeypatch):
    """Between saves, the session makes what the national pages need from the model (the full
    build made it in its workers); an edit then patches the counts of the lists holding the
    task instead of counting them again, and the site is still a clean build's."""
    monkeypatch.setattr("portal.pipeline.PARALLEL_FROM", 0)   # the workers of a large site's build
    session, content, layouts, tmp = built_session(tmp_path, dict(BASE) | tracking_tree())
    session.prepare()
    counted = SiteModel._counted

    def counting(self, tasks):
        assert getattr(tasks, "scope", None) != ("all",), "all the tasks of the site were counted again"
        return counted(self, tasks)
    added = {"updates/dt-83-2014/g-new.md": NEW_UPDATE, "updates/dt-83-2014/g-new.en.md": "---\nsource: New report\n---\n"}
    write_tree(content, added)
    with monkeypatch.context() as patched:
        patched.setattr(SiteModel, "_counted", counting)
        result = session.update([content / p for p in added])
    assert not result.full
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)


def test_a_new_progress_update_rebuilds_as_a_clean_build(project):
    session, content, layouts, tmp = project
    added = {"updates/dt-83-2014/g-new.md": NEW_UPDATE, "updates/dt-83-2014/g-new.en.md": "---\nsource: New report\n---\n"}
    write_tree(content, added)
    check_same(session, [content / p for p in added], tmp, layouts)
    assert session.model == build_model(load(content), AS_OF)


@pytest.mark.parametrize("edited, pattern, after", [
    ("updates/dt-83-2014/c-delayed-0.md", r"status: delayed", "status: completed"),
    ("updates/dt-83-2014/a-completed-1.md", r"date: \S+", "date: 2026-11-02"),
    ("updates/dt-83-2014/b-overdue-in-progress-0.md", r"percent: 30", "percent: 60"),
    ("updates/dt-83-2014/h-future-update-ignored-0.md", r"date: \S+", "date: 2026-11-20"),   # enters the state
    ("tasks/dt-83-2014/c-delayed.md", r"deadline: \S+", "deadline: 2026-01-15"),             # now overdue
    ("tasks/dt-83-2014/b-overdue-in-progress.md", r"deadline: \S+", "deadline: ongoing"),
], ids=["status", "date", "percent", "future-date-now-past", "deadline-overdue", "deadline-ongoing"])
@pytest.mark.parametrize("defer", [False, True], ids=["at-once", "extras-later"])
def test_status_and_deadline_edits_patch_the_model(project, edited, pattern, after, defer, monkeypatch):
    """A status, a date, a percent or a deadline changes only tasks' states and their order
    in lists: the model is patched (states and urgency made again), every page of the task's
    keys rendered, and the site, with its downloads and search index made afterwards, is a
    clean build's."""
    session, content, layouts, tmp = project
    path = content / edited
    text, count = re.subn(pattern, after, path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr("portal.incremental.build_model", lambda *_: pytest.fail("the model was made again"))
        patched.setattr("portal.render.Renderer.specs", _only_keyed(patched))
        session.update([path], defer_extras=defer)
        session.finish_extras()
    assert session.model == build_model(load(content), AS_OF)
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)


def test_a_status_change_that_empties_a_deadlines_page_removes_it(tmp_path):
    """A former province's deadlines page exists only while its overdue tasks are more than
    its page shows: completing enough of them removes the page, as a clean build would not
    make it."""
    tree = dict(BASE) | tracking_tree()
    # (tracking_tree's plan is after the reorganisation: an older plan puts tasks on the former province)
    plan = BASE["plans/dt-83-2014.md"]
    tree["plans/dt-old.md"] = plan
    tree["plans/dt-old.en.md"] = BASE.get("plans/dt-83-2014.en.md")
    for i in range(30):
        tree[f"tasks/dt-old/t{i:02}.md"] = (f"---\nplan: dt-old\ntitle: Việc {i}\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
                                             f"deadline: 2015-01-{i % 28 + 1:02}\nsection: II\norder: {i}\n---\n")
        tree[f"tasks/dt-old/t{i:02}.en.md"] = f"---\ntitle: Task {i}\n---\n"
    session, content, layouts, _ = built_session(tmp_path, tree)
    page = "vi/former-provinces/dong-thap/deadlines/index.html"
    assert (session.out / page).is_file()
    added = []
    for i in range(10):   # 32 overdue (2 in tracking_tree's plan) to 22, under the page's 25
        added += [content / f"updates/dt-old/t{i:02}-done.md"]
        added[-1].parent.mkdir(parents=True, exist_ok=True)
        added[-1].write_text(f"---\ntask: dt-old/t{i:02}\ndate: 2015-06-01\nstatus: completed\nsource: Báo cáo\n---\n",
                             encoding="utf-8")
    result = session.update(added)
    assert page in result.removed and not (session.out / page).exists()
    assert tree_files(session.out) == clean_build(content, tmp_path / "clean", layouts)


def test_the_lookups_of_a_patched_model_are_those_of_a_model_made_afresh(project):
    """SiteModel.derived (statuses, overdue and upcoming tasks, their provinces) follows a
    patch instead of being made again from every task."""
    session, content, layouts, tmp = project
    session.model.counts(list(session.model.tasks.values()))
    session.model.province_groups(list(session.model.tasks.values()), "vi", lambda unit: None)
    assert {"status", "overdue", "upcoming", "unit"} <= set(session.model.derived)
    path = content / "updates/dt-83-2014/c-delayed-0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: delayed", "status: completed"), encoding="utf-8")
    session.update([path])
    fresh = build_model(load(content), AS_OF)
    fresh.counts([])
    fresh.province_groups([], "vi", lambda unit: None)
    names = ("status", "overdue", "upcoming", "unit")
    assert {n: session.model.derived[n] for n in names} == {n: fresh.derived[n] for n in names}
    # what rendering kept (the latest updates, counts) is that of the patched model, not the old one's
    assert session.model.latest_updates(10) == fresh.latest_updates(10)
    assert session.model.derived["status"]["dt-83-2014/c-delayed"] == "completed"


def test_counts_kept_with_the_model_give_the_pages_of_counts_made_afresh(project, monkeypatch):
    """With every list's counts kept (model.COUNTS_KEPT_FROM 1: the same list on both
    languages' pages, and on several pages, is counted once), a status edit leaves the site a
    clean build's made without them."""
    session, content, layouts, tmp = project
    monkeypatch.setattr("portal.model.COUNTS_KEPT_FROM", 1)
    session.full()
    path = content / "updates/dt-83-2014/c-delayed-0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: delayed", "status: completed"), encoding="utf-8")
    session.update([path])
    assert any(key[0] == "counts" for key in session.model.derived if isinstance(key, tuple))
    monkeypatch.undo()
    assert tree_files(session.out) == clean_build(content, tmp / "clean", layouts)


@pytest.mark.parametrize("edited, date", [
    ("u11", "2025-06-01"),   # the latest moves back: the eleventh comes into the home page's ten
    ("u00", "2026-11-22"),   # the oldest becomes the latest
    ("u05", "2026-11-30"),   # one among the ten moves past the as-of date: it leaves them
], ids=["latest-moves-back", "old-becomes-latest", "one-leaves-for-the-future"])
def test_date_edits_keep_the_home_pages_latest_updates(tmp_path, edited, date):
    """The home page's latest updates are patched, not found again over every update, after an
    edit: it must list what a clean build lists, whichever of them moved."""
    tree = dict(BASE) | tracking_tree()
    for i in range(12):
        tree[f"updates/dt-83-2014/u{i:02}.md"] = (f"---\ntask: dt-83-2014/g-no-progress-ongoing\ndate: 2026-11-{i + 10:02}\n"
                                                  f"status: in-progress\nsource: Báo cáo {i}\n---\n")
    session, content, layouts, _ = built_session(tmp_path, tree)
    path = content / f"updates/dt-83-2014/{edited}.md"
    text, count = re.subn(r"date: \S+", f"date: {date}", path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    before = (session.out / "vi/index.html").read_bytes()
    session.update([path])
    home = (session.out / "vi/index.html").read_bytes()
    assert home != before
    assert tree_files(session.out) == clean_build(content, tmp_path / "clean", layouts)
