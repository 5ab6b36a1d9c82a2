"""A PMQA submission (content/pmqa/<applicant>.yml): the applicant's profile, items, indicators
and improvement plan."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
)
from pydantic_core import PydanticCustomError

from ...frameworks import PMQA_CODES
from .. import limits
from .fields import SUBMISSION_TEXT_CHARS, Date, MaxChars, Number, PlainText, StrictModel, Text, _photo_file

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
