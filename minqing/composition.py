"""Building the dispatch service from settings: the one place that picks the classifier and calendar."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.directory import top_level_codes
from dispatch.keyword_classifier import KeywordClassifier
from dispatch.models import Category
from dispatch.service import DispatchService
from minqing.settings import Settings
from nlp_classifier import load_default
from nlp_classifier.types import Classifier


async def keyword_classifier(database: Database) -> KeywordClassifier:
    """The fallback classifier over the categories' keyword lists (sub-categories count for their parent)."""
    async with database.reading() as session:
        categories = list(await session.scalars(select(Category)))
    tops = top_level_codes(categories)
    keywords: dict[str, list[str]] = {}
    for category in categories:
        keywords.setdefault(tops[category.code], []).extend(category.keywords or [])
    return KeywordClassifier(keywords)


async def load_classifier() -> Classifier:
    """The trained default model, loaded off the event loop (jieba and the model take a few seconds)."""
    return await asyncio.get_running_loop().run_in_executor(None, load_default)


def build_service(settings: Settings, database: Database, classifier: Classifier) -> DispatchService:
    """The dispatch service for these settings."""
    calendar = WorkCalendar(settings.timezone, settings.office_hours)
    return DispatchService(database, classifier, calendar, settings.timezone)
