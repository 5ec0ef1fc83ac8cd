"""The dispatch service: the one entry point channels, the API and jobs use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from dispatch.actors import Actor
from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.directory import DirectoryCache
from dispatch.intake import Intake, PetitionIn, Receipt
from dispatch.models import utcnow
from dispatch.people import actor_for_token
from dispatch.queries import TicketFilter, get_ticket, list_tickets, merge_candidates
from dispatch.transitions import Command, Lifecycle
from dispatch.views import TicketView
from nlp_classifier.types import Classifier


class DispatchService:
    """Intake, lifecycle and queries over one database."""

    def __init__(
        self,
        database: Database,
        classifier: Classifier,
        calendar: WorkCalendar,
        timezone: ZoneInfo,
        *,
        now: Callable[[], datetime] = utcnow,
        auto_reply: bool = True,
        directory_ttl: float = 30.0,
    ) -> None:
        self.database = database
        self.calendar = calendar
        self.timezone = timezone
        self._now = now
        self.directory = DirectoryCache(database, ttl=directory_ttl)
        self._intake = Intake(database, self.directory, classifier, calendar, timezone, now)
        self._lifecycle = Lifecycle(database, self.directory, calendar, timezone, now, auto_reply=auto_reply)

    async def submit(self, petition: PetitionIn) -> Receipt:
        """Accept a petition (idempotent on channel + channel message id)."""
        return await self._intake.submit(petition)

    async def act(self, number: str, command: Command, actor: Actor) -> TicketView:
        """Apply a command to a ticket and return the ticket as it now is.

        The view is returned even when the action took the ticket out of the actor's sight (a 退单).
        """
        await self._lifecycle.act(number, command, actor)
        return await self.ticket(number, Actor.system())

    async def ticket(self, number: str, actor: Actor) -> TicketView:
        """One ticket with its timeline."""
        directory = await self.directory.get()
        async with self.database.reading() as session:
            return await get_ticket(session, directory, actor, number, self._now())

    async def tickets(self, actor: Actor, filters: TicketFilter) -> list[TicketView]:
        """Tickets `actor` may read, newest first."""
        directory = await self.directory.get()
        async with self.database.reading() as session:
            return await list_tickets(session, directory, actor, filters, self._now())

    async def merge_candidates(self, number: str, actor: Actor) -> tuple[TicketView, list[TicketView]]:
        """A ticket and the recent open tickets it might duplicate (dispatchers only)."""
        directory = await self.directory.get()
        async with self.database.reading() as session:
            return await merge_candidates(session, directory, actor, number, self._now())

    async def authenticate(self, token: str) -> Actor | None:
        """The actor behind a bearer token."""
        async with self.database.reading() as session:
            return await actor_for_token(session, token)
