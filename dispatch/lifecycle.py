"""The ticket lifecycle as one transition table: action × current status → next status."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dispatch.enums import TicketStatus as S
from dispatch.errors import IllegalTransition


class Action(StrEnum):
    """Everything that can happen to a ticket."""

    RECEIVE = "receive"  # 受理 (intake; the first event)
    DISPATCH = "dispatch"  # 分拨
    ACCEPT = "accept"  # 签收
    START = "start"  # 开始办理
    RETURN = "return"  # 退单
    REASSIGN = "reassign"  # 改派
    REQUEST_EXTENSION = "request_extension"  # 申请延期
    APPROVE_EXTENSION = "approve_extension"  # 同意延期
    REFUSE_EXTENSION = "refuse_extension"  # 驳回延期
    SUSPEND = "suspend"  # 挂起
    RESUME = "resume"  # 恢复
    RESOLVE = "resolve"  # 办结
    REPLY = "reply"  # 回复
    RATE = "rate"  # 评价
    REOPEN = "reopen"  # 重办
    CLOSE = "close"  # 归档
    MERGE = "merge"  # 合并

    @property
    def label(self) -> str:
        """The Chinese name shown to people."""
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.RECEIVE: "受理",
    Action.DISPATCH: "分拨",
    Action.ACCEPT: "签收",
    Action.START: "开始办理",
    Action.RETURN: "退单",
    Action.REASSIGN: "改派",
    Action.REQUEST_EXTENSION: "申请延期",
    Action.APPROVE_EXTENSION: "同意延期",
    Action.REFUSE_EXTENSION: "驳回延期",
    Action.SUSPEND: "挂起",
    Action.RESUME: "恢复办理",
    Action.RESOLVE: "办结",
    Action.REPLY: "回复",
    Action.RATE: "评价",
    Action.REOPEN: "重办",
    Action.CLOSE: "归档",
    Action.MERGE: "合并",
}

SAME = None  # the action keeps the ticket's status

_WORKING = frozenset({S.ACCEPTED, S.IN_PROGRESS})
_ROUTABLE = frozenset({S.RECEIVED, S.RETURNED})
_UNFINISHED = frozenset({S.RECEIVED, S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS, S.RETURNED, S.SUSPENDED})


@dataclass(frozen=True, slots=True)
class Transition:
    """From which statuses an action is allowed, and the status it leads to (None: unchanged)."""

    sources: frozenset[S]
    target: S | None


TRANSITIONS: dict[Action, Transition] = {
    Action.DISPATCH: Transition(_ROUTABLE, S.DISPATCHED),
    Action.ACCEPT: Transition(frozenset({S.DISPATCHED}), S.ACCEPTED),
    Action.START: Transition(frozenset({S.ACCEPTED}), S.IN_PROGRESS),
    Action.RETURN: Transition(frozenset({S.DISPATCHED, S.ACCEPTED}), S.RETURNED),
    Action.REASSIGN: Transition(frozenset({S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS}), S.DISPATCHED),
    Action.REQUEST_EXTENSION: Transition(_WORKING, SAME),
    Action.APPROVE_EXTENSION: Transition(_WORKING | {S.SUSPENDED}, SAME),
    Action.REFUSE_EXTENSION: Transition(_WORKING | {S.SUSPENDED}, SAME),
    Action.SUSPEND: Transition(_WORKING, S.SUSPENDED),
    Action.RESUME: Transition(frozenset({S.SUSPENDED}), SAME),  # back to the status before suspension
    Action.RESOLVE: Transition(_WORKING, S.RESOLVED),
    Action.REPLY: Transition(frozenset({S.RESOLVED}), S.REPLIED),
    Action.RATE: Transition(frozenset({S.REPLIED}), S.RATED),
    Action.REOPEN: Transition(frozenset({S.RESOLVED, S.REPLIED, S.RATED}), S.DISPATCHED),
    Action.CLOSE: Transition(frozenset({S.REPLIED, S.RATED}), S.CLOSED),
    Action.MERGE: Transition(_UNFINISHED, S.MERGED),
}


def next_status(action: Action, current: S) -> S | None:
    """The status `action` leads to from `current` (None: unchanged), or IllegalTransition."""
    transition = TRANSITIONS.get(action)
    if transition is None or current not in transition.sources:
        raise IllegalTransition(f"工单状态为「{current.label}」时不能{action.label}")
    return transition.target


def allowed_actions(current: S) -> list[Action]:
    """The actions the table allows from `current`, in table order."""
    return [action for action, transition in TRANSITIONS.items() if current in transition.sources]
