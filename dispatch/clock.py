"""The deadline clock of a ticket: a budget of minutes that runs, pauses while suspended, and resumes.

The clock is an immutable value; every change returns a new clock. It belongs to the ticket, so it
carries over unchanged when the ticket is reassigned to another unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from dispatch.calendar import WorkCalendar, require_aware
from dispatch.enums import ClockKind


@dataclass(frozen=True, slots=True)
class DeadlineClock:
    """A time limit of ``limit_minutes`` (with approved extensions), ``kind`` telling how time counts.

    ``used_minutes`` were used in earlier runs; ``started_at`` is when the current run began (aware,
    kept in UTC), or None while the clock is paused.
    """

    kind: ClockKind
    limit_minutes: int
    used_minutes: int = 0
    started_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.limit_minutes <= 0:
            raise ValueError(f"a time limit must be positive, not {self.limit_minutes} minutes")
        if self.used_minutes < 0:
            raise ValueError(f"used minutes cannot be negative ({self.used_minutes})")
        if self.started_at is not None:
            object.__setattr__(self, "started_at", require_aware(self.started_at).astimezone(UTC))

    @classmethod
    def start(cls, kind: ClockKind, limit_minutes: int, now: datetime) -> DeadlineClock:
        """A fresh clock running from ``now``."""
        return cls(kind, limit_minutes, 0, now)

    def pause(self, now: datetime, calendar: WorkCalendar) -> DeadlineClock:
        """Stop the clock at ``now``, banking the minutes of the current run."""
        if self.started_at is None:
            raise ValueError("the clock is already paused")
        return replace(self, used_minutes=self.used(now, calendar), started_at=None)

    def resume(self, now: datetime) -> DeadlineClock:
        """Start a new run at ``now``."""
        if self.started_at is not None:
            raise ValueError("the clock is already running")
        return replace(self, started_at=now)

    def extend(self, minutes: int) -> DeadlineClock:
        """Add an approved extension (延期) to the budget."""
        if minutes <= 0:
            raise ValueError(f"an extension must be positive, not {minutes} minutes")
        return replace(self, limit_minutes=self.limit_minutes + minutes)

    def restart(self, limit_minutes: int, now: datetime) -> DeadlineClock:
        """A fresh budget from ``now`` for a reopened ticket (重办), of the same kind."""
        return DeadlineClock.start(self.kind, limit_minutes, now)

    def used(self, now: datetime, calendar: WorkCalendar) -> int:
        """Minutes used so far, the current run included."""
        if self.started_at is None:
            return self.used_minutes
        return self.used_minutes + calendar.elapsed(self.started_at, now, self.kind)

    def remaining(self, now: datetime, calendar: WorkCalendar) -> int:
        """Minutes left; negative when overdue."""
        return self.limit_minutes - self.used(now, calendar)

    def due_at(self, calendar: WorkCalendar) -> datetime | None:
        """When the budget runs out (the current run's start if it ran out before); None while paused."""
        return self._when_used(self.limit_minutes, calendar)

    def warn_at(self, calendar: WorkCalendar, fraction: float = 0.75) -> datetime | None:
        """When ``fraction`` of the budget is used (rounded up to a whole minute), for the yellow warning.

        The current run's start if that was already the case when it began; None while paused.
        """
        if not 0 < fraction <= 1:
            raise ValueError(f"the warning fraction must be in (0, 1], not {fraction}")
        # Rounded first so that float noise (0.1 * 10 = 1.0000000000000002) does not add a minute.
        return self._when_used(math.ceil(round(fraction * self.limit_minutes, 6)), calendar)

    def is_overdue(self, now: datetime, calendar: WorkCalendar) -> bool:
        """Whether the deadline has passed.

        Running: ``now`` is after ``due_at`` (so a Friday 18:00 deadline is overdue that evening).
        Paused: more than the budget was used before the pause.
        """
        due = self.due_at(calendar)
        if due is None:
            return self.used_minutes > self.limit_minutes
        return require_aware(now) > due

    def _when_used(self, minutes: int, calendar: WorkCalendar) -> datetime | None:
        """The instant in the current run at which ``minutes`` in all will have been used."""
        if self.started_at is None:
            return None
        return calendar.add(self.started_at, max(minutes - self.used_minutes, 0), self.kind)
