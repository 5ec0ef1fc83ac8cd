"""The JSON API as another government system and an official's client use it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.keyword_classifier import KeywordClassifier
from dispatch.service import DispatchService
from minqing.api import build_api
from minqing.api.openapi import SPEC, schema
from minqing.appkeys import DISPATCH
from tests.api.conftest import Api
from tests.city import SHANGHAI

LAMP = {
    "channel": "xinfang",
    "channel_message_id": "XF-2026-0001",
    "title": "东风路路灯不亮",
    "text": "东风路上的路灯坏了一个月，晚上很黑。",
    "submitter": {"ref": "13812345678", "name": "张三"},
    "location": "东风路与建设路交叉口",
}


def assert_matches(schema_name: str, body: Any) -> None:
    Draft202012Validator(schema(schema_name)).validate(body)


async def test_openapi_document_is_valid_and_public(api: Api) -> None:
    response = await api.client.get("/api/v1/openapi.json")
    assert response.status == 200
    document = await response.json()
    validate(document)
    routes = {
        (resource.canonical, route.method.lower())
        for resource in build_api().router.resources()
        for route in resource
        if route.method != "HEAD"
    }
    described = {(path, method) for path, item in SPEC["paths"].items() for method in item}
    assert routes == described


async def test_requests_without_a_valid_token_are_refused(api: Api) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
        response = await api.client.get("/api/v1/tickets", headers=headers)
        assert response.status == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert_matches("Error", await response.json())


async def test_me(api: Api) -> None:
    response = await api.client.get("/api/v1/me", headers=api.auth["street1"])
    assert await response.json() == {
        "name": "街道承办",
        "role": "handler",
        "unit_id": api.city.units["dongfeng"],
    }


async def test_intake_from_another_system_is_idempotent(api: Api) -> None:
    first = await api.client.post("/api/v1/petitions", json=LAMP, headers=api.auth["disp"])
    assert first.status == 201
    receipt = await first.json()
    assert_matches("Receipt", receipt)
    again = await api.client.post("/api/v1/petitions", json=LAMP, headers=api.auth["disp"])
    assert again.status == 200
    assert await again.json() == {"number": receipt["number"], "created": False}

    shown = await api.client.get(f"/api/v1/tickets/{receipt['number']}", headers=api.auth["disp"])
    ticket = await shown.json()
    assert_matches("Ticket", ticket)
    assert (ticket["unit"], ticket["status"], ticket["channel"]) == ("东风街道", "dispatched", "api")
    assert ticket["submitter"] == "138****5678"
    assert ticket["location"] == {"label": "东风路与建设路交叉口"}
    assert ticket["due_at"] == "2026-11-30T10:00:00+08:00"


async def test_concurrent_duplicate_posts_give_one_number(api: Api) -> None:
    body = {**LAMP, "channel_message_id": "XF-race"}
    responses = await asyncio.gather(
        *(api.client.post("/api/v1/petitions", json=body, headers=api.auth["disp"]) for _ in range(10))
    )
    receipts = [await response.json() for response in responses]
    assert len({receipt["number"] for receipt in receipts}) == 1
    assert sorted(response.status for response in responses) == [200] * 9 + [201]


async def test_bad_bodies_get_clear_errors(api: Api) -> None:
    cases = [
        ({"channel": "wechat", "text": "路灯坏了"}, "'channel_message_id' is a required property"),
        ({**LAMP, "text": ""}, "text"),
        ({**LAMP, "colour": "red"}, "Additional properties"),
        ({**LAMP, "channel": "微信"}, "channel"),
    ]
    for body, message in cases:
        response = await api.client.post("/api/v1/petitions", json=body, headers=api.auth["disp"])
        assert response.status == 400, body
        error = await response.json()
        assert message in error["error"]["message"]
    response = await api.client.post("/api/v1/petitions", data="{not json", headers=api.auth["disp"])
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_json"


async def test_an_official_works_a_ticket_through_the_api(api: Api) -> None:
    number = (await (await api.client.post("/api/v1/petitions", json=LAMP, headers=api.auth["disp"])).json())[
        "number"
    ]
    url = f"/api/v1/tickets/{number}/actions"
    street = api.auth["street1"]
    assert (await api.client.post(url, json={"action": "accept"}, headers=street)).status == 200
    refused = await api.client.post(url, json={"action": "close"}, headers=street)
    assert refused.status == 403
    illegal = await api.client.post(url, json={"action": "accept"}, headers=street)
    assert illegal.status == 409
    assert "已签收" in (await illegal.json())["error"]["message"]
    asked = await api.client.post(
        url, json={"action": "request_extension", "days": 2, "note": "需协调"}, headers=street
    )
    assert (await asked.json())["pending_extension_minutes"] == 960
    done = await api.client.post(url, json={"action": "resolve", "result": "已更换灯泡"}, headers=street)
    ticket = await done.json()
    assert_matches("Ticket", ticket)
    assert ticket["status"] == "replied"
    assert [event["action"] for event in ticket["timeline"]][-2:] == ["resolve", "reply"]
    missing = await api.client.post(
        "/api/v1/tickets/12345-20200101-000001/actions", json={"action": "accept"}, headers=street
    )
    assert missing.status == 404


async def test_listing_with_filters(api: Api) -> None:
    await api.client.post("/api/v1/petitions", json=LAMP, headers=api.auth["disp"])
    await api.client.post(
        "/api/v1/petitions",
        json={**LAMP, "channel_message_id": "2", "text": "想咨询政策", "title": "咨询"},
        headers=api.auth["disp"],
    )
    listed = await (
        await api.client.get("/api/v1/tickets?needs_triage=true", headers=api.auth["leader"])
    ).json()
    assert_matches("TicketList", listed)
    assert [ticket["title"] for ticket in listed["tickets"]] == ["咨询"]
    mine = await (await api.client.get("/api/v1/tickets", headers=api.auth["housing1"])).json()
    assert mine == {"tickets": [], "count": 0}
    bad = await api.client.get("/api/v1/tickets?status=lost", headers=api.auth["leader"])
    assert bad.status == 400
    assert "lost" in (await bad.json())["error"]["message"]


async def test_a_database_outage_is_a_retryable_503() -> None:
    unreachable = Database("postgresql://minqing@127.0.0.1:1/none")
    app = web.Application()
    app[DISPATCH] = DispatchService(unreachable, KeywordClassifier({}), WorkCalendar(SHANGHAI), SHANGHAI)
    app.add_subapp("/api/v1", build_api())
    async with TestClient(TestServer(app)) as client:
        response = await client.post("/api/v1/petitions", json=LAMP, headers={"Authorization": "Bearer x"})
        assert response.status == 503
        assert response.headers["Retry-After"] == "30"
        error = await response.json()
        assert error["error"]["code"] == "unavailable"
        assert "nothing was stored" in error["error"]["message"]
    await unreachable.dispose()


async def test_only_dispatchers_enter_petitions(api: Api) -> None:
    for login in ("leader", "street1"):
        response = await api.client.post("/api/v1/petitions", json=LAMP, headers=api.auth[login])
        assert response.status == 403
        assert "派单员" in (await response.json())["error"]["message"]


async def test_text_no_database_can_hold_is_a_clear_400(api: Api) -> None:
    headers = api.auth["disp"]
    not_utf8 = await api.client.post(
        "/api/v1/petitions", data=b"\xff\xfe", headers={**headers, "Content-Type": "application/json"}
    )
    assert not_utf8.status == 400
    for text in ("路灯\u0000坏了", "路灯\ud800坏了"):
        body = json.dumps({**LAMP, "text": text})  # json.dumps escapes both, as a real client would send them
        response = await api.client.post(
            "/api/v1/petitions", data=body, headers={**headers, "Content-Type": "application/json"}
        )
        assert response.status == 400, text
        assert "body/text" in (await response.json())["error"]["message"]
    for query in ("offset=99999999999999999999999", "q=%00", "offset=-1"):
        response = await api.client.get(f"/api/v1/tickets?{query}", headers=headers)
        assert response.status == 400, query
