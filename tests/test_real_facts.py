"""Facts of the shipped content, checked on the built site (issue: launch content)."""

from __future__ import annotations

import pytest

PLANS = {
    "ca-mau-117-2024": 54,
    "bac-kan-386-2024": 19,
    "dong-thap-83-2014": 12,
    "an-giang-179-2020": 82,
    "bach-sam-2023": 22,
}


@pytest.mark.parametrize("plan, count", PLANS.items())
def test_task_counts_match_the_hand_count(real_site, plan, count):
    for lang in ("vi", "en"):
        tasks = list((real_site.out / lang / "tasks" / plan).glob("*/index.html"))
        assert len(tasks) == count
        soup = real_site.html(f"{lang}/plans/{plan}/")
        assert len(soup.select("#h-tasks ~ .table-wrap table.tasks tbody tr")) == count


def test_about_page_states_the_counts(real_site):
    text = real_site.html("en/about/").get_text(" ", strip=True)
    assert "189 tasks in all" in text
    for count in PLANS.values():
        assert f"| {count}" not in text  # rendered as a table, not raw Markdown
    cells = [td.get_text(strip=True) for td in real_site.html("en/about/").select("table td:nth-of-type(3)")]
    assert [c.split(" ")[0] for c in cells] == ["54", "19", "12", "82", "22"]


def test_ca_mau_appendix_lead_for_poverty_lists(real_site):
    soup = real_site.html("vi/tasks/ca-mau-117-2024/33-theo-doi-ho-ngheo/")
    facts = {dt.get_text(strip=True): dd for dt, dd in zip(soup.select(".facts dt"), soup.select(".facts dd"))}
    assert facts["Mục trong kế hoạch"].get_text(strip=True) == "Phụ lục"
    assert "2.2" in facts["Phục vụ chỉ số"].get_text()
    assert facts["Cơ quan chủ trì"].a.get_text(strip=True) == "Sở Lao động - Thương binh và Xã hội"


def test_an_giang_targets_and_2018_total(real_site):
    en = real_site.html("en/plans/an-giang-179-2020/")
    rows = {tr.th.get_text(" ", strip=True).split(".")[0]: [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in en.select("table.targets tbody tr")}
    assert [rows[str(i)][1].split(" ")[0] for i in range(1, 9)] == ["5.40", "5.50", "5.00", "7.00", "7.50", "7.60", "5.70", "3.50"]
    assert rows["7"][0] == "5.67 (2018)" and rows["8"][0] == "2.58 (2018)"
    assert rows["1"][0] == "not stated"
    vi = real_site.html("vi/plans/an-giang-179-2020/")
    assert vi.select("table.targets tbody tr")[7].select("td")[1].get_text(" ", strip=True) == "3,50 (2020)"
    scores = real_site.html("vi/former-provinces/an-giang/")
    row_2018 = next(tr for tr in scores.select("table.scores tbody tr") if tr.th.get_text(strip=True) == "2018")
    assert row_2018.select("td")[-1].get_text(" ", strip=True) == "44,43 / 80"


def test_bac_kan_is_part_of_thai_nguyen_since_july_2025(real_site):
    former = real_site.html("en/former-provinces/bac-kan/")
    history = former.select_one(".history").get_text(" ", strip=True)
    assert "On 1 July 2025 Bac Kan merged with Thai Nguyen into the new Thai Nguyen province." in history
    plan = real_site.html("en/plans/bac-kan-386-2024/")
    place = plan.select_one(".facts").get_text(" ", strip=True)
    assert "On 1 July 2025 Bac Kan merged with Thai Nguyen into the new Thai Nguyen province." in place
    assert plan.select_one(".facts a[href$='provinces/thai-nguyen/']")
    assert "The source document is incomplete." in plan.select_one(".notice-warn").get_text()
    unit = real_site.html("vi/provinces/thai-nguyen/")
    assert unit.select_one('a[href="../../plans/bac-kan-386-2024/"]')


def test_commune_plan_has_no_number(real_site):
    plan = real_site.html("en/plans/bach-sam-2023/")
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(plan.select(".facts dt"), plan.select(".facts dd"))}
    assert facts["Number"] == "Number not given in the source document"
    assert "Bạch Sam ward" in facts["Place"]
    ward = real_site.html("en/communes/bach-sam/")
    assert "Now part of Thượng Hồng ward" in ward.select_one(".history").get_text(" ", strip=True)


def test_all_97_provinces_have_pages_with_scores(real_site):
    assert len(list((real_site.out / "vi/provinces").glob("*/index.html"))) == 34
    assert len(list((real_site.out / "vi/former-provinces").glob("*/index.html"))) == 63
    lai_chau = real_site.html("en/former-provinces/lai-chau/")
    assert "The portal has no plans from this place yet." in lai_chau.get_text()
    assert lai_chau.select("table.scores tbody tr")


def test_missing_scores_are_shown_as_missing_not_zero(real_site):
    soup = real_site.html("en/former-provinces/quang-ninh/")
    row_2023 = next(tr for tr in soup.select("table.scores tbody tr") if tr.th.get_text(strip=True) == "2023")
    assert [td.get_text(strip=True) for td in row_2023.select("td")] == ["n/a"] * 9


def test_district_committee_tasks_say_districts_ended(real_site):
    soup = real_site.html("en/tasks/ca-mau-117-2024/06-cong-khai-ho-ngheo-ngan-sach/")
    assert "ceased to exist on 1 July 2025" in soup.select_one(".facts").get_text(" ", strip=True) or \
        "District-level government ceased" in soup.select_one(".facts").get_text(" ", strip=True)


def test_reorganised_agency_shows_successor(real_site):
    soup = real_site.html("vi/agencies/so-tai-nguyen-va-moi-truong/")
    assert "Sở Nông nghiệp và Môi trường" in soup.select_one(".notice").get_text()
