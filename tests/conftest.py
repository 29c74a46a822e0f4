"""Fixtures: build a small content tree given inline as {path: text}, then read the HTML."""

from __future__ import annotations

import contextlib
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal import cli

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-22"

# The smallest tree that has every kind of record, so each test adds only what it is about.
BASE: dict[str, str] = {
    "pillars/papi.md": """
        ---
        name: Chỉ số PAPI
        short_name: PAPI
        code: PAPI
        ---
        Bộ chỉ số.
        """,
    "pillars/papi.en.md": """
        ---
        name: PAPI index
        short_name: PAPI
        ---
        The index.
        """,
    "pillars/papi-2.md": """
        ---
        name: Công khai, minh bạch
        code: "2"
        parent: papi
        order: 2
        ---
        """,
    "pillars/papi-2.en.md": "---\nname: Transparency\n---\n",
    "pillars/papi-2-2.md": """
        ---
        name: Công khai danh sách hộ nghèo
        code: "2.2"
        parent: papi-2
        ---
        """,
    "pillars/papi-2-2.en.md": "---\nname: Poverty Lists\n---\n",
    "provinces/dong-thap.md": "---\nname: Đồng Tháp\ntype: province\n---\n",
    "provinces/dong-thap.en.md": "---\nname: Dong Thap\n---\n",
    "former-provinces/dong-thap.md": "---\nname: Đồng Tháp\ntype: province\nsuccessor: dong-thap\n---\n",
    "former-provinces/dong-thap.en.md": "---\nname: Dong Thap\n---\n",
    "former-provinces/tien-giang.md": "---\nname: Tiền Giang\ntype: province\nsuccessor: dong-thap\n---\n",
    "former-provinces/tien-giang.en.md": "---\nname: Tien Giang\n---\n",
    "agencies/so-noi-vu.md": "---\nname: Sở Nội vụ\nlevel: province\n---\n",
    "agencies/so-noi-vu.en.md": "---\nname: Department of Home Affairs\n---\n",
    "agencies/ubnd-cap-huyen.md": """
        ---
        name: Ủy ban nhân dân cấp huyện
        level: district
        ended: 2025-07-01
        ended_note: Cấp huyện chấm dứt hoạt động.
        ---
        """,
    "agencies/ubnd-cap-huyen.en.md": "---\nname: District People's Committees\nended_note: Districts were abolished.\n---\n",
    "plans/dt-83-2014.md": """
        ---
        title: Kế hoạch nâng cao chất lượng công vụ
        short_title: Công vụ Đồng Tháp
        number: 83/KH-UBND
        issuer: Ủy ban nhân dân tỉnh Đồng Tháp
        level: province
        province: dong-thap
        date_issued: 2014-06-11
        period_from: 2014
        period_to: 2015
        frameworks: [papi]
        source_document: Kế hoạch số 83/KH-UBND
        objectives:
          - Mục tiêu một
        ---
        Nội dung kế hoạch.
        """,
    "plans/dt-83-2014.en.md": """
        ---
        title: Plan to improve the civil service
        short_title: Dong Thap civil service
        issuer: Dong Thap Provincial People's Committee
        source_document: Plan No. 83/KH-UBND
        objectives:
          - Objective one
        ---
        Body of the plan.
        """,
    "tasks/dt-83-2014/01-cong-khai.md": """
        ---
        plan: dt-83-2014
        title: Công khai danh sách hộ nghèo
        pillars: [papi-2-2]
        lead: [so-noi-vu]
        partners: [ubnd-cap-huyen]
        deadline: 2015-12-31
        section: II.1
        order: 1
        ---
        Niêm yết công khai.
        """,
    "tasks/dt-83-2014/01-cong-khai.en.md": """
        ---
        title: Publish the poverty lists
        section: II.1
        ---
        Post the lists.
        """,
}


# A commune-level plan of ward "phuong-a" in Đồng Tháp (the commune's own file is the test's).
COMMUNE_PLAN: dict[str, str] = {
    "plans/phuong-a-2026.md": """
        ---
        title: Kế hoạch của phường A
        short_title: Phường A 2026
        number: 1/KH-UBND
        issuer: Ủy ban nhân dân phường A
        level: commune
        province: dong-thap
        commune: phuong-a
        date_issued: 2026-01-05
        period_from: 2026
        frameworks: [papi]
        source_document: Kế hoạch số 1/KH-UBND
        ---
        """,
    "plans/phuong-a-2026.en.md": "---\ntitle: Plan of Ward A\nshort_title: Ward A 2026\nissuer: Ward A People's Committee\n"
                                 "source_document: Plan No. 1/KH-UBND\n---\n",
}

def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@dataclass
class Built:
    code: int
    out: Path
    stdout: str
    stderr: str

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ":" in line and not line.endswith("nothing was written.")]

    def html(self, path: str) -> BeautifulSoup:
        file = self.out / path
        if file.is_dir() or path.endswith("/"):
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def run_build(content: Path, out: Path, *extra: str) -> Built:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = cli.main(["build", "--content", str(content), "--out", str(out), "--as-of", AS_OF, *extra])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return Built(code, out, stdout.getvalue(), stderr.getvalue())


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    for rel, text in files.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path):
    """site({path: text}, base=True, *args) builds BASE plus the given files (None removes one)."""

    def build(files: dict | None = None, *extra: str, base: bool = True, out: Path | None = None) -> Built:
        tree = dict(BASE) if base else {}
        tree.update(files or {})
        content = write_tree(tmp_path / "content", tree)
        return run_build(content, out or tmp_path / "site", *extra)

    return build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Built:
    """One build of the shipped content/, shared by every test that reads it."""
    out = tmp_path_factory.mktemp("real") / "site"
    built = run_build(ROOT / "content", out)
    assert built.code == 0, built.stderr
    return built
