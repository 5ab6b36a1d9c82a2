"""The office registry (content/offices.yml): each office's id, kind, names, place and parent."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
)
from pydantic_core import PydanticCustomError

from ...places import is_province_code
from .. import limits
from .fields import MaxChars, PlainText, StrictModel, Text

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
