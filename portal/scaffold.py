"""`python build.py new plan|task|update …`: write a new content file with every field explained.

Required fields the command cannot know are written as `TODO: …` values, which the
validator refuses until they are replaced; optional fields are written commented out.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .schema import KINDS, FieldSpec
from .text import slugify

TODO = "TODO"


class ScaffoldError(Exception):
    pass


def _yaml_value(value: str) -> str:
    """Quote a value unless YAML would read it back as the same text."""
    if value.startswith("[") or re.fullmatch(r"[\w\-/.]+", value):
        return value
    return '"' + value.replace('"', '\\"') + '"'


def _field_lines(spec: FieldSpec, value: str | None) -> list[str]:
    lines = [f"# {spec.doc_vi}", f"# {spec.doc_en}"]
    if value is not None:
        lines.append(f"{spec.name}: {_yaml_value(value)}")
    elif spec.required:
        lines.append(f'{spec.name}: "{TODO}: {spec.example}"')
    else:
        lines.append(f"# {spec.name}: {spec.example}")
    return lines


def render_file(kind: str, known: dict[str, str], body: str) -> str:
    spec = KINDS[kind]
    out = ["---"]
    for field in spec.fields:
        if field.name == "slug":
            continue
        out += _field_lines(field, known.get(field.name))
        out.append("")
    out[-1] = "---"
    return "\n".join(out) + "\n" + body + "\n"


def _write(path: Path, text: str) -> Path:
    if path.exists():
        raise ScaffoldError(f"{path} already exists; not overwriting it (choose another name or edit that file)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:  # "x": never replace a file created meanwhile
        f.write(text)
    return path


def _check_slug(name: str, what: str) -> str:
    slug = slugify(name)
    if not slug or slug != name:
        raise ScaffoldError(f"{what} {name!r} is not a valid id; use lowercase letters, digits and hyphens, e.g. "
                            f"{slug or 'ke-hoach-2026'!r} (ids are lowercase ASCII: no diacritics, capitals or spaces)")
    return slug


def new_plan(content: Path, plan_id: str, province: str | None) -> Path:
    plan_id = _check_slug(plan_id, "plan id")
    known = {"level": "province", "frameworks": "[papi]"}
    if province:
        known["province"] = province
    body = f"{TODO}: nội dung kế hoạch (Markdown) — the plan's text, as published."
    return _write(content / "plans" / f"{plan_id}.md", render_file("plan", known, body))


def new_task(content: Path, plan_id: str, name: str) -> Path:
    if not (content / "plans" / f"{plan_id}.md").is_file():
        raise ScaffoldError(f"no plan {plan_id!r} in {content / 'plans'}; create it first with: python build.py new plan {plan_id}")
    name = _check_slug(name, "task name")
    existing = sorted((content / "tasks" / plan_id).glob("*.md")) if (content / "tasks" / plan_id).is_dir() else []
    order = sum(1 for p in existing if not p.name.endswith(".en.md")) + 1
    body = f"{TODO}: mô tả nhiệm vụ đúng như kế hoạch — the task as the plan words it."
    known = {"plan": plan_id, "order": str(order)}
    return _write(content / "tasks" / plan_id / f"{name}.md", render_file("task", known, body))


def new_update(content: Path, task_id: str, date: dt.date) -> Path:
    """A second update of the same task on the same day is numbered: <date>-<task>-2.md, -3, …"""
    if "/" not in task_id or not (content / "tasks" / f"{task_id}.md").is_file():
        raise ScaffoldError(f"no task {task_id!r}; give its id as plan/name, e.g. ca-mau-117-2024/05-ra-soat-ho-ngheo")
    plan_id, name = task_id.split("/", 1)
    known = {"task": task_id, "date": date.isoformat()}
    body = f"{TODO}: ghi chú tiến độ theo nguồn — what the source says about progress."
    text = render_file("update", known, body)
    folder = content / "updates" / plan_id
    stem = f"{date.isoformat()}-{name}"
    for n in range(1, 1000):
        path = folder / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        if path.exists():
            continue
        try:
            return _write(path, text)
        except FileExistsError:   # created meanwhile: take the next number
            continue
    raise ScaffoldError(f"{folder / stem}-*.md: too many updates of {task_id} on {date.isoformat()}")
