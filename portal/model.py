"""Stage 2: the site model. Relations, derived statuses and rollups, computed once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .load import Content
from .records import Agency, Commune, FormerProvince, Pillar, Plan, Province, Task, Update
from .scores import ScoreRow
from .status import BY_KEY, NO_PROGRESS, STATUSES
from .text import vi_sort_key

UPCOMING_DAYS = 90


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
    states: dict = field(default_factory=dict)           # task id -> TaskState
    tasks_by_plan: dict = field(default_factory=dict)    # plan id -> [Task]
    plans_by_former: dict = field(default_factory=dict)  # former province id -> [Plan]
    plans_by_province: dict = field(default_factory=dict)  # current unit -> [Plan] (own and predecessors')
    predecessors: dict = field(default_factory=dict)     # current unit -> [FormerProvince]
    children: dict = field(default_factory=dict)         # pillar id -> [Pillar]
    tasks_by_pillar: dict = field(default_factory=dict)  # pillar id -> [Task] (itself and descendants)
    tasks_led: dict = field(default_factory=dict)        # agency id -> [Task]
    tasks_partnered: dict = field(default_factory=dict)  # agency id -> [Task]
    communes_by_province: dict = field(default_factory=dict)

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

    def counts(self, tasks) -> Counts:
        tally = defaultdict(int)
        overdue = 0
        for task in tasks:
            state = self.states[task.id]
            tally[state.status] += 1
            overdue += state.overdue
        total = sum(tally.values())
        return Counts(tuple((s.key, tally[s.key]) for s in STATUSES), total, overdue)

    def overdue(self, tasks) -> list[Task]:
        return sorted((t for t in tasks if self.states[t.id].overdue), key=lambda t: (t.deadline.date, t.id))

    def upcoming(self, tasks) -> list[Task]:
        return sorted((t for t in tasks if self.states[t.id].upcoming), key=lambda t: (t.deadline.date, t.id))

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

    def comparison(self, pillar: Pillar, years: int = 3) -> list[dict]:
        """For a PAPI dimension: each former province's recent scores and its tasks on the dimension.

        Sorted weakest first on the latest year, so a reader sees who works on their weak spots.
        """
        recent = self.content.scores.years[-years:]
        subs = self.children.get(pillar.id, [])
        tasks_by_place: dict = {}
        for t in self.tasks_by_pillar.get(pillar.id, []):
            tasks_by_place.setdefault(self.plan_place(self.plans[t.plan]).id, []).append(t)
        rows = []
        for former in self.former_provinces.values():
            own = tasks_by_place.get(former.id, [])
            scores = [(y, (self.content.scores.get(former.id, y) or None)) for y in recent]
            values = [(y, r.score(pillar.id) if r else None) for y, r in scores]
            sub_counts = [(sub, sum(1 for t in own if sub.id in self.pillar_ids(t))) for sub in subs]
            rows.append({"province": former, "scores": values, "tasks": own, "subs": sub_counts})
        latest = lambda row: (row["scores"][-1][1] is None, row["scores"][-1][1] or 0)  # noqa: E731
        return sorted(rows, key=lambda row: (latest(row), vi_sort_key(row["province"].name.vi)))

    def pillar_ids(self, task: Task) -> frozenset:
        """The pillars a task serves, with all their ancestors."""
        ids = set()
        for pid in task.pillars:
            node = self.pillars[pid]
            ids.add(node.id)
            while node.parent is not None:
                node = self.pillars[node.parent]
                ids.add(node.id)
        return frozenset(ids)

    def scores_of(self, former_id: str) -> tuple[ScoreRow, ...]:
        return self.content.scores.for_province(former_id)

    def all_updates(self) -> list[Update]:
        return sorted(self.content.of("update").values(), key=lambda u: (u.date, u.id), reverse=True)


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
    return m


def status_info(key: str):
    return BY_KEY[key]


__all__ = ["SiteModel", "TaskState", "Counts", "build_model", "Agency", "Province"]
