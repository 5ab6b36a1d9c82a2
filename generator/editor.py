"""Editor integration, generated from the same model `check` uses (never written twice).

- json_schema(): the JSON Schema of the front-matter, for editors and other tools.
- frontmatter_cms_config(): a frontmatter.json for the Front Matter CMS extension of VS Code, so
  office staff can fill in a write-up through a form with the RER and PMQA choices.
- decap_config() and build_editor(): the web editor for offices (`moinext editor`), Decap CMS in
  Thai, its form made from FrontMatter, the office registry and the frameworks, each story sent
  as a pull request for the PR team to review (Decap's editorial workflow).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import os
import re
import shutil
import tarfile
import urllib.request
from pathlib import Path
from typing import Any, get_args

import yaml

from .content import limits
from .content.limits import SUMMARY_CHARS as SUMMARY_LIMIT
from .content.registry import Registry
from .content.schema import (
    PHOTO_BASIS_TH,
    PHOTO_PEOPLE_TH,
    SLUG_PATTERN,
    FrontMatter,
    PhotoBasis,
    PhotoPeople,
    SiteConfig,
)
from .frameworks import PMQA, PMQA_CODES, RER
from .places import districts, province_name, provincial_offices
from .thai.text import thai_sort_key

SCHEMA_ID = "https://moinext.invalid/schema/front-matter.json"


def json_schema() -> dict[str, Any]:
    schema = FrontMatter.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def frontmatter_cms_config() -> dict[str, Any]:
    return {
        "$schema": "https://frontmatter.codes/frontmatter.schema.json",
        "frontMatter.framework.id": "other",
        "frontMatter.content.pageFolders": [{"title": "Write-ups", "path": "[[workspace]]/content"}],
        "frontMatter.content.supportedFileTypes": ["md"],
        "frontMatter.taxonomy.contentTypes": [
            {
                "name": "default",
                "pageBundle": True,
                "fields": [
                    {"title": "ชื่อเรื่อง (title)", "name": "title", "type": "string", "required": True},
                    {
                        "title": "วันที่ (date)",
                        "name": "date",
                        "type": "datetime",
                        "dateFormat": "yyyy-MM-dd",
                        "required": True,
                    },
                    {
                        "title": "RER",
                        "name": "rer",
                        "type": "choice",
                        "required": True,
                        "choices": [{"id": c.key, "title": f"{c.name_th} ({c.name_en})"} for c in RER],
                    },
                    {
                        "title": "PMQA 4.0",
                        "name": "pmqa",
                        "type": "choice",
                        "multiple": True,
                        "required": True,
                        "choices": list(PMQA_CODES),
                    },
                    {
                        "title": f"สรุป (summary, ≤ {SUMMARY_LIMIT})",
                        "name": "summary",
                        "type": "string",
                        "multiline": True,
                        "required": True,
                    },
                    {"title": "รูป (photos)", "name": "photos", "type": "block", "fieldGroup": "photo"},
                    {"title": "แท็ก (tags)", "name": "tags", "type": "list"},
                    {"title": "ผลลัพธ์ (results)", "name": "results", "type": "block", "fieldGroup": "result"},
                    {"title": "ร่าง (draft)", "name": "draft", "type": "boolean"},
                    {"title": "เรื่องเด่น (featured)", "name": "featured", "type": "boolean"},
                ],
            }
        ],
        "frontMatter.taxonomy.fieldGroups": [
            {
                "id": "photo",
                "labelField": "file",
                "fields": [
                    {"title": "ไฟล์ (file)", "name": "file", "type": "string", "required": True},
                    {"title": "คำอธิบายภาพ (alt)", "name": "alt", "type": "string", "required": True},
                    {"title": "คำบรรยาย (caption)", "name": "caption", "type": "string"},
                ],
            },
            {
                "id": "result",
                "labelField": "indicator",
                "fields": [
                    {"title": "ตัวชี้วัด (indicator)", "name": "indicator", "type": "string", "required": True},
                    {"title": "ก่อน (before)", "name": "before", "type": "number"},
                    {"title": "หลัง (after)", "name": "after", "type": "number", "required": True},
                    {"title": "หน่วย (unit)", "name": "unit", "type": "string"},
                ],
            },
        ],
    }


# --- The web editor (Decap CMS) -----------------------------------------------------------------

# Decap CMS from the npm registry, pinned by version and by the registry's own integrity hash:
# the tarball is checked on every use, so a cached copy is trusted no more than the registry's.
DECAP_VERSION = "3.16.3"
DECAP_INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
_DECAP_FILE = re.compile(r"^package/dist/((?:\d+\.)?decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
EDITOR_FILES = Path(__file__).parent / "templates" / "editor"

# Front-matter the form does not ask for, and why (tests/test_editor.py holds the form to this).
NOT_IN_THE_FORM = {
    "draft": "the editorial workflow is the draft: a story is published when its pull request is merged",
    "featured": "the PR team leads the home page, not an office",
    "aliases": "former addresses are the PR team's, when it moves a story",
}


class EditorError(Exception):
    """The editor cannot be built; the message says why and what to do."""


def _hint(field: str) -> str:
    """The model's own description of a field, its Thai part (before " · ")."""
    description = FrontMatter.model_fields[field].description or ""
    return description.split(" · ")[0]


def _max_chars(limit: int) -> list[str]:
    # Decap checks a pattern on every change; [\s\S] so a summary may run over several lines.
    return [f"^[\\s\\S]{{1,{limit}}}$", f"ไม่เกิน {limit} ตัวอักษร"]


def _office_options(registry: Registry) -> list[dict[str, str]]:
    """Every office that may write: those of offices.yml, and every district and สำนักงานจังหวัด
    (which may write without an entry there), by Thai name and province, searchable as one types."""
    named: dict[str, tuple[str, str | None]] = {o.id: (o.name_th, o.province) for o in registry.offices.values()}
    for unit in (*districts().values(), *provincial_offices().values()):
        named.setdefault(unit.office_id, (unit.name_th, unit.province))
    options = []
    for office_id, (name, province) in sorted(named.items(), key=lambda item: (thai_sort_key(item[1][0]), item[0])):
        where = province_name(province) if province else None
        label = name if not where or where in name else f"{name} จ.{where}"
        options.append({"label": f"{label} · {office_id}", "value": office_id})
    return options


def template_body() -> str:
    """The body a new story starts with: `moinext new`'s headings, without its comments (the
    form's hint says what goes under each; a rich-text editor would show the comments as text)."""
    from .scaffold import TEMPLATE_BODY

    text = re.sub(r"<!--.*?-->\n*", "", TEMPLATE_BODY, flags=re.S)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def decap_fields(registry: Registry, config: SiteConfig) -> list[dict[str, Any]]:
    """The story form, field by field, from FrontMatter: names, requirements, limits and choices."""
    offices = _office_options(registry)
    # Inside an optional group every field is optional to Decap (it would else refuse to save a
    # story without a reporter); a reporter without a name is check's to refuse, in the review.
    person = [
        {"name": "name", "label": "ชื่อ-นามสกุล", "widget": "string", "required": False},
        {"name": "position", "label": "ตำแหน่ง", "widget": "string", "required": False},
    ]
    photo_limits = (
        f"JPEG, PNG, WebP หรือ HEIC ไม่เกิน {config.photos.max_file_mb:g} MB และ "
        f"{config.photos.max_megapixels:g} ล้านพิกเซลต่อภาพ ไม่เกิน {limits.PHOTOS_PER_STORY} ภาพ"
    )
    return [
        {
            "name": "office",
            "label": "หน่วยงาน",
            "widget": "select",
            "options": offices,
            "hint": "พิมพ์ชื่อหน่วยงานหรือจังหวัดเพื่อค้นหา",
        },
        {"name": "title", "label": "ชื่อเรื่อง", "widget": "string", "pattern": _max_chars(limits.TITLE_CHARS)},
        {
            "name": "slug",
            "label": "ชื่อในที่อยู่เว็บของเรื่อง",
            "widget": "moinext-slug",
            "required": False,  # left empty, it is made from the title when the story is first saved
            "hint": "เว้นว่างไว้ได้ ระบบจะตั้งจากชื่อเรื่อง หรือกำหนดเองก่อนบันทึกครั้งแรก: อักษรไทย ตัวเลข อักษรอังกฤษตัวเล็ก คั่นด้วย -",
            "pattern": [f"^{SLUG_PATTERN}$", "ใช้อักษรไทย ตัวเลข อักษรอังกฤษตัวเล็ก และ - คั่นคำ"],
            # What the widget needs to propose a slug as `moinext new` does (scaffold.default_slug).
            "allowed": SLUG_PATTERN.split("+", 1)[0],
            "max_chars": limits.SLUG_CHARS,
            "max_bytes": limits.SLUG_BYTES,
            "site_url": config.site_url or "",
        },
        {
            "name": "date",
            "label": "วันที่",
            "widget": "moinext-date",
            "hint": "เลือกจากปฏิทิน เว็บไซต์แสดงวันที่เป็นปีพุทธศักราช",
        },
        {
            "name": "rer",
            "label": "องค์ประกอบ RER",
            "widget": "select",
            "options": [{"label": f"{c.name_th} ({c.name_en})", "value": c.key} for c in RER],
        },
        {
            "name": "pmqa",
            "label": "PMQA 4.0: หมวดหรือหัวข้อ",
            "widget": "select",
            "multiple": True,
            "min": 1,
            "options": [
                option
                for category in PMQA
                for option in (
                    {"label": f"หมวด {category.code} {category.name_th} (ทั้งหมวด)", "value": category.code},
                    *({"label": f"{i.code} {i.name_th}", "value": i.code} for i in category.items),
                )
            ],
            "hint": "เลือกได้มากกว่าหนึ่งข้อ",
        },
        {
            "name": "summary",
            "label": "สรุป",
            "widget": "text",
            "pattern": _max_chars(limits.SUMMARY_CHARS),
            "hint": _hint("summary"),
        },
        {
            "name": "photos",
            "label": "ภาพ",
            "label_singular": "ภาพ",
            "widget": "list",
            "required": False,
            "max": limits.PHOTOS_PER_STORY,
            "summary": "{{fields.alt}}",
            "hint": photo_limits,
            "fields": [
                {
                    "name": "file",
                    "label": "ไฟล์ภาพ",
                    "widget": "image",
                    "choose_url": False,
                    "hint": photo_limits,
                    # Decap's own media library refuses a larger file before it is sent.
                    "media_library": {"config": {"max_file_size": int(config.photos.max_file_mb * 1_000_000)}},
                },
                {
                    "name": "alt",
                    "label": "ภาพนี้แสดงอะไร (สำหรับผู้ที่มองไม่เห็นภาพ)",
                    "widget": "string",
                    "pattern": _max_chars(limits.ALT_CHARS),
                },
                {
                    "name": "caption",
                    "label": "คำบรรยายใต้ภาพ",
                    "widget": "string",
                    "required": False,
                    "pattern": _max_chars(limits.CAPTION_CHARS),
                },
                {
                    "name": "people",
                    "label": "บุคคลในภาพ",
                    "widget": "select",
                    "required": False,
                    "options": [{"label": PHOTO_PEOPLE_TH[p], "value": p} for p in get_args(PhotoPeople)],
                },
                {
                    "name": "basis",
                    "label": "ฐานในการเผยแพร่ (เมื่อเห็นหน้าบุคคลชัดเจน)",
                    "widget": "select",
                    "required": False,
                    "options": [{"label": PHOTO_BASIS_TH[b], "value": b} for b in get_args(PhotoBasis)],
                },
            ],
        },
        {
            "name": "tags",
            "label": "แท็ก",
            "widget": "list",
            "required": False,
            "max": limits.TAGS_PER_STORY,
            "hint": "คั่นแต่ละแท็กด้วยจุลภาค (,)",
        },
        {
            "name": "results",
            "label": "ตัวชี้วัดก่อน–หลัง",
            "label_singular": "ตัวชี้วัด",
            "widget": "list",
            "required": False,
            "max": limits.RESULTS_PER_STORY,
            "summary": "{{fields.indicator}}",
            "fields": [
                {
                    "name": "indicator",
                    "label": "ตัวชี้วัด",
                    "widget": "string",
                    "pattern": _max_chars(limits.INDICATOR_CHARS),
                },
                {
                    "name": "before",
                    "label": "ค่าก่อนดำเนินการ",
                    "widget": "number",
                    "value_type": "float",
                    "required": False,
                },
                {"name": "after", "label": "ค่าหลังดำเนินการ", "widget": "number", "value_type": "float"},
                {
                    "name": "unit",
                    "label": "หน่วย เช่น วัน ราย %",
                    "widget": "string",
                    "required": False,
                    "pattern": _max_chars(limits.UNIT_CHARS),
                },
            ],
        },
        {
            "name": "reported_by",
            "label": "ผู้รายงาน",
            "widget": "object",
            "required": False,
            "collapsed": True,
            "fields": person,
        },
        {
            "name": "approved_by",
            "label": "ผู้บังคับบัญชาที่รับรอง",
            "widget": "object",
            "required": False,
            "collapsed": True,
            "fields": person,
        },
        {"name": "contact", "label": "ช่องทางติดต่อ (โทรศัพท์หรืออีเมลของหน่วยงาน)", "widget": "string", "required": False},
        {
            "name": "partners",
            "label": "หน่วยงานที่ร่วมดำเนินการ (ร่วมกับ)",
            "widget": "select",
            "multiple": True,
            "required": False,
            "options": offices,
        },
        {
            "name": "internal",
            "label": "บันทึกภายใน (ไม่เผยแพร่)",
            "widget": "object",
            "required": False,
            "collapsed": True,
            "hint": "สิ่งที่ผิดพลาดและสิ่งที่ปรับปรุง ใช้ในรายงานภายในเท่านั้น ไม่แสดงบนเว็บไซต์",
            "fields": [
                {"name": "went_wrong", "label": "สิ่งที่ผิดพลาด", "widget": "text", "required": False},
                {"name": "changed", "label": "สิ่งที่ปรับปรุงแล้ว", "widget": "text", "required": False},
            ],
        },
        {
            "name": "body",
            "label": "เนื้อเรื่อง",
            "widget": "markdown",
            "default": template_body(),
            # A line that is not a heading: check refuses a story of the template's headings alone.
            "pattern": ["(^|\\n)[ \\t]*[^\\s#]", "กรุณาเล่าเรื่องใต้หัวข้อ อย่างน้อยหนึ่งย่อหน้า"],
            "hint": "เล่าใต้หัวข้อแต่ละข้อ: ปัญหาเดิม สิ่งที่ทำและร่วมกับใคร ผลที่เกิดกับประชาชน บทเรียนและก้าวต่อไป",
        },
    ]


def decap_config(registry: Registry, config: SiteConfig) -> dict[str, Any]:
    """Decap CMS's config.yml: the backend from site_config.yml's editor, the story collection
    saving content/<office>/<slug>/index.md with its photos beside it, as `moinext new` does."""
    editor = config.editor
    if editor is None:
        raise EditorError("site_config.yml has no 'editor:' (backend and repo): see the README, 'For offices'")
    # Decap's editorial workflow (a pull request per story) exists for GitHub and GitLab; on Gitea
    # it refuses to start with it. There stories are saved to a review branch the PR team merges.
    per_story_review = editor.backend != "gitea"
    branch = editor.branch if per_story_review else editor.review_branch
    backend: dict[str, Any] = {"name": editor.backend, "repo": editor.repo, "branch": branch}
    for key in ("api_root", "base_url", "auth_endpoint", "app_id"):
        if (value := getattr(editor, key)) is not None:
            backend[key] = value
    if editor.backend == "gitlab" and editor.app_id:
        backend["auth_type"] = "pkce"  # no secret in the page: offices log in with GitLab's PKCE flow
    backend["commit_messages"] = {
        "create": "เรื่องเล่าใหม่: {{slug}} ({{author-login}})",
        "update": "แก้ไขเรื่องเล่า: {{slug}} ({{author-login}})",
        "uploadMedia": "เพิ่มภาพ {{path}}",
    }
    collection = {
        "name": "stories",
        "label": "เรื่องเล่า",
        "label_singular": "เรื่องเล่า",
        "description": "เรื่องเล่าความสำเร็จของหน่วยงาน ส่งให้ทีมประชาสัมพันธ์ตรวจก่อนเผยแพร่",
        "folder": "content",
        # Decap cannot put a field in `path` (decap-cms#7192); a nested collection keeps the
        # slashes of its slug, and a slug may name fields: the office's folder comes from there.
        "nested": {"depth": 3},
        "path": "{{slug}}/index",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": False,  # a story is withdrawn by the PR team (moinext takedown), never from the form
        "slug": "{{fields.office}}/{{fields.slug}}",
        "media_folder": "",  # photos beside index.md, named in its photos: list
        "public_folder": "",
        "summary": "{{title}} · {{fields.office}} · {{date}}",
        "sortable_fields": ["date", "title"],
        "fields": decap_fields(registry, config),
    }
    return {
        "locale": "th",
        "backend": backend,
        "local_backend": {"url": editor.local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]},
        "publish_mode": "editorial_workflow" if per_story_review else "simple",
        "site_url": config.site_url or "",
        "media_folder": "content",
        "public_folder": "",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [collection],
    }


def decap_config_text(registry: Registry, config: SiteConfig) -> str:
    """decap_config as the YAML file Decap reads."""
    return yaml.safe_dump(decap_config(registry, config), allow_unicode=True, sort_keys=False, width=1000)


def editor_policy(config: SiteConfig) -> str:
    """The editor page's Content-Security-Policy. Decap checks its configuration with ajv, which
    compiles with new Function: the page needs 'unsafe-eval', so it is built apart from the public
    site, whose policy stays as strict as it is. It talks to the repository's host and nothing else."""
    editor = config.editor
    assert editor is not None
    api = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": ""}[editor.backend]
    hosts = {_origin(u) for u in (editor.api_root or api, editor.base_url, editor.local_backend) if u}
    images = {"https://avatars.githubusercontent.com"} if editor.backend == "github" else set()
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            " ".join(("img-src 'self' data: blob:", *sorted(hosts | images))),
            "font-src 'self'",
            " ".join(("connect-src 'self' blob: data:", *sorted(hosts))),
            "worker-src 'self' blob:",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


def _origin(address: str) -> str:
    match = re.match(r"^(https?://[^/]+)", address)
    return match.group(1) if match else address


def decap_tarball(cache_dir: Path) -> bytes:
    """Decap CMS's npm tarball, from the cache or the registry (NPM_CONFIG_REGISTRY, else npm's),
    checked against DECAP_INTEGRITY every time it is used."""
    cached = cache_dir / "editor" / f"decap-cms-{DECAP_VERSION}.tgz"
    data = cached.read_bytes() if cached.is_file() else None
    if data is None or not _intact(data):
        registry = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/").rstrip("/")
        address = f"{registry}/decap-cms/-/decap-cms-{DECAP_VERSION}.tgz"
        try:
            with urllib.request.urlopen(address, timeout=120) as response:
                data = response.read(50_000_000)
        except OSError as exc:
            raise EditorError(f"could not download Decap CMS from {address}: {exc}") from exc
        if not _intact(data):
            raise EditorError(f"{address} is not the Decap CMS {DECAP_VERSION} this moinext was tested with")
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    return data


def _intact(data: bytes) -> bool:
    expected = DECAP_INTEGRITY.removeprefix("sha512-")
    return base64.b64encode(hashlib.sha512(data).digest()).decode("ascii") == expected


def build_editor(out_dir: Path, registry: Registry, config: SiteConfig, cache_dir: Path) -> list[str]:
    """Write the editor (a static site of its own) into out_dir; returns the files written.

    out_dir is replaced whole: the folder is made beside it and swapped in, so an interrupted
    build leaves the previous editor as it was."""
    from .site.fonts import font_faces, prepare_fonts
    from .site.publish import MARKER

    settings = decap_config_text(registry, config)  # raises EditorError before anything is written
    policy = editor_policy(config)
    staging = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(decap_tarball(cache_dir)), mode="r:gz") as archive:
        for member in archive.getmembers():
            found = _DECAP_FILE.match(member.name)
            if found and member.isfile():
                extracted = archive.extractfile(member)
                assert extracted is not None
                (staging / found.group(1)).write_bytes(extracted.read())
    (staging / "config.yml").write_text(
        "# Made by `moinext editor` from the write-up model, offices.yml and site_config.yml: edit those.\n" + settings,
        encoding="utf-8",
    )
    fonts: list[tuple[int, Path | str]] = []
    for font in prepare_fonts(cache_dir):
        shutil.copyfile(font.cached, staging / f"sarabun-{font.weight}.woff2")
        fonts.append((font.weight, f"sarabun-{font.weight}.woff2"))
    for source in sorted(EDITOR_FILES.iterdir()):
        text = source.read_text(encoding="utf-8")
        text = text.replace("{{ policy }}", policy).replace("/* {{ fonts }} */", font_faces(fonts))
        text = text.replace("{{ site_name }}", html.escape(config.site_name_th))
        (staging / source.name).write_text(text, encoding="utf-8")
    written = sorted(p.name for p in staging.iterdir())
    (staging / MARKER).write_text("moinext editor\n", encoding="utf-8")  # a later build may replace it
    old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old")
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    shutil.rmtree(old, ignore_errors=True)
    return written
