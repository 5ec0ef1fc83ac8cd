"""The classifier's output types, shared with dispatch (the only types dispatch imports from here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Urgency(StrEnum):
    """How fast a petition must be handled; selects the time limit."""

    NORMAL = "normal"
    URGENT = "urgent"
    EMERGENCY = "emergency"


class PlaceKind(StrEnum):
    """The administrative or physical kind of an extracted place name."""

    CITY = "city"  # 省 / 市, e.g. A市: too wide to tell two petitions' places apart
    DISTRICT = "district"  # 区 / 县, e.g. A3区
    STREET = "street"  # 街道 / 镇 / 乡
    COMMUNITY = "community"  # 社区 / 村
    ESTATE = "estate"  # 小区 / 花园 / 苑 …
    ROAD = "road"  # 路 / 街 / 大道
    ADDRESS = "address"  # 号 / 栋 / 单元
    OTHER = "other"  # jieba ns without a recognised suffix


@dataclass(frozen=True, slots=True)
class Place:
    """One place name found in a petition."""

    name: str
    kind: PlaceKind


@dataclass(frozen=True, slots=True)
class Classification:
    """What the classifier concluded about one petition."""

    category: str
    confidence: float
    runner_up: str | None = None
    runner_up_confidence: float = 0.0
    urgency: Urgency = Urgency.NORMAL
    risk_tags: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    keywords: tuple[str, ...] = ()
    needs_triage: bool = False
    model: str = field(default="", compare=False)


class Classifier(Protocol):
    """Anything that classifies petitions: the learned model, or dispatch's keyword fallback."""

    def classify(self, title: str, text: str) -> Classification: ...

    def classify_many(self, items: list[tuple[str, str]]) -> list[Classification]: ...
