"""Stage 3: render every page of the site model to HTML, in both languages.

Returns {output path: bytes}; nothing is written here. Templates autoescape and use
StrictUndefined, so a typo in a layout fails the build instead of printing nothing.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from types import MethodType

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import charts, markdown
from .i18n import LANGS, OTHER, Catalog, format_date, format_date_long, format_number, load_catalogs
from .model import LATEST, NATIONAL_CAP, PLACE_CAP, SiteModel
from .records import REORGANISATION, FormerProvince, Pillar, Province, Text, TextList
from .routes import INDEXES, Sub, path_of, relative_from, update_anchor
from .datasets import DATASETS, LICENCE_URL
from .feeds import FEED_ENTRIES
from .scores import DIMENSIONS, EIGHT_DIMENSIONS_FROM
from .status import BY_KEY, STATUSES
from .text import vi_sort_key


@dataclass(frozen=True)
class Settings:
    base_url: str           # e.g. "/" or "/portal/" or "https://example.org/portal/"
    layouts: Path
    assets: Path


class PageContext:
    """What a template needs to know about the page it is rendering.

    Links are written as placeholders (NUL, site path, SOH) and made relative to the page
    (or absolute, on the 404 page) in one pass when the page is done: a fragment rendered
    once (a task table row, the header, the footer) is then the same on every page."""

    def __init__(self, renderer: "Renderer", lang: str, path: str, absolute: bool = False):
        self.r = renderer
        self.lang = lang
        self.path = path            # site path of this page, e.g. "vi/plans/x/"
        self.absolute = absolute    # the 404 page is served at any address: use base URL links
        self.t: Catalog = renderer.catalogs[lang]
        self.other = OTHER[lang]
        self.model = renderer.model
        self.badges = renderer.badges(lang)   # status key -> badge HTML
        self.pieces = renderer.pieces(lang)   # small escaped strings for task rows and deadlines
        base, rest = renderer.settings.base_url, path[len(lang):]
        self.urls = {"vi": base + "vi" + rest, "en": base + "en" + rest}   # this page's canonical addresses
        self.url = self.urls[lang]

    # links ---------------------------------------------------------------
    def href(self, target, lang: str | None = None) -> str:
        if isinstance(target, tuple):
            return "\x00" + path_of(target[0], lang or self.lang) + "#" + target[1] + "\x01"
        return "\x00" + path_of(target, lang or self.lang) + "\x01"

    def site_href(self, site_path: str) -> str:
        return "\x00" + site_path + "\x01"

    def asset(self, name: str) -> str:
        return self.site_href(f"assets/{name}")

    def switch_href(self) -> str:
        """The same page in the other language."""
        return self.site_href(self.other + self.path[len(self.lang):])

    def canonical(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        return self.r.settings.base_url + lang + self.path[len(self.lang):]

    @property
    def nav_current(self) -> str:
        """Which main navigation entry this page belongs to ('' for none)."""
        section = self.path[len(self.lang) + 1:].split("/", 1)[0]
        return _NAV_SECTION.get(section, section if self.path.count("/") == 2 else "")

    def fragment(self, template: str, key=(), **data) -> Markup:
        """A piece of page rendered once per language and key, and reused on every page."""
        cache = self.r.fragments
        full_key = (template, self.lang, key)
        html = cache.get(full_key)
        if html is None:
            html = cache[full_key] = Markup(_render_bare(self.r.env.get_template(template), dict(
                ctx=self, t=self.t, m=self.model, txt=self.txt, B=self.badges, **data)))
        # Its links made relative once for every page at the same depth in the same section,
        # when they all go to an index or a file (then nothing else of the page's path matters).
        parts = self.path.split("/")
        shape = (full_key, self.absolute, len(parts), parts[1] if len(parts) > 2 else "")
        resolved = self.r.resolved.get(shape)
        if resolved is None:
            targets = _SITE_LINK.findall(html)
            if any(t.split("/", 1)[0] in LANGS and t.count("/") > 2 for t in targets):
                return html
            resolved = self.r.resolved[shape] = Markup(_SITE_LINK.sub(self.r.linker(self.path, self.absolute), html))
        return resolved

    # text ---------------------------------------------------------------
    def tx(self, value) -> str:
        """A translatable value in this page's language (Vietnamese if untranslated)."""
        if isinstance(value, (Text, TextList)):
            return value.get(self.lang)
        return value

    def txt(self, value):
        """A translatable value for display: untranslated text is marked lang="vi"."""
        if value is None:
            return ""
        if type(value) is Text:
            if value.en is None or self.lang == "vi":
                if value.vi and self.lang != "vi":
                    return Markup('<span lang="vi">%s</span>') % value.vi
                return value.vi
            return value.en
        return value

    def is_fallback(self, value: Text) -> bool:
        return value.is_fallback(self.lang)

    def task_rows(self, tasks, show_plan: bool, show_lead: bool = True) -> Markup:
        """The rows of a task table (mac.task_table): title, plan, lead agencies, deadline, status.

        Written here rather than in a layout: a row is the most repeated piece of the site (a
        task is on a dozen lists), so each is made once per language and kind of table, and kept
        for every later list (a template made it 8 times slower: 4 s of a 10,000-task build)."""
        cache = self.r.row_cache
        lang, show_plan, show_lead = self.lang, bool(show_plan), bool(show_lead)
        rows = []
        for task in tasks:
            key = (task.id, lang, show_plan, show_lead)
            row = cache.get(key)
            if row is None:
                row = cache[key] = self._row(task, show_plan, show_lead, self.pieces)
            rows.append(row)
        return Markup("".join(rows))

    def plan_card(self, plan, level: int) -> Markup:
        """A plan's card in a plan list (mac.plan_card): made once per plan, language and heading
        level, like task rows (the plans index shows every plan of the site)."""
        cards = self.r.card_cache.setdefault(plan.id, {})
        card = cards.get((self.lang, level))
        if card is None:
            card = cards[(self.lang, level)] = Markup(self.r.macros(self.lang).plan_card(plan, level))
        return card

    def _row(self, task, show_plan: bool, show_lead: bool, labels: dict) -> str:
        state = self.model.states[task.id]
        row = f'<tr><td><a href="{self.href(task)}">{escape(self.txt(task.title))}</a></td>'
        if show_plan:
            plan = self.model.plans[task.plan]
            row += f'<td data-label="{labels["plan"]}"><a href="{self.href(plan)}">{escape(self.txt(plan.short_title))}</a></td>'
        if show_lead:
            row += f'<td data-label="{labels["lead"]}">{self.agencies(task.lead)}</td>'
        return (row + f'<td data-label="{labels["deadline"]}">{self.deadline(task, state)}</td>'
                f'<td data-label="{labels["status"]}">{self.badges[state.status]}</td></tr>\n')

    def agencies(self, ids) -> Markup:
        """Links to agencies, separated by semicolons."""
        cache = self.r.agency_links
        key = (self.lang, tuple(ids))
        html = cache.get(key)
        if html is None:
            agencies = self.model.agencies
            html = cache[key] = Markup("; ").join(
                Markup('<a href="%s">%s</a>') % (self.href(agencies[i]), self.txt(agencies[i].name)) for i in ids)
        return html

    def deadline(self, task, state=None) -> Markup:
        d = task.deadline
        if d.kind == "date":
            # an ISO date and a formatted date: digits and month names, nothing to escape
            html = f'<time datetime="{d.date.isoformat()}">{format_date(d.date, self.lang)}</time>'
            if state is not None and state.overdue:
                html += str(self.pieces["overdue"])  # str + Markup would escape the str
            return Markup(html)
        return self.pieces[d.kind]

    def md(self, value: Text, shift: int = 1) -> Markup:
        return markdown.render(self.tx(value), shift, self.site_href)

    def num(self, value, digits: int = 2) -> str:
        return format_number(value, self.lang, digits)

    def date(self, value) -> str:
        return format_date(value, self.lang)

    def date_long(self, value) -> str:
        return format_date_long(value, self.lang)

    def status(self, key: str):
        return BY_KEY[key]

    def name(self, record) -> str:
        return self.tx(record.name)

    def pillar_label(self, pillar) -> str:
        """"2. Transparency" for a dimension or sub-dimension, the name alone for an index."""
        name = pillar.name.get(self.lang)
        return f"{pillar.code}. {name}" if pillar.parent and pillar.code else name

    def counts_text(self, counts) -> str:
        """Counts by status in words, for page descriptions: "12 tasks: Completed 3, …; 2 overdue."."""
        t = self.t
        parts = [f"{t('status.' + key)} {n}" for key, n in counts.by_status if n]
        text = t("counts.n_tasks", n=counts.total)
        if parts:
            text += ": " + ", ".join(parts)
        if counts.overdue:
            text += "; " + t("counts.n_overdue", n=counts.overdue)
        return text + "."

    def days_overdue(self, task) -> int:
        return (self.model.as_of - task.deadline.date).days

    def deadline_text(self, task) -> str:
        d = task.deadline
        if d.kind == "date":
            return format_date(d.date, self.lang)
        return self.t("deadline." + d.kind)

    def describe_task(self, task, state) -> str:
        """The page description of a task: its plan, lead agencies, deadline and status."""
        agencies = self.model.agencies
        status = self.t("status." + state.status)
        if state.overdue:
            status += "; " + self.t("task.overdue_by", n=self.days_overdue(task))
        return self.t("meta.task", plan=self.tx(self.model.plans[task.plan].short_title),
                      lead="; ".join(agencies[a].name.get(self.lang) for a in task.lead),
                      deadline=self.deadline_text(task), status=status)

    def describe_place(self, place) -> str:
        """A province's, former province's or commune's page description: its plans and their tasks."""
        plans = self.model.place_plans(place)
        name = self.tx(place.name)
        if not plans:
            return f"{name}: {self.t('province.no_plans')}"
        return f"{name}: {self.t('counts.n_plans', n=len(plans))}; {self.describe_tasks(self.model.place_tasks(place))}"

    def describe_tasks(self, tasks) -> str:
        return self.counts_text(self.model.counts(tasks))

    def address(self, target) -> str:
        """Where a page is, to print on paper: its full address with an http(s) base URL, else its path."""
        return self.r.settings.base_url + path_of(target, self.lang)

    def catalog(self, lang: str) -> Catalog:
        """Another language's UI strings (the 404 page shows both)."""
        return self.r.catalogs[lang]

    def tm(self, key: str, **values) -> Markup:
        """A UI string with HTML values (links) put in: see Catalog.markup."""
        return self.t.markup(key, **values)

    def link(self, target, text=None) -> Markup:
        """A link to a page (a record, a path, or (record, anchor)), named `text`, else the record's name."""
        return Markup('<a href="%s">%s</a>') % (self.href(target), self.txt(target.name) if text is None else text)

    def txts(self, records) -> list:
        return [self.txt(r.name) for r in records]

    def links(self, records) -> list[Markup]:
        return [self.link(r) for r in records]

    def and_list(self, items) -> Markup:
        """"A, B and C" in the page's language (items may be Markup)."""
        items = [escape(i) for i in items]
        if len(items) < 2:
            return Markup("").join(items)
        return Markup(", ").join(items[:-1]) + escape(self.t("list.and")) + items[-1]

    def names(self, records, sep: str = ", ") -> str:
        return sep.join(record.name.get(self.lang) for record in records)

    def anchor(self, update) -> str:
        return update_anchor(update)

    # charts ---------------------------------------------------------------
    def status_chart(self, counts, title: str):
        labels = {s.key: self.t("status." + s.key) for s in STATUSES}
        return charts.status_bar(counts, labels, title, self.lang)

    def score_chart(self, former, title: str):
        rows = self.model.scores_of(former.id)
        if not rows:
            return ""
        years = (rows[0].year, rows[-1].year)
        series = []
        for dim in DIMENSIONS:
            pillar = self.model.pillars[dim]
            points = [charts.Point(r.year, r.score(dim)) for r in rows if r.year >= (pillar.first_year or 0)]
            series.append((f"{pillar.code}. {self.tx(pillar.short_name)}", points))
        return charts.score_lines(series, title, self.lang, years)

    def spark(self, former, pillar, scores):
        """A sparkline of the (year, score) pairs the comparison table shows beside it."""
        points = [charts.Point(year, value) for year, value in scores]
        return charts.sparkline(points, f"{self.tx(former.name)}: {self.tx(pillar.short_name)}", self.lang)

    def target_chart(self, plan, place, title: str):
        rows = []
        for target in plan.targets:
            pillar = self.model.pillars[target.pillar]
            score = self.model.score_row(place.id, target.year)
            actual = score.score(target.pillar) if score else None
            rows.append((f"{pillar.code}. {self.tx(pillar.short_name)}", target.baseline, target.value, actual))
        labels = {"baseline": self.t("plan.target_baseline"), "target": self.t("plan.target_value"),
                  "actual": self.t("plan.target_actual"), "not_stated": self.t("deadline.none"),
                  "missing": self.t("plan.actual_missing")}
        return charts.target_bars(rows, labels, title, self.lang)


def without_task_rows(row_cache: dict, task_ids) -> dict:
    """A row cache (PageContext.task_rows) less the rows of these tasks, taken out in place by
    their keys rather than by copying every other row (a cache: dropping a row is never wrong)."""
    for tid in task_ids:
        for lang in LANGS:
            for show_plan in (False, True):
                for show_lead in (False, True):
                    row_cache.pop((tid, lang, show_plan, show_lead), None)
    return row_cache


def without_plan_cards(card_cache: dict, plan_ids) -> dict:
    """A card cache (PageContext.plan_card) less the cards of these plans, taken out in place."""
    for pid in plan_ids:
        card_cache.pop(pid, None)
    return card_cache


def _render_bare(template, variables: dict) -> str:
    """Template.render without the template globals: a small piece (a batch of task rows, the
    header) that needs none is rendered without copying them into its context."""
    try:
        return "".join(template.root_render_func(template.new_context(variables, shared=True)))
    except Exception:
        return template.environment.handle_exception()


class _CurrentPage:
    """Stands for the PageContext of the page being rendered (in the shared macro modules)."""
    __slots__ = ("page",)

    def __getattr__(self, name: str):
        return getattr(self.page, name)


# A link placeholder: NUL, the site path (with any #anchor), SOH.
_SITE_LINK = re.compile("\x00([^\x01]*)\x01")
# Main navigation entries and the sections of the site they cover.
_NAV_SECTION = {"provinces": "provinces", "former-provinces": "provinces", "communes": "",
                "pillars": "pillars", "plans": "plans", "tasks": "plans", "agencies": "agencies"}


class _Context(Context):
    """Jinja's context, calling the portal's own methods directly: Context.call looks for
    pass_context markers on every call (three hasattr), and a page makes ~100 calls. None of
    the portal's methods take the context, so for them the result is the same."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if type(__obj) is Catalog or (type(__obj) is MethodType and type(__obj.__self__) in _PLAIN):
            if kwargs:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return Context.call(__self, __obj, *args, **kwargs)


def make_environment(layouts: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(layouts)),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
        auto_reload=False,  # templates do not change during a build; `serve` makes a new one
    )
    env.context_class = _Context
    env.globals.update(
        STATUSES=STATUSES, DIMENSIONS=DIMENSIONS, DATASETS=DATASETS, LICENCE_URL=LICENCE_URL, FEED_ENTRIES=FEED_ENTRIES,
        EIGHT_FROM=EIGHT_DIMENSIONS_FROM, isinstance=isinstance, REORG=REORGANISATION,
        Province=Province, FormerProvince=FormerProvince, Pillar=Pillar, Sub=Sub,
        PLACE_CAP=PLACE_CAP, NATIONAL_CAP=NATIONAL_CAP, LATEST=LATEST,
    )
    env.filters["vi_sorted"] = lambda items, attr="name": sorted(items, key=lambda r: vi_sort_key(getattr(r, attr).vi))
    return env


_PLAIN = frozenset({PageContext, SiteModel, Catalog})


class Renderer:
    def __init__(self, model: SiteModel, settings: Settings, env: Environment | None = None, catalogs: dict | None = None,
                 row_cache: dict | None = None, card_cache: dict | None = None):
        """`env` and `catalogs` may be reused from a previous build when layouts/ did not change;
        `row_cache` too, less the rows of tasks that changed, and `card_cache`, less the cards of
        plans whose tasks changed."""
        self.model = model
        self.settings = settings
        self.catalogs = catalogs or load_catalogs(settings.layouts)
        self.env = env or make_environment(settings.layouts)
        self.row_cache: dict[tuple, str] = row_cache if row_cache is not None else {}  # see PageContext.task_rows
        self.card_cache: dict[str, dict] = card_cache if card_cache is not None else {}  # see PageContext.plan_card
        self.fragments: dict[tuple, Markup] = {}      # see PageContext.fragment
        self.agency_links: dict[tuple, Markup] = {}   # see PageContext.agencies
        self._badges: dict[str, dict] = {}
        self._pieces: dict[str, dict] = {}
        self._page = _CurrentPage()                   # the page being rendered, for the macros
        self._globals = dict(self.env.globals)        # a plain dict: Jinja copies its ChainMap per page
        self.resolved: dict[tuple, Markup] = {}       # see PageContext.fragment
        self._macros: dict[str, object] = {}

    def badges(self, lang: str) -> dict:
        """Status key -> the badge for it: a shape and a word, so status never relies on colour."""
        badges = self._badges.get(lang)
        if badges is None:
            t = self.catalogs[lang]
            badges = self._badges[lang] = {
                s.key: Markup('<span class="badge badge-%s"><span class="badge-icon" aria-hidden="true">%s</span> %s</span>')
                % (s.key, s.icon, t("status." + s.key)) for s in STATUSES}
        return badges

    def macros(self, lang: str):
        """layouts/_macros.html, made once per language (not once per page, as an import "with
        context" would): its `ctx` stands for the page being rendered."""
        module = self._macros.get(lang)
        if module is None:
            page = self._page
            module = self._macros[lang] = self.env.get_template("_macros.html").make_module(
                {"ctx": page, "t": self.catalogs[lang], "m": self.model, "B": self.badges(lang),
                 "txt": lambda value: page.page.txt(value)})
        return module

    def pieces(self, lang: str) -> dict:
        pieces = self._pieces.get(lang)
        if pieces is None:
            t = self.catalogs[lang]
            pieces = self._pieces[lang] = {k: escape(t("task." + k)) for k in ("plan", "lead", "deadline", "status")}
            pieces["overdue"] = Markup(' <span class="overdue"><span aria-hidden="true">!</span> %s</span>') % t("task.overdue")
            pieces["ongoing"] = escape(t("deadline.ongoing"))
            pieces["none"] = Markup('<span class="muted">%s</span>') % t("deadline.none")
        return pieces

    def linker(self, path: str, absolute: bool):
        """For re.sub over link placeholders: the link from the page at `path` to the site path."""
        if absolute:
            base = self.settings.base_url
            return lambda link: base + link.group(1)
        return relative_from(path, match=True)

    def page(self, template: str, lang: str, path: str, absolute: bool = False, **data) -> bytes:
        ctx = PageContext(self, lang, path, absolute)
        self._page.page = ctx
        variables = dict(self._globals, ctx=ctx, t=ctx.t, m=self.model, txt=ctx.txt, B=ctx.badges,
                         mac=self.macros(lang), **data)
        html = _render_bare(self.env.get_template(template), variables)
        return _SITE_LINK.sub(self.linker(path, absolute), html).encode("utf-8")

    def specs(self, keys: set | None = None) -> list["PageSpec"]:
        """Every page of the site, not yet rendered, each with the key of what it shows; with
        `keys`, only the pages of those keys, the same specs as those of a whole walk, found
        without walking every task (the live preview, after an edit)."""
        m = self.model
        out: list[PageSpec] = [
            PageSpec("index.html", "root.html", "vi", "", ("root", ""), {}),
            PageSpec("404.html", "404.html", "vi", "vi/", ("root", "404"), {}, absolute=True),
        ]

        def add(template, target, key, **data):
            for lang in LANGS:
                path = path_of(target, lang)
                out.append(PageSpec(path + "index.html", template, lang, path, key, data))

        if keys is None:
            places = plans = tasks = agencies = unit_agencies = None
        else:
            # The places whose own or continuation pages are asked for ("kind/id"), and the ids
            # of the records whose pages are.
            places = {f"{kind}/{rid}" for kind, rid in keys if kind in ("province", "former_province", "commune")}
            places |= {rid for kind, rid in keys if kind == "place_deadlines"}
            places |= {rid.rsplit("/", 1)[0] for kind, rid in keys if kind == "place_pillar"}
            plans = [rid for kind, rid in sorted(keys) if kind == "plan" and rid in m.plans]
            tasks = [rid for kind, rid in sorted(keys) if kind == "task" and rid in m.tasks]
            agencies = {rid for kind, rid in keys if kind == "agency"}
            unit_agencies = {rid.split("/", 1)[0] for kind, rid in keys if kind == "agency_unit"}

        def place_wanted(place) -> bool:
            return places is None or f"{place_kind(place)}/{place.id}" in places

        add("home.html", "home", ("index", "home"))
        for section in INDEXES:
            add(f"{section}.html", section, ("index", section))
        for p in m.content.of("page").values():
            add("page.html", p, ("page", p.id), page=p)
        for p in m.provinces.values():
            if place_wanted(p):
                add("province.html", p, ("province", p.id), province=p)
                for lang in LANGS:
                    path = path_of(p, lang) + "report/"
                    out.append(PageSpec(path + "index.html", "report.html", lang, path, ("province", p.id), {"province": p}))
                self._place_pages(add, p)
        for a in m.agencies.values():
            if unit_agencies is None or a.id in unit_agencies:
                for unit in m.agency_units(a):
                    add("agency_unit.html", Sub(a, "provinces", unit.slug), ("agency_unit", f"{a.id}/{unit.id}"),
                        agency=a, unit=unit)
        for p in m.former_provinces.values():
            if place_wanted(p):
                add("former_province.html", p, ("former_province", p.id), province=p)
                self._place_pages(add, p)
        for c in m.communes.values():
            if place_wanted(c):
                add("commune.html", c, ("commune", c.id), commune=c)
                self._place_pages(add, c)
        for p in m.pillars.values():
            add("pillar.html", p, ("pillar", p.id), pillar=p)
        for a in m.agencies.values():
            if agencies is None or a.id in agencies:
                add("agency.html", a, ("agency", a.id), agency=a)
        for p in m.plans.values() if plans is None else (m.plans[rid] for rid in plans):
            add("plan.html", p, ("plan", p.id), plan=p)
        for task in m.tasks.values() if tasks is None else (m.tasks[rid] for rid in tasks):
            add("task.html", task, ("task", task.id), task=task, state=m.states[task.id])
        return out if keys is None else [spec for spec in out if spec.key in keys]

    def _place_pages(self, add, place) -> None:
        """A place's continuation pages: its tasks on each pillar, its deadlines (the model
        decides which exist: model.pillar_page, model.deadlines_page)."""
        m = self.model
        kind = place_kind(place)
        for pillar in m.place_pillars(place):
            page = m.pillar_page(place, pillar)
            if page is not None:
                tasks = m.place_pillar[(type(place).__name__, place.id, pillar.id)]
                add("place_pillar.html", page, ("place_pillar", f"{kind}/{place.id}/{pillar.id}"),
                    place=place, pillar=pillar, all_tasks=tasks)
        page = m.deadlines_page(place)
        if page is not None:
            add("place_deadlines.html", page, ("place_deadlines", f"{kind}/{place.id}"), place=place)

    def render(self, spec: "PageSpec") -> bytes:
        return self.page(spec.template, spec.lang, spec.site_path, spec.absolute, **spec.data)

    def pages(self, keys: set | None = None) -> "OrderedDict[str, bytes]":
        """Render every page, or only the pages whose key is in `keys`."""
        return OrderedDict((spec.path, self.render(spec)) for spec in self.specs() if keys is None or spec.key in keys)


def place_kind(place) -> str:
    """The key kind of a place's page: "province", "former_province" or "commune"."""
    return {Province: "province", FormerProvince: "former_province"}.get(type(place), "commune")


@dataclass(frozen=True)
class PageSpec:
    path: str            # output file, e.g. "vi/plans/x/index.html"
    template: str
    lang: str
    site_path: str       # the page's folder, e.g. "vi/plans/x/"
    key: tuple           # what the page is about, e.g. ("plan", "x"); used to re-render only what changed
    data: dict
    absolute: bool = False
