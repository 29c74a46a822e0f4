"""Split a content file into YAML frontmatter and Markdown body, keeping line numbers.

PyYAML's own loaders silently keep the last of two equal keys and turn values into
Python types before we can say where they came from, so we compose the node tree with
the C parser and build values ourselves, recording the line of every key.
"""

from __future__ import annotations

import re
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


_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_PLAIN_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "map", "seq"}
_STR = "tag:yaml.org,2002:str"


def _value(node, path: str, offset: int, lines: dict, doc_path: str):
    if not (node.tag.startswith("tag:yaml.org,2002:") and node.tag.rsplit(":", 1)[1] in _PLAIN_TAGS):
        raise ContentError(doc_path, _line(node, offset), "yaml.tag", field=path, tag=node.tag)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError(doc_path, _line(key_node, offset), "yaml.key-not-text", field=path or "frontmatter")
            key = nfc(str(key_node.value))
            sub = f"{path}.{key}" if path else key
            if key in out:
                raise ContentError(doc_path, _line(key_node, offset), "field.twice", field=sub, other=lines[sub])
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
    if node.tag == _STR:
        value = node.value           # what the constructor would return, without making one
    else:
        try:
            value = _Scalars().construct_object(node)
        except (ValueError, OverflowError, KeyError, AttributeError, TypeError):
            if node.tag == "tag:yaml.org,2002:timestamp" and _DATE_LIKE.match(node.value):   # e.g. 2024-02-30
                raise ContentError(doc_path, _line(node, offset), "date.not-real", field=path, value=node.value) from None
            # an explicit tag its value does not fit, e.g. !!bool x or !!int abc
            raise ContentError(doc_path, _line(node, offset), "yaml.tag", field=path, tag=node.tag) from None
    if isinstance(value, str):
        if has_control_chars(value):  # e.g. "\u0000" written as a YAML escape
            raise ContentError(doc_path, _line(node, offset), "control-character", field=path)
        return nfc(value)
    return value


# Where the broken construct starts is the line to show for these: an unclosed quote or
# bracket (the problem is found only at the end of the text or on a later line). Otherwise
# the problem mark is the line: the context of "while parsing a block mapping" is the first
# field of the file, not the one with the stray quote or colon.
_CONTEXT_LINE = ("while scanning a quoted scalar", "while parsing a flow")
# Problems that mostly mean a value with a colon or quotes in it that needs quoting.
_QUOTE_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>",
                   "mapping values are not allowed")


def _yaml_error(exc: yaml.MarkedYAMLError, yaml_text: str, doc_path: str, offset: int) -> ContentError:
    context = (exc.context or "").strip()
    problem = (exc.problem or "invalid YAML").strip()
    text = f"{context}, {problem}" if context else problem
    if exc.context_mark is not None and context.startswith(_CONTEXT_LINE):
        mark = exc.context_mark
    else:
        mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return ContentError(doc_path, 1, "yaml.invalid", field="frontmatter", problem=text)
    line = mark.line
    if not context.startswith(_CONTEXT_LINE):
        line = _quoted_start(yaml_text, mark, line)
    key = "yaml.invalid"
    if problem.startswith(_QUOTE_PROBLEMS):
        key = "yaml.indent" if _indented_by_mistake(yaml_text, line) else "yaml.quotes"
    return ContentError(doc_path, line + offset, key, field="frontmatter", problem=text)


def _quoted_start(yaml_text: str, mark, line: int) -> int:
    """The first line of a quoted value that runs over lines and ends where the problem is:
    a quote left open, closed only by the first quote of a later line."""
    last = None
    try:
        for token in yaml.scan(yaml_text, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if (isinstance(last, yaml.ScalarToken) and last.style in ('"', "'")
            and last.start_mark.line < last.end_mark.line == line):
        return last.start_mark.line
    return line


def _indented_by_mistake(yaml_text: str, line: int) -> bool:
    """Whether the line is a field indented under a line that opens no block."""
    lines = yaml_text.split("\n")
    if not 0 <= line < len(lines) or not lines[line][:1].isspace() or lines[line].lstrip().startswith("-"):
        return False
    above = [t for t in lines[:line] if t.strip() and not t.lstrip().startswith("#")]
    return bool(above) and not above[-1].rstrip().endswith(":")


def parse(raw: bytes, doc_path: str) -> Document:
    """Parse one content file. Raises ContentError with the file and line of the problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(doc_path, line, "file.not-utf8") from None
    text = nfc(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    if has_control_chars(text):      # one search of the whole text; the line only when found
        for number, line_text in enumerate(text.split("\n"), 1):
            if has_control_chars(line_text):
                raise ContentError(doc_path, number, "control-character", field="file")
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        raise ContentError(doc_path, 1, "frontmatter.no-start")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE)
    except StopIteration:
        raise ContentError(doc_path, 1, "frontmatter.no-end") from None
    yaml_text = "\n".join(lines[1:end])
    offset = 2  # YAML line 0 is file line 2
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, yaml_text, doc_path, offset) from None
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        raise ContentError(doc_path, 1, "yaml.invalid", field="frontmatter", problem=str(exc)) from None
    field_lines: dict = {}
    if node is None:
        data = {}
    elif not isinstance(node, yaml.MappingNode):
        raise ContentError(doc_path, _line(node, offset), "frontmatter.not-fields", field="frontmatter")
    else:
        try:
            data = _value(node, "", offset, field_lines, doc_path)
        except yaml.constructor.ConstructorError as exc:
            line = (exc.problem_mark.line + offset) if exc.problem_mark else 1
            raise ContentError(doc_path, line, "yaml.construct", field="frontmatter", problem=exc.problem) from None
    body = "\n".join(lines[end + 1:]).strip("\n")
    return Document(doc_path, data, field_lines, body, end + 2)
