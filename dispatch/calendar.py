"""Working-time arithmetic on the Chinese public-holiday calendar (holidays and 调休 make-up days).

Working time is office time on working days, counted on the wall clock of the calendar's time zone.
Every datetime given must be timezone-aware (any zone); every datetime returned is aware UTC.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

from dispatch.enums import ClockKind

logger = logging.getLogger(__name__)

MINUTE = timedelta(minutes=1)
# add() gives up when no working day comes within this many days (an is_workday that is never true).
MAX_REST_DAYS = 366


def _offset(moment: time) -> timedelta:
    """The time of day as a span since midnight."""
    return timedelta(
        hours=moment.hour, minutes=moment.minute, seconds=moment.second, microseconds=moment.microsecond
    )


def _parse_time(text: str) -> time:
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"office hours: {text.strip()!r} is not a time like 09:00")
    return time(int(hours), int(minutes))  # time() rejects hours > 23 and minutes > 59


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The office periods of a working day, in ascending order, not overlapping, on whole minutes."""

    periods: tuple[tuple[time, time], ...] = ((time(9, 0), time(12, 0)), (time(13, 0), time(18, 0)))

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("office hours: at least one period is needed")
        previous_end: time | None = None
        for start, end in self.periods:
            for moment in (start, end):
                if moment.tzinfo is not None or moment.second or moment.microsecond:
                    raise ValueError(f"office hours: {moment} must be a naive time on a whole minute")
            if end <= start:
                raise ValueError(f"office hours: period {start:%H:%M}-{end:%H:%M} ends before it starts")
            if previous_end is not None and start < previous_end:
                raise ValueError(
                    f"office hours: period {start:%H:%M}-{end:%H:%M} overlaps or precedes the one before"
                )
            previous_end = end

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Read periods such as ``"09:00-12:00,13:00-18:00"`` (any order; overlaps are refused)."""
        periods: list[tuple[time, time]] = []
        for part in text.split(","):
            start, sep, end = part.partition("-")
            if not sep:
                raise ValueError(f"office hours: {part.strip()!r} is not a period like 09:00-12:00")
            periods.append((_parse_time(start), _parse_time(end)))
        return cls(tuple(sorted(periods)))

    @property
    def minutes_per_day(self) -> int:
        """Office minutes in one working day."""
        return sum((_offset(end) - _offset(start)) // MINUTE for start, end in self.periods)


def require_aware(moment: datetime) -> datetime:
    """``moment`` itself; ValueError when it is naive."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: a time zone is required")
    return moment


class WorkCalendar:
    """Adds and measures working time: office hours on working days in one time zone."""

    def __init__(
        self,
        timezone: ZoneInfo,
        office_hours: OfficeHours = OfficeHours(),
        is_workday: Callable[[date], bool] | None = None,
    ) -> None:
        self.timezone = timezone
        self.office_hours = office_hours
        self._injected_is_workday = is_workday
        self._periods = tuple((_offset(start), _offset(end)) for start, end in office_hours.periods)
        self._day_total = sum((end - start for start, end in self._periods), timedelta())
        self._warned_years: set[int] = set()
        self._workdays: dict[date, bool] = {}

    @property
    def minutes_per_working_day(self) -> int:
        """Office minutes in one working day."""
        return self.office_hours.minutes_per_day

    def is_workday(self, day: date) -> bool:
        """Whether offices work on ``day``: holidays and 调休 applied; Mon–Fri for years without data."""
        if self._injected_is_workday is not None:
            return self._injected_is_workday(day)
        known = self._workdays.get(day)
        if known is None:
            known = self._workdays[day] = self._holiday_calendar_workday(day)
        return known

    def _holiday_calendar_workday(self, day: date) -> bool:
        """chinese_calendar's answer (about 70 µs a call, hence the cache in is_workday)."""
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            if day.year not in self._warned_years:
                self._warned_years.add(day.year)
                logger.warning(
                    "chinese_calendar has no holiday data for %d: counting Monday to Friday as working days",
                    day.year,
                )
            return day.weekday() < 5

    def add(self, start: datetime, minutes: int, clock: ClockKind) -> datetime:
        """The earliest instant at which ``minutes`` of ``clock`` time have passed since ``start``.

        Working time outside office hours does not count, so a start outside them counts from the next
        office period, and a budget that runs out at the end of a period gives that period's end.
        ``minutes == 0`` gives ``start`` itself, wherever it lies.
        """
        start = require_aware(start)
        if minutes < 0:
            raise ValueError(f"cannot add a negative number of minutes ({minutes})")
        if clock == ClockKind.NATURAL or minutes == 0:
            return start.astimezone(UTC) + minutes * MINUTE
        day, time_of_day = self._local(start)
        # Office time still to pass, counted from the midnight that begins `day`.
        budget = self._office_before(day, time_of_day) + minutes * MINUTE
        rest_days = 0
        while budget > (day_total := self._office_on(day)):
            budget -= day_total
            rest_days = 0 if day_total else rest_days + 1
            if rest_days > MAX_REST_DAYS:
                raise ValueError(f"no working day within {MAX_REST_DAYS} days of {day.isoformat()}")
            day += timedelta(days=1)
        for period_start, period_end in self._periods[:-1]:
            if budget <= period_end - period_start:
                return self._instant(day, period_start + budget)
            budget -= period_end - period_start
        return self._instant(day, self._periods[-1][0] + budget)

    def elapsed(self, start: datetime, end: datetime, clock: ClockKind) -> int:
        """Whole minutes of ``clock`` time from ``start`` to ``end`` (0 when ``end`` is not after it)."""
        start, end = require_aware(start), require_aware(end)
        if end <= start:
            return 0
        if clock == ClockKind.NATURAL:
            return (end - start) // MINUTE
        start_day, start_time = self._local(start)
        end_day, end_time = self._local(end)
        office = self._office_before(end_day, end_time) - self._office_before(start_day, start_time)
        day = start_day
        while day < end_day:
            office += self._office_on(day)
            day += timedelta(days=1)
        return office // MINUTE

    def _local(self, moment: datetime) -> tuple[date, timedelta]:
        """The local date and time of day (as a span since midnight) of an aware instant."""
        local = moment.astimezone(self.timezone)
        return local.date(), _offset(local.time())

    def _instant(self, day: date, time_of_day: timedelta) -> datetime:
        """The UTC instant of a local wall-clock time of day on ``day``."""
        local = datetime.combine(day, time()) + time_of_day
        return local.replace(tzinfo=self.timezone).astimezone(UTC)

    def _office_on(self, day: date) -> timedelta:
        """Office time on the whole of ``day``."""
        return self._day_total if self.is_workday(day) else timedelta()

    def _office_before(self, day: date, time_of_day: timedelta) -> timedelta:
        """Office time on ``day`` from midnight up to ``time_of_day``."""
        if not self.is_workday(day):
            return timedelta()
        return sum(
            (min(max(time_of_day, start), end) - start for start, end in self._periods),
            timedelta(),
        )
