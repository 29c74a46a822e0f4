"""Open data: the tables behind the pages, as CSV (UTF-8 with BOM, for Excel) and JSON.

Every field is described here once, in both languages; the data page is generated from
these descriptions, so the documentation cannot drift from the files.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .model import SiteModel
from .records import FormerProvince
from .routes import path_of
from .scores import DIMENSIONS

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Column:
    name: str
    vi: str
    en: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title_vi: str
    title_en: str
    columns: tuple[Column, ...]


C = Column
TASKS = Dataset("tasks", "Nhiệm vụ", "Tasks", (
    C("id", "Mã nhiệm vụ", "Task id"),
    C("plan", "Mã kế hoạch", "Plan id"),
    C("province", "Tỉnh khi ban hành kế hoạch (mã)", "Province when the plan was issued (id)"),
    C("province_now", "Đơn vị cấp tỉnh từ 1/7/2025 (mã)", "Provincial unit since 1 July 2025 (id)"),
    C("title", "Tên nhiệm vụ", "Task title"),
    C("section", "Mục trong kế hoạch", "Section of the plan"),
    C("pillars", "Chỉ số phục vụ (mã, cách nhau bởi ;)", "Indices served (ids separated by ;)"),
    C("lead", "Cơ quan chủ trì (tên, cách nhau bởi ;)", "Lead agencies (names separated by ;)"),
    C("partners", "Cơ quan phối hợp (tên, cách nhau bởi ;)", "Coordinating agencies (names separated by ;)"),
    C("deadline", "Thời hạn: YYYY-MM-DD, ongoing (thường xuyên) hoặc none (không nêu)",
      "Deadline: YYYY-MM-DD, ongoing or none (not stated)"),
    C("status", "Tình trạng theo cập nhật gần nhất; no-progress = chưa có báo cáo",
      "Status from the latest update; no-progress = nothing reported"),
    C("percent", "Phần trăm hoàn thành theo cập nhật gần nhất (nếu nguồn nêu)", "Percent complete in the latest update, if stated"),
    C("overdue", "true nếu đã quá hạn và chưa hoàn thành tại ngày tính", "true if past its deadline and not completed on the as-of date"),
    C("url", "Trang của nhiệm vụ", "The task's page"),
))
PLANS = Dataset("plans", "Kế hoạch", "Plans", (
    C("id", "Mã kế hoạch", "Plan id"),
    C("number", "Số hiệu (trống nếu văn bản nguồn không ghi)", "Document number (empty if the source does not give it)"),
    C("title", "Tên kế hoạch", "Title"),
    C("issuer", "Cơ quan ban hành", "Issuing body"),
    C("level", "Cấp: province, district, commune", "Level: province, district, commune"),
    C("province", "Tỉnh khi ban hành (mã)", "Province when issued (id)"),
    C("province_now", "Đơn vị cấp tỉnh từ 1/7/2025 (mã)", "Provincial unit since 1 July 2025 (id)"),
    C("commune", "Xã, phường (mã, nếu có)", "Commune or ward (id, if any)"),
    C("date_issued", "Ngày ban hành", "Date issued"),
    C("signer", "Người ký", "Signatory"),
    C("period_from", "Năm bắt đầu", "First year"),
    C("period_to", "Năm kết thúc (trống: không có hạn cuối)", "Last year (empty: open-ended)"),
    C("frameworks", "Bộ chỉ số (mã, cách nhau bởi ;)", "Indices (ids separated by ;)"),
    C("source_document", "Văn bản nguồn", "Source document"),
    C("source_url", "Địa chỉ văn bản nguồn", "Source address"),
    C("source_complete", "false nếu văn bản nguồn không đầy đủ", "false if the source text is incomplete"),
    C("tasks", "Số nhiệm vụ", "Number of tasks"),
    C("url", "Trang của kế hoạch", "The plan's page"),
))
UPDATES = Dataset("updates", "Cập nhật tiến độ", "Progress updates", (
    C("id", "Mã cập nhật", "Update id"),
    C("task", "Mã nhiệm vụ", "Task id"),
    C("date", "Ngày", "Date"),
    C("status", "Tình trạng", "Status"),
    C("percent", "Phần trăm hoàn thành (nếu nguồn nêu)", "Percent complete (if stated)"),
    C("source", "Nguồn", "Source"),
    C("source_url", "Địa chỉ nguồn", "Source address"),
    C("note", "Ghi chú (Markdown)", "Note (Markdown)"),
))
SCORES = Dataset("scores", "Điểm PAPI", "PAPI scores", (
    C("province", "Tỉnh trước 1/7/2025 (mã)", "Province before 1 July 2025 (id)"),
    C("province_name", "Tên tỉnh", "Province name"),
    C("year", "Năm", "Year"),
    *(C(d, f"Điểm chỉ số nội dung {d[-1]} (1–10; trống: không công bố)", f"Dimension {d[-1]} score (1–10; empty: not published)")
      for d in DIMENSIONS),
    C("total", "Tổng các chỉ số nội dung của năm (trống nếu thiếu); tối đa 60 đến 2017, 80 từ 2018",
      "Sum of the year's dimensions (empty if any is missing); out of 60 until 2017, 80 from 2018"),
    C("total_official", "Tổng điểm như công bố chính thức (2019–2024)", "Total as officially published (2019–2024)"),
))
DATASETS = (PLANS, TASKS, UPDATES, SCORES)


def _csv(dataset: Dataset, rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in dataset.columns])
    for row in rows:
        writer.writerow(["" if row[c.name] is None else row[c.name] for c in dataset.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _json(dataset: Dataset, rows: list[dict], as_of: str, lang: str) -> bytes:
    document = {"dataset": dataset.name, "as_of": as_of, "language": lang, "licence": LICENCE_URL, "rows": rows}
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _fmt(value) -> str | None:
    if value is None:
        return None
    return f"{value:.6g}" if isinstance(value, float) else value


def rows(model: SiteModel, dataset: Dataset, lang: str, base: str = "/", plan_id: str | None = None) -> list[dict]:
    def url(target):
        return base + path_of(target, lang)

    if dataset is TASKS:
        out = []
        for task in model.tasks.values():
            if plan_id and task.plan != plan_id:
                continue
            state = model.states[task.id]
            plan = model.plans[task.plan]
            out.append({
                "id": task.id, "plan": task.plan, "province": plan.province,
                "province_now": model.current_unit(plan).id, "title": task.title.get(lang),
                "section": task.section.get(lang), "pillars": ";".join(task.pillars),
                "lead": ";".join(model.agencies[a].name.get(lang) for a in task.lead),
                "partners": ";".join(model.agencies[a].name.get(lang) for a in task.partners),
                "deadline": task.deadline.date.isoformat() if task.deadline.date else task.deadline.kind,
                "status": state.status, "percent": state.percent, "overdue": "true" if state.overdue else "false",
                "url": url(task),
            })
        return out
    if dataset is PLANS:
        return [{
            "id": p.id, "number": p.number, "title": p.title.get(lang), "issuer": p.issuer.get(lang),
            "level": p.level, "province": p.province, "province_now": model.current_unit(p).id,
            "commune": p.commune, "date_issued": p.date_issued.isoformat(), "signer": p.signer,
            "period_from": p.period_from, "period_to": p.period_to, "frameworks": ";".join(p.frameworks),
            "source_document": p.source_document.get(lang), "source_url": p.source_url,
            "source_complete": "true" if p.source_complete else "false",
            "tasks": len(model.tasks_by_plan.get(p.id, [])), "url": url(p),
        } for p in sorted(model.plans.values(), key=lambda p: p.id)]
    if dataset is UPDATES:
        return [{
            "id": u.id, "task": u.task, "date": u.date.isoformat(), "status": u.status, "percent": u.percent,
            "source": u.source_text.get(lang), "source_url": u.source_url, "note": u.body.get(lang),
        } for u in sorted(model.content.of("update").values(), key=lambda u: (u.date, u.id))]
    if dataset is SCORES:
        names = model.former_provinces
        out = []
        for r in model.content.scores.rows:
            row = {"province": r.province, "province_name": names[r.province].name.get(lang), "year": r.year}
            for d in DIMENSIONS:
                row[d] = _fmt(r.score(d))
            row["total"] = _fmt(r.total)
            row["total_official"] = _fmt(r.total_official)
            out.append(row)
        return out
    raise ValueError(dataset.name)


def data_files(model: SiteModel, base: str) -> dict[str, bytes]:
    as_of = model.as_of.isoformat()
    files: dict[str, bytes] = {}
    for lang in ("vi", "en"):
        for dataset in DATASETS:
            table = rows(model, dataset, lang, base)
            files[f"data/{lang}/{dataset.name}.csv"] = _csv(dataset, table)
            files[f"data/{lang}/{dataset.name}.json"] = _json(dataset, table, as_of, lang)
        for plan in model.plans.values():
            files[f"data/{lang}/plans/{plan.slug}.csv"] = _csv(TASKS, rows(model, TASKS, lang, base, plan.id))
    return files


__all__ = ["DATASETS", "data_files", "rows", "FormerProvince"]
