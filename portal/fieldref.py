"""Generate the guides' reference tables: every field, from the schema (docs/content-model.md
and both guides), and every error, from the message registry (both guides)."""

from __future__ import annotations

from .messages import GROUPS, MESSAGES, render
from .schema import KINDS

TYPE_DOC = {
    "text": ("văn bản một dòng", "one line of text"),
    "long-text": ("văn bản", "text"),
    "text-list": ("danh sách văn bản", "list of text"),
    "date": ("ngày YYYY-MM-DD", "date YYYY-MM-DD"),
    "year": ("năm (4 chữ số)", "year (4 digits)"),
    "bool": ("`true` / `false`", "`true` / `false`"),
    "number": ("số", "number"),
    "percent": ("số nguyên 0-100", "whole number 0-100"),
    "url": ("địa chỉ http(s)", "http(s) address"),
    "deadline": ("ngày, `ongoing` hoặc `none`", "date, `ongoing` or `none`"),
    "plan-number": ("số hiệu hoặc `unknown`", "document number or `unknown`"),
    "slug": ("chữ thường không dấu, số, gạch ngang", "lowercase ASCII, digits, hyphens"),
    "targets": ("danh sách chỉ tiêu", "list of targets"),
}


def type_label(type_: str, lang: str) -> str:
    i = 0 if lang == "vi" else 1
    if type_.startswith("ref:"):
        kind = KINDS[type_[4:]]
        return (f"mã một bản ghi trong `content/{kind.folder}/`", f"id of a record in `content/{kind.folder}/`")[i]
    if type_.startswith("refs:"):
        kind = KINDS[type_[5:]]
        return (f"danh sách mã bản ghi trong `content/{kind.folder}/` (một mã có thể viết không cần ngoặc: `x` là `[x]`)",
                f"list of ids of records in `content/{kind.folder}/` (a single id may be written without brackets: `x` means `[x]`)")[i]
    if type_.startswith("choice:"):
        values = ", ".join(f"`{v}`" for v in type_[7:].split("|"))
        return (f"một trong: {values}", f"one of: {values}")[i]
    return TYPE_DOC[type_][i]


def field_reference(lang: str) -> str:
    """Markdown tables, one per kind, in the given language."""
    vi = lang == "vi"
    lines: list[str] = []
    for spec in KINDS.values():
        lines.append(f"### {spec.title_vi if vi else spec.title_en} (`content/{spec.folder}/`)")
        lines.append("")
        lines.append(spec.doc_vi if vi else spec.doc_en)
        lines.append("")
        head = ("| Trường | Bắt buộc | Dịch | Kiểu | Ý nghĩa | Ví dụ |" if vi
                else "| Field | Required | Translated | Type | Meaning | Example |")
        lines.append(head)
        lines.append("|---|---|---|---|---|---|")
        yes, no = ("có", "không") if vi else ("yes", "no")
        for f in spec.fields:
            lines.append(
                f"| `{f.name}` | {yes if f.required else no} | {yes if f.translatable else no} | "
                f"{type_label(f.type, lang)} | {f.doc_vi if vi else f.doc_en} | `{f.example}` |"
            )
        if spec.has_body:
            body = spec.body_vi if vi else spec.body_en
            lines.append(f"| *({'phần thân' if vi else 'body'})* | {no} | {yes} | Markdown | {body} | |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code(text: str) -> str:
    return f"`{_cell(text)}`" if "`" not in text else f"`` {_cell(text)} ``"


def error_reference(lang: str) -> str:
    """Markdown tables of every message in portal/messages.py, one per group, in the given
    language. The Vietnamese guide shows each error as printed (English) and as printed with
    --lang vi."""
    vi = lang == "vi"
    lines: list[str] = []
    for group, titles in GROUPS.items():
        entries = [m for m in MESSAGES.values() if m.group == group]
        if not entries:
            continue
        lines.append(f"### {titles[0] if vi else titles[1]}")
        lines.append("")
        lines.append("| Lỗi | Nghĩa là | Cách sửa |" if vi else "| Error | Means | Fix |")
        lines.append("|---|---|---|")
        for m in entries:
            shown = _code(render(m.key, "en", m.example))
            if vi:
                shown += "<br>" + _code(render(m.key, "vi", m.example))
            means, fix = (m.means_vi, m.fix_vi) if vi else (m.means_en, m.fix_en)
            lines.append(f"| {shown} | {_cell(means)} | {_cell(fix)} |")
        lines.append("")
    return "\n".join(lines)


REGIONS = {
    "FIELD REFERENCE": field_reference,
    "ERRORS": error_reference,
}
BEGIN = "<!-- BEGIN GENERATED {what} ({lang}) -->"
END = "<!-- END GENERATED {what} ({lang}) -->"


def update_document(text: str) -> str:
    """Replace every generated block in a document with the current schema's and registry's tables."""
    for what, generate in REGIONS.items():
        for lang in ("vi", "en"):
            begin, end = BEGIN.format(what=what, lang=lang), END.format(what=what, lang=lang)
            if begin not in text:
                continue
            head, rest = text.split(begin, 1)
            _, tail = rest.split(end, 1)
            text = f"{head}{begin}\n\n{generate(lang)}\n{end}{tail}"
    return text
