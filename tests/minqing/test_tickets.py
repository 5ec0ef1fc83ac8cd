"""The demo city routes real-looking petitions, and `minqing tickets` reads them back."""

from __future__ import annotations

import asyncio
import json
from zoneinfo import ZoneInfo

from click.testing import CliRunner, Result

from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.enums import Channel
from dispatch.intake import PetitionIn
from dispatch.keyword_classifier import KeywordClassifier
from dispatch.service import DispatchService
from minqing.cli import cli
from minqing.seed import load_city

SHANGHAI = ZoneInfo("Asia/Shanghai")

# (title, text, the unit the demo city's rules send it to)
PETITIONS = [
    (
        "北京御园小区物业乱收费",
        "北京御园小区物业乱收费，业主多次反映，开发商和物业互相推诿。",
        "A3区西湖街道",
    ),
    ("楼上漏水纠纷", "家住桔园小区，楼上邻居家漏水，多次协商无果，请求调解。", "桔园社区"),
    ("电动车被盗", "昨晚电动车被小偷盗窃，报警后派出所至今没有消息。", "A市公安局"),
    ("小学要求补课", "孩子所在小学要求家长交补课费，学校说是自愿的。", "A市教育局"),
]


async def _submit_all(url: str) -> list[str]:
    keywords = {c.code: c.keywords for c in load_city().categories if c.parent is None}
    database = Database(url)
    service = DispatchService(database, KeywordClassifier(keywords), WorkCalendar(SHANGHAI), SHANGHAI)
    try:
        numbers = []
        for index, (title, text, _unit) in enumerate(PETITIONS):
            petition = PetitionIn(Channel.API, f"m{index}", text, title=title, submitter_ref="13812345678")
            numbers.append((await service.submit(petition)).number)
        return numbers
    finally:
        await database.dispose()


def _invoke(url: str, *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"MINQING_DATABASE_URL": url}, catch_exceptions=False)


def test_demo_routing_and_ticket_commands(seeded_url: str) -> None:
    numbers = asyncio.run(_submit_all(seeded_url))

    listed = _invoke(seeded_url, "tickets", "list", "--json")
    assert listed.exit_code == 0, listed.output
    tickets = {ticket["number"]: ticket for ticket in json.loads(listed.stdout)}
    assert [tickets[number]["unit"] for number in numbers] == [unit for _, _, unit in PETITIONS]
    assert all("13812345678" not in json.dumps(ticket, ensure_ascii=False) for ticket in tickets.values())
    fields = {
        "number",
        "status",
        "channel",
        "title",
        "text",
        "category",
        "urgency",
        "unit",
        "due_at",
        "timeline",
    }
    assert all(fields <= set(ticket) for ticket in tickets.values())
    assert [event["action"] for event in tickets[numbers[0]]["timeline"]] == ["receive", "dispatch"]

    by_unit = _invoke(seeded_url, "tickets", "list", "--json", "--unit", "st-xihu")
    assert [ticket["number"] for ticket in json.loads(by_unit.stdout)] == [numbers[0]]
    status = tickets[numbers[0]]["status"]
    by_status = _invoke(seeded_url, "tickets", "list", "--json", "--status", status)
    assert numbers[0] in {ticket["number"] for ticket in json.loads(by_status.stdout)}

    shown = _invoke(seeded_url, "tickets", "show", numbers[2], "--json")
    assert shown.exit_code == 0
    ticket = json.loads(shown.stdout)
    assert ticket["number"] == numbers[2] and ticket["category"] == "社会治安"
    assert ticket["timeline"] and ticket["submitter"] != "13812345678"

    plain = _invoke(seeded_url, "tickets", "show", numbers[1])
    assert "桔园社区" in plain.stdout
    table = _invoke(seeded_url, "tickets", "list")
    assert numbers[3] in table.stdout


def test_unknown_ticket_or_unit_is_a_clean_error(seeded_url: str) -> None:
    missing = _invoke(seeded_url, "tickets", "show", "12345-20260101-000001")
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: ")
    unknown_unit = _invoke(seeded_url, "tickets", "list", "--unit", "nowhere")
    assert unknown_unit.exit_code == 1 and "Traceback" not in unknown_unit.output
