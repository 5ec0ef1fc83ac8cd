"""Alembic migrations of the minqing schema (run them with `minqing db upgrade`)."""
