#!/usr/bin/env python3
"""Generate a synthetic, realistic content tree in the portal's format, at any size.

    python bench/generate.py --tasks 10000 --seed 1 --out /tmp/bench-10k

writes DIR/content/ (builds on its own with build.py --content DIR/content):

- the reference folders copied from the real content/ (pillars, provinces,
  former-provinces, communes, agencies, pages, data), so ids are the real ones;
- generated communes (content/communes/gen-*.md), several per province;
- plans: province-level (any year 2021-2026), district-level (before 1 July 2025,
  so they name a former province) and commune-level (after, naming a generated
  commune); several plans a year per province;
- tasks spread over every PAPI dimension and sub-dimension, 10-60 per plan;
- 2-5 dated progress updates per task (content/updates/<plan>/<task>-<k>.md);
- Vietnamese bodies with diacritics of 200-400 words (plans and tasks; update notes
  are 40-120 words), with a list, a table and links; every file has an .en.md
  translation beside it.

The output depends only on --tasks and --seed (and the reference folders).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_FOLDERS = ("pillars", "provinces", "former-provinces", "communes", "agencies", "pages", "data")
REORGANISATION = dt.date(2025, 7, 1)
FIRST_YEAR, LAST_YEAR = 2021, 2026
LAST_DATE = dt.date(2026, 11, 20)   # no update is dated after this
STATUS_FLOW = ("not-started", "in-progress", "delayed", "completed", "cancelled")

# ------------------------------------------------------------------ text pools
# Parallel (Vietnamese, English) pieces; {p} is the province, {a} the lead agency, {y} a year.

SENTENCES = [
    ("Ủy ban nhân dân {p} chỉ đạo các cơ quan, đơn vị rà soát toàn bộ quy trình tiếp nhận và giải quyết hồ sơ, bảo đảm công khai, minh bạch và đúng thời hạn.",
     "The People's Committee of {p} directs agencies and units to review the whole process of receiving and handling applications, so that it is public, transparent and on time."),
    ("{a} chủ trì, phối hợp với các sở, ngành liên quan xây dựng kế hoạch chi tiết, phân công rõ người, rõ việc, rõ thời gian hoàn thành.",
     "{a} leads, with the relevant departments, the drafting of a detailed plan that states clearly who does what and by when."),
    ("Kết quả thực hiện được báo cáo định kỳ hằng quý về Sở Nội vụ để tổng hợp, trình Ủy ban nhân dân tỉnh xem xét, đánh giá.",
     "Results are reported every quarter to the Department of Home Affairs, which compiles them for the Provincial People's Committee to review and assess."),
    ("Tăng cường tuyên truyền, phổ biến để người dân hiểu rõ quyền và nghĩa vụ của mình khi tham gia các hoạt động ở cơ sở.",
     "Step up communication so that citizens understand their rights and duties when they take part in activities at the local level."),
    ("Niêm yết công khai danh mục thủ tục hành chính, mức phí, lệ phí và thời gian giải quyết tại trụ sở và trên Cổng thông tin điện tử của tỉnh.",
     "Post the list of administrative procedures, fees, charges and processing times at the office and on the provincial web portal."),
    ("Người đứng đầu cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện nhiệm vụ được giao.",
     "The head of each agency or unit answers to the Chairperson of the Provincial People's Committee for the results of the tasks assigned."),
    ("Tổ chức đối thoại định kỳ giữa lãnh đạo chính quyền với người dân, doanh nghiệp để kịp thời tháo gỡ khó khăn, vướng mắc.",
     "Hold regular dialogues between government leaders, citizens and businesses to resolve difficulties and obstacles promptly."),
    ("Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến toàn trình.",
     "Expand the use of information technology and digital transformation in handling administrative procedures and in providing end-to-end online public services."),
    ("Kiểm tra, thanh tra việc thực hiện các quy định về công khai, minh bạch trong quản lý đất đai, ngân sách và đầu tư công năm {y}.",
     "Inspect compliance with the rules on openness and transparency in land management, budgets and public investment in {y}."),
    ("Xử lý nghiêm các trường hợp cán bộ, công chức, viên chức có hành vi nhũng nhiễu, gây phiền hà cho người dân và doanh nghiệp.",
     "Deal strictly with officials, civil servants and public employees who harass or cause trouble for citizens and businesses."),
    ("Bảo đảm kinh phí thực hiện từ nguồn ngân sách nhà nước được giao trong dự toán hằng năm của cơ quan, đơn vị.",
     "Funding comes from the state budget allocated in the annual estimates of each agency and unit."),
    ("Huy động sự tham gia của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội trong giám sát việc thực hiện.",
     "Involve the Viet Nam Fatherland Front and the socio-political organisations in monitoring implementation."),
    ("Nâng cao chất lượng dịch vụ y tế, giáo dục, cấp nước sạch và thu gom rác thải, nhất là ở vùng nông thôn, vùng sâu, vùng xa.",
     "Improve health care, education, clean water supply and waste collection, especially in rural and remote areas."),
    ("Thường xuyên cập nhật thông tin về quy hoạch, kế hoạch sử dụng đất và khung giá đất để người dân dễ dàng tra cứu.",
     "Keep information on land-use planning, land-use plans and land price frameworks up to date so that citizens can look it up easily."),
    ("Phấn đấu đến năm {y}, tỷ lệ hồ sơ được giải quyết đúng hạn đạt trên 98% và mức độ hài lòng của người dân đạt trên 90%.",
     "By {y}, aim for more than 98% of applications to be handled on time and for citizen satisfaction to exceed 90%."),
    ("Đánh giá, phân tích kết quả Chỉ số PAPI của {p} qua các năm để xác định nội dung còn hạn chế và nguyên nhân.",
     "Assess and analyse {p}'s PAPI results over the years to identify the weaker areas and their causes."),
    ("Khen thưởng kịp thời tập thể, cá nhân có thành tích xuất sắc; phê bình, kiểm điểm những đơn vị chậm triển khai.",
     "Reward outstanding teams and individuals promptly; criticise and review the units that are slow to act."),
    ("Tiếp nhận, xử lý phản ánh, kiến nghị của người dân qua đường dây nóng, ứng dụng trên điện thoại và hộp thư góp ý.",
     "Receive and handle citizens' feedback and petitions through the hotline, the mobile application and the suggestion box."),
    ("Bồi dưỡng kỹ năng giao tiếp, ứng xử và đạo đức công vụ cho đội ngũ cán bộ, công chức làm việc trực tiếp với người dân.",
     "Train the officials and civil servants who deal directly with citizens in communication, conduct and public-service ethics."),
    ("Phối hợp với các cơ quan báo chí đưa tin về kết quả thực hiện, biểu dương mô hình hay, cách làm hiệu quả.",
     "Work with the press to report on results and to highlight good models and effective practices."),
    ("Rà soát, đơn giản hóa thành phần hồ sơ, cắt giảm thời gian giải quyết ít nhất 30% so với quy định hiện hành.",
     "Review and simplify the documents required, cutting processing times by at least 30% compared with the current rules."),
    ("Công khai kết quả xử lý các vụ việc tiêu cực, tham nhũng để người dân theo dõi, giám sát.",
     "Publish the outcome of cases of misconduct and corruption so that citizens can follow and monitor them."),
    ("Triển khai ứng dụng khảo sát mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước.",
     "Roll out an application that surveys citizens' satisfaction with the service of state administrative agencies."),
    ("Xây dựng cơ sở dữ liệu dùng chung, kết nối, chia sẻ dữ liệu giữa các cấp chính quyền, tránh yêu cầu người dân nộp lại giấy tờ.",
     "Build shared databases and connect and share data between levels of government, so that citizens are not asked to resubmit papers."),
]

LIST_ITEMS = [
    ("Rà soát quy trình nội bộ, loại bỏ các bước trùng lặp;", "review internal procedures and remove duplicated steps;"),
    ("Công bố số điện thoại đường dây nóng tại bộ phận một cửa;", "publish the hotline number at the one-stop desk;"),
    ("Tổ chức hội nghị đối thoại với người dân ít nhất hai lần mỗi năm;", "hold dialogue meetings with citizens at least twice a year;"),
    ("Cập nhật thông tin lên Cổng thông tin điện tử trong vòng 3 ngày làm việc;", "post updates on the web portal within 3 working days;"),
    ("Lấy ý kiến người dân về dự thảo quy hoạch, kế hoạch sử dụng đất;", "consult citizens on draft land-use plans;"),
    ("Kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính;", "carry out unannounced checks of administrative discipline;"),
    ("Báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng cuối quý;", "report results to the Department of Home Affairs by the 15th of the last month of each quarter;"),
    ("Bố trí công chức có năng lực làm việc tại bộ phận tiếp nhận hồ sơ;", "assign capable civil servants to the application desk;"),
    ("Hướng dẫn người dân sử dụng dịch vụ công trực tuyến;", "help citizens use online public services;"),
    ("Công khai danh sách hộ nghèo, hộ cận nghèo tại nhà văn hóa thôn, khu phố;", "post the lists of poor and near-poor households at village and neighbourhood halls;"),
]

UPDATE_SENTENCES = [
    ("Đã ban hành văn bản hướng dẫn và tổ chức hội nghị triển khai đến các cơ quan, đơn vị.",
     "Guidance was issued and a meeting held to roll it out to agencies and units."),
    ("Một số đơn vị còn chậm gửi báo cáo, chưa bố trí đủ nhân lực để thực hiện.",
     "Some units were late with their reports and have not assigned enough staff."),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn trong kỳ đạt 96,4%, tăng so với cùng kỳ năm trước.",
     "96.4% of applications were handled on time in the period, up on the same period last year."),
    ("Đã tổ chức 12 cuộc đối thoại với người dân tại các xã, phường.",
     "Twelve dialogues with citizens were held in communes and wards."),
    ("Kinh phí thực hiện chưa được bố trí đầy đủ nên một số nội dung phải lùi sang năm sau.",
     "Funding was not fully allocated, so some items were postponed to next year."),
    ("Cổng thông tin điện tử đã cập nhật đầy đủ danh mục thủ tục hành chính và kết quả giải quyết.",
     "The web portal now lists every administrative procedure and its results."),
    ("Sở Nội vụ đã kiểm tra tại 8 đơn vị, phát hiện và yêu cầu khắc phục 5 tồn tại.",
     "The Department of Home Affairs inspected 8 units and required 5 shortcomings to be fixed."),
]

TITLE_VERBS = [("Tăng cường", "Strengthen"), ("Nâng cao", "Improve"), ("Đẩy mạnh", "Step up"),
               ("Rà soát", "Review"), ("Tổ chức", "Organise"), ("Công khai", "Publish")]

DISTRICTS = ["huyện Châu Thành", "huyện Phú Tân", "thị xã Tân Châu", "huyện Thoại Sơn", "thành phố Long Xuyên",
             "huyện Bình Xuyên", "thị xã Mỹ Hào", "huyện Văn Lâm", "huyện Cái Nước", "huyện Ba Bể"]
COMMUNE_NAMES = ["Tân Phú", "Bình An", "Hòa Thành", "Phú Mỹ", "An Lạc", "Long Hưng", "Thạnh Lợi", "Mỹ Hòa",
                 "Đông Sơn", "Quảng Phú", "Thượng Lâm", "Nghĩa Đô", "Xuân Trường", "Hưng Đạo", "Vĩnh Thạnh"]
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Đức", "Phạm Quốc Hùng", "Hoàng Thị Lan", "Võ Thanh Sơn"]
STATUS_WORDS = {"not-started": ("chưa triển khai", "not started"), "in-progress": ("đang thực hiện", "in progress"),
                "delayed": ("chậm tiến độ", "delayed"), "completed": ("hoàn thành", "completed"),
                "cancelled": ("dừng thực hiện", "cancelled")}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


# ------------------------------------------------------------------ helpers

def slugify(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def vi_date(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def en_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def read_frontmatter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def write_record(path: Path, fields_vi: list[tuple[str, str]], body_vi: str,
                 fields_en: list[tuple[str, str]], body_en: str) -> None:
    """Write x.md and x.en.md; field values are already YAML (quoted or plain)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, fields, body in ((path, fields_vi, body_vi), (path.with_suffix(".en.md"), fields_en, body_en)):
        head = "\n".join(f"{k}: {v}" for k, v in fields)
        target.write_text(f"---\n{head}\n---\n{body}\n", encoding="utf-8")


class Reference:
    """Ids and names read from the real content folder."""

    def __init__(self, content: Path):
        def names(folder):
            out = {}
            for p in sorted((content / folder).glob("*.md")):
                if p.name.endswith(".en.md"):
                    continue
                vi = read_frontmatter(p)
                en_path = p.with_name(p.name[:-3] + ".en.md")
                en = read_frontmatter(en_path) if en_path.exists() else {}
                out[p.name[:-3]] = (vi, en)
            return out
        self.provinces = names("provinces")
        self.former = names("former-provinces")
        self.agencies = names("agencies")
        pillars = names("pillars")
        self.pillars = pillars
        self.dimensions = sorted(pid for pid, (vi, _) in pillars.items()
                                 if vi.get("parent") == "papi")
        self.subs = {d: sorted(pid for pid, (vi, _) in pillars.items() if vi.get("parent") == d)
                     for d in self.dimensions}
        self.former_by_current = {}
        for fid, (vi, _) in self.former.items():
            self.former_by_current.setdefault(vi["successor"], []).append(fid)
        today = dt.date(2025, 7, 1)
        self.agencies_by_level = {}
        self.current_agencies_by_level = {}
        for aid, (vi, _) in self.agencies.items():
            self.agencies_by_level.setdefault(vi["level"], []).append(aid)
            ended = vi.get("ended") or vi.get("successor_since")
            if not ended or ended > today:
                self.current_agencies_by_level.setdefault(vi["level"], []).append(aid)

    def name(self, table, rid, lang):
        vi, en = table[rid]
        return en.get("name", vi["name"]) if lang == "en" else vi["name"]


# ------------------------------------------------------------------ bodies

def fill(pair, lang, ctx):
    return pair[0 if lang == "vi" else 1].format(**ctx[lang])


def long_body(rng: random.Random, ctx: dict, link: str, words_target: int) -> tuple[str, str]:
    """A 200-400 word body (counted on the Vietnamese) with a list, a table and links."""
    picks = rng.sample(range(len(SENTENCES)), len(SENTENCES))
    items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
    rows = [(2023 + i, rng.randint(60, 99), rng.randint(70, 100)) for i in range(3)]
    out = {}
    for lang in ("vi", "en"):
        heads = {"vi": ("Nội dung thực hiện", "Chỉ tiêu", "Năm", "Kết quả (%)", "Mục tiêu (%)",
                        "Xem thêm", "văn bản hướng dẫn", "Cổng dịch vụ công quốc gia"),
                 "en": ("What will be done", "Indicator", "Year", "Result (%)", "Target (%)",
                        "See also", "the guidance document", "National Public Service Portal")}[lang]
        parts = [" ".join(fill(SENTENCES[i], lang, ctx) for i in picks[:3])]
        parts.append(f"### {heads[0]}\n\n" + "\n".join(f"- {fill(it, lang, ctx)}" for it in items))
        parts.append(" ".join(fill(SENTENCES[i], lang, ctx) for i in picks[3:5])
                     + f" {heads[5]}: [{heads[6]}]({link}) · [{heads[7]}](https://dichvucong.gov.vn).")
        table = [f"| {heads[1]} | {heads[2]} | {heads[3]} | {heads[4]} |", "|---|---:|---:|---:|"]
        indicator = "Hồ sơ đúng hạn" if lang == "vi" else "Applications on time"
        table += [f"| {indicator} | {y} | {r} | {t} |" for y, r, t in rows]
        parts.append("\n".join(table))
        out[lang] = parts
    # A closing paragraph of whole sentences until the Vietnamese text reaches the target.
    closing = {"vi": [], "en": []}
    rest = picks[5:] + picks
    while len(" ".join(out["vi"] + closing["vi"]).split()) < words_target:
        i = rest.pop(0)
        for lang in ("vi", "en"):
            closing[lang].append(fill(SENTENCES[i], lang, ctx))
    for lang in ("vi", "en"):
        if closing[lang]:
            out[lang].append(" ".join(closing[lang]))
    return "\n\n".join(out["vi"]), "\n\n".join(out["en"])


def short_body(rng: random.Random, percent) -> tuple[str, str]:
    picks = rng.sample(UPDATE_SENTENCES, rng.randint(2, 4))
    vi = " ".join(p[0] for p in picks)
    en = " ".join(p[1] for p in picks)
    if rng.random() < 0.4:
        items = rng.sample(LIST_ITEMS, 3)
        vi += "\n\n" + "\n".join(f"- {i[0]}" for i in items)
        en += "\n\n" + "\n".join(f"- {i[1]}" for i in items)
    if percent is not None:
        vi += f"\n\nTỷ lệ hoàn thành theo báo cáo: **{percent}%**."
        en += f"\n\nShare completed according to the report: **{percent}%**."
    return vi, en


# ------------------------------------------------------------------ generator

class Generator:
    def __init__(self, ref: Reference, rng: random.Random, out: Path):
        self.ref, self.rng, self.content = ref, rng, out / "content"
        self.counts = {"communes": 0, "plans": 0, "tasks": 0, "updates": 0}

    def communes(self, per_province: int) -> dict:
        """Generated wards and communes (current units, after 1 July 2025)."""
        out = {}
        for pid in sorted(self.ref.provinces):
            names = self.rng.sample(COMMUNE_NAMES, min(per_province, len(COMMUNE_NAMES)))
            while len(names) < per_province:
                names.append(f"{self.rng.choice(COMMUNE_NAMES)} {len(names) + 1}")
            for name in names:
                kind = self.rng.choice(["commune", "ward"])
                vi_name = ("Xã " if kind == "commune" else "Phường ") + name
                en_name = f"{name} {kind}"
                cid = f"gen-{slugify(name)}-{pid}"
                prov_vi = self.ref.name(self.ref.provinces, pid, "vi")
                prov_en = self.ref.name(self.ref.provinces, pid, "en")
                write_record(
                    self.content / "communes" / f"{cid}.md",
                    [("name", q(vi_name)), ("type", kind), ("province", pid)],
                    f"{vi_name} thuộc {prov_vi} từ ngày 1/7/2025.",
                    [("name", q(en_name))],
                    f"A {kind} of {prov_en} since 1 July 2025.")
                out.setdefault(pid, []).append((cid, vi_name, en_name))
                self.counts["communes"] += 1
        return out

    def plan_sizes(self, total: int) -> list[int]:
        sizes = []
        while sum(sizes) < total:
            sizes.append(self.rng.randint(10, 60))
        sizes[-1] -= sum(sizes) - total
        if sizes[-1] < 1:
            sizes.pop()
        return sizes

    def run(self, total_tasks: int) -> dict:
        rng, ref = self.rng, self.ref
        communes = self.communes(max(3, total_tasks // 2000))
        provinces = sorted(ref.provinces)
        used_ids = set()
        for index, size in enumerate(self.plan_sizes(total_tasks)):
            current = provinces[index % len(provinces)]
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            issued = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364 if year < LAST_YEAR else 270))
            before = issued < REORGANISATION
            level = rng.choices(["province", "district", "commune"], [5, 2, 3])[0]
            if level == "district" and not before:
                level = "province"
            if level == "commune" and before:
                level = "district"
            province = rng.choice(ref.former_by_current[current]) if before else current
            commune = rng.choice(communes[current]) if level == "commune" else None
            district = rng.choice(DISTRICTS) if level == "district" else None
            number = rng.randint(10, 499)
            base = commune[0] if commune else (f"{province}-{slugify(district)}" if district else province)
            pid = f"{base}-{number}-{year}"
            while pid in used_ids:
                number += 1
                pid = f"{base}-{number}-{year}"
            used_ids.add(pid)
            self.plan(pid, level, province, current, before, commune, district, issued, number, size)
        return self.counts

    def place_names(self, province, before):
        table = self.ref.former if before else self.ref.provinces
        return {lang: self.ref.name(table, province, lang) for lang in ("vi", "en")}

    def plan(self, pid, level, province, current, before, commune, district, issued, number, size):
        rng, ref = self.rng, self.ref
        names = self.place_names(province, before)
        if commune:
            where_vi, where_en = commune[1], commune[2]
        elif district:
            where_vi, where_en = f"{district}, tỉnh {names['vi']}", f"{slugify(district).replace('-', ' ').title()}, {names['en']}"
        else:
            where_vi, where_en = f"tỉnh {names['vi']}", f"{names['en']} province"
        period_to = issued.year + rng.choice([0, 0, 1, 2])
        issuer_vi, issuer_en = f"Ủy ban nhân dân {where_vi}", f"People's Committee of {where_en}"
        doc_no = f"{number}/KH-UBND"
        fields = [
            ("title", q(f"Kế hoạch nâng cao Chỉ số hiệu quả quản trị và hành chính công (PAPI) {where_vi} năm {issued.year}")),
            ("short_title", q(f"Nâng cao PAPI {issued.year} – {where_vi}")),
            ("number", q(doc_no)), ("issuer", q(issuer_vi)), ("level", level), ("province", province),
        ]
        if commune:
            fields.append(("commune", commune[0]))
        if district:
            fields.append(("district", q(district)))
        fields += [
            ("date_issued", issued.isoformat()), ("signer", q(rng.choice(SIGNERS))),
            ("signer_role", q("Chủ tịch Ủy ban nhân dân")),
            ("period_from", str(issued.year)), ("period_to", str(period_to)), ("frameworks", "[papi]"),
            ("source_document", q(f"Kế hoạch số {doc_no} ngày {vi_date(issued)} của {issuer_vi}")),
            ("source_url", q(f"https://vanban.{slugify(names['vi'])}.gov.vn/{pid}")),
        ]
        objectives = rng.sample(SENTENCES, rng.randint(2, 4))
        ctx = {"vi": {"p": where_vi, "a": "Sở Nội vụ", "y": period_to},
               "en": {"p": where_en, "a": "The Department of Home Affairs", "y": period_to}}
        fields.append(("objectives", "\n" + "\n".join(f"  - {q(fill(o, 'vi', ctx))}" for o in objectives)))
        dims = rng.sample(ref.dimensions, 2)
        fields.append(("targets", "\n" + "\n".join(
            f"  - {{pillar: {d}, year: {period_to}, value: {rng.uniform(4.5, 8):.2f}}}" for d in dims)))
        fields_en = [
            ("title", q(f"Plan to improve the Provincial Governance and Public Administration Performance Index (PAPI) of {where_en} in {issued.year}")),
            ("short_title", q(f"PAPI improvement {issued.year} – {where_en}")),
            ("issuer", q(issuer_en)),
        ]
        if district:
            fields_en.append(("district", q(slugify(district).replace("-", " ").title())))
        fields_en += [
            ("signer_role", q("Chairperson of the People's Committee")),
            ("source_document", q(f"Plan No. {doc_no} of {en_date(issued)} of the {issuer_en}")),
            ("objectives", "\n" + "\n".join(f"  - {q(fill(o, 'en', ctx))}" for o in objectives)),
        ]
        link = f"https://vanban.{slugify(names['vi'])}.gov.vn/{pid}/huong-dan"
        body_vi, body_en = long_body(rng, ctx, link, rng.randint(200, 365))
        write_record(self.content / "plans" / f"{pid}.md", fields, body_vi, fields_en, body_en)
        self.counts["plans"] += 1
        for order in range(1, size + 1):
            self.task(pid, level, before, issued, period_to, order, ctx, names)

    def task(self, pid, level, before, issued, period_to, order, plan_ctx, names):
        rng, ref = self.rng, self.ref
        dim = rng.choice(ref.dimensions)
        roll = rng.random()
        if roll < 0.03:
            pillars = ["papi"]
        elif roll < 0.08:
            pillars = [dim]
        else:
            pillars = rng.sample(ref.subs[dim], 2 if rng.random() < 0.2 and len(ref.subs[dim]) > 1 else 1)
        pool = (ref.agencies_by_level if before else ref.current_agencies_by_level)
        leads_pool = pool.get({"province": "province", "district": "district", "commune": "commune"}[level]) or pool["province"]
        lead = rng.sample(leads_pool, rng.choice([1, 1, 1, 2]))
        partners = rng.sample([a for a in leads_pool + pool["other"] if a not in lead], rng.randint(0, 3))
        dim_vi = ref.name(ref.pillars, dim, "vi")
        dim_en = ref.name(ref.pillars, dim, "en")
        focus = pillars[0]
        focus_vi, focus_en = ref.name(ref.pillars, focus, "vi"), ref.name(ref.pillars, focus, "en")
        verb = rng.choice(TITLE_VERBS)
        title_vi = f"{verb[0]} {focus_vi[0].lower()}{focus_vi[1:]} ({order})"
        title_en = f"{verb[1]}: {focus_en} ({order})"
        kind = rng.choices(["date", "ongoing", "none"], [5, 3, 2])[0]
        fields = [("plan", pid), ("title", q(title_vi)), ("pillars", f"[{', '.join(pillars)}]"),
                  ("lead", f"[{', '.join(lead)}]")]
        if partners:
            fields.append(("partners", f"[{', '.join(partners)}]"))
        fields_en = [("title", q(title_en))]
        if kind == "date":
            deadline = dt.date(period_to, 1, 1) + dt.timedelta(days=rng.randint(30, 364))
            fields += [("deadline", deadline.isoformat()), ("deadline_text", q(f"trước ngày {vi_date(deadline)}"))]
            fields_en.append(("deadline_text", q(f"by {en_date(deadline)}")))
        elif kind == "ongoing":
            fields += [("deadline", "ongoing"), ("deadline_text", q("thường xuyên"))]
            fields_en.append(("deadline_text", q("regularly")))
        else:
            fields.append(("deadline", "none"))
        number = ref.dimensions.index(dim) + 1
        fields += [("section", q(f"II.{number}. {dim_vi}")), ("order", str(order))]
        fields_en.append(("section", q(f"II.{number}. {dim_en}")))
        lead_names = {lang: ref.name(ref.agencies, lead[0], lang) for lang in ("vi", "en")}
        ctx = {lang: dict(plan_ctx[lang], a=lead_names[lang]) for lang in ("vi", "en")}
        link = f"https://vanban.{slugify(names['vi'])}.gov.vn/{pid}/nhiem-vu-{order:02d}"
        body_vi, body_en = long_body(rng, ctx, link, rng.randint(200, 365))
        slug = f"{order:02d}-{slugify(focus_vi)[:40].strip('-')}"
        write_record(self.content / "tasks" / pid / f"{slug}.md", fields, body_vi, fields_en, body_en)
        self.counts["tasks"] += 1
        self.updates(pid, slug, issued, rng.randint(2, 5))

    def updates(self, pid, task_slug, issued, n):
        rng = self.rng
        span = (LAST_DATE - issued).days
        step = max(1, span // (n + 1))
        date = issued
        percent = 0
        statuses = ["not-started"] + ["in-progress"] * 3 + ["delayed"]
        for k in range(1, n + 1):
            date = min(LAST_DATE, date + dt.timedelta(days=rng.randint(max(1, step // 2), step)))
            last = k == n
            status = rng.choices(["completed", "in-progress", "delayed", "cancelled"], [5, 3, 2, 0.3])[0] if last \
                else statuses[min(k - 1, len(statuses) - 1)] if k == 1 else rng.choice(["in-progress", "delayed"])
            percent = 100 if status == "completed" else min(95, percent + rng.randint(5, 30))
            shown = percent if rng.random() < 0.6 and status != "not-started" else None
            report = rng.randint(1, 300)
            source_vi = f"Báo cáo số {report}/BC-UBND ngày {vi_date(date)}"
            source_en = f"Report No. {report}/BC-UBND of {en_date(date)}"
            fields = [("task", f"{pid}/{task_slug}"), ("date", date.isoformat()), ("status", status)]
            if shown is not None:
                fields.append(("percent", str(shown)))
            fields.append(("source", q(source_vi)))
            if rng.random() < 0.5:
                fields.append(("source_url", q(f"https://baocao.gov.vn/{pid}/{report}")))
            body_vi, body_en = short_body(rng, shown)
            write_record(self.content / "updates" / pid / f"{task_slug}-{k}.md",
                         fields, body_vi, [("source", q(source_en))], body_en)
            self.counts["updates"] += 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--tasks", type=int, required=True, help="number of tasks to generate")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same corpus")
    ap.add_argument("--out", type=Path, required=True, help="output folder; DIR/content is replaced")
    ap.add_argument("--reference", type=Path, default=ROOT / "content",
                    help="real content folder to copy reference data from (default: content/)")
    args = ap.parse_args(argv)
    if args.tasks < 1:
        ap.error("--tasks must be at least 1")
    content = args.out / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    for folder in REFERENCE_FOLDERS:
        src = args.reference / folder
        if src.is_dir():
            shutil.copytree(src, content / folder)
    gen = Generator(Reference(args.reference), random.Random(args.seed), args.out)
    counts = gen.run(args.tasks)
    print(json.dumps({"tasks": args.tasks, "seed": args.seed, **counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
