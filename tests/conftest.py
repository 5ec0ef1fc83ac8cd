"""Shared fixtures: every storage test runs on SQLite and on the PostgreSQL server of this machine."""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text

from dispatch.database import Database
from dispatch.models import Base

pytest_plugins = ["tests.city"]

PG_ADMIN_URL = os.environ.get("MINQING_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _run_in_thread(coroutine_function: Callable[[], Awaitable[None]]) -> None:
    """Run a coroutine to completion on its own loop, even when the caller's loop is running."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine_function())  # type: ignore[arg-type]
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


async def _pg_admin(statement: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, with every table created."""
    name = f"minqing_test_{uuid.uuid4().hex[:12]}"
    _run_in_thread(lambda: _pg_admin(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    async def create_tables() -> None:
        database = Database(url)
        await database.create_all()
        await database.dispose()

    _run_in_thread(create_tables)
    yield url
    _run_in_thread(lambda: _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _empty_pg(database: Database) -> None:
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    async with database.engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database with every table, on each backend in turn."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'minqing.db'}")
        await db.create_all()
    else:
        db = Database(request.getfixturevalue("pg_database_url"))
        await _empty_pg(db)
    try:
        yield db
    finally:
        await db.dispose()
