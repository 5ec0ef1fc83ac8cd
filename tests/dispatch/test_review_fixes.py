"""Edges a review found: routes to the centre, merge chains, hand-overs, concurrent corrections and merges."""

from __future__ import annotations

import asyncio
from datetime import datetime

from dispatch.database import Database
from dispatch.enums import TicketStatus
from dispatch.errors import IllegalTransition
from dispatch.lifecycle import Action
from dispatch.models import RoutingRule
from dispatch.queries import TicketFilter
from dispatch.transitions import Command
from tests.city import SHANGHAI, City
from tests.dispatch.helpers import outbox

LAMP = "东风路上的路灯坏了一个月"


async def test_a_rule_that_routes_to_the_centre_puts_the_ticket_in_the_manual_queue(
    city: City, database: Database
) -> None:
    async with database.transaction() as session:
        session.add(RoutingRule(priority=1, target_unit_id=city.units["centre"], note="中心人工分拨"))
    city.service.directory.invalidate()
    number = (await city.petition("t", "东风路有人盗窃电动车")).number
    view = await city.service.ticket(number, city.actors["disp"])
    assert (view.status, view.needs_triage) == (TicketStatus.RECEIVED, True)
    assert [m.recipient for m in await outbox(database, number) if m.kind == "new_ticket"] == ["wx-disp"]
    queue = await city.service.tickets(city.actors["disp"], TicketFilter(needs_triage=True))
    assert [v.number for v in queue] == [number]


async def test_a_ticket_dispatched_to_the_centre_notifies_the_dispatchers(
    city: City, database: Database
) -> None:
    number = (await city.petition("q", "想咨询一下政策")).number
    await city.service.act(
        number, Command(Action.DISPATCH, unit="centre", note="中心直接答复"), city.actors["disp"]
    )
    assert (await outbox(database, number))[-1].recipient == "wx-disp"


async def test_tickets_merged_into_a_ticket_that_is_merged_again_still_get_the_result(
    city: City, database: Database
) -> None:
    first = (await city.petition("a", LAMP, ref="oA")).number
    second = (await city.petition("b", LAMP, ref="oB")).number
    third = (await city.petition("c", LAMP, ref="oC")).number
    dispatcher, handler = city.actors["disp"], city.actors["street1"]
    await city.service.act(first, Command(Action.MERGE, into=second), dispatcher)
    await city.service.act(second, Command(Action.MERGE, into=third), dispatcher)
    assert (await city.service.ticket(first, dispatcher)).merged_into == third
    await city.service.act(third, Command(Action.ACCEPT), handler)
    await city.service.act(third, Command(Action.RESOLVE, result="已修复"), handler)
    results = sorted(m.recipient for m in await outbox(database) if m.kind == "result")
    assert results == ["oA", "oB", "oC"]


async def test_a_pending_extension_does_not_follow_the_ticket_to_another_unit(city: City) -> None:
    number = (await city.petition("x", LAMP)).number
    await city.service.act(number, Command(Action.ACCEPT), city.actors["street1"])
    await city.service.act(
        number, Command(Action.REQUEST_EXTENSION, minutes=3 * 480, note="需协调"), city.actors["street1"]
    )
    view = await city.service.act(number, Command(Action.REASSIGN, unit="housing"), city.actors["disp"])
    assert view.pending_extension_minutes is None
    await city.service.act(number, Command(Action.ACCEPT), city.actors["housing1"])
    view = await city.service.act(
        number, Command(Action.REQUEST_EXTENSION, minutes=480, note="住建自己的申请"), city.actors["housing1"]
    )
    assert view.pending_extension_minutes == 480


async def test_a_category_correction_keeps_an_approved_extension(city: City) -> None:
    number = (await city.petition("x", LAMP)).number
    street, dispatcher = city.actors["street1"], city.actors["disp"]
    await city.service.act(number, Command(Action.ACCEPT), street)
    await city.service.act(number, Command(Action.REQUEST_EXTENSION, minutes=480, note="需协调"), street)
    await city.service.act(number, Command(Action.APPROVE_EXTENSION), dispatcher)
    await city.service.act(number, Command(Action.RETURN, note="属环保问题"), street)
    view = await city.service.act(
        number, Command(Action.DISPATCH, unit="environment", category="环境保护"), dispatcher
    )
    # 环境保护's 3 working days plus the approved day: Monday 10:00 → Friday 10:00.
    assert view.due_at == datetime(2026, 11, 27, 10, 0, tzinfo=SHANGHAI)


async def test_a_suspended_ticket_past_its_budget_is_still_overdue(city: City) -> None:
    number = (await city.petition("x", LAMP)).number
    await city.service.act(number, Command(Action.ACCEPT), city.actors["street1"])
    city.time.advance(days=9)  # Wednesday of the next week: past the 5 working days
    view = await city.service.act(number, Command(Action.SUSPEND, note="等材料"), city.actors["street1"])
    assert (view.due_at, view.overdue) == (None, True)
    late = await city.service.tickets(city.actors["disp"], TicketFilter(overdue=True))
    assert [v.number for v in late] == [number]
    assert await city.service.tickets(city.actors["disp"], TicketFilter(overdue=False)) == []


async def test_concurrent_category_corrections_all_succeed(city: City) -> None:
    numbers = [(await city.petition(f"q{i}", f"想咨询一下第{i}件事")).number for i in range(6)]
    views = await asyncio.gather(
        *(
            city.service.act(n, Command(Action.DISPATCH, category="环境保护"), city.actors["disp"])
            for n in numbers
        )
    )
    assert {(v.category, v.unit) for v in views} == {("环境保护", "生态环境局")}


async def test_opposite_merges_at_once_do_not_deadlock(city: City) -> None:
    a = (await city.petition("a", LAMP, ref="oA")).number
    b = (await city.petition("b", LAMP, ref="oB")).number
    outcomes = await asyncio.gather(
        city.service.act(a, Command(Action.MERGE, into=b), city.actors["disp"]),
        city.service.act(b, Command(Action.MERGE, into=a), city.actors["disp"]),
        return_exceptions=True,
    )
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], IllegalTransition), outcomes
