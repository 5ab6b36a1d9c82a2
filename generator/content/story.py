"""A write-up: content/<office>/<slug>/index.md, read, checked and turned into a typed Story.

Every problem of the file is reported at once: the folder's name, the encoding, the front-matter
against the schema, the body, the photos it lists and the PMQA codes it repeats.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..frameworks import pmqa_categories_of
from ..keys import digest
from ..problems import Fragment, Problem, Severity, display_path, has_errors
from ..thai.text import slugify
from . import limits
from .body import Body, read_body
from .collect import StoryFolder
from .errors import field_name, problems_from_validation
from .registry import Registry
from .schema import PHOTO_EXTENSIONS, SLUG_PATTERN, FrontMatter
from .suggest import did_you_mean
from .textfile import TextFile, read_text_file, split_front_matter
from .yamlpos import Positions, load_yaml

if TYPE_CHECKING:
    from .judged import StoryCache


@dataclass(frozen=True)
class Story:
    office_id: str
    slug: str
    source: Path  # content/<office>/<slug>/index.md
    display_path: str  # the path as shown in messages
    meta: FrontMatter
    body: Body  # rendered and cleaned once, for check and build alike
    # Hashes made once, when the write-up is judged (kept with it in StoryCache): front_key of
    # everything but the body (its folder and front-matter: what other pages show of it),
    # body_key of the body. A rebuild after only bodies changed renders only their pages.
    front_key: str
    body_key: str
    # (line, column) of each photos[i].file value, so photo problems point at their line
    photo_positions: tuple[tuple[int, int], ...] = ()
    alias_positions: tuple[tuple[int, int], ...] = ()  # likewise of each aliases[i]
    partner_positions: tuple[tuple[int, int], ...] = ()  # likewise of each partners[i]

    def photo_position(self, index: int) -> tuple[int, int]:
        return _nth(self.photo_positions, index)

    def alias_position(self, index: int) -> tuple[int, int]:
        return _nth(self.alias_positions, index)

    def partner_position(self, index: int) -> tuple[int, int]:
        return _nth(self.partner_positions, index)

    def former_places(self) -> tuple[tuple[str, str], ...]:
        """(office id, folder name) of each former address in aliases: where old links point."""
        return tuple(
            (alias.split("/")[0], alias.split("/")[1]) if "/" in alias else (self.office_id, alias)
            for alias in self.meta.aliases
        )

    @property
    def folder(self) -> Path:
        return self.source.parent

    @property
    def pmqa_categories(self) -> tuple[str, ...]:
        """The categories the story counts under, items included (6.2 counts under 6)."""
        return pmqa_categories_of(self.meta.pmqa)


@dataclass(frozen=True)
class ListedPhoto:
    """A photo file a write-up lists and its folder holds. `check` inspects each one even when the
    write-up has other errors, so a 52-megapixel photo is reported with them, not after."""

    path: Path
    where: tuple[str, int, int, str]  # (file as shown, line, column, field) of its photos[i].file


def is_published(story: Story, today: dt.date, *, drafts: bool) -> bool:
    """Drafts and write-ups dated after today stay out of the public site unless drafts=True."""
    return drafts or (not story.meta.draft and story.meta.date <= today)


_SLUG = re.compile(f"^{SLUG_PATTERN}$")


def parse_front_matter(text: TextFile) -> tuple[dict[str, Any] | None, Positions, Any, list[Problem]]:
    """Split and parse a write-up; returns (data, positions, document, problems)."""
    document, problems = split_front_matter(text)
    if document is None:
        return None, Positions(), None, problems
    data, positions, problems = load_yaml(document.front, text.path, document.front_first_line)
    if data is not None and isinstance(data.get("pmqa"), list):
        # Use each code as written: an unquoted 6.10 must not become the float 6.1.
        data["pmqa"] = [
            positions.raw.get(("pmqa", i), item) if not isinstance(item, (list, dict)) else item
            for i, item in enumerate(data["pmqa"])
        ]
    return data, positions, document, problems


def validate_story(
    folder: StoryFolder, registry: Registry | None, cache: StoryCache | None = None
) -> tuple[Story | None, list[Problem], list[ListedPhoto]]:
    """The write-up as a Story (None if it has errors), every problem found in it, and the photos
    it lists that exist (for check's inspection of the files). cache: write-ups judged clean
    before; the verdict is the same with or without it."""
    shown = display_path(folder.index)
    problems: list[Problem] = []
    if registry is not None and folder.office_id not in registry:
        params = {"office": folder.office_id, **did_you_mean(folder.office_id, registry.offices)}
        found = registry.find(folder.office_id)
        if "hint" not in params and 0 < len(found) <= 3:
            # A folder named after the place ("chiangmai", "จอมทอง") rather than its id.
            named = ", ".join(f"{o.id} ({o.name_th})" for o in found)
            params["hint"] = Fragment("hint.did_you_mean", {"value": named})
        problems.append(Problem(shown, 0, 0, "", "content.unknown_office", params))
    if not _SLUG.match(folder.slug):
        params = {"slug": folder.slug, "suggestion": slugify(folder.slug) or "my-story"}
        problems.append(Problem(shown, 0, 0, "", "content.bad_slug", params))
    office_known = registry is not None and folder.office_id in registry
    if cache is not None and not problems:
        unread = cache.text_hash_unread(folder.index)
        if unread is not None and (known := cache.get(cache.key(folder, unread, office_known), folder, shown)):
            return known[0], [], list(known[1])
    text, read_problems = read_text_file(folder.index, shown, limits.STORY_FILE_BYTES)
    if text is None:
        return None, problems + read_problems, []
    key = None
    if cache is not None and not problems:
        text_hash = digest(text.text)
        cache.saw(folder.index, text.signature, text_hash)
        key = cache.key(folder, text_hash, office_known)
        known = cache.get(key, folder, shown)
        if known is not None:
            return known[0], [], list(known[1])
    data, positions, document, parse_problems = parse_front_matter(text)
    problems += parse_problems
    body: Body | None = None
    if document is not None:
        read = cache.bodies.read if cache else read_body
        body, body_problems = read(document.body, document.body_first_line, shown, _listed_photos(data))
        problems += body_problems
    if data is None:
        return None, problems, []
    meta: FrontMatter | None
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        problems += _one_problem_for_a_misplaced_field(problems_from_validation(exc, shown, positions, FrontMatter))
        meta = None
    # Photo files and PMQA repeats are checked from the raw data, so they are reported even when
    # another field is wrong.
    ref_problems, photos = _check_story_refs(data, folder, shown, positions)
    problems += ref_problems
    if meta is None or body is None or has_errors(problems):
        return None, problems, photos
    placed = _placed_elsewhere(meta, folder, shown, positions)
    if placed:
        return None, [*problems, *placed], photos
    photo_positions = tuple(positions.locate(("photos", i, "file")) for i in range(len(meta.photos)))
    alias_positions = tuple(positions.locate(("aliases", i)) for i in range(len(meta.aliases)))
    partner_positions = tuple(positions.locate(("partners", i)) for i in range(len(meta.partners)))
    story = Story(
        folder.office_id,
        folder.slug,
        folder.index,
        shown,
        meta,
        body,
        digest(folder.office_id, folder.slug, meta.model_dump_json()),
        digest(repr(body)),
        photo_positions,
        alias_positions,
        partner_positions,
    )
    if key is not None and cache is not None and not problems and registry is not None:
        cache.keep(key, story, photos)
    return story, problems, photos


def _placed_elsewhere(meta: FrontMatter, folder: StoryFolder, shown: str, positions: Positions) -> list[Problem]:
    """office: and slug:, when written (the web editor writes them), name the story's folders."""
    problems = []
    for field, written, actual in (("office", meta.office, folder.office_id), ("slug", meta.slug, folder.slug)):
        if written is not None and written != actual:
            line, column = positions.locate((field,))
            params: dict[str, object] = {"value": written, "folder": actual}
            problems.append(Problem(shown, line, column, field, f"story.{field}_not_folder", params))
    return problems


def _nth(positions: tuple[tuple[int, int], ...], index: int) -> tuple[int, int]:
    """(line, column) of a list's item, or (0, 0) where it was not kept."""
    return positions[index] if index < len(positions) else (0, 0)


def _listed_photos(data: dict[str, Any] | None) -> frozenset[str]:
    """The file names under `photos:`, read from the raw data (the body may show these)."""
    refs = data.get("photos") if data is not None else None
    if not isinstance(refs, list):
        return frozenset()
    names = (ref.get("file") for ref in refs if isinstance(ref, dict))
    return frozenset(name.strip() for name in names if isinstance(name, str) and name.strip())


def _check_story_refs(
    data: dict[str, Any], folder: StoryFolder, shown: str, positions: Positions
) -> tuple[list[Problem], list[ListedPhoto]]:
    problems = []
    found: list[ListedPhoto] = []
    codes = data["pmqa"] if isinstance(data.get("pmqa"), list) else []
    seen_codes: set[str] = set()
    for index, code in enumerate(codes):
        text = str(code).strip()
        if text in seen_codes:
            where = positions.locate(("pmqa", index))
            problems.append(
                Problem(shown, *where, f"pmqa[{index}]", "pmqa.duplicate", {"value": text}, Severity.WARNING)
            )
        seen_codes.add(text)
    refs = data["photos"] if isinstance(data.get("photos"), list) else []
    files = set(folder.files)
    lower = {name.lower(): name for name in files}
    listed: set[str] = set()
    # A missing photo's "did you mean" names only photos of the folder that no entry lists: one
    # already shown elsewhere in the story (photo-2.jpg for photo-1.jpg) is not what was meant.
    named = {ref["file"].strip() for ref in refs if isinstance(ref, dict) and isinstance(ref.get("file"), str)}
    spare = sorted(n for n in files - named if Path(n).suffix.lower() in PHOTO_EXTENSIONS)
    for index, ref in enumerate(refs):
        name = ref.get("file") if isinstance(ref, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        name = name.strip()
        if "/" in name or "\\" in name or ".." in name:
            continue  # the schema reports photo.path
        loc = ("photos", index, "file")
        where = positions.locate(loc)
        field = field_name(loc)
        if name in listed:
            problems.append(Problem(shown, *where, field, "photo.duplicate", {"value": name}, Severity.WARNING))
        listed.add(name)
        ext = Path(name).suffix.lower()
        if ext not in PHOTO_EXTENSIONS:
            problems.append(Problem(shown, *where, field, "photo.extension", {"value": name, "ext": ext}))
        elif name not in files:
            params: dict[str, object] = {"value": name, "folder": display_path(folder.folder)}
            if name.lower() in lower:
                params["hint"] = Fragment("hint.case_sensitive", {"value": lower[name.lower()]})
            else:
                params.update(did_you_mean(name, spare))
            problems.append(Problem(shown, *where, field, "photo.not_found", params))
        elif name not in {photo.path.name for photo in found}:
            found.append(ListedPhoto(folder.folder / name, (shown, *where, field)))
    for name in sorted(files - listed):
        if Path(name).suffix.lower() in PHOTO_EXTENSIONS:
            problems.append(
                Problem(
                    display_path(folder.folder / name),
                    0,
                    0,
                    "",
                    "photo.unreferenced",
                    {"value": name},
                    Severity.WARNING,
                )
            )
    return problems, found


def _one_problem_for_a_misplaced_field(problems: list[Problem]) -> list[Problem]:
    """A photo's field written at the left margin (alt: under "- file:" but not indented) reads as
    a field of the story: it was reported twice, as missing from the photo and as unknown to the
    story, two messages that contradict each other. One problem, at the line to indent, says so."""
    unknown = {str(p.params.get("key")): p for p in problems if p.code == "field.unknown" and "." not in p.field}
    missing = [p for p in problems if p.code == "field.missing" and p.field.startswith("photos[")]
    replaced: set[int] = set()
    out = []
    for gap in missing:
        key = gap.field.rsplit(".", 1)[-1]
        stray = unknown.get(key)
        if stray is None or id(stray) in replaced:
            continue
        replaced |= {id(stray), id(gap)}
        entry = gap.field.rsplit(".", 1)[0]
        out.append(
            Problem(
                stray.file,
                stray.line,
                stray.column,
                stray.field,
                "yaml.field_not_indented",
                {"key": key, "entry": entry},
            )
        )
    return [p for p in problems if id(p) not in replaced] + out
