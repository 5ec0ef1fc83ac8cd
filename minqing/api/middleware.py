"""API middlewares: bearer-token authentication and domain errors as JSON."""

from __future__ import annotations

import json
import logging

from aiohttp import web
from aiohttp.typedefs import Handler
from jsonschema import ValidationError
from sqlalchemy.exc import DataError, DBAPIError

from dispatch.errors import DispatchError, IllegalTransition, InvalidInput, NotFound, PermissionDenied
from minqing.appkeys import ACTOR, DISPATCH

log = logging.getLogger(__name__)

PUBLIC_ROUTES = frozenset({"openapi"})
RETRY_AFTER_SECONDS = 30
STATUS_OF: dict[type[DispatchError], int] = {
    InvalidInput: 400,
    NotFound: 404,
    PermissionDenied: 403,
    IllegalTransition: 409,
}


def error_response(status: int, code: str, message: str) -> web.Response:
    """The one error shape of the API."""
    response = web.json_response({"error": {"code": code, "message": message}}, status=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="minqing"'
    return response


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn the domain's and the body checks' errors into JSON answers with the right status."""
    try:
        return await handler(request)
    except DispatchError as error:
        return error_response(STATUS_OF.get(type(error), 400), error.code, str(error))
    except ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "body"
        return error_response(400, "invalid_input", f"{where}: {error.message}")
    except json.JSONDecodeError as error:
        return error_response(400, "invalid_json", f"the body is not JSON: {error}")
    except UnicodeError:
        return error_response(400, "invalid_json", "the body is not UTF-8 text")
    except DataError as error:
        return error_response(
            400, "invalid_input", f"the database refused a value: {type(error.orig).__name__}"
        )
    except (DBAPIError, OSError) as error:
        log.error("database unavailable during %s %s: %s", request.method, request.path, type(error).__name__)
        response = error_response(
            503, "unavailable", "the database is unavailable; nothing was stored, retry later"
        )
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


@web.middleware
async def bearer_auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every route but the public ones needs `Authorization: Bearer TOKEN` of an active person."""
    if request.match_info.route.name in PUBLIC_ROUTES:
        return await handler(request)
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return error_response(401, "unauthorized", "Authorization: Bearer TOKEN is required")
    actor = await request.config_dict[DISPATCH].authenticate(token.strip())
    if actor is None:
        return error_response(401, "unauthorized", "the token is unknown or revoked")
    request[ACTOR] = actor
    return await handler(request)
