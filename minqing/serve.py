"""`minqing serve`: refuse an out-of-date schema, then run the app until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web

from dispatch.database import Database
from minqing import migrate
from minqing.app import build_app
from minqing.settings import Settings

logger = logging.getLogger(__name__)


class CannotListen(RuntimeError):
    """The HTTP address is taken or not ours to bind."""


async def serve(settings: Settings) -> None:
    """Serve HTTP on MINQING_HOST:MINQING_PORT until a SIGTERM or SIGINT, then shut down cleanly."""
    database = Database(settings.database_url)
    try:
        await migrate.require_current(database)
    finally:
        await database.dispose()
    runner = web.AppRunner(build_app(settings), handle_signals=False)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, settings.host, settings.port).start()
        except OSError as error:
            raise CannotListen(
                f"cannot listen on {settings.host}:{settings.port}: {error.strerror}"
            ) from None
        logger.info(
            "minqing listening on http://%s:%d (database %s)",
            settings.host,
            settings.port,
            settings.database_url_display,
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        logger.info("minqing stopping")
    finally:
        await runner.cleanup()
