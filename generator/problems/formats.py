"""Problems as text for a terminal, JSON for tools, and GitHub workflow annotations."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from ..plaintext import printable
from . import Lang, Problem, Severity
from .catalogue import FIELD_WORDS_TH


def _one_line(text: str) -> str:
    return printable(text).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


_FIELD_PART = re.compile(r"([A-Za-z_]+)((?:\[\d+\])*)")


def field_label(field: str, lang: Lang) -> str:
    """A field as a message names it: the YAML path in English; in Thai, words with 1-based
    numbers (photos[0].file -> ภาพที่ 1 › ไฟล์ (photos[0].file))."""
    if lang != "th" or not field:
        return field
    words = []
    for part in field.split("."):
        match = _FIELD_PART.fullmatch(part)
        if not match or match.group(1) not in FIELD_WORDS_TH:
            return field
        word = FIELD_WORDS_TH[match.group(1)]
        for depth, index in enumerate(re.findall(r"\[(\d+)\]", match.group(2))):
            word += f"{'ที่' if depth == 0 else ' คำที่'} {int(index) + 1}"
        words.append(word)
    return f"{' › '.join(words)} ({field})"


_SEVERITY_TH = {Severity.ERROR: "ข้อผิดพลาด", Severity.WARNING: "คำเตือน"}


def format_text(problems: Iterable[Problem], lang: Lang = "en") -> str:
    lines = []
    for p in problems:
        where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
        label = f"{field_label(p.field, lang)}: " if p.field else ""
        severity = _SEVERITY_TH[p.severity] if lang == "th" else str(p.severity)
        lines.append(_one_line(f"{where}: {severity}: {label}{p.message(lang)}"))
    return "\n".join(lines)


def format_json(problems: Iterable[Problem], lang: Lang = "en") -> str:
    rows = [{k: printable(v) if isinstance(v, str) else v for k, v in p.as_dict(lang).items()} for p in problems]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _escape_annotation(text: str) -> str:
    # GitHub workflow commands need %, CR and LF escaped in the message, and , : in properties.
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_annotation(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem], lang: Lang = "en") -> str:
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props += [f"line={p.line}", f"col={max(p.column, 1)}"]
        title = f"{field_label(p.field, lang)}: " if p.field else ""
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_annotation(title + p.message(lang))}")
    return "\n".join(lines)


FORMATTERS: dict[str, Callable[[Iterable[Problem], Lang], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
