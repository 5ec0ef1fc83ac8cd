"""The `/api/v1` handlers: thin translations between JSON and the dispatch service."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from jsonschema import Draft202012Validator

from dispatch.enums import Channel, Role, TicketStatus
from dispatch.errors import InvalidInput, PermissionDenied
from dispatch.intake import PetitionIn
from dispatch.lifecycle import Action
from dispatch.queries import MAX_OFFSET, TicketFilter
from dispatch.transitions import Command
from dispatch.views import TicketView
from minqing.api.openapi import SPEC, schema
from minqing.appkeys import ACTOR, DISPATCH
from nlp_classifier.similar import Match, PetitionRef, similar

_VALIDATORS = {name: Draft202012Validator(schema(name)) for name in ("PetitionIn", "Command")}


async def openapi(request: web.Request) -> web.Response:
    """The OpenAPI description of this API."""
    return web.json_response(SPEC)


async def me(request: web.Request) -> web.Response:
    """Who the bearer token belongs to."""
    actor = request[ACTOR]
    return web.json_response({"name": actor.label, "role": actor.role, "unit_id": actor.unit_id})


async def submit_petition(request: web.Request) -> web.Response:
    """Intake from another system; the same channel + message id answers with the same number."""
    if request[ACTOR].role is not Role.DISPATCHER:
        raise PermissionDenied("只有派单员（含对接系统账号）可以录入诉求")
    body = await _body(request, "PetitionIn")
    receipt = await request.config_dict[DISPATCH].submit(petition_from_json(body))
    return web.json_response(
        {"number": receipt.number, "created": receipt.created}, status=201 if receipt.created else 200
    )


async def list_tickets(request: web.Request) -> web.Response:
    """Tickets the caller may read, filtered by the query string."""
    service = request.config_dict[DISPATCH]
    views = await service.tickets(request[ACTOR], filter_from_query(request.query))
    tickets = [view.to_dict(service.timezone, with_timeline=False) for view in views]
    return web.json_response({"tickets": tickets, "count": len(tickets)})


async def show_ticket(request: web.Request) -> web.Response:
    """One ticket with its timeline."""
    service = request.config_dict[DISPATCH]
    view = await service.ticket(request.match_info["number"], request[ACTOR])
    return web.json_response(view.to_dict(service.timezone))


async def act_on_ticket(request: web.Request) -> web.Response:
    """Apply one lifecycle action."""
    service = request.config_dict[DISPATCH]
    body = await _body(request, "Command")
    command = command_from_json(body, service.calendar.minutes_per_working_day)
    view = await service.act(request.match_info["number"], command, request[ACTOR])
    return web.json_response(view.to_dict(service.timezone))


async def similar_tickets(request: web.Request) -> web.Response:
    """Open tickets about the same problem in the same place: candidates for 合并."""
    service = request.config_dict[DISPATCH]
    ticket, candidates = await service.merge_candidates(request.match_info["number"], request[ACTOR])
    by_number = {candidate.number: candidate for candidate in candidates}
    matches = await asyncio.get_running_loop().run_in_executor(None, likely_duplicates, ticket, candidates)
    similar = [
        {
            "number": match.id,
            "title": by_number[match.id].title,
            "status": by_number[match.id].status.value,
            "unit": by_number[match.id].unit,
            "score": match.score,
            "text_score": match.text_score,
            "place_score": match.place_score,
        }
        for match in matches
    ]
    return web.json_response({"number": ticket.number, "similar": similar})


def likely_duplicates(ticket: TicketView, candidates: list[TicketView]) -> list[Match]:
    """Score `candidates` against `ticket` on meaning and place (the classifier's duplicate detection)."""

    def reference(view: TicketView) -> PetitionRef:
        return PetitionRef(view.number, f"{view.title}\n{view.text}", view.places)

    return similar(reference(ticket), [reference(candidate) for candidate in candidates])


def petition_from_json(body: dict[str, Any]) -> PetitionIn:
    """A validated PetitionIn body as the domain's PetitionIn; unknown channels are API petitions."""
    channel_name = body["channel"]
    message_id = body["channel_message_id"]
    try:
        channel = Channel(channel_name)
    except ValueError:
        channel, message_id = Channel.API, f"{channel_name}:{message_id}"
    submitter = body.get("submitter") or {}
    if isinstance(submitter, str):
        submitter = {"ref": submitter}
    location = body.get("location") or {}
    if isinstance(location, str):
        location = {"label": location}
    return PetitionIn(
        channel=channel,
        channel_message_id=message_id,
        text=body["text"],
        title=body.get("title", ""),
        submitter_ref=submitter.get("ref"),
        submitter_name=submitter.get("name"),
        location=location,
        attachments=body.get("attachments", []),
    )


def command_from_json(body: dict[str, Any], minutes_per_day: int) -> Command:
    """A validated Command body as the domain's Command (`days` becomes working minutes)."""
    minutes = body.get("minutes")
    if body.get("days") is not None:
        if minutes is not None:
            raise InvalidInput("give minutes or days, not both")
        minutes = body["days"] * minutes_per_day
    return Command(
        action=Action(body["action"]),
        note=body.get("note", ""),
        unit=body.get("unit"),
        category=body.get("category"),
        minutes=minutes,
        result=body.get("result"),
        rating=body.get("rating"),
        into=body.get("into"),
    )


def filter_from_query(query: Any) -> TicketFilter:
    """The list filter from `?status=…&unit=…&overdue=true…`, with clear errors on bad values."""
    for name, value in query.items():
        _check_strings(value, name)
    try:
        statuses = tuple(TicketStatus(s) for s in query.get("status", "").split(",") if s)
        channel = Channel(query["channel"]) if query.get("channel") else None
        limit = int(query.get("limit", 100))
        offset = int(query.get("offset", 0))
    except ValueError as error:
        raise InvalidInput(f"bad query parameter: {error}") from None
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(f"offset must be between 0 and {MAX_OFFSET}")
    return TicketFilter(
        statuses=statuses,
        unit=query.get("unit") or None,
        category=query.get("category") or None,
        channel=channel,
        overdue=_boolean(query, "overdue"),
        needs_triage=_boolean(query, "needs_triage"),
        text=query.get("q") or None,
        limit=limit,
        offset=offset,
    )


def _boolean(query: Any, name: str) -> bool | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    if raw.lower() in ("true", "1", "yes"):
        return True
    if raw.lower() in ("false", "0", "no"):
        return False
    raise InvalidInput(f"{name} must be true or false, not {raw!r}")


async def _body(request: web.Request, schema_name: str) -> dict[str, Any]:
    body = await request.json()
    _VALIDATORS[schema_name].validate(body)
    _check_strings(body, "body")
    return dict(body)


def _check_strings(value: Any, where: str) -> None:
    """Refuse NUL characters and lone surrogates, which no database column can hold."""
    if isinstance(value, str):
        if "\x00" in value or _has_surrogate(value):
            raise InvalidInput(f"{where}: contains a NUL character or an unpaired surrogate")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, f"{where}/{index}")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
