"""One test per validation rule, each checking the exact message an editor sees.

Every failed build exits 1, prints `path:line: field: problem`, and writes nothing.
"""

from __future__ import annotations

import unicodedata

import pytest

from tests.conftest import BASE

TASK = "content/tasks/dt-83-2014/01-cong-khai.md"
PLAN = "content/plans/dt-83-2014.md"


def with_task(**changes) -> dict:
    """The base task with some frontmatter lines replaced (value None drops the line)."""
    lines = BASE["tasks/dt-83-2014/01-cong-khai.md"].split("\n")
    out = []
    for line in lines:
        key = line.strip().split(":", 1)[0]
        if key in changes:
            if changes[key] is not None:
                out.append(line[: len(line) - len(line.lstrip())] + f"{key}: {changes.pop(key)}")
            else:
                changes.pop(key)
            continue
        out.append(line)
    text = "\n".join(out)
    for key, value in changes.items():  # new fields go before the closing fence
        text = text.replace("        order: 1\n", f"        order: 1\n        {key}: {value}\n")
    return {"tasks/dt-83-2014/01-cong-khai.md": text}


def failed(result) -> list[str]:
    assert result.code == 1, result.stdout + result.stderr
    assert not result.out.exists(), "a failed build must not write the site"
    return result.errors


def test_unknown_field(site):
    assert failed(site(with_task(titel="x"))) == [
        f"{TASK}:10: titel: unknown field for tasks; did you mean 'title'?"]


def test_missing_required_field(site):
    assert failed(site(with_task(lead=None))) == [
        f"{TASK}:1: lead: missing; add a line 'lead: ...' (e.g. lead: [so-lao-dong-thuong-binh-va-xa-hoi])"]


def test_malformed_yaml(site):
    assert failed(site(with_task(title='"unclosed'))) == [
        f"{TASK}:3: frontmatter: invalid YAML (while scanning a quoted scalar, found unexpected end of stream); "
        "check quotes, colons and indentation"]


def test_yaml_no_is_not_text(site):
    assert failed(site(with_task(section="no"))) == [
        f"{TASK}:8: section: expected text, but YAML reads this as false (yes/no/on/off are true/false); put the value in quotes"]


def test_bare_date_in_text_field(site):
    assert failed(site(with_task(section="2024-01-05"))) == [
        f"{TASK}:8: section: expected text, but YAML reads this as a date; put the value in quotes"]


def test_number_in_text_field(site):
    assert failed(site(with_task(section="1.10"))) == [
        f"{TASK}:8: section: expected text, but YAML reads this as the number 1.1; put the value in quotes"]


def test_duplicate_key(site):
    assert failed(site(with_task(title2="x") | {
        "tasks/dt-83-2014/01-cong-khai.md": BASE["tasks/dt-83-2014/01-cong-khai.md"].replace(
            "order: 1\n", "order: 1\n        order: 2\n")})) == [
        f"{TASK}:10: order: given twice (also on line 9); keep only one"]


def test_bad_date(site):
    assert failed(site(with_task(deadline="31/12/2015"))) == [
        f"{TASK}:7: deadline: '31/12/2015' is not a deadline; write a date (YYYY-MM-DD), 'ongoing' (thường xuyên) or 'none' (not stated)"]


def test_impossible_date(site):
    assert failed(site(with_task(deadline="2015-02-30"))) == [
        f"{TASK}:7: deadline: '2015-02-30' is not a real date; write it as YYYY-MM-DD, e.g. 2024-05-16"]


def test_unknown_choice(site):
    plan = BASE["plans/dt-83-2014.md"].replace("level: province", "level: tỉnh")
    assert failed(site({"plans/dt-83-2014.md": plan})) == [
        f"{PLAN}:6: level: 'tỉnh' is not allowed; use one of: province, district, commune"]


def test_unknown_plan_reference(site):
    assert failed(site(with_task(plan="dt-84-2014"))) == [
        f"{TASK}:2: plan: unknown plan 'dt-84-2014'; did you mean 'dt-83-2014'?"]


def test_unknown_pillar_reference(site):
    assert failed(site(with_task(pillars="[papi-9-9]"))) == [
        f"{TASK}:4: pillars: unknown index or pillar 'papi-9-9'; did you mean 'papi-2-2'?"]


def test_unknown_agency_reference(site):
    assert failed(site(with_task(lead="[so-noi]"))) == [
        f"{TASK}:5: lead: unknown agency 'so-noi'; did you mean 'so-noi-vu'?"]


def test_unknown_province_reference_is_checked_against_the_date(site):
    # issued before 1 July 2025: the province must be one of the former provinces
    # (an-giang is not a former province here, and the 34-unit dong-thap is not one either)
    plan = BASE["plans/dt-83-2014.md"].replace("province: dong-thap", "province: an-giang")
    assert failed(site({"plans/dt-83-2014.md": plan})) == [
        f"{PLAN}:7: province: unknown former province (before 1 July 2025) 'an-giang'; did you mean 'tien-giang'?"]
    later = BASE["plans/dt-83-2014.md"].replace("date_issued: 2014-06-11", "date_issued: 2025-08-01").replace(
        "province: dong-thap", "province: tien-giang")
    assert failed(site({"plans/dt-83-2014.md": later})) == [
        f"{PLAN}:7: province: unknown province (since 1 July 2025) 'tien-giang'; see content/provinces/ for the ids"]


def test_unknown_task_in_update(site):
    update = "---\ntask: dt-83-2014/02\ndate: 2015-01-01\nstatus: completed\nsource: Báo cáo\n---\n"
    assert failed(site({"updates/u1.md": update})) == [
        "content/updates/u1.md:2: task: unknown task 'dt-83-2014/02'; did you mean 'dt-83-2014/01-cong-khai'?"]


def test_two_files_with_the_same_id(site):
    # NFC and NFD spellings of one name are the same record, and so is its ASCII slug
    nfc = unicodedata.normalize("NFC", "Đồng Tháp.md")
    nfd = unicodedata.normalize("NFD", "Đồng Tháp.md")
    assert nfc != nfd
    errors = failed(site({f"provinces/{nfc}": "---\nname: A\ntype: province\n---\n",
                          f"provinces/{nfd}": "---\nname: B\ntype: province\n---\n"}))
    assert sorted(errors) == sorted(
        f"content/provinces/{name}:1: file: has the same id 'dong-thap' as content/provinces/dong-thap.md; rename one of them"
        for name in (nfc, nfd))


def test_two_records_with_the_same_output_path(site):
    plan2 = BASE["plans/dt-83-2014.md"].replace("period_to: 2015", "period_to: 2015\n        slug: dt-83-2014")
    result = site({"plans/other.md": plan2})
    assert failed(result) == [
        "content/plans/other.md:11: slug: 'dt-83-2014' is already the address of content/plans/dt-83-2014.md; choose another"]


def test_slug_escaping_the_site(site):
    assert failed(site(with_task(slug="../../etc"))) == [
        f"{TASK}:10: slug: '../../etc' would write outside site/; use lowercase letters, digits and hyphens only"]


def test_slug_with_bad_characters(site):
    assert failed(site(with_task(slug="Công Khai"))) == [
        f"{TASK}:10: slug: 'Công Khai' is not a valid slug; use lowercase letters, digits and hyphens only, e.g. 'cong-khai'"]


def test_untranslatable_field_in_english_file(site):
    en = BASE["tasks/dt-83-2014/01-cong-khai.en.md"].replace("section: II.1", "section: II.1\n        deadline: 2016-01-01")
    assert failed(site({"tasks/dt-83-2014/01-cong-khai.en.md": en})) == [
        "content/tasks/dt-83-2014/01-cong-khai.en.md:4: deadline: is not translated; set it once, in "
        f"{TASK}, and remove it here"]


def test_translation_without_original(site):
    assert failed(site({"agencies/so-y-te.en.md": "---\nname: Department of Health\n---\n"})) == [
        "content/agencies/so-y-te.en.md:1: file: translation without a Vietnamese original; create content/agencies/so-y-te.md first"]


def test_translated_list_must_match(site):
    en = BASE["plans/dt-83-2014.en.md"].replace("  - Objective one", "  - Objective one\n          - Objective two")
    assert failed(site({"plans/dt-83-2014.en.md": en})) == [
        "content/plans/dt-83-2014.en.md:6: objectives: has 2 items but the Vietnamese list has 1; translate each item once"]


def test_percent_out_of_range(site):
    update = "---\ntask: dt-83-2014/01-cong-khai\ndate: 2015-01-01\nstatus: in-progress\npercent: 140\nsource: Báo cáo\n---\n"
    assert failed(site({"updates/u1.md": update})) == [
        "content/updates/u1.md:5: percent: expected a whole number from 0 to 100, but YAML reads this as the number 140"]


def test_javascript_url_rejected(site):
    update = "---\ntask: dt-83-2014/01-cong-khai\ndate: 2015-01-01\nstatus: completed\nsource: x\nsource_url: javascript:alert(1)\n---\n"
    assert failed(site({"updates/u1.md": update})) == [
        "content/updates/u1.md:6: source_url: 'javascript:alert(1)' is not a web address; write a full address starting with https://"]


def test_python_tags_rejected(site):
    assert failed(site(with_task(title="!!python/object/apply:os.system [echo hi]"))) == [
        f"{TASK}:3: title: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; write plain text, numbers, lists or dates"]


def test_control_characters_rejected(site):
    assert failed(site({"agencies/x.md": "---\nname: A\x00B\nlevel: province\n---\n"})) == [
        "content/agencies/x.md:2: file: contains a control character (such as NUL); delete it"]


def test_not_utf8(site):
    assert failed(site({"agencies/x.md": "---\nname: Hu\xe9\nlevel: province\n---\n".encode("latin-1")})) == [
        "content/agencies/x.md:2: file: not valid UTF-8 text; save the file as UTF-8"]


def test_missing_frontmatter(site):
    assert failed(site({"agencies/x.md": "name: A\n"})) == [
        "content/agencies/x.md:1: frontmatter: the file must start with a line '---', then the fields, then '---'"]


def test_unclosed_frontmatter(site):
    assert failed(site({"agencies/x.md": "---\nname: A\n"})) == [
        "content/agencies/x.md:1: frontmatter: no closing '---' line; end the fields with a line '---'"]


def test_file_in_unknown_folder(site):
    assert failed(site({"plan/x.md": "---\ntitle: x\n---\n"})) == [
        "content/plan/x.md:1: file: not in a known folder; put it in one of: agencies, communes, data, former-provinces, "
        "pages, pillars, plans, provinces, tasks, updates"]


def test_symbolic_links_are_refused(site, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.md").write_text("---\nname: A\n---\n", encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "agencies").mkdir()
    (content / "agencies" / "linked.md").symlink_to(outside / "x.md")
    (content / "tasks").mkdir()
    (content / "tasks" / "linked-folder").symlink_to(outside, target_is_directory=True)
    assert [e for e in failed(site({})) if "symbolic" in e] == [
        "content/agencies/linked.md:1: file: is a symbolic link; copy the real file into content/",
        "content/tasks/linked-folder:1: file: is a symbolic link; copy the real file into content/"]


def test_non_markdown_file(site):
    assert failed(site({"plans/notes.txt": "x"})) == [
        "content/plans/notes.txt:1: file: only Markdown files (.md) belong here; move or delete it"]


def test_unknown_language_suffix(site):
    assert failed(site({"agencies/so-noi-vu.fr.md": "---\nname: x\n---\n"})) == [
        "content/agencies/so-noi-vu.fr.md:1: file: unknown language '.fr'; name translations x.en.md"]


def test_commune_plan_needs_commune(site):
    plan = BASE["plans/dt-83-2014.md"].replace("level: province", "level: commune")
    assert failed(site({"plans/dt-83-2014.md": plan})) == [
        f"{PLAN}:6: level: a commune-level plan needs a 'commune: ...' line naming its commune or ward"]


def test_pillar_parents_form_a_tree(site):
    assert failed(site({"pillars/a.md": "---\nname: A\nparent: b\n---\n", "pillars/b.md": "---\nname: B\nparent: a\n---\n"})) == [
        "content/pillars/a.md:3: parent: 'b' leads back to 'a'; parents must form a tree",
        "content/pillars/b.md:3: parent: 'a' leads back to 'b'; parents must form a tree",
    ]


def test_score_file_needs_the_dimensions(site):
    csv = "province,year,papi-1,papi-2,papi-3,papi-4,papi-5,papi-6,papi-7,papi-8,total_official\n"
    assert failed(site({"data/papi-scores.csv": csv})) == [
        "content/data/papi-scores.csv:1: columns: papi-1, papi-3, papi-4, papi-5, papi-6, papi-7, papi-8 not found "
        "in content/pillars/; add the dimension records first"]


def test_score_file_errors(site):
    csv = ("province,year,papi-1,papi-2,papi-3,papi-4,papi-5,papi-6,papi-7,papi-8,total_official\n"
           "dong-thap,2014,5.1,,,,,,,,\n"
           "dong-thap,2014,5.1,,,,,,,,\n"
           "atlantis,2015,5.1,,,,,,,,\n"
           "tien-giang,2016,11,x,,,,,,,\n")
    dims = {f"pillars/papi-{i}.md": f"---\nname: D{i}\nparent: papi\n---\n" for i in (1, 3, 4, 5, 6, 7, 8)}
    assert failed(site({"data/papi-scores.csv": csv} | dims)) == [
        "content/data/papi-scores.csv:3: year: dong-thap 2014 is already on line 2",
        "content/data/papi-scores.csv:4: province: unknown former province 'atlantis'; use an id from content/former-provinces/",
        "content/data/papi-scores.csv:5: papi-1: 11.0 is outside the 1-10 scale",
        "content/data/papi-scores.csv:5: papi-2: 'x' is not a number; write it like 5.43, or leave it blank if unpublished",
    ]


def test_all_problems_reported_at_once(site):
    result = site(with_task(titel="x", lead=None) | {"agencies/x.md": "name: A\n"})
    assert failed(result) == [
        "content/agencies/x.md:1: frontmatter: the file must start with a line '---', then the fields, then '---'",
        f"{TASK}:1: lead: missing; add a line 'lead: ...' (e.g. lead: [so-lao-dong-thuong-binh-va-xa-hoi])",
        f"{TASK}:9: titel: unknown field for tasks; did you mean 'title'?",
    ]
    assert result.stderr.strip().endswith("3 problems found; nothing was written.")


@pytest.mark.parametrize("args", [["--as-of", "2026-13-01"], ["--base-url", "portal"], ["--bogus"]])
def test_usage_errors_exit_2(site, args):
    assert site({}, *args).code == 2


def test_a_record_with_errors_still_has_its_references_checked(site):
    """All problems at once: a missing field does not hide unknown references in the same file."""
    assert failed(site(with_task(section=None, pillars="[papi-9-9]", lead="[so-noi-vuu]"))) == [
        f"{TASK}:1: section: missing; add a line 'section: ...' (e.g. section: II.2. Công khai, minh bạch)",
        f"{TASK}:4: pillars: unknown index or pillar 'papi-9-9'; did you mean 'papi-2-2'?",
        f"{TASK}:5: lead: unknown agency 'so-noi-vuu'; did you mean 'so-noi-vu'?",
    ]


def test_task_in_another_plans_folder(site):
    other_plan = BASE["plans/dt-83-2014.md"].replace("number: 83/KH-UBND", "number: 90/KH-UBND")
    assert failed(site({"plans/dt-90-2014.md": other_plan, **with_task(plan="dt-90-2014")})) == [
        f"{TASK}:2: plan: 'dt-90-2014' is not the plan of the folder this file is in (tasks/dt-83-2014/); "
        "move the file to tasks/dt-90-2014/, or write plan: dt-83-2014"]


def test_update_in_another_plans_folder(site):
    update = "---\ntask: dt-83-2014/01-cong-khai\ndate: 2015-01-01\nstatus: in-progress\nsource: Báo cáo\n---\n"
    assert failed(site({"updates/dt-90-2014/u1.md": update})) == [
        "content/updates/dt-90-2014/u1.md:2: task: 'dt-83-2014/01-cong-khai' is a task of plan dt-83-2014, not of "
        "the folder this file is in (updates/dt-90-2014/); move the file to updates/dt-83-2014/"]


def test_update_dated_before_the_plan(site):
    update = "---\ntask: dt-83-2014/01-cong-khai\ndate: 2013-01-01\nstatus: in-progress\nsource: Báo cáo\n---\n"
    assert failed(site({"updates/dt-83-2014/u1.md": update})) == [
        "content/updates/dt-83-2014/u1.md:3: date: 2013-01-01 is before the plan was issued (2014-06-11); check the date"]


# ---------------------------------------------------------------- YAML errors, in plain words

QUOTE_HINT = ("if the value contains a colon ':' or quotes, put the whole value in double quotes and write \\\" "
              "for a quote inside")


def test_nested_quote_is_reported_on_its_own_line(site):
    # YAML's context is the first field of the file (line 2); the quote is on the title's line
    assert failed(site(with_task(title='"Công khai "danh sách" hộ nghèo"'))) == [
        f"{TASK}:3: frontmatter: invalid YAML (while parsing a block mapping, did not find expected key); {QUOTE_HINT}"]


def test_unclosed_quote_closed_by_a_later_line_is_reported_where_it_opens(site):
    # the title's quote is closed by the first quote of the section line, five lines below
    assert failed(site(with_task(title='"Công khai danh sách', section='"II.1"'))) == [
        f"{TASK}:3: frontmatter: invalid YAML (while parsing a block mapping, did not find expected key); {QUOTE_HINT}"]


def test_colon_in_a_value_says_to_quote_it(site):
    assert failed(site(with_task(title="Kế hoạch: công khai danh sách"))) == [
        f"{TASK}:3: frontmatter: invalid YAML (mapping values are not allowed in this context); {QUOTE_HINT}"]


def test_indented_field_says_so(site):
    indented = "this line is indented: start each field at the beginning of the line"
    assert failed(site(with_task(section=None, order=None, partners="[ubnd-cap-huyen]\n          section: II.1"))) == [
        f"{TASK}:7: frontmatter: invalid YAML (while parsing a block mapping, did not find expected key); {indented}"]
    assert failed(site(with_task(section=None, order=None, partners="ubnd-cap-huyen\n          section: II.1"))) == [
        f"{TASK}:7: frontmatter: invalid YAML (mapping values are not allowed in this context); {indented}"]


def test_explicit_tag_that_does_not_fit_is_refused(site):
    assert failed(site(with_task(section="!!bool x"))) == [
        f"{TASK}:8: section: the YAML tag 'tag:yaml.org,2002:bool' is not allowed; write plain text, numbers, lists or dates"]


# ---------------------------------------------------------------- smaller fixes

def test_percent_with_a_percent_sign(site):
    update = "---\ntask: dt-83-2014/01-cong-khai\ndate: 2015-01-01\nstatus: in-progress\npercent: 60%\nsource: Báo cáo\n---\n"
    assert failed(site({"updates/u1.md": update})) == [
        "content/updates/u1.md:5: percent: expected a whole number from 0 to 100, but '60%'; write 60 without the % sign"]


def test_a_single_id_without_brackets_is_a_list_of_one(site):
    result = site(with_task(lead="so-noi-vu", pillars="papi-2-2"))
    assert result.code == 0, result.stderr
    page = result.html("vi/tasks/dt-83-2014/01-cong-khai/")
    assert page.find("a", href=lambda h: h and "agencies/so-noi-vu" in h)
    assert page.find("a", href=lambda h: h and "pillars/papi-2-2" in h)


# ---------------------------------------------------------------- Vietnamese messages

def test_errors_in_vietnamese(site):
    result = site(with_task(titel="x", plan="dt-84-2014"), "--lang", "vi")
    assert failed(result) == [
        f"{TASK}:2: plan: không có kế hoạch nào mang mã 'dt-84-2014'; có phải là 'dt-83-2014'?",
        f"{TASK}:10: titel: không phải trường của nhiệm vụ; có phải là 'title'?",
    ]
    assert result.stderr.strip().endswith("Có 2 lỗi; chưa ghi tệp nào.")
    # the next run, without --lang, is in English again
    assert failed(site(with_task(titel="x"))) == [f"{TASK}:10: titel: unknown field for tasks; did you mean 'title'?"]


def test_unknown_language_is_a_usage_error(site):
    assert site({}, "--lang", "fr").code == 2


# ---------------------------------------------------------------- one registry

def _calls(tree, names):
    import ast
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in names:
                yield name, node


def test_every_content_error_is_a_registry_entry():
    """No message is written outside portal/messages.py: every ContentError and value problem is
    raised with a key of the registry, never with text, and every key is raised somewhere."""
    import ast

    from portal.errors import ContentError
    from portal.messages import MESSAGES
    from tests.conftest import ROOT

    used: set[str] = set()
    for source in sorted((ROOT / "portal").glob("*.py")):
        if source.name == "messages.py":
            continue
        text = source.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for name, call in _calls(tree, {"ContentError", "_Problem"}):
            where = f"{source.name}:{call.lineno}"
            position = 2 if name == "ContentError" else 0
            assert len(call.args) > position, f"{where}: {name} without a message key"
            key = call.args[position]
            assert not isinstance(key, ast.JoinedStr), f"{where}: {name} given an f-string, not a registry key"
            if isinstance(key, ast.Constant):
                assert key.value in MESSAGES, f"{where}: {key.value!r} is not a key of portal/messages.py"
        used |= {node.value for node in ast.walk(tree)
                 if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in MESSAGES}
    unused = sorted(set(MESSAGES) - used)
    assert not unused, f"registry entries no code uses: {unused}"
    with pytest.raises(KeyError):
        ContentError("content/x.md", 1, "some free text: not a key")
