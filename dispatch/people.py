"""People as API actors: bearer tokens (only their SHA-256 is stored) and token authentication."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.actors import Actor
from dispatch.enums import Role
from dispatch.errors import NotFound
from dispatch.models import ApiToken, Person


def token_digest(token: str) -> str:
    """The stored form of a bearer token."""
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(session: AsyncSession, login: str, now: datetime) -> str:
    """A new bearer token for `login`; shown once, stored only as its digest."""
    person = await session.scalar(select(Person).where(Person.login == login, Person.active))
    if person is None:
        raise NotFound(f"没有账号 {login}")
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(person_id=person.id, token_sha256=token_digest(token), created_at=now))
    return token


def actor_of(person: Person) -> Actor:
    """The Actor a person acts as."""
    return Actor.person(person.id, person.name, Role(person.role), person.unit_id)


async def actor_for_token(session: AsyncSession, token: str) -> Actor | None:
    """The person a bearer token belongs to, if it is valid and not revoked."""
    person = await session.scalar(
        select(Person)
        .join(ApiToken, ApiToken.person_id == Person.id)
        .where(ApiToken.token_sha256 == token_digest(token), ApiToken.revoked_at.is_(None), Person.active)
    )
    return None if person is None else actor_of(person)
