"""The web editor's configuration (issue 31): made from the model `check` uses, so the form and
check cannot disagree; its page's policy; the Decap CMS it ships, checked against its hash.
What the form really writes, in Chromium through decap-server, is tests/browser/test_editor.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import EXAMPLE_CONFIG, EXAMPLE_CONTENT, GOOD_FRONT, seed_cache
from generator import editor, pipeline
from generator.cli import main
from generator.content import limits
from generator.content.schema import FrontMatter, SiteConfig
from generator.frameworks import PMQA_CODES, RER
from generator.places import districts, provincial_offices

EDITOR = "editor:\n  backend: github\n  repo: moi-go-th/moinext-content\n"


@pytest.fixture
def configured(tmp_path: Path) -> Path:
    config = tmp_path / "site_config.yml"
    config.write_text(EXAMPLE_CONFIG.read_text(encoding="utf-8") + EDITOR, encoding="utf-8")
    return config


def _decap(configured: Path) -> dict:
    result = CliRunner().invoke(
        main, ["schema", "--format", "decap", "--content", str(EXAMPLE_CONTENT), "--config", str(configured)]
    )
    assert result.exit_code == 0, result.output
    return yaml.safe_load(result.stdout)


def _fields(config: dict) -> dict[str, dict]:
    return {f["name"]: f for f in config["collections"][0]["fields"]}


def test_the_form_is_the_front_matter_model(configured):
    """Every field of the write-up is in the form or deliberately left out, required as the model
    requires it, with the model's choices and limits."""
    fields = _fields(_decap(configured))
    model = FrontMatter.model_fields
    assert set(fields) - {"body"} | set(editor.NOT_IN_THE_FORM) == set(model)
    for name, field in model.items():
        if name in fields and name != "office":
            assert (fields[name].get("required", True) is True) == field.is_required(), name
    assert fields["office"].get("required", True)  # the form needs it to make the folder
    assert [o["value"] for o in fields["rer"]["options"]] == [c.key for c in RER]
    assert fields["rer"]["options"][1]["label"] == "ภารกิจพิเศษ (Extra Job)"
    assert [o["value"] for o in fields["pmqa"]["options"]] == list(PMQA_CODES)
    assert fields["pmqa"]["multiple"] and fields["pmqa"]["min"] == 1
    assert f"{{1,{limits.SUMMARY_CHARS}}}" in fields["summary"]["pattern"][0]
    photo = {f["name"]: f for f in fields["photos"]["fields"]}
    assert photo["alt"].get("required", True) and photo["caption"]["required"] is False
    assert "20 MB" in photo["file"]["hint"] and "40 ล้านพิกเซล" in photo["file"]["hint"]
    assert fields["body"]["default"].startswith("## ที่มาและปัญหา") and "<!--" not in fields["body"]["default"]


def test_offices_are_every_office_that_may_write_searchable_by_thai_name(configured):
    options = {o["value"]: o["label"] for o in _fields(_decap(configured))["office"]["options"]}
    registry, _ = pipeline.registry(EXAMPLE_CONTENT)
    assert registry is not None
    assert set(registry.offices) | set(districts()) | set(provincial_offices()) == set(options)
    assert options["th-50-provincial-office"] == "สำนักงานจังหวัดเชียงใหม่ · th-50-provincial-office"
    assert options["th-5002"] == "อำเภอจอมทอง จ.เชียงใหม่ · th-5002"


def test_stories_are_saved_where_check_reads_them_and_reviewed_as_pull_requests(configured):
    config = _decap(configured)
    stories = config["collections"][0]
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "th"
    assert stories["folder"] == "content" and stories["path"] == "{{slug}}/index"
    assert stories["slug"] == "{{fields.office}}/{{fields.slug}}" and stories["nested"] == {"depth": 3}
    assert stories["media_folder"] == "" and stories["delete"] is False
    assert config["backend"] == {
        "name": "github",
        "repo": "moi-go-th/moinext-content",
        "branch": "main",
        "commit_messages": config["backend"]["commit_messages"],
    }


def test_what_the_form_writes_passes_check_and_a_wrong_office_is_caught_at_its_line(tree):
    # The shape Decap writes (seen in tests/browser/test_editor.py): office first, quoted codes.
    written = "office: th-50\n" + GOOD_FRONT.replace("pmqa: [6.2]", 'pmqa:\n  - "6.2"')
    tree.story("th-50/from-the-form", written)
    assert tree.check().problems == ()
    tree.story("th-50/from-the-form", written.replace("office: th-50", "office: th-40"))
    problems = tree.check().problems
    assert [(p.code, p.line) for p in problems] == [("story.office_not_folder", 2)]
    assert "content/th-40/" in problems[0].message() and "office: th-50" in problems[0].message("th")
    tree.story("th-50/from-the-form", written.replace("office: th-50", "office: th-50\nslug: other-name"))
    problems = tree.check().problems
    assert [(p.code, p.line) for p in problems] == [("story.slug_not_folder", 3)]
    assert "from-the-form" in problems[0].message()


def test_the_editor_needs_its_section_and_names_what_to_add():
    with pytest.raises(editor.EditorError, match="editor:"):
        editor.decap_config(pipeline.registry(EXAMPLE_CONTENT)[0], SiteConfig())


def test_a_misspelt_editor_setting_is_an_error_naming_the_right_ones(tmp_path):
    config = tmp_path / "site_config.yml"
    config.write_text(EDITOR.replace("repo:", "repository:"), encoding="utf-8")
    _, problems = pipeline.judge_config(config)
    assert sorted(p.field for p in problems if p.field.startswith("editor")) == ["editor.repo", "editor.repository"]
    assert any("unknown field 'repository'; allowed fields: backend, repo," in p.message() for p in problems)


def test_the_page_policy_allows_the_host_and_nothing_else():
    gitlab = SiteConfig.model_validate(
        {"editor": {"backend": "gitlab", "repo": "moi/web/content", "api_root": "https://git.moi.go.th/api/v4"}}
    )
    policy = editor.editor_policy(gitlab)
    assert "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval';" in policy
    assert "connect-src 'self' blob: data: http://localhost:8081 https://git.moi.go.th;" in policy
    assert "gitlab.com" not in policy and "frame-src 'none'" in policy
    github = SiteConfig.model_validate({"editor": {"backend": "github", "repo": "a/b"}})
    assert "img-src 'self' data: blob: http://localhost:8081 https://api.github.com" in editor.editor_policy(github)


def test_a_tampered_decap_is_refused(tmp_path, monkeypatch):
    cached = tmp_path / "editor" / f"decap-cms-{editor.DECAP_VERSION}.tgz"
    cached.parent.mkdir()
    cached.write_bytes(b"not decap")
    # Not trusted from the cache: fetched again, from a registry that serves the wrong bytes too.
    served = tmp_path / "registry" / "decap-cms" / "-" / cached.name
    served.parent.mkdir(parents=True)
    served.write_bytes(b"also not decap")
    monkeypatch.setenv("NPM_CONFIG_REGISTRY", (tmp_path / "registry").as_uri())
    with pytest.raises(editor.EditorError, match="is not the Decap CMS"):
        editor.decap_tarball(tmp_path)
    assert cached.read_bytes() == b"not decap"  # and nothing it could not check was kept


def test_the_built_editor_replaces_the_last_one_whole(tmp_path, offline_project):
    """Built twice: the second replaces the first, and content/ is never the output."""
    config = offline_project
    out = tmp_path / "editor-site"
    (out).mkdir()
    (out / "stale.js").write_text("old", encoding="utf-8")
    with pytest.raises(editor.EditorError, match="not built by moinext"):
        pipeline.editor(out, tmp_path / "content", config)
    shutil.rmtree(out)
    made = pipeline.editor(out, tmp_path / "content", config)
    assert not made.problems and {"index.html", "config.yml", "decap-cms.js", "moinext-editor.js"} <= set(made.written)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "'unsafe-eval'" in page and "{{" not in page and "ก้าวต่อไป มท." in page
    assert "@font-face" in (out / "moinext-editor.css").read_text(encoding="utf-8")
    (out / "decap-cms.js").write_text("tampered", encoding="utf-8")
    pipeline.editor(out, tmp_path / "content", config)
    assert (out / "decap-cms.js").read_text(encoding="utf-8") == "// decap"
    with pytest.raises(editor.EditorError, match="overlaps the content"):
        pipeline.editor(tmp_path / "content" / "admin", tmp_path / "content", config)


@pytest.fixture
def offline_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example content in tmp_path/content, a site_config.yml with an editor (returned), and
    a Decap tarball made here instead of downloaded."""
    shutil.copytree(EXAMPLE_CONTENT, tmp_path / "content")
    config = tmp_path / "site_config.yml"
    config.write_text(EDITOR + f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    seed_cache(tmp_path / "cache")  # the example's photos and fonts, by their bytes
    tarball = _fake_decap()
    monkeypatch.setattr(editor, "decap_tarball", lambda cache_dir: tarball)
    return config


def _fake_decap() -> bytes:
    """A tarball shaped as npm's (package/dist/...), for the tests that build without a network."""
    import io
    import tarfile

    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as archive:
        for name, text in (("package/dist/decap-cms.js", b"// decap"), ("package/dist/12.decap-cms.js", b"// chunk"),
                           ("package/dist/decap-cms.js.map", b"{}"), ("package/README.md", b"readme")):  # fmt: skip
            info = tarfile.TarInfo(name)
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
    return data.getvalue()


@pytest.mark.slow
def test_build_makes_the_editor_again_so_the_form_follows_offices_yml(tmp_path, offline_project):
    config = offline_project
    registry = tmp_path / "content" / "offices.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "- id: ops-new-unit\n  name_th: กลุ่มงานใหม่\n  kind: group\n  parent: ops\n",
        encoding="utf-8",
    )
    arguments = [
        "build",
        "--content",
        str(tmp_path / "content"),
        "--config",
        str(config),
        "--out",
        str(tmp_path / "site"),
    ]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((tmp_path / "editor-site" / "config.yml").read_text(encoding="utf-8"))
    assert "ops-new-unit" in {o["value"] for o in _fields(written)["office"]["options"]}
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")  # no editor: none made
    shutil.rmtree(tmp_path / "editor-site")
    assert CliRunner().invoke(main, arguments).exit_code == 0
    assert not (tmp_path / "editor-site").exists()


def test_on_gitea_stories_go_to_a_review_branch_as_decap_has_no_per_story_review_there():
    registry = pipeline.registry(EXAMPLE_CONTENT)[0]
    gitea = SiteConfig.model_validate(
        {"editor": {"backend": "gitea", "repo": "moi/content", "api_root": "https://git.moi.go.th/api/v1"}}
    )
    config = editor.decap_config(registry, gitea)
    # Decap 3.16 throws "The Gitea backend does not support editorial workflow." at start.
    assert config["publish_mode"] == "simple" and config["backend"]["branch"] == "office-stories"
    github = editor.decap_config(registry, SiteConfig.model_validate({"editor": {"backend": "github", "repo": "a/b"}}))
    assert github["publish_mode"] == "editorial_workflow" and github["backend"]["branch"] == "main"
