"""An in-memory snapshot of the org tree, categories, routing rules and time limits.

Loaded from the database and shared by intake and the lifecycle service; `DirectoryCache` reloads it
when it is older than its time-to-live or after `invalidate()`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.database import Database
from dispatch.enums import ClockKind, Role, UnitLevel
from dispatch.errors import NotFound
from dispatch.models import Category, Person, RoutingRule, TimeLimit, Unit
from nlp_classifier.types import Urgency

AREA_LEVELS = (UnitLevel.GRID, UnitLevel.COMMUNITY, UnitLevel.STREET)
UNIT_STAFF = frozenset({Role.HANDLER, Role.HEAD})
CENTRE_STAFF = frozenset({Role.DISPATCHER})

# Used when a category has no time limit of its own: 5 working days, 1 working day, 2 natural hours.
DEFAULT_LIMITS: dict[Urgency, tuple[int, ClockKind]] = {
    Urgency.NORMAL: (5 * 480, ClockKind.WORKING),
    Urgency.URGENT: (480, ClockKind.WORKING),
    Urgency.EMERGENCY: (120, ClockKind.NATURAL),
}


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What routing and notices need of a unit."""

    id: int
    code: str
    name: str
    level: UnitLevel
    parent_id: int | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StaffInfo:
    """What notices need of a person."""

    id: int
    role: Role
    unit_id: int
    wecom_userid: str | None


@dataclass(frozen=True, slots=True)
class RouteDecision:
    """Where a ticket goes, and why (shown in the audit trail)."""

    unit_id: int
    reason: str


@dataclass
class Directory:
    """The org tree and routing data at one moment."""

    units: dict[int, UnitInfo]
    categories: dict[str, Category]
    rules: list[RoutingRule]
    limits: dict[tuple[int, Urgency], tuple[int, ClockKind]]
    staff: list[StaffInfo]
    centre_id: int
    _by_code: dict[str, UnitInfo] = field(init=False)
    _categories_by_id: dict[int, Category] = field(init=False)

    def __post_init__(self) -> None:
        self._by_code = {unit.code: unit for unit in self.units.values()}
        self._categories_by_id = {category.id: category for category in self.categories.values()}

    def unit_by_code(self, code: str) -> UnitInfo:
        """The unit with this code, or NotFound."""
        try:
            return self._by_code[code]
        except KeyError:
            raise NotFound(f"没有编码为「{code}」的单位") from None

    def category(self, code: str) -> Category:
        """The category with this code, or NotFound."""
        try:
            return self.categories[code]
        except KeyError:
            raise NotFound(f"没有名为「{code}」的分类") from None

    def chain(self, unit_id: int) -> list[int]:
        """The unit and every unit above it, nearest first."""
        chain: list[int] = []
        current: int | None = unit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = self.units[current].parent_id
        return chain

    def locate(self, text: str) -> UnitInfo | None:
        """The most specific area unit (grid, community, street) whose name or an alias is in `text`."""
        best: tuple[int, int, UnitInfo] | None = None
        for unit in self.units.values():
            if unit.level not in AREA_LEVELS:
                continue
            for name in (unit.name, *unit.aliases):
                if len(name) >= 2 and name in text:
                    rank = (AREA_LEVELS.index(unit.level), -len(name))
                    if best is None or rank < best[:2]:
                        best = (*rank, unit)
        return None if best is None else best[2]

    def route(self, category_code: str, area: UnitInfo | None) -> RouteDecision | None:
        """The first routing rule (by priority) that matches; then the category's default unit."""
        category = self.categories.get(category_code)
        category_ids = self._category_chain(category)
        area_chain = self.chain(area.id) if area else []
        for rule in self.rules:
            if rule.category_id is not None and rule.category_id not in category_ids:
                continue
            if rule.area_unit_id is not None and rule.area_unit_id not in area_chain:
                continue
            target = rule.target_unit_id or self._area_at_level(area_chain, rule.area_level)
            if target is not None:
                return RouteDecision(target, rule.note or f"分拨规则 #{rule.id}")
        for category_id in category_ids:
            default = self._categories_by_id[category_id].default_unit_id
            if default is not None:
                return RouteDecision(default, f"「{category_code}」默认承办单位")
        return None

    def time_limit(self, category_code: str, urgency: Urgency) -> tuple[int, ClockKind]:
        """The category's limit at this urgency (a sub-category falls back to its parent's)."""
        for category_id in self._category_chain(self.categories.get(category_code)):
            limit = self.limits.get((category_id, urgency))
            if limit is not None:
                return limit
        return DEFAULT_LIMITS[urgency]

    def recipients(self, unit_id: int) -> list[str]:
        """WeCom user ids of the people who work a unit's tickets: the dispatchers for the centre,
        the handlers and heads elsewhere."""
        roles = CENTRE_STAFF if unit_id == self.centre_id else UNIT_STAFF
        return [
            person.wecom_userid
            for person in self.staff
            if person.unit_id == unit_id and person.role in roles and person.wecom_userid
        ]

    def _category_chain(self, category: Category | None) -> list[int]:
        chain: list[int] = []
        while category is not None and category.id not in chain:
            chain.append(category.id)
            category = self._categories_by_id.get(category.parent_id) if category.parent_id else None
        return chain

    def _area_at_level(self, area_chain: list[int], level: str | None) -> int | None:
        if level is None:
            return None
        return next((unit_id for unit_id in area_chain if self.units[unit_id].level == level), None)


def top_level_codes(categories: Iterable[Category]) -> dict[str, str]:
    """Each category's code mapped to the code of its top-level ancestor (itself when top-level)."""
    rows = list(categories)
    by_id = {category.id: category for category in rows}
    tops: dict[str, str] = {}
    for category in rows:
        top, seen = category, {category.id}
        while top.parent_id in by_id and top.parent_id not in seen:
            top = by_id[top.parent_id]
            seen.add(top.id)
        tops[category.code] = top.code
    return tops


async def load_directory(session: AsyncSession) -> Directory:
    """Read the whole directory in one go."""
    units = {
        unit.id: UnitInfo(
            unit.id, unit.code, unit.name, UnitLevel(unit.level), unit.parent_id, tuple(unit.aliases or ())
        )
        for unit in await session.scalars(select(Unit).where(Unit.active))
    }
    centre = next((unit for unit in units.values() if unit.level is UnitLevel.CENTRE), None)
    if centre is None:
        raise NotFound("组织架构中没有派单中心（level = centre）：请先运行 minqing seed-demo 或导入组织架构")
    categories = {category.code: category for category in await session.scalars(select(Category))}
    rules = list(await session.scalars(select(RoutingRule).order_by(RoutingRule.priority, RoutingRule.id)))
    limits = {
        (limit.category_id, Urgency(limit.urgency)): (limit.minutes, ClockKind(limit.clock))
        for limit in await session.scalars(select(TimeLimit))
    }
    staff = [
        StaffInfo(person.id, Role(person.role), person.unit_id, person.wecom_userid)
        for person in await session.scalars(select(Person).where(Person.active))
    ]
    session.expunge_all()
    return Directory(units, categories, rules, limits, staff, centre.id)


class DirectoryCache:
    """Keeps one Directory for `ttl` seconds, so intake does not re-read the org tree per petition."""

    def __init__(self, database: Database, ttl: float = 30.0) -> None:
        self._database = database
        self._ttl = ttl
        self._directory: Directory | None = None
        self._loaded_at = 0.0

    async def get(self) -> Directory:
        """The current directory, reloaded when stale."""
        if self._directory is None or time.monotonic() - self._loaded_at > self._ttl:
            async with self._database.reading() as session:
                self._directory = await load_directory(session)
            self._loaded_at = time.monotonic()
        return self._directory

    def invalidate(self) -> None:
        """Forget the snapshot (after the org tree, rules or limits were edited)."""
        self._directory = None
