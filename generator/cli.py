"""The `moinext` command: argument parsing only; the work is done by generator.pipeline."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import pipeline
from .problems import FORMATTERS, Problem, Severity

content_option = click.option(
    "--content", "content_dir", type=click.Path(path_type=Path), default=pipeline.DEFAULT_CONTENT,
    show_default=True, help="Folder of offices.yml and the write-ups.",
)
config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), default=None,
    help="Site configuration [default: site_config.yml if present].",
)
lang_option = click.option(
    "--lang", type=click.Choice(["th", "en"]), default=None,
    help="Language of messages [default: site_config.yml's messages_lang, else from LANG].",
)


def _message_lang(explicit: str | None, configured: str | None) -> str:
    if explicit:
        return explicit
    if configured:
        return configured
    env = os.environ.get("MOINEXT_LANG") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG", "")
    return "th" if env.lower().startswith("th") else "en"


def _print_problems(problems: tuple[Problem, ...], fmt: str, lang: str, *, err: bool = False) -> None:
    if problems or fmt == "json":
        click.echo(FORMATTERS[fmt](problems, lang), err=err)


def _summary_line(problems: tuple[Problem, ...]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    files = len({p.file for p in problems if p.severity is Severity.ERROR})
    return f"{errors} error(s) in {files} file(s), {warnings} warning(s)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="moinext")
def main() -> None:
    """Build the MOI Next – Change for Good site from office write-ups."""


@main.command()
@content_option
@config_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@lang_option
def check(content_dir: Path, config_path: Path | None, fmt: str, lang: str | None) -> None:
    """Check offices.yml, every write-up and site_config.yml; report every problem."""
    result = pipeline.check(content_dir, config_path)
    config = result.validated.config
    lang = _message_lang(lang, config.messages_lang if config else None)
    _print_problems(result.problems, fmt, lang)
    if fmt == "text":
        stories = len(result.validated.stories)
        tail = _summary_line(result.problems) if result.problems else "no problems"
        click.echo(f"checked {stories} valid write-up(s): {tail}", err=True)
    sys.exit(0 if result.ok else 1)


def _terminal_progress() -> pipeline.Progress | None:
    if not sys.stderr.isatty():
        return None
    bars: list = []

    def photos(total: int) -> Callable[[int], None]:
        bar = click.progressbar(length=total, label="photos", file=sys.stderr)
        bar.__enter__()
        bars.append(bar)
        return bar.update

    def pages(total: int) -> Callable[[], None]:
        for bar in bars:
            bar.__exit__(None, None, None)
        bar = click.progressbar(length=total, label="pages ", file=sys.stderr)
        bar.__enter__()
        bars.append(bar)
        return lambda: bar.update(1)

    return pipeline.Progress(photos=photos, pages=pages)


@main.command()
@content_option
@config_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=pipeline.DEFAULT_OUT,
              show_default=True, help="Where the site is written (replaced only when the build succeeds).")
@click.option("--drafts", is_flag=True, help="Include drafts and write-ups dated in the future.")
@lang_option
def build(content_dir: Path, config_path: Path | None, out_dir: Path, drafts: bool, lang: str | None) -> None:
    """Check everything, then build the site; refuses on any error and keeps the previous site."""
    progress = _terminal_progress()
    result = pipeline.build(content_dir, config_path, out_dir, drafts=drafts, progress=progress)
    if progress:
        click.echo("", err=True)
    lang = _message_lang(lang, None)
    _print_problems(result.problems, "text", lang, err=True)
    for warning in result.warnings:
        click.echo(f"mkdocs: warning: {warning}", err=True)
    if not result.ok:
        click.echo(f"build refused: {_summary_line(result.problems)}; the previous site is unchanged", err=True)
        sys.exit(1)
    click.echo(
        f"built {out_dir}: {result.stories} stories from {result.offices} offices, "
        f"{result.photos} photos ({result.photos_processed} processed, {result.photos_cached} cached, "
        f"{result.photos_skipped} skipped) "
        f"in {result.seconds:.1f} s"
    )
