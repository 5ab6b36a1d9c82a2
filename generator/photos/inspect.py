"""Checking a photo without decoding it: its real type, size limits, bombs, a cut-off file.

Only headers are read, so `check` is fast and a 30000x30000 "photo" costs nothing. A photo broken
inside (rather than cut off) is found when the build decodes it (encode.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from ..content.schema import PhotoSettings
from ..problems import Problem

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "MPO": "JPEG", "HEIF": "HEIC"}


@contextmanager
def _header_only_bomb_check() -> Iterator[None]:
    """Let Image.open read the size of any image; our own limit (below Pillow's) then decides.

    Only the header is read while this is in force, so a 30000x30000 file costs nothing; Pillow's
    bomb check stays on for every decode.
    """
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _truncated(path: Path, kind: str, size: int) -> bool:
    """Whether the file stops before its format's end marker (a cut-off upload or copy)."""
    with path.open("rb") as handle:
        if kind in ("JPEG", "MPO"):
            handle.seek(max(0, size - 64))
            return b"\xff\xd9" not in handle.read()  # EOI, give or take trailing padding
        if kind == "PNG":
            handle.seek(max(0, size - 64))
            return b"IEND" not in handle.read()
        if kind == "WEBP":
            header = handle.read(8)
            return int.from_bytes(header[4:8], "little") + 8 > size
    return False


def inspect_photo(path: Path, settings: PhotoSettings, where: tuple[str, int, int, str]) -> list[Problem]:
    """Check a photo without decoding it: real image type, size limits, bombs, a cut-off file.

    A photo broken inside (rather than cut off) is found when the build decodes it.
    """
    shown, line, column, field = where
    name = path.name
    size = path.stat().st_size
    if size > settings.max_file_mb * 1_000_000:
        return [
            Problem(
                shown,
                line,
                column,
                field,
                "photo.too_large",
                {"value": name, "size_mb": f"{size / 1e6:.1f}", "limit_mb": f"{settings.max_file_mb:g}"},
            )
        ]
    try:
        with _header_only_bomb_check(), Image.open(path) as image:
            kind = image.format or "unknown"
            width, height = image.size
    except Exception:  # any failure to read a header means "not an image"
        return [Problem(shown, line, column, field, "photo.type", {"value": name, "found": _sniff(path)})]
    if kind not in ALLOWED_FORMATS:
        return [Problem(shown, line, column, field, "photo.type", {"value": name, "found": f"a {kind} image"})]
    megapixels = width * height / 1e6
    if megapixels > settings.max_megapixels:
        return [
            Problem(
                shown,
                line,
                column,
                field,
                "photo.too_many_pixels",
                {
                    "value": name,
                    "width": width,
                    "height": height,
                    "megapixels": f"{megapixels:.1f}",
                    "limit": f"{settings.max_megapixels:g}",
                },
            )
        ]
    if _truncated(path, kind, size):
        return [
            Problem(
                shown,
                line,
                column,
                field,
                "photo.corrupt",
                {"value": name, "reason": "the file is cut off before its end"},
            )
        ]
    return []


def _sniff(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith(b"PK"):
        return "a ZIP or Office document"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "a HEIC photo (export it as JPEG)"
    if not head:
        return "an empty file"
    return "not an image file"
