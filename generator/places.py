"""Thailand's provinces and districts: the one owner of their codes and names.

The data come from the geothai package (CC-BY-4.0, from the Interior's registration statistics).
Codes are ISO 3166-2:TH ("TH-50"); every page, filter, chart and report asks here for the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import geothai

_ISO = re.compile(r"^TH-(\d{2})$")


def _province(iso_code: str) -> Any:  # geothai.Province or None (geothai has no type information)
    match = _ISO.match(iso_code)
    return geothai.province(match.group(1)) if match else None


def is_province_code(iso_code: str) -> bool:
    """Whether iso_code ("TH-50") names one of the 76 provinces or Bangkok."""
    return _province(iso_code) is not None


@cache
def province_codes() -> tuple[str, ...]:
    """The ISO codes of the 76 provinces and Bangkok, in geothai's (registration) order."""
    return tuple(f"TH-{province.code}" for province in geothai.provinces())


def province_name(iso_code: str, lang: str = "th") -> str:
    """The province's name as people say it ("เชียงใหม่", "Chiang Mai"); the code if unknown."""
    found = _province(iso_code)
    if found is None:
        return iso_code
    return str(found.name_th if lang == "th" else found.name_en)


# --- districts (อำเภอ, and Bangkok's เขต) ----------------------------------------------------------


@dataclass(frozen=True)
class District:
    office_id: str  # "th-5002": the province's id and the district's code, as offices are named
    name_th: str  # "อำเภอจอมทอง", "เขตพระนคร"
    name_en: str  # "Chom Thong District"
    abbr_th: str  # "อ.จอมทอง"
    province: str  # "TH-50"


_DISTRICT_ID = re.compile(r"^th-(\d{4})$")


@cache
def districts() -> dict[str, District]:
    """All 928 districts of the 76 provinces and Bangkok, by office id, from geothai."""
    found = {}
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            name = str(district.name_th)
            thai = name if name.startswith("เขต") else f"อำเภอ{name}"
            abbr = name if name.startswith("เขต") else f"อ.{name}"
            office_id = f"th-{district.code}"
            found[office_id] = District(office_id, thai, f"{district.name_en} District", abbr, f"TH-{province.code}")
    return found


@cache
def _places_seen_from() -> dict[str | None, tuple[tuple[str, str], ...]]:
    """(Thai name, English name) of the places a story of each province may name, longest Thai
    name first: every province, and that province's own districts (the key None: provinces only)."""
    provinces = [(str(p.name_th), str(p.name_en)) for p in geothai.provinces()]
    by_province: dict[str | None, list[tuple[str, str]]] = {None: list(provinces)}
    for code in province_codes():
        by_province[code] = list(provinces)
    for d in districts().values():
        bare = d.name_th.removeprefix("อำเภอ").removeprefix("เขต")
        by_province[d.province].append((bare, d.name_en.removesuffix(" District")))
    return {
        code: tuple(sorted((p for p in places if len(p[0]) > 2), key=lambda place: -len(place[0])))
        for code, places in by_province.items()
    }


def english_place_names(text: str, province: str | None) -> tuple[str, ...]:
    """The English names of the places a Thai text names: every province, and the districts of
    its own province (district names repeat across provinces: เมือง is in every one). A reader
    who types "Khon Kaen" or "Kolok" finds the Thai stories about the place."""
    found: dict[str, None] = {}
    if province:
        found[province_name(province, "en")] = None
    places = _places_seen_from()
    for thai, english in places.get(province, places[None]):
        if thai in text:
            found[english] = None
    return tuple(found)


def district(office_id: str) -> District | None:
    """The district an office id names ("th-5002"), if it names one."""
    return districts().get(office_id) if _DISTRICT_ID.match(office_id) else None


# The Interior's grouping of provinces, read from the first digit of their code.
_REGIONS = {
    "1": "ภาคกลาง",
    "2": "ภาคตะวันออก",
    "3": "ภาคตะวันออกเฉียงเหนือ",
    "4": "ภาคตะวันออกเฉียงเหนือ",
    "5": "ภาคเหนือ",
    "6": "ภาคเหนือ",
    "7": "ภาคตะวันตก",
    "8": "ภาคใต้",
    "9": "ภาคใต้",
}
REGION_ORDER = ("ภาคกลาง", "ภาคเหนือ", "ภาคตะวันออกเฉียงเหนือ", "ภาคตะวันออก", "ภาคตะวันตก", "ภาคใต้")


def region_of(iso_code: str) -> str:
    """The region of a province ("TH-50" -> ภาคเหนือ), from its registration code; Bangkok is ภาคกลาง."""
    match = _ISO.match(iso_code)
    return _REGIONS.get(match.group(1)[0], "ภาคกลาง") if match else "ภาคกลาง"
