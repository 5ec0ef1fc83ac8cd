"""An API client against the test city, with a bearer token per person."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from dispatch.database import Database
from dispatch.people import issue_token
from minqing.api import build_api
from minqing.appkeys import DISPATCH
from tests.city import City


@dataclass
class Api:
    """A client of /api/v1 and each test person's Authorization header."""

    client: TestClient[web.Request, web.Application]
    auth: dict[str, dict[str, str]]
    city: City


@pytest.fixture
async def api(city: City, database: Database) -> AsyncIterator[Api]:
    """The API sub-app mounted as in production, served on a local port."""
    auth: dict[str, dict[str, str]] = {}
    async with database.transaction() as session:
        for login in city.actors:
            token = await issue_token(session, login, city.time())
            auth[login] = {"Authorization": f"Bearer {token}"}
    app = web.Application()
    app[DISPATCH] = city.service
    app.add_subapp("/api/v1", build_api())
    async with TestClient(TestServer(app)) as client:
        yield Api(client, auth, city)
