"""The aiohttp application: settings, the database's lifetime, the dispatch service, /healthz, the API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

from aiohttp import web

from dispatch.database import Database
from minqing.api import build_api
from minqing.appkeys import DATABASE, DISPATCH, SETTINGS
from minqing.composition import build_service, load_classifier
from minqing.health import HEALTH_CHECKS, channel_checks, database_check, healthz
from minqing.settings import Settings
from nlp_classifier.types import Classifier


async def _database_lifetime(app: web.Application) -> AsyncIterator[None]:
    app[DATABASE] = Database(app[SETTINGS].database_url)
    yield
    await app[DATABASE].dispose()


def _dispatch_lifetime(classifier: Classifier | None) -> Callable[[web.Application], Any]:
    async def lifetime(app: web.Application) -> AsyncIterator[None]:
        chosen = classifier if classifier is not None else await load_classifier()
        app[DISPATCH] = build_service(app[SETTINGS], app[DATABASE], chosen)
        yield

    return lifetime


def build_app(settings: Settings, classifier: Classifier | None = None) -> web.Application:
    """The whole HTTP service for these settings (the database opens and the model loads at start-up).

    `classifier` replaces the default trained model (tests pass a light one).
    """
    app = web.Application()
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_database_lifetime)
    app.cleanup_ctx.append(_dispatch_lifetime(classifier))
    app[HEALTH_CHECKS] = {"database": database_check(lambda: app[DATABASE]), **channel_checks(settings)}
    app.router.add_get("/healthz", healthz)
    app.add_subapp("/api/v1", build_api())
    # Still to mount (ARCHITECTURE.md): /wechat/callback, /wecom/callback (bots), /mailbox/ (inbox).
    return app
