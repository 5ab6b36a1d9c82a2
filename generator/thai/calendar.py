"""Dates as Thai readers expect them: the Buddhist Era with Thai month names."""

from __future__ import annotations

import datetime as dt
import re

from .text import arabic_digits

BE_OFFSET = 543

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_TH_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip


def be_year(day: dt.date) -> int:
    """The Buddhist Era year of a Gregorian date (2022 -> 2565)."""
    return day.year + BE_OFFSET


def fiscal_year(day: dt.date) -> int:
    """The government's fiscal year (Buddhist Era) a date falls in: it runs from 1 October to
    30 September and is named by the year it ends in (1 October 2025 is in 2569)."""
    return be_year(day) + (1 if day.month >= 10 else 0)


def fiscal_quarter(day: dt.date) -> str:
    """The fiscal year and quarter a date falls in, as the ministry reports: "2569/1" for
    October-December 2025 (ไตรมาส 1 ปีงบประมาณ 2569)."""
    return f"{fiscal_year(day)}/{(day.month - 10) % 12 // 3 + 1}"


def fiscal_quarter_label(key: str, *, short: bool = False) -> str:
    """ "2569/1" as people write it: "ไตรมาส 1 ปีงบประมาณ 2569", or short "ไตรมาส 1/2569"."""
    year, quarter = key.split("/")
    return f"ไตรมาส {quarter}/{year}" if short else f"ไตรมาส {quarter} ปีงบประมาณ {year}"


def fiscal_quarters(first: str, last: str) -> list[str]:
    """Every quarter from first to last ("2568/4", "2569/1", …): a quarter without stories is a
    bar of zero on a chart, not a gap."""
    year, quarter = (int(part) for part in first.split("/"))
    end = tuple(int(part) for part in last.split("/"))
    found = []
    while (year, quarter) <= end:
        found.append(f"{year}/{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a fiscal year given in the Buddhist Era."""
    end = year_be - BE_OFFSET
    return dt.date(end - 1, 10, 1), dt.date(end, 9, 30)


def thai_date(day: dt.date, *, short: bool = False) -> str:
    """22 มิถุนายน 2565, or 22 มิ.ย. 2565 with short=True."""
    months = MONTHS_TH_SHORT if short else MONTHS_TH
    return f"{day.day} {months[day.month - 1]} {be_year(day)}"


def thai_month(year: int, month: int) -> str:
    """ม.ค. 2567: a month as the overview's charts label it."""
    return f"{MONTHS_TH_SHORT[month - 1]} {be_year(dt.date(year, month, 1))}"


# A year of the Buddhist Era as written in a story (2568), or its last two digits after ปี or พ.ศ.
# (ปี 68), as office writers shorten it.
_BE_YEAR = re.compile(r"(?<![0-9])(2[45][0-9]{2})(?![0-9])")
_SHORT_BE_YEAR = re.compile(r"(?:ปี|พ\.\s?ศ\.?|พศ\.?)\s*([0-9]{2})(?![0-9])")


def years_in(text: str) -> tuple[str, ...]:
    """The years a text names, in the other era and in full: 2568 or ปี 68 -> 2568 and 2025. A
    reader who searches "2025", or "ปี 68", finds the story that wrote 2568."""
    found: dict[str, None] = {}
    for year in [*_BE_YEAR.findall(text), *("25" + short for short in _SHORT_BE_YEAR.findall(text))]:
        found[year] = None
        found[str(int(year) - BE_OFFSET)] = None
    return tuple(found)


# --- dates as clerks type them ---------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MONTH_NAMES = {
    **{name: number for number, name in enumerate(MONTHS_TH, start=1)},
    **{name: number for number, name in enumerate(MONTHS_TH_SHORT, start=1)},
    **{name.replace(".", ""): number for number, name in enumerate(MONTHS_TH_SHORT, start=1)},
}
_WORDS = re.compile(r"^(\d{1,2})\s*(\S+?)\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*(\d{4})$")


class DateError(ValueError):
    """Why a text is not a date: "format" (no date we read), or "missing_day" (the date has the
    right shape but does not exist: 29 February in a year that has none)."""

    def __init__(self, kind: str, *, days: int = 0, month: int = 0, year_be: int = 0) -> None:
        super().__init__(kind)
        self.kind, self.days, self.month, self.year_be = kind, days, month, year_be


def read_date(text: str) -> dt.date:
    """A date as Thai clerks write it: 2026-11-15, 15/11/2569, 15-11-2026, 15 พ.ย. 2569,
    15 พฤศจิกายน 2569, in Thai or Arabic digits. A year after 2400 is Buddhist Era (no story is
    dated in the 25th century of the Gregorian calendar). Raises DateError."""
    plain = " ".join(arabic_digits(text).split())
    if found := _ISO.match(plain):
        year, month, day = (int(part) for part in found.groups())
    elif found := _DAY_FIRST.match(plain):
        day, month, year = (int(part) for part in found.groups())
    elif (found := _WORDS.match(plain)) and found.group(2) in _MONTH_NAMES:
        day, month, year = int(found.group(1)), _MONTH_NAMES[found.group(2)], int(found.group(3))
    else:
        raise DateError("format")
    if year > 2400:
        year -= BE_OFFSET
    if not 1 <= month <= 12:
        raise DateError("format")
    try:
        return dt.date(year, month, day)
    except ValueError:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        days = (following - dt.timedelta(days=1)).day
        raise DateError("missing_day", days=days, month=month, year_be=year + BE_OFFSET) from None
