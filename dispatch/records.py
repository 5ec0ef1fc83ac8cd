"""Helpers every ticket change uses: the audit-trail event and the deadline columns."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.actors import Actor
from dispatch.calendar import WorkCalendar
from dispatch.clock import DeadlineClock
from dispatch.directory import Directory
from dispatch.enums import ClockKind, MessageKind, TicketStatus
from dispatch.lifecycle import Action
from dispatch.messages import due_text, new_ticket
from dispatch.models import Ticket, TicketEvent
from dispatch.outbox import to_staff
from nlp_classifier.types import Urgency


def record_event(
    session: AsyncSession,
    ticket: Ticket,
    action: Action,
    actor: Actor,
    *,
    from_status: TicketStatus | None,
    now: datetime,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> TicketEvent:
    """Append one line to the ticket's audit trail (its status is already the new one)."""
    event = TicketEvent(
        ticket_id=ticket.id,
        at=now,
        action=action.value,
        actor_person_id=actor.person_id,
        actor_label=actor.label,
        from_status=None if from_status is None else from_status.value,
        to_status=ticket.status,
        unit_id=ticket.unit_id,
        note=note,
        data=data or {},
    )
    session.add(event)
    return event


def clock_of(ticket: Ticket) -> DeadlineClock:
    """The ticket's deadline clock, as stored."""
    return DeadlineClock(
        kind=ClockKind(ticket.clock),
        limit_minutes=ticket.limit_minutes,
        used_minutes=ticket.used_minutes,
        started_at=ticket.clock_started_at,
    )


def store_clock(ticket: Ticket, clock: DeadlineClock, calendar: WorkCalendar) -> None:
    """Write a clock and the warning and due times it implies into the ticket's columns."""
    ticket.clock = clock.kind.value
    ticket.limit_minutes = clock.limit_minutes
    ticket.used_minutes = clock.used_minutes
    ticket.clock_started_at = clock.started_at
    ticket.warn_at = clock.warn_at(calendar)
    ticket.due_at = clock.due_at(calendar)


def announce_to_unit(
    session: AsyncSession, directory: Directory, ticket: Ticket, timezone: ZoneInfo, now: datetime
) -> None:
    """The 新工单 notice to the people of the unit that now holds the ticket."""
    to_staff(
        session,
        directory.recipients(ticket.unit_id),
        kind=MessageKind.NEW_TICKET,
        body=new_ticket(
            ticket.number, ticket.petition.title, Urgency(ticket.urgency), due_text(ticket.due_at, timezone)
        ),
        now=now,
        ticket_id=ticket.id,
    )
