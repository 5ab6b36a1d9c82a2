"""Editor integration, generated from the same model `check` uses (never written twice).

- json_schema(): the JSON Schema of the front-matter, for editors and other tools.
- frontmatter_cms_config(): a frontmatter.json for the Front Matter CMS extension of VS Code, so
  office staff can fill in a write-up through a form with the RER and PMQA choices.
"""

from __future__ import annotations

from typing import Any

from .content.limits import SUMMARY_CHARS as SUMMARY_LIMIT
from .content.schema import FrontMatter
from .frameworks import PMQA_CODES, RER

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
