"""Ticket numbers as callers hear them read back."""

from __future__ import annotations

from dispatch.numbering import spoken_number


def test_numbers_are_spoken_digit_by_digit_in_three_parts() -> None:
    assert spoken_number("12345-20261123-000017") == "一二三四五，二零二六一一二三，零零零零一七"
    assert spoken_number("12345-20270101-1000000") == "一二三四五，二零二七零一零一，一零零零零零零"
