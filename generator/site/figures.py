"""How a result's change from before to after is told, by what its unit measures.

A relative change ("−64%") is right only for counts and amounts (cases, baht, days, people). A
rate already in per cent changes by percentage points (14 % → 5 % is −9 points, not −64 %); a
clock time, a date, a score, a rank or a temperature has no true zero, so its change is the plain
difference (15 → 9 นาฬิกา is six hours earlier, not −40 %). The site's table, the evidence pack
and its workbook all take the change from change_of, so they never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..thai.text import format_number


class ChangeKind(Enum):
    RELATIVE = "relative"  # counts and amounts: per cent of the value before
    POINTS = "points"  # rates in per cent: percentage points
    HOURS = "hours"  # clock times (h.mm): hours and minutes
    DIFFERENCE = "difference"  # scores, levels, ranks, temperatures, years: after − before in the unit


# Units are matched after folding case and spaces; a unit that starts with one of these words
# ("คะแนน (เต็ม 5)", "ระดับ 1-5") is of its kind.
_PERCENT = ("%", "ร้อยละ", "เปอร์เซ็นต์", "เปอร์เซ็น", "percent", "per cent", "pct")
_CLOCK = ("นาฬิกา", "น.", "โมง", "o'clock")
_DIFFERENCE = (
    "คะแนน",
    "ระดับ",
    "อันดับ",
    "ลำดับ",
    "องศา",
    "°",
    "ดาว",
    "ดัชนี",
    "เกรด",
    "พ.ศ.",
    "ค.ศ.",
    "ปี พ.ศ.",
    "score",
    "points",
    "level",
    "rank",
    "grade",
    "index",
)
_SPACES = re.compile(r"\s+")

MINUS = "\u2212"  # the minus sign, not a hyphen: screen readers say "minus"


def change_kind(unit: str | None) -> ChangeKind:
    """What a change in this unit is measured as."""
    folded = _SPACES.sub(" ", (unit or "").strip().lower())
    if not folded:
        return ChangeKind.RELATIVE
    if folded.startswith(_PERCENT) or folded.endswith("%"):
        return ChangeKind.POINTS
    if folded.startswith(_CLOCK):
        return ChangeKind.HOURS
    if folded.startswith(_DIFFERENCE):
        return ChangeKind.DIFFERENCE
    return ChangeKind.RELATIVE


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    value: float  # per cent, points, hours or units, signed
    text: str  # as the page shows it: "−9 จุด", "−64%", "−6 ชม.", "+0.5 คะแนน"


def _signed(value: float, text: str) -> str:
    sign = "+" if value > 0 else MINUS if value < 0 else "±"
    return f"{sign}{text}"


def _clock_minutes(value: float) -> int:
    """A clock time as Thai write it (8.30 = half past eight) in minutes after midnight."""
    hours = int(value)
    return hours * 60 + round((abs(value) - abs(hours)) * 100)


def change_of(before: float | None, after: float, unit: str | None) -> Change | None:
    """The change from before to after, or None when there is none to tell (no value before, or a
    relative change from zero)."""
    if before is None:
        return None
    kind = change_kind(unit)
    if kind is ChangeKind.RELATIVE:
        if before == 0:
            return None
        percent = (after - before) / abs(before) * 100
        shown = f"{abs(percent):.0f}" if abs(percent) >= 1 or percent == 0 else format_number(round(abs(percent), 2))
        return Change(kind, percent, _signed(round(percent, 2), f"{shown}%"))
    if kind is ChangeKind.POINTS:
        points = round(after - before, 2)
        return Change(kind, points, _signed(points, f"{format_number(abs(points))} จุด"))
    if kind is ChangeKind.HOURS:
        minutes = _clock_minutes(after) - _clock_minutes(before)
        hours, rest = divmod(abs(minutes), 60)
        parts = [f"{hours} ชม." if hours else "", f"{rest} นาที" if rest else ""]
        text = " ".join(p for p in parts if p) or "0 นาที"
        return Change(kind, round(minutes / 60, 2), _signed(minutes, text))
    difference = round(after - before, 2)
    label = (unit or "").strip()
    return Change(kind, difference, _signed(difference, f"{format_number(abs(difference))} {label}".strip()))


# What each kind of change is called in the workbook's column and the page's note.
KIND_LABELS_TH: dict[ChangeKind, str] = {
    ChangeKind.RELATIVE: "ร้อยละของค่าก่อน",
    ChangeKind.POINTS: "จุดร้อยละ (ผลต่างของร้อยละ)",
    ChangeKind.HOURS: "ชั่วโมง",
    ChangeKind.DIFFERENCE: "ผลต่างในหน่วยเดิม",
}
