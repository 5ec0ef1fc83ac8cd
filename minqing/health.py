"""`GET /healthz`: every registered check runs at once; any "fail: …" makes the answer 503."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from dispatch.database import Database
from minqing.settings import Settings

HealthCheck = Callable[[], Awaitable[str]]
CHECK_TIMEOUT_SECONDS = 3.0

HEALTH_CHECKS = web.AppKey("health_checks", dict[str, HealthCheck])


def database_check(database: Callable[[], Database]) -> HealthCheck:
    """A check that runs `SELECT 1` on the (current) database."""

    async def check() -> str:
        async with database().engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return "ok"

    return check


def channel_checks(settings: Settings) -> dict[str, HealthCheck]:
    """One entry per channel: "off" when its settings are absent, else "configured".

    A channel adapter that runs replaces its entry with a live check (a stalled poller, a stuck outbox).
    """
    enabled = {
        "wechat": settings.wechat_enabled,
        "wecom": settings.wecom_enabled,
        "hotline_ami": settings.hotline_ami_enabled,
        "hotline_agi": settings.agi_enabled,
        "imap": settings.imap_enabled,
        "smtp": settings.smtp_enabled,
    }
    return {name: _fixed("configured" if on else "off") for name, on in enabled.items()}


def _fixed(state: str) -> HealthCheck:
    async def check() -> str:
        return state

    return check


async def _run(check: HealthCheck) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            return await check()
    except TimeoutError:
        return f"fail: no answer within {CHECK_TIMEOUT_SECONDS:g} s"
    except DBAPIError as error:
        return f"fail: {_reason(error.orig or error)}"
    except Exception as error:
        return f"fail: {_reason(error)}"


def _reason(error: BaseException) -> str:
    first_line = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__name__}: {first_line}"[:200] if first_line else type(error).__name__


async def healthz(request: web.Request) -> web.Response:
    """200 {"status": "ok", "checks": {...}}, or 503 with "status": "fail" when any check failed."""
    checks = request.app[HEALTH_CHECKS]
    results = await asyncio.gather(*(_run(check) for check in checks.values()))
    named = dict(zip(checks, results, strict=True))
    failed = any(result.startswith("fail") for result in results)
    body = {"status": "fail" if failed else "ok", "checks": named}
    return web.json_response(body, status=503 if failed else 200)
