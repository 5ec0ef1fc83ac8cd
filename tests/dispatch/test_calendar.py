"""Working-time arithmetic on the real 2025–2026 Chinese holiday calendar (chinese_calendar 1.11.0)."""

from __future__ import annotations

import logging
import random
import time as stopwatch
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dispatch.calendar import OfficeHours, WorkCalendar
from dispatch.enums import ClockKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
WORKING = ClockKind.WORKING
NATURAL = ClockKind.NATURAL
HOUR = 60
DAY = 8 * HOUR  # one working day of the default office hours

CALENDAR = WorkCalendar(SHANGHAI)


def beijing(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Beijing wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def due(start: datetime, minutes: int, clock: ClockKind = WORKING) -> datetime:
    """``CALENDAR.add`` shown back on the Beijing wall clock."""
    return CALENDAR.add(start, minutes, clock).astimezone(SHANGHAI)


# --- the holiday calendar -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 9, 30), True),  # Wednesday before National Day
        (date(2026, 10, 1), False),  # National Day
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, 调休 make-up working day
        (date(2026, 2, 14), True),  # Saturday, 调休 before the Spring Festival
        (date(2026, 2, 23), False),  # Monday, last day of the Spring Festival
        (date(2026, 2, 28), True),  # Saturday, 调休 after it
        (date(2025, 1, 26), True),  # Sunday, 调休
        (date(2025, 10, 6), False),  # Mid-autumn Festival 2025
        (date(2026, 11, 28), False),  # an ordinary Saturday
    ],
)
def test_is_workday_follows_holidays_and_make_up_days(day: date, working: bool) -> None:
    assert CALENDAR.is_workday(day) is working


def test_a_year_without_data_falls_back_to_monday_to_friday_with_one_warning_per_year(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calendar = WorkCalendar(SHANGHAI)
    with caplog.at_level(logging.WARNING, logger="dispatch.calendar"):
        assert calendar.is_workday(date(2031, 10, 1))  # a Wednesday: no National Day data for 2031
        assert not calendar.is_workday(date(2031, 10, 4))  # a Saturday
        assert calendar.add(beijing(2031, 10, 3, 17), HOUR * 2, WORKING) == beijing(2031, 10, 6, 10)
        assert calendar.is_workday(date(2032, 1, 1))  # a Thursday
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert "2031" in warnings[0] and "2032" in warnings[1]


def test_an_injected_is_workday_replaces_the_holiday_calendar() -> None:
    every_day = WorkCalendar(SHANGHAI, is_workday=lambda day: True)
    assert every_day.is_workday(date(2026, 10, 1))
    assert every_day.add(beijing(2026, 9, 30, 17), 2 * HOUR, WORKING) == beijing(2026, 10, 1, 10)


# --- add ------------------------------------------------------------------------------------------


def test_one_working_day_before_national_day_2026_is_due_after_the_holiday() -> None:
    # Received Wednesday 30 September 2026, the last working day before the 1–7 October holiday.
    assert due(beijing(2026, 9, 30, 10), DAY) == beijing(2026, 10, 8, 10)


def test_one_working_day_over_the_spring_festival_2026() -> None:
    # Friday 13 February: the next working day is the make-up Saturday 14 February.
    assert due(beijing(2026, 2, 13, 10), DAY) == beijing(2026, 2, 14, 10)
    # Received on that Saturday, the last working day before the 15–23 February holiday.
    assert due(beijing(2026, 2, 14, 10), DAY) == beijing(2026, 2, 24, 10)


def test_spring_festival_and_national_day_2025() -> None:
    assert due(beijing(2025, 1, 27, 10), DAY) == beijing(2025, 2, 5, 10)
    assert due(beijing(2025, 9, 30, 10), DAY) == beijing(2025, 10, 9, 10)


def test_a_make_up_sunday_counts_as_a_working_day() -> None:
    # Friday 26 September 2025, 17:00, three working hours: one on Friday, two on the 调休 Sunday 28th.
    assert due(beijing(2025, 9, 26, 17), 3 * HOUR) == beijing(2025, 9, 28, 11)


def test_friday_evening_petition_with_two_working_hours_is_due_monday_morning() -> None:
    assert due(beijing(2026, 11, 27, 17, 30), 2 * HOUR) == beijing(2026, 11, 30, 10, 30)


def test_fifteen_working_days_across_mid_autumn_and_national_day_2026() -> None:
    # Working days from Monday 21 September: 21–24, 28–30 Sep, 8–10 (Saturday 调休), 12–16 Oct.
    assert due(beijing(2026, 9, 21, 9), 15 * DAY) == beijing(2026, 10, 16, 18)


def test_a_start_at_lunch_counts_from_the_afternoon_period() -> None:
    assert due(beijing(2026, 11, 23, 12, 30), HOUR) == beijing(2026, 11, 23, 14)


def test_a_start_outside_office_hours_counts_from_the_next_period() -> None:
    assert due(beijing(2026, 11, 23, 20), 1) == beijing(2026, 11, 24, 9, 1)
    assert due(beijing(2026, 11, 28, 10), HOUR) == beijing(2026, 11, 30, 10)  # a Saturday


def test_a_budget_that_runs_out_at_a_period_end_gives_that_end() -> None:
    assert due(beijing(2026, 11, 23, 17), HOUR) == beijing(2026, 11, 23, 18)
    assert due(beijing(2026, 11, 23, 11), HOUR) == beijing(2026, 11, 23, 12)
    assert due(beijing(2026, 9, 30, 9), DAY) == beijing(2026, 9, 30, 18)


def test_zero_minutes_give_the_start_itself() -> None:
    assert CALENDAR.add(beijing(2026, 11, 23, 10), 0, WORKING) == beijing(2026, 11, 23, 10)
    assert CALENDAR.add(beijing(2026, 11, 28, 22), 0, WORKING) == beijing(2026, 11, 28, 22)


def test_natural_time_ignores_holidays_and_office_hours() -> None:
    assert due(beijing(2026, 9, 30, 20), 24 * HOUR, NATURAL) == beijing(2026, 10, 1, 20)
    assert CALENDAR.elapsed(beijing(2026, 9, 30, 20), beijing(2026, 10, 1, 20), NATURAL) == 24 * HOUR


def test_an_input_in_utc_is_counted_in_beijing_office_hours() -> None:
    monday_9am_beijing = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    result = CALENDAR.add(monday_9am_beijing, HOUR, WORKING)
    assert result == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    assert result.tzinfo is UTC
    # 00:00 UTC is 08:00 in Beijing, before the office opens.
    assert CALENDAR.elapsed(datetime(2026, 11, 23, 0, 0, tzinfo=UTC), result, WORKING) == HOUR


def test_the_result_is_always_aware_utc() -> None:
    for clock in ClockKind:
        for minutes in (0, 1, DAY):
            assert CALENDAR.add(beijing(2026, 11, 23, 10), minutes, clock).tzinfo is UTC


def test_custom_office_hours() -> None:
    calendar = WorkCalendar(SHANGHAI, OfficeHours.parse("08:30-12:00,14:00-17:30"))
    assert calendar.minutes_per_working_day == 420
    assert calendar.add(beijing(2026, 11, 23, 11, 30), HOUR, WORKING) == beijing(2026, 11, 23, 14, 30)


# --- elapsed --------------------------------------------------------------------------------------


def test_elapsed_counts_office_minutes_only() -> None:
    assert CALENDAR.elapsed(beijing(2026, 9, 30, 9), beijing(2026, 10, 8, 18), WORKING) == 2 * DAY
    assert CALENDAR.elapsed(beijing(2026, 11, 23, 11), beijing(2026, 11, 23, 14), WORKING) == 2 * HOUR
    assert CALENDAR.elapsed(beijing(2026, 11, 27, 17, 30), beijing(2026, 11, 30, 10, 30), WORKING) == 120


def test_elapsed_floors_to_whole_minutes_and_is_zero_backwards() -> None:
    start = beijing(2026, 11, 23, 9)
    assert CALENDAR.elapsed(start, start + timedelta(seconds=59), WORKING) == 0
    assert CALENDAR.elapsed(start, start + timedelta(seconds=119), NATURAL) == 1
    assert CALENDAR.elapsed(start + timedelta(hours=1), start, WORKING) == 0
    assert CALENDAR.elapsed(start + timedelta(hours=1), start, NATURAL) == 0


def test_elapsed_over_years_is_quick() -> None:
    began = stopwatch.perf_counter()
    # 2025 had 248 working days (261 weekdays, 18 of them holidays, 5 make-up weekend days).
    assert CALENDAR.elapsed(beijing(2025, 1, 1), beijing(2026, 1, 1), WORKING) == 248 * DAY
    assert CALENDAR.elapsed(beijing(2016, 1, 1), beijing(2026, 1, 1), WORKING) > 2400 * DAY
    assert stopwatch.perf_counter() - began < 1.0


def test_add_and_elapsed_agree_on_random_starts_and_durations() -> None:
    rng = random.Random(12345)
    first = beijing(2025, 1, 1)
    span = (beijing(2026, 11, 15) - first).total_seconds()
    for _ in range(3000):
        start = first + timedelta(seconds=rng.uniform(0, span))
        minutes = rng.choice([rng.randrange(0, 2 * DAY), rng.randrange(0, 15 * DAY + 1)])
        end = CALENDAR.add(start, minutes, WORKING)
        assert end >= start
        assert CALENDAR.elapsed(start, end, WORKING) == minutes, (start, minutes)
        if minutes:  # the earliest such instant: a microsecond before, a minute is still missing
            assert CALENDAR.elapsed(start, end - timedelta(microseconds=1), WORKING) == minutes - 1


# --- errors ---------------------------------------------------------------------------------------


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 11, 23, 10)
    with pytest.raises(ValueError, match="naive"):
        CALENDAR.add(naive, HOUR, WORKING)
    with pytest.raises(ValueError, match="naive"):
        CALENDAR.elapsed(naive, beijing(2026, 11, 24), WORKING)
    with pytest.raises(ValueError, match="naive"):
        CALENDAR.elapsed(beijing(2026, 11, 22), naive, NATURAL)


def test_negative_minutes_are_refused() -> None:
    for clock in ClockKind:
        with pytest.raises(ValueError, match="negative"):
            CALENDAR.add(beijing(2026, 11, 23, 10), -1, clock)


def test_a_calendar_without_working_days_refuses_to_add() -> None:
    never = WorkCalendar(SHANGHAI, is_workday=lambda day: False)
    with pytest.raises(ValueError, match="no working day"):
        never.add(beijing(2026, 11, 23, 10), 1, WORKING)


# --- office hours ---------------------------------------------------------------------------------


def test_office_hours_default_and_parse() -> None:
    assert OfficeHours().minutes_per_day == DAY
    assert CALENDAR.minutes_per_working_day == DAY
    assert OfficeHours.parse("09:00-12:00,13:00-18:00") == OfficeHours()
    assert OfficeHours.parse(" 13:00-18:00 , 9:00-12:00 ") == OfficeHours()
    assert OfficeHours.parse("08:00-17:00").periods == ((time(8), time(17)),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("09:00-12:00,11:00-18:00", "overlaps"),
        ("12:00-09:00", "ends before"),
        ("09:00-09:00", "ends before"),
        ("", "not a period"),
        ("nine to five", "not a period"),
        ("09:00-", "not a time"),
        ("9-12", "not a time"),
        ("09:60-12:00", "minute"),
        ("25:00-26:00", "hour"),
    ],
)
def test_office_hours_parse_refuses_bad_text(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OfficeHours.parse(text)


def test_office_hours_refuse_bad_periods() -> None:
    with pytest.raises(ValueError, match="at least one"):
        OfficeHours(())
    with pytest.raises(ValueError, match="whole minute"):
        OfficeHours(((time(9, 0, 30), time(12)),))
