"""Problems as text for a terminal, JSON for tools, and GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from . import Lang, Problem


def format_text(problems: Iterable[Problem], lang: Lang = "en") -> str:
    lines = []
    for p in problems:
        where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
        label = f"{p.field}: " if p.field else ""
        lines.append(f"{where}: {p.severity}: {label}{p.message(lang)}")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem], lang: Lang = "en") -> str:
    return json.dumps([p.as_dict(lang) for p in problems], ensure_ascii=False, indent=2)


def _escape_annotation(text: str) -> str:
    # GitHub workflow commands need %, CR and LF escaped in the message, and , : in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_annotation(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem], lang: Lang = "en") -> str:
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props += [f"line={p.line}", f"col={max(p.column, 1)}"]
        title = f"{p.field}: " if p.field else ""
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_annotation(title + p.message(lang))}")
    return "\n".join(lines)


FORMATTERS: dict[str, Callable[[Iterable[Problem], Lang], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
