"""Urgency and risk rules: weighted patterns read from a TOML data file."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from nlp_classifier.types import Urgency


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, its weight, and the name (urgency) or tag (risk) it stands for."""

    name: str
    pattern: re.Pattern[str]
    weight: float


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the rules say about one petition."""

    urgency: Urgency
    risk_tags: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """Urgency rules with two thresholds, and risk rules grouped by tag with one threshold."""

    urgency_rules: tuple[Rule, ...]
    urgent: float
    emergency: float
    risk_rules: tuple[Rule, ...]
    risk_threshold: float

    def assess(self, text: str) -> Assessment:
        """Score `text` against every rule; each rule counts once."""
        hits = [r for r in self.urgency_rules if r.pattern.search(text)]
        score = sum(r.weight for r in hits)
        urgency = (
            Urgency.EMERGENCY
            if score >= self.emergency
            else Urgency.URGENT
            if score >= self.urgent
            else Urgency.NORMAL
        )
        by_tag: defaultdict[str, float] = defaultdict(float)
        for rule in self.risk_rules:
            if rule.pattern.search(text):
                by_tag[rule.name] += rule.weight
        tags = tuple(sorted(tag for tag, weight in by_tag.items() if weight >= self.risk_threshold))
        return Assessment(urgency, tags, tuple(r.name for r in hits))


def load_rules(path: Path | None = None) -> Rules:
    """Read rules from `path`, or the packaged rules.toml."""
    if path is None:
        data = tomllib.loads(resources.files(__package__).joinpath("rules.toml").read_text(encoding="utf-8"))
    else:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    urgency, risk = data["urgency"], data["risk"]
    return Rules(
        urgency_rules=tuple(_rule(r, "name") for r in urgency["rules"]),
        urgent=float(urgency["urgent"]),
        emergency=float(urgency["emergency"]),
        risk_rules=tuple(_rule(r, "tag") for r in risk["rules"]),
        risk_threshold=float(risk["threshold"]),
    )


def _rule(entry: dict[str, Any], key: str) -> Rule:
    return Rule(str(entry[key]), re.compile(entry["pattern"]), float(entry["weight"]))
