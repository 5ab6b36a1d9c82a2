"""A result's change is told the way its unit needs (issue 28: "−64%" for 14 % → 5 % was wrong)."""

from __future__ import annotations

import pytest

from generator.site.figures import ChangeKind, change_kind, change_of


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("%", ChangeKind.POINTS),
        ("ร้อยละ", ChangeKind.POINTS),
        (" เปอร์เซ็นต์ ", ChangeKind.POINTS),
        ("นาฬิกา", ChangeKind.HOURS),
        ("น.", ChangeKind.HOURS),
        ("คะแนน", ChangeKind.DIFFERENCE),
        ("คะแนน (เต็ม 5)", ChangeKind.DIFFERENCE),
        ("ระดับ", ChangeKind.DIFFERENCE),
        ("อันดับ", ChangeKind.DIFFERENCE),
        ("องศาเซลเซียส", ChangeKind.DIFFERENCE),
        ("พ.ศ.", ChangeKind.DIFFERENCE),
        ("ราย", ChangeKind.RELATIVE),
        ("นาที", ChangeKind.RELATIVE),
        ("ล้านบาท/ปี", ChangeKind.RELATIVE),
        ("", ChangeKind.RELATIVE),
        (None, ChangeKind.RELATIVE),
    ],
)
def test_each_unit_has_its_kind_of_change(unit, kind):
    assert change_kind(unit) is kind


def test_a_rate_changes_by_points_not_by_a_share_of_itself():
    change = change_of(14, 5, "%")
    assert change is not None and change.text == "−9 จุด" and change.value == -9
    small = change_of(99.1, 99.95, "ร้อยละ")
    assert small is not None and small.text == "+0.85 จุด"


def test_a_clock_time_changes_by_hours_and_minutes_never_by_a_percentage():
    change = change_of(15, 9, "นาฬิกา")
    assert change is not None and change.text == "−6 ชม." and change.value == -6
    # Thai write half past eight as 8.30: 16.30 -> 8.30 is eight hours earlier, not 8.0 hours.
    assert change_of(16.30, 8.30, "น.").text == "−8 ชม."  # type: ignore[union-attr]
    assert change_of(8.45, 10.15, "น.").text == "+1 ชม. 30 นาที"  # type: ignore[union-attr]
    assert "%" not in change_of(15, 9, "นาฬิกา").text  # type: ignore[union-attr]


def test_a_score_changes_by_the_difference_in_its_unit():
    change = change_of(3.5, 4.25, "คะแนน")
    assert change is not None and change.text == "+0.75 คะแนน" and change.kind is ChangeKind.DIFFERENCE


def test_counts_and_amounts_change_by_a_share_of_the_value_before():
    assert change_of(45, 12, "นาที").text == "−73%"  # type: ignore[union-attr]
    assert change_of(120_000, 480_000, "ราย").text == "+300%"  # type: ignore[union-attr]
    # Under one per cent is not rounded to a misleading +0%.
    assert change_of(1000, 1004, "ราย").text == "+0.4%"  # type: ignore[union-attr]
    assert change_of(10, 10, "ราย").text == "±0%"  # type: ignore[union-attr]


def test_no_change_is_told_without_a_value_before_or_from_zero():
    assert change_of(None, 5, "ราย") is None
    assert change_of(0, 5, "ราย") is None
    # From zero a rate still has a difference in points.
    assert change_of(0, 5, "%").text == "+5 จุด"  # type: ignore[union-attr]
