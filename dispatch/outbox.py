"""Writing outbound messages as outbox rows, inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.enums import Channel, MessageKind, OutboxStatus
from dispatch.models import OutboxMessage, Petition

# The channel a submitter's answer goes back on, by the channel the petition came in on.
REPLY_CHANNEL: dict[Channel, str] = {
    Channel.WECHAT: "wechat",
    Channel.HOTLINE: "callback",
    Channel.MAILBOX: "email",
    Channel.EMAIL: "email",
    Channel.API: "api",
}
STAFF_CHANNEL = "wecom"


def enqueue(
    session: AsyncSession,
    *,
    channel: str,
    recipient: str,
    kind: MessageKind,
    body: str,
    now: datetime,
    ticket_id: int | None = None,
    payload: dict[str, Any] | None = None,
    dedup_key: str | None = None,
) -> OutboxMessage:
    """Add one pending message; it is sent only after the transaction commits."""
    message = OutboxMessage(
        created_at=now,
        channel=channel,
        recipient=recipient,
        kind=kind.value,
        ticket_id=ticket_id,
        body=body,
        payload=payload or {},
        dedup_key=dedup_key,
        status=OutboxStatus.PENDING.value,
        attempts=0,
        next_attempt_at=now,
    )
    session.add(message)
    return message


def to_submitter(
    session: AsyncSession,
    petition: Petition,
    *,
    kind: MessageKind,
    body: str,
    now: datetime,
    ticket_id: int,
    dedup_key: str | None = None,
) -> OutboxMessage | None:
    """A message back to the submitter on their own channel; None for an anonymous petition."""
    if not petition.submitter_ref:
        return None
    return enqueue(
        session,
        channel=REPLY_CHANNEL[Channel(petition.channel)],
        recipient=petition.submitter_ref,
        kind=kind,
        body=body,
        now=now,
        ticket_id=ticket_id,
        payload={"channel_message_id": petition.channel_message_id},
        dedup_key=dedup_key,
    )


def to_staff(
    session: AsyncSession,
    userids: list[str],
    *,
    kind: MessageKind,
    body: str,
    now: datetime,
    ticket_id: int,
) -> OutboxMessage | None:
    """One WeCom app message to several officials (`a|b|c`, as WeCom's touser takes them)."""
    if not userids:
        return None
    return enqueue(
        session,
        channel=STAFF_CHANNEL,
        recipient="|".join(sorted(set(userids))),
        kind=kind,
        body=body,
        now=now,
        ticket_id=ticket_id,
    )
