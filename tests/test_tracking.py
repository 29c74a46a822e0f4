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


def test_plan_rollup_counts_shares_overdue_upcoming(tracked):
    soup = tracked.html("en/plans/dt-83-2014/")
    counts = soup.select_one("#h-tasks").find_next("div", class_="counts")
    text = counts.get_text(" ", strip=True)
    assert "8 tasks" in text
    assert "○ No progress reported 3 (38%)" in text
    assert "● Completed 1 (12%)" in text or "● Completed 1 (13%)" in text
    assert "Overdue: 2" in text
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
    led = soup.select_one("#h-led").find_next("div", class_="counts").get_text(" ", strip=True)
    assert "6 tasks" in led
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
    desc = chart.desc.get_text()
    listed = {}
    for li in soup.select("#h-tasks ~ .counts .count-list li"):
        badge = li.select_one(".badge")
        if badge:
            listed[badge.get_text(" ", strip=True).split(" ", 1)[1]] = li.strong.get_text()
    assert desc == "; ".join(f"{label}: {n}" for label, n in listed.items())
    assert chart["role"] == "img" and chart.title.get_text() == "Tasks by status"


def test_score_chart_numbers_match_table_with_decimal_comma(site):
    csv_text = ("province,year,papi-1,papi-2,papi-3,papi-4,papi-5,papi-6,papi-7,papi-8,total_official\n"
                "dong-thap,2018,4.5,5.25,4,4,4,4,4,4.75,\n"
                "dong-thap,2019,4.6,5.5,4,4,4,4,4,,\n")
    dims = {f"pillars/papi-{i}.md": f"---\nname: Chỉ số {i}\ncode: \"{i}\"\nparent: papi\n---\n" for i in (1, 3, 4, 5, 6, 7, 8)}
    dims.update({f"pillars/papi-{i}.en.md": f"---\nname: Dimension {i}\n---\n" for i in (1, 3, 4, 5, 6, 7, 8)})
    result = site({"data/papi-scores.csv": csv_text} | dims)
    assert result.code == 0, result.stderr
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
    overdue = [a.get_text(strip=True) for a in soup.select("#r-overdue ~ .table-wrap tbody td:first-child a")]
    assert overdue == ["Task f-no-progress-overdue", "Task b-overdue-in-progress"]
