"""The synonyms file (content/synonyms.yml): spellings a reader may search by, and broader terms."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
)

from .. import limits
from .fields import MaxChars, StrictModel, Text


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
