"""Reading tickets, with what each actor is allowed to see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from dispatch.actors import Actor, ActorKind, can_read
from dispatch.directory import Directory
from dispatch.enums import OPEN_STATUSES, Channel, Role, TicketStatus
from dispatch.errors import NotFound, PermissionDenied
from dispatch.models import Category, Petition, Ticket, TicketEvent, Unit
from dispatch.views import TicketView

MAX_PAGE = 500
MAX_OFFSET = 1_000_000


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """Which tickets to list; every field narrows the list."""

    statuses: tuple[TicketStatus, ...] = ()
    unit: str | None = None
    category: str | None = None
    channel: Channel | None = None
    overdue: bool | None = None
    needs_triage: bool | None = None
    text: str | None = None
    limit: int = 100
    offset: int = 0


async def list_tickets(
    session: AsyncSession,
    directory: Directory,
    actor: Actor,
    filters: TicketFilter,
    now: datetime,
    *,
    with_timeline: bool = False,
) -> list[TicketView]:
    """Newest first, only tickets `actor` may read; with their timelines when asked (one more query)."""
    query: Select[Ticket] = select(Ticket).order_by(Ticket.id.desc())
    visible = _visible_units(directory, actor)
    if visible is not None:
        query = query.where(Ticket.unit_id.in_(visible))
    if filters.statuses:
        query = query.where(Ticket.status.in_([status.value for status in filters.statuses]))
    if filters.unit:
        query = query.where(Ticket.unit_id == directory.unit_by_code(filters.unit).id)
    if filters.category:
        query = query.join(Category, Ticket.category_id == Category.id).where(
            Category.code == filters.category
        )
    if filters.channel:
        query = query.where(Ticket.petition.has(channel=filters.channel.value))
    if filters.overdue is not None:
        running_late = Ticket.due_at.is_not(None) & (Ticket.due_at < now)
        paused_late = (Ticket.status == TicketStatus.SUSPENDED.value) & (
            Ticket.used_minutes > Ticket.limit_minutes
        )
        late = running_late | paused_late
        query = query.where(late if filters.overdue else ~late)
    if filters.needs_triage is not None:
        query = query.where(Ticket.needs_triage.is_(filters.needs_triage))
    if filters.text:
        query = query.where(Ticket.petition.has(_title_or_text_contains(filters.text)))
    query = query.limit(max(1, min(filters.limit, MAX_PAGE))).offset(max(0, min(filters.offset, MAX_OFFSET)))
    tickets = list(await session.scalars(query))
    timelines = await _timelines(session, [ticket.id for ticket in tickets]) if with_timeline else {}
    return [TicketView.of(ticket, now, timelines.get(ticket.id, [])) for ticket in tickets]


async def _timelines(
    session: AsyncSession, ticket_ids: list[int]
) -> dict[int, list[tuple[TicketEvent, str | None]]]:
    """The audit trails of several tickets, each oldest first, with the name of the unit at each event."""
    event_unit = aliased(Unit)
    rows = await session.execute(
        select(TicketEvent, event_unit.name)
        .outerjoin(event_unit, TicketEvent.unit_id == event_unit.id)
        .where(TicketEvent.ticket_id.in_(ticket_ids))
        .order_by(TicketEvent.id)
    )
    timelines: dict[int, list[tuple[TicketEvent, str | None]]] = {}
    for event, unit_name in rows.all():
        timelines.setdefault(event.ticket_id, []).append((event, unit_name))
    return timelines


async def get_ticket(
    session: AsyncSession, directory: Directory, actor: Actor, number: str, now: datetime
) -> TicketView:
    """One ticket with its timeline, or NotFound / PermissionDenied."""
    ticket = await session.scalar(select(Ticket).where(Ticket.number == number))
    if ticket is None:
        raise NotFound(f"没有工单 {number}")
    if not _may_read(directory, actor, ticket):
        raise PermissionDenied(f"{actor.label} 无权查看工单 {number}")
    timeline = (await _timelines(session, [ticket.id])).get(ticket.id, [])
    merged_into = None
    if ticket.merged_into_id is not None:
        merged_into = await session.scalar(select(Ticket.number).where(Ticket.id == ticket.merged_into_id))
    return TicketView.of(ticket, now, timeline, merged_into)


async def merge_candidates(
    session: AsyncSession,
    directory: Directory,
    actor: Actor,
    number: str,
    now: datetime,
    *,
    days: int = 30,
    limit: int = 500,
) -> tuple[TicketView, list[TicketView]]:
    """A ticket and the open tickets of the last `days` days it might duplicate, newest first."""
    if actor.kind is not ActorKind.SYSTEM and actor.role is not Role.DISPATCHER:
        raise PermissionDenied("只有派单员可以合并工单")
    ticket = await get_ticket(session, directory, actor, number, now)
    query = (
        select(Ticket)
        .where(
            Ticket.status.in_([status.value for status in OPEN_STATUSES]),
            Ticket.number != number,
            Ticket.created_at >= now - timedelta(days=days),
        )
        .order_by(Ticket.id.desc())
        .limit(limit)
    )
    return ticket, [TicketView.of(candidate, now) for candidate in await session.scalars(query)]


def _may_read(directory: Directory, actor: Actor, ticket: Ticket) -> bool:
    if actor.kind is ActorKind.CITIZEN:
        return actor.submitter_ref is not None and actor.submitter_ref == ticket.petition.submitter_ref
    return can_read(actor, directory.chain(ticket.unit_id), ticket.unit_id)


def _visible_units(directory: Directory, actor: Actor) -> list[int] | None:
    """None: every unit; else the units whose tickets `actor` may list."""
    if actor.kind is ActorKind.SYSTEM or actor.role in (Role.DISPATCHER, Role.LEADER):
        return None
    if actor.unit_id is None:
        return []
    if actor.role is Role.HEAD:
        return [unit_id for unit_id in directory.units if actor.unit_id in directory.chain(unit_id)]
    return [actor.unit_id]


def _title_or_text_contains(fragment: str) -> ColumnElement[bool]:
    pattern = f"%{fragment}%"
    return Petition.title.like(pattern) | Petition.text.like(pattern)
