"""Rebuild only what a change affects (used by `serve`; proven against clean builds in tests).

A change to tasks, progress updates or plans re-renders the pages that show them: the
task, its plan, its provinces and commune, its pillars, its agencies and the index pages.
Any other change (pillars, provinces, agencies, pages, scores, templates, UI strings,
assets) re-renders everything. Either way only files whose bytes changed are written, and
files of pages that no longer exist are removed.

An edit that changes no relation or order (a title, a body, a source; a status, a date, a
deadline, a new progress update: model.patch_kind) patches the
model instead of making it again and re-renders only the pages of what changed: of a body
alone, its plan's or task's pages; of other text, the pages listing it that show it; of a
state, every page of the task's keys. The search index is edited in place where no document
moves among its facets (portal/searchedit.py), else built again after the pages; the feeds
that can show the change are made with the pages, the data downloads after them (neither
shows the bodies of plans and tasks).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import shutil
import signal
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

from .load import Content, load
from .model import PATCHES, SiteModel, build_model, patch_kind, record_places, with_records_replaced
from .feeds import feed_files, feed_updates, feed_updates_edited
from .outputs import extra_files
from .records import FormerProvince, Plan, Task, Update
from .text import slugify
from .render import Renderer, Settings, without_plan_cards, without_task_rows
from .routes import INDEXES, path_of, relative
from .i18n import LANGS
from .outputs import other_files
from .pipeline import write_model
from .processes import die_with_parent
from .search import SEARCH_FOLDER, DocMaker, IndexState
from .searchedit import edit_index, warm as warm_search_edits
from .write import digest

NARROW_KINDS = ("tasks", "updates", "plans")
_KIND_OF_FOLDER = {"tasks": "task", "updates": "update", "plans": "plan"}
_KIND = {Plan: "plan", Task: "task", Update: "update"}


@dataclass(frozen=True)
class Rebuild:
    written: tuple[str, ...]     # output paths whose bytes changed
    removed: tuple[str, ...]
    full: bool                   # every page was re-rendered
    rendered: int | None = None  # pages rendered (None: every page)


def _place_kind(place) -> str:
    return "former_province" if isinstance(place, FormerProvince) else "province"


def _task_keys(model: SiteModel, task_id: str) -> set:
    """Keys of the pages that show a task (its status, title, deadline or agencies)."""
    task = model.tasks.get(task_id)
    if task is None:
        return {("task", task_id)}
    plan = model.plans[task.plan]
    place = model.plan_place(plan)
    keys = {("task", task.id), ("plan", plan.id), (_place_kind(place), place.id), ("province", model.current_unit(plan).id)}
    if plan.commune:
        keys.add(("commune", plan.commune))
    keys |= {("pillar", p) for p in model.pillar_ids(task)}
    keys |= {("agency", a) for a in task.lead + task.partners}
    # the continuation pages of the lists it is on (render.Renderer._place_pages)
    unit = model.current_unit(plan).id
    places = [f"province/{unit}", f"{_place_kind(place)}/{place.id}"]
    if plan.commune:
        places.append(f"commune/{plan.commune}")
    for where in places:
        keys.add(("place_deadlines", where))
        keys |= {("place_pillar", f"{where}/{p}") for p in model.pillar_ids(task)}
    keys |= {("agency_unit", f"{a}/{unit}") for a in task.lead + task.partners}
    return keys


def _plan_keys(model: SiteModel, plan_id: str) -> set:
    keys = {("plan", plan_id)}
    plan = model.plans.get(plan_id)
    if plan is not None:
        place = model.plan_place(plan)
        keys |= {(_place_kind(place), place.id), ("province", model.current_unit(plan).id)}
        if plan.commune:
            keys.add(("commune", plan.commune))
    for task in model.tasks_by_plan.get(plan_id, []):
        keys |= _task_keys(model, task.id)
    return keys


class BuildSession:
    """Keeps what the last build loaded, so the next one re-reads and re-renders only changes."""

    def __init__(self, content: Path, out: Path, layouts: Path, assets: Path, base_url: str, as_of: dt.date):
        self.content, self.out, self.layouts, self.assets = Path(content), Path(out), Path(layouts), Path(assets)
        self.base_url, self.as_of = base_url, as_of
        self.cache: dict = {}
        self.model: SiteModel | None = None
        # Where each plan, task and update sits in self.model (model.record_places): made
        # between saves (prepare) or at the first edit of bodies, kept while edits change
        # bodies only.
        self.places: dict | None = None
        # The updates each feed shows (feeds.feed_updates), kept like the places.
        self.feed_shown: dict | None = None
        # Every file the site holds (assets aside) -> a digest of its bytes as last written. In
        # a build's file list, None stands for "as last written".
        self.files: dict[str, bytes] = {}
        self.env = None                        # compiled templates, kept while layouts/ is unchanged
        self.catalogs = None
        self.rows: dict = {}                   # rendered task table rows (Renderer.row_cache)
        self.cards: dict = {}                  # rendered plan cards (Renderer.card_cache), kept only
                                               # while the model is patched
        # (model, catalogs, pages, with the search index) of deferred extra files
        self.extras_due: tuple | None = None
        # Each language's search index state, while the index on disk is that of self.model
        # (None while it is being built again, or was left stale).
        self.index_states: dict[str, IndexState] | None = None
        self.extras_job: _ExtrasJob | None = None
        self._finished: Rebuild | None = None   # extras built without a child, not yet polled
        self._settled = False                   # prepare() has frozen what the last build left
        self._compiled = None                   # the template environment prepare() compiled

    def _renderer(self, model: SiteModel, rows: dict | None = None, cards: dict | None = None) -> Renderer:
        renderer = Renderer(model, Settings(self.base_url, self.layouts, self.assets), self.env, self.catalogs, rows, cards)
        self.env, self.catalogs, self.rows, self.cards = renderer.env, renderer.catalogs, renderer.row_cache, renderer.card_cache
        return renderer

    def _model(self, content: Content | None = None) -> SiteModel:
        # The session holds millions of long-lived objects: the cycle collector would scan them
        # all, again and again, while loading (seconds at 10,000 tasks). Frozen, they are not.
        gc.disable()
        try:
            return build_model(content if content is not None else load(self.content, self.cache), self.as_of)
        finally:
            gc.enable()
            gc.freeze()

    def _load(self, changed: list[Path]) -> Content:
        """Load again, re-reading only the changed files (the model is made afterwards)."""
        gc.disable()
        try:
            return load(self.content, self.cache, changed)
        finally:
            # Kept out of the collector's sight: the next collection would otherwise visit every
            # entry of the large dicts a reload makes (the records of a kind), 0.1 s at 100,000 tasks.
            gc.freeze()
            gc.enable()

    def full(self) -> Rebuild:
        """Build everything and swap it in (raises ContentErrors, leaving the old site)."""
        self.cancel_extras()
        self._settled = False
        model = self._model()
        renderer = self._renderer(model)
        digests: dict[str, bytes] = {}
        states: dict[str, IndexState] = {}
        write_model(model, renderer, self.out, self.assets, self.base_url, digests=digests,
                    index_states=states)   # both cores
        self.model, self.extras_due = model, None
        self.places = self.feed_shown = None   # a model made afresh: its places are found again
        self.index_states = states if set(states) == set(LANGS) else None
        self.files = dict(sorted(digests.items()))
        return Rebuild(tuple(self.files), (), True)

    def update(self, changed: list[Path], defer_extras: bool = False) -> Rebuild:
        """Rebuild after `changed` files (content, layouts or assets) changed.

        With defer_extras, the files beside the pages (search index, data downloads, feeds,
        sitemap) keep their previous bytes until finish_extras(): the dev server shows the
        changed pages first, and the search index is the slowest part of a rebuild."""
        self.cancel_extras()
        self._settled = False
        if self.model is None or not self.out.is_dir():
            return self.full()
        if any(self._in(path, self.layouts) for path in changed):
            self.env = self.catalogs = None   # templates or UI strings changed: compile afresh
        content = self._load(changed)
        narrow = all(self._narrow(path) for path in changed)
        replaced = self._replaced(changed, content) if narrow else None
        rendered = None
        gone: tuple[str, ...] = ()   # pages of the keys rendered that are no longer built
        if replaced is not None:
            # Plans, tasks or updates were replaced (or progress updates added) by records that
            # leave every relation and order of the model as it was (model.patch_kind: a title,
            # a body, a source; a status, a deadline, a new update): the model is patched rather than made again, and only the pages of the
            # keys of what changed are rendered (of bodies alone, only their own pages).
            edited, change = replaced
            bodies_only = change == "bodies"
            own = {("task", new.task) if isinstance(new, Update) else (_KIND[type(new)], new.id) for _, new in edited}
            if self.places is None:
                self.places = record_places(self.model)
            gc.disable()   # (as in _load: it copies the states, 100,000 at 100,000 tasks)
            try:
                model = with_records_replaced(self.model, content, edited, self.places)
            finally:
                gc.freeze()
                gc.enable()
            if bodies_only:
                keys, rows, cards = own, self.rows, self.cards
            else:
                keys = {("index", name) for name in ("home", *INDEXES)}
                for path in changed:
                    keys |= self._keys_for(path, self.model) | self._keys_for(path, model)
                changed_tasks = {rid for kind, rid in keys if kind == "task"}
                rows = without_task_rows(self.rows, changed_tasks)
                # A plan's card shows its tasks' counts (relations did not change: the same plans)
                cards = without_plan_cards(self.cards, {rid for kind, rid in keys if kind == "plan"}
                                           | {model.tasks[tid].plan for tid in changed_tasks if tid in model.tasks})
            feed_shown = self.feed_shown   # (kept once the pages are written)
            if change == "states":
                # Counts and lists change, and a place's deadlines page may come or go (only
                # the pages of these keys: whether any other page exists does not depend on
                # states); the feeds show other updates.
                before = Renderer(self.model, Settings(self.base_url, self.layouts, self.assets), self.env,
                                  self.catalogs, {}).specs(keys)
                shown = feed_shown if feed_shown is not None else feed_updates(self.model)
                feed_shown = feed_updates_edited(shown, model, edited) or feed_updates(model)
            renderer = self._renderer(model, rows, cards)
            specs = renderer.specs(keys)
            if change == "states":
                gone = tuple(sorted({spec.path for spec in before} - {spec.path for spec in specs}))
            if change == "fields":
                # Of the pages that list them, only those showing them now: no list changed, and
                # every page shows a plan or task with a link to it (those cut to their first
                # rows, the home page, the national lists grow with the site; most do not).
                listed = [model.tasks[new.task] if isinstance(new, Update) else new for _, new in edited]
                specs = [spec for spec in specs if spec.key in own or self._links_to(spec, listed)]
            fresh = {spec.path: renderer.render(spec) for spec in specs}
            if not bodies_only or any(isinstance(new, Update) for _, new in edited):
                # The feeds that can show them: the national one and their provinces' (titles,
                # sources and updates' notes are in them); the data downloads wait.
                if feed_shown is None:
                    feed_shown = feed_updates(self.model)
                fresh.update(feed_files(model, renderer.catalogs, self.base_url, feed_shown,
                                        {self._unit_of(model, new) for _, new in edited}))
            tasks, plans = self._changed_records(changed, model)
            index = self._edited_index(self.model, model, tasks, plans)
            self._remove(gone)
            if index is not None:
                written = self._write_pages(fresh) + self._write_index(*index)
                self.model, self.feed_shown = model, feed_shown
                # The data downloads show titles, sources and the bodies of progress updates, not
                # those of plans and tasks (the feeds are made above); other extra files may be
                # due from before.
                extras = not bodies_only or any(isinstance(new, Update) for _, new in edited)
                if extras or self.extras_due is not None:
                    if defer_extras:
                        self.extras_due = (model, renderer.catalogs, None, False)
                    else:
                        files = {p: None for p in self.files if p.endswith(".html") or p.startswith(SEARCH_FOLDER)}
                        files.update(other_files(model, renderer.catalogs, self.base_url, [p for p in files if p.endswith(".html")]))
                        written += self._write_changes(files, copy_assets=False)[0]
                        self.extras_due = None
                return Rebuild(written, gone, False, len(specs))
            self.index_states = None
            if defer_extras:
                written = self._write_pages(fresh)
                self.extras_due = (model, renderer.catalogs, None, True)
                self.model, self.feed_shown = model, feed_shown
                return Rebuild(written, gone, False, len(specs))
            files = {p: None for p in self.files}
            files.update(fresh)
            rendered = len(specs)
        elif narrow:
            model = self._model(content=content)
            keys = {("index", name) for name in ("home", *INDEXES)}
            for path in changed:
                keys |= self._keys_for(path, self.model) | self._keys_for(path, model)
            # Task table rows of unchanged tasks stay as they were.
            changed_tasks = {rid for kind, rid in keys if kind == "task"}
            rows = without_task_rows(self.rows, changed_tasks)
            renderer = self._renderer(model, rows)
            specs = renderer.specs()
            fresh = {spec.path: renderer.render(spec) for spec in specs if spec.key in keys}
            rendered = len(fresh)
            paths = {spec.path for spec in specs}
            files = {p: None for p in self.files if p in paths or not p.endswith(".html")}
            files.update(fresh)
        else:
            model = self._model(content=content)
            renderer = self._renderer(model)
            files = dict(renderer.pages())
        pages = [p for p in files if p.endswith(".html")]
        files = {p: files[p] for p in pages}
        index = self._edited_index(self.model, model, *self._changed_records(changed, model)) if narrow else None
        if index is not None:
            # Tasks, updates or plans changed but no document was added, removed or moved
            # among the facets: the search index is edited in place; downloads and feeds, which
            # show titles, statuses and dates, are made again.
            edits, states = index
            files.update({p: None for p in self.files if p.startswith(SEARCH_FOLDER)})
            for path, data in edits.items():
                if data is None:
                    files.pop(path, None)       # not in the build: removed
                else:
                    files[path] = data
            if defer_extras:
                # (not the search files the edit removed)
                files.update({p: None for p in self.files
                              if p not in files and not p.endswith(".html") and not p.startswith(SEARCH_FOLDER)})
                self.extras_due = (model, renderer.catalogs, pages, False)
            else:
                files.update(other_files(model, renderer.catalogs, self.base_url, pages))
                self.extras_due = None
            written, removed = self._write_changes(files, copy_assets=False)
            self.model, self.index_states = model, states
            self.places = self.feed_shown = None   # a model made afresh: its places are found again
            return Rebuild(written, gone + removed, False, rendered)
        self.index_states = None
        if defer_extras:
            files.update({p: None for p in self.files if not p.endswith(".html")})
            self.extras_due = (model, renderer.catalogs, pages, True)
        else:
            states: dict[str, IndexState] = {}
            files.update(extra_files(model, renderer.catalogs, self.base_url, pages, states))
            self.extras_due = None
            self.index_states = states
        written, removed = self._write_changes(files, copy_assets=not narrow)
        self.model = model
        self.places = self.feed_shown = None   # a model made afresh: its places are found again
        return Rebuild(written, gone + removed, not narrow, rendered)

    def prepare(self) -> None:
        """Between saves: find where each record sits in the model (a walk of all of it, about a
        second at 100,000 tasks), so that the next edit of bodies patches it in a millisecond;
        make what the national pages need from the model; compile the layouts; and collect the
        garbage of the last build, then freeze what is left. The session keeps millions of
        objects (file digests, index states, rendered rows): unfrozen, any full collection
        during the next edit would scan them all."""
        if self.model is not None and self.places is None:
            gc.disable()
            try:
                self.places = record_places(self.model)
                self.feed_shown = feed_updates(self.model)
            finally:
                gc.enable()
        if self.model is not None and not self.model.derived.get("warm") and self.out.is_dir():
            # The full build rendered in forked workers: what the national pages make from the
            # model's lists (counts, deadline lists, groupings by province) and the plan cards
            # are made here, once, so that the first edit does not make them (1.7 s against
            # 0.4 s for the next at 100,000 tasks). A patched model keeps them (and the mark).
            renderer = self._renderer(self.model, self.rows, self.cards)
            for spec in renderer.specs({("index", name) for name in ("home", *INDEXES)}
                                       | {("pillar", pid) for pid in self.model.pillars}):
                renderer.render(spec)
            self.model.derived["warm"] = True
        if self.env is not None and self.env is not self._compiled:
            # The full build rendered in forked workers: compile the layouts here, once, rather
            # than during the first edit (0.2 s).
            for name in self.env.list_templates(extensions=["html"]):
                self.env.get_template(name)
            self._compiled = self.env
            warm_search_edits()
        if not self._settled:
            gc.collect()
            gc.freeze()
            self._settled = True

    def finish_extras(self) -> Rebuild | None:
        """Bring the files beside the pages up to date after update(..., defer_extras=True)."""
        due, self.extras_due = self.extras_due, None
        if due is None:
            return None
        files, states = _extras(self, due)
        written, removed = self._write_changes(files, copy_assets=False)
        if states is not None:
            self.index_states = states
        return Rebuild(written, removed, False)

    def start_extras(self) -> None:
        """Begin finish_extras() in a forked child, so that the next edit's pages need not wait
        for the search index; poll_extras() collects it. Without fork, it runs here and now."""
        if self.extras_due is None or self.extras_job is not None:
            return
        if "fork" not in multiprocessing.get_all_start_methods():
            self._finished = self.finish_extras()
            return
        self.extras_job, self.extras_due = _ExtrasJob(self, self.extras_due), None

    def poll_extras(self) -> Rebuild | None:
        """The finished extras (once), or None while they are still being built."""
        finished, self._finished = self._finished, None
        job = self.extras_job
        if finished is not None or job is None or not job.done():
            return finished
        self.extras_job = None
        return self._collect(job)

    def cancel_extras(self) -> None:
        """Stop a running extras child: content changed again, so its files would be stale."""
        job, self.extras_job = self.extras_job, None
        if job is None:
            return
        job.stop()
        if isinstance(job.result(), tuple):
            self._collect(job)
        else:
            self.extras_due = job.due   # still due (a later update makes them of its own model)
            # It may have replaced some files: forget what they held, so the next run rewrites
            # them (a job that left the search index as it was did not touch it).
            self.files = {p: d if p.endswith(".html") or (not job.search and p.startswith(SEARCH_FOLDER)) else b""
                          for p, d in self.files.items()}

    def _collect(self, job: _ExtrasJob) -> Rebuild:
        outcome = job.result()
        self._settled = False
        if isinstance(outcome, str):
            raise RuntimeError(outcome)
        written, removed, digests, states = outcome
        self.files = {p: d for p, d in self.files.items() if p.endswith(".html")} | digests
        if states is not None:
            self.index_states = states
        return Rebuild(written, removed, False)

    @staticmethod
    def _in(path: Path, folder: Path) -> bool:
        return Path(path).resolve().is_relative_to(folder.resolve())

    def _narrow(self, path: Path) -> bool:
        try:
            rel = Path(path).resolve().relative_to(self.content.resolve())
        except ValueError:
            return False
        return rel.parts[0] in NARROW_KINDS

    def _record_of(self, path: Path) -> tuple[str, str]:
        """(folder, record id) a content file is for, from its path."""
        rel = Path(path).resolve().relative_to(self.content.resolve())
        folder, stem = rel.parts[0], "/".join(rel.with_suffix("").parts[1:]).removesuffix(".en")
        return folder, "/".join(slugify(part) for part in stem.split("/"))

    def _replaced(self, changed: list[Path], content: Content) -> tuple[list, str] | None:
        """If the changed files replaced plans, tasks or updates by records that the model can
        be patched with, or added progress updates: the (old, new) records (old None for an
        added one) and the widest model.patch_kind among them ("bodies", "fields" or
        "states"); else None (a record removed, a task or plan added, a relation, an order or
        a slug changed)."""
        edited: dict = {}
        change = PATCHES[0]
        for path in changed:
            folder, rid = self._record_of(path)
            kind = _KIND_OF_FOLDER[folder]
            old, new = self.model.content.of(kind).get(rid), content.of(kind).get(rid)
            if new is None:
                return None
            if (kind, rid) in edited or old is new:
                continue
            patch = patch_kind(old, new)
            if patch is None:
                return None
            change = max(change, patch, key=PATCHES.index)
            edited[(kind, rid)] = (old, new)
        if change != "states" and content.missing_translations != self.model.content.missing_translations:
            return None
        return list(edited.values()), change

    def _remove(self, paths: tuple[str, ...]) -> tuple[str, ...]:
        """Remove files no longer built (and forget them), and the folders they leave empty."""
        for path in paths:
            (self.out / path).unlink(missing_ok=True)
            self.files.pop(path, None)
            parent = (self.out / path).parent
            while parent != self.out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return paths

    @staticmethod
    def _unit_of(model: SiteModel, record) -> str:
        """The current province of a plan, task or update."""
        if isinstance(record, Update):
            record = model.tasks[record.task]
        plan = model.plans[record.plan] if isinstance(record, Task) else record
        return model.current_unit(plan).id

    def _links_to(self, spec, records: list) -> bool:
        """Whether the page of `spec`, as last written, links to the page of any of the records."""
        try:
            html = (self.out / spec.path).read_bytes()
        except OSError:
            return True
        for record in records:
            target = path_of(record, spec.lang)
            link = self.base_url + target if spec.absolute else relative(spec.site_path, target)
            if link.encode("utf-8") in html:
                return True
        return False

    def _changed_records(self, changed: list[Path], new: SiteModel) -> tuple[set, set]:
        """(task ids, plan ids) whose search documents the changed files may have changed: a
        plan's tasks carry its number and title."""
        tasks, plans = set(), set()
        for path in changed:
            folder, rid = self._record_of(path)
            for model in (self.model, new):
                if folder == "tasks":
                    tasks.add(rid)
                elif folder == "plans":
                    plans.add(rid)
                    tasks |= {task.id for task in model.tasks_by_plan.get(rid, [])}
                elif (update := model.content.of("update").get(rid)) is not None:
                    tasks.add(update.task)
        return tasks, plans

    def _edited_index(self, old: SiteModel, new: SiteModel, tasks: set, plans: set) -> tuple | None:
        """The search index files that change ({path: bytes, or None to remove}) when the
        documents of these tasks (and their updates) and plans change from the old model to
        the new, and the new index states; None if the index cannot be edited in place (a
        document was added, removed or moved, or the index must be built again anyway)."""
        if self.index_states is None:
            return None
        out: dict[str, bytes | None] = {}
        states = {}
        for lang in LANGS:
            before, after = DocMaker(old, lang), DocMaker(new, lang)
            pairs = []
            for plan_id in sorted(plans):
                if plan_id not in old.plans or plan_id not in new.plans:
                    return None
                pairs.append((before.plan_doc(old.plans[plan_id]), after.plan_doc(new.plans[plan_id])))
            for task_id in sorted(tasks):
                if task_id not in old.tasks or task_id not in new.tasks:
                    return None
                old_docs, new_docs = before.task_docs(old.tasks[task_id]), after.task_docs(new.tasks[task_id])
                if [d.url for d in old_docs] != [d.url for d in new_docs]:
                    return None
                pairs += zip(old_docs, new_docs)
            folder = f"{SEARCH_FOLDER}{lang}/"
            result = edit_index(self.index_states[lang], lambda name: (self.out / folder / name).read_bytes(),
                                [(a, b) for a, b in pairs if a != b])
            if result is None:
                return None
            states[lang], files = result
            out.update((folder + name, data) for name, data in files.items())
        return out, states

    def _write_index(self, files: dict[str, bytes | None], states: dict) -> tuple[str, ...]:
        """Write the search index files an edit changed, remove those it dropped."""
        written = []
        for path, data in sorted(files.items()):
            if data is None:
                (self.out / path).unlink(missing_ok=True)
                self.files.pop(path, None)
                continue
            new = digest(data)
            if self.files.get(path) != new or not (self.out / path).is_file():
                self._write_one(path, data)
                self.files[path] = new
                written.append(path)
        self.index_states = states
        return tuple(written)

    def _keys_for(self, path: Path, model: SiteModel) -> set:
        folder, rid = self._record_of(path)
        if folder == "tasks":
            return _task_keys(model, rid)
        if folder == "plans":
            return _plan_keys(model, rid)
        update = model.content.of("update").get(rid)
        return _task_keys(model, update.task) if update else set()

    def _write_one(self, path: str, data: bytes) -> None:
        """Write one file atomically: a server reading it sees the old bytes or the new."""
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)

    def _write_pages(self, pages: dict[str, bytes]) -> tuple[str, ...]:
        """Write the pages whose bytes changed, of pages the site already has (the rest stay)."""
        written = []
        for path, data in pages.items():
            new = digest(data)
            if self.files.get(path) != new or not (self.out / path).is_file():
                self._write_one(path, data)
                self.files[path] = new
                written.append(path)
        return tuple(written)

    def _write_changes(self, files: dict[str, bytes | None], copy_assets: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Write files whose bytes changed (each atomically), remove files no longer built, and
        remember what was written. None in `files`: unchanged since the last build."""
        written = []
        digests = {}
        for path, data in files.items():
            if data is None:
                digests[path] = self.files[path]
                continue
            new = digests[path] = digest(data)
            if self.files.get(path) == new and (self.out / path).is_file():
                continue
            self._write_one(path, data)
            written.append(path)
        removed = self._remove(tuple(path for path in self.files if path not in files and (self.out / path).is_file()))
        self.files = digests
        if copy_assets and self.assets.is_dir():
            shutil.rmtree(self.out / "assets", ignore_errors=True)
            for src in sorted(self.assets.rglob("*")):
                if src.is_file() and not src.name.startswith("."):
                    dest = self.out / "assets" / src.relative_to(self.assets)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, dest)
        return tuple(written), tuple(removed)



class _ExtrasJob:
    """A forked child that builds and writes the deferred extra files, then sends back what it
    wrote and the digests of every extra file. It shares the session's model copy-on-write."""

    def __init__(self, session: BuildSession, due: tuple):
        self.due, self.search = due, due[3]
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=self._run, args=(session, due, send), daemon=True)
        self._process.start()
        send.close()
        self._outcome = None

    @staticmethod
    def _run(session: BuildSession, due: tuple, send) -> None:
        die_with_parent()
        try:
            files, states = _extras(session, due)
            # Only a moment of writing is left: a stop request waits for it rather than leave
            # half-written temporary files behind.
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            written, removed = session._write_changes(files, copy_assets=False)
            digests = {p: d for p, d in session.files.items() if not p.endswith(".html")}
            send.send((written, removed, digests, states))
        except BaseException:  # noqa: BLE001 - the parent reports it
            send.send(traceback.format_exc())

    def done(self) -> bool:
        """True once the child has sent its outcome or ended."""
        if self._outcome is None and self._receive.poll():
            try:
                self._outcome = self._receive.recv()
            except EOFError:
                self._outcome = "the process building the search index ended before it finished"
        return self._outcome is not None

    def result(self):
        """(written, removed, digests, index states or None), or the text of what went wrong."""
        while not self.done():
            self._receive.poll(0.05)
        self._process.join()
        return self._outcome

    def stop(self) -> None:
        self._process.terminate()
        self.result()      # read whatever it sends (a full pipe would block it) until it ends


def _extras(session: BuildSession, due: tuple) -> tuple[dict, dict | None]:
    """The deferred extra files ({path: bytes, or None for as last written}) and, if the search
    index was made again, its states."""
    model, catalogs, pages, search = due
    files = {p: None for p in session.files if p.endswith(".html") or (not search and p.startswith(SEARCH_FOLDER))}
    states: dict | None = {} if search else None
    page_paths = pages if pages is not None else [p for p in files if p.endswith(".html")]
    files.update(extra_files(model, catalogs, session.base_url, page_paths, states, search))
    return files, states

