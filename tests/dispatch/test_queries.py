"""Who sees which tickets, and the filters officials use."""

from __future__ import annotations

import pytest

from dispatch.enums import Channel, TicketStatus
from dispatch.errors import NotFound, PermissionDenied
from dispatch.intake import PetitionIn
from dispatch.lifecycle import Action
from dispatch.queries import TicketFilter
from dispatch.transitions import Command
from tests.city import City


async def three_tickets(city: City) -> dict[str, str]:
    return {
        "street": (await city.petition("a", "东风路路灯坏了", ref="13812345678")).number,
        "housing": (await city.petition("b", "工地夜间施工扰民")).number,
        "triage": (await city.petition("c", "咨询一下政策")).number,
    }


async def test_dispatchers_and_leaders_see_everything(city: City) -> None:
    numbers = await three_tickets(city)
    for login in ("disp", "leader"):
        listed = await city.service.tickets(city.actors[login], TicketFilter())
        assert [view.number for view in listed] == [numbers["triage"], numbers["housing"], numbers["street"]]


async def test_handlers_see_their_unit_and_heads_their_subtree(city: City) -> None:
    numbers = await three_tickets(city)
    assert [v.number for v in await city.service.tickets(city.actors["housing1"], TicketFilter())] == [
        numbers["housing"]
    ]
    await city.service.act(
        numbers["street"], Command(Action.REASSIGN, unit="dongfeng-1"), city.actors["disp"]
    )
    assert await city.service.tickets(city.actors["street1"], TicketFilter()) == []
    assert [v.number for v in await city.service.tickets(city.actors["streethead"], TicketFilter())] == [
        numbers["street"]
    ]
    with pytest.raises(PermissionDenied):
        await city.service.ticket(numbers["street"], city.actors["housing1"])


async def test_filters(city: City) -> None:
    numbers = await three_tickets(city)
    disp = city.actors["disp"]
    triage = await city.service.tickets(disp, TicketFilter(needs_triage=True))
    assert [v.number for v in triage] == [numbers["triage"]]
    received = await city.service.tickets(disp, TicketFilter(statuses=(TicketStatus.RECEIVED,)))
    assert [v.number for v in received] == [numbers["triage"]]
    by_unit = await city.service.tickets(disp, TicketFilter(unit="dongfeng"))
    assert [v.number for v in by_unit] == [numbers["street"]]
    by_text = await city.service.tickets(disp, TicketFilter(text="施工"))
    assert [v.number for v in by_text] == [numbers["housing"]]
    by_category = await city.service.tickets(disp, TicketFilter(category="城乡建设"))
    assert {v.number for v in by_category} == {numbers["street"], numbers["housing"]}
    assert await city.service.tickets(disp, TicketFilter(overdue=True)) == []
    city.time.advance(days=14)
    overdue = await city.service.tickets(disp, TicketFilter(overdue=True))
    assert {v.number for v in overdue} == set(numbers.values())
    other = await city.service.submit(PetitionIn(Channel.EMAIL, "m", "东风路施工", submitter_ref="a@b.cn"))
    by_channel = await city.service.tickets(disp, TicketFilter(channel=Channel.EMAIL))
    assert [v.number for v in by_channel] == [other.number]


async def test_the_submitter_is_masked_everywhere(city: City) -> None:
    numbers = await three_tickets(city)
    view = await city.service.ticket(numbers["street"], city.actors["leader"])
    assert view.submitter == "138****5678"
    assert "13812345678" not in str(view.to_dict(city.service.timezone))


async def test_unknown_ticket(city: City) -> None:
    with pytest.raises(NotFound, match="12345-20260101-000001"):
        await city.service.ticket("12345-20260101-000001", city.actors["disp"])
