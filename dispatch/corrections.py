"""Dispatchers' category corrections, read back as training feedback for the classifier."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.directory import top_level_codes
from dispatch.models import Category, CategoryCorrection


@dataclass(frozen=True, slots=True)
class LabelledPetition:
    """A petition's title and text with the top-level category a dispatcher gave it."""

    title: str
    text: str
    label: str


async def corrected_petitions(session: AsyncSession) -> list[LabelledPetition]:
    """Every correction, oldest first, labelled with the corrected category's top-level code.

    A petition corrected twice counts once, with its latest label.
    """
    tops = top_level_codes(await session.scalars(select(Category)))
    latest: dict[int, LabelledPetition] = {}
    for correction in await session.scalars(select(CategoryCorrection).order_by(CategoryCorrection.id)):
        label = tops.get(correction.corrected, correction.corrected)
        latest.pop(correction.ticket_id, None)  # re-inserted: the list follows the latest corrections
        latest[correction.ticket_id] = LabelledPetition(correction.title, correction.text, label)
    return list(latest.values())
