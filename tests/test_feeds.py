"""Atom feeds, iCalendar files, sitemap and robots.txt: valid for their specs with any base URL."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest

from portal.outputs import notes
from tests.conftest import AS_OF
from tests.test_tracking import TASKS, tracking_tree

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ABSOLUTE = "https://example.org/portal/"
UPDATES = sum(1 for _, u, _ in TASKS.values() for date, _, _ in u if date <= AS_OF)   # the later ones are not shown yet
# A province with no plans, so no deadlines; and an update with no English file.
EXTRA = {
    "provinces/ha-noi.md": "---\nname: Hà Nội\ntype: city\n---\n",
    "provinces/ha-noi.en.md": "---\nname: Ha Noi\n---\n",
    "updates/dt-83-2014/c-delayed-0.en.md": None,
    "updates/dt-83-2014/c-delayed-0.md": (
        "---\ntask: dt-83-2014/c-delayed\ndate: 2026-10-01\nstatus: delayed\nsource: Báo cáo số 1\n---\n"
        "Chậm vì thiếu kinh phí.\n\n| a | b |\n|---|---|\n| 1 & 2 | <b> |\n\n---\n\nDòng một  \ndòng hai <https://example.org/x?a=1&b=2>\n"),
}


@pytest.fixture
def built(site):
    result = site(tracking_tree() | EXTRA)
    assert result.code == 0, result.stderr
    return result


@pytest.fixture
def built_absolute(site, tmp_path):
    result = site(tracking_tree() | EXTRA, "--base-url", ABSOLUTE, out=tmp_path / "absolute")
    assert result.code == 0, result.stderr
    return result


def entries(path) -> list[ET.Element]:
    return ET.parse(path).getroot().findall(f"{ATOM}entry")


def test_atom_feeds_parse(built):
    feed = feedparser.parse((built.out / "feeds/en/updates.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == UPDATES
    assert feed.entries[0].title.startswith("Task c-delayed")
    assert not [e for e in feed.entries if "h-future-update-ignored" in e.title], "dated after the as-of date"
    province = feedparser.parse((built.out / "feeds/vi/provinces/dong-thap.xml").read_bytes())
    assert not province.bozo and len(province.entries) == len(feed.entries)
    empty = feedparser.parse((built.out / "feeds/en/provinces/ha-noi.xml").read_bytes())
    assert not empty.bozo and empty.entries == [] and empty.feed.id == "tag:papi-plans-portal,2024:en/feeds/provinces/ha-noi"
    assert "Get the 100 most recent progress updates" in built.html("en/data/").get_text(" ")


def test_ids_are_tag_uris_that_do_not_depend_on_the_host(built, built_absolute):
    for lang in ("vi", "en"):
        here = entries(built.out / f"feeds/{lang}/updates.xml")
        there = entries(built_absolute.out / f"feeds/{lang}/updates.xml")
        ids = [e.findtext(f"{ATOM}id") for e in here]
        assert ids == [e.findtext(f"{ATOM}id") for e in there]
        assert len(set(ids)) == UPDATES
        assert f"tag:papi-plans-portal,2024:{lang}/updates/dt-83-2014/a-completed-1" in ids
        # the same update is the same entry in the national and the province feed
        province = [e.findtext(f"{ATOM}id") for e in entries(built.out / f"feeds/{lang}/provinces/dong-thap.xml")]
        assert province == ids
        root = ET.parse(built.out / f"feeds/{lang}/updates.xml").getroot()
        assert root.findtext(f"{ATOM}id") == f"tag:papi-plans-portal,2024:{lang}/feeds/updates"


def test_links_resolve_with_a_path_or_a_full_base_url(built, built_absolute):
    for result, base in ((built, "/"), (built_absolute, ABSOLUTE)):
        root = ET.parse(result.out / "feeds/en/updates.xml").getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}base") == base
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links == {"self": base + "feeds/en/updates.xml", "alternate": base + "en/"}
        entry = next(e for e in root.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("/a-completed-1"))
        assert entry.find(f"{ATOM}link").get("href") == base + "en/tasks/dt-83-2014/a-completed/#update-dt-83-2014-a-completed-1"
    feed = feedparser.parse((built_absolute.out / "feeds/en/updates.xml").read_bytes())
    assert not feed.bozo and feed.entries[0].link.startswith(ABSOLUTE + "en/tasks/")


def test_every_entry_has_author_updated_summary_and_content(built):
    for lang in ("vi", "en"):
        root = ET.parse(built.out / f"feeds/{lang}/updates.xml").getroot()
        site_name = root.findtext(f"{ATOM}author/{ATOM}name")
        assert site_name
        for entry in root.findall(f"{ATOM}entry"):
            assert entry.findtext(f"{ATOM}author/{ATOM}name") == site_name
            assert len(entry.findtext(f"{ATOM}updated")) == 20
            assert entry.findtext(f"{ATOM}summary")
            assert entry.find(f"{ATOM}content/{XHTML}div") is not None
    feed = feedparser.parse((built.out / "feeds/en/updates.xml").read_bytes())
    completed = next(e for e in feed.entries if e.id.endswith("/a-completed-1"))
    assert (completed.author, completed.updated, completed.summary) == ("PAPI Plans Tracker", "2026-01-15T00:00:00Z", "Completed (100% complete)")


def test_untranslated_notes_are_marked_vietnamese_in_the_english_feed(built):
    by_id = {e.findtext(f"{ATOM}id").rsplit("/", 1)[1]: e for e in entries(built.out / "feeds/en/updates.xml")}
    untranslated = by_id["c-delayed-0"].find(f"{ATOM}content/{XHTML}div")
    note = untranslated.find(f"{XHTML}div")
    assert note.get(XML_LANG) == "vi" and "Chậm vì thiếu kinh phí." in "".join(note.itertext())
    assert note.find(f".//{XHTML}table") is not None and note.find(f".//{XHTML}hr") is not None
    source = untranslated.find(f"{XHTML}p/{XHTML}span")
    assert (source.get(XML_LANG), source.text) == ("vi", "Báo cáo số 1")
    translated = by_id["a-completed-1"].find(f"{ATOM}content/{XHTML}div")
    assert translated.find(f"{XHTML}div").get(XML_LANG) is None
    assert "Note 1 on a-completed." in "".join(translated.itertext())
    vi = {e.findtext(f"{ATOM}id").rsplit("/", 1)[1]: e for e in entries(built.out / "feeds/vi/updates.xml")}
    assert vi["c-delayed-0"].find(f"{ATOM}content/{XHTML}div/{XHTML}div").get(XML_LANG) is None, "Vietnamese in a Vietnamese feed"


def test_atom_feeds_keep_the_most_recent_updates(site, monkeypatch):
    monkeypatch.setattr("portal.feeds.FEED_ENTRIES", 3)
    result = site(tracking_tree())
    assert result.code == 0, result.stderr
    feed = feedparser.parse((result.out / "feeds/en/updates.xml").read_bytes())
    every = sorted((date for _, updates, _ in TASKS.values() for date, _, _ in updates if date <= AS_OF), reverse=True)
    assert len(every) > 3
    assert [e.updated[:10] for e in feed.entries] == every[:3]


def test_icalendar_of_upcoming_deadlines(built, built_absolute):
    for result, url in ((built, None), (built_absolute, ABSOLUTE + "en/tasks/dt-83-2014/c-delayed/")):
        cal = icalendar.Calendar.from_ical((result.out / "feeds/en/deadlines/dong-thap.ics").read_bytes())
        events = sorted(cal.walk("VEVENT"), key=lambda e: str(e["UID"]))
        # only open tasks with a date on or after the as-of date
        assert [str(e["UID"]) for e in events] == ["dt-83-2014-c-delayed@papi-plans", "dt-83-2014-d-not-started@papi-plans"]
        assert (str(events[0]["URL"]) if "URL" in events[0] else None) == url   # a URL must be a full address


def test_no_calendar_without_upcoming_deadlines(built):
    # RFC 5545: a VCALENDAR holds at least one component, so none is written
    assert not (built.out / "feeds/en/deadlines/ha-noi.ics").exists()
    assert not (built.out / "feeds/vi/deadlines/ha-noi.ics").exists()
    assert (built.out / "feeds/en/provinces/ha-noi.xml").is_file()
    page = built.html("en/data/")
    row = next(tr for tr in page.select("tbody tr") if tr.th and tr.th.get_text(strip=True) == "Ha Noi")
    assert row.select("td")[1].get_text(strip=True) == "no upcoming deadlines" and not row.select("td")[1].a
    row = next(tr for tr in page.select("tbody tr") if tr.th and tr.th.get_text(strip=True) == "Dong Thap")
    assert row.select("td")[1].a["href"] == "../../feeds/en/deadlines/dong-thap.ics"


def test_sitemap_only_with_a_full_base_url(built, built_absolute):
    assert not (built.out / "sitemap.xml").exists()
    assert (built.out / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert notes("/") == ("sitemap.xml not written: the sitemap protocol needs full addresses and --base-url is /; "
                          "build with --base-url https://…/ to publish one (robots.txt then names it).",)
    assert notes(ABSOLUTE) == ()
    sitemap = ET.parse(built_absolute.out / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.findtext(f"{ns}loc") for u in sitemap.findall(f"{ns}url")]
    assert ABSOLUTE + "vi/plans/dt-83-2014/" in locs and ABSOLUTE + "en/plans/dt-83-2014/" in locs
    assert all(loc.startswith(ABSOLUTE) for loc in locs)
    assert (built_absolute.out / "robots.txt").read_text().endswith(f"Sitemap: {ABSOLUTE}sitemap.xml\n")


def test_open_graph(built, built_absolute):
    soup = built.html("en/plans/dt-83-2014/")
    assert soup.select_one('meta[property="og:title"]')["content"] == "Dong Thap civil service"
    assert soup.select_one('meta[property="og:locale"]')["content"] == "en_GB"
    # og:url must be a full address: left out when the base URL is a path
    assert soup.select_one('meta[property="og:url"]') is None
    absolute = built_absolute.html("en/plans/dt-83-2014/")
    assert absolute.select_one('meta[property="og:url"]')["content"] == ABSOLUTE + "en/plans/dt-83-2014/"


def test_the_updates_each_feed_shows_follow_edits_without_a_pass_over_all(tmp_path):
    """feeds.feed_updates_edited gives what feed_updates of the edited model gives, or None
    where only a pass over every update can tell (an update of a full feed moved back)."""
    import datetime as dt
    from dataclasses import replace
    from portal.feeds import FEED_ENTRIES, feed_updates, feed_updates_edited
    from portal.load import load
    from portal.model import build_model, with_records_replaced
    from tests.conftest import BASE, write_tree
    from tests.test_tracking import tracking_tree
    tree = dict(BASE) | tracking_tree()
    for i in range(FEED_ENTRIES + 5):   # a full national feed: some updates are left out
        tree[f"updates/dt-83-2014/x-{i:03}.md"] = (f"---\ntask: dt-83-2014/d-not-started\ndate: 2026-{i % 9 + 1:02}-{i % 27 + 1:02}\n"
                                                   "status: not-started\nsource: Báo cáo\n---\n")
    content = load(write_tree(tmp_path / "content", tree))
    as_of = dt.date(2026, 11, 22)
    model = build_model(content, as_of)
    shown = feed_updates(model)
    assert len(shown[None]) == FEED_ENTRIES
    updates = content.of("update")
    left_out = next(u for u in updates.values() if u.id not in shown[None] and u.date <= as_of)
    inside = updates[shown[None][-1]]
    cases = [
        [(left_out, replace(left_out, date=dt.date(2026, 11, 21)))],             # enters
        [(inside, replace(inside, status="delayed"))],                           # stays
        [(None, replace(left_out, id="dt-83-2014/x-new", slug="dt-83-2014/x-new", date=as_of))],   # added
        [(inside, replace(inside, date=dt.date(2027, 1, 1)))],                   # leaves for the future
        [(inside, replace(inside, date=dt.date(2020, 1, 1)))],                   # moves back
    ]
    for edited in cases:
        records = dict(updates)
        for old, new in edited:
            records[new.id] = new
        edited_content = replace(content, records=dict(content.records, update=dict(sorted(records.items()))))
        patched = with_records_replaced(model, edited_content, edited)
        result = feed_updates_edited(shown, patched, edited)
        if edited[0][0] is inside and edited[0][1].date != inside.date:
            assert result is None
        else:
            assert result == feed_updates(patched), edited
