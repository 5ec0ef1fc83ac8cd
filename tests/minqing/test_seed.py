"""The demo city: the promised counts, an idempotent load, and a loader that rejects bad data."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dispatch.database import Database
from dispatch.enums import ClockKind
from dispatch.models import Category, Person, RoutingRule, TimeLimit, Unit
from minqing.seed import DEMO_CITY, City, SeedError, apply_city, load_city
from nlp_classifier.types import Urgency

TRAINING_LABELS = {"城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "环境保护", "卫生计生", "交通运输"}


async def _counts(database: Database) -> dict[str, int]:
    async with database.reading() as session:
        counts = {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model))
            for model in (Unit, Person, Category, TimeLimit, RoutingRule)
        }
    return {name: count or 0 for name, count in counts.items()}


async def test_demo_city_counts_and_idempotence(migrated_url: str) -> None:
    database = Database(migrated_url)
    city = load_city()
    try:
        first = await apply_city(database, city)
        counts = await _counts(database)
        second = await apply_city(database, city)
        assert second.changed == 0
        assert await _counts(database) == counts
        assert first.created.total() == sum(counts.values())
        async with database.reading() as session:
            levels = Counter((await session.scalars(select(Unit.level))).all())
            roles = Counter((await session.scalars(select(Person.role))).all())
            tops = (await session.scalars(select(Category).where(Category.parent_id.is_(None)))).all()
    finally:
        await database.dispose()
    assert levels == {"centre": 1, "street": 3, "community": 6, "grid": 12, "department": 8}
    assert roles["leader"] == 1 and roles["dispatcher"] >= 1
    assert roles["head"] == 8 + 3
    assert len(tops) == 9
    assert {category.code for category in tops} == TRAINING_LABELS | {"社会治安", "矛盾纠纷"}


async def test_changed_data_is_updated_in_place(seeded_url: str) -> None:
    city = load_city()
    renamed = [
        replace(unit, name="A3区西湖街道办事处") if unit.code == "st-xihu" else unit for unit in city.units
    ]
    database = Database(seeded_url)
    try:
        report = await apply_city(database, replace(city, units=renamed))
        async with database.reading() as session:
            name = await session.scalar(select(Unit.name).where(Unit.code == "st-xihu"))
    finally:
        await database.dispose()
    assert report.updated == {"units": 1} and not report.created
    assert name == "A3区西湖街道办事处"


def test_demo_city_content() -> None:
    city = load_city()
    tops = [category for category in city.categories if category.parent is None]
    for top in tops:
        assert 15 <= len(top.keywords) <= 30, top.code
        assert set(top.limits) == set(Urgency), top.code
        children = [c for c in city.categories if c.parent == top.code]
        assert 2 <= len(children) <= 4, top.code
        assert all(child.default_unit == top.default_unit for child in children)
    normal = {top.code: top.limits[Urgency.NORMAL] for top in tops}
    assert all(
        clock == ClockKind.WORKING and 5 * 480 <= minutes <= 15 * 480 for minutes, clock in normal.values()
    )
    assert all(top.limits[Urgency.URGENT] == (480, ClockKind.WORKING) for top in tops)
    assert all(top.limits[Urgency.EMERGENCY][1] == ClockKind.NATURAL for top in tops)
    streets_and_communities = [u for u in city.units if u.level in {"street", "community"}]
    assert all(unit.aliases for unit in streets_and_communities)
    for person in city.people:
        assert person.wecom_userid
    assert [rule.priority for rule in city.rules][:3] == [10, 20, 30]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    return path


CENTRE = '[[units]]\ncode = "c"\nname = "中心"\nlevel = "centre"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            CENTRE + '[[units]]\ncode = "s"\nname = "街道"\nlevel = "street"\nparent = "x"\n',
            "parent 'x' is not a known unit",
        ),
        (
            CENTRE + '[[units]]\ncode = "g"\nname = "网格"\nlevel = "grid"\nparent = "c"\n',
            "a grid must hang under a community",
        ),
        (
            CENTRE + '[[units]]\ncode = "c"\nname = "又一个"\nlevel = "centre"\n',
            "unit code used more than once: c",
        ),
        (CENTRE + 'level2 = "x"\n', "unknown key 'level2'"),
        (CENTRE.replace('centre"\n', 'city"\n'), "level 'city' is not one of"),
        (
            CENTRE + 'people = [{ login = "a", name = "甲", role = "boss" }]\n',
            "role 'boss' is not one of dispatcher, handler, head, leader",
        ),
        (
            CENTRE + 'people = [{ login = "a", name = "甲", role = "handler" },\n'
            '{ login = "a", name = "乙", role = "head" }]\n',
            "login used more than once: a",
        ),
        (
            CENTRE + '[[categories]]\ncode = "城乡建设"\nlimits = { normal = "fortnight" }\n',
            "normal 'fortnight' is not like '5 working days'",
        ),
        (
            CENTRE + '[[categories]]\ncode = "城乡建设"\ndefault_unit = "nowhere"\n',
            "default_unit 'nowhere' is not a known",
        ),
        (
            CENTRE + '[[routing]]\npriority = 1\ntarget = "c"\narea_level = "street"\n',
            "either a target or an area_level",
        ),
        (
            CENTRE + '[[routing]]\npriority = 1\narea_level = "street"\n',
            "an area_level (street, community or grid) needs",
        ),
        (CENTRE + '[[routing]]\npriority = "high"\ntarget = "c"\n', "'priority' must be an integer"),
        (
            CENTRE + '[[routing]]\npriority = 1\ncategory = "无"\ntarget = "c"\n',
            "category '无' is not a known category",
        ),
        ("units = [", "city.toml"),
    ],
)
def test_loader_rejects_bad_data(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SeedError) as caught:
        load_city(_write(tmp_path, text))
    assert message in str(caught.value)


def test_durations(tmp_path: Path) -> None:
    limits = '{ normal = "3 working days", urgent = "4 working hours", emergency = "2 hours" }'
    city = load_city(_write(tmp_path, CENTRE + f'[[categories]]\ncode = "X"\nlimits = {limits}\n'))
    assert city.categories[0].limits == {
        Urgency.NORMAL: (1440, ClockKind.WORKING),
        Urgency.URGENT: (240, ClockKind.WORKING),
        Urgency.EMERGENCY: (120, ClockKind.NATURAL),
    }


def test_packaged_demo_city_is_the_default() -> None:
    assert DEMO_CITY.name == "demo_city.toml"
    assert isinstance(load_city(DEMO_CITY), City)
