"""Reading back what the service wrote: outbox rows, events, counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from dispatch.database import Database
from dispatch.models import Base, OutboxMessage, Ticket


async def outbox(database: Database, number: str | None = None) -> list[OutboxMessage]:
    """Outbox rows (of one ticket), oldest first."""
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if number is not None:
        query = query.join(Ticket, OutboxMessage.ticket_id == Ticket.id).where(Ticket.number == number)
    async with database.reading() as session:
        return list(await session.scalars(query))


async def count(database: Database, model: type[Base], **where: Any) -> int:
    """How many rows of a table (match on column values)."""
    query = select(func.count()).select_from(model).filter_by(**where)
    async with database.reading() as session:
        return int(await session.scalar(query) or 0)
