"""Runs the stages in order: collect -> validate -> photos -> plan -> render -> publish.

Each function here is what one CLI command does, and what tests call directly.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .content.body import BodyCache
from .content.collect import collect
from .content.config import validate_config
from .content.coverage import Coverage, coverage, group_stories
from .content.judged import StoryCache
from .content.registry import Registry
from .content.schema import SiteConfig
from .content.story import Story, is_published
from .content.submission import APPLICANT_KINDS
from .content.synonyms import Synonyms, validate_synonyms
from .content.validate import JudgedConfig, Validated, read_registry, validate
from .editor import EditorError
from .evidence import THUMBNAIL_LIMIT, EvidenceError, EvidencePack, make_pack, office_id, site_packs
from .evidence import select as select_evidence
from .photos.cache import cache_unwritable
from .photos.inspect import inspect_photo
from .photos.process import PhotoReport, process_photos
from .problems import Problem, has_errors, sort_key
from .site import BuildFailed, urls
from .site.assemble import Incomplete, SiteInputs, SiteReport, make_site
from .site.plan import SiteFile, plan_site, site_menu
from .site.publish import MARKER, check_output_dir, kept_folder
from .site.publish import publish as write_atomically
from .site.record import BuildRecord, story_keys
from .site.render import renderer_key
from .site.stale import Stale, find_stale, inputs_key
from .thai.calendar import fiscal_year

log = logging.getLogger("moinext.build")

DEFAULT_CONTENT = Path("content")
DEFAULT_CONFIG = Path("site_config.yml")
DEFAULT_OUT = Path("site")


def project_root(start: Path | None = None) -> Path:
    """The project folder: the nearest one from here upwards that holds content/offices.yml, as
    git finds .git, so commands work from inside content/th-50 too. "." when it is here or when
    there is none; otherwise a relative path ("../..") so messages stay short."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DEFAULT_CONTENT / "offices.yml").is_file():
            return Path(os.path.relpath(folder, here)) if folder != here else Path(".")
    return Path(".")


@dataclass(frozen=True)
class CheckResult:
    validated: Validated
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.validated.ok and not has_errors(self.problems)


def check(
    content_dir: Path = DEFAULT_CONTENT,
    config_path: Path | None = None,
    *,
    cache: StoryCache | None = None,
    judged_config: JudgedConfig | None = None,
) -> CheckResult:
    """Validate the registry, every write-up and its photos, and the site configuration.

    cache: write-ups and bodies judged clean by an earlier run (the build's cache); the verdict is
    the same with or without it. judged_config: the configuration already judged (judge_config)."""
    inventory = collect(content_dir)
    validated = validate(
        inventory,
        config_path or DEFAULT_CONFIG,
        config_required=config_path is not None,
        cache=cache,
        judged_config=judged_config,
    )
    problems = list(validated.problems)
    settings = (validated.config or SiteConfig()).photos
    refused: set[str] = set()
    for photo in validated.photos:  # of every write-up, so a photo's problem comes with the others
        found = inspect_photo(photo.path, settings, photo.where)
        problems += found
        if has_errors(found):
            refused.add(photo.where[0])
    if refused:
        # A write-up with a refused photo is not counted by stats or evidence (which would decode
        # the photo check refused: a 169 MP bomb took 1.1 GB), as build refuses it.
        kept = tuple(story for story in validated.stories if story.display_path not in refused)
        validated = replace(validated, stories=kept)
    return CheckResult(validated, tuple(sorted(problems, key=sort_key)))


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    problems: tuple[Problem, ...]
    messages_lang: str | None = None  # site_config.yml's choice of language for messages
    stories: int = 0
    offices: int = 0
    photos: int = 0
    photos_processed: int = 0
    photos_cached: int = 0
    photos_skipped: int = 0  # photos of drafts and of write-ups dated after today
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default=())
    pages_rendered: int = 0
    pages_reused: int = 0  # unchanged since the previous build: taken from it, not rendered again
    render_processes: int = 1
    everything_stale: bool = True  # every output was made again (no usable record, or a change to all)
    without_site_url: bool = False  # site_config.yml has no site_url: no share photo, relative addresses


@dataclass
class Progress:
    """Callbacks a terminal front-end may give to show progress; all optional."""

    photos: Callable[[int], Callable[[int], None]] | None = None  # (total) -> advance(n)
    pages: Callable[[int], Callable[[], None]] | None = None


def published_stories(stories: Sequence[Story], today: dt.date, drafts: bool) -> list[Story]:
    return [s for s in stories if is_published(s, today, drafts=drafts)]


def build(
    content_dir: Path = DEFAULT_CONTENT,
    config_path: Path | None = None,
    out_dir: Path = DEFAULT_OUT,
    *,
    drafts: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    full: bool = False,
) -> BuildResult:
    """Check everything, then build the site into out_dir atomically; refuse on any error.

    Only the outputs stale since the site in out_dir was built are made; the others are taken
    from it (site/stale.py says which, site/assemble.py makes the site). full=True makes every
    output. Either way the result is the same, byte for byte.
    """
    started = time.perf_counter()
    day = today or dt.date.today()
    judged = judge_config(config_path)
    if cache_dir is None and judged[0] is not None:
        # Known before the write-ups are read: they are judged with the cache's help. With an
        # invalid configuration (reported by the check) they are judged without it.
        cache_dir = configured_cache_dir(judged[0], config_path)
    bodies = BodyCache(cache_dir / "bodies" if cache_dir else None)
    with StoryCache(cache_dir / "write-ups" if cache_dir else None, bodies) as written:
        checked = check(content_dir, config_path, cache=written, judged_config=judged)
        validated, problems = checked.validated, checked.problems
        config, registry = validated.config, validated.registry
        lang = config.messages_lang if config else None
        if not checked.ok or config is None or registry is None or cache_dir is None:
            return BuildResult(False, problems, lang)

        def failed(where: Path | str, reason: str) -> BuildResult:
            refused = Problem(str(where), 0, 0, "", "build.failed", {"reason": reason})
            return BuildResult(False, (*problems, refused), lang)

        unsafe = check_output_dir(out_dir, content_dir) or cache_unwritable(cache_dir)
        if unsafe:
            return failed(out_dir, unsafe)
        stories = published_stories(validated.stories, day, drafts)
        skipped = sum(len(s.meta.photos) for s in validated.stories) - sum(len(s.meta.photos) for s in stories)
        advance = progress.photos(sum(len(s.meta.photos) for s in stories)) if progress and progress.photos else None
        photos: PhotoReport = process_photos(stories, config.photos, cache_dir, progress=advance)
        if photos.problems:
            return BuildResult(False, tuple(sorted((*problems, *photos.problems), key=sort_key)), lang)
        logo = None
        if config.appearance.logo:
            try:  # checked in validate (a plain file in content/, small); read once, here
                logo = (content_dir / config.appearance.logo).read_bytes()
            except OSError as exc:
                return failed(content_dir, f"the logo: {exc.strerror}")
        renderer = renderer_key(config, site_menu())
        given = SiteInputs(
            config,
            photos,
            inputs_key(config, content_dir, validated.site_files, logo, renderer, day, drafts),
            story_keys(stories, photos),
            # The PMQA evidence packs each category page links (generator/evidence.py).
            lambda wanted: site_packs(stories, registry, config, day, cache_dir / "evidence", wanted),
        )
        site = _SiteBuild(stories, registry, config, validated.synonyms, given, logo, out_dir, cache_dir, full)
        site.on_page = progress.pages if progress else None
        try:
            made = write_atomically(out_dir, site.write)
        except BuildFailed as exc:
            return failed(out_dir, str(exc))
        written.save()
        written.forget_unused()
    return BuildResult(
        True,
        problems,
        lang,
        stories=len(stories),
        offices=len({s.office_id for s in stories}),
        photos=len(photos.photos),
        photos_processed=photos.processed,
        photos_cached=photos.cached,
        photos_skipped=skipped,
        seconds=time.perf_counter() - started,
        warnings=made.warnings,
        pages_rendered=made.rendered,
        pages_reused=made.reused,
        render_processes=made.processes,
        everything_stale=site.stale_everything,
        without_site_url=config.site_url is None,
    )


@dataclass
class _SiteBuild:
    """The site of checked content, written into a new folder under the output's lock."""

    stories: list[Story]
    registry: Registry
    config: SiteConfig
    synonyms: Synonyms
    given: SiteInputs
    logo: bytes | None
    out_dir: Path
    cache_dir: Path
    full: bool
    on_page: Callable[[int], Callable[[], None]] | None = None
    stale_everything: bool = True
    take_spare: Callable[[Path], bool] | None = None

    def write(self, site_dir: Path, work_dir: Path, take_spare: Callable[[Path], bool]) -> SiteReport:
        """Called under the output's lock: out_dir is the previous site, whole, or absent."""
        self.take_spare = take_spare
        previous_site = None if self.full or not (self.out_dir / MARKER).is_file() else self.out_dir.absolute()
        record = BuildRecord.read(previous_site)
        stale = find_stale(record, self.given.inputs, self.given.stories)
        if self.full:
            stale = Stale(True, "a full build (--full)")
        try:
            return self._make(stale, record, previous_site, site_dir, work_dir / "made")
        except Incomplete as why:
            log.info("%s: every output is made again", why)
            shutil.rmtree(site_dir, ignore_errors=True)
            return self._make(Stale(True, str(why)), BuildRecord(), None, site_dir, work_dir / "made-again")

    def _make(
        self, stale: Stale, record: BuildRecord, previous_site: Path | None, site_dir: Path, work_dir: Path
    ) -> SiteReport:
        log.info("stale: %s", "everything: " + stale.reason if stale.everything else stale.reason)
        self.stale_everything = stale.everything
        work_dir.mkdir()
        wanted = stale.wanted(record)
        plan = plan_site(self.stories, self.registry, self.config, self.given.photos, self.synonyms, wanted)
        if self.logo is not None and self.config.appearance.logo and wanted(urls.logo(self.config.appearance.logo)):
            plan = replace(plan, files=(*plan.files, SiteFile(urls.logo(self.config.appearance.logo), self.logo)))
        documents = kept_folder(self.out_dir) / "search-documents"
        return make_site(
            plan,
            stale,
            self.given,
            record,
            previous_site,
            site_dir,
            work_dir,
            self.cache_dir,
            documents,
            take_spare=self.take_spare,
            on_page=self.on_page,
        )


def judge_config(config_path: Path | None) -> JudgedConfig:
    """site_config.yml judged (the given file, else the project's, which may be absent)."""
    return validate_config(config_path or DEFAULT_CONFIG, required=config_path is not None)


def configured_cache_dir(config: SiteConfig, config_path: Path | None) -> Path:
    # A relative cache_dir in site_config.yml is relative to that file, not to where we run.
    base = config_path.parent if config_path else DEFAULT_CONFIG.parent
    return base / config.cache_dir


def evidence(
    content_dir: Path = DEFAULT_CONTENT,
    config_path: Path | None = None,
    *,
    office: str | None = None,
    year_be: int | None = None,
    pmqa: str | None = None,
    drafts: bool = False,
    today: dt.date | None = None,
    cache_dir: Path | None = None,
    applicant: str | None = None,
    internal: bool = False,
) -> tuple[CheckResult, EvidencePack | None]:
    """The PMQA evidence pack of the write-ups that would be published (drafts with drafts=True).
    With an applicant (a กรม, a จังหวัด or สป.มท.): its offices, its field units included, and its
    submission (content/pmqa/<applicant>.yml) when there is one, for that submission's fiscal
    year unless another is asked for.

    Write-ups with errors are not counted; the CheckResult says which they are. Raises
    EvidenceError for an unknown office or PMQA code.
    """
    checked = check(content_dir, config_path)
    registry, config = checked.validated.registry, checked.validated.config
    if registry is None or config is None:
        return checked, None
    stories = published_stories(checked.validated.stories, today or dt.date.today(), drafts)
    submission = None
    if applicant is not None:
        office = office_id(registry, applicant)
        if registry.offices[office].kind not in APPLICANT_KINDS:
            raise EvidenceError(f"'{applicant}' is not an applicant: a department, a province or สป.มท.")
        submission = checked.validated.submissions.get(office)
        if submission is not None and year_be is None:
            year_be = submission.submission.fiscal_year
    office = office_id(registry, office) if office is not None else None  # 'เชียงใหม่' -> th-50
    chosen = select_evidence(stories, registry, office=office, year_be=year_be, pmqa=pmqa)
    photos = None
    if len(chosen) <= THUMBNAIL_LIMIT:
        cache = cache_dir or configured_cache_dir(config, config_path)
        if cache_unwritable(cache) is None:
            photos = process_photos(chosen, config.photos, cache)
    pack = make_pack(
        chosen,
        registry,
        config,
        office=office,
        year_be=year_be,
        pmqa=pmqa,
        photos=photos,
        today=today,
        submission=submission,
        internal=internal,
        logo=_evidence_logo(content_dir, config, checked),
    )
    return checked, pack


def _evidence_logo(content_dir: Path, config: SiteConfig, checked: CheckResult) -> tuple[str, bytes] | None:
    """The site's logo for the pack's cover, when check found nothing wrong with it."""
    name = config.appearance.logo
    if not name or any(p.code == "config.logo_file" for p in checked.problems):
        return None
    try:
        return name, (content_dir / name).read_bytes()
    except OSError:
        return None  # the cover goes without it; check says why


def stats(
    content_dir: Path = DEFAULT_CONTENT,
    config_path: Path | None = None,
    *,
    drafts: bool = False,
    today: dt.date | None = None,
    fiscal_year_be: int | None = None,
) -> tuple[CheckResult, Coverage | None]:
    """Coverage of the write-ups that would be published (all of them with drafts=True), of one
    fiscal year (Buddhist Era, October to September) when given.

    Write-ups with errors are not counted; the CheckResult says which they are.
    """
    checked = check(content_dir, config_path)
    registry = checked.validated.registry
    if registry is None:
        return checked, None
    stories = published_stories(checked.validated.stories, today or dt.date.today(), drafts)
    if fiscal_year_be is not None:
        stories = [s for s in stories if fiscal_year(s.meta.date) == fiscal_year_be]
    return checked, coverage(group_stories(stories), registry)


def editor_inputs(
    content_dir: Path = DEFAULT_CONTENT, config_path: Path | None = None, judged: JudgedConfig | None = None
) -> tuple[Registry | None, SiteConfig | None, tuple[Problem, ...]]:
    """What the web editor's form is made from: offices.yml and site_config.yml (no write-up is
    read), with their problems. judged: site_config.yml as judge_config judged it already."""
    found, problems = read_registry(collect(content_dir))
    config, config_problems = judged if judged is not None else judge_config(config_path)
    return found, config, tuple(sorted([*problems, *config_problems], key=sort_key))


@dataclass(frozen=True)
class EditorResult:
    problems: tuple[Problem, ...]  # of offices.yml and site_config.yml; with errors nothing is written
    written: tuple[str, ...]  # the files of the editor, when it was built
    out_dir: Path | None


def editor(
    out_dir: Path | None = None,
    content_dir: Path = DEFAULT_CONTENT,
    config_path: Path | None = None,
    *,
    if_configured: bool = False,
) -> EditorResult:
    """Build the web editor for offices (generator/editor.py) into out_dir, default the editor's
    `out` in site_config.yml: its form from the write-up model, offices.yml and site_config.yml,
    which must be valid. With if_configured, nothing is done without an editor: section (as
    `build` asks, so the form follows offices.yml). Raises editor.EditorError (no editor:
    section, Decap not to be had, an output folder that is not ours)."""
    from .editor import build_editor

    judged = judge_config(config_path)
    configured, config_problems = judged
    if if_configured and configured is not None and configured.editor is None:
        # After every build: without an editor: section nothing is made, and content/ is not
        # walked a second time to find that out (0.3 s at 10,000 write-ups).
        return EditorResult(tuple(sorted(config_problems, key=sort_key)), (), None)
    found, config, problems = editor_inputs(content_dir, config_path, judged)
    if found is None or config is None or has_errors(problems):
        return EditorResult(problems, (), None)
    if config.editor is None and if_configured:
        return EditorResult(problems, (), None)
    if out_dir is None:
        base = config_path.parent if config_path else DEFAULT_CONFIG.parent
        out_dir = base / (config.editor.out if config.editor else "editor-site")
    unsafe = check_output_dir(out_dir, content_dir)
    if unsafe:
        raise EditorError(unsafe)
    written = build_editor(out_dir, found, config, configured_cache_dir(config, config_path))
    return EditorResult(problems, tuple(written), out_dir)


def synonyms(content_dir: Path = DEFAULT_CONTENT) -> Synonyms:
    """The synonyms file alone (for `moinext new`'s office search); empty when absent or invalid."""
    found, _ = validate_synonyms(collect(content_dir).synonyms_file)
    return found


def registry(content_dir: Path = DEFAULT_CONTENT) -> tuple[Registry | None, tuple[Problem, ...]]:
    """The office registry alone (for `moinext new`): no write-up or photo is read."""
    found, problems = read_registry(collect(content_dir))
    return found, tuple(sorted(problems, key=sort_key))
