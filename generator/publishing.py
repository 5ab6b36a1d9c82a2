"""The publishing commands over release/: publish, rollback, releases, takedown, bucket-policy
and the nginx configuration. Each names its target from site_config.yml and returns its problems
as data, as pipeline.py does for check and build."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .content.schema import SiteConfig
from .content.suggest import did_you_mean
from .filestatus import FileHashes
from .pipeline import DEFAULT_CONFIG, DEFAULT_OUT, configured_cache_dir, judge_config
from .problems import Problem, Severity
from .release import Kept, PublishError, PublishReport, Release, Takedown, open_target
from .release import Progress as ReleaseProgress
from .release.s3 import S3Release, public_read_policy
from .site.policy import NginxValueError as NginxValueError  # what the two below raise for a bad value
from .site.policy import nginx_main_config, nginx_server_config
from .site.publish import MARKER
from .site.record import BuildRecord


@dataclass(frozen=True)
class PublishResult:
    ok: bool
    problems: tuple[Problem, ...]
    report: PublishReport | None = None
    messages_lang: str | None = None


def _failed(where: object, target: str, exc: PublishError, field: str = "") -> Problem:
    """A publishing command stopped: the message says at which target and why."""
    return Problem(str(where), 0, 0, field, "publish.failed", {"target": target, "reason": str(exc)})


def _publish_target(
    config_path: Path | None, target: str | None
) -> tuple[Release | None, SiteConfig | None, list[Problem]]:
    shown = str(config_path or DEFAULT_CONFIG)
    config, problems = judge_config(config_path)
    if config is None:
        return None, None, problems
    targets = config.publish.targets
    if not targets:
        return None, config, [Problem(shown, 0, 0, "publish", "publish.no_targets")]
    if not config.site_url:
        # Without its address the public site shares with no photo on LINE or Facebook (no
        # og:image), and feeds, the sitemap and evidence packs hold addresses without a host.
        return None, config, [Problem(shown, 0, 0, "site_url", "publish.no_site_url")]
    params: dict[str, object]
    if target is None:
        if len(targets) > 1:
            params = {"targets": ", ".join(targets), "first": next(iter(targets))}
            return None, config, [Problem(shown, 0, 0, "publish.targets", "publish.choose_target", params)]
        target = next(iter(targets))
    if target not in targets:
        params = {"target": target, **did_you_mean(target, targets)}
        return None, config, [Problem(shown, 0, 0, "publish.targets", "publish.unknown_target", params)]
    try:
        return open_target(target, targets[target]), config, []
    except PublishError as exc:
        return None, config, [_failed(shown, target, exc, "publish.targets")]


def publish(
    site_dir: Path = DEFAULT_OUT,
    config_path: Path | None = None,
    target: str | None = None,
    *,
    dry_run: bool = False,
    max_deletes: int | None = None,
    progress: ReleaseProgress | None = None,
    verify: bool = False,
) -> PublishResult:
    """Put the built site in site_dir online at a target of site_config.yml (the only one when
    target is None), uploading only what changed since the live release. A site built with
    drafts is refused; a publish that would delete more than max_deletes files (by default a
    tenth of the live ones, at least release.DELETES_FLOOR) changes nothing. verify: then compare
    the target with the live release file for file and repair what differs."""
    release, config, problems = _publish_target(config_path, target)
    lang = config.messages_lang if config else None
    if release is None or config is None:
        return PublishResult(False, tuple(problems), messages_lang=lang)
    if not (site_dir / MARKER).is_file():
        return PublishResult(
            False, (Problem(str(site_dir), 0, 0, "", "publish.no_site", {"site": str(site_dir)}),), None, lang
        )
    if BuildRecord.read(site_dir).inputs.get("drafts") == str(True):
        return PublishResult(
            False, (Problem(str(site_dir), 0, 0, "", "publish.drafts", {"site": str(site_dir)}),), None, lang
        )
    hashes = FileHashes(configured_cache_dir(config, config_path) / "publish-seen.json")
    try:
        report = release.publish(
            site_dir,
            config.publish.keep_releases,
            dry_run=dry_run,
            hashes=hashes,
            max_deletes=max_deletes,
            progress=progress,
            verify=verify and not dry_run,
        )
    except PublishError as exc:
        return PublishResult(False, (_failed(site_dir, release.name, exc),), None, lang)
    return PublishResult(True, (), report, lang)


def rollback(config_path: Path | None = None, target: str | None = None, to: str | None = None) -> PublishResult:
    """Make a kept release live again at a target: `to`, or by default the one before the live
    one (after an interrupted publish, the live release whole again). Newer releases stay kept,
    so a rollback is undone by another: `to` the release that was live."""
    release, config, problems = _publish_target(config_path, target)
    lang = config.messages_lang if config else None
    if release is None:
        return PublishResult(False, tuple(problems), messages_lang=lang)
    try:
        report = release.rollback(to)
    except PublishError as exc:
        return PublishResult(False, (_failed(config_path or DEFAULT_CONFIG, release.name, exc),), None, lang)
    return PublishResult(True, (), report, lang)


def kept_releases(config_path: Path | None = None, target: str | None = None) -> tuple[Kept | None, list[Problem]]:
    """A target's kept releases (newest first) and the live one, as `moinext releases` lists them."""
    release, _config, problems = _publish_target(config_path, target)
    if release is None:
        return None, problems
    try:
        return release.kept(), []
    except PublishError as exc:
        return None, [_failed(config_path or DEFAULT_CONFIG, release.name, exc)]


@dataclass(frozen=True)
class TakedownResult:
    ok: bool
    problems: tuple[Problem, ...]
    report: Takedown | None = None
    messages_lang: str | None = None


def takedown(paths: Sequence[str], config_path: Path | None = None, target: str | None = None) -> TakedownResult:
    """Remove site paths (a story's folder, "th-50/my-story/", or single files) from every kept
    release of a target and from the copies kept for rollback. The live release must not have
    them: a story is withdrawn (removed or made a draft), built and published first."""
    release, config, problems = _publish_target(config_path, target)
    lang = config.messages_lang if config else None
    shown = str(config_path or DEFAULT_CONFIG)
    cleaned = [path.strip().lstrip("/") for path in paths]
    bad = [path for path in cleaned if not path or path.startswith(".") or ".." in path.split("/")]
    if bad or not cleaned:
        problems.append(Problem(shown, 0, 0, "", "publish.takedown_path", {"path": bad[0] if bad else ""}))
    if release is None or problems:
        return TakedownResult(False, tuple(problems), messages_lang=lang)
    try:
        return TakedownResult(True, (), release.takedown(cleaned), lang)
    except PublishError as exc:
        return TakedownResult(False, (_failed(shown, release.name, exc),), None, lang)


def bucket_policy(config_path: Path | None = None, target: str | None = None) -> tuple[str | None, list[Problem]]:
    """The bucket policy that lets the public read an S3 target's site and nothing else (what
    `moinext bucket-policy` prints), and a warning when the records lie inside the site's folder."""
    release, _config, problems = _publish_target(config_path, target)
    if release is None:
        return None, problems
    shown = str(config_path or DEFAULT_CONFIG)
    if not isinstance(release, S3Release):
        return None, [Problem(shown, 0, 0, "publish.targets", "publish.not_s3", {"target": release.name})]
    warnings = []
    if release.records_public():
        warnings.append(
            Problem(
                shown,
                0,
                0,
                f"publish.targets.{release.name}.records",
                "publish.records_public",
                {"records": f"s3://{release.bucket}/{release.records_prefix}"},
                severity=Severity.WARNING,
            )
        )
    return public_read_policy(release.bucket, release.prefix), warnings


def nginx_config(
    root: str,
    listen: str | None = None,
    server_name: str = "_",
    *,
    brotli: bool = True,
    tls: tuple[str, str] | None = None,
) -> str:
    """The nginx server block for a site published in root (what `moinext server-config` prints):
    on port 80, or 443 over HTTPS when tls gives the certificate and key files."""
    return nginx_server_config(root, listen or ("443" if tls else "80"), server_name, brotli=brotli, tls=tls)


def nginx_main(site_config: str, runtime_dir: str, *, brotli: bool = True) -> str:
    """nginx's main configuration around the server block (`moinext server-config --main`)."""
    return nginx_main_config(site_config, runtime_dir, brotli=brotli)
