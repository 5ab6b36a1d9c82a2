"""Judge everything at once: site_config.yml, offices.yml and every write-up.

Nothing here stops at the first mistake: each write-up is checked on its own, every problem is
placed at the line and column of the value at fault, and the valid write-ups come out as typed
Story objects for the later stages.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..problems import Fragment, Problem, display_path, has_errors, sort_key
from . import limits
from .collect import REGISTRY_NAME, SYNONYMS_NAME, Inventory, story_folder
from .config import validate_config
from .registry import Registry, validate_registry
from .schema import SiteConfig
from .story import ListedPhoto, Story, StoryCache, validate_story
from .synonyms import Synonyms, validate_synonyms


@dataclass(frozen=True)
class Validated:
    registry: Registry | None
    config: SiteConfig | None
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]  # sorted by file, line, column
    synonyms: Synonyms = field(default_factory=Synonyms)
    photos: tuple[ListedPhoto, ...] = ()  # every listed photo that exists, valid write-up or not

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems) and self.registry is not None and self.config is not None


def judge_alone(
    content_dir: Path, sources: Sequence[Path], cache: StoryCache | None
) -> tuple[list[Story], Registry, Synonyms] | None:
    """The write-ups at sources (their index.md) judged as validate judges them, with the
    registry and the synonyms, without listing content/ or reading any other write-up: a guess
    made before the check (site/incremental.py: EarlyIndexing), never a verdict. None when
    anything has a problem."""
    if not all(_plainly_in(content_dir, source, 3) for source in sources):
        return None  # only what collect would take: a folder of an office's folder, no link
    registry_file = content_dir / REGISTRY_NAME
    registry, problems = validate_registry(
        registry_file if _plainly_in(content_dir, registry_file, 1) else None, content_dir
    )
    synonyms_file = content_dir / SYNONYMS_NAME
    synonyms, synonym_problems = validate_synonyms(
        synonyms_file if _plainly_in(content_dir, synonyms_file, 1) else None
    )
    folders = [story_folder(source) for source in sources]
    if registry is None or problems or synonym_problems or None in folders:
        return None
    registry = registry.with_districts(folder.office_id for folder in folders if folder is not None)
    stories = []
    if cache is not None:
        cache.alone = True  # reading every judged write-up (0.2 s at 10,000) is the check's work
    try:
        for folder in folders:
            assert folder is not None
            story, story_problems, _ = validate_story(folder, registry, cache)
            if story is None or story_problems:
                return None
            stories.append(story)
    finally:
        if cache is not None:
            cache.alone = False
    return stories, registry, synonyms


def _plainly_in(content_dir: Path, path: Path, depth: int) -> bool:
    """Whether path is a plain file depth levels inside content_dir, with no symbolic link on the
    way (nothing outside content/ is ever read)."""
    parts = path.relative_to(content_dir).parts if path.is_relative_to(content_dir) else ()
    if len(parts) != depth or any(part.startswith((".", "_")) for part in parts):
        return False
    try:
        for level in range(1, depth):
            if not stat.S_ISDIR(os.lstat(content_dir.joinpath(*parts[:level])).st_mode):
                return False
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def read_registry(inventory: Inventory) -> tuple[Registry | None, list[Problem]]:
    """Only the office registry (what `moinext new` needs), without reading any write-up."""
    if not inventory.content_dir.is_dir():
        return None, list(inventory.problems)
    return validate_registry(inventory.registry_file, inventory.content_dir)


_SVG_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}


def _svg_danger(data: bytes) -> Fragment | None:
    """Why an SVG logo is unsafe to publish, or None. The logo is copied to the site as it is and
    anyone can open it by its address, where a script in it would run as the site: so no script,
    event handler, embedded document, outside reference, DTD or entity (entities can expand a
    few bytes into gigabytes)."""
    what = None
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        what = "<!DOCTYPE>/<!ENTITY>"
    else:
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError:
            what = "broken XML"
        else:
            for element in root.iter():
                tag = str(element.tag).rsplit("}", 1)[-1].lower()
                if tag in _SVG_ACTIVE:
                    what = f"<{tag}>"
                    break
                css = (element.text or "").replace(" ", "").lower() if tag == "style" else ""
                if "@import" in css or ("url(" in css and css.count("url(") != css.count("url(#")):
                    what = "<style> url()/@import"
                    break
                for name, value in element.attrib.items():
                    local = name.rsplit("}", 1)[-1].lower()
                    if local.startswith("on"):
                        what = f'{local}="…"'
                    elif local == "href" and not value.strip().startswith("#"):
                        what = f'href="{value[:40]}"'
                    elif "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", "").lower():
                        what = f'{local}="{value[:40]}"'
                if what:
                    break
    return Fragment("reason.logo_unsafe", {"what": what}) if what else None


def _check_logo(path: Path, config_path: Path) -> list[Problem]:
    """The logo must be a plain file in content/ (never a link out of it), and small."""
    reason = None
    if path.is_symlink() or not path.is_file():
        reason = Fragment("reason.logo_missing", {"folder": display_path(path.parent)})
    elif path.stat().st_size > limits.LOGO_FILE_BYTES:
        reason = Fragment("reason.logo_large", {"limit_kb": limits.LOGO_FILE_BYTES // 1000})
    if reason is None and path.suffix.lower() == ".svg":
        reason = _svg_danger(path.read_bytes())
    if reason is None:
        return []
    return [
        Problem(
            display_path(config_path),
            0,
            0,
            "appearance.logo",
            "config.logo_file",
            {"value": path.name, "reason": reason},
        )
    ]


JudgedConfig = tuple[SiteConfig | None, list[Problem]]  # what validate_config returns


def validate(
    inventory: Inventory,
    config_path: Path,
    *,
    config_required: bool,
    cache: StoryCache | None = None,
    judged_config: JudgedConfig | None = None,
) -> Validated:
    """cache: write-ups judged clean by an earlier run (the verdict is the same without it).
    judged_config: validate_config's verdict on config_path, when the caller needed it first
    (the build, for its cache folder), so the file is read and judged once."""
    problems: list[Problem] = list(inventory.problems)
    config, config_problems = judged_config or validate_config(config_path, required=config_required)
    problems += config_problems
    registry: Registry | None = None
    if inventory.content_dir.is_dir():
        registry, registry_problems = validate_registry(inventory.registry_file, inventory.content_dir)
        problems += registry_problems
        if registry is not None:
            registry = registry.with_districts(folder.office_id for folder in inventory.folders)
    if config is not None and config.appearance.logo:
        problems += _check_logo(inventory.content_dir / config.appearance.logo, config_path)
    synonyms, synonym_problems = validate_synonyms(inventory.synonyms_file)
    problems += synonym_problems
    stories = []
    photos: list[ListedPhoto] = []
    for folder in inventory.folders:
        story, story_problems, listed = validate_story(folder, registry, cache)
        problems += story_problems
        photos += listed
        if story is not None:
            stories.append(story)
    return Validated(registry, config, tuple(stories), tuple(sorted(problems, key=sort_key)), synonyms, tuple(photos))
