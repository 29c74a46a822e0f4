"""The guides' field reference is generated from the schema and their error tables from the message
registry (portal/messages.py); these fail when a table is out of date or an entry lacks guide text."""

import pytest

from portal import messages
from portal.cli import DOCS_WITH_FIELDS
from portal.fieldref import BEGIN, error_reference, update_document
from portal.messages import FRAGMENTS, MESSAGES, placeholders, render
from portal.schema import KINDS
from tests.conftest import ROOT

GUIDES = ("docs/guide.vi.md", "docs/guide.en.md")


@pytest.mark.parametrize("doc", DOCS_WITH_FIELDS)
def test_field_reference_is_up_to_date(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert text == update_document(text), f"{doc} is out of date: run python build.py docs"


def test_every_field_is_documented_in_both_guides():
    vi = (ROOT / "docs/guide.vi.md").read_text(encoding="utf-8")
    en = (ROOT / "docs/guide.en.md").read_text(encoding="utf-8")
    for spec in KINDS.values():
        for field in spec.fields:
            assert f"| `{field.name}` |" in vi and f"| `{field.name}` |" in en


def test_a_single_id_without_brackets_is_documented():
    for doc in DOCS_WITH_FIELDS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert ("a single id may be written without brackets" in text
                or "một mã có thể viết không cần ngoặc" in text), doc


@pytest.mark.parametrize("doc", GUIDES)
def test_error_tables_are_up_to_date(doc):
    lang = doc.split(".")[1]
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert BEGIN.format(what="ERRORS", lang=lang) in text, f"{doc} has no generated error table"
    assert error_reference(lang) in text, f"{doc}: the error tables are out of date: run python build.py docs"


def test_a_stale_error_table_is_noticed(monkeypatch):
    text = (ROOT / "docs/guide.en.md").read_text(encoding="utf-8")
    entry = MESSAGES["refs.twice"]
    monkeypatch.setitem(MESSAGES, "refs.twice", messages.Message(
        entry.key, entry.group, entry.en.replace("list it once", "list it only once"), entry.vi, entry.means_en,
        entry.means_vi, entry.fix_en, entry.fix_vi, entry.example))
    assert update_document(text) != text


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_registry_entry_has_guide_text_in_both_languages(key):
    m = MESSAGES[key]
    for name in ("vi", "means_en", "means_vi", "fix_en", "fix_vi"):
        assert getattr(m, name).strip(), f"{key}: no {name}"
    assert m.vi != m.en, f"{key}: the Vietnamese template is not translated"
    assert m.group in messages.GROUPS and m.severity in ("error", "warning")
    assert placeholders(m.en) == placeholders(m.vi) == set(m.example), \
        f"{key}: the templates and the example must use the same values"
    vi = (ROOT / "docs/guide.vi.md").read_text(encoding="utf-8")
    en = (ROOT / "docs/guide.en.md").read_text(encoding="utf-8")
    cell = lambda text: text.replace("|", "\\|")  # noqa: E731
    assert cell(render(key, "en", m.example)) in en
    assert cell(render(key, "en", m.example)) in vi and cell(render(key, "vi", m.example)) in vi
    assert cell(m.means_en) in en and cell(m.fix_en) in en
    assert cell(m.means_vi) in vi and cell(m.fix_vi) in vi


def test_every_fragment_is_translated():
    for key, (vi, en) in FRAGMENTS.items():
        assert vi.strip() and en.strip() and placeholders(vi) == placeholders(en), key
