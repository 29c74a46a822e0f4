"""Progress tracking: derived statuses, rollups, agency pages, charts, open data, feeds."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import icalendar
import pytest

from tests.conftest import BASE

# as-of date is 2026-11-22 (tests/conftest.py AS_OF)
TASKS = {
    # id: (deadline, [(date, status, percent)], lead)
    "a-completed": ("2026-01-31", [("2025-06-01", "in-progress", 50), ("2026-01-15", "completed", 100)], "so-noi-vu"),
    "b-overdue-in-progress": ("2026-06-30", [("2026-03-01", "in-progress", 30)], "so-noi-vu"),
    "c-delayed": ("2026-12-31", [("2026-10-01", "delayed", None)], "ubnd-cap-huyen"),
    "d-not-started": ("2027-06-30", [("2026-02-01", "not-started", None)], "so-noi-vu"),
    "e-cancelled": ("2025-12-31", [("2025-09-01", "cancelled", None)], "ubnd-cap-huyen"),
    "f-no-progress-overdue": ("2026-01-01", [], "so-noi-vu"),
    "g-no-progress-ongoing": ("ongoing", [], "so-noi-vu"),
    "h-future-update-ignored": ("none", [("2027-01-01", "completed", 100)], "so-noi-vu"),
}
EXPECTED = {
    "a-completed": ("completed", False),
    "b-overdue-in-progress": ("in-progress", True),
    "c-delayed": ("delayed", False),
    "d-not-started": ("not-started", False),
    "e-cancelled": ("cancelled", False),
    "f-no-progress-overdue": ("no-progress", True),
    "g-no-progress-ongoing": ("no-progress", False),
    "h-future-update-ignored": ("no-progress", False),
}


def tracking_tree() -> dict:
    files = {"tasks/dt-83-2014/01-cong-khai.md": None, "tasks/dt-83-2014/01-cong-khai.en.md": None}
    plan = BASE["plans/dt-83-2014.md"].replace("date_issued: 2014-06-11", "date_issued: 2025-01-10").replace(
        "period_from: 2014", "period_from: 2025").replace("period_to: 2015", "period_to: 2027")
    files["plans/dt-83-2014.md"] = plan
    for i, (tid, (deadline, updates, lead)) in enumerate(TASKS.items(), 1):
        files[f"tasks/dt-83-2014/{tid}.md"] = (
            f"---\nplan: dt-83-2014\ntitle: Nhiệm vụ {tid}\npillars: [papi-2-2]\nlead: [{lead}]\n"
            f"deadline: {deadline}\nsection: II\norder: {i}\n---\nMô tả {tid}.\n")
        files[f"tasks/dt-83-2014/{tid}.en.md"] = f"---\ntitle: Task {tid}\nsection: II\n---\nDescription {tid}.\n"
        for j, (date, status, percent) in enumerate(updates):
            pct = f"percent: {percent}\n" if percent is not None else ""
            files[f"updates/dt-83-2014/{tid}-{j}.md"] = (
                f"---\ntask: dt-83-2014/{tid}\ndate: {date}\nstatus: {status}\n{pct}source: Báo cáo số {j + 1}\n"
                f"source_url: https://example.org/{tid}/{j}\n---\nGhi chú {j} của {tid}.\n")
            files[f"updates/dt-83-2014/{tid}-{j}.en.md"] = f"---\nsource: Report No. {j + 1}\n---\nNote {j} on {tid}.\n"
    return files


@pytest.fixture
def tracked(site):
    result = site(tracking_tree())
    assert result.code == 0, result.stderr
    return result


@pytest.mark.parametrize("tid", TASKS)
def test_derived_status_and_overdue(tracked, tid):
    status, overdue = EXPECTED[tid]
    soup = tracked.html(f"en/tasks/dt-83-2014/{tid}/")
    box = soup.select_one(".status-box")
    assert box.select_one(f".badge-{status}"), box
    assert bool(box.select_one(".overdue")) == overdue


def test_timeline_shows_status_changes_and_sources(tracked):
    soup = tracked.html("en/tasks/dt-83-2014/a-completed/")
    first, second = soup.select("ol.timeline > li")
    assert first.time["datetime"] == "2026-01-15"
    assert [b.get_text(" ", strip=True) for b in first.select(".badge")] == ["◐ In progress", "● Completed"]
    assert "changed to" in first.select_one(".change").get_text()
    assert first.select_one('a[href="https://example.org/a-completed/1"]')
    assert "Report No. 2" in first.get_text()
    assert [b.get_text(" ", strip=True) for b in second.select(".badge")] == ["○ No progress reported", "◐ In progress"]


def count_table(soup, heading: str) -> list[list[str]]:
    table = soup.select_one(heading).find_next("div", class_="counts").select_one("table.count-table")
    return [[c.get_text(" ", strip=True) for c in tr.select("th, td")] for tr in table.select("tbody tr, tfoot tr")]


def test_plan_rollup_counts_shares_overdue_upcoming(tracked):
    soup = tracked.html("en/plans/dt-83-2014/")
    assert count_table(soup, "#h-tasks") == [
        ["○ No progress reported", "3", "38%"], ["◇ Not started", "1", "12%"], ["◐ In progress", "1", "12%"],
        ["● Completed", "1", "12%"], ["▲ Delayed", "1", "12%"], ["✕ Cancelled", "1", "12%"], ["Total", "8", "100%"]]
    assert soup.select_one("#h-tasks ~ .counts p.overdue strong").get_text() == "2"
    overdue = [a.get_text(strip=True) for a in soup.select("#plan-overdue ~ .table-wrap")[0].select("tbody td:first-child a")]
    assert overdue == ["Task f-no-progress-overdue", "Task b-overdue-in-progress"]
    upcoming = [a.get_text(strip=True) for a in soup.select_one("#plan-upcoming").find_next("table").select("tbody td:first-child a")]
    assert upcoming == ["Task c-delayed"]


def test_province_and_home_rollups(tracked):
    for path in ("en/provinces/dong-thap/", "en/"):
        soup = tracked.html(path)
        assert "Overdue: 2" in soup.select_one(".counts").get_text(" ", strip=True)
        assert soup.find(id=re.compile("-overdue$"))


def test_agency_pages_group_across_plans(tracked):
    soup = tracked.html("en/agencies/so-noi-vu/")
    assert count_table(soup, "#h-led")[-1] == ["Total", "6", "100%"]
    # one province, cut to NATIONAL_CAP (5) rows, most urgent first, without the redundant lead column
    assert soup.select_one("#led-dong-thap").get_text(" ", strip=True) == "Dong Thap (former Dong Thap) (6)"
    table = soup.select_one("#h-led ~ .table-wrap table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Task", "Plan", "Deadline", "Status"]
    titles = [a.get_text(strip=True) for a in table.select("tbody td:first-child a")]
    assert titles == ["Task f-no-progress-overdue", "Task b-overdue-in-progress", "Task d-not-started",
                      "Task g-no-progress-ongoing", "Task h-future-update-ignored"]
    more = soup.select_one("#h-led ~ .see-all a")
    assert more.get_text(strip=True) == "See all 6 tasks" and more["href"] == "provinces/dong-thap/"
    # the continuation lists them all, in the same order, then the tasks it coordinates on
    rest = tracked.html("en/agencies/so-noi-vu/provinces/dong-thap/")
    assert rest.h1.get_text(strip=True) == "Department of Home Affairs in Dong Thap"
    assert [a.get_text(strip=True) for a in rest.select("#h-led ~ .table-wrap tbody td:first-child a")] == titles + ["Task a-completed"]
    assert not rest.select_one("#h-partnered")
    index = tracked.html("vi/agencies/")
    row = next(tr for tr in index.select("tbody tr") if "Sở Nội vụ" in tr.get_text())
    assert [td.get_text(strip=True) for td in row.select("td")][1:] == ["6", "0"]


def many_tasks(n: int) -> dict:
    """BASE with n overdue tasks on 2.2 (deadlines one day apart, plan order reversed) and one
    completed task with the earliest deadline: most urgent first is not plan order."""
    files = {"tasks/dt-83-2014/01-cong-khai.md": None, "tasks/dt-83-2014/01-cong-khai.en.md": None}
    for i in range(1, n + 1):
        files[f"tasks/dt-83-2014/t{i:02}.md"] = (
            f"---\nplan: dt-83-2014\ntitle: Nhiệm vụ {i:02}\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
            f"deadline: 2026-01-{i:02}\nsection: II\norder: {100 - i}\n---\n")
        files[f"tasks/dt-83-2014/t{i:02}.en.md"] = f"---\ntitle: Task {i:02}\nsection: II\n---\n"
    files["tasks/dt-83-2014/done.md"] = ("---\nplan: dt-83-2014\ntitle: Xong\npillars: [papi-2-2]\nlead: [so-noi-vu]\n"
                                         "deadline: 2025-01-01\nsection: II\norder: 1\n---\n")
    files["tasks/dt-83-2014/done.en.md"] = "---\ntitle: Done\nsection: II\n---\n"
    files["updates/dt-83-2014/done.md"] = "---\ntask: dt-83-2014/done\ndate: 2024-12-01\nstatus: completed\nsource: Báo cáo\n---\n"
    return files


def listed(soup, selector: str) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(selector + " tbody td:first-child a")]


def test_long_lists_are_cut_most_urgent_first_with_a_page_for_the_rest(site):
    result = site(many_tasks(30))
    assert result.code == 0, result.stderr
    every = [f"Task {i:02}" for i in range(1, 31)] + ["Done"]
    # province page: each dimension's group cut to 25 rows, "See all" leads to the province's page on it
    page = result.html("en/provinces/dong-thap/")
    assert listed(page, "#pillar-papi-2 + .table-wrap") == every[:25]
    more = page.select_one("#pillar-papi-2 ~ .see-all a")
    assert (more.get_text(strip=True), more["href"]) == ("See all 31 tasks", "pillars/papi-2/")
    rest = result.html("en/provinces/dong-thap/pillars/papi-2/")
    assert rest.h1.get_text(strip=True) == "Dong Thap: 2. Transparency"
    assert listed(rest, "#h-list ~ .table-wrap") == every
    # overdue: 25 on the province page, all 30 on its deadlines page
    assert listed(page, "#p-overdue ~ .table-wrap") == every[:25]
    more = page.select_one("#p-overdue ~ .see-all a")
    assert (more.get_text(strip=True), more["href"]) == ("See all 30 overdue tasks", "deadlines/")
    assert listed(result.html("en/provinces/dong-thap/deadlines/"), "#d-overdue ~ .table-wrap") == every[:30]
    # the former province lists them too, and has its own continuation because its list is cut
    former = result.html("en/former-provinces/dong-thap/")
    assert former.select_one("#pillar-papi-2 ~ .see-all a")["href"] == "pillars/papi-2/"
    assert listed(result.html("en/former-provinces/dong-thap/pillars/papi-2/"), "#h-list ~ .table-wrap") == every
    # national pages: 5 per province, and the index page lists no task at all, only provinces
    sub = result.html("en/pillars/papi-2-2/")
    assert listed(sub, "#province-dong-thap + .table-wrap") == every[:5]
    assert sub.select_one("#province-dong-thap a")["href"] == "../../provinces/dong-thap/pillars/papi-2-2/"
    assert listed(sub, "#pl-overdue ~ .table-wrap") == every[:5]
    assert sub.select_one("#pl-overdue ~ p").get_text(strip=True) == "The first 5 of 30."
    index = result.html("en/pillars/papi/")
    assert [len(t.select("tbody tr")) for t in index.select("table.tasks")] == [5], "only the 5 most overdue"
    row = index.select_one("#h-provinces ~ .table-wrap tbody tr")
    assert [c.get_text(strip=True) for c in row.select("th, td")] == ["Dong Thap", "31", "30", "30", "0", "0", "1", "0", "0"]
    assert row.a["href"] == "../../provinces/dong-thap/pillars/papi/"
    assert "No task is aimed at the index as a whole" in result.html("en/provinces/dong-thap/pillars/papi/").select_one("#h-direct ~ p").get_text()
    # home: 10 overdue, then the national deadlines page, 5 per province, then the province's page
    home = result.html("en/")
    assert listed(home, "#home-overdue ~ .table-wrap") == every[:10]
    assert home.select_one("#home-overdue ~ .see-all a")["href"] == "deadlines/"
    national = result.html("en/deadlines/")
    assert listed(national, "#overdue-dong-thap + .table-wrap") == every[:5]
    assert national.select_one("#overdue-dong-thap ~ .see-all a")["href"] == "../provinces/dong-thap/deadlines/"


def test_short_lists_are_whole_and_have_no_extra_pages(site):
    result = site(many_tasks(3))
    assert result.code == 0, result.stderr
    page = result.html("vi/provinces/dong-thap/")
    assert listed(page, "#pillar-papi-2 + .table-wrap") == ["Nhiệm vụ 01", "Nhiệm vụ 02", "Nhiệm vụ 03", "Xong"]
    assert not page.select(".see-all")
    # a current province keeps its page on each pillar (the pillar pages link to it); a former province needs none
    assert (result.out / "vi/provinces/dong-thap/pillars/papi-2-2/index.html").is_file()
    assert not (result.out / "vi/former-provinces/dong-thap/pillars").exists()
    assert not (result.out / "vi/former-provinces/dong-thap/deadlines").exists()


def test_chart_numbers_match_the_table(tracked):
    soup = tracked.html("en/plans/dt-83-2014/")
    chart = soup.select_one("#h-tasks").find_next("svg")
    rows = count_table(soup, "#h-tasks")[:-1]
    assert chart.desc.get_text() == "; ".join(f"{label.split(' ', 1)[1]}: {n}" for label, n, _ in rows)
    assert chart["role"] == "img" and chart.title.get_text() == "Tasks by status"


def test_score_chart_numbers_match_table_with_decimal_comma(site):
    csv_text = ("province,year,papi-1,papi-2,papi-3,papi-4,papi-5,papi-6,papi-7,papi-8,total_official\n"
                "dong-thap,2018,4.5,5.25,4,4,4,4,4,4.75,\n"
                "dong-thap,2019,4.6,5.5,4,4,4,4,4,,\n")
    dims = {f"pillars/papi-{i}.md": f"---\nname: Chỉ số {i}\ncode: \"{i}\"\nparent: papi\n---\n" for i in (1, 3, 4, 5, 6, 7, 8)}
    dims.update({f"pillars/papi-{i}.en.md": f"---\nname: Dimension {i}\n---\n" for i in (1, 3, 4, 5, 6, 7, 8)})
    result = site({"data/papi-scores.csv": csv_text} | dims)
    assert result.code == 0, result.stderr
    # the province page names each former province above its charts and table
    unit = result.html("vi/provinces/dong-thap/")
    heading = unit.select_one("#scores-dong-thap")
    assert heading.get_text(" ", strip=True) == "Đồng Tháp (trước 1/7/2025)"
    assert heading.find_next_sibling().name == "figure" and heading.find_next_sibling().select(".chart-grid svg")
    assert unit.select_one("#scores-tien-giang").find_next_sibling().get_text(strip=True) == "Không có điểm PAPI cho đơn vị này."
    soup = result.html("vi/former-provinces/dong-thap/")
    charts = soup.select(".chart-grid svg")
    assert charts[1].desc.get_text() == "2018: 5,25, 2019: 5,50"
    rows = soup.select("table.scores tbody tr")
    assert [td.get_text(strip=True) for td in rows[0].select("td")][1] == "5,25"
    assert rows[0].select("td")[-1].get_text(" ", strip=True) == "34,50 / 80"
    assert rows[1].select("td")[-1].get_text(" ", strip=True) == "không có", "a missing dimension leaves the total missing"
    en = result.html("en/former-provinces/dong-thap/")
    assert en.select(".chart-grid svg")[1].desc.get_text() == "2018: 5.25, 2019: 5.50"


def test_report_card(tracked):
    soup = tracked.html("en/provinces/dong-thap/report/")
    assert soup.h1.get_text() == "Report card: Dong Thap"
    card = soup.select_one(".report-card")
    assert [h["id"] for h in card.select("h2")] == ["r-plans", "r-status", "r-overdue", "r-upcoming", "r-scores"]
    overdue = [a.get_text(strip=True) for a in soup.select("#r-overdue + .table-wrap tbody td:first-child a")]
    assert overdue == ["Task f-no-progress-overdue", "Task b-overdue-in-progress"]
    upcoming = [a.get_text(strip=True) for a in soup.select("#r-upcoming + .table-wrap tbody td:first-child a")]
    assert upcoming == ["Task c-delayed"]
    assert card.select_one("#r-plans + ul li").get_text(" ", strip=True).endswith("(8 tasks)")
    assert card.select("p.small")[-1].get_text() == "Source: /en/provinces/dong-thap/report/"


def test_report_card_fits_one_sheet(site):
    """At most 8 rows per list, with where the rest are, and only the two latest years of scores,
    with the dimensions named: the 14-year table per former province made it two pages."""
    files = tracking_tree()
    for i in range(1, 13):
        files[f"tasks/dt-83-2014/late-{i:02}.md"] = (
            f"---\nplan: dt-83-2014\ntitle: Trễ {i}\npillars: [papi-2]\nlead: [so-noi-vu]\n"
            f"deadline: 2026-02-{i:02}\nsection: II\norder: {20 + i}\n---\n")
    header = "province,year,papi-1,papi-2,papi-3,papi-4,papi-5,papi-6,papi-7,papi-8,total_official\n"
    files["data/papi-scores.csv"] = header + "".join(
        f"{p},{y},4,5,4,4,4,4,4,4,\n" for p in ("dong-thap", "tien-giang") for y in range(2018, 2025))
    result = site(files | dimensions(), "--base-url", "https://example.org/papi/")
    assert result.code == 0, result.stderr
    soup = result.html("en/provinces/dong-thap/report/")
    rows = soup.select("#r-overdue + .table-wrap tbody tr")
    assert len(rows) == 8
    more = soup.select_one("#r-overdue + .table-wrap + p")
    assert more.get_text(" ", strip=True) == "And 6 more: https://example.org/papi/en/provinces/dong-thap/deadlines/"
    scores = soup.select_one("table.report-scores")
    assert [th.get_text(strip=True) for th in scores.select("thead th")][2:4] == ["1. D1", "2. Transparency"]
    assert [[c.get_text(strip=True) for c in tr.select("th")] for tr in scores.select("tbody tr")] == [
        ["Dong Thap", "2023"], ["2024"], ["Tien Giang", "2023"], ["2024"]]
    assert soup.select(".report-card p.small")[-1].get_text() == "Source: https://example.org/papi/en/provinces/dong-thap/report/"


@pytest.mark.browser
def test_real_report_cards_print_on_one_page(real_site):
    from tests import browser as b
    with b.serve(real_site.out) as base, b.browser() as chromium:
        page = chromium.new_page()
        counts = {}
        for path in ("vi/provinces/ca-mau/report/", "en/provinces/an-giang/report/", "vi/provinces/phu-tho/report/"):
            page.goto(base + path)
            counts[path] = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
        page.close()
    assert counts == {path: 1 for path in counts}


def test_status_box_says_when_and_where_from_and_how_late(tracked):
    box = tracked.html("en/tasks/dt-83-2014/b-overdue-in-progress/").select_one(".status-box")
    assert box.select_one(".overdue").get_text(" ", strip=True) == "! Overdue by 145 days"
    latest = box.select("p")[1]
    assert latest.get_text(" ", strip=True) == "Latest update: 1 March 2026 . Source: Report No. 1. · see the source"
    assert latest.a["href"] == "#update-dt-83-2014-b-overdue-in-progress-0", "a link within the page"
    assert tracked.html("en/tasks/dt-83-2014/b-overdue-in-progress/").find(id="update-dt-83-2014-b-overdue-in-progress-0")
    assert "Quá hạn 145 ngày" in tracked.html("vi/tasks/dt-83-2014/b-overdue-in-progress/").select_one(".status-box").get_text()


def test_untranslated_progress_notes_are_marked_one_by_one(site):
    files = tracking_tree()
    files["updates/dt-83-2014/a-completed-1.en.md"] = None
    result = site(files | {"updates/dt-83-2014/a-completed-1.en.md": None})
    assert result.code == 0, result.stderr
    first, second = result.html("en/tasks/dt-83-2014/a-completed/").select("ol.timeline > li")
    assert first.select_one(".notice").get_text(" ", strip=True) == (
        "Not yet translated. This progress note has not been translated into English yet; the Vietnamese text is shown.")
    assert first.select_one(".prose")["lang"] == "vi"
    assert not second.select(".notice")
    assert not result.html("vi/tasks/dt-83-2014/a-completed/").select("ol.timeline .notice")


def test_home_shows_latest_updates_and_the_provinces(tracked):
    home = tracked.html("en/")
    updates = home.select("#h-updates + ol li")
    # newest first, none dated after the as-of date (h's update of 2027 does not count yet)
    assert [li.time["datetime"] for li in updates] == ["2026-10-01", "2026-03-01", "2026-02-01", "2026-01-15", "2025-09-01", "2025-06-01"]
    assert updates[0].a["href"] == "tasks/dt-83-2014/c-delayed/#update-dt-83-2014-c-delayed-0"
    row = home.select_one("#h-overview + .table-wrap tbody tr")
    assert [c.get_text(" ", strip=True) for c in row.select("th, td")] == ["Dong Thap", "8", "2", "3", "1", "1", "1", "1", "1", "Dong Thap: n/a Tien Giang: n/a"]


def comparison_site(site):
    header = "province,year,papi-1,papi-2,papi-3,papi-4,papi-5,papi-6,papi-7,papi-8,total_official\n"
    lines = [f"dong-thap,{y},4,{4 + (y - 2016) / 10:.2f},4,4,4,4,4,4,\n" for y in range(2016, 2025)]
    lines += [f"tien-giang,{y},4,{6 - (y - 2016) / 10:.2f},4,4,4,4,4,4,\n" for y in range(2016, 2025) if y != 2022]
    return site({"data/papi-scores.csv": header + "".join(lines)} | dimensions())


def dimensions() -> dict:
    """PAPI's other seven dimensions, for score tables (BASE has only papi-2)."""
    dims = {f"pillars/papi-{i}.md": f"---\nname: Chỉ số {i}\nshort_name: CS{i}\ncode: \"{i}\"\nparent: papi\norder: {i}\n---\n"
            for i in (1, 3, 4, 5, 6, 7, 8)}
    dims.update({f"pillars/papi-{i}.en.md": f"---\nname: Dimension {i}\nshort_name: D{i}\n---\n" for i in (1, 3, 4, 5, 6, 7, 8)})
    return dims


def test_pillar_comparison_table_and_sparklines_show_the_same_years(site):
    result = comparison_site(site)
    assert result.code == 0, result.stderr
    soup = result.html("en/pillars/papi-2/")
    table = soup.select_one("table.compare")
    head = [th.get_text(strip=True) for th in table.select("thead th")]
    assert head == ["Province", "Trend 2020–2024", "2020", "2021", "2022", "2023", "2024", "Tasks", "2.2"]
    rows = {tr.th.get_text(strip=True): tr for tr in table.select("tbody tr")}
    # weakest first in the latest year: Tien Giang 5.20 < Dong Thap 4.80? no: Dong Thap 4.80 is lower
    assert list(rows)[:2] == ["Dong Thap", "Tien Giang"]
    for name, tr in list(rows.items())[:2]:
        cells = [td.get_text(strip=True) for td in tr.select("td")][1:6]
        spark = tr.select_one("svg.sparkline").desc.get_text()
        assert spark == ", ".join(f"{y}: {v}" for y, v in zip(head[2:7], cells) if v != "n/a"), name
    assert [td.get_text(strip=True) for td in rows["Tien Giang"].select("td")][1:6] == ["5.60", "5.50", "n/a", "5.30", "5.20"]
    assert [td.get_text(strip=True) for td in rows["Dong Thap"].select("td")][6:] == ["1", "1"]


def test_target_chart_shows_the_numbers_of_its_table(site):
    plan = BASE["plans/dt-83-2014.md"].replace("objectives:", "targets:\n          - {pillar: papi-2, year: 2019, value: 5.4, baseline_year: 2018, baseline: 4.1}\n          - {pillar: papi-1, year: 2030, value: 6}\n        objectives:")
    result = comparison_site(lambda files: site(files | {"plans/dt-83-2014.md": plan}))
    assert result.code == 0, result.stderr
    soup = result.html("en/plans/dt-83-2014/")
    chart = soup.select_one("#h-targets ~ figure svg")
    assert chart.desc.get_text() == (
        "2. Transparency: Baseline stated in the plan 4.10, Target 5.40, Actual score 4.30. "
        "1. D1: Baseline stated in the plan: Not stated in the plan, Target 6.00, Actual score: No score published")
    texts = [t.get_text() for t in chart.select("text")]
    assert "–" not in texts and "Not stated in the plan" in texts and "No score published" in texts
    cells = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select("table.targets tbody tr")]
    assert cells == [["4.10 (2018)", "5.40 (2019)", "4.30 ✗ not met"], ["not stated", "6.00 (2030)", "n/a"]]
