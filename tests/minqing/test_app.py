"""The whole app as `minqing serve` runs it: demo city, default trained classifier, API and /healthz."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from dispatch.database import Database
from dispatch.models import utcnow
from dispatch.people import issue_token
from minqing.app import build_app
from minqing.settings import Settings


async def token_for(url: str, login: str) -> dict[str, str]:
    database = Database(url)
    try:
        async with database.transaction() as session:
            token = await issue_token(session, login, utcnow())
    finally:
        await database.dispose()
    return {"Authorization": f"Bearer {token}"}


async def test_a_petition_from_another_system_reaches_the_street_it_names(seeded_url: str) -> None:
    dispatcher = await token_for(seeded_url, "wangmin")
    street_handler = await token_for(seeded_url, "liangkai")
    petition = {
        "channel": "api",
        "channel_message_id": "city-mgmt-778",
        "title": "银盆南路人行道被施工围挡占用",
        "text": "A3区银盆南路一处工地施工围挡占用人行道两个多月，行人只能走机动车道，"
        "存在安全隐患，请尽快整改。",
        "submitter": "13900001111",
    }
    async with TestClient(TestServer(build_app(Settings(database_url=seeded_url)))) as client:
        assert (await client.get("/healthz")).status == 200
        posted = await client.post("/api/v1/petitions", json=petition, headers=dispatcher)
        assert posted.status == 201
        number = (await posted.json())["number"]
        ticket = await (await client.get(f"/api/v1/tickets/{number}", headers=dispatcher)).json()
        assert ticket["category"] == "城乡建设"
        assert ticket["unit"] == "A3区西湖街道"
        assert ticket["status"] == "dispatched"
        assert ticket["submitter"] == "139****1111"
        listed = await (await client.get("/api/v1/tickets", headers=street_handler)).json()
        assert [item["number"] for item in listed["tickets"]] == [number]
        accepted = await client.post(
            f"/api/v1/tickets/{number}/actions", json={"action": "accept"}, headers=street_handler
        )
        assert (await accepted.json())["status"] == "accepted"


async def test_dispatchers_see_likely_duplicates_and_merge_them(seeded_url: str) -> None:
    dispatcher = await token_for(seeded_url, "wangmin")
    handler = await token_for(seeded_url, "liangkai")
    petitions = [
        ("lamp-1", "银盆南路路灯不亮", "A3区银盆南路靠近桐梓坡西路的一排路灯已经坏了两周，晚上漆黑一片。"),
        ("lamp-2", "银盆南路晚上路灯坏了", "银盆南路路灯坏了很多天，晚上走路看不见，希望尽快修好路灯。"),
        ("school", "孩子入学难", "A5区洞井街道的孩子上小学学位紧张，家长希望教育局增加学位。"),
    ]
    numbers = {}
    async with TestClient(TestServer(build_app(Settings(database_url=seeded_url)))) as client:
        for message_id, title, text in petitions:
            body = {"channel": "api", "channel_message_id": message_id, "title": title, "text": text}
            posted = await client.post("/api/v1/petitions", json=body, headers=dispatcher)
            numbers[message_id] = (await posted.json())["number"]
        response = await client.get(f"/api/v1/tickets/{numbers['lamp-2']}/similar", headers=dispatcher)
        found = await response.json()
        assert [match["number"] for match in found["similar"]] == [numbers["lamp-1"]]
        assert found["similar"][0]["place_score"] == 1.0
        refused = await client.get(f"/api/v1/tickets/{numbers['lamp-2']}/similar", headers=handler)
        assert refused.status == 403
        merged = await client.post(
            f"/api/v1/tickets/{numbers['lamp-2']}/actions",
            json={"action": "merge", "into": numbers["lamp-1"]},
            headers=dispatcher,
        )
        assert (await merged.json())["merged_into"] == numbers["lamp-1"]
