""" "Did you mean …?": the closest allowed value to a mistyped one, as a hint for a message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..problems import Fragment


def did_you_mean(value: str, choices: Iterable[str]) -> dict[str, Fragment]:
    """{"hint": …} naming the closest choice, or {} when nothing is close enough to help."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return {"hint": Fragment("hint.did_you_mean", {"value": close[0]})} if close else {}
