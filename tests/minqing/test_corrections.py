"""Dispatchers' corrections come back out as training rows the classifier's `train --corrections` reads."""

from __future__ import annotations

import asyncio
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from sqlalchemy import select

from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.enums import Channel
from dispatch.intake import PetitionIn
from dispatch.lifecycle import Action
from dispatch.models import Person
from dispatch.people import actor_of
from dispatch.service import DispatchService
from dispatch.transitions import Command
from minqing.cli import cli
from minqing.composition import keyword_classifier
from nlp_classifier.dataset import read_corrections

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOISE = "有件事想反映一下，请工作人员联系我"
SCHOOL = "想问一件事情，麻烦回个电话"


async def correct_two_petitions(url: str) -> None:
    """One petition corrected once (to a sub-category), one corrected twice."""
    database = Database(url)
    try:
        classifier = await keyword_classifier(database)
        service = DispatchService(database, classifier, WorkCalendar(SHANGHAI), SHANGHAI)
        async with database.reading() as session:
            people = {person.login: actor_of(person) for person in await session.scalars(select(Person))}
        dispatcher = people["wangmin"]
        noise = await service.submit(PetitionIn(Channel.WECHAT, "n", NOISE))
        await service.act(noise.number, Command(Action.DISPATCH, category="环境保护/噪声污染"), dispatcher)
        school = await service.submit(PetitionIn(Channel.WECHAT, "s", SCHOOL))
        sent = await service.act(school.number, Command(Action.DISPATCH, category="卫生计生"), dispatcher)
        assert sent.unit_code == "dept-wjw"
        await service.act(school.number, Command(Action.RETURN, note="入学问题归教育局"), people["hujun"])
        await service.act(school.number, Command(Action.DISPATCH, category="教育文体"), dispatcher)
    finally:
        await database.dispose()


def test_exported_corrections_train_the_classifier(seeded_url: str, tmp_path: Path) -> None:
    asyncio.run(correct_two_petitions(seeded_url))
    out = tmp_path / "corrections.csv"
    result = CliRunner().invoke(
        cli, ["corrections", "export", "--out", str(out)], env={"MINQING_DATABASE_URL": seeded_url}
    )
    assert result.exit_code == 0, result.output
    assert "2 corrections written" in result.output
    rows = read_corrections(out, weight=2.0)
    assert [(row.title, row.label, row.weight) for row in rows] == [
        (NOISE, "环境保护", 2.0),
        (SCHOOL, "教育文体", 2.0),
    ]
