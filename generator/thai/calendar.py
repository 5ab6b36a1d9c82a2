"""Dates as Thai readers expect them: the Buddhist Era with Thai month names."""

from __future__ import annotations

import datetime as dt

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


def thai_date(day: dt.date, *, short: bool = False) -> str:
    """22 มิถุนายน 2565, or 22 มิ.ย. 2565 with short=True."""
    months = MONTHS_TH_SHORT if short else MONTHS_TH
    return f"{day.day} {months[day.month - 1]} {be_year(day)}"


def thai_month(year: int, month: int) -> str:
    """ม.ค. 2567: a month as the overview's charts label it."""
    return f"{MONTHS_TH_SHORT[month - 1]} {be_year(dt.date(year, month, 1))}"
