"""The texts of outbound messages, in one place so wording is consistent across channels."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from nlp_classifier.types import Urgency

URGENCY_LABELS = {Urgency.NORMAL: "一般", Urgency.URGENT: "紧急", Urgency.EMERGENCY: "特急"}


def local_time(moment: datetime | None, timezone: ZoneInfo) -> str:
    """`2026-11-23 14:05` in the service's time zone; empty for None."""
    return "" if moment is None else moment.astimezone(timezone).strftime("%Y-%m-%d %H:%M")


def due_text(due_at: datetime | None, timezone: ZoneInfo) -> str:
    """A deadline as people read it; a paused clock (挂起) has none."""
    return local_time(due_at, timezone) or "（计时暂停）"


def acknowledgement(number: str) -> str:
    """已受理 + ticket number, to the submitter."""
    return f"您的诉求已受理，工单号 {number}。办理结果将通过原渠道答复您，也可凭工单号查询进度。"


def new_ticket(number: str, title: str, urgency: Urgency, due: str) -> str:
    """新工单, to the people of the unit that now holds the ticket."""
    return f"【新工单】{number}（{URGENCY_LABELS[urgency]}）{title}。请签收并于 {due} 前办结。"


def manual_triage(number: str, title: str) -> str:
    """A petition the classifier was unsure about waits in the centre's queue."""
    return f"【待人工分拨】{number} {title}。系统无法确定分类或承办单位，请人工分拨。"


def returned(number: str, unit: str, reason: str) -> str:
    """退单, to the dispatch centre."""
    return f"【退单】{number} 被{unit}退回，理由：{reason}。请重新分拨。"


def extension_requested(number: str, unit: str, days: str, reason: str) -> str:
    """A unit asks for more time."""
    return f"【延期申请】{number}，{unit}申请延期 {days}，理由：{reason}。请审批。"


def extension_decided(number: str, approved: bool, due: str) -> str:
    """The centre's answer to an extension request."""
    if approved:
        return f"【延期已批准】{number}，新的办结时限 {due}。"
    return f"【延期被驳回】{number}，请按原时限 {due} 办结。"


def result(number: str, text: str) -> str:
    """办理结果, to the submitter."""
    return f"您的诉求（工单号 {number}）已办结。办理结果：{text} 请对办理结果进行评价（1-5 分）。"


def merged(number: str, master: str) -> str:
    """The petition joins another ticket about the same problem."""
    return f"您的诉求（工单号 {number}）与工单 {master} 反映的是同一问题，已合并办理，结果将一并答复您。"


def reopened(number: str, title: str, due: str) -> str:
    """重办, to the unit."""
    return f"【重办】{number} {title}。市民对办理结果不满意或复核未通过，请于 {due} 前重新办结。"


def working_days(minutes: int, minutes_per_day: int) -> str:
    """`2 个工作日` or `3 小时` for a number of working minutes."""
    if minutes % minutes_per_day == 0:
        return f"{minutes // minutes_per_day} 个工作日"
    return f"{minutes / 60:g} 小时"
