"""Fixtures: a fresh empty database of each backend, and the same migrated or seeded."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispatch.database import Database
from minqing import migrate
from minqing.seed import apply_city, load_city
from tests.conftest import PG_ADMIN_URL, _pg_admin


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'minqing.db'}"
        return
    name = f"minqing_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _prepare(url: str, *, seed: bool) -> None:
    database = Database(url)
    try:
        await migrate.upgrade(database)
        if seed:
            await apply_city(database, load_city())
    finally:
        await database.dispose()


@pytest.fixture
def migrated_url(empty_url: str) -> str:
    """An empty database at the newest schema revision."""
    asyncio.run(_prepare(empty_url, seed=False))
    return empty_url


@pytest.fixture
def seeded_url(empty_url: str) -> str:
    """A database at the newest schema revision, holding the demo city."""
    asyncio.run(_prepare(empty_url, seed=True))
    return empty_url
