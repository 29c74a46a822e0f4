"""Split a content file into YAML frontmatter and Markdown body, keeping line numbers.

PyYAML's own loaders silently keep the last of two equal keys and turn values into
Python types before we can say where they came from, so we compose the node tree with
the C parser and build values ourselves, recording the line of every key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import ContentError
from .text import has_control_chars, nfc

try:  # libyaml is much faster; the pure-Python loader behaves the same
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_FENCE = "---"


@dataclass(frozen=True)
class Document:
    path: str                    # as shown in messages
    data: dict                   # plain values: str, int, float, bool, None, date, list, dict
    lines: dict = field(default_factory=dict)   # "key" / "key[0].sub" -> line number in the file
    body: str = ""
    body_line: int = 1


class _Scalars(yaml.constructor.SafeConstructor):
    pass


def _line(node: yaml.Node, offset: int) -> int:
    return node.start_mark.line + offset


_PLAIN_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "map", "seq"}


def _value(node, path: str, offset: int, lines: dict, doc_path: str):
    if not (node.tag.startswith("tag:yaml.org,2002:") and node.tag.rsplit(":", 1)[1] in _PLAIN_TAGS):
        raise ContentError(
            doc_path, _line(node, offset),
            f"{path}: the YAML tag {node.tag!r} is not allowed; write plain text, numbers, lists or dates",
        )
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError(doc_path, _line(key_node, offset), f"{path or 'frontmatter'}: a key must be plain text")
            key = nfc(str(key_node.value))
            sub = f"{path}.{key}" if path else key
            if key in out:
                raise ContentError(
                    doc_path, _line(key_node, offset),
                    f"{sub}: given twice (also on line {lines[sub]}); keep only one",
                )
            lines[sub] = _line(key_node, offset)
            out[key] = _value(value_node, sub, offset, lines, doc_path)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            sub = f"{path}[{i}]"
            lines[sub] = _line(item, offset)
            items.append(_value(item, sub, offset, lines, doc_path))
        return items
    try:
        value = _Scalars().construct_object(node)
    except (ValueError, OverflowError):
        raise ContentError(
            doc_path, _line(node, offset),
            f"{path}: {node.value!r} is not a real date; write it as YYYY-MM-DD, e.g. 2024-05-16",
        ) from None
    if isinstance(value, str):
        if has_control_chars(value):  # e.g. "\u0000" written as a YAML escape
            raise ContentError(doc_path, _line(node, offset), f"{path}: contains a control character (such as NUL); delete it")
        return nfc(value)
    return value


def parse(raw: bytes, doc_path: str) -> Document:
    """Parse one content file. Raises ContentError with the file and line of the problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(doc_path, line, "file: not valid UTF-8 text; save the file as UTF-8") from None
    text = nfc(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    for number, line_text in enumerate(text.split("\n"), 1):
        if has_control_chars(line_text):
            raise ContentError(doc_path, number, "file: contains a control character (such as NUL); delete it")
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        raise ContentError(doc_path, 1, "frontmatter: the file must start with a line '---', then the fields, then '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE)
    except StopIteration:
        raise ContentError(doc_path, 1, "frontmatter: no closing '---' line; end the fields with a line '---'") from None
    yaml_text = "\n".join(lines[1:end])
    offset = 2  # YAML line 0 is file line 2
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct starts (an unclosed quote, say);
        # the problem mark is often just the end of the text.
        mark = exc.context_mark or exc.problem_mark
        line = (mark.line + offset) if mark else 1
        problem = (exc.problem or "invalid YAML").strip()
        if exc.context:
            problem = f"{exc.context.strip()}, {problem}"
        raise ContentError(doc_path, line, f"frontmatter: invalid YAML ({problem}); check quotes, colons and indentation") from None
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        raise ContentError(doc_path, 1, f"frontmatter: invalid YAML ({exc})") from None
    field_lines: dict = {}
    if node is None:
        data = {}
    elif not isinstance(node, yaml.MappingNode):
        raise ContentError(doc_path, _line(node, offset), "frontmatter: expected fields as 'name: value' lines")
    else:
        try:
            data = _value(node, "", offset, field_lines, doc_path)
        except yaml.constructor.ConstructorError as exc:
            line = (exc.problem_mark.line + offset) if exc.problem_mark else 1
            raise ContentError(doc_path, line, f"frontmatter: {exc.problem}") from None
    body = "\n".join(lines[end + 1:]).strip("\n")
    return Document(doc_path, data, field_lines, body, end + 2)
