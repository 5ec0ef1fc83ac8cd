"""Ticket numbers `12345-YYYYMMDD-NNNNNN`: one counter row per local date, incremented atomically."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.models import TicketCounter

PREFIX = "12345"


async def allocate_number(session: AsyncSession, now: datetime, timezone: ZoneInfo) -> str:
    """The next ticket number for the local date of `now`, unique across processes."""
    day = now.astimezone(timezone).strftime("%Y%m%d")
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(TicketCounter)
        .values(day=day, last=1)
        .on_conflict_do_update(index_elements=["day"], set_={"last": TicketCounter.last + 1})
        .returning(TicketCounter.last)
    )
    sequence = (await session.execute(statement)).scalar_one()
    return f"{PREFIX}-{day}-{sequence:06d}"
