"""The photo pipeline: orientation, no metadata, transparency, bad files, and the cache."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import GOOD_FRONT
from generator.content.schema import PhotoSettings
from generator.photos.inspect import inspect_photo
from generator.photos.process import process_photos


def with_photos(*names: str, alt: bool = True) -> str:
    lines = ["photos:"]
    for name in names:
        lines.append(f"  - file: {name}")
        if alt:
            lines.append("    alt: ภาพ")
    return GOOD_FRONT + "\n".join(lines) + "\n"


def phone_photo(path: Path, *, orientation: int | None = None, gps: bool = False, size=(1200, 800)) -> None:
    """A landscape photo with what a phone writes: EXIF, maybe orientation and GPS, a comment."""
    image = Image.new("RGB", size, (10, 120, 200))
    for x in range(0, size[0], 50):
        image.paste((250, 200, 0), (x, 0, x + 10, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x927C] = b"maker-note-bytes"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (16.0, 26.0, 12.0), 3: "E", 4: (102.0, 50.0, 6.0)}
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=90, exif=exif.tobytes(), comment=b"staff phone")


def built_variants(tree, story: str) -> list[Path]:
    folder = tree.root / "site" / story
    return sorted(p for p in folder.iterdir() if p.suffix in (".jpg", ".webp", ".avif", ".png"))


def test_exif_orientation_6_comes_out_portrait(tree):
    phone_photo(tree.content / "th-50/a/p.jpg", orientation=6)
    tree.story("th-50/a", with_photos("p.jpg"))
    assert tree.build().ok
    for path in built_variants(tree, "th-50/a"):
        with Image.open(path) as image:
            assert image.height > image.width, path
    html = (tree.root / "site/th-50/a/index.html").read_text(encoding="utf-8")
    assert 'width="800" height="1200"' in html


def test_gps_and_every_other_metadata_are_gone(tree):
    phone_photo(tree.content / "th-50/a/p.jpg", gps=True)
    tree.story("th-50/a", with_photos("p.jpg"))
    assert tree.build().ok
    variants = built_variants(tree, "th-50/a")
    assert {p.suffix for p in variants} == {".jpg", ".webp", ".avif"}
    for path in variants:
        with Image.open(path) as image:
            assert len(image.getexif()) == 0, path
            assert not {"exif", "comment", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info), image.info
        data = path.read_bytes()
        for marker in (b"Exif", b"GPS", b"staff phone", b"PhoneMaker", b"maker-note", b"http://ns.adobe.com/xap"):
            assert marker not in data, (path, marker)


def test_png_with_alpha_keeps_alpha(tree):
    tree.photo("th-50/a/logo.png", size=(900, 600), mode="RGBA", format="PNG")
    tree.story("th-50/a", with_photos("logo.png"))
    assert tree.build().ok
    variants = built_variants(tree, "th-50/a")
    assert {p.suffix for p in variants} == {".png", ".webp", ".avif"}
    for path in variants:
        with Image.open(path) as image:
            assert image.mode == "RGBA", path
            assert image.getpixel((5, 5))[3] == 128


def test_never_upscaled_and_sizes_as_configured(tree):
    tree.photo("th-50/a/small.jpg", size=(600, 400))
    tree.photo("th-50/a/big.jpg", size=(3000, 2000))
    tree.story("th-50/a", with_photos("small.jpg", "big.jpg"))
    assert tree.build().ok
    sizes = {}
    for path in built_variants(tree, "th-50/a"):
        with Image.open(path) as image:
            sizes.setdefault((path.name.split("-")[0], path.suffix), set()).add(image.size)
    assert max(sizes["small", ".jpg"]) == max(sizes["small", ".webp"]) == max(sizes["small", ".avif"]) == (600, 400)
    # The phone sizes (720, 240) are AVIF and WebP only: a browser with neither takes the JPEG sizes.
    assert sizes["big", ".webp"] == sizes["big", ".avif"] == {(960, 640), (720, 480), (480, 320), (240, 160)}
    assert sizes["big", ".jpg"] == {(1600, 1067), (960, 640), (480, 320)}


def test_web_variants_are_much_smaller_than_the_original(tree):
    import random

    # Noise is the worst case for a photo encoder; made from random bytes in one call.
    image = Image.frombytes("RGB", (4000, 3000), random.Random(1).randbytes(4000 * 3000 * 3))
    (tree.content / "th-50/a").mkdir(parents=True)
    image.save(tree.content / "th-50/a/noise.jpg", quality=92)
    tree.story("th-50/a", with_photos("noise.jpg"))
    assert tree.build().ok
    original = (tree.content / "th-50/a/noise.jpg").stat().st_size
    medium = next(p for p in built_variants(tree, "th-50/a") if p.name.endswith("-960.webp"))
    assert medium.stat().st_size < original / 10


def truncated_jpeg(path: Path) -> None:
    phone_photo(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def bomb_png(path: Path, side: int = 30000) -> None:
    """A valid PNG header claiming side x side pixels, with one tiny IDAT: no memory needed."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("make", "name", "code", "words"),
    [
        (truncated_jpeg, "cut.jpg", "photo.corrupt", "cut off"),
        (lambda p: p.write_text("not really a photo"), "fake.jpg", "photo.type", "not an image file"),
        (lambda p: p.write_bytes(b"%PDF-1.4 ..."), "scan.png", "photo.type", "a PDF document"),
        (lambda p: p.write_bytes(b"\0\0\0\x18ftypheic" + b"\0" * 64), "iphone.jpg", "photo.type", "HEIC"),
        (lambda p: Image.new("RGB", (20, 20)).save(p, "GIF"), "anim.png", "photo.type", "a GIF image"),
        (bomb_png, "bomb.png", "photo.too_many_pixels", "30000×30000 (900.0 megapixels)"),
    ],
)
def test_bad_photos_get_a_clear_error(tree, make, name, code, words):
    path = tree.content / "th-50/a" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    tree.story("th-50/a", with_photos(name))
    result = tree.check()
    assert [p.code for p in result.problems] == [code]
    problem = result.problems[0]
    assert problem.file.endswith("th-50/a/index.md") and problem.field == "photos[0].file"
    assert (problem.line, problem.column) == (8, 11)  # the line of "- file: …" in the front-matter
    assert name in problem.message() and words in problem.message()
    assert not tree.build().ok  # and the build refuses, without a traceback


def test_photo_path_outside_the_folder_is_refused(tree):
    tree.photo("th-50/b/p.jpg")
    tree.story("th-50/a", with_photos("../b/p.jpg"))
    result = tree.check()
    errors = [(p.code, p.line, p.column) for p in result.problems if p.severity == "error"]
    assert errors == [("photo.path", 8, 11)]


def test_photo_over_the_byte_limit(tree):
    tree.config.write_text(f"cache_dir: {tree.root / 'cache'}\nphotos:\n  max_file_mb: 0.001\n", encoding="utf-8")
    phone_photo(tree.content / "th-50/a/p.jpg")
    tree.story("th-50/a", with_photos("p.jpg"))
    assert [p.code for p in tree.check().problems] == ["photo.too_large"]


def test_pixel_limit_comes_from_the_config(tree):
    tree.config.write_text(f"cache_dir: {tree.root / 'cache'}\nphotos:\n  max_megapixels: 0.5\n", encoding="utf-8")
    phone_photo(tree.content / "th-50/a/p.jpg", size=(1000, 800))
    tree.story("th-50/a", with_photos("p.jpg"))
    assert "1000×800 (0.8 megapixels); the limit is 0.5" in tree.check().problems[0].message()


def test_a_photo_too_large_is_reported_with_the_write_ups_other_errors(tree):
    # Before, check inspected photos of valid write-ups only: the 52-megapixel photo came out
    # after the writer had fixed everything else and run check again.
    tree.config.write_text(f"cache_dir: {tree.root / 'cache'}\nphotos:\n  max_megapixels: 0.5\n", encoding="utf-8")
    phone_photo(tree.content / "th-50/a/big.jpg", size=(1000, 800))
    tree.story("th-50/a", with_photos("big.jpg").replace("rer: extra", "rer: extraa"))
    problems = tree.check().problems
    assert [(p.code, p.line) for p in problems] == [("field.choice", 4), ("photo.too_many_pixels", 8)]
    assert problems[1].field == "photos[0].file"


def test_a_photo_broken_inside_fails_the_build_cleanly(tree):
    # A PNG whose compressed pixels are garbage, with a valid checksum and end marker: only
    # decoding it finds the damage.
    path = tree.photo("th-50/a/p.png", (300, 200))
    data = path.read_bytes()
    at = data.find(b"IDAT")
    length = struct.unpack(">I", data[at - 4 : at])[0]
    garbage = (bytes(range(256)) * (length // 256 + 1))[:length]
    chunk = garbage + struct.pack(">I", zlib.crc32(b"IDAT" + garbage))
    path.write_bytes(data[: at + 4] + chunk + data[at + 4 + length + 4 :])
    tree.story("th-50/a", with_photos("p.png"))
    assert tree.check().ok  # the header and the end marker look right: only decoding finds it
    result = tree.build()
    assert not result.ok
    assert [(p.code, p.line, p.field) for p in result.problems] == [("photo.corrupt", 8, "photos[0].file")]
    assert not (tree.root / "site").exists()


# --- the cache -----------------------------------------------------------------------------------


def test_cache_is_hit_on_a_second_build_and_after_a_rename(tree):
    phone_photo(tree.content / "th-50/a/p.jpg")
    tree.story("th-50/a", with_photos("p.jpg"))
    first = tree.build()
    assert (first.photos_processed, first.photos_cached) == (1, 0)
    second = tree.build()
    assert (second.photos_processed, second.photos_cached) == (1 - 1, 1)
    (tree.content / "th-50/a/p.jpg").rename(tree.content / "th-50/a/renamed.jpg")
    tree.story("th-50/a", with_photos("renamed.jpg"))
    third = tree.build()
    assert (third.photos_processed, third.photos_cached) == (0, 1)
    assert any(p.name.startswith("renamed-") for p in built_variants(tree, "th-50/a"))


def test_a_changed_photo_is_processed_again_and_old_output_is_gone(tree):
    path = tree.content / "th-50/a/p.jpg"
    phone_photo(path)
    tree.story("th-50/a", with_photos("p.jpg"))
    tree.build()
    before = {p.name for p in built_variants(tree, "th-50/a")}
    phone_photo(path, size=(1000, 1000))
    result = tree.build()
    assert (result.photos_processed, result.photos_cached) == (1, 0)
    after = {p.name for p in built_variants(tree, "th-50/a")}
    assert before.isdisjoint(after)  # names carry the content hash; the old ones are gone


def test_deleted_photo_leaves_no_output(tree):
    phone_photo(tree.content / "th-50/a/p.jpg")
    tree.story("th-50/a", with_photos("p.jpg"))
    tree.build()
    tree.story("th-50/a")
    assert tree.build().ok
    assert built_variants(tree, "th-50/a") == []


def test_cache_is_outside_content_and_output(tree):
    phone_photo(tree.content / "th-50/a/p.jpg")
    tree.story("th-50/a", with_photos("p.jpg"))
    tree.build()
    assert any((tree.root / "cache").rglob("*.webp"))
    assert not any(tree.content.rglob("*.webp"))


def test_same_photo_in_two_stories_is_processed_once(tree, tmp_path):
    phone_photo(tree.content / "th-50/a/p.jpg")
    (tree.content / "th-50/b").mkdir(parents=True)
    (tree.content / "th-50/b/p.jpg").write_bytes((tree.content / "th-50/a/p.jpg").read_bytes())
    tree.story("th-50/a", with_photos("p.jpg"))
    tree.story("th-50/b", with_photos("p.jpg"))
    stories = tree.check().validated.stories
    report = process_photos(stories, PhotoSettings(), tmp_path / "c", workers=2)
    # Two files, one picture: recognised by content (both are new, so not by the stat index).
    assert (report.processed, report.cached, len(report.photos)) == (1, 1, 2)
    entries = {photo.cache_dir for photo in report.photos.values()}
    assert len(entries) == 1


def test_inspect_does_not_decode(tmp_path):
    bomb_png(tmp_path / "b.png", side=60000)
    problems = inspect_photo(tmp_path / "b.png", PhotoSettings(), ("f", 1, 1, "photos[0].file"))
    assert [p.code for p in problems] == ["photo.too_many_pixels"]
    assert Image.MAX_IMAGE_PIXELS is not None  # Pillow's own bomb check is back on afterwards


def test_an_iphone_heic_photo_is_published_as_jpeg_webp_and_avif(tree):
    from generator.photos import read_heif

    read_heif()  # Pillow writes the test's HEIC photo with it

    tree.photo("th-50/a/iphone.heic", size=(1200, 900))
    tree.story("th-50/a", GOOD_FRONT + "photos:\n  - file: iphone.heic\n    alt: ภาพจากโทรศัพท์\n")
    result = tree.build()
    assert result.ok, result.problems
    published = sorted(p.suffix for p in (tree.root / "site" / "th-50" / "a").iterdir() if p.name.startswith("iphone"))
    assert set(published) == {".jpg", ".webp", ".avif"}
