"""Golden files: whole outputs compared with files under tests/golden/.

After an intended change of output, regenerate them with `make golden`
(MOINEXT_REGENERATE_GOLDEN=1 pytest tests/test_golden.py) and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import pipeline
from generator.problems.formats import format_json, format_text

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURES = HERE / "fixtures"
REGENERATE = os.environ.get("MOINEXT_REGENERATE_GOLDEN") == "1"


def compare(name: str, actual: str) -> None:
    target = GOLDEN / name
    if REGENERATE:
        target.write_text(actual, encoding="utf-8")
        return
    assert target.exists(), f"missing {target}; run `make golden`"
    assert actual == target.read_text(encoding="utf-8"), f"{name} changed; run `make golden` if intended"


@pytest.fixture
def in_tests_dir(monkeypatch):
    monkeypatch.chdir(HERE)  # paths in messages are relative to the working directory


@pytest.mark.parametrize("lang", ["en", "th"])
def test_check_output_of_the_bad_fixture(in_tests_dir, lang):
    result = pipeline.check(Path("fixtures/bad-content"))
    assert not result.ok
    compare(f"check-bad-content.{lang}.txt", format_text(result.problems, lang) + "\n")


def test_check_json_of_the_bad_fixture(in_tests_dir):
    result = pipeline.check(Path("fixtures/bad-content"))
    compare("check-bad-content.json", format_json(result.problems) + "\n")


def test_rendered_story_article(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "good-content", content)
    config = tmp_path / "site_config.yml"  # its own: the golden file must not follow the example's settings
    config.write_text("site_name: MOI Next – Change for Good\n", encoding="utf-8")
    result = pipeline.build(content, config, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert result.ok, result.problems
    html = (tmp_path / "site" / "th-50" / "weaving" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article.moi-story").prettify()
    compare("story-article.html", re.sub(r"[ \t]+\n", "\n", article))
