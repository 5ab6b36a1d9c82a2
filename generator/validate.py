"""Stage 2, validate: read every file, check it against the schema, and report every problem.

Nothing here stops at the first mistake: each write-up is checked on its own, every problem is
placed at the line and column of the value at fault, and the valid write-ups come out as typed
Story objects for the later stages.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .collect import Inventory, StoryFolder
from .frameworks import PMQA_CATEGORIES
from .model import (
    FRONT_MATTER_EXAMPLES,
    PHOTO_EXTENSIONS,
    FrontMatter,
    Office,
    OfficeEntry,
    Registry,
    SiteConfig,
    Story,
)
from .parsing import Positions, TextFile, decode, load_yaml, split_front_matter
from .problems import CATALOGUE, Problem, Severity, display_path, has_errors, sort_key
from .thai import slugify

# --- turning pydantic's errors into problems an office can act on ---------------------------------

_EXPECTED: dict[str, tuple[str, str]] = {
    "string_type": ("text", "ข้อความ"),
    "list_type": ("a list (one '- ' line per entry)", "รายการ (บรรทัดละรายการ ขึ้นต้นด้วย '- ')"),
    "bool_type": ("true or false", "true หรือ false"),
    "bool_parsing": ("true or false", "true หรือ false"),
    "int_type": ("a whole number", "จำนวนเต็ม"),
    "int_parsing": ("a whole number", "จำนวนเต็ม"),
    "int_from_float": ("a whole number", "จำนวนเต็ม"),
    "float_type": ("a number", "ตัวเลข"),
    "float_parsing": ("a number", "ตัวเลข"),
    "model_type": ("fields written 'name: value'", "ฟิลด์แบบ 'ชื่อ: ค่า'"),
    "model_attributes_type": ("fields written 'name: value'", "ฟิลด์แบบ 'ชื่อ: ค่า'"),
    "dict_type": ("fields written 'name: value'", "ฟิลด์แบบ 'ชื่อ: ค่า'"),
}


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def _field_name(loc: tuple[Hashable, ...]) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _model_at(model: type[BaseModel] | None, loc: Iterable[Hashable]) -> type[BaseModel] | None:
    """The model that holds the fields at loc (list indexes skipped), if there is one."""
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _did_you_mean(value: str, choices: Iterable[str]) -> dict[str, str]:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        return {}
    return {"hint": f" (did you mean '{close[0]}'?)", "hint_th": f" (หมายถึง '{close[0]}' หรือไม่)"}


def _pmqa_hint(value: str) -> dict[str, str]:
    match = re.search(r"([1-7])(?:\.(\d+))?", value)
    if not match:
        return {}
    category = PMQA_CATEGORIES[match.group(1)]
    if match.group(2) is not None or not value.isdigit():
        if value.strip() != match.group(0):
            return {"hint": f" (write just {match.group(0)})", "hint_th": f" (ให้เขียนเพียง {match.group(0)})"}
        last = category.items[-1].code
        return {
            "hint": f" (category {category.code} has items {category.code}.1–{last})",
            "hint_th": f" (หมวด {category.code} มีหัวข้อ {category.code}.1–{last})",
        }
    return {}


def problems_from_validation(
    error: ValidationError,
    path: str,
    positions: Positions,
    model: type[BaseModel],
    prefix: tuple[Hashable, ...] = (),
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = (*prefix, *detail["loc"])
        kind = detail["type"]
        ctx: dict[str, Any] = dict(detail.get("ctx") or {})
        field = _field_name(loc)
        given = detail.get("input")
        line, column = positions.locate(loc)
        if kind == "missing":
            key = str(loc[-1])
            example = FRONT_MATTER_EXAMPLES.get(key)
            problems.append(
                Problem(path, *positions.locate(loc[:-1]), field, "field.missing",
                        {"key": key, "example": f" (for example: {example})" if example else ""})
            )
            continue
        if kind == "extra_forbidden":
            key = str(loc[-1])
            holder = _model_at(model, loc[len(prefix) : -1])
            allowed = list(holder.model_fields) if holder else []
            problems.append(
                Problem(path, *positions.locate(loc, key=True), field, "field.unknown",
                        {"key": key, "allowed": ", ".join(allowed), **_did_you_mean(key, allowed)})
            )
            continue
        if kind == "literal_error":
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            value = str(given)
            problems.append(
                Problem(path, line, column, field, "field.choice",
                        {"value": value, "choices": ", ".join(choices), **_did_you_mean(value, choices)})
            )
            continue
        if kind == "too_short" and isinstance(given, list):
            problems.append(Problem(path, line, column, field, "field.empty"))
            continue
        if kind in _EXPECTED:
            expected, expected_th = _EXPECTED[kind]
            problems.append(
                Problem(path, line, column, field, "field.type",
                        {"expected": expected, "expected_th": expected_th, "found": _describe(given)})
            )
            continue
        if kind in CATALOGUE:
            params = dict(ctx)
            if kind == "pmqa.invalid":
                params.update(_pmqa_hint(str(ctx.get("value", ""))))
            problems.append(Problem(path, line, column, field, kind, params))
            continue
        problems.append(Problem(path, line, column, field, "field.invalid", {"reason": detail["msg"]}))
    return problems


# --- write-up bodies ---------------------------------------------------------------------------

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?\n.*?(?:^\1?\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_UNSAFE_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet)\b", re.I)
_TAG_OR_ATTRS = re.compile(r"<[a-zA-Z][^<>]*>|\{[^{}\n]*\}")
_EVENT_ATTR = re.compile(r"(?<=[\s\"'/])(on[a-z]+)\s*=", re.I)
_SCRIPT_URL = re.compile(r"(?:javascript|vbscript)\s*:", re.I)


def _mask_code(text: str) -> str:
    """Blank out code blocks and spans (keeping offsets) so code that shows HTML is allowed."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _offset_position(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return first_line + line, column


_CODE_HINT = {
    "hint": " (to show code, put it between ``` lines)",
    "hint_th": " (ถ้าต้องการแสดงโค้ด ให้ใส่ไว้ระหว่างบรรทัด ```)",
}


def check_body(body: str, first_line: int, path: str) -> list[Problem]:
    if not body.strip():
        return [Problem(path, first_line, 1, "", "body.empty")]
    text = _mask_code(body)
    found: list[tuple[int, str, str]] = []
    for match in _UNSAFE_TAG.finditer(text):
        tag = f"<{match.group(1).lower()}>"
        found.append((match.start(), tag, f" แท็ก {tag}"))
    for tag in _TAG_OR_ATTRS.finditer(text):
        for attr in _EVENT_ATTR.finditer(tag.group(0)):
            name = attr.group(1).lower()
            found.append((tag.start() + attr.start(1), f"the event attribute '{name}='", f" แอตทริบิวต์ '{name}='"))
    for match in _SCRIPT_URL.finditer(text):
        scheme = match.group(0).rstrip(": ").lower()
        found.append((match.start(), f"a '{scheme}:' link", f" ลิงก์ '{scheme}:'"))
    return [
        Problem(path, *_offset_position(body, offset, first_line), "", "body.unsafe_html",
                {"what": what, "what_th": what_th, **_CODE_HINT})
        for offset, what, what_th in sorted(found)
    ]


# --- the office registry -----------------------------------------------------------------------


def _read_yaml_file(path: Path, *, what: str, what_th: str):
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, Positions(), [Problem(shown, 0, 0, "", "file.unreadable", {"reason": exc.strerror})]
    text, problems = decode(data, shown)
    if text is None:
        return None, Positions(), problems
    if not text.text.strip():
        return None, Positions(), [Problem(shown, 1, 1, "", "file.empty")]
    return load_yaml(text.text, shown, 1, what=what, what_th=what_th)


def validate_registry(path: Path | None, content_dir: Path) -> tuple[Registry | None, list[Problem]]:
    if path is None:
        folder = display_path(content_dir)
        return None, [Problem(folder, 0, 0, "", "content.registry_missing", {"folder": folder})]
    shown = display_path(path)
    data, positions, problems = _read_yaml_file(path, what="offices.yml", what_th="offices.yml")
    if data is None:
        return None, problems
    for key in data:
        if key != "offices":
            problems.append(
                Problem(shown, *positions.locate((key,), key=True), str(key), "field.unknown",
                        {"key": key, "allowed": "offices", **_did_you_mean(str(key), ["offices"])})
            )
    entries = data.get("offices")
    if not isinstance(entries, list):
        line, column = positions.locate(("offices",))
        found = "nothing" if entries is None else _describe(entries)
        return None, [*problems, Problem(shown, line, column, "offices", "field.type",
                                         {"expected": "a list of offices", "expected_th": "รายการหน่วยงาน",
                                          "found": found})]
    offices: dict[str, Office] = {}
    first_line: dict[str, int] = {}
    for index, raw in enumerate(entries):
        try:
            entry = OfficeEntry.model_validate(raw)
        except ValidationError as exc:
            problems += problems_from_validation(exc, shown, positions, OfficeEntry, ("offices", index))
            continue
        line, column = positions.locate(("offices", index, "id"))
        if entry.id in offices:
            problems.append(Problem(shown, line, column, f"offices[{index}].id", "registry.duplicate_id",
                                    {"value": entry.id, "first_line": first_line[entry.id]}))
            continue
        if entry.kind == "province" and entry.province and entry.id != entry.province.lower():
            problems.append(Problem(shown, line, column, f"offices[{index}].id", "registry.province_id",
                                    {"digits": entry.province[3:], "province": entry.province}))
        first_line[entry.id] = line
        offices[entry.id] = Office(entry.id, entry.name_th, entry.name_en, entry.abbr_th, entry.kind,
                                   entry.parent, entry.province)
    problems += _check_parents(offices, entries, shown, positions)
    return Registry(offices), problems


def _check_parents(
    offices: dict[str, Office], entries: list[Any], shown: str, positions: Positions
) -> list[Problem]:
    problems = []
    index_of = {e.get("id"): i for i, e in enumerate(entries) if isinstance(e, dict)}
    for office in offices.values():
        if office.parent is None:
            continue
        loc = ("offices", index_of[office.id], "parent")
        if office.parent not in offices:
            problems.append(Problem(shown, *positions.locate(loc), _field_name(loc), "registry.unknown_parent",
                                    {"value": office.parent, **_did_you_mean(office.parent, offices)}))
            continue
        seen = {office.id}
        current: str | None = office.parent
        while current is not None and current in offices:
            if current in seen:
                problems.append(Problem(shown, *positions.locate(loc), _field_name(loc),
                                        "registry.parent_cycle", {"value": office.id}))
                break
            seen.add(current)
            current = offices[current].parent
    return problems


# --- the site configuration --------------------------------------------------------------------


def validate_config(path: Path, *, required: bool) -> tuple[SiteConfig | None, list[Problem]]:
    shown = display_path(path)
    if not path.is_file():
        if required:
            return None, [Problem(shown, 0, 0, "", "config.missing", {"file": shown})]
        return SiteConfig(), []
    data, positions, problems = _read_yaml_file(path, what="site_config.yml", what_th="site_config.yml")
    if data is None:
        return None, problems
    try:
        return SiteConfig.model_validate(data), problems
    except ValidationError as exc:
        return None, problems + problems_from_validation(exc, shown, positions, SiteConfig)


# --- write-ups ---------------------------------------------------------------------------------

_SLUG = re.compile(r"^[0-9a-z\u0e00-\u0e7f]+(?:-[0-9a-z\u0e00-\u0e7f]+)*$")


def parse_front_matter(
    text: TextFile,
) -> tuple[dict[str, Any] | None, Positions, Any, list[Problem]]:
    """Split and parse a write-up; returns (data, positions, document, problems)."""
    document, problems = split_front_matter(text)
    if document is None:
        return None, Positions(), None, problems
    data, positions, problems = load_yaml(document.front, text.path, document.front_first_line)
    if data is not None and isinstance(data.get("pmqa"), list):
        # Use each code as written: an unquoted 6.10 must not become the float 6.1.
        data["pmqa"] = [
            positions.raw.get(("pmqa", i), item) if not isinstance(item, (list, dict)) else item
            for i, item in enumerate(data["pmqa"])
        ]
    return data, positions, document, problems


def validate_story(folder: StoryFolder, registry: Registry | None) -> tuple[Story | None, list[Problem]]:
    shown = display_path(folder.index)
    problems: list[Problem] = []
    if registry is not None and folder.office_id not in registry:
        problems.append(Problem(shown, 0, 0, "", "content.unknown_office",
                                {"office": folder.office_id, **_did_you_mean(folder.office_id, registry.offices)}))
    if not _SLUG.match(folder.slug):
        problems.append(Problem(shown, 0, 0, "", "content.bad_slug",
                                {"slug": folder.slug, "suggestion": slugify(folder.slug) or "my-story"}))
    try:
        raw = folder.index.read_bytes()
    except OSError as exc:
        return None, [*problems, Problem(shown, 0, 0, "", "file.unreadable", {"reason": exc.strerror})]
    text, decode_problems = decode(raw, shown)
    if text is None:
        return None, problems + decode_problems
    data, positions, document, parse_problems = parse_front_matter(text)
    problems += parse_problems
    if document is not None:
        problems += check_body(document.body, document.body_first_line, shown)
    if data is None:
        return None, problems
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        problems += problems_from_validation(exc, shown, positions, FrontMatter)
        meta = None
    # Photo files and PMQA repeats are checked from the raw data, so they are reported even when
    # another field is wrong.
    problems += _check_story_refs(data, folder, shown, positions)
    if meta is None or has_errors(problems):
        return None, problems
    photo_positions = tuple(positions.locate(("photos", i, "file")) for i in range(len(meta.photos)))
    return (
        Story(folder.office_id, folder.slug, folder.index, shown, meta, document.body,
              document.body_first_line, folder.files, photo_positions),
        problems,
    )


def _check_story_refs(data: dict[str, Any], folder: StoryFolder, shown: str, positions: Positions) -> list[Problem]:
    problems = []
    codes = data.get("pmqa") if isinstance(data.get("pmqa"), list) else []
    seen_codes: set[str] = set()
    for index, code in enumerate(codes):
        text = str(code).strip()
        if text in seen_codes:
            problems.append(Problem(shown, *positions.locate(("pmqa", index)), f"pmqa[{index}]",
                                    "pmqa.duplicate", {"value": text}, Severity.WARNING))
        seen_codes.add(text)
    refs = data.get("photos") if isinstance(data.get("photos"), list) else []
    files = set(folder.files)
    lower = {name.lower(): name for name in files}
    listed: set[str] = set()
    for index, ref in enumerate(refs):
        name = ref.get("file") if isinstance(ref, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        name = name.strip()
        if "/" in name or "\\" in name or ".." in name:
            continue  # the schema reports photo.path
        loc = ("photos", index, "file")
        where = positions.locate(loc)
        field = _field_name(loc)
        if name in listed:
            problems.append(Problem(shown, *where, field, "photo.duplicate", {"value": name}, Severity.WARNING))
        listed.add(name)
        ext = Path(name).suffix.lower()
        if ext not in PHOTO_EXTENSIONS:
            problems.append(Problem(shown, *where, field, "photo.extension", {"value": name, "ext": ext}))
        elif name not in files:
            params: dict[str, object] = {"value": name, "folder": display_path(folder.folder)}
            if name.lower() in lower:
                params.update({"hint": f" (did you mean '{lower[name.lower()]}'? names are case-sensitive)",
                               "hint_th": f" (หมายถึง '{lower[name.lower()]}' หรือไม่ "
                                          "ตัวพิมพ์เล็ก/ใหญ่ต้องตรงกัน)"})
            else:
                params.update(_did_you_mean(name, files))
            problems.append(Problem(shown, *where, field, "photo.not_found", params))
    for name in sorted(files - listed):
        if Path(name).suffix.lower() in PHOTO_EXTENSIONS:
            problems.append(Problem(display_path(folder.folder / name), 0, 0, "", "photo.unreferenced",
                                    {"value": name}, Severity.WARNING))
    return problems


# --- everything at once ------------------------------------------------------------------------


@dataclass(frozen=True)
class Validated:
    registry: Registry | None
    config: SiteConfig | None
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]  # sorted by file, line, column

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems) and self.registry is not None and self.config is not None


def validate(inventory: Inventory, config_path: Path, *, config_required: bool) -> Validated:
    problems: list[Problem] = list(inventory.problems)
    config, config_problems = validate_config(config_path, required=config_required)
    problems += config_problems
    registry: Registry | None = None
    if inventory.content_dir.is_dir():
        registry, registry_problems = validate_registry(inventory.registry_file, inventory.content_dir)
        problems += registry_problems
    stories = []
    for folder in inventory.folders:
        story, story_problems = validate_story(folder, registry)
        problems += story_problems
        if story is not None:
            stories.append(story)
    return Validated(registry, config, tuple(stories), tuple(sorted(problems, key=sort_key)))

