"""Problems found in the input: data, not exceptions.

Every stage returns the problems it found and keeps going, so one run reports every mistake in
every file. The CLI decides how to print them (formats.py: text, JSON, GitHub annotations) and in
which language: each problem carries a code and its parameters, and its message is rendered from
the catalogue (catalogue.py) in English or Thai.
"""

from __future__ import annotations

import dataclasses
import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .catalogue import FRAGMENTS, MESSAGES

Lang = str  # "en" or "th"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Fragment:
    """A translatable part of a message (a hint, a guess, a description), by its catalogue code."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        return render(FRAGMENTS[self.code], self.params, lang)


def describe(value: object) -> Fragment:
    """What a value is, for "must be X, not Y" messages, in the message's own language."""
    if value is None:
        return Fragment("found.nothing")
    if isinstance(value, bool):
        return Fragment("found.bool", {"value": str(value).lower()})
    if isinstance(value, (int, float)):
        return Fragment("found.number", {"value": value})
    if isinstance(value, str):
        return Fragment("found.text", {"value": value})
    if isinstance(value, list):
        return Fragment("found.list")
    if isinstance(value, dict):
        return Fragment("found.fields")
    return Fragment("found.other", {"value": type(value).__name__})


class _Blank(dict[str, Any]):
    """Placeholders without a value (an optional hint that was not given) render as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


_FORMATTER = string.Formatter()


def render(texts: tuple[str, str], params: Mapping[str, object], lang: Lang) -> str:
    english, thai = texts
    values = _Blank({k: v.render(lang) if isinstance(v, Fragment) else v for k, v in params.items()})
    return _FORMATTER.vformat(thai if lang == "th" else english, (), values)


def placeholders(template: str) -> set[str]:
    """The names in braces in a catalogue text."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at a line and column (both 1-based; 0 when unknown)."""

    file: str
    line: int
    column: int
    field: str
    code: str
    params: dict[str, object] = dataclasses.field(default_factory=dict, hash=False, compare=False)
    severity: Severity = Severity.ERROR

    def message(self, lang: Lang = "en") -> str:
        return render(MESSAGES[self.code], self.params, lang)

    def as_dict(self, lang: Lang = "en") -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "message": self.message(lang),
            "severity": str(self.severity),
        }


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def sort_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line, problem.column, problem.code)


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when they can be.

    Links are not resolved: the path is shown as the office wrote it, and a link loop is no error.
    """
    # As Path.relative_to would say it, in strings: check shows every write-up's path, and at
    # 10,000 write-ups pathlib took a tenth of a second.
    absolute, here = os.path.abspath(path), os.getcwd()
    if absolute == here:
        return "."
    inside = here.rstrip(os.sep) + os.sep
    if absolute.startswith(inside):
        return absolute[len(inside) :].replace(os.sep, "/")
    return path.as_posix()


__all__ = [
    "FRAGMENTS",
    "MESSAGES",
    "Fragment",
    "Problem",
    "Severity",
    "display_path",
    "has_errors",
    "placeholders",
    "render",
    "sort_key",
]
