"""YAML with the line and column of every value, read with a safe loader only.

Tabs, broken YAML, duplicate keys and a document that is not a mapping become Problems at the
right line; every value's position is kept so later checks can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Fragment, Problem, describe
from . import limits
from .textfile import read_text_file

Loc = tuple[Hashable, ...]
FRONT_MATTER = Fragment("what.front_matter")  # what a write-up's YAML is called in messages
Position = tuple[int, int]  # 1-based line and column in the file


# libyaml's parser when PyYAML has it (it keeps line and column marks too): 5–10x faster.
_BaseSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLoader(_BaseSafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that leaves dates as text, so the schema checks their form itself.

    PyYAML would otherwise turn 2024-13-01 into an exception and 2024-06-22 into a date while
    "2024-06-22" stays text; one rule for both is easier to explain to an office.
    """


_SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Positions:
    """Where each value and each mapping key of a YAML document stands in its file."""

    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    # The text of each scalar as written, so "6.10" is not read back as the float 6.1.
    raw: dict[Loc, str] = field(default_factory=dict)
    start: Position = (1, 1)

    def locate(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of loc, or of its nearest enclosing value when loc is not in the file."""
        if key and loc in self.keys:
            return self.keys[loc]
        for depth in range(len(loc), -1, -1):
            found = self.values.get(loc[:depth])
            if found is not None:
                return found
        return self.start


def tab_spaces(before: list[str]) -> int:
    """What to type instead of the tabs that start a line: as many spaces as line it up with the
    line above (with the key after "- " in a list item, two deeper under a key that opens a
    block, none at the top). A fixed "two spaces" was wrong for a photo's fields, which need four."""
    above = next((line for line in reversed(before) if line.strip() and not line.lstrip().startswith("#")), "")
    indent = len(above) - len(above.lstrip(" "))
    rest = above.lstrip(" ")
    if rest.startswith("-") and rest[1:2] in (" ", ""):
        indent += 1 + len(rest[1:]) - len(rest[1:].lstrip(" "))  # "-" and the spaces after it
    if above.rstrip().endswith(":"):
        indent += 2
    return indent


def load_yaml(
    text: str, path: str, first_line: int = 1, *, what: str | Fragment = FRONT_MATTER
) -> tuple[dict[str, Any] | None, Positions, list[Problem]]:
    """Parse a YAML mapping; first_line is the file line that the text's first line stands on."""
    positions = Positions(start=(max(first_line - 1, 1), 1))
    problems: list[Problem] = []

    def at(mark: yaml.Mark) -> Position:
        return (mark.line + first_line, mark.column + 1)

    # PyYAML's own message for a tab ("found character '\t' that cannot start any token") means
    # nothing to an office; name the line, and how many spaces it needs instead.
    # Each hint counts from the lines above as they will be once their own hints are followed.
    fixed: list[str] = []
    for number, text_line in enumerate(text.split("\n")):
        stripped = text_line.lstrip(" ")
        if stripped.startswith("\t"):
            spaces = tab_spaces(fixed)
            fix = Fragment("hint.indent_spaces", {"spaces": spaces}) if spaces else Fragment("hint.no_indent")
            column = len(text_line) - len(stripped) + 1
            problems.append(Problem(path, number + first_line, column, "", "yaml.tab", {"fix": fix}))
            text_line = " " * spaces + stripped.lstrip(" \t")
        fixed.append(text_line)
    if problems:
        return None, positions, problems
    too_deep = _too_deep_at(text)
    if too_deep is not None:
        return None, positions, [Problem(path, too_deep + first_line, 1, "", "yaml.too_deep", {"limit": MAX_DEPTH})]

    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return (
                None,
                positions,
                [Problem(path, *positions.start, "", "yaml.not_mapping", {"what": what, "found": describe(None)})],
            )
        reused = _reused_node(node)
        if reused is not None:
            # An alias (*name) makes the same value count again, and nested aliases grow
            # exponentially (a few hundred bytes became 7 GB): write-ups never need them.
            return None, positions, [Problem(path, *at(reused.start_mark), "", "yaml.alias")]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = at(mark) if mark else positions.start
        known = _common_mistake(text, exc, first_line)
        if known is not None:
            return None, positions, [Problem(path, *known[:2], "", known[2], known[3])]
        reason = exc.problem or str(exc)
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            reason += f" ({exc.context} at line {at(exc.context_mark)[0]})"
        return None, positions, [Problem(path, line, column, "", "yaml.syntax", {"reason": reason})]
    except yaml.YAMLError as exc:
        return None, positions, [Problem(path, *positions.start, "", "yaml.syntax", {"reason": str(exc)})]
    finally:
        loader.dispose()

    if not isinstance(data, dict):
        return (
            None,
            positions,
            [Problem(path, *at(node.start_mark), "", "yaml.not_mapping", {"what": what, "found": describe(data)})],
        )

    def walk(current: yaml.Node, loc: Loc) -> None:
        positions.values[loc] = at(current.start_mark)
        if isinstance(current, yaml.ScalarNode):
            positions.raw[loc] = current.value
        elif isinstance(current, yaml.SequenceNode):
            for index, child in enumerate(current.value):
                walk(child, (*loc, index))
        elif isinstance(current, yaml.MappingNode):
            seen: dict[str, Position] = {}
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                key_at = at(key_node.start_mark)
                if key in seen:
                    problems.append(
                        Problem(
                            path,
                            *key_at,
                            ".".join(map(str, (*loc, key))),
                            "yaml.duplicate_key",
                            {"key": key, "first_line": seen[key][0]},
                        )
                    )
                # PyYAML keeps the last value of a duplicate key, so its position is the one to report.
                seen.setdefault(key, key_at)
                # Non-string keys (1: x) are looked up by the key Python constructs.
                child_loc = (*loc, _key_of(key_node))
                positions.keys[child_loc] = key_at
                walk(value_node, child_loc)

    walk(node, ())
    positions.values[()] = positions.start
    return data, positions, problems


# "key:value" with no space after the colon: YAML reads one word and blames the next line.
_NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/])(.*)$")
_LIST_ITEM = re.compile(r"^(\s*)- ([A-Za-z_][A-Za-z0-9_]*):")
_KEY_AND_VALUE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):[ ]+(.*?)\s*$")


def _common_mistake(
    text: str, exc: yaml.MarkedYAMLError, first_line: int
) -> tuple[int, int, str, dict[str, Any]] | None:
    """The mistakes clerks make most, named at their own line with the line as it should be:
    a colon with no space after it (rer:extra), and a colon inside a value that is not quoted
    (title: โครงการ: ก้าวหน้า). None for anything else (PyYAML's own words then)."""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    last = min(mark.line if mark else len(lines) - 1, len(lines) - 1)
    for number in range(0, last + 1):
        found = _NO_SPACE_AFTER_COLON.match(lines[number])
        if found and not lines[number].lstrip().startswith("#"):
            indent, key, value = found.groups()
            fixed = f"{indent}{key}: {value}"
            return (
                number + first_line,
                len(indent) + len(key) + 2,
                "yaml.colon_space",
                {"key": key, "fixed": fixed.strip()},
            )
    problem = exc.problem or ""
    if mark is not None and "expected '-' indicator" in problem and mark.line < len(lines):
        # A field of a list entry (a photo's alt) not lined up with the entry's first field.
        item = next(
            (m for m in map(_LIST_ITEM.match, reversed(lines[: mark.line])) if m is not None),
            None,
        )
        found = _KEY_AND_VALUE.match(lines[mark.line]) or _NO_SPACE_AFTER_COLON.match(lines[mark.line])
        if item is not None and found is not None:
            fixed = " " * (len(item.group(1)) + 2) + lines[mark.line].strip()
            params = {"key": found.group(2), "first": item.group(2), "fixed": fixed}
            return mark.line + first_line, mark.column + 1, "yaml.list_field_indent", params
    if mark is not None and "mapping values are not allowed" in problem:
        found = _KEY_AND_VALUE.match(lines[mark.line])
        if found:
            indent, key, value = found.groups()
            if value[:1] in "“‘" and value[-1:] in "”’":
                value = value[1:-1]  # curly quotes (a word processor's) are not YAML's quotes
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            fixed = f'{key}: "{quoted}"'
            return (
                mark.line + first_line,
                len(indent) + len(key) + 3,
                "yaml.colon_in_value",
                {"key": key, "fixed": fixed},
            )
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        start = exc.context_mark
        return start.line + first_line, start.column + 1, "yaml.unclosed_quote", {}
    return None


# Write-ups and the registry nest two or three levels; libyaml and Python recurse once per level
# (50,000 levels crashed the process), so deeper text is refused before it is parsed.
MAX_DEPTH = limits.YAML_DEPTH
_QUOTED = re.compile(r"'[^'\n]*'|\"(?:[^\"\\\n]|\\.)*\"")


def _too_deep_at(text: str) -> int | None:
    """The 0-based line where the text nests more than MAX_DEPTH levels, if it does.

    Counted without parsing: indentation (two columns a level), compact "- - -" sequences and
    open flow brackets. Quoted text is skipped; a generous estimate, never a recursion.
    """
    brackets = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        dashes = len(stripped) - len(stripped.lstrip("- ")) if stripped.startswith("- ") else 0
        level = (len(line) - len(stripped)) // 2 + dashes // 2
        for char in _QUOTED.sub("", line.split(" #", 1)[0]):
            if char in "[{":
                brackets += 1
                level = max(level, brackets)
            elif char in "]}":
                brackets = max(0, brackets - 1)
        if max(level, brackets) > MAX_DEPTH:
            return number
    return None


def _reused_node(root: yaml.Node) -> yaml.Node | None:
    """The first node reached twice (through an alias), walking without recursion."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.extend((key_node, value_node))
    return None


def _key_of(node: yaml.Node) -> Hashable:
    """The key a mapping node becomes in Python, for the common scalar cases."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if node.tag == "tag:yaml.org,2002:int":
            try:
                return int(value)
            except ValueError:
                return value
        if node.tag == "tag:yaml.org,2002:bool":
            return value.lower() in ("yes", "true", "on", "y")
        return value
    return str(node.value)


def read_yaml_file(path: Path, shown: str) -> tuple[dict[str, Any] | None, Positions, list[Problem]]:
    """A whole YAML file (offices.yml, site_config.yml) as a mapping with positions."""
    text, problems = read_text_file(path, shown, limits.DATA_FILE_BYTES)
    if text is None:
        return None, Positions(), problems
    if not text.text.strip():
        return None, Positions(), [Problem(shown, 1, 1, "", "file.empty")]
    return load_yaml(text.text, shown, 1, what=path.name)
