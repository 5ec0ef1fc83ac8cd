"""The packaged migrations build exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from dispatch.database import Database
from dispatch.models import Base
from minqing import migrate


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _schema(connection: Connection) -> dict[str, list[str]]:
    inspector = inspect(connection)
    return {
        table: sorted(column["name"] for column in inspector.get_columns(table))
        for table in inspector.get_table_names()
    }


async def test_upgrade_from_empty_matches_the_models(empty_url: str) -> None:
    database = Database(empty_url)
    try:
        assert await migrate.pending(database) == ["0001"]
        applied: list[str] = []
        await migrate.upgrade(database, on_step=applied.append)
        assert applied == ["0001"]
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            tables = set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
        assert await migrate.pending(database) == []
    finally:
        await database.dispose()


async def test_upgrade_twice_is_a_no_op(migrated_url: str) -> None:
    database = Database(migrated_url)
    try:
        async with database.engine.connect() as connection:
            before = await connection.run_sync(_schema)
        applied: list[str] = []
        await migrate.upgrade(database, on_step=applied.append)
        assert applied == []
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_schema) == before
            version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
        assert version == "0001"
        await migrate.require_current(database)
    finally:
        await database.dispose()


def test_migrations_ship_inside_the_package() -> None:
    assert (migrate.MIGRATIONS / "env.py").is_file()
    assert (migrate.MIGRATIONS / "script.py.mako").is_file()
    assert (migrate.MIGRATIONS / "versions" / "v0001_initial_schema.py").is_file()
