"""The command line: exit codes, output formats, and a build that refuses bad content."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from generator.cli import main

BAD = "title: ทอผ้า\ndate: 2024-06-22\nrer: extras\npmqa: [6]\nsummary: ส\n"


def run(tree, *args: str):
    return CliRunner().invoke(main, [*args, "--content", str(tree.content), "--config", str(tree.config)])


def test_check_exits_0_when_clean(tree):
    tree.story("th-50/a")
    result = run(tree, "check")
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_check_exits_1_and_prints_every_problem(tree):
    tree.story("th-50/a", BAD)
    tree.story("th-50/b", BAD.replace("pmqa: [6]", "pmqa: [6.9]"))
    result = run(tree, "check")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 3
    assert lines[0].endswith(
        "/th-50/a/index.md:4:6: error: rer: 'extras' is not one of routine, extra, report (did you mean 'extra'?)"
    )


def test_check_json_format(tree):
    tree.story("th-50/a", BAD)
    result = run(tree, "check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == [
        {
            "file": data[0]["file"],
            "line": 4,
            "column": 6,
            "field": "rer",
            "code": "field.choice",
            "message": "'extras' is not one of routine, extra, report (did you mean 'extra'?)",
            "severity": "error",
        }
    ]
    assert data[0]["file"].endswith("content/th-50/a/index.md")


def test_check_json_is_an_empty_list_when_clean(tree):
    tree.story("th-50/a")
    result = run(tree, "check", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_check_github_annotations(tree):
    tree.story("th-50/a", BAD)
    result = run(tree, "check", "--format", "github")
    line = result.stdout.strip().splitlines()[0]
    assert line.startswith("::error file=") and ",line=4,col=6::rer: 'extras' is not one of" in line


def test_check_messages_in_thai(tree):
    tree.story("th-50/a", BAD)
    result = run(tree, "check", "--lang", "th")
    assert "'extras' ไม่ใช่ค่าที่ใช้ได้ (routine, extra, report) (หมายถึง 'extra' หรือไม่)" in result.output


@pytest.mark.parametrize("locale", ["C.UTF-8", "", "th_TH.UTF-8", "POSIX"])
def test_the_commands_speak_thai_unless_told_otherwise(tree, monkeypatch, locale):
    """A server's, a container's or a CI runner's locale is no choice of English (issue 29)."""
    monkeypatch.delenv("MOINEXT_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    tree.story("th-50/a", BAD)
    result = run(tree, "check")
    assert "th-50/a/index.md:4:6: ข้อผิดพลาด: " in result.output
    assert "ไม่ใช่ค่าที่ใช้ได้" in result.output and "error:" not in result.output
    assert "ข้อผิดพลาด 1 รายการใน 1 ไฟล์" in result.output
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert "error:" in run(tree, "check").output
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "error:" in run(tree, "check", "--lang", "en").output


def test_ctrl_c_in_new_says_nothing_was_written_in_thai(tree, monkeypatch):
    result = CliRunner().invoke(main, ["new", "--content", str(tree.content)], input="")
    assert result.exit_code == 130
    assert "Aborted" not in result.output and "ยกเลิกแล้ว" in result.output
    assert not any(tree.content.glob("*/*/index.md"))


def test_usage_error_exits_2(tree):
    result = run(tree, "check", "--format", "xml")
    assert result.exit_code == 2


def test_build_refuses_bad_content_with_the_same_messages(tree):
    tree.story("th-50/a", BAD)
    out = tree.root / "site"
    result = CliRunner().invoke(
        main, ["build", "--content", str(tree.content), "--config", str(tree.config), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "index.md:4:6: error: rer: 'extras' is not one of" in result.output
    assert "build refused" in result.output
    assert not out.exists()


def test_build_prints_a_summary(tree):
    tree.photo("th-50/a/p.jpg")
    tree.story("th-50/a", BAD.replace("extras", "extra") + "photos:\n  - file: p.jpg\n    alt: ภาพ\n")
    out = tree.root / "site"
    result = CliRunner().invoke(
        main, ["build", "--content", str(tree.content), "--config", str(tree.config), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "1 story from 1 office, 1 photo (1 processed, 0 cached, 0 skipped)" in result.output
    assert (out / "th-50" / "a" / "index.html").is_file()
    tree.story("th-50/a", BAD.replace("extras", "extra") + "photos:\n  - file: p.jpg\n    alt: ภาพ\n", "แก้แล้ว\n")
    again = CliRunner().invoke(
        main, ["build", "--content", str(tree.content), "--config", str(tree.config), "--out", str(out)]
    )
    assert "1 page rendered (only what changed) and" in again.output, again.output
    # -v says what was stale and why (the build's log, quiet otherwise).
    tree.story("th-50/a", BAD.replace("extras", "extra") + "photos:\n  - file: p.jpg\n    alt: ภาพ\n", "อีกครั้ง\n")
    told = CliRunner().invoke(
        main, ["build", "-v", "--content", str(tree.content), "--config", str(tree.config), "--out", str(out)]
    )
    assert "moinext.build: stale: shown on other pages: none; own page only: th-50/a/" in told.output, told.output
    assert "pages: 1 rendered" in told.output
    quiet = CliRunner().invoke(
        main, ["build", "--content", str(tree.content), "--config", str(tree.config), "--out", str(out)]
    )
    assert "moinext.build" not in quiet.output


def test_python_dash_m_generator_runs():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "check" in result.stdout
    # The command ends with os._exit (cli.run): its output is still all there, and its status.
    usage = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--format", "xml"], capture_output=True, text=True
    )
    assert usage.returncode == 2 and "xml" in usage.stderr


def test_build_reports_progress_to_a_terminal_front_end(tree):
    from generator import pipeline

    tree.photo("th-50/a/p.jpg")
    tree.story("th-50/a", BAD.replace("extras", "extra") + "photos:\n  - file: p.jpg\n    alt: ภาพ\n")
    seen = {"photos": 0, "photo_total": None, "pages": 0, "page_total": None}

    def photos(total):
        seen["photo_total"] = total
        return lambda n: seen.__setitem__("photos", seen["photos"] + n)

    def pages(total):
        seen["page_total"] = total
        return lambda: seen.__setitem__("pages", seen["pages"] + 1)

    result = pipeline.build(
        tree.content, tree.config, tree.root / "site", progress=pipeline.Progress(photos=photos, pages=pages)
    )
    assert result.ok, result.problems
    assert seen["photo_total"] == seen["photos"] == 1
    assert seen["page_total"] and seen["pages"] >= seen["page_total"]


def test_check_build_and_publish_say_what_a_missing_site_url_costs(tree):
    """As shipped, site_url is unset: stories would share without a photo (issue 29)."""
    tree.story("th-50/a")
    checked = run(tree, "check", "--lang", "th")
    assert checked.exit_code == 0 and "ยังไม่มี site_url" in checked.output
    tree.config.write_text(
        tree.config.read_text(encoding="utf-8")
        + "publish:\n  targets:\n    web:\n      kind: rsync\n      destination: /srv/nowhere\n",
        encoding="utf-8",
    )
    refused = CliRunner().invoke(
        main, ["publish", "--site", str(tree.root / "site"), "--config", str(tree.config), "--lang", "th"]
    )
    assert refused.exit_code == 1 and "ยังไม่มี site_url" in refused.output
    tree.config.write_text(
        "site_url: https://moinext.example.go.th/\n" + tree.config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert "site_url" not in run(tree, "check").output


def test_every_command_says_what_it_does_in_thai_first():
    """`moinext --help` and each command's help open in Thai (issue 29), English after it."""
    from generator.cli import main

    thai = re.compile(r"[\u0e00-\u0e7f]")
    for name, command in main.commands.items():
        first = (command.help or "").split("·")[0]
        assert thai.search(first) and "·" in (command.help or ""), name


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("th", "เผยแพร่แล้วที่ web: รุ่น 20261205-1 เขียน 2 ไฟล์ (0.0 MB) ลบ 1 ไฟล์ ไม่เปลี่ยน 7 ไฟล์ ใช้เวลา 1.5 วินาที"),
        ("en", "published to web: release 20261205-1; 2 files written (0.0 MB), 1 deleted, 7 unchanged, in 1.5 s"),
    ],
)
def test_a_publish_is_summed_up_in_the_readers_language(lang, said, capsys):
    from generator.cli.publishing import _publish_outcome
    from generator.publishing import PublishResult
    from generator.release import PublishReport

    report = PublishReport("web", "20261205-1", ["a", "b"], ["c"], 7, seconds=1.5, bytes_sent=20)
    _publish_outcome(PublishResult(True, (), report), lang, ("เผยแพร่แล้วที่", "published to"))
    assert capsys.readouterr().out.strip() == said


@pytest.mark.parametrize(
    "args",
    [
        ["--root", "/srv/$document_root"],  # nginx would read a variable
        ["--root", "/srv/site\ninclude /etc/passwd"],
        ["--listen", "80; include /etc/passwd"],
        ["--server-name", "moi.go.th; root /"],
        ["--main", "/etc/site.conf", "--runtime-dir", "/tmp/$x"],
    ],
)
def test_server_config_refuses_a_value_nginx_cannot_hold_with_a_usage_error(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["server-config", *args])
    assert result.exit_code == 2 and result.exception is not None and isinstance(result.exception, SystemExit)
    assert "nginx" in result.output and "Traceback" not in result.output


def test_server_config_quotes_a_folder_with_spaces() -> None:
    result = CliRunner().invoke(main, ["server-config", "--root", '/srv/เว็บ ไซต์; "1"'])
    assert result.exit_code == 0
    assert '    root "/srv/เว็บ ไซต์; \\"1\\"";\n' in result.output
