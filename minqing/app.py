"""The aiohttp application: settings, the database's lifetime, /healthz, and where the channels mount."""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from dispatch.database import Database
from minqing.health import HEALTH_CHECKS, channel_checks, database_check, healthz
from minqing.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
DATABASE = web.AppKey("database", Database)


async def _database_lifetime(app: web.Application) -> AsyncIterator[None]:
    app[DATABASE] = Database(app[SETTINGS].database_url)
    yield
    await app[DATABASE].dispose()


def build_app(settings: Settings) -> web.Application:
    """The whole HTTP service for these settings (the database opens when the app starts)."""
    app = web.Application()
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_database_lifetime)
    app[HEALTH_CHECKS] = {"database": database_check(lambda: app[DATABASE]), **channel_checks(settings)}
    app.router.add_get("/healthz", healthz)
    # Mount points of ARCHITECTURE.md, each added here by the package that implements it:
    #   /api/v1/         JSON API (a `minqing/api/` package: app.add_subapp("/api/v1", build_api(...)))
    #   /wechat/callback, /wecom/callback   bots;   /mailbox/   inbox
    return app
