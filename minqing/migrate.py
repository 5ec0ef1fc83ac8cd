"""Alembic driven from code: no alembic.ini needed, the migrations ship inside the package."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.operations.ops import MigrationScript
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from dispatch.database import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None, **options: Any) -> Config:
    """A Config for the packaged migrations; `options` go to Alembic's `context.configure`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "v%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    config.attributes["options"] = options
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _pending(connection: Connection) -> list[str]:
    current = MigrationContext.configure(connection).get_current_heads()
    return _revisions_after(current[0] if current else "base")


def _revisions_after(lower: str) -> list[str]:
    return [script.revision for script in reversed(list(_scripts().iterate_revisions("heads", lower)))]


async def pending(database: Database) -> list[str]:
    """The revisions not yet applied to this database, oldest first (all, for a missing SQLite file)."""
    if database.sqlite_path is not None and not database.sqlite_path.exists():
        return _revisions_after("base")
    async with database.engine.connect() as connection:
        return await connection.run_sync(_pending)


class NotMigrated(RuntimeError):
    """The database lacks revisions of the schema; `minqing db upgrade` applies them."""


async def require_current(database: Database) -> None:
    """Raise NotMigrated unless the database is at the newest schema revision.

    A missing SQLite file is reported, not created: only `minqing db upgrade` creates a database.
    """
    if database.sqlite_path is not None and not database.sqlite_path.exists():
        raise NotMigrated(
            f"there is no database file at {database.sqlite_path}: run `minqing db upgrade` first"
        )
    missing = await pending(database)
    if missing:
        revisions = ", ".join(missing)
        raise NotMigrated(f"the schema lacks revision(s) {revisions}: run `minqing db upgrade` first")


async def upgrade(database: Database, on_step: Callable[[str], None] | None = None) -> None:
    """Apply every pending revision; `on_step` is told each revision id as it is applied."""

    def applied(*, step: Any, **_: Any) -> None:
        if on_step is not None:
            on_step(step.up_revision_id)

    def run(connection: Connection) -> None:
        command.upgrade(alembic_config(connection, on_version_apply=applied), "head")

    database.make_sqlite_folder()
    async with database.engine.begin() as connection:
        await connection.run_sync(run)


def _drop_if_empty(_context: MigrationContext, _revision: Any, directives: list[MigrationScript]) -> None:
    if all(script.upgrade_ops is None or script.upgrade_ops.is_empty() for script in directives):
        directives.clear()


async def new_revision(message: str) -> Path | None:
    """Autogenerate the next revision from the models' difference to the migrations; None if none."""
    with tempfile.TemporaryDirectory() as scratch:
        database = Database(f"sqlite:///{scratch}/head.db")
        try:
            await upgrade(database)
            rev_id = f"{_count(_scripts().walk_revisions()) + 1:04d}"

            def generate(connection: Connection) -> Any:
                config = alembic_config(connection, process_revision_directives=_drop_if_empty)
                return command.revision(config, message, autogenerate=True, rev_id=rev_id)

            async with database.engine.begin() as connection:
                script = await connection.run_sync(generate)
        finally:
            await database.dispose()
    return Path(script.path) if script else None


def _count(items: Iterable[object]) -> int:
    return sum(1 for _ in items)
