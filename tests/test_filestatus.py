"""The one index of file hashes by status (generator/filestatus.py), with git's rules, and what
it means for the photos: a photo replaced by another of the same size, its modification time set
back, is the new picture on the site."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator import filestatus
from generator.filestatus import FileHashes, sha256_of, status_of


@pytest.fixture(autouse=True)
def short_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestatus, "RACY_NS", 20_000_000)


def _kept(folder: Path, path: Path) -> FileHashes:
    hashes = FileHashes(folder / "seen.json")
    hashes.sha256(path)
    hashes.save()
    return FileHashes(folder / "seen.json")


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first picture")
    time.sleep(0.05)
    again = _kept(tmp_path, photo)
    assert again.known(photo) == sha256_of(photo)
    # The same size, the modification time set back: the change time still moved.
    before = photo.stat()
    time.sleep(0.05)
    photo.write_bytes(b"other picture")
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert photo.stat().st_size == before.st_size
    assert again.known(photo) is None
    assert again.sha256(photo) == sha256_of(photo)


def test_a_file_changed_just_before_it_was_hashed_is_never_trusted(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(filestatus, "RACY_NS", 60_000_000_000)
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"picture")
    assert _kept(tmp_path, photo).known(photo) is None


def test_entries_are_kept_by_absolute_path_and_a_damaged_index_is_no_index(tmp_path: Path, monkeypatch) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"picture")
    time.sleep(0.05)
    _kept(tmp_path, photo)
    monkeypatch.chdir(tmp_path)
    assert FileHashes(tmp_path / "seen.json").known(Path("a.jpg")) == sha256_of(photo)
    (tmp_path / "seen.json").write_text('{"x": [1, 2, "three"]}', encoding="utf-8")
    assert FileHashes(tmp_path / "seen.json").known(photo) is None
    link = tmp_path / "link.jpg"
    link.symlink_to(photo)
    hashes = FileHashes(None)
    hashes.remember(link, status_of(os.lstat(link)), "made up")
    assert hashes.known(link) is None  # only plain files


def test_a_photo_replaced_with_its_old_size_and_time_is_the_new_picture_on_the_site(tree) -> None:
    from PIL import Image

    from conftest import GOOD_FRONT

    tree.photo("th-50/a/p.jpg")
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: p.jpg\n    alt: ภาพ\n")
    photo = tree.content / "th-50" / "a" / "p.jpg"
    time.sleep(0.05)
    first = tree.build()
    assert first.ok and first.photos_processed == 1
    before = photo.stat()
    # Another picture of exactly the same byte count (a takedown: the photo without the child).
    with Image.open(photo) as image:
        size = image.size
    replacement = tree.root / "other.jpg"
    quality = 95
    while True:
        Image.new("RGB", size, (10, 200, 30)).save(replacement, quality=quality)
        if replacement.stat().st_size <= before.st_size or quality <= 5:
            break
        quality -= 5
    data = replacement.read_bytes()
    data += b"\0" * (before.st_size - len(data))  # padding after the image's end: still a JPEG
    assert len(data) == before.st_size
    time.sleep(0.05)
    photo.write_bytes(data)
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    again = tree.build()
    assert again.ok and again.photos_processed == 1, "the new picture is processed, not the old one reused"
