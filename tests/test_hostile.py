"""Hostile and careless input: what one office's account must never be able to do to the site,
the build machine or everyone else's build."""

from __future__ import annotations

import os

import pytest

from conftest import GOOD_FRONT


def codes(result) -> list[tuple[str, str]]:
    return [(p.file.rsplit("content/", 1)[-1], p.code) for p in result.problems]


# --- nothing outside content/ is read -------------------------------------------------------------


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "index.md").write_text(f"---\n{GOOD_FRONT}---\nSECRET FROM THE BUILD MACHINE\n", encoding="utf-8")
    (secret / "private.jpg").write_bytes(b"\xff\xd8 not really a photo")
    return secret


def test_a_symlinked_write_up_is_refused_and_never_read(tree, outside):
    (tree.content / "th-50/a").mkdir(parents=True)
    os.symlink(outside / "index.md", tree.content / "th-50/a/index.md")
    result = tree.check()
    assert not result.ok
    assert ("th-50/a/index.md", "content.symlink") in codes(result)
    assert result.validated.stories == ()
    assert not tree.build().ok


@pytest.mark.parametrize("level", ["office", "story"])
def test_symlinked_folders_are_refused(tree, outside, level):
    if level == "office":
        (tree.content / "th-50").mkdir()
        os.symlink(outside.parent, tree.content / "th-50" / "leak")
        where = "th-50/leak"
    else:
        os.symlink(outside, tree.content / "th-50")
        where = "th-50"
    result = tree.check()
    assert (where, "content.symlink") in codes(result)
    assert result.validated.stories == ()
    assert not result.ok


def test_a_symlinked_photo_is_refused(tree, outside):
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: p.jpg\n    alt: ภาพ\n")
    os.symlink(outside / "private.jpg", tree.content / "th-50/a/p.jpg")
    found = codes(tree.check())
    assert ("th-50/a/p.jpg", "content.symlink") in found
    assert ("th-50/a/index.md", "photo.not_found") in found


def test_a_symlink_loop_is_an_error_not_a_crash(tree):
    (tree.content / "th-50").mkdir()
    os.symlink(tree.content / "th-50" / "loop", tree.content / "th-50" / "loop")
    os.symlink(tree.content, tree.content / "th-50" / "up")
    found = codes(tree.check())
    assert ("th-50/loop", "content.symlink") in found and ("th-50/up", "content.symlink") in found


def test_a_pipe_named_index_md_does_not_hang_the_check(tree):
    (tree.content / "th-50/a").mkdir(parents=True)
    os.mkfifo(tree.content / "th-50/a/index.md")
    assert ("th-50/a/index.md", "content.not_regular") in codes(tree.check())


def test_a_symlinked_output_folder_is_refused(tree, tmp_path):
    tree.story("th-50/a")
    real = tmp_path / "real-site"
    real.mkdir()
    link = tmp_path / "linked-site"
    os.symlink(real, link)
    result = tree.build(link)
    assert not result.ok and "symbolic link" in result.problems[-1].message()
    assert link.is_symlink() and list(real.iterdir()) == []
