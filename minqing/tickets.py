"""Reading tickets for the operator CLI, as the service itself (which may read every ticket)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from dispatch.actors import Actor
from dispatch.database import Database
from dispatch.directory import load_directory
from dispatch.models import utcnow
from dispatch.queries import TicketFilter, get_ticket, list_tickets

OPERATOR = Actor.system("operator CLI")


async def ticket_list(database: Database, filters: TicketFilter, timezone: ZoneInfo) -> list[dict[str, Any]]:
    """The tickets that pass `filters`, newest first, JSON-ready as the API gives them."""
    async with database.reading() as session:
        directory = await load_directory(session)
        views = await list_tickets(session, directory, OPERATOR, filters, utcnow(), with_timeline=True)
    return [view.to_dict(timezone) for view in views]


async def ticket_detail(database: Database, number: str, timezone: ZoneInfo) -> dict[str, Any]:
    """One ticket with its timeline (NotFound when there is none with this number)."""
    async with database.reading() as session:
        directory = await load_directory(session)
        view = await get_ticket(session, directory, OPERATOR, number, utcnow())
    return view.to_dict(timezone)
