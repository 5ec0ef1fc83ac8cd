"""The JSON API under `/api/v1`, described at `/api/v1/openapi.json`."""

from __future__ import annotations

from aiohttp import web

from minqing.api import handlers
from minqing.api.middleware import bearer_auth, errors


def build_api() -> web.Application:
    """The API sub-application; it reads the dispatch service from the parent app's DISPATCH key."""
    api = web.Application(middlewares=[errors, bearer_auth])
    api.router.add_get("/openapi.json", handlers.openapi, name="openapi")
    api.router.add_get("/me", handlers.me)
    api.router.add_post("/petitions", handlers.submit_petition)
    api.router.add_get("/tickets", handlers.list_tickets)
    api.router.add_get("/tickets/{number}", handlers.show_ticket)
    api.router.add_post("/tickets/{number}/actions", handlers.act_on_ticket)
    api.router.add_get("/tickets/{number}/similar", handlers.similar_tickets)
    return api
