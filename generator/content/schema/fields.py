"""What the schemas of every file share: the strict model, the text, date and number fields, and
a photo's file name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ...plaintext import describe, first_unsafe
from ...problems import Fragment
from ...thai.calendar import DateError, read_date
from ...thai.text import arabic_digits
from .. import limits

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


def _photo_file(value: str) -> str:
    value = value.strip()
    if not value or "/" in value or "\\" in value or value in (".", "..") or ".." in value:
        raise PydanticCustomError("photo.path", "bad photo path", {"value": value})
    return value


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


# A long text of an office's own (a submission's explanation, an internal note).
SUBMISSION_TEXT_CHARS = 4000
