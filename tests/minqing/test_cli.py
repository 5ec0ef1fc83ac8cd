"""The operator CLI: JSON shapes, tokens stored as hashes, clear errors without tracebacks."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from dispatch.database import Database
from dispatch.models import ApiToken, Person
from dispatch.people import token_digest
from minqing.cli import cli


def _invoke(url: str, *args: str, **env: str) -> Result:
    return CliRunner().invoke(
        cli, list(args), env={"MINQING_DATABASE_URL": url, **env}, catch_exceptions=False
    )


def test_people_list_json_shape(seeded_url: str) -> None:
    result = _invoke(seeded_url, "people", "list", "--json")
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)
    assert len(people) == 31
    assert all(set(person) == {"login", "name", "role", "unit", "wecom_userid"} for person in people)
    wangmin = next(person for person in people if person["login"] == "wangmin")
    assert wangmin == {
        "login": "wangmin",
        "name": "王敏",
        "role": "dispatcher",
        "unit": "A市12345政务服务便民热线（网格化管理中心）",
        "wecom_userid": "WangMin",
    }


def test_people_list_table(seeded_url: str) -> None:
    result = _invoke(seeded_url, "people", "list")
    assert result.exit_code == 0
    assert "wangmin" in result.stdout and "dispatcher" in result.stdout


async def _stored_hashes(url: str, login: str) -> list[str]:
    database = Database(url)
    try:
        async with database.reading() as session:
            query = select(ApiToken.token_sha256).join(Person, ApiToken.person_id == Person.id)
            return list((await session.scalars(query.where(Person.login == login))).all())
    finally:
        await database.dispose()


def test_token_create_stores_only_the_hash(seeded_url: str) -> None:
    result = _invoke(seeded_url, "token", "create", "chenjing")
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert len(token) >= 43 and "\n" not in token
    assert asyncio.run(_stored_hashes(seeded_url, "chenjing")) == [token_digest(token)]


def test_unknown_login_is_a_clean_error(seeded_url: str) -> None:
    result = _invoke(seeded_url, "token", "create", "nobody")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "nobody" in result.stderr
    assert "Traceback" not in result.output


def test_bad_setting_is_a_clean_error(seeded_url: str) -> None:
    result = _invoke(seeded_url, "people", "list", MINQING_PORT="abc")
    assert result.exit_code == 1
    assert "MINQING_PORT: 'abc' is not an integer" in result.stderr


def test_unmigrated_database_is_refused(empty_url: str) -> None:
    for command in (["people", "list"], ["seed-demo"], ["token", "create", "wangmin"]):
        result = _invoke(empty_url, *command)
        assert result.exit_code == 1
        assert "run `minqing db upgrade` first" in result.stderr


def test_db_upgrade_then_seed_demo_twice(empty_url: str) -> None:
    assert _invoke(empty_url, "db", "upgrade").exit_code == 0
    again = _invoke(empty_url, "db", "upgrade")
    assert again.exit_code == 0 and "0 revision(s) applied" in again.stderr
    first = _invoke(empty_url, "seed-demo")
    assert first.exit_code == 0 and "249 row(s) created or updated" in first.stderr
    second = _invoke(empty_url, "seed-demo")
    assert second.exit_code == 0 and "0 row(s) created or updated" in second.stderr


def test_default_sqlite_database_creates_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MINQING_DATABASE_URL", raising=False)
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "var" / "minqing.db").is_file()


def test_seed_file_errors_are_clean(tmp_path: Path, migrated_url: str) -> None:
    bad = tmp_path / "city.toml"
    bad.write_text('[[units]]\ncode = "s"\nname = "街道"\nlevel = "street"\n', encoding="utf-8")
    result = _invoke(migrated_url, "seed-demo", "--file", str(bad))
    assert result.exit_code == 1
    assert "a street must hang under a centre" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["db"],
        ["db", "upgrade"],
        ["seed-demo"],
        ["people", "list"],
        ["token", "create"],
        ["tickets", "list"],
        ["tickets", "show"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: minqing" in result.output


def test_python_dash_m_and_console_script() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "minqing", "--help"], capture_output=True, text=True, check=True
    )
    assert "seed-demo" in module.stdout
    script = Path(sys.executable).with_name("minqing")
    assert subprocess.run([script, "--help"], capture_output=True, check=False).returncode == 0


def test_reading_commands_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "elsewhere" / "minqing.db"
    result = _invoke(f"sqlite:///{missing}", "tickets", "list")
    assert result.exit_code == 1
    assert f"there is no database file at {missing}" in result.stderr
    assert not missing.parent.exists()
    assert _invoke(f"sqlite:///{missing}", "db", "upgrade").exit_code == 0
    assert missing.exists()
