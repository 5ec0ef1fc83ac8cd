"""Typed keys of the application's shared objects (no string-keyed app state)."""

from __future__ import annotations

from aiohttp import web

from dispatch.actors import Actor
from dispatch.service import DispatchService

DISPATCH = web.AppKey("dispatch", DispatchService)
ACTOR = web.RequestKey("actor", Actor)
