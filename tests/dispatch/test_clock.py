"""The deadline clock: running, suspension, extension, reopening, warnings and overdue."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from dispatch.calendar import WorkCalendar
from dispatch.clock import DeadlineClock
from dispatch.enums import ClockKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
WORKING = ClockKind.WORKING
HOUR = 60
DAY = 8 * HOUR

CALENDAR = WorkCalendar(SHANGHAI)


def beijing(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Beijing wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# Monday 23 November 2026, 10:00: a week without holidays.
MONDAY_10AM = beijing(2026, 11, 23, 10)


def test_a_started_clock_runs_from_now_and_keeps_utc() -> None:
    clock = DeadlineClock.start(WORKING, 2 * DAY, MONDAY_10AM)
    assert clock == DeadlineClock(WORKING, 2 * DAY, 0, MONDAY_10AM)
    assert clock.started_at is not None and clock.started_at.tzinfo is UTC
    assert clock.due_at(CALENDAR) == beijing(2026, 11, 25, 10)
    assert clock.used(beijing(2026, 11, 23, 14), CALENDAR) == 3 * HOUR  # lunch excluded
    assert clock.remaining(beijing(2026, 11, 23, 14), CALENDAR) == 2 * DAY - 3 * HOUR


def test_due_on_the_first_working_day_after_national_day() -> None:
    clock = DeadlineClock.start(WORKING, DAY, beijing(2026, 9, 30, 15))
    assert clock.due_at(CALENDAR) == beijing(2026, 10, 8, 15)


def test_a_suspension_of_two_working_days_pushes_the_due_date_by_two_working_days() -> None:
    clock = DeadlineClock.start(WORKING, 3 * DAY, MONDAY_10AM)
    assert clock.due_at(CALENDAR) == beijing(2026, 11, 26, 10)  # Thursday
    suspended = clock.pause(beijing(2026, 11, 23, 14), CALENDAR)
    assert suspended.used_minutes == 3 * HOUR
    assert suspended.started_at is None
    assert suspended.due_at(CALENDAR) is None
    assert suspended.warn_at(CALENDAR) is None
    # Time does not count while suspended.
    assert suspended.used(beijing(2026, 11, 25, 14), CALENDAR) == 3 * HOUR
    resumed = suspended.resume(beijing(2026, 11, 25, 14))  # two working days later
    assert resumed.due_at(CALENDAR) == beijing(2026, 11, 30, 10)  # Thursday + 2 working days = Monday


def test_a_suspension_over_the_spring_festival_does_not_count() -> None:
    clock = DeadlineClock.start(WORKING, 2 * DAY, beijing(2026, 2, 12, 9))  # Thursday
    suspended = clock.pause(beijing(2026, 2, 13, 9), CALENDAR)  # one working day used
    resumed = suspended.resume(beijing(2026, 2, 24, 9))  # the first working day after the holiday
    assert resumed.due_at(CALENDAR) == beijing(2026, 2, 24, 18)


def test_pausing_twice_or_resuming_a_running_clock_is_refused() -> None:
    clock = DeadlineClock.start(WORKING, DAY, MONDAY_10AM)
    with pytest.raises(ValueError, match="already running"):
        clock.resume(MONDAY_10AM)
    paused = clock.pause(beijing(2026, 11, 23, 11), CALENDAR)
    with pytest.raises(ValueError, match="already paused"):
        paused.pause(beijing(2026, 11, 23, 12), CALENDAR)


def test_an_extension_adds_to_the_budget_running_or_paused() -> None:
    clock = DeadlineClock.start(WORKING, 2 * DAY, MONDAY_10AM)
    extended = clock.extend(3 * DAY)
    assert extended.limit_minutes == 5 * DAY
    assert extended.due_at(CALENDAR) == beijing(2026, 11, 30, 10)  # Wednesday + 3 working days
    paused = clock.pause(beijing(2026, 11, 23, 11), CALENDAR).extend(DAY)
    assert (paused.limit_minutes, paused.used_minutes, paused.started_at) == (3 * DAY, HOUR, None)
    for minutes in (0, -1):
        with pytest.raises(ValueError, match="positive"):
            clock.extend(minutes)


def test_restart_gives_a_fresh_running_budget() -> None:
    overdue = DeadlineClock(WORKING, DAY, used_minutes=2 * DAY)
    reopened = overdue.restart(2 * DAY, MONDAY_10AM)
    assert reopened == DeadlineClock(WORKING, 2 * DAY, 0, MONDAY_10AM)
    assert reopened.due_at(CALENDAR) == beijing(2026, 11, 25, 10)
    assert DeadlineClock(ClockKind.NATURAL, HOUR).restart(HOUR, MONDAY_10AM).kind is ClockKind.NATURAL


def test_warn_at_is_when_three_quarters_are_used() -> None:
    clock = DeadlineClock.start(WORKING, 2 * DAY, beijing(2026, 11, 23, 9))
    assert clock.warn_at(CALENDAR) == beijing(2026, 11, 24, 14)  # 720 of 960 minutes
    assert clock.warn_at(CALENDAR, 0.5) == beijing(2026, 11, 23, 18)
    assert clock.warn_at(CALENDAR, 1.0) == clock.due_at(CALENDAR)
    # Rounded up to a whole minute, without float noise: 0.1 * 10 minutes is 1 minute.
    assert DeadlineClock.start(WORKING, 10, MONDAY_10AM).warn_at(CALENDAR, 0.1) == beijing(
        2026, 11, 23, 10, 1
    )
    for fraction in (0.0, 1.5):
        with pytest.raises(ValueError, match="fraction"):
            clock.warn_at(CALENDAR, fraction)


def test_warn_at_already_past_is_the_start_of_the_run() -> None:
    clock = DeadlineClock(WORKING, 2 * DAY, used_minutes=13 * HOUR).resume(MONDAY_10AM)
    assert clock.warn_at(CALENDAR) == MONDAY_10AM
    assert clock.due_at(CALENDAR) == beijing(2026, 11, 23, 14)


def test_overdue_after_the_deadline_even_outside_office_hours() -> None:
    clock = DeadlineClock.start(WORKING, 2 * HOUR, beijing(2026, 11, 27, 16))  # Friday
    assert clock.due_at(CALENDAR) == beijing(2026, 11, 27, 18)
    assert not clock.is_overdue(beijing(2026, 11, 27, 18), CALENDAR)
    assert clock.is_overdue(beijing(2026, 11, 27, 20), CALENDAR)
    assert clock.remaining(beijing(2026, 11, 27, 20), CALENDAR) == 0
    assert clock.remaining(beijing(2026, 11, 30, 9, 30), CALENDAR) == -30  # Monday


def test_a_paused_clock_is_overdue_when_more_than_its_budget_was_used() -> None:
    clock = DeadlineClock.start(WORKING, HOUR, MONDAY_10AM)
    paused = clock.pause(beijing(2026, 11, 23, 14), CALENDAR)
    assert paused.remaining(beijing(2026, 12, 1), CALENDAR) == -2 * HOUR
    assert paused.is_overdue(beijing(2026, 12, 1), CALENDAR)
    assert not clock.pause(beijing(2026, 11, 23, 10, 30), CALENDAR).is_overdue(beijing(2026, 12, 1), CALENDAR)
    # Resumed while overdue, it is due from the start of the run: overdue right after.
    resumed = paused.resume(beijing(2026, 11, 25, 9))
    assert resumed.due_at(CALENDAR) == beijing(2026, 11, 25, 9)
    assert resumed.is_overdue(beijing(2026, 11, 25, 9, 1), CALENDAR)


def test_natural_clocks_ignore_holidays() -> None:
    clock = DeadlineClock.start(ClockKind.NATURAL, 24 * HOUR, beijing(2026, 9, 30, 20))
    assert clock.due_at(CALENDAR) == beijing(2026, 10, 1, 20)
    assert clock.warn_at(CALENDAR) == beijing(2026, 10, 1, 14)
    paused = clock.pause(beijing(2026, 10, 1, 8), CALENDAR)
    assert paused.used_minutes == 12 * HOUR
    assert paused.resume(beijing(2026, 10, 2, 8)).due_at(CALENDAR) == beijing(2026, 10, 2, 20)


def test_invalid_clocks_and_naive_times_are_refused() -> None:
    naive = datetime(2026, 11, 23, 10)
    with pytest.raises(ValueError, match="naive"):
        DeadlineClock.start(WORKING, DAY, naive)
    clock = DeadlineClock.start(WORKING, DAY, MONDAY_10AM)
    with pytest.raises(ValueError, match="naive"):
        clock.pause(naive, CALENDAR)
    with pytest.raises(ValueError, match="naive"):
        clock.is_overdue(naive, CALENDAR)
    with pytest.raises(ValueError, match="naive"):
        clock.pause(MONDAY_10AM, CALENDAR).resume(naive)
    with pytest.raises(ValueError, match="positive"):
        DeadlineClock.start(WORKING, 0, MONDAY_10AM)
    with pytest.raises(ValueError, match="negative"):
        DeadlineClock(WORKING, DAY, used_minutes=-1)
