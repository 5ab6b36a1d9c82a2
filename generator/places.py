"""Thailand's provinces and districts: the one owner of their codes and names.

The data come from the geothai package (CC-BY-4.0, from the Interior's registration statistics).
Codes are ISO 3166-2:TH ("TH-50"); every page, filter, chart and report asks here for the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geothai
import yaml

from .thai.normalise import normalise
from .thai.text import thai_sort_key

_ISO = re.compile(r"^TH-(\d{2})$")
# กรุงเทพมหานคร: in geothai's list of provinces, but a special-form local government under the
# ministry's supervision, not one of its 76 provinces (no governor, no สำนักงานจังหวัด, its เขต
# are the city's own offices).
BANGKOK = "TH-10"


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


# --- field offices: districts (อำเภอ, and Bangkok's เขต) and provincial offices ---------------------


@dataclass(frozen=True)
class FieldOffice:
    """An office every place has, which may publish without an entry in offices.yml."""

    office_id: str  # "th-5002" (a district), "th-50-provincial-office" (a สำนักงานจังหวัด)
    name_th: str  # "อำเภอจอมทอง", "เขตพระนคร", "สำนักงานจังหวัดเชียงใหม่"
    name_en: str  # "Chom Thong District", "Chiang Mai Provincial Office"
    abbr_th: str  # "อ.จอมทอง", "สนจ.เชียงใหม่"
    province: str  # "TH-50"
    kind: str  # "district" or "provincial_office" (an OfficeKind)


_DISTRICT_ID = re.compile(r"^th-(\d{4})$")
_PROVINCIAL_OFFICE_ID = re.compile(r"^th-(\d{2})-provincial-office$")


@cache
def districts() -> dict[str, FieldOffice]:
    """All 928 districts of the 76 provinces and Bangkok, by office id, from geothai."""
    found = {}
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            name = str(district.name_th)
            thai = name if name.startswith("เขต") else f"อำเภอ{name}"
            abbr = name if name.startswith("เขต") else f"อ.{name}"
            office_id = f"th-{district.code}"
            found[office_id] = FieldOffice(
                office_id, thai, f"{district.name_en} District", abbr, f"TH-{province.code}", "district"
            )
    return found


@cache
def provincial_offices() -> dict[str, FieldOffice]:
    """The 76 สำนักงานจังหวัด (units of สป.มท. in each province; Bangkok has none), by office id."""
    found = {}
    for province in geothai.provinces():
        code = f"TH-{province.code}"
        if code == BANGKOK:
            continue
        office_id = f"th-{province.code}-provincial-office"
        found[office_id] = FieldOffice(
            office_id,
            f"สำนักงานจังหวัด{province.name_th}",
            f"{province.name_en} Provincial Office",
            f"สนจ.{province.name_th}",
            code,
            "provincial_office",
        )
    return found


def field_office(office_id: str) -> FieldOffice | None:
    """The district ("th-5002") or provincial office ("th-50-provincial-office") an id names."""
    if _DISTRICT_ID.match(office_id):
        return districts().get(office_id)
    if _PROVINCIAL_OFFICE_ID.match(office_id):
        return provincial_offices().get(office_id)
    return None


@cache
def _places_seen_from() -> dict[str | None, tuple[tuple[str, str], ...]]:
    """(Thai name, English name) of the places a story of each province may name, longest Thai
    name first: every province, and that province's own districts (the key None: provinces only)."""
    provinces = [(str(p.name_th), english) for p in geothai.provinces() for english in _spellings(str(p.name_en))]
    by_province: dict[str | None, list[tuple[str, str]]] = {None: list(provinces)}
    for code in province_codes():
        by_province[code] = list(provinces)
    for d in districts().values():
        named = _spellings(d.name_en.removesuffix(" District"))
        by_province[d.province] += [(_bare_name(d), english) for english in named]
    return {
        code: tuple(sorted((p for p in places if len(p[0]) > 2), key=lambda place: -len(place[0])))
        for code, places in by_province.items()
    }


@cache
def district_names() -> frozenset[str]:
    """The Thai names of every district and Bangkok's เขต, as a story writes them after อำเภอ or
    เขต (จอมทอง, หาดใหญ่, บางรัก), normalised as the search index spells them. Provinces are not
    here: a part of a province's name is what readers call it (อุบล, สุราษฎร์, กรุงเทพ)."""
    return frozenset(normalise(_bare_name(d)) for d in districts().values())


def _spellings(english: str) -> tuple[str, ...]:
    """A place's English name as geothai writes it (the Royal Institute's spelling) and as readers
    also write it: in one word (Chonburi, Lopburi for Chon Buri, Lop Buri) and with "Koh" for an
    island's "Ko" (Koh Samui). Not Pha-ngan as Phangan: every word of a query may be the beginning
    of an index word, and "Phang Nga" would find Ko Phangan."""
    if english.startswith("Ko "):
        return english, "Koh" + english.removeprefix("Ko")
    if " " in english and not english.startswith("Mueang "):
        return english, english.replace(" ", "").replace("-", "")
    return (english,)


def _bare_name(district: FieldOffice) -> str:
    """A district's name as a story writes it after อำเภอ or เขต: จอมทอง, บางรัก."""
    return district.name_th.removeprefix("อำเภอ").removeprefix("เขต")


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


# --- regions: one named scheme, as data (generator/data/province-groups.yml) --------------------

_GROUPS_FILE = Path(__file__).resolve().parent / "data" / "province-groups.yml"


@dataclass(frozen=True)
class Cluster:
    name: str  # "กลุ่มจังหวัดภาคเหนือตอนบน 1"
    provinces: tuple[str, ...]  # ISO codes, in Thai dictionary order of their names


@dataclass(frozen=True)
class Region:
    name: str  # "ภาคเหนือ"
    clusters: tuple[Cluster, ...]


@dataclass(frozen=True)
class ProvinceGroups:
    scheme: str  # which scheme the site uses, said on every page that groups provinces
    scheme_en: str
    regions: tuple[Region, ...]


@cache
def province_groups() -> ProvinceGroups:
    """The ministry's 6 regions and 18 provincial clusters (Royal Gazette, 17 Nov 2560); every one
    of the 76 provinces is in exactly one cluster, Bangkok in none."""
    data = yaml.safe_load(_GROUPS_FILE.read_text(encoding="utf-8"))
    regions = tuple(
        Region(
            str(region["name"]),
            tuple(
                Cluster(
                    str(cluster["name"]),
                    tuple(sorted((f"TH-{code}" for code in cluster["provinces"]), key=province_sort_key)),
                )
                for cluster in region["clusters"]
            ),
        )
        for region in data["regions"]
    )
    listed = [code for region in regions for cluster in region.clusters for code in cluster.provinces]
    expected = set(province_codes()) - {BANGKOK}
    if len(listed) != len(set(listed)) or set(listed) != expected:
        raise ValueError(f"{_GROUPS_FILE.name}: every province in exactly one cluster, Bangkok in none")
    return ProvinceGroups(str(data["scheme"]), str(data["scheme_en"]), regions)


@cache
def _region_and_cluster() -> dict[str, tuple[str, str]]:
    return {
        code: (region.name, cluster.name)
        for region in province_groups().regions
        for cluster in region.clusters
        for code in cluster.provinces
    }


def region_of(iso_code: str) -> str | None:
    """The region of a province ("TH-50" -> ภาคเหนือ) in the site's one scheme; None for Bangkok."""
    found = _region_and_cluster().get(iso_code)
    return found[0] if found else None


def cluster_of(iso_code: str) -> str | None:
    """The provincial cluster of a province ("TH-40" -> กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง)."""
    found = _region_and_cluster().get(iso_code)
    return found[1] if found else None


def province_sort_key(iso_code: str) -> bytes:
    """Provinces in Thai dictionary order of their names (เชียงราย before แพร่, เลย after ลพบุรี)."""
    return thai_sort_key(province_name(iso_code))
