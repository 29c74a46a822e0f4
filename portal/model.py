"""Stage 2: the site model. Relations, derived statuses and rollups, computed once."""

from __future__ import annotations

import bisect
import copy
import heapq
import datetime as dt
from collections import Counter, defaultdict
from itertools import compress
from operator import attrgetter, itemgetter
from dataclasses import dataclass, field, fields, is_dataclass, replace

from .load import Content
from .records import Agency, Commune, FormerProvince, Pillar, Plan, Province, Record, Task, Update
from .scores import ScoreRow
from .status import BY_KEY, NO_PROGRESS, STATUSES
from .routes import Sub
from .text import fold, vi_sort_key

UPCOMING_DAYS = 90

# Bounded lists. A page never lists more than this many tasks in one group; "See all N
# tasks" leads to the page of that group (routes.Sub), which lists them all.
PLACE_CAP = 25      # per group on a place's page (province, former province, commune; plan overview)
LATEST = 10        # plans and progress updates on the home page
NATIONAL_CAP = 5    # per province on a page that covers the whole country (pillar, agency, deadlines):
                    # 34 provinces, so such a page stays bounded (under ~300 KB) however many tasks there are


@dataclass(frozen=True)
class Counts:
    """Tasks by status, with how many are overdue."""
    by_status: tuple[tuple[str, int], ...]
    total: int
    overdue: int

    def get(self, key: str) -> int:
        return dict(self.by_status).get(key, 0)


@dataclass(frozen=True)
class TaskState:
    task: Task
    updates: tuple[Update, ...]      # oldest first
    status: str
    percent: int | None
    overdue: bool
    upcoming: bool                   # deadline within the next UPCOMING_DAYS


@dataclass(frozen=True)
class Group:
    """Tasks about one thing (a pillar, a province), most urgent first, cut to a page's cap."""
    head: object              # a Pillar or a Province
    tasks: tuple              # all of them
    shown: tuple              # the first `cap`
    more: object              # the page that lists them all (a routes.Sub), or None

    @property
    def total(self) -> int:
        return len(self.tasks)

    @property
    def truncated(self) -> bool:
        return len(self.shown) < len(self.tasks)


def _group(head, tasks, cap: int, more) -> Group:
    # (a TaskList is kept as it is: what is made from it is kept under its name)
    tasks = tasks if type(tasks) is TaskList else tuple(tasks)
    return Group(head, tasks, tuple(tasks[:cap]), more)


class TaskList(list):
    """Tasks the model holds under a name, its scope: ("all",), ("plan", id), ("pillar", id),
    ("pp", place kind, place id, pillar id), ("place", kind, id), ("led", agency id),
    ("partnered", agency id), ("au", agency id, unit id, 0 or 1); or a list made from one
    (its overdue tasks, its tasks in a province), named after it.

    What is made from such a list (counts, deadline lists, groupings) is kept with the model
    under its name (SiteModel.derived["memo"], by `base`: the scope of the list of the model
    it comes from), so the pages that cover the whole country make it once, not once per page
    and language; an edit drops only what was made from the lists holding the edited tasks
    (with_records_replaced). A slice or a copy is a plain list."""
    __slots__ = ("scope", "base")

    def __init__(self, items=(), scope: tuple = (), base: tuple | None = None):
        super().__init__(items)
        self.scope = scope
        self.base = scope if base is None else base

    def made(self, items, *name) -> "TaskList":
        """A list made from this one, named after it."""
        return TaskList(items, (*name, self.scope), self.base)


@dataclass
class SiteModel:
    content: Content
    as_of: dt.date
    pillars: dict = field(default_factory=dict)
    provinces: dict = field(default_factory=dict)
    former_provinces: dict = field(default_factory=dict)
    communes: dict = field(default_factory=dict)
    agencies: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    tasks: dict = field(default_factory=dict)
    all_tasks: list = field(default_factory=list)        # TaskList of every task, in plan order
    states: dict = field(default_factory=dict)           # task id -> TaskState
    tasks_by_plan: dict = field(default_factory=dict)    # plan id -> [Task]
    plans_by_former: dict = field(default_factory=dict)  # former province id -> [Plan]
    plans_by_province: dict = field(default_factory=dict)  # current unit -> [Plan] (own and predecessors')
    predecessors: dict = field(default_factory=dict)     # current unit -> [FormerProvince]
    children: dict = field(default_factory=dict)         # pillar id -> [Pillar]
    tasks_by_pillar: dict = field(default_factory=dict)  # pillar id -> [Task] (itself and descendants)
    tasks_by_place: dict = field(default_factory=dict)   # (place kind, place id) -> [Task] of its plans (place_tasks)
    tasks_led: dict = field(default_factory=dict)        # agency id -> [Task]
    tasks_partnered: dict = field(default_factory=dict)  # agency id -> [Task]
    communes_by_province: dict = field(default_factory=dict)
    plans_by_commune: dict = field(default_factory=dict)     # commune id -> [Plan]
    commune_predecessors: dict = field(default_factory=dict)  # commune id -> [Commune] that became part of it
    agency_predecessors: dict = field(default_factory=dict)   # agency id -> [Agency] it took over from
    task_pillars: dict = field(default_factory=dict)     # task id -> frozenset of pillar ids served, with ancestors
    urgency: dict = field(default_factory=dict)          # task id -> sort key, see urgent_first
    place_pillar: dict = field(default_factory=dict)     # (place kind, place id, pillar id) -> [Task] serving it
    agency_unit: dict = field(default_factory=dict)      # (agency id, unit id) -> ([led], [partnered])
    name_order: dict = field(default_factory=dict)       # lang -> (type name, id) -> position in that language's order
    pillar_order: list = field(default_factory=list)     # every pillar, depth first in display order
    score_rows: dict = field(default_factory=dict)       # former province id -> its score rows, by year
    score_by_year: dict = field(default_factory=dict)    # (former province id, year) -> score row
    score_years: tuple = ()
    # Lookups made from the states on first use (_derived), for the counts and lists every list
    # page makes, and what was made from the model's TaskLists ("memo"): a model patched from
    # this one keeps those its edit leaves as they were (_derived_patched).
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def _derived(self) -> dict:
        d = self.derived
        if "status" not in d:
            d["status"] = {tid: s.status for tid, s in self.states.items()}
            d["overdue"] = frozenset(tid for tid, s in self.states.items() if s.overdue)
            d["upcoming"] = frozenset(tid for tid, s in self.states.items() if s.upcoming)
        return d

    def _memo(self, op: str, tasks, make, *args):
        """make(), kept with the model under the name of `tasks` (a TaskList) and `op`, `args`."""
        if type(tasks) is not TaskList:
            return make()
        entries = self.derived.setdefault("memo", {}).setdefault(tasks.base, {})
        key = (op, tasks.scope, *args)
        value = entries.get(key, _MISSING)
        if value is _MISSING:
            value = entries[key] = make()
        return value

    # ------------------------------------------------------------ lookups
    def root(self, pillar: Pillar) -> Pillar:
        while pillar.parent is not None:
            pillar = self.pillars[pillar.parent]
        return pillar

    def ancestors(self, pillar: Pillar) -> list[Pillar]:
        chain = []
        while pillar.parent is not None:
            pillar = self.pillars[pillar.parent]
            chain.append(pillar)
        return list(reversed(chain))

    def plan_place(self, plan: Plan) -> FormerProvince | Province:
        return (self.former_provinces if plan.before_reorganisation else self.provinces)[plan.province]

    def tasks_by_unit(self, tasks: list[Task]) -> list[tuple[Province, list[Task]]]:
        """Tasks grouped by the current province of their plan, in province order."""
        groups: dict[str, list[Task]] = {}
        for task in tasks:
            groups.setdefault(self.current_unit(self.plans[task.plan]).id, []).append(task)
        return [(unit, groups[unit.id]) for unit in self.provinces.values() if unit.id in groups]

    def current_unit(self, plan: Plan) -> Province:
        place = self.plan_place(plan)
        return self.provinces[place.successor] if isinstance(place, FormerProvince) else place

    def commune_place(self, commune: Commune):
        before = commune.until is not None and commune.until.isoformat() < "2025-07-01"
        return (self.former_provinces if before else self.provinces)[commune.province]

    # ------------------------------------------------------------ order
    def urgent_first(self, tasks) -> list[Task]:
        """Overdue first (oldest deadline first), then open tasks by deadline, then open tasks
        without a date, then completed and cancelled ones; ties in plan order. A cut list
        thus shows what needs attention, and its continuation goes on in the same order."""
        # (decorated with keys found by C loops: unique keys, so tasks are never compared)
        def make():
            keys = map(self.urgency.__getitem__, map(_ID, tasks))
            ordered = [task for _, task in sorted(zip(keys, tasks), key=_FIRST)]
            return tasks.made(ordered, "urgent") if type(tasks) is TaskList else ordered
        return self._memo("urgent", tasks, make)

    def in_order(self, records, lang: str) -> list:
        """Provinces, former provinces, communes or agencies in the alphabetical order of the
        page's language: Vietnamese collation on Vietnamese pages, plain (accent-blind) on English."""
        order = self.name_order[lang]
        return sorted(records, key=lambda r: order[(type(r).__name__, r.id)])

    def sort_key(self, record, lang: str):
        return self.name_order[lang][(type(record).__name__, record.id)]

    # ------------------------------------------------------------ places
    def place_plans(self, place) -> list[Plan]:
        if isinstance(place, Province):
            return self.plans_by_province.get(place.id, [])
        if isinstance(place, FormerProvince):
            return self.plans_by_former.get(place.id, [])
        return self.plans_by_commune.get(place.id, [])

    def place_tasks(self, place) -> list[Task]:
        return self.tasks_by_place.get((type(place).__name__, place.id), _NONE)

    def place_pillar_tasks(self, place, pillar: Pillar) -> list[Task]:
        """A place's tasks on a pillar, most urgent first: those serving it or a part of it,
        except for an index with dimensions, where only those aimed at the index as a whole
        (the dimensions have pages of their own)."""
        tasks = self.place_pillar.get((type(place).__name__, place.id, pillar.id), _NONE)
        if pillar.parent is None and self.children.get(pillar.id):
            tasks = self._memo("direct", tasks, lambda: tasks.made([t for t in tasks if pillar.id in t.pillars], "direct"))
        return self.urgent_first(tasks)

    def pillar_page(self, place, pillar: Pillar):
        """The page of a place's tasks on a pillar (routes.Sub), or None if there is none.

        A current province has one for every pillar it has tasks on, whether or not its own
        page cuts the list: it is the unit readers hold to account, and the pillar pages link
        each province's group to it. A former province or commune (whose tasks are also on its
        current province's pages) has one only where its own page cuts a list."""
        key = (type(place).__name__, place.id, pillar.id)
        if key not in self.place_pillar:
            return None
        if isinstance(place, Province):
            return Sub(place, "pillars", pillar.slug)
        direct = pillar.parent is None and self.children.get(pillar.id)
        n = sum(1 for t in self.place_pillar[key] if pillar.id in t.pillars) if direct else len(self.place_pillar[key])
        return Sub(place, "pillars", pillar.slug) if n > PLACE_CAP else None

    def place_pillars(self, place) -> list[Pillar]:
        """Every pillar a place has tasks on, in pillar order."""
        kind = type(place).__name__
        return [p for p in self.pillar_order if (kind, place.id, p.id) in self.place_pillar]

    def deadlines_page(self, place):
        """The page of a place's overdue and upcoming tasks (routes.Sub), or None: for a current
        province whenever it has any (the national deadlines page links each province to it), for
        a former province or commune where its own page cuts the list."""
        tasks = self.place_tasks(place)
        overdue, upcoming = self.overdue(tasks), self.upcoming(tasks)
        if isinstance(place, Province):
            return Sub(place, "deadlines") if overdue or upcoming else None
        return Sub(place, "deadlines") if len(overdue) > PLACE_CAP or len(upcoming) > PLACE_CAP else None

    def deadline_ahead(self, task: Task) -> bool:
        """Whether a task is open with a deadline on or after the as-of date (a province's
        calendar of deadlines lists those: feeds.upcoming_deadlines)."""
        return (task.deadline.kind == "date" and task.deadline.date >= self.as_of
                and self.states[task.id].status not in ("completed", "cancelled"))

    def has_deadline_ahead(self, place) -> bool:
        tasks = self.place_tasks(place)
        return self._memo("ahead", tasks, lambda: any(map(self.deadline_ahead, tasks)))

    def pillar_groups(self, place, cap: int = PLACE_CAP) -> list[Group]:
        """A place's tasks by dimension, as by_dimension (an index's own tasks, then each of its
        dimensions'), each group most urgent first and cut to `cap`."""
        kind = type(place).__name__
        groups = []
        for root in self.children.get(None, []):
            dims = self.children.get(root.id, [])
            for pillar in ([root] + dims) if dims else [root]:
                if (kind, place.id, pillar.id) in self.place_pillar:
                    members = self.place_pillar_tasks(place, pillar)
                    if members:
                        groups.append(_group(pillar, members, cap, self.pillar_page(place, pillar)))
        return groups

    def province_groups(self, tasks, lang: str, more, cap: int = NATIONAL_CAP) -> list[Group]:
        """Tasks by current province (in the language's order), each most urgent first and cut;
        more(unit) gives the page listing all of a province's group."""
        groups = self._memo("units", tasks, lambda: self._by_unit(tasks))
        units = self.in_order([self.provinces[u] for u in groups], lang)
        return [_group(u, groups[u.id], cap, more(u)) for u in units]

    def _by_unit(self, tasks) -> dict:
        """Current province id -> its tasks of these, most urgent first."""
        groups: dict = {}
        unit_of = self.derived.get("unit")
        if unit_of is None:
            unit_of = self.derived["unit"] = {tid: self.current_unit(self.plans[t.plan]).id for tid, t in self.tasks.items()}
        for task in tasks:
            groups.setdefault(unit_of[task.id], []).append(task)
        if type(tasks) is TaskList:
            return {uid: self.urgent_first(tasks.made(members, "unit", uid)) for uid, members in groups.items()}
        return {uid: self.urgent_first(members) for uid, members in groups.items()}

    def pillar_province_groups(self, pillar: Pillar, tasks, lang: str) -> list[Group]:
        return self.province_groups(tasks, lang, lambda unit: self.pillar_page(unit, pillar))

    def agency_groups(self, agency: Agency, tasks, lang: str) -> list[Group]:
        return self.province_groups(tasks, lang, lambda unit: Sub(agency, "provinces", unit.slug))

    def deadline_groups(self, tasks, lang: str) -> list[Group]:
        return self.province_groups(tasks, lang, self.deadlines_page)

    def formers_of(self, tasks, lang: str) -> list[FormerProvince]:
        """The former provinces whose plans some of these tasks come from."""
        def make():
            plans = (self.plans[pid] for pid in set(map(_PLAN, tasks)))
            return [self.former_provinces[fid] for fid in {p.province for p in plans if p.before_reorganisation}]
        return self.in_order(self._memo("formers", tasks, make), lang)

    def unit_summary(self, pillar: Pillar, lang: str) -> list[tuple]:
        """(province, counts of its tasks serving the pillar, its page on the pillar) for each
        current province with such tasks, in the language's order."""
        units = [u for u in self.provinces.values() if ("Province", u.id, pillar.id) in self.place_pillar]
        return [(u, self.counts(self.place_pillar[("Province", u.id, pillar.id)]), Sub(u, "pillars", pillar.slug))
                for u in self.in_order(units, lang)]

    def agency_summary(self, agency: Agency, lang: str) -> list[tuple]:
        """(province, counts of the tasks it coordinates on there, its page there), as unit_summary."""
        rows = []
        for unit in self.in_order(self.agency_units(agency), lang):
            partnered = self.agency_unit[(agency.id, unit.id)][1]
            if partnered:
                rows.append((unit, self.counts(partnered), (Sub(agency, "provinces", unit.slug), "h-partnered")))
        return rows

    def agency_units(self, agency: Agency) -> list[Province]:
        """The current provinces where an agency leads or coordinates tasks, in Vietnamese order."""
        return [u for u in self.provinces.values() if (agency.id, u.id) in self.agency_unit]

    def agency_unit_tasks(self, agency: Agency, unit: Province) -> tuple[list, list]:
        led, partnered = self.agency_unit.get((agency.id, unit.id), ([], []))
        return self.urgent_first(led), self.urgent_first(partnered)

    def period_ended(self, plan: Plan):
        """For a plan whose period ended before this year with tasks not reported completed or
        cancelled: (open tasks, whether any of its tasks has a progress report). Else None."""
        if plan.period_to is None or plan.period_to >= self.as_of.year:
            return None
        tasks = self.tasks_by_plan.get(plan.id, _NONE)

        def make():
            open_tasks = [t for t in tasks if self.states[t.id].status not in ("completed", "cancelled")]
            if not open_tasks:
                return None
            return len(open_tasks), any(self.states[t.id].updates for t in tasks)
        return self._memo("ended", tasks, make, plan.period_to)

    def counts(self, tasks) -> Counts:
        # Every list page counts its lists (the home page, 100,000 tasks): loops in C.
        if type(tasks) is TaskList:
            return self._memo("counts", tasks, lambda: self._counted(tasks))
        return self._counted(tasks)

    def _counted(self, tasks) -> Counts:
        derived = self._derived()
        ids = tuple(map(_ID, tasks))
        large = len(ids) >= COUNTS_KEPT_FROM
        if large and ("counts", ids) in derived:
            return derived[("counts", ids)]   # the same list on the other language's page
        tally = Counter(map(derived["status"].__getitem__, ids))
        overdue = sum(map(derived["overdue"].__contains__, ids))
        counts = Counts(tuple((s.key, tally[s.key]) for s in STATUSES), len(ids), overdue)
        if large:
            derived[("counts", ids)] = counts
        return counts

    def overdue(self, tasks) -> list[Task]:
        return self._by_deadline(tasks, "overdue")

    def upcoming(self, tasks) -> list[Task]:
        return self._by_deadline(tasks, "upcoming")

    def _by_deadline(self, tasks, which: str) -> list[Task]:
        """The overdue or upcoming ones of these tasks, soonest deadline first."""
        def make():
            chosen = sorted(compress(tasks, map(self._derived()[which].__contains__, map(_ID, tasks))),
                            key=_DEADLINE_ORDER)
            return tasks.made(chosen, which) if type(tasks) is TaskList else chosen
        if type(tasks) is not TaskList:
            tasks = list(tasks)
        return self._memo(which, tasks, make)

    @staticmethod
    def sections(tasks) -> list[tuple]:
        """A plan's tasks in plan order, grouped by consecutive section: [(section Text, [Task])]."""
        groups: list[tuple] = []
        for task in tasks:
            if not groups or groups[-1][0].vi != task.section.vi:
                groups.append((task.section, []))
            groups[-1][1].append(task)
        return groups

    def tasks_of_plans(self, plans) -> list[Task]:
        return [t for plan in plans for t in self.tasks_by_plan.get(plan.id, [])]

    def by_dimension(self, tasks) -> list[tuple[Pillar, list[Task]]]:
        """Tasks grouped under each index's dimensions (a task may serve several)."""
        ids = {t.id for t in tasks}
        groups = []
        for root in self.children.get(None, []):
            dims = self.children.get(root.id, [])
            if dims:
                direct = [t for t in tasks if root.id in t.pillars]
                if direct:
                    groups.append((root, direct))
            for dim in dims or [root]:
                members = [t for t in self.tasks_by_pillar.get(dim.id, []) if t.id in ids]
                if members:
                    groups.append((dim, members))
        return groups

    def by_province(self, tasks) -> list[tuple[Province, list[Task]]]:
        """Tasks grouped by the current provincial unit of their plan, in Vietnamese order."""
        groups: dict = {}
        for task in tasks:
            unit = self.current_unit(self.plans[task.plan])
            groups.setdefault(unit.id, []).append(task)
        return [(unit, groups[uid]) for uid, unit in self.provinces.items() if uid in groups]

    def comparison(self, pillar: Pillar, lang: str, years: int = 5) -> list[dict]:
        """For a PAPI dimension: each former province's scores in the last `years` years it was
        measured and its tasks on the dimension.

        Sorted weakest first on the latest year (then by name in the page's language), so a
        reader sees who works on their weak spots.
        """
        recent = [y for y in self.score_years if y >= (pillar.first_year or 0)][-years:]
        subs = self.children.get(pillar.id, [])
        tasks_by_place: dict = {}
        for t in self.tasks_by_pillar.get(pillar.id, []):
            tasks_by_place.setdefault(self.plan_place(self.plans[t.plan]).id, []).append(t)
        rows = []
        for former in self.former_provinces.values():
            own = tasks_by_place.get(former.id, [])
            scores = [(y, self.score_row(former.id, y)) for y in recent]
            values = [(y, r.score(pillar.id) if r else None) for y, r in scores]
            sub_counts = [(sub, sum(1 for t in own if sub.id in self.pillar_ids(t))) for sub in subs]
            rows.append({"province": former, "scores": values, "tasks": own, "subs": sub_counts})
        latest = lambda row: (row["scores"][-1][1] is None, row["scores"][-1][1] or 0)  # noqa: E731
        return sorted(rows, key=lambda row: (latest(row), self.sort_key(row["province"], lang)))

    def pillar_ids(self, task: Task) -> frozenset:
        """The pillars a task serves, with all their ancestors."""
        known = self.task_pillars.get(task.id)
        if known is not None:
            return known
        ids = set()
        for pid in task.pillars:
            node = self.pillars[pid]
            ids.add(node.id)
            while node.parent is not None:
                node = self.pillars[node.parent]
                ids.add(node.id)
        return frozenset(ids)

    def scores_of(self, former_id: str) -> tuple[ScoreRow, ...]:
        """A former province's rows of the (first) score table, by year."""
        return self.score_rows.get(former_id, ())

    def score_row(self, former_id: str, year: int) -> ScoreRow | None:
        return self.score_by_year.get((former_id, year))

    def all_updates(self) -> list[Update]:
        return sorted(self.content.of("update").values(), key=lambda u: (u.date, u.id), reverse=True)

    def latest_updates(self, n: int) -> list[Update]:
        """The n most recent progress updates dated up to the as-of date (later ones do not count yet)."""
        # The n largest, not a sort of all: 350,000 updates at 100,000 tasks, on every home page
        # (once for both languages).
        key = ("latest", n)
        if key not in self.derived:
            self.derived[key] = heapq.nlargest(
                n, (u for u in self.content.of("update").values() if u.date <= self.as_of), key=_UPDATE_ORDER)
        return list(self.derived[key])

    def latest_total(self, former_id: str) -> ScoreRow | None:
        """A former province's most recent score row with a total (all its dimensions published)."""
        for row in reversed(self.scores_of(former_id)):
            if row.total is not None:
                return row
        return None

    def overview(self, lang: str) -> list[tuple]:
        """The provinces with plans: (unit, counts of their tasks, [(former province, its latest
        score row with a total, or None)]), in the language's order. No rank: the published
        ranks are not reliable, and a merged unit has no PAPI score of its own."""
        rows = []
        for unit in self.in_order([self.provinces[u] for u in self.plans_by_province], lang):
            formers = self.in_order(self.predecessors.get(unit.id, []), lang)
            rows.append((unit, self.counts(self.place_tasks(unit)), [(f, self.latest_total(f.id)) for f in formers]))
        return rows


def _state(task: Task, updates: list[Update], as_of: dt.date) -> TaskState:
    updates = sorted((u for u in updates if u.date <= as_of), key=lambda u: (u.date, u.id))
    latest = updates[-1] if updates else None
    status = latest.status if latest else NO_PROGRESS
    percent = latest.percent if latest else None
    closed = status in ("completed", "cancelled")
    has_date = task.deadline.kind == "date"
    overdue = has_date and task.deadline.date < as_of and not closed
    upcoming = (has_date and not closed
                and as_of <= task.deadline.date <= as_of + dt.timedelta(days=UPCOMING_DAYS))
    return TaskState(task, tuple(updates), status, percent, overdue, upcoming)


_FAR = dt.date.max.toordinal()
_MISSING = object()
_NONE = TaskList(scope=("none",))   # no tasks: nothing is kept under its name
# Counts of lists this long are kept with the model (few lists, most of the counting).
COUNTS_KEPT_FROM = 1000
_ID = attrgetter("id")
_PLAN = attrgetter("plan")
_UPDATE_ORDER = attrgetter("date", "id")
_DEADLINE_ORDER = attrgetter("deadline.date", "id")   # (unique: tasks are never compared)
_FIRST = itemgetter(0)


def _urgency(task: Task, state: TaskState, position: int) -> tuple:
    """The sort key of urgent_first: overdue, then open with a date, open without, closed."""
    closed = state.status in ("completed", "cancelled")
    dated = task.deadline.kind == "date"
    rank = 0 if state.overdue else 3 if closed else 1 if dated else 2
    return (rank, task.deadline.date.toordinal() if dated else _FAR, position)


def _task_key(task: Task):
    return (task.plan, task.order, task.id)


def build_model(content: Content, as_of: dt.date) -> SiteModel:
    m = SiteModel(content, as_of)
    by_name = lambda r: vi_sort_key(r.name.vi)  # noqa: E731
    m.pillars = content.of("pillar")
    m.provinces = dict(sorted(content.of("province").items(), key=lambda kv: by_name(kv[1])))
    m.former_provinces = dict(sorted(content.of("former_province").items(), key=lambda kv: by_name(kv[1])))
    m.communes = dict(sorted(content.of("commune").items(), key=lambda kv: by_name(kv[1])))
    m.agencies = dict(sorted(content.of("agency").items(), key=lambda kv: by_name(kv[1])))
    m.plans = dict(sorted(content.of("plan").items(), key=lambda kv: (kv[1].date_issued, kv[0]), reverse=True))
    m.tasks = dict(sorted(content.of("task").items(), key=lambda kv: _task_key(kv[1])))

    updates_by_task = defaultdict(list)
    for update in content.of("update").values():
        updates_by_task[update.task].append(update)
    for tid, task in m.tasks.items():
        m.states[tid] = _state(task, updates_by_task[tid], as_of)
        m.tasks_by_plan.setdefault(task.plan, []).append(task)
        for agency in task.lead:
            m.tasks_led.setdefault(agency, []).append(task)
        for agency in task.partners:
            m.tasks_partnered.setdefault(agency, []).append(task)
        seen = set()
        for pid in task.pillars:
            node = m.pillars[pid]
            while True:
                if node.id not in seen:
                    m.tasks_by_pillar.setdefault(node.id, []).append(task)
                    seen.add(node.id)
                if node.parent is None:
                    break
                node = m.pillars[node.parent]

    pillar_order = lambda p: (p.order, p.id)  # noqa: E731
    for pillar in sorted(m.pillars.values(), key=pillar_order):
        m.children.setdefault(pillar.parent, []).append(pillar)

    for former in m.former_provinces.values():
        m.predecessors.setdefault(former.successor, []).append(former)
    for plan in m.plans.values():
        place = m.plan_place(plan)
        if isinstance(place, FormerProvince):
            m.plans_by_former.setdefault(place.id, []).append(plan)
        m.plans_by_province.setdefault(m.current_unit(plan).id, []).append(plan)
    for commune in m.communes.values():
        place = m.commune_place(commune)
        unit = m.provinces[place.successor] if isinstance(place, FormerProvince) else place
        m.communes_by_province.setdefault(unit.id, []).append(commune)
        if commune.successor:
            m.commune_predecessors.setdefault(commune.successor, []).append(commune)
    for agency in m.agencies.values():
        if agency.successor:
            m.agency_predecessors.setdefault(agency.successor, []).append(agency)
    for plan in m.plans.values():
        if plan.commune:
            m.plans_by_commune.setdefault(plan.commune, []).append(plan)
    m.pillar_order = [p for root in m.children.get(None, []) for p in _tree(m, root)]
    # The score table the pages show (the first, PAPI), indexed once: ScoreTable looks rows up by scanning.
    tables = content.scores.tables
    for row in tables[0].rows if tables else ():
        m.score_rows.setdefault(row.province, []).append(row)
        m.score_by_year[(row.province, row.year)] = row
    m.score_rows = {k: tuple(sorted(v, key=lambda r: r.year)) for k, v in m.score_rows.items()}
    m.score_years = tuple(sorted({year for _, year in m.score_by_year}))

    for position, (tid, task) in enumerate(m.tasks.items()):
        m.urgency[tid] = _urgency(task, m.states[tid], position)
        m.task_pillars[tid] = pillars = m.pillar_ids(task)
        plan = m.plans[task.plan]
        place = m.plan_place(plan)
        unit = m.current_unit(plan)
        places = [("Province", unit.id)]
        if isinstance(place, FormerProvince):
            places.append(("FormerProvince", place.id))
        if plan.commune:
            places.append(("Commune", plan.commune))
        for pid in pillars:
            for kind, place_id in places:
                m.place_pillar.setdefault((kind, place_id, pid), []).append(task)
        for agency in task.lead:
            m.agency_unit.setdefault((agency, unit.id), ([], []))[0].append(task)
        for agency in task.partners:
            m.agency_unit.setdefault((agency, unit.id), ([], []))[1].append(task)

    # Every list of tasks the pages count, sort and group, named (TaskList).
    m.all_tasks = TaskList(m.tasks.values(), ("all",))
    m.tasks_by_plan = {pid: TaskList(v, ("plan", pid)) for pid, v in m.tasks_by_plan.items()}
    m.tasks_by_pillar = {pid: TaskList(v, ("pillar", pid)) for pid, v in m.tasks_by_pillar.items()}
    m.tasks_led = {aid: TaskList(v, ("led", aid)) for aid, v in m.tasks_led.items()}
    m.tasks_partnered = {aid: TaskList(v, ("partnered", aid)) for aid, v in m.tasks_partnered.items()}
    m.place_pillar = {key: TaskList(v, ("pp", *key)) for key, v in m.place_pillar.items()}
    m.agency_unit = {key: tuple(TaskList(v, ("au", *key, i)) for i, v in enumerate(lists))
                     for key, lists in m.agency_unit.items()}
    for kind, plans_of in (("Province", m.plans_by_province), ("FormerProvince", m.plans_by_former),
                           ("Commune", m.plans_by_commune)):
        for place_id, plans in plans_of.items():
            m.tasks_by_place[(kind, place_id)] = TaskList(m.tasks_of_plans(plans), ("place", kind, place_id))

    en_key = lambda r: (fold(r.name.get("en")), r.name.get("en"), r.id)  # noqa: E731
    for lang, records in (("vi", None), ("en", en_key)):
        order = m.name_order[lang] = {}
        for kind in (m.provinces, m.former_provinces, m.communes, m.agencies):
            items = list(kind.values()) if records is None else sorted(kind.values(), key=records)
            for i, r in enumerate(items):
                order[(type(r).__name__, r.id)] = i
    return m


def _tree(m: SiteModel, pillar: Pillar) -> list[Pillar]:
    out = [pillar]
    for child in m.children.get(pillar.id, []):
        out += _tree(m, child)
    return out


def status_info(key: str):
    return BY_KEY[key]


__all__ = ["SiteModel", "TaskState", "Counts", "build_model", "Agency", "Province"]


# ------------------------------------------------------------ records replaced in place

# The fields of plans, tasks and updates that build_model reads, or that move a page (slug) or
# change what is translated: a record replaced by one that differs in other fields only (a
# title, a body, a deadline's wording, a source) leaves every index, order and state of the
# model as it was. (Methods read other fields too, but from the records, at render time.)
MODEL_FIELDS = {
    Plan: frozenset({"id", "slug", "source", "translated", "date_issued", "province", "commune"}),
    Task: frozenset({"id", "slug", "source", "translated", "plan", "pillars", "lead", "partners", "deadline", "order"}),
    Update: frozenset({"id", "slug", "source", "translated", "task", "date", "status", "percent"}),
}
# Of those, the fields that change only the task's state (status, overdue, upcoming) and its
# urgency: with_records_replaced makes both again for the tasks they belong to.
STATE_FIELDS = {
    Task: frozenset({"deadline"}),
    Update: frozenset({"date", "status", "percent"}),
}


PATCHES = ("bodies", "fields", "states")   # patch_kind's answers, each a wider patch


def patch_kind(old, new) -> str | None:
    """How replacing `old` by `new` (adding `new`, a progress update, if `old` is None) changes
    a model, for with_records_replaced: "bodies" (only bodies differ), "fields" (no index of
    the model changes: a title, a source), "states" (tasks' states and urgency change: a status,
    a date, a deadline, an added update), or None (a relation, an order or a slug: the model
    is made again)."""
    if old is None:
        return "states" if isinstance(new, Update) else None
    if type(old) is not type(new) or type(old) not in MODEL_FIELDS:
        return None
    changed = {f.name for f in fields(old) if getattr(old, f.name) != getattr(new, f.name)}
    if changed <= {"body"}:
        return "bodies"
    read = changed & MODEL_FIELDS[type(old)]
    if not read:
        return "fields"
    return "states" if read <= STATE_FIELDS.get(type(old), frozenset()) else None


_LEAVES = (str, int, float, bool, type(None), dt.date, frozenset)
_FIELD_NAMES: dict = {}
# Fields of SiteModel that hold no plan, task or update (the records an edit can replace in
# place), or that with_records_replaced makes itself; a field not named here is walked.
_NO_PLANS_TASKS_OR_UPDATES = frozenset({
    "content", "states", "as_of", "pillars", "provinces", "former_provinces", "communes", "agencies",
    "predecessors", "children", "communes_by_province", "commune_predecessors", "agency_predecessors",
    "task_pillars", "urgency", "name_order", "pillar_order", "score_rows", "score_by_year", "score_years", "derived"})


def with_records_replaced(model: SiteModel, content: Content, edited: list[tuple[object, object]],
                          places: dict | None = None) -> SiteModel:
    """The model of `content`, made from `model` when the only change is that some records
    were replaced by records that differ from them in fields build_model does not read, or
    reads only for tasks' states (patch_kind; the dev server, after a title, a body,
    a status or a deadline was edited, or a progress update added; old is None for an added
    one): every index keeps its keys and order, and holds the new objects instead of the old
    ones; the states and urgency of the tasks concerned are made again. Equal to
    build_model(content, as_of), at a fraction of its cost, since no relation or order can
    have changed.

    Only the containers on the way to each edited record are copied, found by `places`
    (record_places of this model, or of one it was patched from: they share every place;
    made here if not given)."""
    patched = copy.copy(model)
    if places is None:
        places = record_places(model)
    trie: dict = {}
    for old, new in edited:
        if old is None:
            continue   # an added update: only in the content and its task's state
        for path in places.get((type(old).__name__, old.id), ()):
            node = trie
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = _Put(new)
    for name, below in trie.items():
        setattr(patched, name, _rebuilt(getattr(model, name), below))
    patched.content = content
    # A task's state holds it and its updates: only the edited tasks' states change, and with
    # them their urgency. (A state holds the updates dated up to the as-of date: an edited one
    # may enter or leave it.)
    swaps = {id(old): new for old, new in edited if old is not None}
    tasks = {new.id for _, new in edited if isinstance(new, Task)} | {new.task for _, new in edited if isinstance(new, Update)}
    updates = defaultdict(list)
    for _, new in edited:
        if isinstance(new, Update):
            updates[new.task].append(new)
    patched.states, patched.urgency = dict(model.states), dict(model.urgency)
    for tid in tasks:
        state = model.states[tid]
        ids = {u.id for u in updates[tid]}
        task = swaps.get(id(state.task), state.task)
        patched.states[tid] = _state(task, [u for u in state.updates if u.id not in ids] + updates[tid], model.as_of)
        patched.urgency[tid] = _urgency(task, patched.states[tid], model.urgency[tid][2])
    # What was made from the lists holding an edited task (base -> the edited tasks it holds) is
    # patched or made again; from an edited plan's (None), made again.
    stale: dict = {}
    for tid in tasks:
        for path in places.get(("Task", tid), ()):
            holder = _at(model, path[:-1])
            if type(holder) is TaskList:
                stale.setdefault(holder.base, set()).add(tid)
    stale |= {("plan", new.id): None for _, new in edited if isinstance(new, Plan)}
    patched.derived = _derived_patched(model.derived, patched.states, tasks, edited, model.as_of, stale)
    return patched


def _at(model: SiteModel, path: tuple):
    value = getattr(model, path[0])
    for key in path[1:]:
        value = _child(value, key)
    return value


def _derived_patched(derived: dict, states: dict, tasks: set, edited: list, as_of: dt.date,
                     stale: dict) -> dict:
    """SiteModel.derived of a model whose tasks `tasks` changed state (and nothing else), from
    that of the model it was patched from; made afresh on first use if that had none.

    What was made from TaskLists is kept, but for the lists of `stale` (base -> the edited tasks
    it holds, or None): of those, a list's counts and its overdue and upcoming tasks are patched
    (a national list's are the costliest to make again: 100,000 tasks), the rest made again."""
    out = {}
    if "memo" in derived:
        memo = out["memo"] = {}
        for base, entries in derived["memo"].items():
            held = stale.get(base, _MISSING)
            if held is _MISSING:
                memo[base] = entries
            elif held is not None:
                kept = {}
                for key in (("counts", base), ("overdue", base), ("upcoming", base)):
                    made = entries.get(key, _MISSING)
                    if made is not _MISSING:
                        kept[key] = (_recounted(made, held, derived, states) if key[0] == "counts"
                                     else _redated(made, held, key[0], states))
                memo[base] = kept
    # The latest progress updates (the home page): otherwise a pass over every update, 69 ms at
    # 100,000 tasks (bench/latest_updates.py). Unless an edited update was among them (then the
    # next one may come in from anywhere), the latest of the new set are the latest of the kept
    # ones and the edited ones.
    replaced = {old.id for old, _ in edited if isinstance(old, Update)}
    added = [new for _, new in edited if isinstance(new, Update) and new.date <= as_of]
    for key, latest in derived.items():
        if type(key) is tuple and key[0] == "latest" and not replaced & {u.id for u in latest}:
            out[key] = heapq.nlargest(key[1], latest + added, key=_UPDATE_ORDER)
    if "unit" in derived:
        out["unit"] = derived["unit"]   # relations did not change
    if "warm" in derived:
        out["warm"] = derived["warm"]   # (BuildSession.prepare: the national pages' entries were made)
    if "status" in derived:
        out["status"] = derived["status"] | {tid: states[tid].status for tid in tasks}
        for name in ("overdue", "upcoming"):
            now = {tid for tid in tasks if getattr(states[tid], name)}
            out[name] = (derived[name] - tasks) | now
    return out


def _recounted(counts: Counts, tids, derived: dict, states: dict) -> Counts:
    """Counts of a list holding the tasks `tids`, after their states changed (derived: the
    previous model's, with their previous statuses)."""
    by_status, overdue = dict(counts.by_status), counts.overdue
    for tid in tids:
        by_status[derived["status"][tid]] -= 1
        by_status[states[tid].status] += 1
        overdue += states[tid].overdue - (tid in derived["overdue"])
    return Counts(tuple((key, by_status[key]) for key, _ in counts.by_status), counts.total, overdue)


def _redated(tasks: TaskList, tids, which: str, states: dict) -> TaskList:
    """A list's overdue or upcoming tasks (SiteModel._by_deadline), after the tasks `tids` of it
    changed: taken out, and put back in their places if they still are."""
    kept = [t for t in tasks if t.id not in tids]
    for tid in tids:
        if getattr(states[tid], which):
            bisect.insort(kept, states[tid].task, key=_DEADLINE_ORDER)
    return TaskList(kept, tasks.scope, tasks.base)


_EDITABLE = (Plan, Task, Update)


@dataclass(frozen=True)
class _Put:
    record: object


def record_places(model: SiteModel) -> dict[tuple[str, str], list[tuple]]:
    """Where each plan, task and update sits in the model's containers: (type, id) -> paths of
    keys, indexes and field names from a field of the model. One walk of the model; a
    record replaced in place changes no place, so the same places serve every model patched
    from it."""
    places: defaultdict = defaultdict(list)
    for f in fields(model):
        if f.name not in _NO_PLANS_TASKS_OR_UPDATES:
            _walk(getattr(model, f.name), (f.name,), places)
    return dict(places)


def _walk(value, path: tuple, places: defaultdict) -> None:
    kind = type(value)
    if kind in _LEAVES:
        return
    if isinstance(value, _EDITABLE):
        places[(kind.__name__, value.id)].append(path)
    elif isinstance(value, Record):
        return
    elif kind is dict:
        for key, item in value.items():
            if type(item) not in _LEAVES:
                _walk(item, path + (key,), places)
    elif kind is list or kind is tuple or kind is TaskList:
        for index, item in enumerate(value):
            if type(item) not in _LEAVES:
                _walk(item, path + (index,), places)
    elif is_dataclass(value):
        names = _FIELD_NAMES.get(kind) or _FIELD_NAMES.setdefault(kind, tuple(f.name for f in fields(value)))
        for name in names:
            _walk(getattr(value, name), path + (name,), places)


def _rebuilt(value, below: dict):
    """A copy of a container with the records of `below` (key -> _Put or the same one level
    down) put in; only the containers on the way are copied."""
    def put(key, item):
        return item.record if type(item) is _Put else _rebuilt(_child(value, key), item)
    if type(value) in (dict, list, TaskList):
        out = TaskList(value, value.scope, value.base) if type(value) is TaskList else value.copy()
        for key, item in below.items():
            out[key] = put(key, item)
        return out
    if type(value) is tuple:
        out = list(value)
        for key, item in below.items():
            out[key] = put(key, item)
        return tuple(out)
    return replace(value, **{key: put(key, item) for key, item in below.items()})   # a frozen dataclass


def _child(value, key):
    return value[key] if type(value) in (dict, list, tuple) else getattr(value, key)
