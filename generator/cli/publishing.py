"""Commands that publish the built site and keep its releases: publish, rollback, releases,
takedown, bucket-policy, server-config."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import publishing
from .common import (
    _CountedWork,
    _default_site,
    _message_lang,
    _print_problems,
    _words,
    config_option,
    lang_option,
    main,
)


def _publish_outcome(result: publishing.PublishResult, lang: str | None, what: tuple[str, str]) -> None:
    lang = _message_lang(lang, result.messages_lang)
    _print_problems(result.problems, "text", lang, err=True)
    if not result.ok or result.report is None:
        sys.exit(1)
    report = result.report
    if report.dry_run:
        for path in report.uploaded:
            click.echo(f"{_words(lang, 'อัปโหลด', 'upload')}  {path}")
        for path in report.deleted:
            click.echo(f"{_words(lang, 'ลบ', 'delete')}  {path}")
    for path in report.repaired:
        click.echo(f"{_words(lang, 'ซ่อมแล้ว', 'repaired')}  {path}")
    for note in report.notes:
        click.echo(f"note: {note}")
    mb = f"{report.bytes_sent / 1e6:.1f} MB"
    if lang == "th":
        would = "จะ" if report.dry_run else ""
        click.echo(
            f"{what[0]} {report.target}: รุ่น {report.release} {would}เขียน {len(report.uploaded)} ไฟล์ ({mb}) "
            f"{would}ลบ {len(report.deleted)} ไฟล์ ไม่เปลี่ยน {report.unchanged} ไฟล์"
            + (f" ซ่อม {len(report.repaired)} ไฟล์" if report.repaired else "")
            + ("" if report.dry_run else f" ใช้เวลา {report.seconds:.1f} วินาที")
        )
        return
    words = "would be " if report.dry_run else ""
    click.echo(
        f"{what[1]} {report.target}: release {report.release}; {len(report.uploaded)} files {words}written "
        f"({mb}), {len(report.deleted)} {words}deleted, {report.unchanged} unchanged"
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
    """เผยแพร่เว็บไซต์ · Put the built site online at TARGET (site_config.yml's publish.targets; the
    only one if not named), uploading only what changed. Credentials come from the environment."""
    said = _message_lang(lang, None)
    limit = sys.maxsize if yes else max_deletes
    if not (yes or dry_run) and sys.stdin.isatty() and sys.stdout.isatty():
        # On a terminal the plan comes first, and nothing changes until it is accepted.
        plan = publishing.publish(site_dir, config_path, target, dry_run=True, max_deletes=limit)
        if plan.ok and plan.report is not None and (plan.report.uploaded or plan.report.deleted):
            shown = plan.report
            for path in shown.deleted[:20]:
                click.echo(f"{_words(said, 'ลบ', 'delete')}  {path}")
            more = len(shown.deleted) - 20
            if more > 0:
                click.echo(_words(said, f"… และจะลบอีก {more} ไฟล์ (--dry-run แสดงทั้งหมด)",
                                  f"… and {more} more to delete (--dry-run lists them all)"))  # fmt: skip
            mb = f"{shown.bytes_sent / 1e6:.1f} MB"
            click.echo(
                _words(
                    said,
                    f"ที่ {shown.target}: จะเขียน {len(shown.uploaded)} ไฟล์ ({mb}) จะลบ {len(shown.deleted)} ไฟล์ "
                    f"ไม่เปลี่ยน {shown.unchanged} ไฟล์",
                    f"to {shown.target}: {len(shown.uploaded)} files to write ({mb}), "
                    f"{len(shown.deleted)} to delete, {shown.unchanged} unchanged",
                )
            )
            if not click.confirm(_words(said, "เผยแพร่หรือไม่", "Publish?"), default=False):
                click.echo(_words(said, "ยังไม่ได้เผยแพร่", "nothing published"), err=True)
                sys.exit(1)
    progress = _CountedWork()
    try:
        result = publishing.publish(
            site_dir, config_path, target, dry_run=dry_run, max_deletes=limit, progress=progress, verify=verify
        )
    finally:
        progress.close()
    _publish_outcome(result, lang, ("เผยแพร่แล้วที่", "published to"))


@main.command()
@click.argument("target", required=False)
@config_option
@click.option("--to", "to", metavar="RELEASE", help="The kept release to make live (see `moinext releases`).")
@lang_option
def rollback(target: str | None, config_path: Path | None, to: str | None, lang: str | None) -> None:
    """ย้อนกลับไปรุ่นก่อน · Make the release before the live one live again at TARGET, in one step (or
    the kept release named by --to, older or newer: a rollback is undone by another)."""
    _publish_outcome(publishing.rollback(config_path, target, to), lang, ("ย้อนกลับแล้วที่", "rolled back"))


@main.command()
@click.argument("target", required=False)
@config_option
@lang_option
def releases(target: str | None, config_path: Path | None, lang: str | None) -> None:
    """รายการรุ่นที่เก็บไว้ · List TARGET's kept releases, newest first, marking the live one."""
    said = _message_lang(lang, None)
    kept, problems = publishing.kept_releases(config_path, target)
    _print_problems(tuple(problems), "text", said, err=True)
    if kept is None:
        sys.exit(1)
    for release in kept.releases:
        click.echo(f"{'*' if release == kept.live else ' '} {release}")
    if kept.interrupted:
        click.echo(
            f"! {kept.interrupted} "
            + _words(
                said,
                "(การเผยแพร่ที่ไม่เสร็จ: การเผยแพร่หรือการย้อนกลับครั้งถัดไปจะทำให้เสร็จ)",
                "(a publish that did not finish: the next publish or rollback completes it)",
            )
        )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--target", help="The publishing target (the only one if not named).")
@config_option
@lang_option
def takedown(paths: tuple[str, ...], target: str | None, config_path: Path | None, lang: str | None) -> None:
    """ลบเรื่องที่ถอนออกจากทุกรุ่น · Remove PATHS (a story's folder, e.g. th-50/my-story/) from every
    kept release and every copy kept for rollback, once the story is withdrawn from the live site."""
    result = publishing.takedown(list(paths), config_path, target)
    said = _message_lang(lang, result.messages_lang)
    _print_problems(result.problems, "text", said, err=True)
    if not result.ok or result.report is None:
        sys.exit(1)
    report = result.report
    for release in report.forgotten:
        click.echo(f"{_words(said, 'ลืมรุ่น', 'forgotten')}  {release}")
    click.echo(
        _words(
            said,
            f"นำออกจาก {report.target} แล้ว: ลืมรุ่นที่เก็บไว้ {len(report.forgotten)} รุ่น ลบไฟล์ที่เก็บไว้ {report.removed} ไฟล์",
            f"taken down from {report.target}: {len(report.forgotten)} kept releases forgotten, "
            f"{report.removed} stored files removed",
        )
    )


@main.command("bucket-policy")
@click.argument("target", required=False)
@config_option
@lang_option
def bucket_policy(target: str | None, config_path: Path | None, lang: str | None) -> None:
    """พิมพ์นโยบายบัคเก็ต · Print the bucket policy that lets the public read TARGET's site and nothing else."""
    policy, problems = publishing.bucket_policy(config_path, target)
    _print_problems(tuple(problems), "text", _message_lang(lang, None), err=True)
    if policy is None:
        sys.exit(1)
    click.echo(policy)


@main.command("server-config")
@click.option("--root", default="/srv/moinext/current", show_default=True, help="The folder the site is published in.")
@click.option("--listen", help="nginx's listen: a port, or address:port (default 80, or 443 with --tls-certificate).")
@click.option("--server-name", default="_", show_default=True, help="The site's host name (nginx's server_name).")
@click.option("--no-brotli", is_flag=True, help="For an nginx without the brotli static module (.gz copies only).")
@click.option("--tls-certificate", metavar="FILE", help="Serve over HTTPS with HTTP/2: the certificate (chain) file.")
@click.option("--tls-key", metavar="FILE", help="With --tls-certificate: its private key file.")
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
    root: str,
    listen: str | None,
    server_name: str,
    no_brotli: bool,
    tls_certificate: str | None,
    tls_key: str | None,
    main_for: str | None,
    runtime_dir: str,
) -> None:
    """พิมพ์การตั้งค่า nginx · Print the nginx configuration of the site (the build writes it as site/.moinext-nginx.conf),
    or with --main nginx's main configuration, to run as any user on a read-only disk."""
    if (tls_certificate is None) != (tls_key is None):
        raise click.UsageError("ต้องระบุ --tls-certificate คู่กับ --tls-key · --tls-certificate and --tls-key go together")
    tls = (tls_certificate, tls_key) if tls_certificate and tls_key else None
    try:
        if main_for is not None:
            click.echo(publishing.nginx_main(main_for, runtime_dir, brotli=not no_brotli), nl=False)
        else:
            click.echo(publishing.nginx_config(root, listen, server_name, brotli=not no_brotli, tls=tls), nl=False)
    except publishing.NginxValueError as exc:
        raise click.UsageError(f"ค่านี้ใช้ในการตั้งค่า nginx ไม่ได้ · {exc}") from exc
