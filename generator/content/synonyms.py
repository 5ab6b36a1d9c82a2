"""Words that mean the same to a reader: the list shipped with moinext (generator/data/
synonyms.yml) and the site's own (content/synonyms.yml), maintained by the PR team.

Each group lists spellings of one thing: an abbreviation and its full name (อบต. and
องค์การบริหารส่วนตำบล), a brand in Latin and Thai script (LINE, ไลน์), a province's nickname. A
story that contains one spelling is found by every other (site/cards.py adds them to its index
text), so a reader need not guess which one the office wrote. A broader term (ผ้าไทย) finds the
stories that name a narrower one (ผ้าไหม, ผ้ามัดย้อม). A loanword finds its English word without
any list, and a Thai noun its English word (thai/english.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pydantic import ValidationError

from ..problems import Problem, Severity, display_path
from ..thai.english import english_in
from ..thai.normalise import normalise
from ..thai.words import segment
from .errors import problems_from_validation
from .schema import SynonymsFile
from .yamlpos import read_yaml_file

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "synonyms.yml"


@dataclass(frozen=True)
class Expansions:
    """What Synonyms.expansions_by_place finds: the other spellings of what a story is about and
    of what only its body says, and for each spelling the story's own words that find it (the
    search marks those in an excerpt when the other spelling was searched)."""

    about: tuple[str, ...]
    rest: tuple[str, ...]
    sources: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...] = ()
    broader: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (broader term, its narrower terms)

    def over(self, shipped: Synonyms) -> Synonyms:
        """This site's list over the shipped one: a group of the site's takes in the spellings of
        every shipped group it shares one with (โคราช, นครราชสีมา + the shipped Korat); a broader
        term the site lists replaces the shipped one's narrower terms."""
        groups = [list(group) for group in self.groups]
        owner = {_key(word): index for index, group in enumerate(groups) for word in group}
        for group in shipped.groups:
            shared = next((owner[_key(word)] for word in group if _key(word) in owner), None)
            if shared is None:
                groups.append(list(group))
                continue
            known = {_key(word) for word in groups[shared]}
            groups[shared] += [word for word in group if _key(word) not in known]
        terms = {_key(term) for term, _ in self.broader}
        broader = tuple(entry for entry in shipped.broader if _key(entry[0]) not in terms)
        return Synonyms(tuple(tuple(group) for group in groups), self.broader + broader)

    def others(self, word: str) -> tuple[str, ...]:
        """The other spellings of the group that word is one of (โคราช -> นครราชสีมา, Korat)."""
        key = _key(word.strip())
        return tuple(w for group in self.groups if any(_key(x) == key for x in group) for w in group if _key(w) != key)

    def expansions(self, text: str) -> tuple[str, ...]:
        """The spellings of every group that text mentions, other than those it already uses, and
        the English words of its Thai words (thai.english).

        Matched as whole words, as ICU cuts them (the search's own words): ไลน์ is not found
        inside ออนไลน์, nor "line" inside "online"."""
        return self.expansions_by_place(text, "").about

    def expansions_by_place(self, about: str, rest: str) -> Expansions:
        """expansions() of about and rest together, in two: those of what about says (a story's
        title, summary and tags: what it is about, where the search weighs a spelling found by
        its synonym more) and those only rest says (its body); with the words each is found by."""
        about_words, rest_words = segment(normalise(about).lower()), segment(normalise(rest).lower())
        present_about, present_rest = self._present_in(about_words), self._present_in(rest_words)
        present = present_about | present_rest
        found: dict[str, bool] = {}  # spelling -> whether what about says finds it
        sources: dict[str, dict[str, None]] = {}  # spelling -> the words the text has that find it

        def add(word: str, in_about: bool, by: list[str]) -> None:
            found[word] = found.get(word, False) or in_about
            sources.setdefault(word, {}).update((source, None) for source in by)

        # Only the groups and broader terms a spelling present is in, in the list's order.
        for number in sorted({n for tokens in present for n in self._groups_of.get(tokens, ())}):
            group = self.groups[number]
            here = [word for word in group if _tokens(word) in present]
            in_about = any(_tokens(word) in present_about for word in here)
            for word in group:
                if word not in here:
                    add(word, in_about, here)
        for number in sorted({n for tokens in present for n in self._broader_of.get(tokens, ())}):
            term, narrower = self.broader[number]
            named = [word for word in narrower if _tokens(word) in present]
            if _tokens(term) not in present:
                add(term, any(_tokens(word) in present_about for word in named), named)
        # Thai words find their English words, unless the text has those: loanwords anywhere
        # (โฮมสเตย์: homestay), nouns where they say what the story is about (เกลือ: salt; in every
        # noun of the body they made the index 29% larger, for a reader who types the topic).
        written = set(about_words) | set(rest_words)
        for words, in_about in ((about_words, True), (rest_words, False)):
            for english, thai in english_in(words, nouns=in_about).items():
                if english not in written:
                    add(english, in_about, [thai])
        return Expansions(
            about=tuple(w for w, a in found.items() if a),
            rest=tuple(w for w, a in found.items() if not a),
            sources=tuple((w, tuple(by)) for w, by in sources.items()),
        )

    def _present_in(self, words: list[str]) -> set[tuple[str, ...]]:
        # An English plural names the same thing: "governors" is found by the spelling "governor".
        # (Looked up again only when the text has one: a Thai story seldom does.)
        singular = [_singular(word) for word in words]
        return self._present(words) | (self._present(singular) if singular != words else set())

    def _present(self, words: list[str]) -> set[tuple[str, ...]]:
        """The spellings (as their words) that stand in words, found by their first word: a
        story is cut into words once, and each word is looked up (checking each of 200 groups'
        spellings against the text cost more than cutting it)."""
        present = set()
        for at, word in enumerate(words):
            for tokens in self._by_first_word.get(word, ()):
                if tuple(words[at : at + len(tokens)]) == tokens:
                    present.add(tokens)
        return present

    @cached_property
    def _groups_of(self) -> dict[tuple[str, ...], tuple[int, ...]]:
        """Each spelling (as its words) -> the numbers of the groups it is in."""
        return _numbers_by_spelling(self.groups)

    @cached_property
    def _broader_of(self) -> dict[tuple[str, ...], tuple[int, ...]]:
        """Each narrower term (as its words) -> the numbers of the broader entries that name it."""
        return _numbers_by_spelling(narrower for _, narrower in self.broader)

    @cached_property
    def _by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        spellings = {w for group in self.groups for w in group}
        spellings |= {w for term, narrower in self.broader for w in (term, *narrower)}
        by_first: dict[str, set[tuple[str, ...]]] = {}
        for word in spellings:
            tokens = _tokens(word)
            if tokens:
                by_first.setdefault(tokens[0], set()).add(tokens)
        return {first: tuple(sorted(found)) for first, found in by_first.items()}


def _numbers_by_spelling(lists: Iterable[Sequence[str]]) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Each spelling (as its words) -> the numbers of the lists it is in."""
    found: dict[tuple[str, ...], list[int]] = {}
    for number, words in enumerate(lists):
        for word in words:
            found.setdefault(_tokens(word), []).append(number)
    return {tokens: tuple(numbers) for tokens, numbers in found.items()}


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.isascii() and word.endswith("s") and not word.endswith("ss") else word


def _key(word: str) -> str:
    return normalise(word).lower()


@cache
def _tokens(word: str) -> tuple[str, ...]:
    return tuple(segment(normalise(word).lower()))


@cache
def shipped_synonyms() -> Synonyms:
    """The list shipped with moinext (tests/test_search_words.py checks that it has no problem)."""
    found, _ = _read_synonyms(SHIPPED)
    return found


def validate_synonyms(path: Path | None) -> tuple[Synonyms, list[Problem]]:
    """The site's synonyms (content/synonyms.yml, if any) over the shipped ones, and the problems
    of the site's file."""
    if path is None:
        return shipped_synonyms(), []
    own, problems = _read_synonyms(path)
    return own.over(shipped_synonyms()), problems


def _read_synonyms(path: Path) -> tuple[Synonyms, list[Problem]]:
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
            key = _key(word)
            if key in seen and seen[key] != index:
                where = positions.locate(("groups", index, position))
                params = {"value": word, "group": seen[key] + 1}
                problems.append(
                    Problem(
                        shown, *where, f"groups[{index}][{position}]", "synonyms.repeated", params, Severity.WARNING
                    )
                )
            seen.setdefault(key, index)
    broader = tuple((term, tuple(narrower)) for term, narrower in parsed.broader.items())
    return Synonyms(tuple(tuple(group) for group in parsed.groups), broader), problems
