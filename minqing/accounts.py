"""People as operators see them (`minqing people list`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from dispatch.database import Database
from dispatch.models import Person


@dataclass(frozen=True, slots=True)
class PersonView:
    """One person as operators see them."""

    login: str
    name: str
    role: str
    unit: str
    wecom_userid: str | None


async def list_people(database: Database) -> list[PersonView]:
    """Every active person, by unit then login."""
    async with database.reading() as session:
        people = await session.scalars(
            select(Person).where(Person.active).order_by(Person.unit_id, Person.login)
        )
        return [PersonView(p.login, p.name, p.role, p.unit.name, p.wecom_userid) for p in people]
