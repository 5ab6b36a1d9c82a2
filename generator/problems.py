"""Problems found in the input: data, not exceptions.

Every stage returns the problems it found and keeps going, so one run reports every mistake in
every file. The CLI decides how to print them (text, JSON, GitHub annotations) and in which
language: each problem carries a code and its parameters, and its message is rendered from the
catalogue below in English or Thai.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# code -> (English, Thai). Parameters in braces are filled from Problem.params.
CATALOGUE: dict[str, tuple[str, str]] = {
    "file.not_utf8": (
        "the file is not UTF-8{guess}; open it and save it again as UTF-8 "
        "(Notepad: File > Save As > Encoding: UTF-8; VS Code: click the encoding in the status bar, "
        "then 'Save with Encoding' > UTF-8)",
        "ไฟล์ไม่ได้บันทึกเป็น UTF-8{guess_th} ให้เปิดไฟล์แล้วบันทึกใหม่เป็น UTF-8 "
        "(Notepad: File > Save As > Encoding: UTF-8; VS Code: คลิกชื่อการเข้ารหัสที่แถบสถานะ "
        "แล้วเลือก 'Save with Encoding' > UTF-8)",
    ),
    "file.empty": (
        "the file is empty; a write-up needs front-matter between '---' lines and a body",
        "ไฟล์ว่างเปล่า เรื่องเล่าต้องมีส่วนหัว (front-matter) ระหว่างบรรทัด '---' และเนื้อเรื่อง",
    ),
    "file.unreadable": ("the file cannot be read: {reason}", "อ่านไฟล์ไม่ได้: {reason}"),
    "frontmatter.missing": (
        "the file must start with a front-matter block: a line '---', the fields, and another '---'",
        "ไฟล์ต้องขึ้นต้นด้วยส่วนหัว (front-matter): บรรทัด '---' ตามด้วยฟิลด์ต่าง ๆ แล้วปิดด้วย '---'",
    ),
    "frontmatter.unclosed": (
        "the front-matter that starts here is never closed; add a line '---' after the last field",
        "ส่วนหัวที่เริ่มตรงนี้ไม่มีบรรทัดปิด ให้เพิ่มบรรทัด '---' หลังฟิลด์สุดท้าย",
    ),
    "yaml.not_mapping": (
        "{what} must be a list of 'name: value' fields, not {found}",
        "{what_th} ต้องเป็นรายการฟิลด์แบบ 'ชื่อ: ค่า' ไม่ใช่ {found}",
    ),
    "yaml.syntax": (
        "the YAML cannot be read: {reason}; check the colons, quotes and indentation around here",
        "อ่าน YAML ไม่ได้: {reason} ให้ตรวจเครื่องหมาย : เครื่องหมายคำพูด และการย่อหน้าบริเวณนี้",
    ),
    "yaml.tab": (
        "a tab is used for indentation; YAML needs spaces (replace the tab with two spaces)",
        "ใช้แท็บในการย่อหน้า YAML ต้องใช้ช่องว่าง (ให้แทนแท็บด้วยช่องว่างสองช่อง)",
    ),
    "yaml.duplicate_key": (
        "'{key}' is given twice (first at line {first_line}); keep one",
        "'{key}' ซ้ำกัน (ครั้งแรกที่บรรทัด {first_line}) ให้เหลือเพียงหนึ่ง",
    ),
    "field.unknown": (
        "unknown field '{key}'{hint}; allowed fields: {allowed}",
        "ไม่รู้จักฟิลด์ '{key}'{hint_th} ฟิลด์ที่ใช้ได้: {allowed}",
    ),
    "field.missing": ("'{key}' is required{example}", "ต้องระบุ '{key}'{example}"),
    "field.type": ("must be {expected}, not {found}", "ต้องเป็น{expected_th} ไม่ใช่ {found}"),
    "field.empty": ("must not be empty", "ต้องไม่เว้นว่าง"),
    "field.too_long": (
        "is {length} characters long; the limit is {limit} (shorten it by {over})",
        "ยาว {length} ตัวอักษร เกินกำหนด {limit} ตัวอักษร (ให้ตัดออก {over} ตัวอักษร)",
    ),
    "field.choice": (
        "'{value}' is not one of {choices}{hint}",
        "'{value}' ไม่ใช่ค่าที่ใช้ได้ ({choices}){hint_th}",
    ),
    "field.invalid": ("{reason}", "{reason}"),
    "date.format": (
        "'{value}' is not a date written YYYY-MM-DD in the Gregorian calendar (e.g. 2024-06-22)",
        "'{value}' ไม่ใช่วันที่แบบ YYYY-MM-DD ตามปีคริสต์ศักราช (เช่น 2024-06-22)",
    ),
    "date.buddhist_era": (
        "'{value}' looks like a Buddhist Era year; write the Gregorian year ({gregorian})",
        "'{value}' น่าจะเป็นปีพุทธศักราช ให้ใช้ปีคริสต์ศักราช ({gregorian})",
    ),
    "date.invalid": ("'{value}' is not a real date: {reason}", "'{value}' ไม่ใช่วันที่ที่มีอยู่จริง: {reason}"),
    "pmqa.invalid": (
        "'{value}' is not a PMQA 4.0 category (1–7) or item (1.1–1.4, 2.1–2.4, 3.1–3.4, 4.1–4.4, "
        "5.1–5.4, 6.1–6.4, 7.1–7.6){hint}",
        "'{value}' ไม่ใช่หมวด (1–7) หรือหัวข้อ (1.1–1.4, 2.1–2.4, 3.1–3.4, 4.1–4.4, 5.1–5.4, "
        "6.1–6.4, 7.1–7.6) ของ PMQA 4.0{hint_th}",
    ),
    "pmqa.duplicate": ("'{value}' is listed twice", "'{value}' ระบุซ้ำ"),
    "photo.path": (
        "'{value}' must be a file name in the write-up's own folder, with no '/' or '..'",
        "'{value}' ต้องเป็นชื่อไฟล์ในโฟลเดอร์เดียวกับเรื่อง ห้ามมี '/' หรือ '..'",
    ),
    "photo.not_found": (
        "photo '{value}' is not in the folder {folder}{hint}",
        "ไม่พบรูป '{value}' ในโฟลเดอร์ {folder}{hint_th}",
    ),
    "photo.type": (
        "'{value}' is {found}, not a photo; use JPEG, PNG or WebP",
        "'{value}' เป็น {found} ไม่ใช่รูปภาพ ให้ใช้ JPEG, PNG หรือ WebP",
    ),
    "photo.extension": (
        "'{value}' has the extension '{ext}'; photos must end in .jpg, .jpeg, .png or .webp",
        "'{value}' มีนามสกุล '{ext}' รูปต้องมีนามสกุล .jpg, .jpeg, .png หรือ .webp",
    ),
    "photo.corrupt": (
        "'{value}' cannot be decoded ({reason}); export the photo again",
        "ถอดรหัสรูป '{value}' ไม่ได้ ({reason}) ให้ส่งออกรูปใหม่อีกครั้ง",
    ),
    "photo.too_many_pixels": (
        "'{value}' is {width}×{height} ({megapixels} megapixels); the limit is {limit} megapixels: "
        "resize it",
        "'{value}' มีขนาด {width}×{height} ({megapixels} ล้านพิกเซล) เกินกำหนด {limit} ล้านพิกเซล "
        "ให้ย่อขนาดรูป",
    ),
    "photo.too_large": (
        "'{value}' is {size_mb} MB; the limit is {limit_mb} MB: save it at a smaller size or quality",
        "'{value}' มีขนาด {size_mb} MB เกินกำหนด {limit_mb} MB ให้บันทึกรูปให้เล็กลง",
    ),
    "photo.unreferenced": (
        "photo '{value}' is in the folder but no write-up lists it under 'photos', so it is not "
        "published",
        "รูป '{value}' อยู่ในโฟลเดอร์แต่ไม่ได้ระบุไว้ใน 'photos' จึงจะไม่ถูกเผยแพร่",
    ),
    "photo.duplicate": ("'{value}' is listed twice", "'{value}' ระบุซ้ำ"),
    "body.empty": (
        "the write-up has no text after the front-matter; tell the story below the closing '---'",
        "ไม่มีเนื้อเรื่องหลังส่วนหัว ให้เขียนเรื่องใต้บรรทัด '---' ที่ปิดส่วนหัว",
    ),
    "body.unsafe_html": (
        "{what} is not allowed: it could run script on the public site; remove it{hint}",
        "ไม่อนุญาต{what_th} เพราะอาจรันสคริปต์บนเว็บไซต์สาธารณะได้ ให้ลบออก{hint_th}",
    ),
    "content.missing": (
        "the content folder {folder} does not exist",
        "ไม่พบโฟลเดอร์เนื้อหา {folder}",
    ),
    "content.registry_missing": (
        "there is no offices.yml in {folder}; it lists the offices that may publish",
        "ไม่พบไฟล์ offices.yml ใน {folder} ซึ่งเป็นรายชื่อหน่วยงานที่เผยแพร่เรื่องได้",
    ),
    "content.unknown_office": (
        "the folder '{office}' is not an office id in offices.yml{hint}",
        "โฟลเดอร์ '{office}' ไม่ใช่รหัสหน่วยงานใน offices.yml{hint_th}",
    ),
    "content.misplaced": (
        "write-ups belong at content/<office-id>/<story-slug>/index.md; this file is not read",
        "เรื่องต้องอยู่ที่ content/<รหัสหน่วยงาน>/<ชื่อเรื่อง>/index.md ไฟล์นี้จะไม่ถูกอ่าน",
    ),
    "content.no_index": (
        "the story folder has no index.md, so it is not published",
        "โฟลเดอร์เรื่องไม่มีไฟล์ index.md จึงจะไม่ถูกเผยแพร่",
    ),
    "content.bad_slug": (
        "the folder name '{slug}' becomes the page address; use lower-case letters, digits, Thai and "
        "'-' only (for example '{suggestion}')",
        "ชื่อโฟลเดอร์ '{slug}' จะเป็นที่อยู่หน้าเว็บ ให้ใช้ตัวพิมพ์เล็ก ตัวเลข ภาษาไทย และ '-' เท่านั้น "
        "(เช่น '{suggestion}')",
    ),
    "registry.bad_id": (
        "office id '{value}' must be lower-case a-z, 0-9 and '-'",
        "รหัสหน่วยงาน '{value}' ต้องประกอบด้วย a-z, 0-9 และ '-' เท่านั้น",
    ),
    "registry.reserved_id": (
        "office id '{value}' is used by the site itself ({reserved}); choose another",
        "รหัสหน่วยงาน '{value}' ถูกใช้โดยเว็บไซต์แล้ว ({reserved}) ให้ใช้รหัสอื่น",
    ),
    "registry.duplicate_id": (
        "office id '{value}' is given twice (first at line {first_line})",
        "รหัสหน่วยงาน '{value}' ซ้ำกัน (ครั้งแรกที่บรรทัด {first_line})",
    ),
    "registry.unknown_parent": (
        "parent '{value}' is not an office id in this file{hint}",
        "หน่วยงานแม่ '{value}' ไม่มีในไฟล์นี้{hint_th}",
    ),
    "registry.parent_cycle": (
        "office '{value}' is its own ancestor through 'parent'",
        "หน่วยงาน '{value}' เป็นหน่วยงานแม่ของตัวเองผ่าน 'parent'",
    ),
    "registry.bad_province": (
        "'{value}' is not an ISO 3166-2:TH province code (TH-10 Bangkok … TH-96)",
        "'{value}' ไม่ใช่รหัสจังหวัดตาม ISO 3166-2:TH (TH-10 กรุงเทพมหานคร … TH-96)",
    ),
    "registry.province_id": (
        "a province office's id must be 'th-{digits}' to match its province {province}",
        "รหัสของสำนักงานจังหวัดต้องเป็น 'th-{digits}' ให้ตรงกับจังหวัด {province}",
    ),
    "config.missing": (
        "the site configuration {file} does not exist",
        "ไม่พบไฟล์ตั้งค่าเว็บไซต์ {file}",
    ),
    "build.failed": ("the site could not be built: {reason}", "สร้างเว็บไซต์ไม่สำเร็จ: {reason}"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at a line and column (both 1-based; 0 when unknown)."""

    file: str
    line: int
    column: int
    field: str
    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    severity: Severity = Severity.ERROR

    def message(self, lang: str = "en") -> str:
        english, thai = CATALOGUE[self.code]
        params = dict(self.params)
        # Thai variants of optional parts fall back to the English ones.
        for key in ("hint", "guess", "what"):
            params.setdefault(f"{key}_th", params.get(key, ""))
            params.setdefault(key, "")
        params.setdefault("example", "")
        params.setdefault("expected_th", params.get("expected", ""))
        template = thai if lang == "th" else english
        return template.format(**params)

    def as_dict(self, lang: str = "en") -> dict[str, object]:
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
    """Paths in messages are relative to the working directory when they can be."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_text(problems: Iterable[Problem], lang: str = "en") -> str:
    lines = []
    for p in problems:
        where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
        label = f"{p.field}: " if p.field else ""
        lines.append(f"{where}: {p.severity}: {label}{p.message(lang)}")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem], lang: str = "en") -> str:
    return json.dumps([p.as_dict(lang) for p in problems], ensure_ascii=False, indent=2)


def _escape_annotation(text: str) -> str:
    # GitHub workflow commands need %, CR and LF escaped in the message, and , : in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_annotation(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem], lang: str = "en") -> str:
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props += [f"line={p.line}", f"col={max(p.column, 1)}"]
        title = f"{p.field}: " if p.field else ""
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_annotation(title + p.message(lang))}")
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
