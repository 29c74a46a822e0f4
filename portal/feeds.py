"""Atom feeds of progress updates, iCalendar files of upcoming deadlines, sitemap, robots.txt.

Feeds need absolute addresses: they use --base-url (give a full https:// address when
publishing). Timestamps come from the content and the as-of date, never the clock.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from .i18n import Catalog, format_date
from .markdown import render
from .model import SiteModel
from .routes import path_of, update_anchor

ATOM_NS = "http://www.w3.org/2005/Atom"
# A feed carries the most recent updates, as feed readers expect; the whole history is in
# the data downloads. Without a limit, the national feed grows by every update ever made.
FEED_ENTRIES = 100


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(model: SiteModel, t: Catalog, base: str, lang: str, updates, title: str, self_path: str, page_path: str) -> bytes:
    updates = updates[:FEED_ENTRIES]
    updated = max((u.date for u in updates), default=model.as_of)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="{lang}">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(base + self_path)}</id>",
        f'<link rel="self" href={quoteattr(base + self_path)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(base + page_path)}/>',
        f"<updated>{_stamp(updated)}</updated>",
        f"<author><name>{escape(t('site.name'))}</name></author>",
    ]
    for u in updates:
        task = model.tasks[u.task]
        link = base + path_of(task, lang) + "#" + update_anchor(u)
        summary = f"{t('status.' + u.status)}" + (f" ({t('task.percent', n=u.percent)})" if u.percent is not None else "")
        content = f"<p>{escape(summary)}</p>{render(u.body.get(lang))}<p>{escape(t('update.source'))}: {escape(u.source_text.get(lang))}</p>"
        out += [
            "<entry>",
            f"<title>{escape(task.title.get(lang))}: {escape(summary)}</title>",
            f"<id>{escape(link)}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"<updated>{_stamp(u.date)}</updated>",
            f"<published>{_stamp(u.date)}</published>",
            f"<summary>{escape(summary)}</summary>",
            f'<content type="html">{escape(content)}</content>',
            "</entry>",
        ]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    out, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return [out[0]] + [" " + part for part in out[1:]]


def ical(model: SiteModel, t: Catalog, base: str, lang: str, tasks, name: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PAPI Plans Tracker//build.py//" + lang.upper(),
        "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    for task in tasks:
        plan = model.plans[task.plan]
        day = task.deadline.date
        lines += [
            "BEGIN:VEVENT",
            f"UID:{task.id.replace('/', '-')}@papi-plans",
            f"DTSTAMP:{model.as_of.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(t('ical.deadline') + ': ' + task.title.get(lang))}",
            f"DESCRIPTION:{_ics_text(plan.short_title.get(lang) + ' — ' + t('task.lead') + ': ' + '; '.join(model.agencies[a].name.get(lang) for a in task.lead))}",
            f"URL:{base + path_of(task, lang)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(part for line in lines for part in _fold(line)) + "\r\n").encode("utf-8")


def feed_files(model: SiteModel, catalogs: dict, base: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    updates = model.all_updates()
    for lang in ("vi", "en"):
        t = catalogs[lang]
        files[f"feeds/{lang}/updates.xml"] = atom(
            model, t, base, lang, updates, t("feed.all_title"), f"feeds/{lang}/updates.xml", f"{lang}/")
        for unit in model.provinces.values():
            plan_ids = {p.id for p in model.plans_by_province.get(unit.id, [])}
            own = [u for u in updates if u.task in model.tasks and model.tasks[u.task].plan in plan_ids]
            name = unit.name.get(lang)
            files[f"feeds/{lang}/provinces/{unit.slug}.xml"] = atom(
                model, t, base, lang, own, t("feed.province_title", name=name),
                f"feeds/{lang}/provinces/{unit.slug}.xml", path_of(unit, lang))
            tasks = [task for pid in sorted(plan_ids) for task in model.tasks_by_plan.get(pid, [])]
            upcoming = sorted((task for task in tasks if task.deadline.kind == "date" and task.deadline.date >= model.as_of
                               and model.states[task.id].status not in ("completed", "cancelled")),
                              key=lambda task: (task.deadline.date, task.id))
            files[f"feeds/{lang}/deadlines/{unit.slug}.ics"] = ical(
                model, t, base, lang, upcoming, t("ical.name", name=name, date=format_date(model.as_of, lang)))
    return files


def sitemap(pages: list[str], base: str) -> bytes:
    """pages: site paths of Vietnamese pages ('vi/…/'); each has an English twin."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for vi_path in pages:
        en_path = "en" + vi_path[2:]
        for path in (vi_path, en_path):
            out.append("<url>")
            out.append(f"<loc>{escape(base + path)}</loc>")
            out.append(f'<xhtml:link rel="alternate" hreflang="vi" href={quoteattr(base + vi_path)}/>')
            out.append(f'<xhtml:link rel="alternate" hreflang="en" href={quoteattr(base + en_path)}/>')
            out.append("</url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")


def robots(base: str) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if base.startswith("http"):
        lines.append(f"Sitemap: {base}sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
