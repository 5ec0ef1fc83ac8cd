"""Typed keys of the application's shared objects (no string-keyed app state)."""

from __future__ import annotations

from aiohttp import web

from dispatch.actors import Actor
from dispatch.database import Database
from dispatch.service import DispatchService
from minqing.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
DATABASE = web.AppKey("database", Database)
DISPATCH = web.AppKey("dispatch", DispatchService)
ACTOR = web.RequestKey("actor", Actor)
