"""Open data: the tables behind the pages, as CSV (UTF-8 with BOM, for Excel) and typed JSON.

Every dataset and field is defined here once, in both languages. The files are written
from these definitions and the data page (layouts/data.html) documents them from the same
definitions, so the documentation cannot drift from the files.

Files, per language (vi, en):

    data/<lang>/<dataset>.csv|json                  plans, tasks, updates, one per score table
    data/<lang>/<section>/<slug>.csv|json           the tasks shown on a plan, province, former
                                                    province, pillar or agency page
    data/<lang>/former-provinces/<slug>.<table>.csv|json   a former province's scores

A JSON file is one object: the WRAPPER fields, with the rows in "rows". A CSV file has the
same rows, flattened: an {id, name} object becomes two columns (x, x_name), a list of them
two columns of values separated by ";" (x, x_names); true/false; an empty cell is null.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from .feeds import calendar_path, feed_path, has_calendar
from .model import SiteModel
from .records import Agency, FormerProvince, Pillar, Plan, Province, Record, Task
from .routes import SECTIONS, path_of, update_anchor
from .status import STATUSES

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Words:
    """A text of the data page or of a definition, in both languages."""
    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class FieldType:
    key: str
    json: Words                   # the JSON type, as the data page names it
    csv_suffixes: tuple[str, ...]  # the CSV columns a field of this type becomes: name + suffix


W = Words
TEXT = FieldType("text", W("chuỗi", "string"), ("",))
CODE = FieldType("code", W("chuỗi (mã)", "string (code)"), ("",))
DATE = FieldType("date", W("chuỗi YYYY-MM-DD", "string YYYY-MM-DD"), ("",))
INTEGER = FieldType("integer", W("số nguyên", "integer"), ("",))
NUMBER = FieldType("number", W("số", "number"), ("",))
BOOLEAN = FieldType("boolean", W("true / false", "true / false"), ("",))
URL = FieldType("url", W("chuỗi (địa chỉ)", "string (address)"), ("",))
REF = FieldType("ref", W("đối tượng {id, name}", "object {id, name}"), ("", "_name"))
REFS = FieldType("refs", W("mảng các {id, name}", "array of {id, name}"), ("", "_names"))
OBJECT = FieldType("object", W("đối tượng", "object"), ())       # JSON only: the file's wrapper
ARRAY = FieldType("array", W("mảng", "array"), ())


@dataclass(frozen=True)
class Field:
    name: str                     # the JSON key; the CSV column (or first of two)
    type: FieldType
    meaning: Words
    nullable: bool = False        # JSON null, an empty CSV cell: not stated, not published

    @property
    def csv_columns(self) -> tuple[str, ...]:
        return tuple(self.name + suffix for suffix in self.type.csv_suffixes)

    def json_type(self, lang: str) -> str:
        text = self.type.json.get(lang)
        return text + (" hoặc null" if lang == "vi" else " or null") if self.nullable else text


@dataclass(frozen=True)
class Dataset:
    name: str                     # file name: data/<lang>/<name>.csv
    kind: str                     # "plans", "tasks", "updates" or "scores": how its rows are made
    title: Words
    about: Words
    fields: tuple[Field, ...]
    source: Words | None = None
    source_url: str | None = None
    index: str | None = None      # scores: the pillar id of the index

    @property
    def csv_columns(self) -> tuple[str, ...]:
        return tuple(c for f in self.fields for c in f.csv_columns)


F = Field
ID_NOTE = W("Mã: đường dẫn của tệp nội dung, không đổi khi sửa nội dung", "Id: the content file's path; stable when the content is edited")
PROVINCE_AT_ISSUE = W(
    "Tỉnh khi ban hành kế hoạch: một trong 63 tỉnh cũ (content/former-provinces/) nếu ban hành trước 1/7/2025, "
    "nếu không thì một trong 34 đơn vị hiện nay",
    "Province when the plan was issued: one of the 63 former provinces (content/former-provinces/) if issued before "
    "1 July 2025, otherwise one of the 34 current units")
PROVINCE_NOW = W("Đơn vị cấp tỉnh từ 1/7/2025 (34 đơn vị)", "Provincial unit since 1 July 2025 (one of 34)")
STATUS_CODES = W("mã tình trạng, xem bảng Tình trạng", "status code, see Statuses")

PLANS = Dataset("plans", "plans", W("Kế hoạch", "Plans"), W(
    "Mỗi dòng một kế hoạch, chép từ văn bản nguồn.", "One row per plan, transcribed from its source document."), (
    F("id", TEXT, ID_NOTE),
    F("number", TEXT, W("Số hiệu văn bản", "Document number"), nullable=True),
    F("title", TEXT, W("Tên kế hoạch", "Title")),
    F("short_title", TEXT, W("Tên ngắn", "Short title")),
    F("issuer", TEXT, W("Cơ quan ban hành", "Issuing body")),
    F("level", CODE, W("Cấp: province, district hoặc commune", "Level: province, district or commune")),
    F("province", REF, PROVINCE_AT_ISSUE),
    F("province_now", REF, PROVINCE_NOW),
    F("commune", REF, W("Xã, phường (kế hoạch cấp xã)", "Commune or ward (commune-level plans)"), nullable=True),
    F("district", TEXT, W("Huyện, thị xã (trước 1/7/2025)", "District or town (before 1 July 2025)"), nullable=True),
    F("date_issued", DATE, W("Ngày ban hành", "Date issued")),
    F("signer", TEXT, W("Người ký (null: văn bản nguồn không ghi)", "Signatory (null: not in the source)"), nullable=True),
    F("period_from", INTEGER, W("Năm bắt đầu", "First year")),
    F("period_to", INTEGER, W("Năm kết thúc (null: không có hạn cuối)", "Last year (null: open-ended)"), nullable=True),
    F("frameworks", REFS, W("Bộ chỉ số kế hoạch nhắm tới", "Indices the plan aims at")),
    F("source_document", TEXT, W("Văn bản nguồn", "Source document")),
    F("source_url", URL, W("Địa chỉ văn bản nguồn", "Address of the source document"), nullable=True),
    F("source_complete", BOOLEAN, W("false nếu văn bản nguồn không đầy đủ", "false if the source text is incomplete")),
    F("tasks", INTEGER, W("Số nhiệm vụ", "Number of tasks")),
    F("tasks_overdue", INTEGER, W("Số nhiệm vụ quá hạn tại ngày tính", "Tasks overdue on the as-of date")),
    F("url", URL, W("Trang của kế hoạch", "The plan's page")),
), W("văn bản đã công bố của từng kế hoạch (source_document, source_url)",
     "each plan's published text (source_document, source_url)"))
TASKS = Dataset("tasks", "tasks", W("Nhiệm vụ", "Tasks"), W(
    "Mỗi dòng một nhiệm vụ, với tình trạng tính từ các cập nhật tiến độ có nguồn.",
    "One row per task, with its status derived from sourced progress updates."), (
    F("id", TEXT, ID_NOTE),
    F("title", TEXT, W("Tên nhiệm vụ", "Task title")),
    F("plan", REF, W("Kế hoạch (tên ngắn)", "Plan (short title)")),
    F("section", TEXT, W("Mục trong kế hoạch", "Section of the plan")),
    F("province", REF, PROVINCE_AT_ISSUE),
    F("province_now", REF, PROVINCE_NOW),
    F("pillars", REFS, W("Chỉ số, chỉ số nội dung hoặc nội dung thành phần mà nhiệm vụ phục vụ",
                         "Indices, dimensions or sub-dimensions the task serves")),
    F("lead", REFS, W("Cơ quan chủ trì", "Lead agencies")),
    F("partners", REFS, W("Cơ quan phối hợp", "Coordinating agencies")),
    F("deadline", DATE, W("Thời hạn (null: thường xuyên hoặc không nêu, xem deadline_kind)",
                          "Deadline (null: ongoing or not stated, see deadline_kind)"), nullable=True),
    F("deadline_kind", CODE, W("date (có ngày), ongoing (thường xuyên) hoặc none (kế hoạch không nêu)",
                               "date (a date), ongoing or none (the plan states none)")),
    F("deadline_text", TEXT, W("Thời hạn đúng như kế hoạch ghi", "The deadline as the plan words it"), nullable=True),
    F("status", CODE, W("Tình trạng theo cập nhật gần nhất đến ngày tính; " + STATUS_CODES.vi,
                        "Status from the latest update up to the as-of date; " + STATUS_CODES.en)),
    F("percent", INTEGER, W("Phần trăm hoàn thành theo cập nhật gần nhất, nếu nguồn nêu",
                            "Percent complete in the latest update, if the source states it"), nullable=True),
    F("last_update", DATE, W("Ngày của cập nhật gần nhất (null: chưa có)", "Date of the latest update (null: none)"), nullable=True),
    F("overdue", BOOLEAN, W("true nếu đã quá hạn mà chưa hoàn thành hoặc hủy tại ngày tính",
                            "true if past its deadline and neither completed nor cancelled on the as-of date")),
    F("url", URL, W("Trang của nhiệm vụ", "The task's page")),
), W("chép từ văn bản nguồn của kế hoạch (plans: source_document); tình trạng từ các cập nhật có nguồn (updates: source)",
     "transcribed from the plan's source document (plans: source_document); statuses from sourced updates (updates: source)"))
UPDATES = Dataset("updates", "updates", W("Cập nhật tiến độ", "Progress updates"), W(
    "Mỗi dòng một lần cập nhật tiến độ, với nguồn của nó.", "One row per progress update, with its source."), (
    F("id", TEXT, ID_NOTE),
    F("task", REF, W("Nhiệm vụ", "Task")),
    F("plan", REF, W("Kế hoạch (tên ngắn)", "Plan (short title)")),
    F("date", DATE, W("Ngày của thông tin", "Date of the information")),
    F("status", CODE, W("Tình trạng báo cáo; " + STATUS_CODES.vi, "Reported status; " + STATUS_CODES.en)),
    F("percent", INTEGER, W("Phần trăm hoàn thành, nếu nguồn nêu", "Percent complete, if the source states it"), nullable=True),
    F("source", TEXT, W("Nguồn thông tin", "Source of the information")),
    F("source_url", URL, W("Địa chỉ nguồn", "Address of the source"), nullable=True),
    F("note", TEXT, W("Ghi chú (Markdown)", "Note (Markdown)"), nullable=True),
    F("url", URL, W("Cập nhật trên trang của nhiệm vụ", "The update on its task's page")),
), W("nguồn riêng của từng cập nhật (source, source_url)", "each update's own source (source, source_url)"))
TASK_DATASETS = (PLANS, TASKS, UPDATES)

WRAPPER = (
    F("dataset", TEXT, W("Tên bộ dữ liệu (tên tệp)", "Dataset name (the file name)")),
    F("title", TEXT, W("Tên bộ dữ liệu", "Dataset title")),
    F("language", CODE, W("Ngôn ngữ của văn bản: vi hoặc en (chưa dịch thì giữ tiếng Việt)",
                          "Language of the text: vi or en (untranslated text stays Vietnamese)")),
    F("as_of", DATE, W("Ngày tính tình trạng và quá hạn", "Date statuses and overdue tasks are computed for")),
    F("licence", URL, W("Giấy phép (CC BY 4.0)", "Licence (CC BY 4.0)")),
    F("source", TEXT, W("Nguồn của số liệu", "Where the numbers come from"), nullable=True),
    F("source_url", URL, W("Địa chỉ nguồn", "Address of the source"), nullable=True),
    F("rows", ARRAY, W("Các dòng: mỗi dòng một đối tượng với các trường bên dưới",
                      "The rows: one object each, with the fields below")),
)
# Shown on the data page, each with the status label from the UI catalog.
STATUS_MEANINGS = {
    "no-progress": W("Chưa có cập nhật tiến độ có nguồn (chỉ ở nhiệm vụ; cổng không tự suy đoán tiến độ)",
                     "No sourced progress update yet (tasks only; the portal never guesses progress)"),
    "not-started": W("Nguồn cho biết chưa bắt đầu", "The source says it has not started"),
    "in-progress": W("Đang thực hiện", "Under way"),
    "completed": W("Đã hoàn thành theo nguồn", "Completed, according to the source"),
    "delayed": W("Chậm so với kế hoạch theo nguồn", "Behind schedule, according to the source"),
    "cancelled": W("Đã hủy hoặc không thực hiện", "Cancelled or dropped"),
}
assert set(STATUS_MEANINGS) == {s.key for s in STATUSES}, "every status has a meaning on the data page"

# The data page's own text (the catalog holds the page title, lead and licence sentence).
PAGE_TEXT = {
    "formats_heading": W("Định dạng", "Formats"),
    "csv": W("CSV: UTF-8 có BOM (Excel mở được ngay), phân cách bằng dấu phẩy, một dòng tiêu đề. Một đối tượng {id, name} "
             "thành hai cột x (mã) và x_name (tên); một danh sách thành hai cột x và x_names, các giá trị cách nhau bởi "
             "dấu ;. true/false cho có/không. Ô trống là không có giá trị (null trong JSON), không phải số 0. Văn bản bắt "
             "đầu bằng =, +, -, @ được ghi thêm dấu ' ở đầu để bảng tính không chạy nó như công thức (JSON giữ nguyên).",
             "CSV: UTF-8 with a BOM (Excel opens it directly), comma-separated, one header row. An {id, name} object "
             "becomes two columns, x (the id) and x_name (the name); a list becomes two columns, x and x_names, with "
             "values separated by ;. true/false for yes/no. An empty cell is a missing value (null in JSON), never zero. "
             "Text that begins with =, +, - or @ is written with a ' before it, so that a spreadsheet does not run it "
             "as a formula (JSON keeps it as written)."),
    "json": W("JSON: một đối tượng với các trường dưới đây; các dòng nằm trong rows, giá trị có kiểu: số, true/false, "
              "null khi không có, danh sách mã kèm tên.",
              "JSON: one object with the fields below; the rows are in rows, with typed values: numbers, true/false, "
              "null when missing, lists of ids with names."),
    "wrapper_caption": W("Các trường của tệp JSON", "Fields of a JSON file"),
    "pages_heading": W("Dữ liệu của từng trang", "Each page's data"),
    "pages": W("Trang của mỗi kế hoạch, tỉnh (hiện nay và trước 1/7/2025), chỉ số và cơ quan có liên kết tới dữ liệu "
               "của nó, cùng các cột như tệp đầy đủ: data/<ngôn ngữ>/<mục>/<mã>.csv chứa các nhiệm vụ trên "
               "trang (ví dụ data/vi/plans/<mã kế hoạch>.csv: các nhiệm vụ của một kế hoạch); "
               "data/<ngôn ngữ>/former-provinces/<mã>.<bảng điểm>.csv chứa điểm của một tỉnh cũ. "
               "Các tệp này chỉ có dạng CSV; dạng JSON có ở các tệp đầy đủ. Trang của một bộ chỉ số liên kết tới "
               "các tệp đầy đủ. Trang không có nhiệm vụ thì không có tệp.",
               "The page of every plan, province (current and before 1 July 2025), pillar and agency links to its "
               "data, with the same columns as the full files: data/<language>/<section>/<id>.csv holds the "
               "tasks shown on the page (e.g. data/en/plans/<plan id>.csv: the tasks of one plan); "
               "data/<language>/former-provinces/<id>.<score table>.csv holds one former province's scores. "
               "These are CSV only; JSON is in the full files. An index's page links the full files. "
               "A page without tasks has no file."),
    "status_heading": W("Tình trạng", "Statuses"),
    "status_code": W("Mã", "Code"),
    "status_label": W("Nhãn", "Label"),
    "json_key": W("Trường JSON", "JSON field"),
    "json_type": W("Kiểu JSON", "JSON type"),
    "csv_columns": W("Cột CSV", "CSV columns"),
    "files": W("Tệp", "Files"),
    "source": W("Nguồn", "Source"),
    "era": W("Năm đầu của giai đoạn: tổng điểm chỉ so sánh được trong cùng một giai đoạn",
             "First year of the era: totals are comparable only within one era"),
    "feeds": W("Mã mục (id) trong Atom là URI tag:, không đổi theo địa chỉ của trang: "
               "tag:papi-plans-portal,2024:<ngôn ngữ>/updates/<mã cập nhật>. Liên kết là địa chỉ đầy đủ khi trang "
               "được dựng với --base-url https://…; nếu không, chúng bắt đầu bằng đường dẫn gốc và tệp ghi xml:base. "
               "Ghi chú chưa dịch trong nguồn tiếng Anh được đánh dấu xml:lang=\"vi\". Lịch iCalendar chỉ có cho "
               "tỉnh có thời hạn sắp tới.",
               "Atom entry ids are tag: URIs that do not change with the site's address: "
               "tag:papi-plans-portal,2024:<language>/updates/<update id>. Links are full addresses when the site is "
               "built with --base-url https://…; otherwise they start with the site's path and the feed gives it as "
               "xml:base. Untranslated notes in the English feeds are marked xml:lang=\"vi\". A province has an "
               "iCalendar file only when it has upcoming deadlines."),
    "no_calendar": W("không có thời hạn sắp tới", "no upcoming deadlines"),
    "all_updates": W("Mọi cập nhật", "All updates"),
    "sitemap": W("sitemap.xml chỉ có khi trang được dựng với địa chỉ đầy đủ (--base-url https://…), vì giao thức "
                 "sitemap cần địa chỉ đầy đủ.",
                 "sitemap.xml exists only when the site is built with a full address (--base-url https://…): the "
                 "sitemap protocol requires fully qualified addresses."),
}


def text(key: str, lang: str) -> str:
    return PAGE_TEXT[key].get(lang)


# ---------------------------------------------------------------- score tables as datasets

def score_dataset(model: SiteModel, table) -> Dataset:
    index = model.pillars[table.index]
    short = index.short_name
    eras = table.declaration.eras
    low, high = table.declaration.scale
    era_words = "; ".join(f"{e.first_year}: {len(e.dimensions)}" for e in eras)
    fields = [
        F("province", REF, W("Tỉnh trước 1/7/2025 (content/former-provinces/)", "Province before 1 July 2025 (content/former-provinces/)")),
        F("year", INTEGER, W("Năm", "Year")),
        F("era", INTEGER, PAGE_TEXT["era"]),
    ]
    for dim in table.dimensions:
        pillar = model.pillars[dim]
        fields.append(F(dim, NUMBER, W(
            f"{pillar.code or dim}. {pillar.name.vi} ({low:g}–{high:g}; null: không công bố hoặc không đo năm đó)",
            f"{pillar.code or dim}. {pillar.name.get('en')} ({low:g}–{high:g}; null: not published or not measured that year)"),
            nullable=True))
    if table.declaration.total == "sum":
        fields.append(F("total", NUMBER, W(
            f"Tổng các chỉ số nội dung của giai đoạn (null nếu thiếu một chỉ số); số chỉ số theo giai đoạn: {era_words}",
            f"Sum of the era's dimensions (null if any is missing); dimensions per era: {era_words}"), nullable=True))
        fields.append(F("maximum", NUMBER, W("Tổng tối đa của giai đoạn", "Highest possible total in the era")))
    if table.declaration.official_total:
        fields.append(F("total_official", NUMBER, W("Tổng điểm như công bố chính thức", "Total as officially published"),
                        nullable=True))
    source = table.declaration.source
    return Dataset(table.name, "scores", W(f"Điểm {short.vi}", f"{short.get('en')} scores"), W(
        f"Mỗi dòng một tỉnh trong một năm. Bảng: content/data/{table.name}.csv.",
        f"One row per province and year. Table: content/data/{table.name}.csv."),
        tuple(fields), W(source, source) if source else None, table.declaration.source_url, table.index)


def datasets_of(model: SiteModel) -> tuple[Dataset, ...]:
    """Every dataset of the site: plans, tasks, updates, then one per score table."""
    return TASK_DATASETS + tuple(score_dataset(model, t) for t in model.content.scores.tables)


# ---------------------------------------------------------------- rows (JSON values)

def _ref(record, name, lang: str) -> dict:
    return {"id": record.id, "name": name.get(lang)}


def _or_none(value: str | None) -> str | None:
    return value if value else None


class _Rows:
    """Row values for one build and language."""

    def __init__(self, model: SiteModel, lang: str, base: str):
        self.m, self.lang, self.base = model, lang, base

    def url(self, target, anchor: str = "") -> str:
        return self.base + path_of(target, self.lang) + anchor

    def place(self, plan: Plan) -> tuple[dict, dict]:
        m, lang = self.m, self.lang
        place, unit = m.plan_place(plan), m.current_unit(plan)
        return _ref(place, place.name, lang), _ref(unit, unit.name, lang)

    def refs(self, ids, table: dict) -> list[dict]:
        return [_ref(table[i], table[i].name, self.lang) for i in ids]

    def task(self, task: Task) -> dict:
        m, lang = self.m, self.lang
        state = m.states[task.id]
        plan = m.plans[task.plan]
        province, province_now = self.place(plan)
        return {
            "id": task.id, "title": task.title.get(lang), "plan": _ref(plan, plan.short_title, lang),
            "section": task.section.get(lang), "province": province, "province_now": province_now,
            "pillars": self.refs(task.pillars, m.pillars), "lead": self.refs(task.lead, m.agencies),
            "partners": self.refs(task.partners, m.agencies),
            "deadline": task.deadline.date.isoformat() if task.deadline.date else None,
            "deadline_kind": task.deadline.kind, "deadline_text": _or_none(task.deadline_text.get(lang)),
            "status": state.status, "percent": state.percent,
            "last_update": state.updates[-1].date.isoformat() if state.updates else None,
            "overdue": state.overdue, "url": self.url(task),
        }

    def plan(self, p: Plan) -> dict:
        m, lang = self.m, self.lang
        province, province_now = self.place(p)
        tasks = m.tasks_by_plan.get(p.id, [])
        commune = m.communes[p.commune] if p.commune else None
        return {
            "id": p.id, "number": p.number, "title": p.title.get(lang), "short_title": p.short_title.get(lang),
            "issuer": p.issuer.get(lang), "level": p.level, "province": province, "province_now": province_now,
            "commune": _ref(commune, commune.name, lang) if commune else None,
            "district": _or_none(p.district.get(lang)), "date_issued": p.date_issued.isoformat(), "signer": p.signer,
            "period_from": p.period_from, "period_to": p.period_to, "frameworks": self.refs(p.frameworks, m.pillars),
            "source_document": p.source_document.get(lang), "source_url": p.source_url,
            "source_complete": p.source_complete, "tasks": len(tasks),
            "tasks_overdue": sum(1 for t in tasks if m.states[t.id].overdue), "url": self.url(p),
        }

    def update(self, u) -> dict:
        m, lang = self.m, self.lang
        task = m.tasks[u.task]
        plan = m.plans[task.plan]
        return {
            "id": u.id, "task": _ref(task, task.title, lang), "plan": _ref(plan, plan.short_title, lang),
            "date": u.date.isoformat(), "status": u.status, "percent": u.percent, "source": u.source_text.get(lang),
            "source_url": u.source_url, "note": _or_none(u.body.get(lang)),
            "url": self.url(task, "#" + update_anchor(u)),
        }

    def score(self, row) -> dict:
        former = self.m.former_provinces[row.province]
        out = {"province": _ref(former, former.name, self.lang), "year": row.year, "era": row.era.first_year}
        for dim, value in zip(row.declaration.dimensions, row.dimensions):
            out[dim] = value
        if row.declaration.total == "sum":
            out["total"] = row.total
            out["maximum"] = row.maximum
        if row.declaration.official_total:
            out["total_official"] = row.total_official
        return out


def _all_rows(model: SiteModel, dataset: Dataset, rows: _Rows) -> list[dict]:
    if dataset.kind == "tasks":
        return [rows.task(t) for t in model.tasks.values()]
    if dataset.kind == "plans":
        return [rows.plan(p) for p in sorted(model.plans.values(), key=lambda p: p.id)]
    if dataset.kind == "updates":
        return [rows.update(u) for u in sorted(model.content.of("update").values(), key=lambda u: (u.date, u.id))]
    if dataset.kind == "scores":
        return [rows.score(r) for r in model.content.scores.table(dataset.index).rows]
    raise ValueError(dataset.kind)


def rows(model: SiteModel, dataset: Dataset, lang: str, base: str = "/") -> list[dict]:
    """The rows of a whole dataset, as written to its JSON file."""
    return _all_rows(model, dataset, _Rows(model, lang, base))


# ---------------------------------------------------------------- the data behind each page

PAGE_TYPES = {Plan: "plan", Province: "province", FormerProvince: "former-province", Pillar: "pillar", Agency: "agency"}


def tasks_of(model: SiteModel, record: Record) -> list[Task]:
    """The tasks a page lists, in task order."""
    if isinstance(record, Plan):
        return model.tasks_by_plan.get(record.id, [])
    if isinstance(record, (Province, FormerProvince)):
        return model.place_tasks(record)
    if isinstance(record, Pillar):
        return model.tasks_by_pillar.get(record.id, [])
    if isinstance(record, Agency):
        ids = {t.id for t in model.tasks_led.get(record.id, []) + model.tasks_partnered.get(record.id, [])}
        return [t for t in model.tasks.values() if t.id in ids]
    return []


def _is_index(record: Record) -> bool:
    return isinstance(record, Pillar) and record.parent is None


def page_file(record: Record, lang: str, ext: str, table: str | None = None) -> str:
    """Path of a page's data file: its tasks, or (table given) a former province's scores."""
    stem = record.slug if table is None else f"{record.slug}.{table}"
    return f"data/{lang}/{SECTIONS[type(record)]}/{stem}.{ext}"


@dataclass(frozen=True)
class DataLink:
    kind: str        # "tasks", "scores", "feed" or "calendar"
    format: str      # "CSV", "JSON", "Atom" or "iCalendar"
    path: str        # site path, e.g. data/vi/plans/x.csv; link it with ctx.site_href(path)
    label: str       # in the page's language, e.g. "Tasks (CSV)"


LINK_LABELS = {
    "tasks": W("Nhiệm vụ", "Tasks"),
    "feed": W("Cập nhật tiến độ", "Progress updates"),
    "calendar": W("Thời hạn sắp tới", "Upcoming deadlines"),
}


def data_links(model: SiteModel, record: Record, lang: str) -> list[DataLink]:
    """The data behind a page, for the page to link: only files that exist."""
    links: list[DataLink] = []
    if _is_index(record):    # an index's page shows every task of the site: the whole files
        links += [DataLink("tasks", ext.upper(), f"data/{lang}/{TASKS.name}.{ext}",
                           f"{LINK_LABELS['tasks'].get(lang)} ({ext.upper()})") for ext in ("csv", "json")]
    elif type(record) in PAGE_TYPES and tasks_of(model, record):
        links.append(DataLink("tasks", "CSV", page_file(record, lang, "csv"), f"{LINK_LABELS['tasks'].get(lang)} (CSV)"))
    tables = model.content.scores.tables
    if isinstance(record, FormerProvince):
        for table in tables:
            if table.for_province(record.id):
                title = score_dataset(model, table).title.get(lang)
                links.append(DataLink("scores", "CSV", page_file(record, lang, "csv", table.name), f"{title} (CSV)"))
    if isinstance(record, Pillar):
        table = model.content.scores.table_of(record.id)
        if table is not None:
            title = score_dataset(model, table).title.get(lang)
            links += [DataLink("scores", ext.upper(), f"data/{lang}/{table.name}.{ext}", f"{title} ({ext.upper()})")
                      for ext in ("csv", "json")]
    if isinstance(record, Province):
        links.append(DataLink("feed", "Atom", feed_path(lang, record), f"{LINK_LABELS['feed'].get(lang)} (Atom)"))
        if has_calendar(model, record):
            links.append(DataLink("calendar", "iCalendar", calendar_path(lang, record),
                                  f"{LINK_LABELS['calendar'].get(lang)} (iCalendar)"))
    return links


# ---------------------------------------------------------------- files

# A spreadsheet runs a cell that begins with one of these as a formula (CSV injection: a title
# such as =HYPERLINK(…) would become a link, or worse, in every reader's Excel). Such text is
# written with a leading apostrophe, which spreadsheets take as "this is text"; JSON keeps it as is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # The shortest text that reads back as the same number: nothing rounded; 4, not 4.0.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return _text(value)
    return str(value)


def _flat(field: Field, value) -> list[str]:
    if field.type is REF:
        return ["", ""] if value is None else [value["id"], _text(value["name"])]
    if field.type is REFS:
        return [LIST_SEPARATOR.join(v["id"] for v in value), _text(LIST_SEPARATOR.join(v["name"] for v in value))]
    return [_cell(value)]


class _CsvLine:
    """One row's CSV line, in UTF-8 (a spreadsheet's cells never span lines)."""

    def __init__(self):
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def __call__(self, cells) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(cells)
        return self._buffer.getvalue().encode("utf-8")

    def of(self, dataset: Dataset, row: dict) -> bytes:
        return self([cell for f in dataset.fields for cell in _flat(f, row[f.name])])


_BOM = "\ufeff".encode("utf-8")   # Excel reads UTF-8 only with it


def _csv(dataset: Dataset, lines, line: _CsvLine) -> bytes:
    return b"".join([_BOM, line(dataset.csv_columns), *lines])


_ROWS = "\x00rows\x00"
_ENCODE_ROW = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _json(dataset: Dataset, rows: list[bytes], as_of: str, lang: str) -> bytes:
    """The dataset's description, then its rows (each encoded by json's C encoder: an indented
    dump runs the pure-Python one, several times slower), one per line."""
    document = {
        "dataset": dataset.name, "title": dataset.title.get(lang), "language": lang, "as_of": as_of,
        "licence": LICENCE_URL, "source": dataset.source.get(lang) if dataset.source else None,
        "source_url": dataset.source_url, "rows": _ROWS,
    }
    head, tail = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).split(json.dumps(_ROWS), 1)
    listed = [b"[\n", b",\n".join(rows), b"\n ]"] if rows else [b"[]"]
    return b"".join([head.encode("utf-8"), *listed, tail.encode("utf-8"), b"\n"])


def data_files(model: SiteModel, base: str) -> dict[str, bytes]:
    return dict(iter_data_files(model, base))


def iter_data_files(model: SiteModel, base: str) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every download, made one at a time: the build writes each as it comes,
    so that they are never all in memory (at 100,000 tasks they are gigabytes). A row is kept
    only as its encoded lines, and only while its files are made, but a task's CSV line, which
    the files of its plan, province, pillars and agencies repeat."""
    as_of = model.as_of.isoformat()
    every = datasets_of(model)
    line = _CsvLine()
    for lang in ("vi", "en"):
        made = _Rows(model, lang, base)
        task_lines: dict[str, bytes] = {}
        for dataset in every:
            csv_lines, json_rows = [], []
            for row in _all_rows(model, dataset, made):
                csv_lines.append(line.of(dataset, row))
                json_rows.append(_ENCODE_ROW(row).encode("utf-8"))
                if dataset is TASKS:
                    task_lines[row["id"]] = csv_lines[-1]
            yield f"data/{lang}/{dataset.name}.csv", _csv(dataset, csv_lines, line)
            del csv_lines
            yield f"data/{lang}/{dataset.name}.json", _json(dataset, json_rows, as_of, lang)
            del json_rows

        # A page's own file is CSV only, for a spreadsheet: each task is on several pages, and a
        # JSON copy of each (three times the bytes) would make the downloads most of the site.
        # Programs take the whole files, which have every row once.
        for records in (model.plans, model.provinces, model.former_provinces, model.pillars, model.agencies):
            for record in records.values():
                tasks = tasks_of(model, record)
                if tasks and not _is_index(record):
                    yield page_file(record, lang, "csv"), _csv(TASKS, [task_lines[t.id] for t in tasks], line)
        del task_lines
        for dataset, scores in zip(every[len(TASK_DATASETS):], model.content.scores.tables):
            for former in model.former_provinces.values():
                own = scores.for_province(former.id)
                if own:
                    yield page_file(former, lang, "csv", scores.name), _csv(
                        dataset, [line.of(dataset, made.score(r)) for r in own], line)


class Catalogue:
    """What the layouts reach through the DATASETS global (portal/render.py registers it):
    iterating gives the plans, tasks and updates datasets; the methods give the rest."""

    def __iter__(self):
        return iter(TASK_DATASETS)

    def of(self, model: SiteModel) -> tuple[Dataset, ...]:
        return datasets_of(model)

    def links(self, model: SiteModel, record: Record, lang: str) -> list[DataLink]:
        return data_links(model, record, lang)

    def has_calendar(self, model: SiteModel, unit: Province) -> bool:
        return has_calendar(model, unit)

    feed_path = staticmethod(feed_path)
    calendar_path = staticmethod(calendar_path)

    wrapper = WRAPPER
    statuses = STATUS_MEANINGS
    text = staticmethod(text)


DATASETS = Catalogue()

__all__ = ["DATASETS", "LICENCE_URL", "Dataset", "Field", "DataLink", "data_files", "data_links", "rows",
           "datasets_of", "tasks_of", "page_file"]
