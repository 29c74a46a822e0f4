"""Every page type, in both languages: lang, hreflang, language switch, content."""

from __future__ import annotations

import pytest

PAGES = [
    "{lang}/",
    "{lang}/provinces/",
    "{lang}/provinces/dong-thap/",
    "{lang}/former-provinces/tien-giang/",
    "{lang}/pillars/",
    "{lang}/pillars/papi-2-2/",
    "{lang}/plans/",
    "{lang}/plans/dt-83-2014/",
    "{lang}/tasks/dt-83-2014/01-cong-khai/",
    "{lang}/agencies/",
    "{lang}/agencies/so-noi-vu/",
]


@pytest.fixture
def built(site):
    result = site()
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
    former = built.html("en/former-provinces/tien-giang/")
    history = former.select_one(".history").get_text(" ", strip=True)
    assert "merged into Dong Thap" in history and "together with Dong Thap" in history


def test_plan_of_former_province_also_listed_on_successor(built):
    unit = built.html("vi/provinces/dong-thap/")
    assert unit.select_one('a[href="../../plans/dt-83-2014/"]')
    former = built.html("vi/former-provinces/tien-giang/")
    assert "Chưa có kế hoạch nào" in former.select_one("#h-plans").find_next("p").get_text()


def test_unknown_plan_number_is_said_honestly(site):
    plan = dict(__import__("tests.conftest", fromlist=["BASE"]).BASE)["plans/dt-83-2014.md"].replace("number: 83/KH-UBND", "number: unknown")
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


def test_as_of_date_printed_on_every_page(built):
    assert "Tình trạng tính đến ngày 22 tháng 11 năm 2026." in built.html("vi/").select_one("footer").get_text()
    assert "Status as of 22 November 2026." in built.html("en/plans/dt-83-2014/").select_one("footer").get_text()


def test_links_in_bodies_to_site_pages_are_relative(site):
    task = "---\nplan: dt-83-2014\ntitle: Công khai\npillars: [papi-2-2]\nlead: [so-noi-vu]\ndeadline: none\nsection: II\n---\nXem [kế hoạch](/vi/plans/dt-83-2014/#h-tasks).\n"
    result = site({"tasks/dt-83-2014/01-cong-khai.md": task})
    assert result.code == 0, result.stderr
    link = result.html("vi/tasks/dt-83-2014/01-cong-khai/").select_one(".prose a")
    assert link["href"] == "../../../plans/dt-83-2014/#h-tasks"
