"""Alembic's environment: runs on the connection that `minqing.migrate` hands over in the config."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import TypeDecorator

from dispatch.models import Base


def render_item(kind: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    """Write a custom column type as the plain type under it, so revisions never import the models."""
    if kind == "type" and isinstance(item, TypeDecorator):
        return f"sa.{item.impl_instance!r}"
    return False


def run() -> None:
    """Configure the migration context on the given connection and run the migrations."""
    config = context.config
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through `minqing db …`; offline (--sql) mode is not supported")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
        **config.attributes.get("options", {}),
    )
    with context.begin_transaction():
        context.run_migrations()


run()
