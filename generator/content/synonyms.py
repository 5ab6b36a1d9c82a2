"""Words that mean the same to a reader (content/synonyms.yml), maintained by the PR team.

Each group lists spellings of one thing: an abbreviation and its full name (อบต. and
องค์การบริหารส่วนตำบล), a brand in Latin and Thai script (LINE, ไลน์), a province's nickname. A
story that contains one spelling is found by every other (site/cards.py adds them to its index
text), so a reader need not guess which one the office wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from ..problems import Problem, Severity, display_path
from ..thai.normalise import normalise
from ..thai.words import segment
from .errors import problems_from_validation
from .schema import SynonymsFile
from .yamlpos import read_yaml_file


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...] = ()

    def expansions(self, text: str) -> tuple[str, ...]:
        """The spellings of every group that text mentions, other than those it already uses.

        Matched as whole words, as ICU cuts them (the search's own words): ไลน์ is not found
        inside ออนไลน์, nor "line" inside "online"."""
        plain = normalise(text).lower()
        # A spelling can only be among the text's words if each of its words is somewhere in the
        # text: most stories mention no group, and cutting a whole story into words is the cost.
        groups = [group for group in self.groups if any(_may_be_in(word, plain) for word in group)]
        if not groups:
            return ()
        haystack = " " + " ".join(segment(plain)) + " "
        found: list[str] = []
        for group in groups:
            present = [word for word in group if _spelling(word) in haystack]
            if present:
                found += [word for word in group if word not in present]
        return tuple(found)


@cache
def _tokens(word: str) -> tuple[str, ...]:
    return tuple(segment(normalise(word).lower()))


def _may_be_in(word: str, plain: str) -> bool:
    return all(token in plain for token in _tokens(word))


@cache
def _spelling(word: str) -> str:
    return " " + " ".join(_tokens(word)) + " "


def validate_synonyms(path: Path | None) -> tuple[Synonyms, list[Problem]]:
    if path is None:
        return Synonyms(), []
    shown = display_path(path)
    data, positions, problems = read_yaml_file(path, shown)
    if data is None:
        return Synonyms(), problems
    try:
        parsed = SynonymsFile.model_validate(data)
    except ValidationError as exc:
        return Synonyms(), problems + problems_from_validation(exc, shown, positions, SynonymsFile)
    seen: dict[str, int] = {}
    for index, group in enumerate(parsed.groups):
        for position, word in enumerate(group):
            key = normalise(word).lower()
            if key in seen and seen[key] != index:
                where = positions.locate(("groups", index, position))
                params = {"value": word, "group": seen[key] + 1}
                problems.append(
                    Problem(
                        shown, *where, f"groups[{index}][{position}]", "synonyms.repeated", params, Severity.WARNING
                    )
                )
            seen.setdefault(key, index)
    return Synonyms(tuple(tuple(group) for group in parsed.groups)), problems
