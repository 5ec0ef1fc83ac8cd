"""The `minqing` command for operators and scripts (settings come from MINQING_* or MINQING_CONFIG)."""

from __future__ import annotations

import asyncio
import csv
import json
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Column, Table
from sqlalchemy.exc import DBAPIError

from dispatch.corrections import LabelledPetition, corrected_petitions
from dispatch.database import Database
from dispatch.enums import TicketStatus
from dispatch.errors import DispatchError
from dispatch.models import utcnow
from dispatch.people import issue_token
from dispatch.queries import MAX_PAGE, TicketFilter
from minqing import accounts, migrate
from minqing.logs import configure_logging
from minqing.seed import DEMO_CITY, SeedError, apply_city, load_city
from minqing.serve import CannotListen, serve
from minqing.settings import Settings, SettingsError
from minqing.tickets import ticket_detail, ticket_list

T = TypeVar("T")
_stderr = Console(stderr=True)


def _progress() -> Progress:
    """A progress bar on stderr, so that stdout stays clean for --json and for scripts."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=_stderr, transient=False
    )


def _run(settings: Settings, coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine; the database's expected failures become one-line errors without a traceback."""
    try:
        return asyncio.run(coroutine)
    except migrate.NotMigrated as error:
        raise click.ClickException(f"database {settings.database_url_display}: {error}") from None
    except (OSError, DBAPIError) as error:
        reason = error.orig if isinstance(error, DBAPIError) else error
        raise click.ClickException(f"database {settings.database_url_display}: {reason}") from None


def _with_database(
    settings: Settings, work: Callable[[Database], Awaitable[T]], *, schema_current: bool = True
) -> T:
    """Run `work` on the settings' database, after checking its schema is current (unless told not to)."""

    async def run() -> T:
        database = Database(settings.database_url)
        try:
            if schema_current:
                await migrate.require_current(database)
            return await work(database)
        finally:
            await database.dispose()

    return _run(settings, run())


@click.group(name="minqing", context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(context: click.Context) -> None:
    """minqing (民情): the 12345 hotline's petition intake, dispatch, follow-up and reply service.

    Settings come from MINQING_* environment variables, or from the TOML file named by
    MINQING_CONFIG (see README.md).
    """
    try:
        settings = Settings.load()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    configure_logging(settings.log_level)
    context.obj = settings


@cli.command("serve")
@click.pass_obj
def serve_command(settings: Settings) -> None:
    """Serve HTTP (/healthz, and the channels as they are added) until SIGTERM or Ctrl-C.

    Refuses to start on a database that lacks schema revisions: run `minqing db upgrade` first.
    """
    try:
        _run(settings, serve(settings))
    except CannotListen as error:
        raise click.ClickException(str(error)) from None


@cli.group()
def db() -> None:
    """Manage the database schema (Alembic migrations shipped with minqing)."""


@db.command("upgrade")
@click.pass_obj
def db_upgrade(settings: Settings) -> None:
    """Apply every pending schema revision to MINQING_DATABASE_URL (creates a SQLite file and its folder)."""

    async def work(database: Database) -> int:
        missing = await migrate.pending(database)
        with _progress() as progress:
            task = progress.add_task("schema revisions", total=len(missing))
            await migrate.upgrade(database, on_step=lambda _revision: progress.advance(task))
        return len(missing)

    applied = _with_database(settings, work, schema_current=False)
    click.echo(
        f"database {settings.database_url_display}: {applied} revision(s) applied, schema is current",
        err=True,
    )


@db.command("revision")
@click.argument("message")
def db_revision(message: str) -> None:
    """Write a new revision from the difference between dispatch/models.py and the existing revisions.

    For developers, after changing the models: read the generated file, then commit it.
    """
    path = asyncio.run(migrate.new_revision(message))
    if path is None:
        raise click.ClickException("the models and the revisions agree: nothing to write")
    click.echo(str(path))


@cli.command("seed-demo")
@click.option(
    "--file",
    "seed_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=DEMO_CITY,
    show_default="the packaged demo city",
    help="A seed file of the same form as minqing/demo_city.toml.",
)
@click.pass_obj
def seed_demo(settings: Settings, seed_file: Path) -> None:
    """Load the demo city 'A市': units, people, categories, time limits and routing rules.

    Idempotent: rows are matched on codes and logins, and running it again changes nothing.
    """
    try:
        city = load_city(seed_file)
    except SeedError as error:
        raise click.ClickException(str(error)) from None

    async def work(database: Database) -> int:
        with _progress() as progress:
            task = progress.add_task("seeding", total=5)
            report = await apply_city(database, city, on_step=lambda _table: progress.advance(task))
        return report.changed

    changed = _with_database(settings, work)
    click.echo(f"{seed_file.name}: {changed} row(s) created or updated", err=True)


@cli.group()
def people() -> None:
    """The officials and staff who act on tickets."""


@people.command("list")
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON array (login, name, role, unit, wecom_userid)."
)
@click.pass_obj
def people_list(settings: Settings, as_json: bool) -> None:
    """List every active person with their role, unit and WeCom userid."""
    found = _with_database(settings, accounts.list_people)
    if as_json:
        click.echo(json.dumps([asdict(person) for person in found], ensure_ascii=False, indent=2))
        return
    table = _table("login", "name", "role", "unit", "wecom_userid")
    for person in found:
        table.add_row(person.login, person.name, person.role, person.unit, person.wecom_userid or "")
    Console().print(table)


@cli.group()
def token() -> None:
    """Bearer tokens for the JSON API (/api/v1)."""


@token.command("create")
@click.argument("login")
@click.pass_obj
def token_create(settings: Settings, login: str) -> None:
    """Print a new bearer token for LOGIN; only its SHA-256 is stored, so keep the token now."""

    async def work(database: Database) -> str:
        async with database.transaction() as session:
            return await issue_token(session, login, utcnow())

    click.echo(_with_database(settings, _reading(work)))


@cli.group()
def tickets() -> None:
    """Read tickets (as the service itself: every ticket is visible); the submitter is masked."""


@tickets.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of tickets, as the API gives them.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([status.value for status in TicketStatus]),
    help="Only tickets in this status (repeatable).",
)
@click.option("--unit", help="Only tickets held by the unit with this code (e.g. st-xihu).")
@click.option(
    "--limit", default=100, show_default=True, type=click.IntRange(1, MAX_PAGE), help="At most this many."
)
@click.pass_obj
def tickets_list(
    settings: Settings, as_json: bool, statuses: tuple[str, ...], unit: str | None, limit: int
) -> None:
    """List tickets, newest first."""
    filters = TicketFilter(statuses=tuple(map(TicketStatus, statuses)), unit=unit, limit=limit)
    found = _with_database(
        settings, _reading(lambda database: ticket_list(database, filters, settings.timezone))
    )
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    table = _table("number", "status", "category", "unit", "due", "title")
    for ticket in found:
        category, due = ticket["category"] or "", _minutes(ticket["due_at"])
        table.add_row(
            ticket["number"], ticket["status_label"], category, ticket["unit"], due, ticket["title"]
        )
    Console().print(table)


@tickets.command("show")
@click.argument("number")
@click.option("--json", "as_json", is_flag=True, help="Print the ticket and its timeline as JSON.")
@click.pass_obj
def tickets_show(settings: Settings, number: str, as_json: bool) -> None:
    """Show the ticket NUMBER (12345-YYYYMMDD-NNNNNN) with its timeline."""
    ticket = _with_database(
        settings, _reading(lambda database: ticket_detail(database, number, settings.timezone))
    )
    if as_json:
        click.echo(json.dumps(ticket, ensure_ascii=False, indent=2))
        return
    shown = ("number", "status_label", "channel", "category", "urgency", "unit", "submitter", "title", "text")
    for key in shown:
        click.echo(f"{key:>12}: {ticket[key] if ticket[key] is not None else ''}")
    click.echo(f"{'due':>12}: {_minutes(ticket['due_at'])}")
    for event in ticket["timeline"]:
        click.echo(f"  {_minutes(event['at'])}  {event['action_label']}  {event['actor']}  {event['note']}")


@cli.group()
def corrections() -> None:
    """Dispatchers' category corrections: feedback for retraining the classifier."""


@corrections.command("export")
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="CSV to write (columns title, text, label), for `python -m nlp_classifier train --corrections`.",
)
@click.pass_obj
def corrections_export(settings: Settings, out_path: Path) -> None:
    """Write every corrected petition with the category a dispatcher gave it."""

    async def work(database: Database) -> list[LabelledPetition]:
        async with database.reading() as session:
            return await corrected_petitions(session)

    rows = _with_database(settings, _reading(work))
    try:
        with out_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["title", "text", "label"])
            writer.writerows((row.title, row.text, row.label) for row in rows)
    except OSError as error:
        raise click.ClickException(f"cannot write {out_path}: {error.strerror}") from None
    click.echo(f"{len(rows)} corrections written to {out_path}")


def _table(key: str, *columns: str) -> Table:
    """A table whose first column (the key: a login, a ticket number) is never wrapped."""
    table = Table(*columns)
    table.columns.insert(0, Column(key, no_wrap=True))
    return table


def _minutes(moment: str | None) -> str:
    """An ISO time as 'YYYY-MM-DD HH:MM' ('' for none)."""
    return (moment or "")[:16].replace("T", " ")


def _reading(work: Callable[[Database], Awaitable[T]]) -> Callable[[Database], Awaitable[T]]:
    """`work`, with the domain's refusals (no such ticket or unit) turned into one-line errors."""

    async def run(database: Database) -> T:
        try:
            return await work(database)
        except DispatchError as error:
            raise click.ClickException(str(error)) from None

    return run


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="minqing")
