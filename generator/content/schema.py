"""The typed shapes of everything the tool reads: write-ups, the office registry, the site config.

The pydantic models are the schema: `check` validates with them and `moinext schema` prints their
JSON Schema, so the rules are written once. Rule violations raise PydanticCustomError with a code
from the problems catalogue, so errors.py can place them in the file and word them for an office.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..frameworks import PMQA_CODES, RER, RER_KEYS, pmqa_ranges, rer_key_of
from ..places import is_province_code
from ..plaintext import describe, first_unsafe
from ..problems import Fragment
from ..thai.calendar import DateError, read_date
from ..thai.text import arabic_digits
from . import limits
from .suggest import did_you_mean

PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


class StrictModel(BaseModel):
    # Unknown keys are errors (with a suggestion), and numbers typed where text is expected are
    # taken as text: a title "2567" is a fine title.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


def _plain(value: str) -> str:
    # One rule (generator/plaintext.py): a control or non-character is refused where it is
    # written, so no feed, page, workbook or terminal ever receives it.
    index = first_unsafe(value)
    if index is not None:
        raise PydanticCustomError(
            "field.unsafe_char",
            "holds a character that is not text",
            {"char": describe(value[index]), "position": index + 1},
        )
    return value


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise PydanticCustomError("field.empty", "must not be empty")
    return value


def _at_most(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError(
                "field.too_long",
                "is {length} characters long; the limit is {limit}",
                {"length": len(value), "limit": limit, "over": len(value) - limit},
            )
        return value

    return check


def MaxChars(limit: int) -> AfterValidator:
    """At most `limit` characters (the numbers are in content/limits.py)."""
    return AfterValidator(_at_most(limit))


Text = Annotated[str, AfterValidator(_plain), AfterValidator(_not_blank)]
# Text that may be left empty (the site's description, its copyright line).
PlainText = Annotated[str, AfterValidator(_plain)]


def _date(value: Any) -> dt.date:
    """YYYY-MM-DD, and what clerks type (15/11/2569, 15 พ.ย. 2569, Thai digits): thai.calendar."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return read_date(text)
    except DateError as exc:
        if exc.kind == "missing_day":
            name = Fragment(f"month.{exc.month}")
            month = Fragment("month.days", {"month": name, "year": exc.year_be, "days": exc.days})
            raise PydanticCustomError("date.invalid", "not a real date", {"value": text, "reason": month}) from None
        raise PydanticCustomError("date.format", "not a date", {"value": text}) from None


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]


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


def _photo_file(value: str) -> str:
    value = value.strip()
    if not value or "/" in value or "\\" in value or value in (".", "..") or ".." in value:
        raise PydanticCustomError("photo.path", "bad photo path", {"value": value})
    return value


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


_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _number(value: Any) -> Any:
    """1,200 (thousands grouped as Thai write them) and Thai digits are numbers; anything else is
    left for the number type to judge."""
    if isinstance(value, str):
        text = arabic_digits(value.strip())
        if _GROUPED.match(text):
            return float(text.replace(",", ""))
        try:
            return float(text) if text and text != value.strip() else value
        except ValueError:
            return value
    return value


def _finite(value: float) -> float:
    # .inf and .nan are valid YAML numbers, but no result is infinite (they broke the charts).
    if value != value or value in (float("inf"), float("-inf")):
        raise PydanticCustomError("field.not_finite", "not finite", {"value": str(value)})
    # 1e308 is finite, but a change from it overflows to inf% and a chart bar of width inf.
    if abs(value) > limits.RESULT_MAGNITUDE:
        raise PydanticCustomError(
            "field.number_too_large", "too large", {"value": f"{value:g}", "limit": f"{limits.RESULT_MAGNITUDE:,}"}
        )
    return value


# One number type (not int | float) so a bad value gets one error, not one per union member.
Number = Annotated[float, BeforeValidator(_number), AfterValidator(_finite)]


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


# A long text of an office's own (a submission's explanation, an internal note).
SUBMISSION_TEXT_CHARS = 4000


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

# --- The office registry (content/offices.yml) -------------------------------------------------

OfficeKind = Literal[
    "ministry",
    "office",
    "department",
    "bureau",
    "division",
    "centre",
    "group",
    "province",
    "district",
    "provincial_office",  # สำนักงานจังหวัด: a unit of สป.มท. in a province
    "local_government",  # กรุงเทพมหานคร: a special-form local government under the ministry's supervision
]
_OFFICE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Top-level folders of the site that an office id would collide with.
RESERVED_IDS = frozenset(
    {
        "assets",
        "search",
        "rer",
        "pmqa",
        "offices",
        "tags",
        "stories",
        "photos",
        "overview",
        "stats",
        "feeds",
        "about",
        "404",
    }
)


def _office_id(value: str) -> str:
    if not _OFFICE_ID.match(value):
        raise PydanticCustomError("registry.bad_id", "bad id", {"value": value})
    if value in RESERVED_IDS:
        raise PydanticCustomError(
            "registry.reserved_id", "reserved", {"value": value, "reserved": ", ".join(sorted(RESERVED_IDS))}
        )
    return value


def _province_code(value: str) -> str:
    value = value.strip().upper()
    if not is_province_code(value):
        raise PydanticCustomError("registry.bad_province", "bad province", {"value": value})
    return value


class OfficeEntry(StrictModel):
    id: Annotated[str, AfterValidator(_office_id)]
    name_th: Annotated[Text, MaxChars(limits.NAME_CHARS)]
    name_en: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = None
    abbr_th: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(
        default=None, description="Short Thai name, e.g. ปค."
    )
    kind: OfficeKind = "office"
    parent: str | None = None
    province: Annotated[str, AfterValidator(_province_code)] | None = None
    line: str | None = Field(
        default=None,
        description="The central office whose field unit this is, if not its parent (ปค. for a district office)",
    )


class FieldUnits(StrictModel):
    """Whose field units the offices every place has are (offices.yml's field_units)."""

    district: str | None = Field(default=None, description="Line office of the district offices (dopa)")
    provincial_office: str | None = Field(default=None, description="Line office of the สำนักงานจังหวัด (ops)")


# --- A PMQA submission (content/pmqa/<applicant>.yml) -------------------------------------------

MaturityKey = Literal["basic", "advance", "significance"]
Direction = Literal["higher", "lower"]


def _item_code(value: Any) -> str:
    """An item of categories 1-6: the ones an applicant claims a level for (category 7 is results)."""
    text = str(value).strip()
    if text not in PMQA_CODES or "." not in text or text.startswith("7."):
        raise PydanticCustomError("submission.item", "not an item of categories 1-6", {"value": text})
    return text


def _category_seven(value: Any) -> str:
    text = str(value).strip()
    if not text.startswith("7.") or text not in PMQA_CODES:
        raise PydanticCustomError("submission.indicator_item", "not an item of category 7", {"value": text})
    return text


class SubmissionDocument(StrictModel):
    file: Annotated[str, AfterValidator(_photo_file)] = Field(
        description="A PDF in the applicant's folder content/pmqa/<applicant>/"
    )
    title: Annotated[Text, MaxChars(limits.TITLE_CHARS)]
    number: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(
        default=None, description="Its official number, e.g. มท 0201/ว1234"
    )
    date: Date | None = None


class SubmissionItem(StrictModel):
    level: MaturityKey = Field(description="basic (ระดับพื้นฐาน), advance (ระดับก้าวหน้า), significance")
    owner: Annotated[Text, MaxChars(limits.NAME_CHARS)] = Field(description="Who answers for the item")
    explanation: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)]
    documents: list[SubmissionDocument] = Field(default_factory=list, max_length=20)


class IndicatorYear(StrictModel):
    target: Number | None = None
    result: Number | None = None


class Indicator(StrictModel):
    name: Annotated[Text, MaxChars(limits.INDICATOR_CHARS)]
    item: Annotated[str, AfterValidator(_category_seven)] = Field(description="7.1 … 7.6")
    unit: Annotated[PlainText, MaxChars(limits.UNIT_CHARS)] | None = None
    direction: Direction = Field(description="higher or lower is better")
    source: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(default=None, description="Data source")
    years: dict[int, IndicatorYear] = Field(description="By fiscal year (Buddhist Era): target and result")


class Improvement(StrictModel):
    gap: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)]
    action: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)]
    owner: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = None
    due: Date | None = None


class SubmissionProfile(StrictModel):
    """ลักษณะสำคัญขององค์การ, as PMQA 4.0 asks for it."""

    environment: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)] = Field(
        description="1 ก. mission and duties, vision and values, workforce, assets, laws"
    )
    relationships: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)] = Field(
        description="1 ข. structure, service recipients, stakeholders, partners"
    )
    competition: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)] | None = Field(
        default=None, description="2 ก. competitive environment and comparison sources"
    )
    strategic_context: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)] | None = Field(
        default=None, description="2 ข. strategic challenges and advantages"
    )
    improvement_system: Annotated[Text, MaxChars(SUBMISSION_TEXT_CHARS)] | None = Field(
        default=None, description="2 ค. the performance-improvement system"
    )


class Submission(StrictModel):
    """What a PMQA 4.0 applicant hands the assessors beside its stories (content/pmqa/<id>.yml)."""

    model_config = ConfigDict(title="MOI Next PMQA submission")

    fiscal_year: int = Field(ge=2500, le=2700, description="Fiscal year, Buddhist Era")
    approved_by: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(
        default=None, description="Who approves the submission (name and position)"
    )
    unit: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(
        default=None, description="The unit that prepares the submission (the PMQA working group)"
    )
    contact: Annotated[PlainText, MaxChars(limits.NAME_CHARS)] | None = Field(
        default=None, description="How the assessors reach it: a name, a telephone number, an e-mail address"
    )
    profile: SubmissionProfile
    items: dict[Annotated[str, AfterValidator(_item_code)], SubmissionItem] = Field(default_factory=dict)
    indicators: list[Indicator] = Field(default_factory=list, max_length=100)
    improvements: list[Improvement] = Field(default_factory=list, max_length=100)


# --- Synonyms (content/synonyms.yml) ------------------------------------------------------------


class SynonymsFile(StrictModel):
    """Groups of spellings a reader may search by, each a list of two or more, and broader terms
    with the narrower ones they cover."""

    groups: list[
        Annotated[
            list[Annotated[Text, MaxChars(limits.SYNONYM_CHARS)]],
            Field(min_length=2, max_length=limits.SYNONYMS_PER_GROUP),
        ]
    ] = Field(default_factory=list, max_length=limits.SYNONYM_GROUPS)
    broader: dict[
        Annotated[Text, MaxChars(limits.SYNONYM_CHARS)],
        Annotated[
            list[Annotated[Text, MaxChars(limits.SYNONYM_CHARS)]],
            Field(min_length=1, max_length=limits.NARROWER_TERMS),
        ],
    ] = Field(default_factory=dict, max_length=limits.SYNONYM_GROUPS)


# --- The site configuration (site_config.yml) --------------------------------------------------


class PhotoSettings(StrictModel):
    max_megapixels: float = Field(default=40, gt=0, description="Photos with more pixels are refused")
    max_file_mb: float = Field(default=20, gt=0, description="Photo files larger than this are refused")
    large: int = Field(default=1600, ge=320, description="Longest side of the large variant, px")
    medium: int = Field(default=960, ge=160)
    small: int = Field(default=720, ge=120, description="Longest side of the phone-sized WebP variant, px")
    thumb: int = Field(default=480, ge=80)
    jpeg_quality: int = Field(default=82, ge=30, le=95)
    webp_quality: int = Field(default=78, ge=30, le=95)


# Material for MkDocs' colour names (its palette.primary and palette.accent).
MaterialColour = Literal[
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
    "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey", "black", "white",
]  # fmt: skip
LOGO_EXTENSIONS = (".svg", ".png", ".webp")


def _logo_file(value: str) -> str:
    value = value.strip()
    if "/" in value or "\\" in value or value.startswith(".") or not value.lower().endswith(LOGO_EXTENSIONS):
        raise PydanticCustomError("config.logo_name", "bad logo name", {"value": value})
    return value


class AppearanceSettings(StrictModel):
    primary: MaterialColour = Field(default="indigo", description="The header's colour")
    accent: MaterialColour = Field(default="amber", description="Links and highlights")
    logo: Annotated[str, AfterValidator(_logo_file)] | None = Field(
        default=None, description="A file in content/ (.svg, .png or .webp, at most 200 KB) shown in the header"
    )


class HomeSettings(StrictModel):
    featured: int = Field(default=3, ge=0, le=12)
    latest: int = Field(default=9, ge=0, le=48)


_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class ContactSettings(StrictModel):
    """The unit responsible for the site, as a Thai government site must say (DGA's website
    standard): shown in every page's footer, on the contact page, and as the takedown contact."""

    unit: Text = Field(default="กองสารนิเทศ สำนักงานปลัดกระทรวงมหาดไทย", description="The unit responsible for the site")
    address: PlainText = Field(
        default="กระทรวงมหาดไทย ถนนอัษฎางค์ แขวงวังบูรพาภิรมย์ เขตพระนคร กรุงเทพมหานคร 10200",
        description="Its postal address",
    )
    phone: PlainText | None = Field(default=None, description="Its telephone number, as people dial it")
    email: str | None = Field(default=None, pattern=_EMAIL, description="Its e-mail address (also for takedowns)")
    complaints: PlainText = Field(
        default="ศูนย์ดำรงธรรม กระทรวงมหาดไทย สายด่วน 1567",
        description="The complaint channel the public is pointed to",
    )


class ReportingSettings(StrictModel):
    required_from: Date | None = Field(
        default=None,
        description="From this date every write-up names who reported it (reported_by); older ones may not",
    )


class OverviewSettings(StrictModel):
    show_offices_without_stories: bool = Field(
        default=False,
        description="List the offices without stories on the public overview page (a PR decision: off by default)",
    )


_BUCKET = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
# Each folder a plain name, not starting with "." (no "..": keys "../index.html" would leave the
# prefix, and no hidden folder).
_KEY_PREFIX = r"^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*$"
_WEB_ADDRESS = r"^https?://"
_REGION = r"^[a-z0-9-]+$"
# No part starts with "-": ssh would read "-Jhost:/srv" as an option (a jump through host).
_DESTINATION = r"^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?(?:[A-Za-z0-9.][A-Za-z0-9.-]*:)?/[^\s;&|`$'\"]*$"
_TARGET_NAME = r"^[a-z0-9][a-z0-9_-]*$"
# What a value of each pattern must look like, said in words (a hint of problems/catalogue.py):
# a message quoting the regular expression helped no one.
PATTERN_SHAPES: dict[str, str] = {
    _BUCKET: "shape.bucket",
    _KEY_PREFIX: "shape.key_prefix",
    _WEB_ADDRESS: "shape.web_address",
    _REGION: "shape.region",
    _DESTINATION: "shape.destination",
    _TARGET_NAME: "shape.target_name",
}


class S3Records(StrictModel):
    """Where moinext keeps a target's records (release manifests, state, lock, the copies rollback
    restores): somewhere the public cannot read, so a withdrawn story is not kept readable."""

    bucket: str | None = Field(default=None, pattern=_BUCKET, description="A private bucket; empty: the site's")
    prefix: str = Field(pattern=_KEY_PREFIX, min_length=1, description="A folder for the records, ending in /")


class S3Target(StrictModel):
    """A bucket of S3 or S3-compatible object storage. Credentials come from the environment only
    (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an AWS profile), never from this file."""

    kind: Literal["s3"]
    bucket: str = Field(pattern=_BUCKET, description="The bucket's name")
    prefix: str = Field(
        default="", pattern=_KEY_PREFIX, description="A folder in the bucket, ending in /; empty: its root"
    )
    endpoint_url: str | None = Field(
        default=None, pattern=_WEB_ADDRESS, description="For S3-compatible storage: its address; empty: Amazon S3"
    )
    region: str | None = Field(default=None, pattern=_REGION, description="e.g. ap-southeast-1")
    content_encoding: Literal["auto", "gzip", "none"] = Field(
        default="auto",
        description=(
            "gzip: text files stored compressed with Content-Encoding: gzip (a fifth of the bytes; every "
            "browser reads it); auto: so if the server keeps the header, else as built; none: as built"
        ),
    )
    records: S3Records | None = Field(
        default=None,
        description="Where the records are kept; empty: <prefix>.moinext/ beside the site, readable if the site is",
    )

    @model_validator(mode="after")
    def _records_apart(self) -> S3Target:
        # Records inside the site's folder would be taken for site files (and removed by
        # `publish --verify`); the site inside the records' folder likewise.
        if self.records and (self.records.bucket or self.bucket) == self.bucket:
            a, b = self.prefix, self.records.prefix
            if a.startswith(b) or b.startswith(a):
                raise PydanticCustomError(
                    "publish.records_overlap",
                    "records prefix overlaps the site's",
                    {"records": b, "site": a or "(the bucket's root)"},
                )
        return self


class RsyncTarget(StrictModel):
    """A folder on a web server, over rsync and SSH (keys from the SSH agent or ~/.ssh, never here).
    Each release is a folder under releases/, and `current` links to the live one."""

    kind: Literal["rsync"]
    destination: str = Field(
        pattern=_DESTINATION,
        description="user@host:/srv/moinext, or /srv/moinext on this machine",
    )
    ssh_port: int | None = Field(default=None, ge=1, le=65535)


PublishTarget = Annotated[S3Target | RsyncTarget, Field(discriminator="kind")]


class PublishSettings(StrictModel):
    keep_releases: int = Field(default=5, ge=2, le=50, description="Releases kept for `moinext rollback`")
    targets: dict[Annotated[str, Field(pattern=_TARGET_NAME)], PublishTarget] = Field(
        default_factory=dict, description="Where `moinext publish NAME` puts the site"
    )


_REPO = r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+$"


class EditorSettings(StrictModel):
    """The web editor for offices (`moinext editor`): Decap CMS, committing to the repository of
    content through the host's API, each story a pull (merge) request the PR team reviews."""

    backend: Literal["github", "gitlab", "gitea"] = Field(description="The host of the content's repository")
    repo: str = Field(pattern=_REPO, description="owner/name of the repository (GitLab: group/subgroup/name)")
    branch: str = Field(default="main", pattern=r"^[A-Za-z0-9._/-]+$", description="The branch the site is built from")
    api_root: str | None = Field(
        default=None, pattern=_WEB_ADDRESS, description="The API of a self-hosted GitLab or Gitea (…/api/v4, …/api/v1)"
    )
    base_url: str | None = Field(
        default=None, pattern=_WEB_ADDRESS, description="The OAuth server offices log in through (GitHub, Gitea)"
    )
    auth_endpoint: str | None = Field(default=None, description="Its path, when not the default")
    app_id: str | None = Field(default=None, description="The OAuth application's client id (GitLab, Gitea)")
    review_branch: str = Field(
        default="office-stories",
        pattern=r"^[A-Za-z0-9._/-]+$",
        description="Gitea and Forgejo only (Decap has no per-story review there): the branch stories are saved "
        "to, which the PR team merges into branch through one pull request",
    )
    out: str = Field(
        default="editor-site",
        pattern=r"^[^\x00]+$",
        description="Where `moinext build` and `moinext editor` write it, relative to site_config.yml",
    )
    local_backend: str = Field(
        default="http://localhost:8081/api/v1",
        pattern=_WEB_ADDRESS,
        description="decap-server on the same computer, used when the editor is opened from localhost",
    )


class SiteConfig(StrictModel):
    site_name: Text = "MOI Next – Change for Good"
    site_name_th: Text = Field(
        default="ก้าวต่อไป มท. เปลี่ยนแปลงสู่สิ่งที่ดีขึ้น", description="The site's Thai name, the home page's title"
    )
    site_description: PlainText = "เรื่องเล่าความสำเร็จของหน่วยงานในสังกัดกระทรวงมหาดไทย"
    site_url: str | None = Field(default=None, pattern=_WEB_ADDRESS)
    language: Literal["th", "en"] = "th"
    messages_lang: Literal["th", "en"] | None = Field(
        default=None, description="Language of `moinext check` messages; default from the environment"
    )
    copyright: PlainText = "กระทรวงมหาดไทย"
    cache_dir: str = Field(default=".moinext-cache", description="Processed photos are kept here")
    contact: ContactSettings = Field(default_factory=ContactSettings)
    reporting: ReportingSettings = Field(default_factory=ReportingSettings)
    home: HomeSettings = Field(default_factory=HomeSettings)
    overview: OverviewSettings = Field(default_factory=OverviewSettings)
    appearance: AppearanceSettings = Field(default_factory=AppearanceSettings)
    photos: PhotoSettings = Field(default_factory=PhotoSettings)
    publish: PublishSettings = Field(default_factory=PublishSettings)
    editor: EditorSettings | None = Field(default=None, description="The web editor for offices (moinext editor)")
