#!/usr/bin/env python3
"""Export a generated corpus (DIR/content, our format) for Hugo and Pelican.

    python bench/export.py --corpus /tmp/bench-10k --as-of 2026-11-22

writes DIR/hugo/ and DIR/pelican/: a site folder each (config, templates from
bench/peers/, content). What they build, per language (vi, en):

- one page per task: title, plan, province, pillars, lead and partner agencies,
  deadline, current status, the body, and every progress update (date, status,
  percent, note, source) appended to the body as Markdown, so each tool renders
  the same Markdown we do;
- one list page per province (current unit) and per pillar: a table of its tasks
  (title, plan, lead, deadline, status); and a page listing provinces and pillars.

Plans, agencies and communes get no pages of their own there (ours does build
them); docs/performance.md compares page counts too.

A task's Vietnamese file keeps its path: content/tasks/<plan>/<task>.md is
hugo/content/tasks/<plan>/<task>.md and pelican/content/vi/<plan>/<task>.md,
so bench/run.py can edit "the same task" in all three.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader

HERE = Path(__file__).resolve().parent
PEERS = HERE / "peers"
LANGS = ("vi", "en")
REORGANISATION = dt.date(2025, 7, 1)
STATUS = {"vi": {"not-started": "Chưa bắt đầu", "in-progress": "Đang thực hiện", "delayed": "Chậm tiến độ",
                 "completed": "Hoàn thành", "cancelled": "Đã hủy", "no-progress": "Chưa có báo cáo"},
          "en": {"not-started": "Not started", "in-progress": "In progress", "delayed": "Delayed",
                 "completed": "Completed", "cancelled": "Cancelled", "no-progress": "No progress reported"}}
WORDS = {"vi": {"updates": "Tiến độ", "source": "Nguồn", "ongoing": "Thường xuyên", "none": "Không nêu"},
         "en": {"updates": "Progress", "source": "Source", "ongoing": "Ongoing", "none": "Not stated"}}


def read(path: Path) -> tuple[dict, str]:
    """Frontmatter and body of one content file (None when it does not exist)."""
    if not path.exists():
        return {}, ""
    _, head, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.load(head, Loader=Loader) or {}, body.strip("\n")


def records(content: Path, folder: str):
    """(id, vi fields, vi body, en fields, en body) for every record of a folder, in id order."""
    for path in sorted((content / folder).rglob("*.md")):
        if path.name.endswith(".en.md"):
            continue
        rid = path.relative_to(content / folder).as_posix()[:-3]
        vi, vi_body = read(path)
        en, en_body = read(path.with_name(path.name[:-3] + ".en.md"))
        yield rid, vi, vi_body, en, en_body


class Corpus:
    def __init__(self, content: Path, as_of: dt.date):
        self.names = {}
        for folder in ("provinces", "former-provinces", "agencies", "pillars"):
            self.names[folder] = {rid: (vi, en) for rid, vi, _, en, _ in records(content, folder)}
        self.plans = {rid: (vi, en) for rid, vi, _, en, _ in records(content, "plans")}
        self.updates = {}
        for rid, vi, vi_body, en, en_body in records(content, "updates"):
            if vi["date"] <= as_of:
                self.updates.setdefault(vi["task"], []).append((vi, vi_body, en, en_body))
        for items in self.updates.values():
            items.sort(key=lambda u: u[0]["date"])
        self.content = content

    def name(self, folder, rid, lang, key="name"):
        vi, en = self.names[folder][rid]
        return (en.get(key) or vi[key]) if lang == "en" else vi[key]

    def pillar_label(self, pid, lang):
        vi, _ = self.names["pillars"][pid]
        code = f"{vi['code']} " if vi.get("parent") else ""
        return code + self.name("pillars", pid, lang)

    def unit(self, plan: dict) -> str:
        """The current province of a plan (a former province's successor)."""
        if plan["date_issued"] < REORGANISATION:
            return self.names["former-provinces"][plan["province"]][0]["successor"]
        return plan["province"]

    def tasks(self):
        """Everything a peer page shows about each task, per language."""
        for rid, vi, vi_body, en, en_body in records(self.content, "tasks"):
            plan_vi, plan_en = self.plans[vi["plan"]]
            updates = self.updates.get(rid, [])
            status = updates[-1][0]["status"] if updates else "no-progress"
            percent = updates[-1][0].get("percent") if updates else None
            out = {"id": rid, "date": plan_vi["date_issued"], "province": self.unit(plan_vi),
                   "pillars": list(vi["pillars"]), "status": status, "percent": percent}
            for lang in LANGS:
                fields, body = (vi, vi_body) if lang == "vi" else (en, en_body or vi_body)
                deadline = vi["deadline"]
                deadline = deadline.isoformat() if isinstance(deadline, dt.date) else WORDS[lang][deadline]
                plan_title = (plan_en.get("short_title") if lang == "en" else None) or plan_vi["short_title"]
                out[lang] = {
                    "title": fields.get("title") or vi["title"],
                    "plan": plan_title,
                    "province_name": self.name("provinces", out["province"], lang),
                    "pillar_names": [self.pillar_label(p, lang) for p in vi["pillars"]],
                    "lead": [self.name("agencies", a, lang) for a in vi["lead"]],
                    "partners": [self.name("agencies", a, lang) for a in vi.get("partners", [])],
                    "deadline": deadline,
                    "status_text": STATUS[lang][status],
                    "body": body + "\n\n" + updates_markdown(updates, lang),
                }
            yield out


def updates_markdown(updates, lang: str) -> str:
    """The progress updates as a Markdown section (newest first, as our task page shows them)."""
    if not updates:
        return f"## {WORDS[lang]['updates']}\n\n{STATUS[lang]['no-progress']}.\n"
    parts = [f"## {WORDS[lang]['updates']}"]
    for vi, vi_body, en, en_body in reversed(updates):
        percent = f" · {vi['percent']}%" if vi.get("percent") is not None else ""
        source = (en.get("source") if lang == "en" else None) or vi["source"]
        link = f" · <{vi['source_url']}>" if vi.get("source_url") else ""
        body = (en_body if lang == "en" and en_body else vi_body)
        parts.append(f"### {vi['date'].isoformat()} — {STATUS[lang][vi['status']]}{percent}\n\n{body}\n\n"
                     f"*{WORDS[lang]['source']}: {source}*{link}")
    return "\n\n".join(parts) + "\n"


# ------------------------------------------------------------------ Hugo

def hugo_config() -> str:
    return """baseURL = "/"
title = "PAPI bench"
defaultContentLanguage = "vi"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404", "section"]
enableRobotsTXT = false

[taxonomies]
  province = "provinces"
  pillar = "pillars"

[languages.vi]
  languageName = "Tiếng Việt"
  weight = 1
[languages.en]
  languageName = "English"
  weight = 2

[markup.goldmark.renderer]
  unsafe = false
"""


def write_hugo(corpus: Corpus, out: Path) -> int:
    site = out / "hugo"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(PEERS / "hugo" / "layouts", site / "layouts")
    (site / "hugo.toml").write_text(hugo_config(), encoding="utf-8")
    content = site / "content"
    # Term pages carry the display names (province and pillar ids are the terms).
    for folder, table in (("provinces", "provinces"), ("pillars", "pillars")):
        for rid in corpus.names[table]:
            for lang in LANGS:
                title = corpus.pillar_label(rid, lang) if table == "pillars" else corpus.name(table, rid, lang)
                suffix = "" if lang == "vi" else ".en"
                path = content / folder / rid / f"_index{suffix}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n", encoding="utf-8")
    count = 0
    for task in corpus.tasks():
        for lang in LANGS:
            t = task[lang]
            front = {
                "title": t["title"], "date": task["date"].isoformat(),
                "provinces": [task["province"]], "pillars": task["pillars"],
                "plan": t["plan"], "province_name": t["province_name"], "pillar_names": t["pillar_names"],
                "lead": t["lead"], "partners": t["partners"], "deadline": t["deadline"],
                "status": task["status"], "status_text": t["status_text"], "percent": task["percent"],
            }
            suffix = ".md" if lang == "vi" else ".en.md"
            path = content / "tasks" / (task["id"] + suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + t["body"],
                            encoding="utf-8")
        count += 1
    return count


# ------------------------------------------------------------------ Pelican

def pelican_config(corpus: Corpus) -> str:
    provinces = {f"{rid}-{lang}": corpus.name("provinces", rid, lang)
                 for rid in corpus.names["provinces"] for lang in LANGS}
    pillars = {f"{rid}-{lang}": corpus.pillar_label(rid, lang)
               for rid in corpus.names["pillars"] for lang in LANGS}
    return f'''# Generated by bench/export.py
PATH = "content"
THEME = "theme"
SITENAME = "PAPI bench"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
ARTICLE_PATHS = ["vi", "en"]
PAGE_PATHS = []
STATIC_PATHS = []
ARTICLE_TRANSLATION_ID = None      # vi and en are separate pages, listed per language
PAGE_TRANSLATION_ID = None
ARTICLE_URL = "{{lang}}/tasks/{{slug}}/"
ARTICLE_SAVE_AS = "{{lang}}/tasks/{{slug}}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
CATEGORY_URL = "provinces/{{slug}}/"
CATEGORY_SAVE_AS = "provinces/{{slug}}/index.html"
TAG_URL = "pillars/{{slug}}/"
TAG_SAVE_AS = "pillars/{{slug}}/index.html"
CATEGORIES_SAVE_AS = "provinces/index.html"
TAGS_SAVE_AS = "pillars/index.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags"]
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TAG_FEED_ATOM = None
DELETE_OUTPUT_DIRECTORY = False
PROVINCE_NAMES = {json.dumps(provinces, ensure_ascii=False)}
PILLAR_NAMES = {json.dumps(pillars, ensure_ascii=False)}
'''


def write_pelican(corpus: Corpus, out: Path) -> int:
    site = out / "pelican"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(PEERS / "pelican" / "theme", site / "theme")
    (site / "pelicanconf.py").write_text(pelican_config(corpus), encoding="utf-8")
    count = 0
    for task in corpus.tasks():
        slug = task["id"].replace("/", "--")
        for lang in LANGS:
            t = task[lang]
            meta = {
                "Title": t["title"], "Date": task["date"].isoformat(), "Lang": lang, "Slug": slug,
                "Category": f"{task['province']}-{lang}",
                "Tags": ", ".join(f"{p}-{lang}" for p in task["pillars"]),
                "Plan": t["plan"], "Province_name": t["province_name"],
                "Pillar_names": "; ".join(t["pillar_names"]),
                "Lead": "; ".join(t["lead"]), "Partners": "; ".join(t["partners"]),
                "Deadline": t["deadline"], "Task_status": task["status"], "Status_text": t["status_text"],
                "Percent": "" if task["percent"] is None else str(task["percent"]),
            }
            path = site / "content" / lang / (task["id"] + ".md")
            path.parent.mkdir(parents=True, exist_ok=True)
            head = "\n".join(f"{k}: {v}" for k, v in meta.items())
            path.write_text(head + "\n\n" + t["body"], encoding="utf-8")
        count += 1
    return count


def task_files(corpus_dir: Path, task_rel: str) -> dict[str, Path]:
    """The Vietnamese file of one task (e.g. 'plan-x/01-y') in our tree and in each peer's."""
    return {
        "ours": corpus_dir / "content" / "tasks" / f"{task_rel}.md",
        "hugo": corpus_dir / "hugo" / "content" / "tasks" / f"{task_rel}.md",
        "pelican": corpus_dir / "pelican" / "content" / "vi" / f"{task_rel}.md",
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--corpus", type=Path, required=True, help="folder made by bench/generate.py (holds content/)")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 22),
                    help="date the task statuses are computed for (default 2026-11-22, as in bench/run.py)")
    ap.add_argument("--only", choices=["hugo", "pelican"], help="export for one tool only")
    args = ap.parse_args(argv)
    corpus = Corpus(args.corpus / "content", args.as_of)
    done = {}
    if args.only in (None, "hugo"):
        done["hugo"] = write_hugo(corpus, args.corpus)
    if args.only in (None, "pelican"):
        done["pelican"] = write_pelican(corpus, args.corpus)
    print(json.dumps({"tasks_exported": done}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
