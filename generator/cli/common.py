"""The `moinext` command group, its shared options and how problems are printed: argument parsing
only; the commands are in writing, building and publishing, the work in generator.pipeline."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import click
from click._termui_impl import ProgressBar

from .. import pipeline
from ..problems import Problem, Severity
from ..problems.formats import FORMATTERS, format_text


def _default_site() -> str:
    """The built site: site/ in the project, found from any folder inside it, as git does."""
    return str(pipeline.project_root() / pipeline.DEFAULT_OUT)


content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default=lambda: str(pipeline.project_root() / pipeline.DEFAULT_CONTENT),
    show_default="content (found from any folder inside the project, as git does)",
    help="Folder of offices.yml and the write-ups.",
)


def _config_default(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        return value
    found = pipeline.project_root() / pipeline.DEFAULT_CONFIG
    return found if found.is_file() else None


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    callback=_config_default,
    help="Site configuration [default: the project's site_config.yml if present].",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["th", "en"]),
    default=None,
    help="ภาษาของข้อความ · Language of messages [default: site_config.yml's messages_lang, else Thai "
    "unless MOINEXT_LANG=en or an English LANG].",
)


def _message_lang(explicit: str | None, configured: str | None) -> str:
    """Thai unless told otherwise: --lang, then site_config.yml's messages_lang, then MOINEXT_LANG,
    then an English locale (LC_MESSAGES or LANG starting with "en"). C.UTF-8, POSIX or nothing
    (a server's, a container's, a CI runner's) is not a choice of English: a Thai ministry's
    project speaks Thai."""
    if explicit:
        return explicit
    if configured:
        return configured
    chosen = os.environ.get("MOINEXT_LANG", "").lower()
    if chosen in ("th", "en"):
        return chosen
    locale = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG", "")).lower()
    return "en" if locale.startswith("en") else "th"


def _print_problems(problems: tuple[Problem, ...], fmt: str, lang: str, *, err: bool = False) -> None:
    if problems or fmt == "json":
        click.echo(FORMATTERS[fmt](problems, lang), err=err)
    if fmt == "github" and len(problems) > 10:
        # GitHub shows at most 10 annotations per step: the plain list keeps the rest readable.
        click.echo(format_text(problems, lang), err=err)


def _summary_line(problems: tuple[Problem, ...], lang: str = "en") -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    files = len({p.file for p in problems if p.severity is Severity.ERROR})
    if lang == "th":
        return f"ข้อผิดพลาด {errors} รายการใน {files} ไฟล์ คำเตือน {warnings} รายการ"
    return f"{errors} error(s) in {files} file(s), {warnings} warning(s)"


def _words(lang: str, thai: str, english: str) -> str:
    """The words in the reader's language."""
    return thai if lang == "th" else english


def _say(lang: str, thai: str, english: str) -> None:
    """One line to the terminal (stderr) in the reader's language."""
    click.echo(_words(lang, thai, english), err=True)


def _note_without_site_url(lang: str) -> None:
    """The public site has no address in site_config.yml: say what that costs, once per command."""
    if lang == "th":
        click.echo(
            "หมายเหตุ: site_config.yml ยังไม่มี site_url เรื่องที่แชร์ทาง LINE และ Facebook จะไม่แสดงภาพ "
            "และชุดหลักฐานจะมีที่อยู่ไม่เต็ม กรุณาเพิ่ม site_url ก่อนเผยแพร่ (publish จะไม่ทำงานจนกว่าจะมี)",
            err=True,
        )
    else:
        click.echo(
            "note: site_config.yml has no site_url: stories shared on LINE and Facebook show no photo and "
            "evidence packs hold partial addresses; add site_url before publishing (publish refuses without it)",
            err=True,
        )


def _report_uncounted(checked: pipeline.CheckResult, lang: str | None) -> tuple[Problem, ...]:
    """For stats and evidence: print the errors of the write-ups left out of the count."""
    errors = tuple(p for p in checked.problems if p.severity is Severity.ERROR)
    if errors:
        config = checked.validated.config
        _print_problems(errors, "text", _message_lang(lang, config.messages_lang if config else None), err=True)
        click.echo(f"warning: {len({p.file for p in errors})} file(s) with errors are not counted", err=True)
    return errors


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="moinext")
def main() -> None:
    """สร้างเว็บไซต์ MOI Next จากเรื่องเล่าของหน่วยงาน · Build the MOI Next – Change for Good site from office write-ups."""


def run() -> None:
    """The `moinext` command: main(), then the process ends without taking the interpreter down
    object by object. A build of 10,000 stories leaves millions of objects, and freeing them one
    by one at exit took 0.4 s after a 2.3 s rebuild. Everything is written and waited for by
    then (the site is swapped in, helper processes have ended or run on their own, the caches
    are written whole); only the output streams are flushed here. Tests call main()."""
    code: int = 0
    try:
        main()
    except SystemExit as exc:
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is not None:  # sys.exit("message"): printed, status 1
            print(exc.code, file=sys.stderr)
            code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


class _CountedWork:
    """Progress of long counted work (a publish's uploads): a bar on a terminal; in a CI log, a
    plain line at every tenth, so a first publish of 60,000 files is never minutes of silence."""

    def __init__(self) -> None:
        self.on_terminal = sys.stderr.isatty()
        self.lock = threading.Lock()
        self.bars: list[ProgressBar[int]] = []

    def __call__(self, what: str, total: int) -> Callable[[int], None]:
        if self.on_terminal:
            bar = click.progressbar(length=total, label=what, file=sys.stderr)
            bar.__enter__()
            self.bars.append(bar)

            def advance_bar(by: int) -> None:
                with self.lock:
                    bar.update(by)

            return advance_bar
        done, shown = 0, 0

        def advance_lines(by: int) -> None:
            nonlocal done, shown
            with self.lock:
                done += by
                tenth = done * 10 // max(total, 1)
                if tenth > shown:
                    shown = tenth
                    click.echo(f"{what}: {done:,} of {total:,} files ({tenth * 10}%)", err=True)

        return advance_lines

    def close(self) -> None:
        for bar in self.bars:
            bar.__exit__(None, None, None)
        self.bars.clear()
