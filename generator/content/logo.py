"""The site's logo (appearance.logo): a plain file in content/, small, and if an SVG, a drawing.

The logo is copied to the site as it is, and anyone can open it by its address, where a script
in it runs as the site (a bucket serves it without the site's CSP header). So an SVG logo is
judged by an allow-list of what a drawing needs: the elements that draw, the attributes that
place and colour them, CSS of declarations only, links only within the file. Anything else (an
animation that sets an href, a processing instruction, @import, a CSS escape, an element in
another namespace) is refused, whatever trick spells it; a deny-list missed four such tricks.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from ..problems import Fragment, Problem, display_path
from . import limits

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_XML = "http://www.w3.org/XML/1998/namespace"
# Editors' own bookkeeping (Inkscape, Sodipodi, Illustrator, RDF metadata): elements a browser
# neither draws nor runs.
_INERT_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
    }
)
_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan"),
        *("lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern"),
    }
)
_ATTRIBUTES = frozenset(
    {
        *("id", "class", "style", "version", "viewbox", "preserveaspectratio", "width", "height"),
        *("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "dx", "dy"),
        *("d", "points", "transform", "offset", "pathlength", "role", "lang", "data-name"),
        *("fill", "fill-opacity", "fill-rule", "opacity", "color", "visibility", "display"),
        *("stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit"),
        *("stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "stop-color", "stop-opacity"),
        *("clip-path", "clip-rule", "mask", "gradientunits", "gradienttransform", "spreadmethod"),
        *("maskunits", "maskcontentunits", "clippathunits", "patternunits", "patterncontentunits"),
        *("patterntransform", "font-family", "font-size", "font-weight", "font-style", "text-anchor"),
        *("dominant-baseline", "letter-spacing", "aria-label", "aria-hidden", "enable-background"),
        *("href", "xml:space", "xml:lang"),
    }
)
# CSS a drawing needs: selectors and declarations. No at-rule (@import, @font-face), no escape
# (u\72l( spells url(), no comment hiding one, no url() but to an element of this file.
_CSS_REFUSED = re.compile(r"@|\\|/\*|expression|javascript:", re.IGNORECASE)
# CSS functions that fetch by a string as well as url(): image-set("x.png"), image(), src().
_CSS_FETCHES = re.compile(r"(image|image-set|src|cross-fade)\(")
_XML_DECLARATION = re.compile(rb"^\s*<\?xml\s[^?]*\?>")


def _css_danger(css: str) -> str | None:
    if _CSS_REFUSED.search(css):
        return "CSS @ \\ /* expression"
    squeezed = "".join(css.split()).lower()
    if _CSS_FETCHES.search(squeezed):
        return "image()/src()"
    for found in re.finditer(r"url\(", squeezed):
        if not squeezed[found.end() :].lstrip("'\"").startswith("#"):
            return "url()"
    return None


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name


def svg_danger(data: bytes) -> str | None:
    """What in an SVG logo is not a drawing (a short description), or None."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return "<!DOCTYPE>/<!ENTITY>"
    # ElementTree drops processing instructions (<?xml-stylesheet href=…?> fetched a style sheet):
    # none but the XML declaration is allowed.
    if b"<?" in _XML_DECLARATION.sub(b"", data, count=1):
        return "<?…?>"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "broken XML"
    metadata = {id(e) for m in root.iter(f"{{{_SVG}}}metadata") for e in m.iter() if e is not m}
    for element in root.iter():
        namespace, tag = _split(element.tag)
        if namespace in _INERT_NAMESPACES or id(element) in metadata:
            continue
        if namespace not in (_SVG, "") or tag.lower() not in _ELEMENTS:
            return f"<{tag}>"
        if tag.lower() == "style":
            if len(element):
                return "<style> with elements"
            if danger := _css_danger(element.text or ""):
                return f"<style> {danger}"
        for name, value in element.attrib.items():
            attribute_namespace, local = _split(name)
            if attribute_namespace in _INERT_NAMESPACES:
                continue
            if attribute_namespace == _XLINK and local == "href":
                local = "href"
            elif attribute_namespace == _XML:
                local = f"xml:{local}"
            elif attribute_namespace:
                return f'{local}="…"'
            if local.lower() not in _ATTRIBUTES:
                return f'{local}="…"'
            if local == "href" and not value.strip().startswith("#"):
                return f'href="{value[:40]}"'
            if danger := _css_danger(value):
                return f'{local}="{value[:40]}" ({danger})'
    return None


def check_logo(path: Path, config_path: Path) -> list[Problem]:
    """The logo must be a plain file in content/ (never a link out of it), small, and an SVG a
    drawing only."""
    reason = None
    if path.is_symlink() or not path.is_file():
        reason = Fragment("reason.logo_missing", {"folder": display_path(path.parent)})
    elif path.stat().st_size > limits.LOGO_FILE_BYTES:
        reason = Fragment("reason.logo_large", {"limit_kb": limits.LOGO_FILE_BYTES // 1000})
    elif path.suffix.lower() == ".svg" and (what := svg_danger(path.read_bytes())):
        reason = Fragment("reason.logo_unsafe", {"what": what})
    if reason is None:
        return []
    params = {"value": path.name, "reason": reason}
    return [Problem(display_path(config_path), 0, 0, "appearance.logo", "config.logo_file", params)]
