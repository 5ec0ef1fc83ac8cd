"""GET /healthz: 200 with every check, 503 naming the database when it cannot be reached."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from minqing.app import build_app
from minqing.settings import Settings


async def _get_healthz(settings: Settings) -> tuple[int, dict[str, Any]]:
    async with TestClient(TestServer(build_app(settings))) as client:
        response = await client.get("/healthz")
        return response.status, await response.json()


async def test_healthy_service_reports_ok_and_channels_off(migrated_url: str) -> None:
    status, body = await _get_healthz(Settings(database_url=migrated_url))
    assert status == 200
    assert body == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "wechat": "off",
            "wecom": "off",
            "hotline_ami": "off",
            "hotline_agi": "configured",
            "imap": "off",
            "smtp": "off",
        },
    }


async def test_configured_channel_is_reported(migrated_url: str) -> None:
    settings = Settings.load(
        {
            "MINQING_DATABASE_URL": migrated_url,
            "MINQING_SMTP_HOST": "smtp.example",
            "MINQING_MAIL_FROM": "12345@example.gov.cn",
            "MINQING_AGI_PORT": "0",
        }
    )
    status, body = await _get_healthz(settings)
    assert status == 200
    assert (body["checks"]["smtp"], body["checks"]["hotline_agi"]) == ("configured", "off")


async def test_unreachable_database_gives_503() -> None:
    settings = Settings(database_url="postgresql://minqing:hunter2@127.0.0.1:1/minqing")
    status, body = await _get_healthz(settings)
    assert status == 503
    assert body["status"] == "fail"
    assert body["checks"]["database"].startswith("fail: ")
    assert body["checks"]["wechat"] == "off"
    assert "hunter2" not in str(body)
