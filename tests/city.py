"""The test city: a centre, three departments, a street with a community; and the service over it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dispatch.actors import Actor
from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.enums import Channel, ClockKind, Role, UnitLevel
from dispatch.intake import PetitionIn, Receipt
from dispatch.keyword_classifier import KeywordClassifier
from dispatch.models import Category, Person, RoutingRule, TimeLimit, Unit
from dispatch.people import actor_of
from dispatch.service import DispatchService

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Monday 2026-11-23 10:00 in Beijing: an ordinary working week.
MONDAY_10AM = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)

KEYWORDS = {
    "城乡建设": ["施工", "道路", "路灯", "井盖"],
    "物业管理": ["物业"],
    "环境保护": ["噪音", "污染", "排污"],
    "社会治安": ["盗窃", "诈骗"],
}


def city_classifier() -> KeywordClassifier:
    """The keyword classifier of the test city (物业管理 counts for its parent 城乡建设)."""
    return KeywordClassifier(KEYWORDS | {"城乡建设": KEYWORDS["城乡建设"] + KEYWORDS["物业管理"]})


class FakeTime:
    """The service's clock, moved by the test."""

    def __init__(self, start: datetime) -> None:
        self.current = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class City:
    """The service over the test city, and its people as actors."""

    service: DispatchService
    time: FakeTime
    actors: dict[str, Actor]
    units: dict[str, int]

    async def petition(
        self, message_id: str, text: str, *, title: str = "", ref: str | None = "oCITIZEN0001"
    ) -> Receipt:
        return await self.service.submit(
            PetitionIn(Channel.WECHAT, message_id, text, title=title, submitter_ref=ref)
        )


async def build_city(database: Database) -> tuple[dict[str, int], dict[str, Person]]:
    """Create the test org tree, categories, limits and rules; return unit ids and people by login."""
    async with database.transaction() as session:

        def unit(
            code: str, name: str, level: UnitLevel, parent: Unit | None = None, aliases: tuple[str, ...] = ()
        ) -> Unit:
            row = Unit(
                code=code,
                name=name,
                level=level.value,
                parent_id=parent.id if parent else None,
                aliases=list(aliases),
            )
            session.add(row)
            return row

        centre = unit("centre", "A市12345热线中心", UnitLevel.CENTRE)
        await session.flush()
        housing = unit("housing", "住房和城乡建设局", UnitLevel.DEPARTMENT, centre)
        environment = unit("environment", "生态环境局", UnitLevel.DEPARTMENT, centre)
        police = unit("police", "公安局", UnitLevel.DEPARTMENT, centre)
        street = unit("dongfeng", "东风街道", UnitLevel.STREET, centre, ("东风路", "A3区"))
        await session.flush()
        community = unit("dongfeng-1", "东风社区", UnitLevel.COMMUNITY, street, ("幸福小区",))
        await session.flush()
        staff = [
            ("disp", "派单员甲", Role.DISPATCHER, centre, "wx-disp"),
            ("leader", "市领导", Role.LEADER, centre, None),
            ("housing1", "住建承办", Role.HANDLER, housing, "wx-housing1"),
            ("env1", "环保承办", Role.HANDLER, environment, "wx-env1"),
            ("street1", "街道承办", Role.HANDLER, street, "wx-street1"),
            ("streethead", "街道主任", Role.HEAD, street, "wx-streethead"),
            ("community1", "社区承办", Role.HANDLER, community, "wx-community1"),
        ]
        people = {
            login: Person(login=login, name=name, role=role, unit_id=home.id, wecom_userid=wecom)
            for login, name, role, home, wecom in staff
        }
        session.add_all(people.values())
        building = Category(
            code="城乡建设", name="城乡建设", default_unit_id=housing.id, keywords=KEYWORDS["城乡建设"]
        )
        environmental = Category(
            code="环境保护", name="环境保护", default_unit_id=environment.id, keywords=KEYWORDS["环境保护"]
        )
        security = Category(code="社会治安", name="社会治安", keywords=KEYWORDS["社会治安"])
        session.add_all([building, environmental, security])
        await session.flush()
        session.add(
            Category(code="物业管理", name="物业管理", parent_id=building.id, keywords=KEYWORDS["物业管理"])
        )
        session.add_all(
            [
                TimeLimit(
                    category_id=building.id, urgency="normal", minutes=5 * 480, clock=ClockKind.WORKING
                ),
                TimeLimit(category_id=building.id, urgency="urgent", minutes=480, clock=ClockKind.WORKING),
                TimeLimit(category_id=building.id, urgency="emergency", minutes=120, clock=ClockKind.NATURAL),
                TimeLimit(
                    category_id=environmental.id, urgency="normal", minutes=3 * 480, clock=ClockKind.WORKING
                ),
                RoutingRule(
                    priority=10,
                    category_id=building.id,
                    area_level="street",
                    note="城乡建设问题由属地街道办理",
                ),
                RoutingRule(
                    priority=20,
                    category_id=security.id,
                    target_unit_id=police.id,
                    note="治安问题由公安局办理",
                ),
            ]
        )
        units = {row.code: row.id for row in (centre, housing, environment, police, street, community)}
    return units, people


@pytest.fixture
async def city(database: Database) -> AsyncIterator[City]:
    """The dispatch service over the test city, at Monday 10:00 Beijing time."""
    units, people = await build_city(database)
    time = FakeTime(MONDAY_10AM)
    service = DispatchService(database, city_classifier(), WorkCalendar(SHANGHAI), SHANGHAI, now=time)
    yield City(service, time, {login: actor_of(person) for login, person in people.items()}, units)
