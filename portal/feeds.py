"""Atom feeds of progress updates, iCalendar files of upcoming deadlines, sitemap, robots.txt.

Addresses depend on --base-url: with a full http(s) address every link is absolute; with a
path (the default `/`, or `/portal/`) links start with that path and the feed carries it as
xml:base, so a reader resolves them against the host it fetched the feed from. Identifiers
never depend on where the site is hosted: Atom ids are tag: URIs (RFC 4151),

    tag:papi-plans-portal,2024:<lang>/feeds/updates                  the feed of all updates
    tag:papi-plans-portal,2024:<lang>/feeds/provinces/<province id>  a province's feed
    tag:papi-plans-portal,2024:<lang>/updates/<update id>            one update

and iCalendar UIDs are <task id with - for />@papi-plans. A sitemap needs full addresses,
so it is written only with an http(s) base URL. Timestamps come from the content and the
as-of date, never the clock.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from .i18n import Catalog, format_date
from .markdown import render
from .model import SiteModel
from .records import Province, Text, Update
from .routes import path_of, update_anchor

ATOM_NS = "http://www.w3.org/2005/Atom"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Fixed for ever: changing the authority or the date would change every id and make feed
# readers show every update again as new.
TAG_PREFIX = "tag:papi-plans-portal,2024:"
# A feed carries the most recent updates, as feed readers expect; the whole history is in
# the data downloads. Without a limit, the national feed grows by every update ever made.
FEED_ENTRIES = 100


def is_absolute(base: str) -> bool:
    return base.startswith(("https://", "http://"))


def feed_path(lang: str, unit: Province | None = None) -> str:
    return f"feeds/{lang}/updates.xml" if unit is None else f"feeds/{lang}/provinces/{unit.slug}.xml"


def calendar_path(lang: str, unit: Province) -> str:
    return f"feeds/{lang}/deadlines/{unit.slug}.ics"


def updates_by_province(model: SiteModel, updates: list) -> dict[str, list]:
    """Every province's updates, in the order of `updates`, in one pass over them."""
    unit_of_plan = {p.id: unit for unit, plans in model.plans_by_province.items() for p in plans}
    grouped: dict[str, list] = {}
    for u in updates:
        task = model.tasks.get(u.task)
        unit = unit_of_plan.get(task.plan) if task else None
        if unit is not None:
            grouped.setdefault(unit, []).append(u)
    return grouped


def upcoming_deadlines(model: SiteModel, unit: Province) -> list:
    """Open tasks of a province with a deadline on or after the as-of date, soonest first."""
    return sorted(filter(model.deadline_ahead, model.place_tasks(unit)), key=lambda task: (task.deadline.date, task.id))


def has_calendar(model: SiteModel, unit: Province) -> bool:
    """RFC 5545 requires a calendar to hold at least one component: none is written without
    deadlines. (The data page asks for every province: the model keeps the answer.)"""
    return model.has_deadline_ahead(unit)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text_element(tag: str, parts: list[tuple[str, bool]]) -> str:
    """An Atom text construct from (text, is Vietnamese shown in another language) parts:
    plain text, or XHTML when a part must be marked xml:lang="vi"."""
    if not any(vi for _, vi in parts):
        return f"<{tag}>{escape(''.join(text for text, _ in parts))}</{tag}>"
    inner = "".join(f'<span xml:lang="vi">{escape(text)}</span>' if vi else escape(text) for text, vi in parts)
    return f'<{tag} type="xhtml"><div xmlns="{XHTML_NS}">{inner}</div></{tag}>'


def _fallback(value: Text, lang: str) -> bool:
    return value.is_fallback(lang)


def atom(model: SiteModel, t: Catalog, base: str, lang: str, updates, title: str, feed_id: str,
         self_path: str, page_path: str) -> bytes:
    updates = updates[:FEED_ENTRIES]
    updated = max((u.date for u in updates), default=model.as_of)
    author = f"<author><name>{escape(t('site.name'))}</name></author>"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="{lang}" xml:base={quoteattr(base)}>',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(TAG_PREFIX + feed_id)}</id>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(base + self_path)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(base + page_path)}/>',
        f"<updated>{_stamp(updated)}</updated>",
        author,
    ]
    for u in updates:
        task = model.tasks[u.task]
        link = base + path_of(task, lang) + "#" + update_anchor(u)
        summary = t("status." + u.status) + (f" ({t('task.percent', n=u.percent)})" if u.percent is not None else "")
        body = []
        note = u.body.get(lang)
        if note.strip():
            mark = ' xml:lang="vi"' if _fallback(u.body, lang) else ""
            body.append(f"<div{mark}>{render(note, 1, lambda path: base + path)}</div>")
        source = escape(u.source_text.get(lang))
        if _fallback(u.source_text, lang):
            source = f'<span xml:lang="vi">{source}</span>'
        if u.source_url:
            source += f" <a href={quoteattr(u.source_url)}>{escape(u.source_url)}</a>"
        body.append(f"<p>{escape(t('update.source'))}: {source}</p>")
        out += [
            "<entry>",
            _text_element("title", [(task.title.get(lang), _fallback(task.title, lang)), (": " + summary, False)]),
            f"<id>{escape(TAG_PREFIX + lang + '/updates/' + u.id)}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"<published>{_stamp(u.date)}</published>",
            f"<updated>{_stamp(u.date)}</updated>",
            author,
            f"<summary>{escape(summary)}</summary>",
            f'<content type="xhtml"><div xmlns="{XHTML_NS}">{"".join(body)}</div></content>',
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
    if not tasks:
        raise ValueError("RFC 5545: a calendar must hold at least one event")
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
        ]
        if is_absolute(base):   # URL is a URI (RFC 5545 3.8.4.6): a path alone would not resolve
            lines.append(f"URL:{base + path_of(task, lang)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(part for line in lines for part in _fold(line)) + "\r\n").encode("utf-8")


def feed_updates(model: SiteModel) -> dict[str | None, tuple[str, ...]]:
    """The ids of the updates each feed shows, most recent first: None for the national feed,
    a current province's id for its own. They change only with an update's date or task, or
    a task's plan (the live preview keeps them while edits change neither)."""
    # as the pages: an update dated after the as-of date is not shown (nor counted) until then,
    # so an entry for it would announce what the site does not show, and link to no update
    updates = [u for u in model.all_updates() if u.date <= model.as_of]
    shown = {None: tuple(u.id for u in updates[:FEED_ENTRIES])}
    for unit, of_unit in updates_by_province(model, updates).items():
        shown[unit] = tuple(u.id for u in of_unit[:FEED_ENTRIES])
    return shown


def feed_updates_edited(shown: dict, model: SiteModel, edited: list) -> dict | None:
    """feed_updates of `model`, from `shown`, those of the model it was patched from, when the
    progress updates of `edited` ((old, or None if added, new) records) changed dates or
    statuses or were added; without a pass over every update. None if an update of a feed may
    have left it for one not in it (its date moved back): then only that pass tells."""
    def key(update):
        return (update.date, update.id)
    updates = model.content.of("update")
    out = dict(shown)
    for old, new in edited:
        if not isinstance(new, Update):
            continue
        task = model.tasks[new.task]
        unit = model.current_unit(model.plans[task.plan]).id
        for feed in (None, unit):
            ids = list(out.get(feed, ()))
            if old is not None and old.id in ids:
                if new.date > model.as_of or key(new) < key(old):
                    return None
                ids.remove(old.id)
            if new.date <= model.as_of:
                ids.append(new.id)
            ids.sort(key=lambda u: key(updates[u]), reverse=True)
            out[feed] = tuple(ids[:FEED_ENTRIES])
    return out


def feed_files(model: SiteModel, catalogs: dict, base: str, shown: dict | None = None,
               units: set | None = None) -> dict[str, bytes]:
    """Every feed and calendar; with `units`, the national feed and those provinces' only.
    `shown`: feed_updates of this model, or of one with the same updates' dates and tasks."""
    if shown is None:
        shown = feed_updates(model)
    updates = model.content.of("update")
    files: dict[str, bytes] = {}
    for lang in ("vi", "en"):
        t = catalogs[lang]
        files[feed_path(lang)] = atom(
            model, t, base, lang, [updates[u] for u in shown[None]], t("feed.all_title"), f"{lang}/feeds/updates",
            feed_path(lang), f"{lang}/")
        for unit in model.provinces.values():
            if units is not None and unit.id not in units:
                continue
            name = unit.name.get(lang)
            files[feed_path(lang, unit)] = atom(
                model, t, base, lang, [updates[u] for u in shown.get(unit.id, ())], t("feed.province_title", name=name),
                f"{lang}/feeds/provinces/{unit.id}", feed_path(lang, unit), path_of(unit, lang))
            upcoming = upcoming_deadlines(model, unit)
            if upcoming:
                files[calendar_path(lang, unit)] = ical(
                    model, t, base, lang, upcoming, t("ical.name", name=name, date=format_date(model.as_of, lang)))
    return files


def sitemap(pages: list[str], base: str) -> bytes:
    """pages: site paths of Vietnamese pages ('vi/…/'); each has an English twin. The sitemap
    protocol requires fully qualified addresses: call only with an http(s) base URL."""
    if not is_absolute(base):
        raise ValueError(f"a sitemap needs an absolute base URL, not {base!r}")
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
    if is_absolute(base):
        lines.append(f"Sitemap: {base}sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
