"""The `moinext` command: argument parsing only; the work is done by generator.pipeline."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import click
from click._termui_impl import ProgressBar

from . import evidence as evidence_module
from . import pipeline, publishing, scaffold
from . import stats as stats_module
from .problems import Problem, Severity
from .problems.formats import FORMATTERS, format_text


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
    """Build the MOI Next – Change for Good site from office write-ups."""


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
        if lang == "th":
            tail = _summary_line(result.problems, lang) if result.problems else "ไม่พบปัญหา"
            click.echo(f"ตรวจแล้ว เรื่องเล่าที่ถูกต้อง {stories} เรื่อง: {tail}", err=True)
        else:
            tail = _summary_line(result.problems) if result.problems else "no problems"
            click.echo(f"checked {stories} valid write-up(s): {tail}", err=True)
    sys.exit(0 if result.ok else 1)


class _TerminalProgress(pipeline.Progress):
    """Progress bars on standard error, one stage after the other; close() restores the cursor."""

    def __init__(self) -> None:
        super().__init__(photos=self._photos, pages=self._pages)
        self._bar: ProgressBar[int] | None = None

    def _start(self, total: int, label: str) -> ProgressBar[int]:
        self.close()
        self._bar = click.progressbar(length=total, label=label, file=sys.stderr)
        self._bar.__enter__()
        return self._bar

    def _photos(self, total: int) -> Callable[[int], None]:
        return self._start(total, "photos").update

    def _pages(self, total: int) -> Callable[[], None]:
        bar = self._start(total, "pages ")
        return lambda: bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


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


@main.command()
@content_option
@config_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=_default_site,
    show_default=True,
    help="Where the site is written (replaced only when the build succeeds).",
)
@click.option("--drafts", is_flag=True, help="Include drafts and write-ups dated in the future.")
@click.option(
    "--full", is_flag=True, help="Make every page again (normally pages unchanged since the last build are reused)."
)
@click.option("-v", "--verbose", is_flag=True, help="Say what was stale and why, and what was made again.")
@lang_option
def build(
    content_dir: Path,
    config_path: Path | None,
    out_dir: Path,
    drafts: bool,
    full: bool,
    verbose: bool,
    lang: str | None,
) -> None:
    """Check everything, then build the site; refuses on any error and keeps the previous site."""
    progress = _TerminalProgress() if sys.stderr.isatty() and not verbose else None
    try:
        with _logged_to_terminal("moinext" if verbose else None):
            result = pipeline.build(content_dir, config_path, out_dir, drafts=drafts, progress=progress, full=full)
    finally:
        if progress:
            progress.close()
    lang = _message_lang(lang, result.messages_lang)
    _print_problems(result.problems, "text", lang, err=True)
    for warning in result.warnings:
        click.echo(f"mkdocs: warning: {warning}", err=True)
    if not result.ok:
        if lang == "th":
            click.echo(f"ไม่สร้างเว็บไซต์: {_summary_line(result.problems, lang)} เว็บไซต์เดิมยังอยู่ครบ", err=True)
        else:
            click.echo(f"build refused: {_summary_line(result.problems)}; the previous site is unchanged", err=True)
        sys.exit(1)
    # A rebuild that made only some outputs says so: the PR team sees why it took a second.
    how = "" if result.everything_stale else " (only what changed)"
    click.echo(
        f"built {out_dir}: {_count(result.stories, 'story', 'stories')} from {_count(result.offices, 'office')}, "
        f"{_count(result.photos, 'photo')} ({result.photos_processed} processed, {result.photos_cached} cached, "
        f"{result.photos_skipped} skipped), {_count(result.pages_rendered, 'page')} rendered{how} and "
        f"{result.pages_reused} unchanged, in {result.seconds:.1f} s"
    )


@contextlib.contextmanager
def _logged_to_terminal(name: str | None) -> Iterator[None]:
    """The log named (the package's: quiet unless asked for) on standard error while the command
    runs, one plain line a record."""
    if name is None:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger(name)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


@main.command()
@content_option
@config_option
@click.option("--office", help="Office id from offices.yml (asked, with search, when missing).")
@click.option("--title", help="The story's title.")
@click.option("--date", "day", help="YYYY-MM-DD, Gregorian (default: today).")
@click.option("--rer", help="RER component: routine, extra, report, or its Thai name (งานประจำ, ภารกิจพิเศษ, …).")
@click.option("--pmqa", multiple=True, help="A PMQA 4.0 category or item; repeat for more (e.g. --pmqa 6.2 --pmqa 3).")
@click.option("--summary", help="At most 300 characters.")
@click.option("--slug", help="Folder name and page address (default: made from the title).")
def new(
    content_dir: Path,
    config_path: Path | None,
    office: str | None,
    title: str | None,
    day: str | None,
    rer: str | None,
    pmqa: tuple[str, ...],
    summary: str | None,
    slug: str | None,
) -> None:
    """Start a new write-up with valid front-matter and a Thai template (asks for what is missing)."""
    registry, problems = pipeline.registry(content_dir)
    if registry is None:
        _print_problems(problems, "text", _message_lang(None, None), err=True)
        sys.exit(1)
    try:
        codes = scaffold.parse_pmqa(",".join(pmqa)) if pmqa else ()
        given = {
            "office": office,
            "title": title,
            "date": day,
            "rer": rer,
            "pmqa": codes,
            "summary": summary,
            "slug": slug,
        }
        synonyms = pipeline.synonyms(content_dir)
        answers = scaffold.ask(registry, given, click.prompt, click.echo, dt.date.today(), synonyms)
        path = scaffold.create(content_dir, registry, answers)
    except scaffold.ScaffoldError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"created {path}\nเปิดไฟล์เพื่อเขียนเรื่อง แล้วตรวจด้วย: moinext check")


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json-schema", "frontmatter-cms"]), default="json-schema", show_default=True
)
def schema(fmt: str) -> None:
    """Print the JSON Schema of the front-matter (or a Front Matter CMS configuration)."""
    from .editor import frontmatter_cms_config, json_schema

    click.echo(
        json.dumps(json_schema() if fmt == "json-schema" else frontmatter_cms_config(), ensure_ascii=False, indent=2)
    )


def _publish_outcome(result: publishing.PublishResult, lang: str | None, what: str) -> None:
    lang = _message_lang(lang, result.messages_lang)
    _print_problems(result.problems, "text", lang, err=True)
    if not result.ok or result.report is None:
        sys.exit(1)
    report = result.report
    if report.dry_run:
        for path in report.uploaded:
            click.echo(f"upload  {path}")
        for path in report.deleted:
            click.echo(f"delete  {path}")
    for path in report.repaired:
        click.echo(f"repaired  {path}")
    for note in report.notes:
        click.echo(f"note: {note}")
    words = "would be " if report.dry_run else ""
    click.echo(
        f"{what} {report.target}: release {report.release}; {len(report.uploaded)} files {words}written "
        f"({report.bytes_sent / 1e6:.1f} MB), {len(report.deleted)} {words}deleted, {report.unchanged} unchanged"
        + (f", {len(report.repaired)} repaired" if report.repaired else "")
        + ("" if report.dry_run else f", in {report.seconds:.1f} s")
    )


@main.command()
@click.argument("target", required=False)
@config_option
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path),
    default=_default_site,
    show_default="site",
    help="The built site to publish.",
)
@click.option("--dry-run", is_flag=True, help="List what would be uploaded and deleted; change nothing.")
@click.option(
    "--max-deletes",
    type=click.IntRange(min=0),
    default=None,
    help="Refuse to delete more files than this (default: a tenth of the live files, at least 20).",
)
@click.option("--yes", is_flag=True, help="Delete as many files as the new site no longer has, however many.")
@click.option(
    "--verify", is_flag=True, help="Then compare the target with the live release file for file, and repair it."
)
@lang_option
def publish(
    target: str | None,
    config_path: Path | None,
    site_dir: Path,
    dry_run: bool,
    max_deletes: int | None,
    yes: bool,
    verify: bool,
    lang: str | None,
) -> None:
    """Put the built site online at TARGET (site_config.yml's publish.targets; the only one if
    not named), uploading only what changed. Credentials come from the environment."""
    limit = sys.maxsize if yes else max_deletes
    if not (yes or dry_run) and sys.stdin.isatty() and sys.stdout.isatty():
        # On a terminal the plan comes first, and nothing changes until it is accepted.
        plan = publishing.publish(site_dir, config_path, target, dry_run=True, max_deletes=limit)
        if plan.ok and plan.report is not None and (plan.report.uploaded or plan.report.deleted):
            shown = plan.report
            for path in shown.deleted[:20]:
                click.echo(f"delete  {path}")
            if len(shown.deleted) > 20:
                click.echo(f"… and {len(shown.deleted) - 20} more to delete (--dry-run lists them all)")
            click.echo(
                f"to {shown.target}: {len(shown.uploaded)} files to write ({shown.bytes_sent / 1e6:.1f} MB), "
                f"{len(shown.deleted)} to delete, {shown.unchanged} unchanged"
            )
            if not click.confirm("Publish?", default=False):
                click.echo("nothing published", err=True)
                sys.exit(1)
    progress = _CountedWork()
    try:
        result = publishing.publish(
            site_dir, config_path, target, dry_run=dry_run, max_deletes=limit, progress=progress, verify=verify
        )
    finally:
        progress.close()
    _publish_outcome(result, lang, "published to")


@main.command()
@click.argument("target", required=False)
@config_option
@click.option("--to", "to", metavar="RELEASE", help="The kept release to make live (see `moinext releases`).")
@lang_option
def rollback(target: str | None, config_path: Path | None, to: str | None, lang: str | None) -> None:
    """Make the release before the live one live again at TARGET, in one step (or the kept release
    named by --to, older or newer: a rollback is undone by another)."""
    _publish_outcome(publishing.rollback(config_path, target, to), lang, "rolled back")


@main.command()
@click.argument("target", required=False)
@config_option
@lang_option
def releases(target: str | None, config_path: Path | None, lang: str | None) -> None:
    """List TARGET's kept releases, newest first, marking the live one."""
    kept, problems = publishing.kept_releases(config_path, target)
    _print_problems(tuple(problems), "text", _message_lang(lang, None), err=True)
    if kept is None:
        sys.exit(1)
    for release in kept.releases:
        click.echo(f"{'*' if release == kept.live else ' '} {release}")
    if kept.interrupted:
        click.echo(f"! {kept.interrupted} (a publish that did not finish: the next publish or rollback completes it)")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--target", help="The publishing target (the only one if not named).")
@config_option
@lang_option
def takedown(paths: tuple[str, ...], target: str | None, config_path: Path | None, lang: str | None) -> None:
    """Remove PATHS (a story's folder, e.g. th-50/my-story/) from every kept release and every copy
    kept for rollback, once the story is withdrawn from the live site: for a takedown request."""
    result = publishing.takedown(list(paths), config_path, target)
    _print_problems(result.problems, "text", _message_lang(lang, result.messages_lang), err=True)
    if not result.ok or result.report is None:
        sys.exit(1)
    report = result.report
    for release in report.forgotten:
        click.echo(f"forgotten  {release}")
    click.echo(
        f"taken down from {report.target}: {len(report.forgotten)} kept releases forgotten, "
        f"{report.removed} stored files removed"
    )


@main.command("bucket-policy")
@click.argument("target", required=False)
@config_option
@lang_option
def bucket_policy(target: str | None, config_path: Path | None, lang: str | None) -> None:
    """Print the bucket policy that lets the public read TARGET's site and nothing else."""
    policy, problems = publishing.bucket_policy(config_path, target)
    _print_problems(tuple(problems), "text", _message_lang(lang, None), err=True)
    if policy is None:
        sys.exit(1)
    click.echo(policy)


@main.command("server-config")
@click.option("--root", default="/srv/moinext/current", show_default=True, help="The folder the site is published in.")
@click.option("--listen", default="80", show_default=True, help="nginx's listen: a port, or address:port.")
@click.option("--server-name", default="_", show_default=True, help="The site's host name (nginx's server_name).")
@click.option("--no-brotli", is_flag=True, help="For an nginx without the brotli static module (.gz copies only).")
@click.option(
    "--main",
    "main_for",
    metavar="SITE_CONF",
    help="Print nginx's main configuration instead, including SITE_CONF (the server block's file).",
)
@click.option(
    "--runtime-dir", default="/tmp/nginx", show_default=True, help="With --main: where nginx writes (pid, temp)."
)
def server_config(
    root: str, listen: str, server_name: str, no_brotli: bool, main_for: str | None, runtime_dir: str
) -> None:
    """Print the nginx configuration of the site (the build writes it as site/.moinext-nginx.conf),
    or with --main nginx's main configuration, to run as any user on a read-only disk."""
    if main_for is not None:
        click.echo(publishing.nginx_main(main_for, runtime_dir, brotli=not no_brotli), nl=False)
        return
    click.echo(publishing.nginx_config(root, listen, server_name, brotli=not no_brotli), nl=False)


@main.command()
@content_option
@config_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--drafts", is_flag=True, help="Count drafts and write-ups dated in the future too.")
@lang_option
def stats(content_dir: Path, config_path: Path | None, fmt: str, drafts: bool, lang: str | None) -> None:
    """Stories per office, province, RER and PMQA; offices and PMQA items with none yet."""
    checked, figures = pipeline.stats(content_dir, config_path, drafts=drafts)
    errors = _report_uncounted(checked, lang)
    if figures is None:
        sys.exit(1)
    registry = checked.validated.registry
    assert registry is not None
    if fmt == "json":
        click.echo(stats_module.to_json(figures))
    elif fmt == "csv":
        click.echo(stats_module.to_csv(figures, registry), nl=False)
    else:
        click.echo(stats_module.to_table(figures, registry))
    sys.exit(1 if errors else 0)


@main.command()
@content_option
@config_option
@click.option("--pmqa", help="Only stories claiming this PMQA category (1-7) or item (e.g. 6.2).")
@click.option("--office", help="Only this office and the offices below it (e.g. ops, th-50).")
@click.option(
    "--fiscal-year", "year_be", type=int, help="Only this fiscal year, Buddhist Era (2569 = Oct 2025-Sep 2026)."
)
@click.option("--format", "fmt", type=click.Choice(evidence_module.FORMATS), help="Default: from --out's extension.")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The file to write.")
@click.option("--drafts", is_flag=True, help="Include drafts and write-ups dated in the future.")
@lang_option
def evidence(
    content_dir: Path,
    config_path: Path | None,
    pmqa: str | None,
    office: str | None,
    year_be: int | None,
    fmt: str | None,
    out: Path,
    drafts: bool,
    lang: str | None,
) -> None:
    """The PMQA 4.0 evidence pack (PDF, one HTML page, or XLSX) for assessors and report writers."""
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in evidence_module.FORMATS:
        raise click.BadParameter(f"give --format {'/'.join(evidence_module.FORMATS)} or an --out ending in one")
    if year_be is not None and not 2400 <= year_be <= 2700:
        raise click.BadParameter(f"{year_be} is not a Buddhist Era year (e.g. 2569)", param_hint="--fiscal-year")
    try:
        checked, pack = pipeline.evidence(
            content_dir, config_path, office=office, year_be=year_be, pmqa=pmqa, drafts=drafts
        )
        errors = _report_uncounted(checked, lang)
        if pack is None:
            sys.exit(1)
        config_for_fonts = checked.validated.config
        assert config_for_fonts is not None
        if fmt == "xlsx":
            evidence_module.to_xlsx(pack, out)
        else:
            cache = pipeline.configured_cache_dir(config_for_fonts, config_path)
            page = evidence_module.to_html(pack, evidence_module.pack_fonts(cache))
            if fmt == "html":
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(page, encoding="utf-8")
            else:
                evidence_module.to_pdf(page, out)
    except evidence_module.EvidenceError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write {exc.filename or out}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {out}: {len(pack.stories)} stories, {pack.scope}, {pack.period}", err=True)
    sys.exit(1 if errors else 0)


@main.command()
@content_option
@config_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--drafts", is_flag=True, help="Show drafts and write-ups dated in the future too.")
def serve(content_dir: Path, config_path: Path | None, host: str, port: int, drafts: bool) -> None:
    """Live preview: rebuilds on every change to content/, theme/ or site_config.yml."""
    from .serve import PreviewServer, first_free_port

    def report(result: pipeline.BuildResult) -> None:
        _print_problems(result.problems, "text", _message_lang(None, None), err=True)
        if result.ok:
            click.echo(f"rebuilt: {result.stories} stories in {result.seconds:.1f} s", err=True)
        else:
            click.echo("build failed: still showing the last good site", err=True)

    free = first_free_port(host, port)
    if free is None:
        click.echo(f"error: ports {port}-{port + 19} on {host} are all in use; choose another with --port", err=True)
        sys.exit(2)
    if free != port:
        click.echo(f"port {port} is in use; using {free} instead", err=True)
    server = PreviewServer(content_dir, config_path, host=host, port=free, drafts=drafts, report=report)
    click.echo(f"serving on {server.url} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.shutdown()
