"""Commands for those who write and check: check, new, schema."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from .. import pipeline, scaffold
from ..problems.formats import FORMATTERS
from .common import (
    _message_lang,
    _note_without_site_url,
    _print_problems,
    _summary_line,
    config_option,
    content_option,
    lang_option,
    main,
)


@main.command()
@content_option
@config_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@lang_option
def check(content_dir: Path, config_path: Path | None, fmt: str, lang: str | None) -> None:
    """ตรวจทุกไฟล์และบอกทุกปัญหา · Check offices.yml, every write-up and site_config.yml; report every problem."""
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
        if config is not None and not config.site_url:
            _note_without_site_url(lang)
    sys.exit(0 if result.ok else 1)


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
    """เริ่มเรื่องเล่าใหม่ (ถามสิ่งที่ยังไม่ได้ระบุ) · Start a new write-up with valid front-matter and a Thai template."""
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
        click.echo(f"ข้อผิดพลาด (error): {exc}", err=True)
        sys.exit(1)
    except (click.Abort, KeyboardInterrupt, EOFError):
        # Ctrl-C or Ctrl-D at a question: click would print "Aborted!". Nothing was written.
        click.echo("\nยกเลิกแล้ว ยังไม่ได้สร้างไฟล์ใด (cancelled: nothing was written)", err=True)
        sys.exit(130)
    click.echo(f"สร้างไฟล์แล้ว (created): {path}\nเปิดไฟล์เพื่อเขียนเรื่อง แล้วตรวจด้วย: moinext check")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json-schema", "frontmatter-cms", "decap"]),
    default="json-schema",
    show_default=True,
)
@content_option
@config_option
def schema(fmt: str, content_dir: Path, config_path: Path | None) -> None:
    """พิมพ์ JSON Schema ของส่วนหัว · Print the front-matter's JSON Schema (or a Front Matter CMS or Decap config)."""
    from ..editor import EditorError, decap_config_text, frontmatter_cms_config, json_schema

    if fmt == "decap":
        registry, config, problems = pipeline.editor_inputs(content_dir, config_path)
        if registry is None or config is None:
            _print_problems(problems, "text", _message_lang(None, None), err=True)
            sys.exit(1)
        try:
            click.echo(decap_config_text(registry, config))
        except EditorError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        return
    click.echo(
        json.dumps(json_schema() if fmt == "json-schema" else frontmatter_cms_config(), ensure_ascii=False, indent=2)
    )


@main.command()
@content_option
@config_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="The folder it is written to (replaced whole); default: editor.out in site_config.yml.",
)
@lang_option
def editor(content_dir: Path, config_path: Path | None, out_dir: Path | None, lang: str | None) -> None:
    """สร้างหน้าเขียนเรื่องเล่าบนเว็บ · Build the web editor for offices (Decap CMS) as a site of its own."""
    from ..editor import EditorError

    try:
        result = pipeline.editor(out_dir, content_dir, config_path)
    except EditorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if not result.written:
        _print_problems(result.problems, "text", _message_lang(lang, None), err=True)
        sys.exit(1)
    click.echo(f"สร้างหน้าเขียนเรื่องเล่าแล้ว (editor written): {result.out_dir} ({len(result.written)} files)")
    click.echo("เปิดให้บริการด้วยนโยบายความปลอดภัยในหน้า index.html (serve it with the policy in its index.html)")
