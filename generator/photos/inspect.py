"""Checking a photo without decoding it: its real type, size limits, bombs, a cut-off file.

Only headers are read (and a JPEG's markers, to count its scans), so `check` is fast and a
30000x30000 "photo" costs nothing. A photo broken
inside (rather than cut off) is found when the build decodes it (encode.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from ..content import limits
from ..content.schema import PhotoSettings
from ..problems import Fragment, Problem
from . import read_heif

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


_SOS, _EOI = 0xDA, 0xD9
# Markers that stand alone, with no length after them: TEM and RST0–7 (and SOI).
_STANDALONE = {0x01, 0xD8, *range(0xD0, 0xD8)}


def jpeg_scans(path: Path) -> int:
    """How many scans (SOS segments) the JPEG at path has, walked marker by marker: a marker
    segment is skipped by its length (an EXIF thumbnail inside APP1 is not counted), and within a
    scan's coded data a 0xFF is followed by 0x00 (a stuffed byte) or a restart marker until the
    next real marker. Stops counting past the limit."""
    data = path.read_bytes()
    scans, at, end = 0, 2, len(data)
    while at + 1 < end and scans <= limits.JPEG_SCANS:
        if data[at] != 0xFF:
            at += 1  # junk between segments (libjpeg skips it too)
            continue
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1  # fill bytes
            continue
        if marker == _EOI:
            break
        if marker in _STANDALONE:
            at += 2
            continue
        if at + 3 >= end:
            break
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == _SOS:
            scans += 1
            # The coded data runs to the next 0xFF that is not 0x00 or a restart marker.
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= end:
                    return scans
                following = data[at + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    at += 2
                    continue
                break
    return scans


def inspect_photo(path: Path, settings: PhotoSettings, where: tuple[str, int, int, str]) -> list[Problem]:
    """Check a photo without decoding it: real image type, size limits, bombs, a cut-off file.

    A photo broken inside (rather than cut off) is found when the build decodes it.
    """
    shown, line, column, field = where
    name = path.name

    def refused(code: str, **params: object) -> list[Problem]:
        # Every problem of the photo names it and points at its entry's line.
        return [Problem(shown, line, column, field, code, {"value": name, **params})]

    size = path.stat().st_size
    if size > settings.max_file_mb * 1_000_000:
        return refused("photo.too_large", size_mb=f"{size / 1e6:.1f}", limit_mb=f"{settings.max_file_mb:g}")
    read_heif()
    try:
        with _header_only_bomb_check(), Image.open(path) as image:
            kind = image.format or "unknown"
            width, height = image.size
    except Exception:  # any failure to read a header means "not an image"
        return refused("photo.type", found=_sniff(path))
    if kind not in ALLOWED_FORMATS:
        return refused("photo.type", found=Fragment("sniff.format", {"format": kind}))
    megapixels = width * height / 1e6
    if megapixels > settings.max_megapixels:
        limit = f"{settings.max_megapixels:g}"
        return refused("photo.too_many_pixels", width=width, height=height, megapixels=f"{megapixels:.1f}", limit=limit)
    if kind in ("JPEG", "MPO") and jpeg_scans(path) > limits.JPEG_SCANS:
        # Each scan of a progressive JPEG is decoded over the whole picture: one scan repeated
        # thousands of times made a 1 MB file take 50 s to decode.
        return refused("photo.too_many_scans", limit=limits.JPEG_SCANS)
    if _truncated(path, kind, size):
        return refused("photo.corrupt", reason=Fragment("reason.cut_off"))
    return []


def _sniff(path: Path) -> Fragment:
    """What a file that is not a photo is, in the message's language."""
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"%PDF"):
        return Fragment("sniff.pdf")
    if head.startswith(b"PK"):
        return Fragment("sniff.zip")
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return Fragment("sniff.heic")
    if not head:
        return Fragment("sniff.empty")
    return Fragment("sniff.other")
