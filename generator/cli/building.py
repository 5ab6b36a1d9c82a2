"""Commands that build and show the site: build, stats, evidence, serve."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
from click._termui_impl import ProgressBar

from .. import evidence as evidence_module
from .. import pipeline
from .. import stats as stats_module
from .common import (
    _default_site,
    _message_lang,
    _note_without_site_url,
    _print_problems,
    _report_uncounted,
    _say,
    _summary_line,
    config_option,
    content_option,
    lang_option,
    main,
)


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
    """ตรวจแล้วสร้างเว็บไซต์ ไม่สร้างเมื่อมีข้อผิดพลาด · Check everything, then build the site; refuses on any error."""
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
    _say(
        lang,
        f"สร้างเว็บไซต์แล้วที่ {out_dir}: {result.stories} เรื่องจาก {result.offices} หน่วยงาน ภาพ {result.photos} ภาพ "
        f"(ประมวลผลใหม่ {result.photos_processed} ใช้ของเดิม {result.photos_cached} ข้าม {result.photos_skipped}) "
        f"สร้างหน้า {result.pages_rendered} หน้า{'' if result.everything_stale else ' (เฉพาะที่เปลี่ยน)'} "
        f"คงเดิม {result.pages_reused} หน้า ใน {result.seconds:.1f} วินาที",
        f"built {out_dir}: {_count(result.stories, 'story', 'stories')} from {_count(result.offices, 'office')}, "
        f"{_count(result.photos, 'photo')} ({result.photos_processed} processed, {result.photos_cached} cached, "
        f"{result.photos_skipped} skipped), {_count(result.pages_rendered, 'page')} rendered{how} and "
        f"{result.pages_reused} unchanged, in {result.seconds:.1f} s",
    )
    if result.without_site_url:
        _note_without_site_url(lang)
    _rebuild_editor(content_dir, config_path, lang)


def _rebuild_editor(content_dir: Path, config_path: Path | None, lang: str) -> None:
    """With an editor: section, the web editor is made again after every build, so its form
    follows offices.yml and site_config.yml; the site itself is built either way."""
    from ..editor import EditorError

    try:
        made = pipeline.editor(None, content_dir, config_path, if_configured=True)
    except EditorError as exc:
        _say(lang, f"เว็บไซต์สร้างแล้ว แต่ไม่ได้สร้างหน้าเขียนเรื่องเล่า: {exc}", f"site built, but not the editor: {exc}")
        sys.exit(1)
    if made.written:
        _say(lang, f"สร้างหน้าเขียนเรื่องเล่าแล้วที่ {made.out_dir}", f"editor written to {made.out_dir}")


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
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--drafts", is_flag=True, help="Count drafts and write-ups dated in the future too.")
@click.option(
    "--fiscal-year", "year_be", type=int, help="Only this fiscal year, Buddhist Era (2569 = Oct 2025-Sep 2026)."
)
@lang_option
def stats(
    content_dir: Path, config_path: Path | None, fmt: str, drafts: bool, year_be: int | None, lang: str | None
) -> None:
    """สถิติเรื่องเล่า · Stories per office, province, RER, PMQA, fiscal year and quarter; offices with none yet."""
    checked, figures = pipeline.stats(content_dir, config_path, drafts=drafts, fiscal_year_be=year_be)
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
@click.option(
    "--office", help="Only this office and the offices below it: an id (ops, th-50) or a name (เชียงใหม่, ปค.)."
)
@click.option(
    "--applicant",
    help="A PMQA applicant (a department, a province or ops): its offices and field units, and its "
    "submission from content/pmqa/<applicant>.yml (profile, levels, documents, category 7, plan).",
)
@click.option(
    "--internal",
    is_flag=True,
    help="Add the write-ups' internal notes (what went wrong, what changed): for the ministry's own "
    "review, never for the public.",
)
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
    applicant: str | None,
    internal: bool,
) -> None:
    """ชุดหลักฐาน PMQA 4.0 · The PMQA 4.0 evidence pack (PDF, one HTML page, or XLSX) for assessors."""
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in evidence_module.FORMATS:
        raise click.BadParameter(f"give --format {'/'.join(evidence_module.FORMATS)} or an --out ending in one")
    if year_be is not None and not 2400 <= year_be <= 2700:
        raise click.BadParameter(f"{year_be} is not a Buddhist Era year (e.g. 2569)", param_hint="--fiscal-year")
    try:
        checked, pack = pipeline.evidence(
            content_dir,
            config_path,
            office=office,
            year_be=year_be,
            pmqa=pmqa,
            drafts=drafts,
            applicant=applicant,
            internal=internal,
        )
        errors = _report_uncounted(checked, lang)
        if pack is None:
            sys.exit(1)
        config_for_fonts = checked.validated.config
        assert config_for_fonts is not None
        if fmt == "xlsx":
            evidence_module.to_xlsx(pack, out)
        else:
            fonts = evidence_module.pack_fonts(pipeline.configured_cache_dir(config_for_fonts, config_path))
            if fmt == "html":
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(evidence_module.to_html(pack, fonts), encoding="utf-8")
            else:
                evidence_module.to_pdf(pack, fonts, out)
    except evidence_module.EvidenceError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write {exc.filename or out}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {out}: {len(pack.stories)} stories, {pack.scope}, {pack.period}", err=True)
    config = checked.validated.config
    if config is not None and not config.site_url:
        _note_without_site_url(_message_lang(lang, config.messages_lang))
    sys.exit(1 if errors else 0)


@main.command()
@content_option
@config_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--drafts", is_flag=True, help="Show drafts and write-ups dated in the future too.")
def serve(content_dir: Path, config_path: Path | None, host: str, port: int, drafts: bool) -> None:
    """ดูตัวอย่างเว็บไซต์ขณะแก้ไข · Live preview: rebuilds on every change to content/, theme/ or site_config.yml."""
    from ..serve import PreviewServer, first_free_port

    lang = _message_lang(None, None)

    def report(result: pipeline.BuildResult) -> None:
        said = _message_lang(None, result.messages_lang)
        _print_problems(result.problems, "text", said, err=True)
        if result.ok:
            _say(said, f"สร้างใหม่แล้ว: {result.stories} เรื่อง ใน {result.seconds:.1f} วินาที",
                 f"rebuilt: {result.stories} stories in {result.seconds:.1f} s")  # fmt: skip
        else:
            _say(said, "สร้างไม่สำเร็จ: ยังแสดงเว็บไซต์ที่สร้างได้ครั้งล่าสุด กรุณาแก้ไขแล้วบันทึกไฟล์",
                 "build failed: still showing the last good site")  # fmt: skip

    free = first_free_port(host, port)
    if free is None:
        _say(lang, f"ข้อผิดพลาด: พอร์ต {port}-{port + 19} บน {host} ถูกใช้ทั้งหมด กรุณาเลือกพอร์ตอื่นด้วย --port",
             f"error: ports {port}-{port + 19} on {host} are all in use; choose another with --port")  # fmt: skip
        sys.exit(2)
    if free != port:
        _say(lang, f"พอร์ต {port} ถูกใช้อยู่ จึงใช้ {free} แทน", f"port {port} is in use; using {free} instead")
    server = PreviewServer(content_dir, config_path, host=host, port=free, drafts=drafts, report=report)
    _say(lang, f"เปิดดูได้ที่ {server.url} (กด Ctrl-C เพื่อหยุด)", f"serving on {server.url} (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.shutdown()
