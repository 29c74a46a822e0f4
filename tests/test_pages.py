"""Every page type, in both languages: lang, hreflang, language switch, content."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import BASE, COMMUNE_PLAN

PAGES = [
    "{lang}/",
    "{lang}/provinces/",
    "{lang}/provinces/dong-thap/",
    "{lang}/provinces/dong-thap/report/",
    "{lang}/provinces/dong-thap/pillars/papi-2/",
    "{lang}/provinces/dong-thap/deadlines/",
    "{lang}/former-provinces/tien-giang/",
    "{lang}/communes/phuong-a/",
    "{lang}/pillars/",
    "{lang}/pillars/papi/",
    "{lang}/pillars/papi-2-2/",
    "{lang}/plans/",
    "{lang}/plans/dt-83-2014/",
    "{lang}/tasks/dt-83-2014/01-cong-khai/",
    "{lang}/agencies/",
    "{lang}/agencies/so-noi-vu/",
    "{lang}/agencies/so-noi-vu/provinces/dong-thap/",
    "{lang}/deadlines/",
    "{lang}/data/",
    "{lang}/search/",
    "{lang}/about/",
]
# Beside BASE: a commune with a plan of its own, and a free page, so that every kind of page exists.
EXTRA = {
    "communes/phuong-a.md": "---\nname: Phường A\ntype: ward\nprovince: dong-thap\n---\n",
    "communes/phuong-a.en.md": "---\nname: Ward A\n---\n",
    **COMMUNE_PLAN,
    "tasks/phuong-a-2026/01.md": "---\nplan: phuong-a-2026\ntitle: Niêm yết\npillars: [papi-2-2]\nlead: [so-noi-vu]\ndeadline: 2026-12-31\nsection: I\n---\n",
    "tasks/phuong-a-2026/01.en.md": "---\ntitle: Post notices\nsection: I\n---\n",
    "pages/about.md": "---\ntitle: Giới thiệu\n---\nVề cổng thông tin.\n",
    "pages/about.en.md": "---\ntitle: About\n---\nAbout the portal.\n",
}


@pytest.fixture
def built(site):
    result = site(EXTRA)
    assert result.code == 0, result.stderr
    return result


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("pattern", PAGES)
def test_page_has_language_alternates_and_switch(built, pattern, lang):
    other = "en" if lang == "vi" else "vi"
    path = pattern.format(lang=lang)
    soup = built.html(path)
    assert soup.html["lang"] == lang
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates["vi"] == "/" + pattern.format(lang="vi")
    assert alternates["en"] == "/" + pattern.format(lang="en")
    switch = soup.select_one("a.lang-switch")
    assert switch["hreflang"] == other
    # the switch leads to the same page in the other language, and that page exists
    target = (built.out / path / switch["href"]).resolve()
    assert target == (built.out / pattern.format(lang=other)).resolve()
    assert (target / "index.html").is_file()
    assert len(soup.find_all("h1")) == 1


def test_plan_page_shows_document_metadata(built):
    vi = built.html("vi/plans/dt-83-2014/")
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(vi.select(".facts dt"), vi.select(".facts dd"))}
    assert facts["Số hiệu"] == "83/KH-UBND"
    assert facts["Ngày ban hành"] == "ngày 11 tháng 6 năm 2014"
    assert facts["Thời gian thực hiện"] == "2014–2015"
    assert "Đồng Tháp" in facts["Địa bàn"]
    en = built.html("en/plans/dt-83-2014/")
    assert en.h1.get_text(strip=True) == "Plan to improve the civil service"
    assert [li.get_text(strip=True) for li in en.select("#h-objectives + ul li")] == ["Objective one"]
    assert en.select_one('a[href="../../tasks/dt-83-2014/01-cong-khai/"]').get_text(strip=True) == "Publish the poverty lists"


def test_task_page_shows_every_field_and_no_progress(built):
    soup = built.html("en/tasks/dt-83-2014/01-cong-khai/")
    facts = {dt.get_text(strip=True): dd for dt, dd in zip(soup.select(".facts dt"), soup.select(".facts dd"))}
    assert facts["Lead agency"].a.get_text(strip=True) == "Department of Home Affairs"
    assert "District People's Committees" in facts["Coordinating agencies"].get_text()
    assert "31 December 2015" in facts["Deadline"].get_text()
    assert facts["Serves"].get_text(" ", strip=True) == "2.2 Poverty Lists"
    assert soup.select_one(".status-box .badge").get_text(" ", strip=True) == "○ No progress reported"
    assert "No progress reported yet." in soup.select_one("#h-updates").find_next("p").get_text()


def test_task_status_comes_from_latest_update(site):
    result = site({
        "updates/dt-83-2014/a.md": "---\ntask: dt-83-2014/01-cong-khai\ndate: 2015-01-10\nstatus: in-progress\npercent: 40\nsource: Báo cáo 1\n---\nĐang làm.\n",
        "updates/dt-83-2014/b.md": "---\ntask: dt-83-2014/01-cong-khai\ndate: 2016-02-01\nstatus: completed\nsource: Báo cáo 2\nsource_url: https://example.org/bc2\n---\nXong.\n",
    })
    assert result.code == 0, result.stderr
    soup = result.html("vi/tasks/dt-83-2014/01-cong-khai/")
    assert soup.select_one(".status-box .badge-completed")
    entries = soup.select("ol.timeline > li")
    assert [e.time["datetime"] for e in entries] == ["2016-02-01", "2015-01-10"]
    assert "40% hoàn thành" in entries[1].get_text()
    assert entries[0].select_one('a[href="https://example.org/bc2"]')
    assert "Báo cáo 2" in entries[0].get_text()


def test_missing_translation_falls_back_with_notice(site):
    result = site({"tasks/dt-83-2014/01-cong-khai.en.md": None, "agencies/so-noi-vu.en.md": None})
    assert result.code == 0, result.stderr
    soup = result.html("en/tasks/dt-83-2014/01-cong-khai/")
    notice = soup.select_one(".notice")
    assert "Not yet translated." in notice.get_text()
    assert soup.h1.get_text(strip=True) == "Công khai danh sách hộ nghèo"
    assert soup.h1.span["lang"] == "vi"
    assert soup.select_one(".prose")["lang"] == "vi"
    # the Vietnamese page has no notice
    assert soup.select_one(".notice") and not result.html("vi/tasks/dt-83-2014/01-cong-khai/").select_one(".notice:-soup-contains('dịch')")
    assert "2 records have no English translation yet" in result.stdout
    assert "content/agencies/so-noi-vu.md" in result.stdout


def test_translated_site_reports_no_missing_translations(built):
    assert "Every record has an English translation." in built.stdout


def test_provinces_are_in_vietnamese_alphabetical_order(site):
    names = ["Bình Định", "Bạc Liêu", "Đà Nẵng", "Điện Biên", "Cà Mau", "An Giang", "Ăn Khê", "Zeta", "Hà Nội", "Hải Phòng"]
    files = {}
    for i, name in enumerate(names):
        files[f"provinces/p{i}.md"] = f"---\nname: {name}\ntype: province\n---\n"
    result = site(files)
    assert result.code == 0, result.stderr
    soup = result.html("vi/provinces/")
    listed = [a.get_text(strip=True) for a in soup.select("#current + ul.province-list > li > a")]
    wanted = ["An Giang", "Ăn Khê", "Bạc Liêu", "Bình Định", "Cà Mau", "Đà Nẵng", "Điện Biên",
              "Đồng Tháp", "Hà Nội", "Hải Phòng", "Zeta"]
    assert listed == wanted


def test_file_names_with_d_stroke_become_ascii_slugs(site):
    result = site({"provinces/Đắk Lắk.md": "---\nname: Đắk Lắk\ntype: province\n---\n"})
    assert result.code == 0, result.stderr
    assert (result.out / "vi/provinces/dak-lak/index.html").is_file()
    assert result.html("en/provinces/dak-lak/").h1.get_text(strip=True) == "Đắk Lắk"


def test_merger_shown_both_ways(built):
    unit = built.html("en/provinces/dong-thap/")
    merged = [a.get_text(strip=True) for a in unit.select("#h-history ~ ul a")]
    assert merged == ["Dong Thap", "Tien Giang"]
    # a former province with the same name as the new unit is told apart from it
    former = built.html("en/former-provinces/tien-giang/")
    history = former.select_one(".history p")
    assert history.get_text(" ", strip=True) == "On 1 July 2025 Tien Giang merged with Dong Thap into the new Dong Thap province."
    assert [a["href"] for a in history.select("a")] == ["../dong-thap/", "../../provinces/dong-thap/"]
    vi = built.html("vi/former-provinces/dong-thap/").select_one(".history p").get_text(" ", strip=True)
    assert vi == "Từ ngày 1 tháng 7 năm 2025, Đồng Tháp hợp nhất với Tiền Giang thành tỉnh Đồng Tháp mới."
    # the plan of the former Đồng Tháp says the same, not "part of Đồng Tháp"
    place = built.html("en/plans/dt-83-2014/").select_one(".facts .small").get_text(" ", strip=True)
    assert place == "On 1 July 2025 Dong Thap merged with Tien Giang into the new Dong Thap province."
    listed = built.html("en/provinces/").select_one('#current + ul a[href="dong-thap/"]').find_next("span")
    assert listed.get_text(strip=True) == "formed by merging Dong Thap and Tien Giang"
    assert built.html("vi/provinces/").select_one('#current + ul a[href="dong-thap/"]').find_next("span").get_text(strip=True) == "hợp nhất Đồng Tháp và Tiền Giang"


def test_plan_of_former_province_also_listed_on_successor(built):
    unit = built.html("vi/provinces/dong-thap/")
    assert unit.select_one('a[href="../../plans/dt-83-2014/"]')
    former = built.html("vi/former-provinces/tien-giang/")
    assert "Chưa có kế hoạch nào" in former.select_one("#h-plans").find_next("p").get_text()


def test_unknown_plan_number_is_said_honestly(site):
    plan = BASE["plans/dt-83-2014.md"].replace("number: 83/KH-UBND", "number: unknown")
    result = site({"plans/dt-83-2014.md": plan})
    assert result.code == 0, result.stderr
    soup = result.html("en/plans/dt-83-2014/")
    assert "Number not given in the source document" in soup.select_one(".facts").get_text()


def test_root_and_404(built):
    root = built.html("index.html")
    assert root.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=vi/"
    assert {a["href"] for a in root.select("a")} == {"vi/", "en/"}
    notfound = built.html("404.html")
    # served at any address, so its links are absolute
    assert notfound.select_one("nav.site-nav a")["href"] == "/vi/provinces/"
    assert notfound.select_one('link[rel="stylesheet"]')["href"] == "/assets/style.css"


def test_base_url_puts_the_site_under_a_sub_path(site):
    result = site({}, "--base-url", "/portal/")
    assert result.code == 0, result.stderr
    notfound = result.html("404.html")
    assert notfound.select_one('link[rel="stylesheet"]')["href"] == "/portal/assets/style.css"
    page = result.html("vi/plans/dt-83-2014/")
    assert page.select_one('link[rel="canonical"]')["href"] == "/portal/vi/plans/dt-83-2014/"
    # ordinary pages link relatively, so they work under any prefix
    assert page.select_one('link[rel="stylesheet"]')["href"] == "../../../assets/style.css"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_as_of_date_printed_on_every_page(built, lang):
    wanted = {"vi": "Tình trạng tính đến ngày 22 tháng 11 năm 2026.", "en": "Status as of 22 November 2026."}[lang]
    for pattern in PAGES:
        soup = built.html(pattern.format(lang=lang))
        assert wanted in soup.select_one("footer").get_text(), pattern
        # and on paper, where the footer is not printed, with the page's address
        meta = soup.select_one(".print-meta").get_text(" ", strip=True)
        site_name = soup.select_one("meta[property='og:site_name']")["content"]
        assert meta == f"{site_name} · /{pattern.format(lang=lang)} · {wanted}", pattern
    assert "Tình trạng tính đến ngày 22 tháng 11 năm 2026." in built.html("404.html").select_one("footer").get_text()


def test_404_in_both_languages_from_the_catalogs(built):
    soup = built.html("404.html")
    assert soup.html["lang"] == "vi"
    assert soup.h1.get_text() == "Không tìm thấy trang"
    english = soup.select_one('section[lang="en"]')
    assert english.h2.get_text() == "Page not found"
    assert [(a["href"], a.get_text()) for a in english.select("a")] == [
        ("/en/", "Home"), ("/en/provinces/", "Provinces"), ("/en/plans/", "Plans")]
    assert soup.select_one("a.lang-switch")["href"] == "/en/"


def test_links_in_bodies_to_site_pages_are_relative(site):
    task = "---\nplan: dt-83-2014\ntitle: Công khai\npillars: [papi-2-2]\nlead: [so-noi-vu]\ndeadline: none\nsection: II\n---\nXem [kế hoạch](/vi/plans/dt-83-2014/#h-tasks).\n"
    result = site({"tasks/dt-83-2014/01-cong-khai.md": task})
    assert result.code == 0, result.stderr
    link = result.html("vi/tasks/dt-83-2014/01-cong-khai/").select_one(".prose a")
    assert link["href"] == "../../../plans/dt-83-2014/#h-tasks"


def test_english_counts_use_plural_forms(built):
    assert "1 plan" == built.html("en/provinces/").select_one('#former + p + ul a[href="../former-provinces/dong-thap/"]').find_next("span", class_="pill").get_text(strip=True)
    card = built.html("en/plans/").select_one('.card:has(a[href="dt-83-2014/"]) .meta + .meta').get_text(" ", strip=True)
    assert card.startswith("1 task ·") and "1 overdue" in card
    assert built.html("en/pillars/").select_one('a[href="papi-2/"]').find_next_sibling("span").get_text(strip=True) == "2 tasks"
    assert built.html("vi/pillars/").select_one('a[href="papi-2/"]').find_next_sibling("span").get_text(strip=True) == "2 nhiệm vụ"


def test_english_pages_sort_by_english_name(site):
    names = {"bac-lieu": ("Bạc Liêu", "Bac Lieu"), "bac-giang": ("Bắc Giang", "Bac Giang"), "da-nang": ("Đà Nẵng", "Da Nang"),
             "ca-mau": ("Cà Mau", "Ca Mau"), "an-giang": ("An Giang", "An Giang")}
    files = {}
    for pid, (vi, en) in names.items():
        files[f"provinces/{pid}.md"] = f"---\nname: {vi}\ntype: province\n---\n"
        files[f"provinces/{pid}.en.md"] = f"---\nname: {en}\n---\n"
    files["agencies/bao-tinh.md"] = "---\nname: Báo tỉnh\nlevel: province\n---\n"
    files["agencies/bao-tinh.en.md"] = "---\nname: provincial newspaper\n---\n"
    result = site(files)
    assert result.code == 0, result.stderr
    listed = lambda page: [a.get_text(strip=True) for a in result.html(page).select("#current + ul.province-list > li > a")]  # noqa: E731
    assert listed("vi/provinces/") == ["An Giang", "Bạc Liêu", "Bắc Giang", "Cà Mau", "Đà Nẵng", "Đồng Tháp"]
    assert listed("en/provinces/") == ["An Giang", "Bac Giang", "Bac Lieu", "Ca Mau", "Da Nang", "Dong Thap"]
    agencies = lambda page: [a.get_text(strip=True) for a in result.html(page).select("tbody td:first-child > a")]  # noqa: E731
    assert agencies("vi/agencies/") == ["Báo tỉnh", "Sở Nội vụ", "Ủy ban nhân dân cấp huyện"]
    assert agencies("en/agencies/") == ["Department of Home Affairs", "District People's Committees", "provincial newspaper"]


def test_page_descriptions_say_what_the_page_is_about(built):
    def description(path):
        soup = built.html(path)
        text = soup.select_one('meta[name="description"]')["content"]
        assert soup.select_one('meta[property="og:description"]')["content"] == text
        return text
    days = (dt.date(2026, 11, 22) - dt.date(2015, 12, 31)).days
    assert description("en/tasks/dt-83-2014/01-cong-khai/") == (
        "Task of the plan “Dong Thap civil service”. Lead agency: Department of Home Affairs. "
        f"Deadline: 31 December 2015. Status: No progress reported; Overdue by {days} days.")
    assert description("vi/tasks/dt-83-2014/01-cong-khai/") == (
        "Nhiệm vụ của kế hoạch “Công vụ Đồng Tháp”. Cơ quan chủ trì: Sở Nội vụ. "
        f"Thời hạn: 31/12/2015. Tình trạng: Chưa có báo cáo tiến độ; Quá hạn {days} ngày.")
    assert description("en/provinces/dong-thap/") == "Dong Thap: 2 plans; 2 tasks: No progress reported 2; 1 overdue."
    assert description("en/former-provinces/tien-giang/") == "Tien Giang: The portal has no plans from this place yet."
    assert description("en/agencies/so-noi-vu/") == "Department of Home Affairs: leads 2 tasks and coordinates on 0 tasks in the plans on the portal."
    assert description("en/pillars/papi-2-2/") == "Poverty Lists: 2 tasks: No progress reported 2; 1 overdue."


def test_a_plan_whose_period_ended_says_so(site):
    result = site()
    notice = result.html("en/plans/dt-83-2014/").select_one(".notice-warn").get_text(strip=True)
    assert notice == "The plan's period ended in 2015; no report of its results has been found."
    box = result.html("en/tasks/dt-83-2014/01-cong-khai/").select_one(".status-box").get_text(" ", strip=True)
    assert "The plan's period ended in 2015; no report that this task was completed has been found." in box
    assert "period ended in 2015" in result.html("en/provinces/dong-thap/").select_one(".card .ended").get_text()
    # a report on one task: the notice counts the tasks still open; a completed task has none
    update = "---\ntask: dt-83-2014/01-cong-khai\ndate: 2016-03-01\nstatus: {}\nsource: Báo cáo\n---\n"
    result = site({"updates/dt-83-2014/a.md": update.format("in-progress"), "tasks/dt-83-2014/02.md":
                   "---\nplan: dt-83-2014\ntitle: Hai\npillars: [papi-2]\nlead: [so-noi-vu]\ndeadline: none\nsection: II\n---\n"})
    assert result.code == 0, result.stderr
    assert result.html("en/plans/dt-83-2014/").select_one(".notice-warn").get_text(strip=True) == \
        "The plan's period ended in 2015; 2 of its tasks are not reported as completed or cancelled."
    result = site({"updates/dt-83-2014/a.md": update.format("completed"),
                   "updates/dt-83-2014/b.md": update.format("cancelled").replace("01-cong-khai", "02")})
    assert not result.html("en/plans/dt-83-2014/").select(".notice-warn")
    assert "period ended" not in result.html("en/tasks/dt-83-2014/01-cong-khai/").select_one(".status-box").get_text()
    # a plan still running has no notice
    plan = BASE["plans/dt-83-2014.md"].replace("period_to: 2015", "period_to: 2026")
    assert not site({"plans/dt-83-2014.md": plan}).html("en/plans/dt-83-2014/").select(".notice-warn")


def test_transcription_notes_are_folded_and_code_links_underline_only_the_name(site):
    plan = BASE["plans/dt-83-2014.md"].replace("objectives:", "source_note: Sửa lỗi chính tả “phòng chống, tham nhũng”.\n        objectives:")
    result = site({"plans/dt-83-2014.md": plan})
    assert result.code == 0, result.stderr
    note = result.html("vi/plans/dt-83-2014/").select_one("details#source-note")
    assert note.summary.get_text() == "Ghi chú về văn bản nguồn và việc chép lại"
    assert note.p.get_text() == "Sửa lỗi chính tả “phòng chống, tham nhũng”."
    link = result.html("en/pillars/").select_one('a.coded[href="papi-2/"]')
    assert [c.name for c in link.children if c.name] == ["span", "span"]
    assert (link.select_one(".code").get_text(), link.select_one(".name").get_text()) == ("2", "Transparency")
