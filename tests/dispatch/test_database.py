"""The database layer stores aware UTC times and isolates failed transactions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from dispatch.database import Database, async_url
from dispatch.models import TicketCounter, Unit


def test_plain_urls_get_async_drivers() -> None:
    assert async_url("sqlite:///var/minqing.db") == "sqlite+aiosqlite:///var/minqing.db"
    assert async_url("postgresql://u:p@h:5432/db") == "postgresql+asyncpg://u:p@h:5432/db"
    assert async_url("postgresql+asyncpg://h/db") == "postgresql+asyncpg://h/db"


async def test_failed_transaction_leaves_nothing(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.transaction() as session:
            session.add(Unit(code="c", name="中心", level="centre", aliases=[]))
            await session.flush()
            raise RuntimeError("boom")
    async with database.reading() as session:
        assert (await session.scalars(select(Unit))).all() == []


async def test_times_round_trip_as_aware_utc(database: Database) -> None:
    from dispatch.models import ApiToken, Person

    beijing = timezone(timedelta(hours=8))
    created = datetime(2026, 10, 1, 9, 30, tzinfo=beijing)
    async with database.transaction() as session:
        unit = Unit(code="c", name="中心", level="centre", aliases=[])
        session.add(unit)
        await session.flush()
        person = Person(login="a", name="甲", role="dispatcher", unit_id=unit.id)
        session.add(person)
        await session.flush()
        session.add(ApiToken(person_id=person.id, token_sha256="0" * 64, created_at=created))
        session.add(TicketCounter(day="20261001", last=1))
    async with database.reading() as session:
        token = (await session.scalars(select(ApiToken))).one()
    assert token.created_at == created
    assert token.created_at.tzinfo == UTC
