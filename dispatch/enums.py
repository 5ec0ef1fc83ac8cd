"""Closed vocabularies of the dispatch domain, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """Where a petition came in, and so where its answers go back."""

    WECHAT = "wechat"
    HOTLINE = "hotline"
    MAILBOX = "mailbox"
    EMAIL = "email"
    API = "api"


class TicketStatus(StrEnum):
    """A ticket's place in its lifecycle (see ARCHITECTURE.md)."""

    RECEIVED = "received"  # 受理
    DISPATCHED = "dispatched"  # 已分拨
    ACCEPTED = "accepted"  # 已签收
    IN_PROGRESS = "in_progress"  # 办理中
    RESOLVED = "resolved"  # 已办结
    REPLIED = "replied"  # 已回复
    RATED = "rated"  # 已评价
    CLOSED = "closed"  # 已归档
    RETURNED = "returned"  # 已退单
    SUSPENDED = "suspended"  # 挂起
    MERGED = "merged"  # 已合并

    @property
    def label(self) -> str:
        """The Chinese name shown to people."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[TicketStatus, str] = {
    TicketStatus.RECEIVED: "受理",
    TicketStatus.DISPATCHED: "已分拨",
    TicketStatus.ACCEPTED: "已签收",
    TicketStatus.IN_PROGRESS: "办理中",
    TicketStatus.RESOLVED: "已办结",
    TicketStatus.REPLIED: "已回复",
    TicketStatus.RATED: "已评价",
    TicketStatus.CLOSED: "已归档",
    TicketStatus.RETURNED: "已退单",
    TicketStatus.SUSPENDED: "挂起",
    TicketStatus.MERGED: "已合并",
}

OPEN_STATUSES: frozenset[TicketStatus] = frozenset(
    {
        TicketStatus.RECEIVED,
        TicketStatus.DISPATCHED,
        TicketStatus.ACCEPTED,
        TicketStatus.IN_PROGRESS,
        TicketStatus.RETURNED,
        TicketStatus.SUSPENDED,
    }
)


class Role(StrEnum):
    """What a person may do (see dispatch.permissions)."""

    DISPATCHER = "dispatcher"  # dispatch centre staff: route, approve, merge, close
    HANDLER = "handler"  # unit handler: works the tickets of their unit
    HEAD = "head"  # unit head: as handler, for their unit and the units below it
    LEADER = "leader"  # reads everything, changes nothing


class UnitLevel(StrEnum):
    """Place of a unit in the org tree."""

    CENTRE = "centre"  # city 12345 / grid-governance centre
    DEPARTMENT = "department"  # functional department (局/委/办)
    STREET = "street"  # 镇街
    COMMUNITY = "community"  # 村社区
    GRID = "grid"  # 网格


class ClockKind(StrEnum):
    """How a time limit counts time."""

    WORKING = "working"  # office hours on working days (holidays and 调休 applied)
    NATURAL = "natural"  # every minute counts (emergencies)


class OutboxStatus(StrEnum):
    """Delivery state of one outbound message."""

    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"  # gave up after the retry budget; kept for an operator


class MessageKind(StrEnum):
    """Why an outbound message exists."""

    ACKNOWLEDGEMENT = "acknowledgement"  # 已受理 + ticket number, to the submitter
    NEW_TICKET = "new_ticket"  # 新工单, to the unit's people
    RETURNED = "returned"  # 退单, to the dispatch centre
    EXTENSION_REQUEST = "extension_request"
    EXTENSION_DECISION = "extension_decision"
    RESULT = "result"  # 办理结果, to the submitter
    MERGED = "merged"  # your petition was merged into …, to the submitter
    REOPENED = "reopened"
    REMINDER = "reminder"
    ESCALATION = "escalation"
    DIGEST = "digest"
