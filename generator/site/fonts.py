"""The site's Thai web font: Sarabun (SIL Open Font Licence), shipped with the site itself.

Nothing is loaded from Google or any other host (the site also runs on intranets without
internet). The TrueType files come from the fontpkg-sarabun package and are cut down to the Thai
and Latin characters the site uses, then compressed to WOFF2 with fontTools: about 20 KB per weight
instead of 90 KB of TrueType. The result is cached, like photos, by the source file's hash.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import urls

# Weights the stylesheet uses: body text and bold. Two files, not three: on a phone's first visit
# each is 20 KB more before the lead photo is shown (semi-bold text is bold).
WEIGHTS = {400: "Regular", 700: "Bold"}
UNICODES = [
    *range(0x20, 0x7F),  # Basic Latin
    *range(0xA0, 0x100),  # Latin-1: no-break space, ©, ·
    *range(0x0E00, 0x0E80),  # Thai
    *range(0x2000, 0x2070),  # dashes, quotes, zero-width space, ellipsis
    0x2192,
    0x2212,
    0x20AC,  # → − €
]


@dataclass(frozen=True)
class WebFont:
    weight: int
    cached: Path
    site_path: str


def _source(style: str) -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.__file__).parent / "files" / f"Sarabun-{style}.ttf"


def prepare_fonts(cache_dir: Path) -> list[WebFont]:
    fonts = []
    for weight, style in WEIGHTS.items():
        source = _source(style)
        digest = hashlib.sha256(source.read_bytes() + repr(UNICODES).encode()).hexdigest()[:16]
        cached = cache_dir / "fonts" / f"sarabun-{weight}-{digest}.woff2"
        if not cached.exists():
            from fontTools import subset  # only to make the font: importing it took 50 ms a build

            cached.parent.mkdir(parents=True, exist_ok=True)
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]  # Thai needs its mark positioning features
            options.name_IDs = ["*"]  # keep the licence and copyright names
            font = subset.load_font(str(source), options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=UNICODES)
            subsetter.subset(font)
            tmp = cached.with_suffix(f".tmp{os.getpid()}")
            subset.save_font(font, str(tmp), options)
            os.replace(tmp, cached)
        fonts.append(WebFont(weight, cached, urls.font(weight)))
    return fonts


def licence_file() -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.__file__).parent / "LICENSE"


def font_faces(fonts: Sequence[tuple[int, Path | str]]) -> str:
    """@font-face rules for Sarabun: a Path is embedded (a file that stands alone, as the evidence
    pack), a str is an address (the editor's fonts beside its page)."""
    faces = []
    for weight, source in fonts:
        if isinstance(source, Path):
            source = "data:font/woff2;base64," + base64.b64encode(source.read_bytes()).decode("ascii")
        faces.append(
            f'@font-face{{font-family:"Sarabun";font-weight:{weight};font-display:swap;'
            f'src:url({source}) format("woff2");}}'
        )
    return "\n".join(faces)
