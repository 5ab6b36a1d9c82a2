""" "Did you mean …?": the closest allowed value to a mistyped one, as a hint for a message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from ..problems import Fragment


def did_you_mean(value: str, choices: Iterable[str], meaning: Mapping[str, str] | None = None) -> dict[str, Fragment]:
    """{"hint": …} naming the closest choice, or {} when nothing is close enough to help; with
    meaning, the value the closest choice stands for (ภารกิจพิเศส is closest to ภารกิจพิเศษ: extra)."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        return {}
    named = meaning[close[0]] if meaning is not None else close[0]
    return {"hint": Fragment("hint.did_you_mean", {"value": named})}
