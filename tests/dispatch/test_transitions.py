"""The lifecycle service on a real database: every path a ticket takes, with its audit trail and messages."""

from __future__ import annotations

from datetime import datetime

import pytest

from dispatch.actors import Actor
from dispatch.database import Database
from dispatch.enums import TicketStatus
from dispatch.errors import IllegalTransition, InvalidInput, PermissionDenied
from dispatch.lifecycle import Action
from dispatch.models import CategoryCorrection, OutboxMessage, TicketEvent
from dispatch.transitions import Command
from tests.city import SHANGHAI, City
from tests.dispatch.helpers import count, outbox

STREET_LAMP = "东风路上的路灯坏了一个月，晚上很黑。"


async def street_ticket(city: City, message_id: str = "lamp") -> str:
    """A ticket dispatched to 东风街道 on Monday 10:00, due next Monday 10:00."""
    return (await city.petition(message_id, STREET_LAMP)).number


async def test_a_ticket_goes_all_the_way_to_closed(city: City, database: Database) -> None:
    number = await street_ticket(city)
    handler, dispatcher = city.actors["street1"], city.actors["disp"]
    await city.service.act(number, Command(Action.ACCEPT), handler)
    await city.service.act(number, Command(Action.START, note="已派人现场查看"), handler)
    city.time.advance(hours=3)
    view = await city.service.act(number, Command(Action.RESOLVE, result="路灯已更换。"), handler)
    assert view.status is TicketStatus.REPLIED  # the result went back to the citizen at once
    assert view.result == "路灯已更换。"
    citizen = Actor.citizen("oCITIZEN0001")
    view = await city.service.act(number, Command(Action.RATE, rating=5), citizen)
    assert (view.status, view.rating) == (TicketStatus.RATED, 5)
    view = await city.service.act(number, Command(Action.CLOSE), dispatcher)
    assert view.status is TicketStatus.CLOSED

    trail = [
        (e.action.value, e.from_status and e.from_status.value, e.to_status.value, e.actor)
        for e in view.timeline
    ]
    assert trail == [
        ("receive", None, "received", "wechat 渠道"),
        ("dispatch", "received", "dispatched", "自动分拨"),
        ("accept", "dispatched", "accepted", "街道承办"),
        ("start", "accepted", "in_progress", "街道承办"),
        ("resolve", "in_progress", "resolved", "街道承办"),
        ("reply", "resolved", "replied", "自动回复"),
        ("rate", "replied", "rated", "市民"),
        ("close", "rated", "closed", "派单员甲"),
    ]
    result = [m for m in await outbox(database, number) if m.kind == "result"]
    assert [(m.channel, m.recipient) for m in result] == [("wechat", "oCITIZEN0001")]
    assert "路灯已更换" in result[0].body and number in result[0].body


async def test_an_illegal_action_changes_nothing(city: City, database: Database) -> None:
    number = await street_ticket(city)
    events, messages = await count(database, TicketEvent), await count(database, OutboxMessage)
    with pytest.raises(IllegalTransition, match="已分拨"):
        await city.service.act(number, Command(Action.RESOLVE, result="好了"), city.actors["street1"])
    with pytest.raises(IllegalTransition):
        await city.service.act(number, Command(Action.CLOSE), city.actors["disp"])
    view = await city.service.ticket(number, city.actors["disp"])
    assert view.status is TicketStatus.DISPATCHED
    assert (await count(database, TicketEvent), await count(database, OutboxMessage)) == (events, messages)


async def test_return_then_redispatch_with_corrected_category(city: City, database: Database) -> None:
    number = await street_ticket(city)
    with pytest.raises(InvalidInput, match="理由"):
        await city.service.act(number, Command(Action.RETURN), city.actors["street1"])
    view = await city.service.act(
        number, Command(Action.RETURN, note="不属于本街道职责"), city.actors["street1"]
    )
    assert (view.status, view.unit) == (TicketStatus.RETURNED, "A市12345热线中心")
    notice = (await outbox(database, number))[-1]
    assert (notice.recipient, notice.kind) == ("wx-disp", "returned")
    assert "不属于本街道职责" in notice.body

    view = await city.service.act(
        number, Command(Action.DISPATCH, unit="environment", category="环境保护"), city.actors["disp"]
    )
    assert (view.status, view.unit, view.category) == (TicketStatus.DISPATCHED, "生态环境局", "环境保护")
    assert await count(database, CategoryCorrection, predicted="城乡建设", corrected="环境保护") == 1
    assert (await outbox(database, number))[-1].recipient == "wx-env1"
    # 环境保护 has a 3-working-day limit: Monday 10:00 → Thursday 10:00.
    assert view.due_at == datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)


async def test_manual_dispatch_by_rules_when_no_unit_is_named(city: City) -> None:
    number = (await city.petition("q", "咨询东风路的问题")).number
    with pytest.raises(InvalidInput, match="承办单位"):
        await city.service.act(number, Command(Action.DISPATCH), city.actors["disp"])
    view = await city.service.act(number, Command(Action.DISPATCH, category="城乡建设"), city.actors["disp"])
    assert view.unit == "东风街道"
    assert not view.needs_triage


async def test_reassignment_carries_the_clock(city: City, database: Database) -> None:
    number = await street_ticket(city)
    before = await city.service.ticket(number, city.actors["disp"])
    city.time.advance(hours=2)
    view = await city.service.act(number, Command(Action.REASSIGN, unit="housing"), city.actors["disp"])
    assert (view.status, view.unit, view.due_at) == (
        TicketStatus.DISPATCHED,
        "住房和城乡建设局",
        before.due_at,
    )
    assert (await outbox(database, number))[-1].recipient == "wx-housing1"
    with pytest.raises(InvalidInput, match="相同"):
        await city.service.act(number, Command(Action.REASSIGN, unit="housing"), city.actors["disp"])


async def test_extension_is_requested_then_approved(city: City, database: Database) -> None:
    number = await street_ticket(city)
    handler, dispatcher = city.actors["street1"], city.actors["disp"]
    await city.service.act(number, Command(Action.ACCEPT), handler)
    view = await city.service.act(
        number, Command(Action.REQUEST_EXTENSION, minutes=2 * 480, note="需协调供电公司"), handler
    )
    assert view.pending_extension_minutes == 960
    assert "2 个工作日" in (await outbox(database, number))[-1].body
    with pytest.raises(IllegalTransition, match="待审批"):
        await city.service.act(number, Command(Action.REQUEST_EXTENSION, minutes=480, note="再延"), handler)
    view = await city.service.act(number, Command(Action.APPROVE_EXTENSION), dispatcher)
    assert view.pending_extension_minutes is None
    # next Monday 10:00 + 2 working days → Wednesday 2 December 10:00.
    assert view.due_at == datetime(2026, 12, 2, 10, 0, tzinfo=SHANGHAI)
    decision = (await outbox(database, number))[-1]
    assert (decision.kind, decision.recipient) == ("extension_decision", "wx-street1|wx-streethead")
    assert "2026-12-02 10:00" in decision.body


async def test_extension_refused_keeps_the_deadline(city: City) -> None:
    number = await street_ticket(city)
    handler, dispatcher = city.actors["street1"], city.actors["disp"]
    await city.service.act(number, Command(Action.ACCEPT), handler)
    with pytest.raises(IllegalTransition, match="没有待审批"):
        await city.service.act(number, Command(Action.APPROVE_EXTENSION), dispatcher)
    await city.service.act(number, Command(Action.REQUEST_EXTENSION, minutes=480, note="人手不足"), handler)
    view = await city.service.act(number, Command(Action.REFUSE_EXTENSION, note="请按时办结"), dispatcher)
    assert view.due_at == datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
    assert view.pending_extension_minutes is None


async def test_suspension_pauses_the_clock(city: City) -> None:
    number = await street_ticket(city)
    handler = city.actors["street1"]
    await city.service.act(number, Command(Action.ACCEPT), handler)
    await city.service.act(number, Command(Action.START), handler)
    view = await city.service.act(number, Command(Action.SUSPEND, note="等待市民补充材料"), handler)
    assert (view.status, view.due_at) == (TicketStatus.SUSPENDED, None)
    city.time.advance(days=2)  # Wednesday 10:00: two working days on hold
    view = await city.service.act(number, Command(Action.RESUME), handler)
    assert view.status is TicketStatus.IN_PROGRESS
    assert view.due_at == datetime(2026, 12, 2, 10, 0, tzinfo=SHANGHAI)


async def test_merged_ticket_gets_the_master_result(city: City, database: Database) -> None:
    master = await street_ticket(city, "first")
    duplicate = (await city.petition("second", "东风路路灯不亮", ref="oOTHER0002")).number
    view = await city.service.act(duplicate, Command(Action.MERGE, into=master), city.actors["disp"])
    assert (view.status, view.merged_into) == (TicketStatus.MERGED, master)
    with pytest.raises(InvalidInput, match="自己"):
        await city.service.act(master, Command(Action.MERGE, into=master), city.actors["disp"])
    handler = city.actors["street1"]
    await city.service.act(master, Command(Action.ACCEPT), handler)
    await city.service.act(master, Command(Action.RESOLVE, result="已修复"), handler)
    results = [(m.recipient, m.ticket_id is not None) for m in await outbox(database) if m.kind == "result"]
    assert sorted(results) == [("oCITIZEN0001", True), ("oOTHER0002", True)]
    merged_note = [m.body for m in await outbox(database, duplicate) if m.kind == "merged"]
    assert master in merged_note[0]
    late = (await city.petition("third", "东风路路灯还是不亮", ref="oLATE0003")).number
    with pytest.raises(IllegalTransition, match="只能并入办理中的工单"):
        await city.service.act(late, Command(Action.MERGE, into=master), city.actors["disp"])


async def test_unsatisfied_rating_then_reopen_restarts_the_clock(city: City, database: Database) -> None:
    number = await street_ticket(city)
    handler = city.actors["street1"]
    await city.service.act(number, Command(Action.ACCEPT), handler)
    await city.service.act(number, Command(Action.RESOLVE, result="已处理"), handler)
    await city.service.act(number, Command(Action.RATE, rating=1), Actor.citizen("oCITIZEN0001"))
    city.time.advance(days=1)  # Tuesday 10:00
    view = await city.service.act(number, Command(Action.REOPEN, note="市民不满意"), city.actors["disp"])
    assert (view.status, view.result, view.rating) == (TicketStatus.DISPATCHED, None, None)
    assert view.due_at == datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
    assert (await outbox(database, number))[-1].kind == "reopened"
    await city.service.act(number, Command(Action.ACCEPT), handler)
    await city.service.act(number, Command(Action.RESOLVE, result="已彻底修复"), handler)
    results = [m.body for m in await outbox(database, number) if m.kind == "result"]
    assert len(results) == 2 and "已彻底修复" in results[1]


@pytest.mark.parametrize(
    ("login", "command"),
    [
        ("housing1", Command(Action.ACCEPT)),  # another unit's handler
        ("leader", Command(Action.ACCEPT)),  # leaders read, never act
        ("disp", Command(Action.ACCEPT)),  # dispatchers route, the unit accepts
        ("street1", Command(Action.REASSIGN, unit="housing")),  # handlers do not route
        ("community1", Command(Action.RETURN, note="不归我们管")),  # a unit below is not the holder
        ("street1", Command(Action.RATE, rating=5)),  # only the submitter rates
    ],
)
async def test_permission_refusals(city: City, database: Database, login: str, command: Command) -> None:
    number = await street_ticket(city)
    events = await count(database, TicketEvent)
    with pytest.raises(PermissionDenied):
        await city.service.act(number, command, city.actors[login])
    assert await count(database, TicketEvent) == events


async def test_a_head_acts_for_units_below_and_citizens_only_rate_their_own(city: City) -> None:
    number = await street_ticket(city)
    await city.service.act(number, Command(Action.REASSIGN, unit="dongfeng-1"), city.actors["disp"])
    view = await city.service.act(number, Command(Action.ACCEPT), city.actors["streethead"])
    assert view.status is TicketStatus.ACCEPTED
    await city.service.act(number, Command(Action.RESOLVE, result="已修好"), city.actors["community1"])
    with pytest.raises(PermissionDenied, match="市民"):
        await city.service.act(number, Command(Action.RATE, rating=5), Actor.citizen("oSOMEONE_ELSE"))
    with pytest.raises(InvalidInput, match="1-5"):
        await city.service.act(number, Command(Action.RATE, rating=9), Actor.citizen("oCITIZEN0001"))
