"""Seed data from a TOML file (the demo city, `demo_city.toml`): validated, then upserted idempotently."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.database import Database
from dispatch.enums import ClockKind, Role, UnitLevel
from dispatch.models import Base, Category, Person, RoutingRule, TimeLimit, Unit
from nlp_classifier.types import Urgency

DEMO_CITY = Path(__file__).with_name("demo_city.toml")

# Where each level of unit hangs in the tree; this also rules out cycles.
_PARENT_LEVEL: dict[UnitLevel, UnitLevel | None] = {
    UnitLevel.CENTRE: None,
    UnitLevel.DEPARTMENT: UnitLevel.CENTRE,
    UnitLevel.STREET: UnitLevel.CENTRE,
    UnitLevel.COMMUNITY: UnitLevel.STREET,
    UnitLevel.GRID: UnitLevel.COMMUNITY,
}
_AREA_LEVELS = (UnitLevel.STREET, UnitLevel.COMMUNITY, UnitLevel.GRID)
_DURATION = re.compile(r"^(\d+)\s+(working\s+)?(minute|hour|day)s?$")
_WORKING_DAY_MINUTES = 480

Limit = tuple[int, ClockKind]


class SeedError(ValueError):
    """The seed file is malformed or inconsistent; the message says where."""


@dataclass(frozen=True, slots=True)
class UnitSeed:
    code: str
    name: str
    level: UnitLevel
    parent: str | None
    aliases: list[str]


@dataclass(frozen=True, slots=True)
class PersonSeed:
    login: str
    name: str
    role: Role
    unit: str
    wecom_userid: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class CategorySeed:
    code: str
    name: str
    parent: str | None
    default_unit: str | None
    keywords: list[str]
    limits: dict[Urgency, Limit]


@dataclass(frozen=True, slots=True)
class RuleSeed:
    priority: int
    category: str | None
    area: str | None
    target: str | None
    area_level: UnitLevel | None
    note: str


@dataclass(frozen=True, slots=True)
class City:
    """A whole seed: the org tree, people, categories with their limits, and routing rules."""

    units: list[UnitSeed]
    people: list[PersonSeed]
    categories: list[CategorySeed]
    rules: list[RuleSeed]


@dataclass(slots=True)
class SeedReport:
    """How many rows of each table a seed created and updated."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> int:
        """Rows created or updated, all tables together."""
        return self.created.total() + self.updated.total()


class _Entry:
    """One TOML table being read: typed access, and an error for any key left unread."""

    def __init__(self, where: str, table: Any) -> None:
        if not isinstance(table, dict):
            raise SeedError(f"{where}: expected a table")
        self.where, self._table, self._read = where, table, set[str]()

    def get(self, key: str, kind: type[Any], default: Any = ...) -> Any:
        self._read.add(key)
        if key not in self._table:
            if default is ...:
                raise SeedError(f"{self.where}: {key!r} is missing")
            return default
        value = self._table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise SeedError(f"{self.where}: {key!r} must be {_KIND_NAMES[kind]}")
        return value

    def texts(self, key: str) -> list[str]:
        values: list[Any] = self.get(key, list, [])
        if not all(isinstance(value, str) for value in values):
            raise SeedError(f"{self.where}: {key!r} must be a list of text")
        return values

    def choice(self, key: str, vocabulary: type[Any], default: Any = ...) -> Any:
        value = self.get(key, str, default)
        if value is None:
            return None
        try:
            return vocabulary(value)
        except ValueError:
            allowed = ", ".join(member.value for member in vocabulary)
            raise SeedError(f"{self.where}: {key} {value!r} is not one of {allowed}") from None

    def done(self) -> None:
        unknown = sorted(set(self._table) - self._read)
        if unknown:
            raise SeedError(f"{self.where}: unknown key {', '.join(map(repr, unknown))}")


_KIND_NAMES = {str: "text", int: "an integer", list: "a list", dict: "a table"}


def load_city(path: Path = DEMO_CITY) -> City:
    """Read and validate a seed file; raises SeedError naming the first problem found."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SeedError(f"{path}: {error}") from None
    top = _Entry(str(path), document)
    units, people = _read_units(top.get("units", list, []), path)
    unit_codes = {unit.code for unit in units}
    categories = _read_categories(top.get("categories", list, []), unit_codes, path)
    rules = _read_rules(top.get("routing", list, []), unit_codes, {c.code for c in categories}, path)
    top.done()
    return City(units=units, people=people, categories=categories, rules=rules)


def _entries(items: list[Any], label: str, path: Path) -> list[_Entry]:
    return [_Entry(f"{path}: {label} #{number}", item) for number, item in enumerate(items, 1)]


def _unique(values: list[str], what: str, path: Path) -> None:
    duplicates = sorted(value for value, count in Counter(values).items() if count > 1)
    if duplicates:
        raise SeedError(f"{path}: {what} used more than once: {', '.join(duplicates)}")


def _known(entry: _Entry, key: str, value: str | None, known: set[str], what: str) -> None:
    if value is not None and value not in known:
        raise SeedError(f"{entry.where}: {key} {value!r} is not a known {what}")


def _read_units(items: list[Any], path: Path) -> tuple[list[UnitSeed], list[PersonSeed]]:
    """The units, checked to form a tree of the right levels, and the people listed in each."""
    entries = _entries(items, "unit", path)
    units, people = [], []
    for entry in entries:
        unit = UnitSeed(
            code=entry.get("code", str),
            name=entry.get("name", str),
            level=entry.choice("level", UnitLevel),
            parent=entry.get("parent", str, None),
            aliases=entry.texts("aliases"),
        )
        people += _read_people(entry.get("people", list, []), unit.code, path)
        entry.done()
        units.append(unit)
    _unique([unit.code for unit in units], "unit code", path)
    levels = {unit.code: unit.level for unit in units}
    for entry, unit in zip(entries, units, strict=True):
        _known(entry, "parent", unit.parent, set(levels), "unit")
        wanted = _PARENT_LEVEL[unit.level]
        actual = levels[unit.parent] if unit.parent else None
        if actual != wanted:
            raise SeedError(f"{entry.where}: a {unit.level} must hang under a {wanted or 'nothing'} (parent)")
    _unique([person.login for person in people], "login", path)
    _unique([p.wecom_userid for p in people if p.wecom_userid], "wecom_userid", path)
    return units, people


def _read_people(items: list[Any], unit: str, path: Path) -> list[PersonSeed]:
    people = []
    for entry in _entries(items, f"person of {unit}", path):
        person = PersonSeed(
            login=entry.get("login", str),
            name=entry.get("name", str),
            role=entry.choice("role", Role),
            unit=unit,
            wecom_userid=entry.get("wecom_userid", str, None),
            email=entry.get("email", str, None),
        )
        entry.done()
        people.append(person)
    return people


def _read_categories(items: list[Any], unit_codes: set[str], path: Path) -> list[CategorySeed]:
    categories = []
    for entry in _entries(items, "category", path):
        code = entry.get("code", str)
        top = _read_category(entry, code, entry.get("name", str, code), None, unit_codes)
        categories.append(top)
        for child in _entries(entry.get("children", list, []), f"child of {code}", path):
            name = child.get("name", str)
            categories.append(_read_category(child, f"{code}/{name}", name, top, unit_codes))
            child.done()
        entry.done()
    _unique([category.code for category in categories], "category code", path)
    return categories


def _read_category(
    entry: _Entry, code: str, name: str, parent: CategorySeed | None, unit_codes: set[str]
) -> CategorySeed:
    """A category; a child inherits its parent's default unit and the time limits it does not give."""
    default_unit = entry.get("default_unit", str, parent.default_unit if parent else None)
    _known(entry, "default_unit", default_unit, unit_codes, "unit")
    limits = dict(parent.limits) if parent else {}
    limits_entry = _Entry(f"{entry.where}: limits", entry.get("limits", dict, {}))
    for urgency in Urgency:
        text = limits_entry.get(urgency.value, str, None)
        if text is not None:
            limits[urgency] = _duration(limits_entry, urgency.value, text)
    limits_entry.done()
    return CategorySeed(
        code=code,
        name=name,
        parent=parent.code if parent else None,
        default_unit=default_unit,
        keywords=entry.texts("keywords"),
        limits=limits,
    )


def _duration(entry: _Entry, key: str, text: str) -> Limit:
    """'10 working days' → (4800, working); '120 minutes' → (120, natural)."""
    match = _DURATION.match(text.strip())
    if not match:
        raise SeedError(f"{entry.where}: {key} {text!r} is not like '5 working days' or '120 minutes'")
    count, working, unit = int(match[1]), bool(match[2]), match[3]
    day = _WORKING_DAY_MINUTES if working else 24 * 60
    minutes = count * {"minute": 1, "hour": 60, "day": day}[unit]
    return minutes, ClockKind.WORKING if working else ClockKind.NATURAL


def _read_rules(items: list[Any], unit_codes: set[str], categories: set[str], path: Path) -> list[RuleSeed]:
    rules = []
    for entry in _entries(items, "routing rule", path):
        rule = RuleSeed(
            priority=entry.get("priority", int),
            category=entry.get("category", str, None),
            area=entry.get("area", str, None),
            target=entry.get("target", str, None),
            area_level=entry.choice("area_level", UnitLevel, None),
            note=entry.get("note", str, ""),
        )
        entry.done()
        _known(entry, "category", rule.category, categories, "category")
        for key in ("area", "target"):
            _known(entry, key, getattr(rule, key), unit_codes, "unit")
        if (rule.target is None) == (rule.area_level is None):
            raise SeedError(f"{entry.where}: give either a target or an area_level, not both or neither")
        if rule.area_level is not None and (rule.area is None or rule.area_level not in _AREA_LEVELS):
            raise SeedError(f"{entry.where}: an area_level (street, community or grid) needs an area")
        rules.append(rule)
    _unique(
        [f"{r.priority} {r.category} {r.area}" for r in rules],
        "routing rule (priority, category, area)",
        path,
    )
    return rules


ModelT = TypeVar("ModelT", bound=Base)


class _Upserter:
    """Creates the rows that are missing and updates the ones that differ, counting both."""

    def __init__(self, session: AsyncSession, report: SeedReport) -> None:
        self.session, self.report = session, report

    async def sync(
        self,
        model: type[ModelT],
        key_of: Callable[[ModelT], Hashable],
        rows: list[dict[str, Any]],
    ) -> dict[Hashable, ModelT]:
        existing = {key_of(row): row for row in (await self.session.scalars(select(model))).unique()}
        table = model.__tablename__
        for values in rows:
            wanted = model(**values)
            row = existing.get(key_of(wanted))
            if row is None:
                self.session.add(wanted)
                await self.session.flush()
                existing[key_of(wanted)] = wanted
                self.report.created[table] += 1
                continue
            changed = {name: value for name, value in values.items() if getattr(row, name) != value}
            if changed:
                for name, value in changed.items():
                    setattr(row, name, value)
                self.report.updated[table] += 1
        await self.session.flush()
        return existing


async def apply_city(
    database: Database, city: City, on_step: Callable[[str], None] | None = None
) -> SeedReport:
    """Upsert a city in one transaction; running it again with the same data changes nothing."""
    report = SeedReport()
    step = on_step or (lambda _table: None)
    async with database.transaction() as session:
        upsert = _Upserter(session, report)
        units: dict[Hashable, Unit] = {}
        for level in _PARENT_LEVEL:  # level by level, so that every parent's id is known
            group = [
                {
                    "code": u.code,
                    "name": u.name,
                    "level": u.level.value,
                    "parent_id": units[u.parent].id if u.parent else None,
                    "aliases": u.aliases,
                }
                for u in city.units
                if u.level == level
            ]
            units |= await upsert.sync(Unit, _code, group)
        step("units")
        people = [
            {
                "login": p.login,
                "name": p.name,
                "role": p.role.value,
                "unit_id": units[p.unit].id,
                "wecom_userid": p.wecom_userid,
                "email": p.email,
            }
            for p in city.people
        ]
        await upsert.sync(Person, _login, people)
        step("people")
        categories: dict[Hashable, Category] = {}
        for top_level in (True, False):  # top-level ones first, so that every parent's id is known
            group = [
                {
                    "code": c.code,
                    "name": c.name,
                    "parent_id": categories[c.parent].id if c.parent else None,
                    "default_unit_id": units[c.default_unit].id if c.default_unit else None,
                    "keywords": c.keywords,
                }
                for c in city.categories
                if (c.parent is None) == top_level
            ]
            categories |= await upsert.sync(Category, _code, group)
        step("categories")
        limits = [
            {
                "category_id": categories[c.code].id,
                "urgency": urgency.value,
                "minutes": minutes,
                "clock": clock.value,
            }
            for c in city.categories
            for urgency, (minutes, clock) in c.limits.items()
        ]
        await upsert.sync(TimeLimit, lambda row: (row.category_id, row.urgency), limits)
        step("time_limits")
        rules = [
            {
                "priority": r.priority,
                "category_id": categories[r.category].id if r.category else None,
                "area_unit_id": units[r.area].id if r.area else None,
                "target_unit_id": units[r.target].id if r.target else None,
                "area_level": r.area_level.value if r.area_level else None,
                "note": r.note,
            }
            for r in city.rules
        ]
        await upsert.sync(RoutingRule, lambda row: (row.priority, row.category_id, row.area_unit_id), rules)
        step("routing_rules")
    return report


def _code(row: Unit | Category) -> Hashable:
    return row.code


def _login(row: Person) -> Hashable:
    return row.login
