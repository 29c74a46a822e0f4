"""The guides' field reference is generated from the schema; this fails when it is out of date."""

import pytest

from portal.cli import DOCS_WITH_FIELDS
from portal.fieldref import update_document
from portal.schema import KINDS
from tests.conftest import ROOT


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
