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


_SPOKEN_DIGITS = str.maketrans("0123456789", "零一二三四五六七八九")


def spoken_number(number: str) -> str:
    """A ticket number as text-to-speech should say it: digit by digit, a pause between the parts.

    `12345-20261123-000017` → `一二三四五，二零二六一一二三，零零零零一七`.
    """
    return "，".join(part.translate(_SPOKEN_DIGITS) for part in number.split("-"))
