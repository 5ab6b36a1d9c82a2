"""Thailand's provinces: the one owner of a province's code and names.

The data come from the geothai package (CC-BY-4.0, from the Interior's registration statistics).
Codes are ISO 3166-2:TH ("TH-50"); every page, filter, chart and report asks here for the name.
"""

from __future__ import annotations

import re
from typing import Any

import geothai

_ISO = re.compile(r"^TH-(\d{2})$")


def _province(iso_code: str) -> Any:  # geothai.Province or None (geothai has no type information)
    match = _ISO.match(iso_code)
    return geothai.province(match.group(1)) if match else None


def is_province_code(iso_code: str) -> bool:
    """Whether iso_code ("TH-50") names one of the 76 provinces or Bangkok."""
    return _province(iso_code) is not None


def province_name(iso_code: str, lang: str = "th") -> str:
    """The province's name as people say it ("เชียงใหม่", "Chiang Mai"); the code if unknown."""
    found = _province(iso_code)
    if found is None:
        return iso_code
    return str(found.name_th if lang == "th" else found.name_en)
