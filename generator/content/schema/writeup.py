"""A write-up's front-matter (content/<office>/<story>/index.md): its RER component, PMQA items,
photos, results, people and notes."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ...frameworks import PMQA_CODES, RER, RER_KEYS, pmqa_ranges, rer_key_of
from ...problems import Fragment
from ...thai.text import arabic_digits
from .. import limits
from ..suggest import did_you_mean
from .fields import SUBMISSION_TEXT_CHARS, Date, MaxChars, Number, PlainText, StrictModel, Text, _photo_file


def _rer_key(value: Any) -> str:
    """The key, or the name the site shows in Thai or English (ภารกิจพิเศษ, Extra Job), as `new`
    accepts it; a misspelt Thai name (ภารกิจพิเศส) gets the nearest."""
    # Not the menu numbers `new` offers (1-3): a bare number in a file is more likely a slip.
    meant = rer_key_of(value) if isinstance(value, str) and not value.strip().isdigit() else None
    if meant is not None:
        return meant
    names = {c.name_th: c.key for c in RER} | {c.key: c.key for c in RER}
    hint = did_you_mean(str(value).strip(), names, meaning=names)
    raise PydanticCustomError(
        "field.choice", "not an RER component", {"value": str(value), "choices": ", ".join(RER_KEYS), **hint}
    )


RerKey = Annotated[
    str,
    BeforeValidator(_rer_key),
    WithJsonSchema({"type": "string", "enum": list(RER_KEYS)}),
]


# The words clerks write before a PMQA code ("หมวด 7", "หัวข้อ 6.2"): not part of the code.
PMQA_WORDS = re.compile(r"(?:หมวด(?:ที่)?|หัวข้อ(?:ที่)?|ข้อ|PMQA)\s*", re.IGNORECASE)


def _pmqa_code(value: Any) -> str:
    # Unquoted 6.2 arrives as a number; validate.py hands over the text as written when it can.
    # "หมวด 7", "หัวข้อ 6.2", "PMQA 3" and Thai digits are the code as clerks say it.
    text = str(value).strip()
    code = PMQA_WORDS.sub("", arabic_digits(text), count=1).strip()
    if code in PMQA_CODES:
        return code
    if text not in PMQA_CODES:
        raise PydanticCustomError("pmqa.invalid", "not a PMQA code", {"value": text, **pmqa_ranges()})
    return text


PmqaCode = Annotated[
    str,
    BeforeValidator(_pmqa_code),
    WithJsonSchema(
        {
            "description": "A PMQA 4.0 category (1–7) or item (1.1–7.6), quoted or not",
            "enum": [*PMQA_CODES, *(float(c) if "." in c else int(c) for c in PMQA_CODES)],
        }
    ),
]


PhotoPeople = Literal["none", "crowd", "identifiable", "minors", "sensitive"]


PhotoBasis = Literal["consent", "public_task"]


# What each answer means, in Thai: the field's description here and the web editor's choices.
PHOTO_PEOPLE_TH: dict[str, str] = {
    "none": "ไม่มีบุคคล",
    "crowd": "ภาพหมู่ที่ไม่เน้นผู้ใด",
    "identifiable": "เห็นหน้าบุคคลชัดเจน",
    "minors": "มีผู้เยาว์",
    "sensitive": "สุขภาพ ความพิการ หรือเรื่องอ่อนไหว",
}


PHOTO_BASIS_TH: dict[str, str] = {"consent": "ได้รับความยินยอม", "public_task": "ภารกิจของรัฐ"}


class PhotoRef(StrictModel):
    file: Annotated[str, AfterValidator(_photo_file)] = Field(
        description="ไฟล์รูปในโฟลเดอร์ของเรื่อง · A photo in the write-up's folder (.jpg .jpeg .png .webp .heic)"
    )
    alt: Annotated[Text, MaxChars(limits.ALT_CHARS)] = Field(
        description="ภาพนี้แสดงอะไร สำหรับผู้ที่มองไม่เห็นภาพ · What the photo shows, for people who cannot see it"
    )
    caption: Annotated[PlainText, MaxChars(limits.CAPTION_CHARS)] | None = Field(
        default=None, description="คำบรรยายใต้ภาพ · A caption shown under the photo"
    )
    # PDPA: who the photo shows, and on which basis it is published. A photo of identifiable
    # people needs a basis; of minors, or of health, disability or another sensitive situation
    # (s.26), explicit consent.
    people: PhotoPeople | None = Field(
        default=None,
        description="บุคคลในภาพ: "
        + ", ".join(f"{k} {v}" for k, v in PHOTO_PEOPLE_TH.items())
        + " · Who the photo shows",
    )
    basis: PhotoBasis | None = Field(
        default=None,
        description="ฐานในการเผยแพร่: "
        + ", ".join(f"{k} {v}" for k, v in PHOTO_BASIS_TH.items())
        + " · The legal basis",
    )

    @model_validator(mode="after")
    def _basis_for_people(self) -> PhotoRef:
        if self.people in ("minors", "sensitive") and self.basis != "consent":
            at = "basis" if self.basis else "people"
            params = {"people": self.people, "shown": Fragment(f"people.{self.people}"), "at": at}
            raise PydanticCustomError("photo.consent_needed", "consent needed", params)
        if self.people == "identifiable" and self.basis is None:
            raise PydanticCustomError("photo.basis_missing", "basis missing", {"people": self.people, "at": "people"})
        return self


class Result(StrictModel):
    indicator: Annotated[Text, MaxChars(limits.INDICATOR_CHARS)] = Field(description="ตัวชี้วัด · What was measured")
    before: Number | None = Field(default=None, description="ค่าก่อนดำเนินการ · The value before the work")
    after: Number = Field(description="ค่าหลังดำเนินการ · The value after the work")
    unit: Annotated[PlainText, MaxChars(limits.UNIT_CHARS)] | None = Field(
        default=None, description="หน่วย เช่น วัน ราย % · Unit of both values"
    )


# A story's folder name (its address's last part): small Latin letters, digits and Thai, in parts
# joined by single hyphens. content/story.py judges folders by it; aliases are written in it.
SLUG_PATTERN = r"[0-9a-z\u0e00-\u0e7f]+(?:-[0-9a-z\u0e00-\u0e7f]+)*"


_ALIAS = re.compile(rf"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?{SLUG_PATTERN}$")


def _alias(value: str) -> str:
    """A former address of the story: its old folder name, or <office>/<folder> if it moved from
    another office ("/th-50/old-name/" is read as th-50/old-name)."""
    shaped = value.strip().strip("/")
    if not _ALIAS.match(shaped):
        raise PydanticCustomError("story.alias_shape", "not a former address", {"value": value})
    return shaped


class Person(StrictModel):
    name: Annotated[Text, MaxChars(limits.NAME_CHARS)] = Field(description="ชื่อ-นามสกุล · Name")
    position: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(
        default=None, description="ตำแหน่ง · Position"
    )


class InternalNote(StrictModel):
    """What went wrong and what the office changed: reporting upward, never published (not on the
    site, not in its search, not in its feeds or packs; only in a pack made with --internal)."""

    went_wrong: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)] = Field(description="สิ่งที่ผิดพลาด")
    changed: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)] = Field(description="สิ่งที่ปรับปรุงแล้ว")


class FrontMatter(StrictModel):
    """The front-matter of a write-up (content/<office>/<slug>/index.md)."""

    model_config = ConfigDict(title="MOI Next write-up front-matter")

    # The folders say whose story it is and its address; the web editor (generator/editor.py)
    # also writes both here, as it makes the folders from them, and check holds them to agree.
    office: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")] | None = Field(
        default=None, description="รหัสหน่วยงาน ต้องตรงกับชื่อโฟลเดอร์ของหน่วยงาน · The office's id: its folder's name"
    )
    slug: Annotated[str, Field(pattern=rf"^{SLUG_PATTERN}$")] | None = Field(
        default=None, description="ชื่อโฟลเดอร์ของเรื่อง (ท้ายที่อยู่เว็บ) ต้องตรงกับโฟลเดอร์ · The story's folder name"
    )
    title: Annotated[Text, MaxChars(limits.TITLE_CHARS)] = Field(
        description="ชื่อเรื่อง ไม่เกิน 200 ตัวอักษร · The story's title"
    )
    date: Date = Field(description="วันที่ YYYY-MM-DD ปีคริสต์ศักราช (เว็บไซต์แสดงเป็น พ.ศ.) · Date, Gregorian")
    rer: RerKey = Field(description="องค์ประกอบ RER: routine (งานประจำ), extra (ภารกิจพิเศษ), report (การสื่อสาร/รายงาน)")
    pmqa: list[PmqaCode] = Field(
        min_length=1, description="หมวด (1–7) หรือหัวข้อ (1.1–7.6) ของ PMQA 4.0 · categories or items"
    )
    summary: Annotated[Text, MaxChars(limits.SUMMARY_CHARS)] = Field(
        description=f"สรุปไม่เกิน {limits.SUMMARY_CHARS} ตัวอักษร แสดงบนการ์ด · At most {limits.SUMMARY_CHARS} characters"
    )
    photos: list[PhotoRef] = Field(default_factory=list, max_length=limits.PHOTOS_PER_STORY)
    tags: list[Annotated[Text, MaxChars(limits.TAG_CHARS)]] = Field(
        default_factory=list, max_length=limits.TAGS_PER_STORY
    )
    results: list[Result] = Field(default_factory=list, max_length=limits.RESULTS_PER_STORY)
    draft: bool = Field(default=False, description="ฉบับร่าง: ตรวจแต่ไม่เผยแพร่ · Checked but not published")
    featured: bool = Field(default=False, description="เรื่องเด่นบนหน้าแรก · Leads the home page")
    reported_by: Person | None = Field(default=None, description="ผู้รายงาน · Who wrote the report")
    approved_by: Person | None = Field(default=None, description="ผู้บังคับบัญชาที่รับรอง · Who approved it")
    contact: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(
        default=None, description="ช่องทางติดต่อ (โทรศัพท์หรืออีเมลของหน่วยงาน) · A contact"
    )
    partners: list[Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]] = Field(
        default_factory=list, max_length=20, description="รหัสหน่วยงานที่ร่วมดำเนินการ (ร่วมกับ) · Partner offices' ids"
    )
    internal: InternalNote | None = Field(
        default=None, description="บันทึกภายใน ไม่เผยแพร่: สิ่งที่ผิดพลาดและสิ่งที่ปรับปรุง · Internal, never published"
    )
    aliases: list[Annotated[str, AfterValidator(_alias)]] = Field(
        default_factory=list,
        max_length=limits.ALIASES_PER_STORY,
        description=(
            "ที่อยู่เดิมของเรื่อง (ชื่อโฟลเดอร์เดิม หรือ สำนักงาน/ชื่อโฟลเดอร์) ลิงก์เก่าจะพามาที่เรื่องนี้ · "
            "Former addresses (the old folder name, or office/folder): old links lead here"
        ),
    )


FRONT_MATTER_EXAMPLES: dict[str, str] = {
    "title": "title: ลดเวลารอคิวงานทะเบียนเหลือ 15 นาที",
    "date": "date: 2024-06-22",
    "rer": "rer: routine",
    "pmqa": "pmqa: [6.2, 3]",
    "summary": "summary: สรุปเรื่องในหนึ่งถึงสองประโยค",
    "alt": "alt: เจ้าหน้าที่ให้บริการประชาชนที่ศูนย์บริการ",
    "indicator": "indicator: เวลารอคิวเฉลี่ย",
    "after": "after: 15",
}
