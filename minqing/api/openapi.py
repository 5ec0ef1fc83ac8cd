"""The OpenAPI 3.1 description of `/api/v1`, also the JSON Schemas request bodies are checked against."""

from __future__ import annotations

from typing import Any

from dispatch.enums import Channel, TicketStatus
from dispatch.lifecycle import Action
from nlp_classifier.types import Urgency

ACTIONS = [action.value for action in Action if action is not Action.RECEIVE]

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}
_TIME = {"type": ["string", "null"], "format": "date-time"}
_EVENT = {
    "type": "object",
    "required": ["at", "action", "action_label", "actor", "from_status", "to_status", "note"],
    "properties": {
        "at": {"type": "string", "format": "date-time"},
        "action": {"type": "string", "enum": [action.value for action in Action]},
        "action_label": {"type": "string"},
        "actor": {"type": "string"},
        "from_status": {"type": ["string", "null"]},
        "to_status": {"type": "string"},
        "unit": {"type": ["string", "null"]},
        "note": {"type": "string"},
    },
}
_TICKET_FIELDS: dict[str, Any] = {
    "number": {"type": "string", "pattern": r"^12345-\d{8}-\d{6,}$", "example": "12345-20261123-000017"},
    "status": {"type": "string", "enum": [status.value for status in TicketStatus]},
    "status_label": {"type": "string", "example": "已分拨"},
    "channel": {"type": "string", "enum": [channel.value for channel in Channel]},
    "title": {"type": "string"},
    "text": {"type": "string"},
    "category": {"type": ["string", "null"]},
    "urgency": {"type": "string", "enum": [urgency.value for urgency in Urgency]},
    "confidence": {"type": "number"},
    "needs_triage": {"type": "boolean"},
    "unit": {"type": "string"},
    "unit_code": {"type": "string"},
    "submitter": {"type": "string", "description": "masked: 138****5678"},
    "created_at": _TIME,
    "warn_at": _TIME,
    "due_at": _TIME,
    "overdue": {"type": "boolean"},
    "pending_extension_minutes": {"type": ["integer", "null"]},
    "merged_into": {"type": ["string", "null"]},
    "result": {"type": ["string", "null"]},
    "rating": {"type": ["integer", "null"]},
    "location": {"type": "object"},
    "attachments": {"type": "array"},
    "places": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["name", "kind"],
            "properties": {"name": {"type": "string"}, "kind": {"type": "string"}},
        },
    },
    "allowed_actions": {"type": "array", "items": {"type": "string"}},
}
_TICKET_SUMMARY = {"type": "object", "required": list(_TICKET_FIELDS), "properties": _TICKET_FIELDS}
_TICKET = {
    "type": "object",
    "required": [*_TICKET_FIELDS, "timeline"],
    "properties": {
        **_TICKET_FIELDS,
        "timeline": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
    },
}
_PETITION_IN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["channel", "channel_message_id", "text"],
    "properties": {
        "channel": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9_-]{0,19}$",
            "description": "wechat, hotline, mailbox, email, api, or the name of the sending system "
            "(e.g. xinfang); other names are kept as api petitions",
        },
        "channel_message_id": {"type": "string", "minLength": 1, "maxLength": 180},
        "title": {"type": "string", "maxLength": 300},
        "text": {"type": "string", "minLength": 1, "maxLength": 20000},
        "submitter": {
            "description": "phone, e-mail or channel user id; or an object with ref and name",
            "oneOf": [
                {"type": "string", "maxLength": 200},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "ref": {"type": "string", "maxLength": 200},
                        "name": {"type": "string", "maxLength": 100},
                    },
                },
            ],
        },
        "location": {
            "oneOf": [
                {"type": "string", "maxLength": 300},
                {
                    "type": "object",
                    "properties": {
                        "label": {"type": "string"},
                        "latitude": {"type": "number", "minimum": -90, "maximum": 90},
                        "longitude": {"type": "number", "minimum": -180, "maximum": 180},
                    },
                },
            ]
        },
        "attachments": {
            "type": "array",
            "maxItems": 20,
            "items": {
                "type": "object",
                "required": ["url"],
                "properties": {
                    "url": {"type": "string"},
                    "type": {"type": "string"},
                    "name": {"type": "string"},
                },
            },
        },
    },
}
_RECEIPT = {
    "type": "object",
    "required": ["number", "created"],
    "properties": {"number": _TICKET_FIELDS["number"], "created": {"type": "boolean"}},
}
_COMMAND = {
    "type": "object",
    "additionalProperties": False,
    "required": ["action"],
    "properties": {
        "action": {"type": "string", "enum": ACTIONS},
        "note": {"type": "string", "maxLength": 2000, "description": "reason (退单, 挂起, 延期) or remark"},
        "unit": {"type": "string", "description": "unit code (分拨, 改派)"},
        "category": {"type": "string", "description": "corrected category code (分拨)"},
        "minutes": {"type": "integer", "minimum": 1, "description": "working minutes asked for (申请延期)"},
        "days": {
            "type": "integer",
            "minimum": 1,
            "description": "working days asked for, instead of minutes",
        },
        "result": {
            "type": "string",
            "maxLength": 10000,
            "description": "result told to the submitter (办结)",
        },
        "rating": {"type": "integer", "minimum": 1, "maximum": 5},
        "into": {"type": "string", "description": "master ticket number (合并)"},
    },
}
_SIMILAR = {
    "type": "object",
    "required": ["number", "similar"],
    "properties": {
        "number": {"type": "string"},
        "similar": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "title", "status", "unit", "score", "text_score", "place_score"],
                "properties": {
                    "number": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "string"},
                    "unit": {"type": "string"},
                    "score": {"type": "number", "description": "0–1; text and place similarity combined"},
                    "text_score": {"type": "number"},
                    "place_score": {"type": "number"},
                },
            },
        },
    },
}
_ME = {
    "type": "object",
    "required": ["name", "role", "unit_id"],
    "properties": {"name": {"type": "string"}, "role": {"type": "string"}, "unit_id": {"type": "integer"}},
}


def _json(schema_name: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


_ERRORS = {
    "400": _json("Error", "the request is malformed; the message says what is wrong"),
    "401": _json("Error", "no valid bearer token"),
    "503": _json("Error", "the database is unavailable: nothing was stored; retry after Retry-After seconds"),
}
_NUMBER_PARAMETER = {"name": "number", "in": "path", "required": True, "schema": {"type": "string"}}
_LIST_PARAMETERS = [
    {
        "name": "status",
        "in": "query",
        "schema": {"type": "string"},
        "description": "comma-separated statuses",
    },
    {"name": "unit", "in": "query", "schema": {"type": "string"}, "description": "unit code"},
    {"name": "category", "in": "query", "schema": {"type": "string"}},
    {"name": "channel", "in": "query", "schema": {"type": "string"}},
    {"name": "overdue", "in": "query", "schema": {"type": "boolean"}},
    {"name": "needs_triage", "in": "query", "schema": {"type": "boolean"}},
    {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "text in title or content"},
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
]

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "minqing 民情 API",
        "version": "1",
        "description": "Petition intake from other government systems and ticket work for officials. "
        "Every call but this description needs `Authorization: Bearer TOKEN` (`minqing token create LOGIN`).",
    },
    "servers": [{"url": "/api/v1"}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": _ERROR,
            "Event": _EVENT,
            "TicketSummary": _TICKET_SUMMARY,
            "Ticket": _TICKET,
            "PetitionIn": _PETITION_IN,
            "Receipt": _RECEIPT,
            "Command": _COMMAND,
            "Me": _ME,
            "Similar": _SIMILAR,
            "TicketList": {
                "type": "object",
                "required": ["tickets", "count"],
                "properties": {
                    "tickets": {"type": "array", "items": {"$ref": "#/components/schemas/TicketSummary"}},
                    "count": {"type": "integer"},
                },
            },
        },
    },
    "security": [{"bearer": []}],
    "paths": {
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "security": [],
                "responses": {"200": {"description": "the OpenAPI document"}},
            }
        },
        "/me": {
            "get": {
                "summary": "Who the token belongs to",
                "responses": {"200": _json("Me", "you"), **_ERRORS},
            }
        },
        "/petitions": {
            "post": {
                "summary": "Submit a petition (dispatchers; idempotent on channel + channel_message_id)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PetitionIn"}}},
                },
                "responses": {
                    "201": _json("Receipt", "a new ticket"),
                    "403": _json(
                        "Error", "only dispatchers (and integration accounts, which are dispatchers) submit"
                    ),
                    "200": _json("Receipt", "this message was received before: the same ticket"),
                    **_ERRORS,
                },
            }
        },
        "/tickets": {
            "get": {
                "summary": "Tickets you may read, newest first",
                "parameters": _LIST_PARAMETERS,
                "responses": {"200": _json("TicketList", "tickets"), **_ERRORS},
            }
        },
        "/tickets/{number}": {
            "get": {
                "summary": "One ticket with its timeline",
                "parameters": [_NUMBER_PARAMETER],
                "responses": {
                    "200": _json("Ticket", "the ticket"),
                    "403": _json("Error", "not yours to read"),
                    "404": _json("Error", "no such ticket"),
                    **_ERRORS,
                },
            }
        },
        "/tickets/{number}/similar": {
            "get": {
                "summary": "Recent open tickets about the same problem in the same place (合并 candidates)",
                "parameters": [_NUMBER_PARAMETER],
                "responses": {
                    "200": _json("Similar", "likely duplicates, best first"),
                    "403": _json("Error", "only dispatchers merge tickets"),
                    "404": _json("Error", "no such ticket"),
                    **_ERRORS,
                },
            }
        },
        "/tickets/{number}/actions": {
            "post": {
                "summary": "Act on a ticket: 分拨 签收 退单 改派 延期 挂起 办结 回复 重办 归档 合并 …",
                "parameters": [_NUMBER_PARAMETER],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Command"}}},
                },
                "responses": {
                    "200": _json("Ticket", "the ticket after the action"),
                    "403": _json("Error", "you may not do this to this ticket"),
                    "404": _json("Error", "no such ticket or unit"),
                    "409": _json("Error", "not allowed in the ticket's current status"),
                    **_ERRORS,
                },
            }
        },
    },
}


def schema(name: str) -> dict[str, Any]:
    """A component schema, resolvable on its own (its `$ref`s point into the whole document)."""
    return {**SPEC["components"]["schemas"][name], "components": SPEC["components"]}
