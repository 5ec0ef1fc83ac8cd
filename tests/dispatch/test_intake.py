"""Intake: one petition becomes one ticket, routed, with a deadline and the right messages queued."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

import pytest

from dispatch.database import Database
from dispatch.enums import Channel, TicketStatus
from dispatch.errors import InvalidInput
from dispatch.intake import PetitionIn
from dispatch.models import OutboxMessage, Petition, Ticket, TicketEvent
from tests.city import SHANGHAI, City
from tests.dispatch.helpers import count, outbox


async def test_petition_is_routed_to_the_street_it_names(city: City, database: Database) -> None:
    receipt = await city.petition(
        "m1", "东风路上的路灯坏了一个月，晚上很黑，请尽快修理。", title="东风路路灯不亮"
    )
    assert receipt.created
    assert re.fullmatch(r"12345-20261123-\d{6}", receipt.number)

    ticket = await city.service.ticket(receipt.number, city.actors["disp"])
    assert ticket.status is TicketStatus.DISPATCHED
    assert ticket.category == "城乡建设"
    assert ticket.unit == "东风街道"
    assert ticket.submitter == "oCIT***001"
    # 5 working days from Monday 10:00 → the next Monday 10:00 (Beijing).
    assert ticket.due_at == datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
    assert [(e.action.value, e.to_status.value) for e in ticket.timeline] == [
        ("receive", "received"),
        ("dispatch", "dispatched"),
    ]
    assert ticket.timeline[1].note == "城乡建设问题由属地街道办理"

    messages = await outbox(database, receipt.number)
    assert [(m.channel, m.recipient, m.kind) for m in messages] == [
        ("wechat", "oCITIZEN0001", "acknowledgement"),
        ("wecom", "wx-street1|wx-streethead", "new_ticket"),
    ]
    assert receipt.number in messages[0].body and "已受理" in messages[0].body
    assert "2026-11-30 10:00" in messages[1].body


async def test_without_a_place_the_category_default_unit_gets_it(city: City) -> None:
    receipt = await city.petition("m2", "某工地夜间施工噪音施工扰民")
    ticket = await city.service.ticket(receipt.number, city.actors["disp"])
    assert (ticket.category, ticket.unit) == ("城乡建设", "住房和城乡建设局")


async def test_the_same_message_twice_gives_the_same_ticket(city: City, database: Database) -> None:
    first = await city.petition("dup", "幸福小区井盖丢失")
    second = await city.petition("dup", "幸福小区井盖丢失")
    assert (first.created, second.created) == (True, False)
    assert first.number == second.number
    assert await count(database, Ticket) == 1
    assert await count(database, OutboxMessage, kind="acknowledgement") == 1


async def test_ten_concurrent_submits_of_one_message_make_one_ticket(city: City, database: Database) -> None:
    receipts = await asyncio.gather(*(city.petition("same", "A3区道路塌陷，施工单位不管") for _ in range(10)))
    assert len({receipt.number for receipt in receipts}) == 1
    assert sum(receipt.created for receipt in receipts) == 1
    assert await count(database, Petition) == 1
    assert await count(database, Ticket) == 1
    assert await count(database, TicketEvent) == 2
    assert await count(database, OutboxMessage, kind="acknowledgement") == 1


async def test_one_message_id_on_two_channels_is_two_petitions(city: City) -> None:
    a = await city.service.submit(PetitionIn(Channel.WECHAT, "42", "东风路施工"))
    b = await city.service.submit(PetitionIn(Channel.EMAIL, "42", "东风路施工"))
    assert a.number != b.number


async def test_numbers_count_up_per_day(city: City) -> None:
    first = await city.petition("n1", "道路破损")
    second = await city.petition("n2", "道路破损")
    city.time.advance(days=1)
    next_day = await city.petition("n3", "道路破损")
    assert first.number.endswith("-000001")
    assert second.number.endswith("-000002")
    assert next_day.number == "12345-20261124-000001"


async def test_unsure_petition_waits_for_manual_dispatch(city: City, database: Database) -> None:
    receipt = await city.petition("u1", "我想咨询一下相关政策的问题")
    ticket = await city.service.ticket(receipt.number, city.actors["disp"])
    assert ticket.status is TicketStatus.RECEIVED
    assert ticket.needs_triage
    assert ticket.unit == "A市12345热线中心"
    kinds = [(m.recipient, m.kind) for m in await outbox(database, receipt.number)]
    assert kinds == [("oCITIZEN0001", "acknowledgement"), ("wx-disp", "new_ticket")]
    assert "待人工分拨" in (await outbox(database, receipt.number))[1].body


async def test_emergency_runs_on_natural_hours(city: City) -> None:
    receipt = await city.petition("e1", "东风路施工工地有人被困，情况危急")
    ticket = await city.service.ticket(receipt.number, city.actors["disp"])
    assert ticket.urgency == "emergency"
    assert ticket.due_at == datetime(2026, 11, 23, 12, 0, tzinfo=SHANGHAI)


async def test_anonymous_petition_gets_no_acknowledgement_row(city: City, database: Database) -> None:
    receipt = await city.petition("anon", "东风路井盖丢失", ref=None)
    assert [m.kind for m in await outbox(database, receipt.number)] == ["new_ticket"]


@pytest.mark.parametrize(
    ("petition", "message"),
    [
        (PetitionIn(Channel.WECHAT, "x", "   "), "诉求内容不能为空"),
        (PetitionIn(Channel.WECHAT, "", "道路破损"), "channel_message_id"),
        (PetitionIn(Channel.WECHAT, "x", "路" * 20_001), "诉求内容过长"),
        (PetitionIn(Channel.WECHAT, "x", "道路破损", received_at=datetime(2026, 1, 1)), "时区"),
    ],
)
async def test_bad_petitions_are_refused_clearly(
    city: City, database: Database, petition: PetitionIn, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        await city.service.submit(petition)
    assert await count(database, Petition) == 0


async def test_title_defaults_to_the_first_line(city: City) -> None:
    receipt = await city.petition("t1", "东风路路灯坏了\n已经坏了一个月")
    assert (await city.service.ticket(receipt.number, city.actors["disp"])).title == "东风路路灯坏了"


async def test_deadline_skips_national_day_and_counts_the_make_up_saturday(city: City) -> None:
    # Wednesday 30 September 2026 10:00; 1–7 October are holidays, Saturday 10 October is a working day.
    city.time.current = datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI)
    receipt = await city.petition("holiday", "东风路路灯坏了")
    ticket = await city.service.ticket(receipt.number, city.actors["disp"])
    # 5 working days = 2,400 office minutes: 420 on 30 Sep, 480 each on 8, 9, 10 and 12 Oct, 60 on 13 Oct.
    assert ticket.due_at == datetime(2026, 10, 13, 10, 0, tzinfo=SHANGHAI)
    assert receipt.number.startswith("12345-20260930-")
