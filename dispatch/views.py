"""Read models of tickets: what the API, the CLI and the channels show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from dispatch.enums import Channel, TicketStatus
from dispatch.lifecycle import Action, allowed_actions
from dispatch.masking import mask_submitter
from dispatch.models import Ticket, TicketEvent
from nlp_classifier.types import Place, PlaceKind


@dataclass(frozen=True, slots=True)
class EventView:
    """One line of the timeline."""

    at: datetime
    action: Action
    actor: str
    from_status: TicketStatus | None
    to_status: TicketStatus
    unit: str | None
    note: str

    def to_dict(self, timezone: ZoneInfo) -> dict[str, Any]:
        """JSON-ready, times in the service's zone."""
        return {
            "at": self.at.astimezone(timezone).isoformat(),
            "action": self.action.value,
            "action_label": self.action.label,
            "actor": self.actor,
            "from_status": None if self.from_status is None else self.from_status.value,
            "to_status": self.to_status.value,
            "unit": self.unit,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class TicketView:
    """A ticket as people see it; the submitter is masked."""

    number: str
    status: TicketStatus
    channel: Channel
    title: str
    text: str
    category: str | None
    urgency: str
    confidence: float
    needs_triage: bool
    unit_code: str
    unit: str
    submitter: str
    created_at: datetime
    warn_at: datetime | None
    due_at: datetime | None
    overdue: bool
    pending_extension_minutes: int | None
    merged_into: str | None
    result: str | None
    rating: int | None
    location: dict[str, Any]
    attachments: list[Any]
    places: tuple[Place, ...]
    timeline: tuple[EventView, ...] = ()

    @classmethod
    def of(
        cls,
        ticket: Ticket,
        now: datetime,
        events: list[tuple[TicketEvent, str | None]] | None = None,
        merged_into: str | None = None,
    ) -> TicketView:
        """Build the view of a loaded ticket (with its petition, unit and category)."""
        petition = ticket.petition
        status = TicketStatus(ticket.status)
        return cls(
            number=ticket.number,
            status=status,
            channel=Channel(petition.channel),
            title=petition.title,
            text=petition.text,
            category=ticket.category.code if ticket.category else None,
            urgency=ticket.urgency,
            confidence=ticket.confidence,
            needs_triage=ticket.needs_triage,
            unit_code=ticket.unit.code,
            unit=ticket.unit.name,
            submitter=mask_submitter(petition.submitter_ref),
            created_at=ticket.created_at,
            warn_at=ticket.warn_at,
            due_at=ticket.due_at,
            overdue=(ticket.due_at is not None and ticket.due_at < now)
            or (status is TicketStatus.SUSPENDED and ticket.used_minutes > ticket.limit_minutes),
            pending_extension_minutes=ticket.pending_extension_minutes,
            merged_into=merged_into,
            result=ticket.result,
            rating=ticket.rating,
            location=petition.location,
            attachments=petition.attachments,
            places=tuple(
                Place(place["name"], PlaceKind(place["kind"]))
                for place in (ticket.classification or {}).get("places", [])
            ),
            timeline=tuple(
                EventView(
                    event.at,
                    Action(event.action),
                    event.actor_label,
                    TicketStatus(event.from_status) if event.from_status else None,
                    TicketStatus(event.to_status),
                    unit_name,
                    event.note,
                )
                for event, unit_name in events or []
            ),
        )

    def to_dict(self, timezone: ZoneInfo, *, with_timeline: bool = True) -> dict[str, Any]:
        """JSON-ready, times in the service's zone."""

        def local(moment: datetime | None) -> str | None:
            return None if moment is None else moment.astimezone(timezone).isoformat()

        data: dict[str, Any] = {
            "number": self.number,
            "status": self.status.value,
            "status_label": self.status.label,
            "channel": self.channel.value,
            "title": self.title,
            "text": self.text,
            "category": self.category,
            "urgency": self.urgency,
            "confidence": round(self.confidence, 4),
            "needs_triage": self.needs_triage,
            "unit": self.unit,
            "unit_code": self.unit_code,
            "submitter": self.submitter,
            "created_at": local(self.created_at),
            "warn_at": local(self.warn_at),
            "due_at": local(self.due_at),
            "overdue": self.overdue,
            "pending_extension_minutes": self.pending_extension_minutes,
            "merged_into": self.merged_into,
            "result": self.result,
            "rating": self.rating,
            "location": self.location,
            "attachments": self.attachments,
            "places": [{"name": place.name, "kind": place.kind.value} for place in self.places],
            "allowed_actions": [action.value for action in allowed_actions(self.status)],
        }
        if with_timeline:
            data["timeline"] = [event.to_dict(timezone) for event in self.timeline]
        return data
