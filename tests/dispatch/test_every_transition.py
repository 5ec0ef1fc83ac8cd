"""Every (action, status) pair through the real service and database: legal ones move the ticket and
write their audit line, illegal ones are refused and write nothing."""

from __future__ import annotations

import pytest

from dispatch.actors import Actor
from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.enums import TicketStatus as S
from dispatch.errors import IllegalTransition
from dispatch.lifecycle import Action as A  # noqa: N817
from dispatch.models import TicketEvent
from dispatch.service import DispatchService
from dispatch.transitions import Command
from tests.city import SHANGHAI, City, city_classifier
from tests.dispatch.helpers import count
from tests.dispatch.test_lifecycle_table import LEGAL

CITIZEN = Actor.citizen("oCITIZEN0001")
# The steps from a ticket freshly dispatched to 东风街道 to each status: (action, who, command arguments).
PATHS: dict[S, list[tuple[A, str, dict[str, object]]]] = {
    S.DISPATCHED: [],
    S.ACCEPTED: [(A.ACCEPT, "street1", {})],
    S.IN_PROGRESS: [(A.ACCEPT, "street1", {}), (A.START, "street1", {})],
    S.RETURNED: [(A.RETURN, "street1", {"note": "非本单位职责"})],
    S.SUSPENDED: [
        (A.ACCEPT, "street1", {}),
        (A.REQUEST_EXTENSION, "street1", {"minutes": 480, "note": "需协调"}),
        (A.SUSPEND, "street1", {"note": "等待补充材料"}),
    ],
    S.RESOLVED: [(A.ACCEPT, "street1", {}), (A.RESOLVE, "street1", {"result": "已修复"})],
}
PATHS[S.REPLIED] = [*PATHS[S.RESOLVED], (A.REPLY, "disp", {})]
PATHS[S.RATED] = [*PATHS[S.REPLIED], (A.RATE, "citizen", {"rating": 2})]
PATHS[S.CLOSED] = [*PATHS[S.RATED], (A.CLOSE, "disp", {})]

# Who does each action, and what it needs.
COMMANDS: dict[A, tuple[str, dict[str, object]]] = {
    A.DISPATCH: ("disp", {"unit": "housing"}),
    A.ACCEPT: ("street1", {}),
    A.START: ("street1", {}),
    A.RETURN: ("street1", {"note": "非本单位职责"}),
    A.REASSIGN: ("disp", {"unit": "housing"}),
    A.REQUEST_EXTENSION: ("street1", {"minutes": 480, "note": "需协调"}),
    A.APPROVE_EXTENSION: ("disp", {}),
    A.REFUSE_EXTENSION: ("disp", {"note": "按期办结"}),
    A.SUSPEND: ("street1", {"note": "等待补充材料"}),
    A.RESUME: ("street1", {}),
    A.RESOLVE: ("street1", {"result": "已修复"}),
    A.REPLY: ("disp", {}),
    A.RATE: ("citizen", {"rating": 4}),
    A.REOPEN: ("disp", {}),
    A.CLOSE: ("disp", {}),
    A.MERGE: ("disp", {}),
}


def actor(city: City, who: str) -> Actor:
    return CITIZEN if who == "citizen" else city.actors[who]


async def ticket_in(city: City, database: Database, status: S) -> tuple[DispatchService, str]:
    """A service that does not auto-reply (so 已办结 can be held), and a ticket in `status`."""
    service = DispatchService(
        database,
        city_classifier(),
        WorkCalendar(SHANGHAI),
        SHANGHAI,
        now=city.time,
        auto_reply=False,
    )
    if status is S.RECEIVED:
        return service, (await city.petition("triage", "想咨询一下相关政策")).number
    number = (await city.petition("lamp", "东风路上的路灯坏了")).number
    if status is S.MERGED:
        master = (await city.petition("master", "东风路路灯不亮", ref="oOTHER")).number
        await service.act(number, Command(A.MERGE, into=master), city.actors["disp"])
        return service, number
    for action, who, arguments in PATHS[status]:
        await service.act(number, Command(action, **arguments), actor(city, who))  # type: ignore[arg-type]
    return service, number


@pytest.mark.parametrize(("action", "status"), sorted(LEGAL, key=str))
async def test_legal_action_moves_the_ticket(city: City, database: Database, action: A, status: S) -> None:
    service, number = await ticket_in(city, database, status)
    assert (await service.ticket(number, city.actors["disp"])).status is status
    who, arguments = COMMANDS[action]
    if action is A.MERGE:
        arguments = {"into": (await city.petition("other", "东风路路灯又坏了", ref="oTHIRD")).number}
    if action in (A.APPROVE_EXTENSION, A.REFUSE_EXTENSION) and status is not S.SUSPENDED:
        await service.act(
            number, Command(A.REQUEST_EXTENSION, minutes=480, note="需协调"), city.actors["street1"]
        )
    events = await count(database, TicketEvent)
    view = await service.act(number, Command(action, **arguments), actor(city, who))  # type: ignore[arg-type]
    expected = LEGAL[(action, status)]
    if action is A.RESUME:
        expected = S.ACCEPTED  # back to the status it was suspended from
    assert view.status is (status if expected is None else expected)
    assert await count(database, TicketEvent) == events + 1
    last = view.timeline[-1]
    assert (last.action, last.from_status, last.to_status) == (action, status, view.status)


@pytest.mark.parametrize("status", list(S))
async def test_every_illegal_action_is_refused_and_writes_nothing(
    city: City, database: Database, status: S
) -> None:
    service, number = await ticket_in(city, database, status)
    events = await count(database, TicketEvent)
    illegal = [action for action in A if action is not A.RECEIVE and (action, status) not in LEGAL]
    assert illegal
    for action in illegal:
        _who, arguments = COMMANDS[action]
        if action is A.MERGE:
            arguments = {"into": number}
        with pytest.raises(IllegalTransition):
            await service.act(number, Command(action, **arguments), Actor.system())  # type: ignore[arg-type]
        assert await count(database, TicketEvent) == events, action
        assert (await service.ticket(number, city.actors["disp"])).status is status, action
