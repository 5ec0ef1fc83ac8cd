"""Intake: a petition from any channel becomes exactly one ticket, routed, with a deadline."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from dispatch.actors import Actor
from dispatch.batching import BatchingClassifier
from dispatch.calendar import WorkCalendar
from dispatch.clock import DeadlineClock
from dispatch.database import Database
from dispatch.directory import Directory, DirectoryCache, RouteDecision
from dispatch.enums import Channel, MessageKind, TicketStatus
from dispatch.errors import InvalidInput
from dispatch.lifecycle import Action
from dispatch.messages import acknowledgement, manual_triage
from dispatch.models import Petition, Ticket
from dispatch.numbering import allocate_number
from dispatch.outbox import to_staff, to_submitter
from dispatch.records import announce_to_unit, record_event, store_clock
from nlp_classifier.types import Classification, Classifier

log = logging.getLogger(__name__)

MAX_TEXT = 20_000
MAX_TITLE = 300
MAX_MESSAGE_ID = 200


@dataclass(frozen=True, slots=True)
class PetitionIn:
    """A petition as a channel adapter hands it over."""

    channel: Channel
    channel_message_id: str
    text: str
    title: str = ""
    submitter_ref: str | None = None
    submitter_name: str | None = None
    location: dict[str, Any] = field(default_factory=dict)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    received_at: datetime | None = None

    def validated(self) -> PetitionIn:
        """The same petition with a derived title, or InvalidInput naming what is wrong."""
        text = self.text.strip()
        if not text:
            raise InvalidInput("诉求内容不能为空")
        if len(text) > MAX_TEXT:
            raise InvalidInput(f"诉求内容过长（{len(text)} 字，最多 {MAX_TEXT} 字）")
        message_id = self.channel_message_id.strip()
        if not message_id or len(message_id) > MAX_MESSAGE_ID:
            raise InvalidInput(f"channel_message_id 必须是 1 到 {MAX_MESSAGE_ID} 个字符")
        title = (self.title.strip() or text.splitlines()[0])[:MAX_TITLE]
        if self.received_at is not None and self.received_at.tzinfo is None:
            raise InvalidInput("received_at 必须带时区")
        return PetitionIn(
            Channel(self.channel),
            message_id,
            text,
            title,
            self.submitter_ref or None,
            self.submitter_name or None,
            dict(self.location),
            list(self.attachments),
            self.received_at,
        )


@dataclass(frozen=True, slots=True)
class Receipt:
    """What the submitter is told: the ticket number, and whether this call created it."""

    number: str
    created: bool


@dataclass(frozen=True, slots=True)
class _Placement:
    category_id: int | None
    area_unit_id: int | None
    route: RouteDecision | None
    clock: DeadlineClock


class Intake:
    """Turns petitions into tickets; the same (channel, message id) always gives the same ticket."""

    def __init__(
        self,
        database: Database,
        directory: DirectoryCache,
        classifier: Classifier,
        calendar: WorkCalendar,
        timezone: ZoneInfo,
        now: Callable[[], datetime],
    ) -> None:
        self._database = database
        self._directory = directory
        self._classifier = BatchingClassifier(classifier)
        self._calendar = calendar
        self._timezone = timezone
        self._now = now

    async def submit(self, petition: PetitionIn) -> Receipt:
        """Accept a petition: classify, route, set the deadline and queue the acknowledgements."""
        petition = petition.validated()
        existing = await self._existing(petition)
        if existing is not None:
            return Receipt(existing, created=False)
        classification = await self._classifier.classify(petition.title, petition.text)
        directory = await self._directory.get()
        now = self._now()
        placement = self._place(petition, classification, directory, now)
        try:
            number = await self._store(petition, classification, placement, directory, now)
        except IntegrityError:
            existing = await self._existing(petition)
            if existing is None:
                raise
            return Receipt(existing, created=False)
        log.info("petition %s/%s accepted as %s", petition.channel, petition.channel_message_id, number)
        return Receipt(number, created=True)

    async def _existing(self, petition: PetitionIn) -> str | None:
        async with self._database.reading() as session:
            return await session.scalar(
                select(Ticket.number)
                .join(Petition, Ticket.petition_id == Petition.id)
                .where(
                    Petition.channel == petition.channel.value,
                    Petition.channel_message_id == petition.channel_message_id,
                )
            )

    def _place(
        self, petition: PetitionIn, classification: Classification, directory: Directory, now: datetime
    ) -> _Placement:
        category = directory.categories.get(classification.category)
        place_text = " ".join(
            [petition.title, petition.text, str(petition.location.get("label", ""))]
            + [place.name for place in classification.places]
        )
        area = directory.locate(place_text)
        route = None
        if category is not None and not classification.needs_triage:
            route = directory.route(category.code, area)
        if route is not None and route.unit_id == directory.centre_id:
            route = None  # "to the centre" means a dispatcher decides: the manual queue
        minutes, kind = directory.time_limit(classification.category, classification.urgency)
        return _Placement(
            category_id=None if category is None else category.id,
            area_unit_id=None if area is None else area.id,
            route=route,
            clock=DeadlineClock.start(kind, minutes, now),
        )

    async def _store(
        self,
        petition: PetitionIn,
        classification: Classification,
        placement: _Placement,
        directory: Directory,
        now: datetime,
    ) -> str:
        system = Actor.system(f"{petition.channel.value} 渠道")
        async with self._database.transaction() as session:
            record = Petition(
                channel=petition.channel.value,
                channel_message_id=petition.channel_message_id,
                submitter_ref=petition.submitter_ref,
                submitter_name=petition.submitter_name,
                title=petition.title,
                text=petition.text,
                attachments=petition.attachments,
                location=petition.location,
                received_at=petition.received_at or now,
            )
            session.add(record)
            await session.flush()
            ticket = Ticket(
                number=await allocate_number(session, now, self._timezone),
                petition=record,
                status=TicketStatus.RECEIVED.value,
                category_id=placement.category_id,
                urgency=classification.urgency.value,
                confidence=classification.confidence,
                classification=_as_json(classification),
                needs_triage=placement.route is None,
                unit_id=directory.centre_id,
                area_unit_id=placement.area_unit_id,
                created_at=now,
                updated_at=now,
            )
            store_clock(ticket, placement.clock, self._calendar)
            session.add(ticket)
            await session.flush()
            record_event(session, ticket, Action.RECEIVE, system, from_status=None, now=now)
            to_submitter(
                session,
                record,
                kind=MessageKind.ACKNOWLEDGEMENT,
                body=acknowledgement(ticket.number),
                now=now,
                ticket_id=ticket.id,
                dedup_key=f"ack:{ticket.id}",
            )
            if placement.route is None:
                to_staff(
                    session,
                    directory.recipients(directory.centre_id),
                    kind=MessageKind.NEW_TICKET,
                    body=manual_triage(ticket.number, record.title),
                    now=now,
                    ticket_id=ticket.id,
                )
            else:
                ticket.status = TicketStatus.DISPATCHED.value
                ticket.unit_id = placement.route.unit_id
                record_event(
                    session,
                    ticket,
                    Action.DISPATCH,
                    Actor.system("自动分拨"),
                    from_status=TicketStatus.RECEIVED,
                    now=now,
                    note=placement.route.reason,
                )
                announce_to_unit(session, directory, ticket, self._timezone, now)
            return ticket.number


def _as_json(classification: Classification) -> dict[str, Any]:
    return {
        "category": classification.category,
        "confidence": round(classification.confidence, 4),
        "runner_up": classification.runner_up,
        "runner_up_confidence": round(classification.runner_up_confidence, 4),
        "urgency": classification.urgency.value,
        "risk_tags": list(classification.risk_tags),
        "places": [{"name": place.name, "kind": place.kind.value} for place in classification.places],
        "keywords": list(classification.keywords),
        "needs_triage": classification.needs_triage,
        "model": classification.model,
    }
