"""Judge everything at once: site_config.yml, offices.yml and every write-up.

Nothing here stops at the first mistake: each write-up is checked on its own, every problem is
placed at the line and column of the value at fault, and the valid write-ups come out as typed
Story objects for the later stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..places import field_office
from ..problems import Problem, has_errors, sort_key
from ..thai.calendar import thai_date
from .collect import Inventory
from .config import validate_config
from .judged import StoryCache
from .logo import check_logo
from .registry import Registry, validate_registry
from .schema import SiteConfig
from .story import ListedPhoto, Story, validate_story
from .submission import ApplicantSubmission, validate_submissions
from .suggest import did_you_mean
from .synonyms import Synonyms, validate_synonyms


@dataclass(frozen=True)
class Validated:
    registry: Registry | None
    config: SiteConfig | None
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]  # sorted by file, line, column
    synonyms: Synonyms = field(default_factory=Synonyms)
    photos: tuple[ListedPhoto, ...] = ()  # every listed photo that exists, valid write-up or not
    site_files: tuple[Path, ...] = ()  # collect's Inventory.site_files: inputs of every page
    submissions: dict[str, ApplicantSubmission] = field(default_factory=dict)  # PMQA, by applicant

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems) and self.registry is not None and self.config is not None


def read_registry(inventory: Inventory) -> tuple[Registry | None, list[Problem]]:
    """Only the office registry (what `moinext new` needs), without reading any write-up."""
    if not inventory.content_dir.is_dir():
        return None, list(inventory.problems)
    return validate_registry(inventory.registry_file, inventory.content_dir)


JudgedConfig = tuple[SiteConfig | None, list[Problem]]  # what validate_config returns


def former_address_problems(stories: Sequence[Story], registry: Registry | None) -> list[Problem]:
    """A former address (aliases) must be free: not another story's address (drafts included: one
    will be published) nor another story's former address, and under an office of the registry
    (never a folder of the site's own, such as assets/)."""
    problems: list[Problem] = []
    addresses = {(story.office_id, story.slug): story for story in stories}
    claimed: dict[tuple[str, str], Story] = {}
    for story in stories:
        for index, place in enumerate(story.former_places()):
            line, column = story.alias_position(index)
            alias = story.meta.aliases[index]
            if registry is not None and place[0] not in registry.offices:
                params: dict[str, object] = {"alias": alias, "office": place[0]}
                problems.append(Problem(story.display_path, line, column, "aliases", "story.alias_office", params))
                continue
            if addresses.get(place) is story:
                params = {"alias": alias}
                problems.append(Problem(story.display_path, line, column, "aliases", "story.alias_own", params))
                continue
            other = addresses.get(place) or claimed.get(place)
            if other is not None and other is not story:
                params = {"alias": alias, "other": other.display_path}
                problems.append(Problem(story.display_path, line, column, "aliases", "story.alias_taken", params))
                continue
            claimed[place] = story  # (the same alias twice in one story is harmless)
    return problems


def reporting_problems(stories: Sequence[Story], registry: Registry | None, config: SiteConfig | None) -> list[Problem]:
    """Who reported what: partners (ร่วมกับ) are offices of the registry (or any district or
    สำนักงานจังหวัด), and from the date site_config.yml sets every write-up names who reported it."""
    problems: list[Problem] = []
    required_from = config.reporting.required_from if config else None
    for story in stories:
        if registry is not None:
            for index, partner in enumerate(story.meta.partners):
                if partner not in registry.offices and field_office(partner) is None:
                    line, column = story.partner_position(index)
                    params = {"value": partner, **did_you_mean(partner, registry.offices)}
                    problems.append(
                        Problem(story.display_path, line, column, "partners", "story.unknown_partner", params)
                    )
        if required_from and story.meta.date >= required_from and story.meta.reported_by is None:
            params = {"since": thai_date(required_from)}
            problems.append(Problem(story.display_path, 1, 1, "reported_by", "story.reporter_required", params))
    return problems


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
        problems += check_logo(inventory.content_dir / config.appearance.logo, config_path)
    synonyms, synonym_problems = validate_synonyms(inventory.synonyms_file)
    problems += synonym_problems
    submissions, submission_problems = validate_submissions(inventory.submission_files, registry)
    problems += submission_problems
    stories = []
    photos: list[ListedPhoto] = []
    for folder in inventory.folders:
        story, story_problems, listed = validate_story(folder, registry, cache)
        problems += story_problems
        photos += listed
        if story is not None:
            stories.append(story)
    problems += former_address_problems(stories, registry)
    problems += reporting_problems(stories, registry, config)
    judged = tuple(sorted(problems, key=sort_key))
    return Validated(
        registry, config, tuple(stories), judged, synonyms, tuple(photos), inventory.site_files, submissions
    )
