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


DEFAULT_NEGATION_WINDOW = 4


@dataclass(frozen=True, slots=True)
class Negation:
    """Words that make a matched event not an actual one: 没有着火, 防止火灾, 火灾隐患, 消防演练."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    window: int = DEFAULT_NEGATION_WINDOW

    def negates(self, text: str, match: re.Match[str]) -> bool:
        """Whether a cue stands within `window` characters before or after the match."""
        preceding = text[max(0, match.start() - self.window) : match.start()]
        following = text[match.end() : match.end() + self.window]
        return any(cue in preceding for cue in self.before) or any(cue in following for cue in self.after)


@dataclass(frozen=True, slots=True)
class Rules:
    """Urgency rules with two thresholds, and risk rules grouped by tag with one threshold."""

    urgency_rules: tuple[Rule, ...]
    urgent: float
    emergency: float
    risk_rules: tuple[Rule, ...]
    risk_threshold: float
    negation: Negation = Negation()

    def assess(self, text: str) -> Assessment:
        """Score `text` against every rule; each rule counts once, and only where it is not negated."""
        hits = [r for r in self.urgency_rules if self._happens(r, text)]
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

    def _happens(self, rule: Rule, text: str) -> bool:
        return any(not self.negation.negates(text, match) for match in rule.pattern.finditer(text))


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
        negation=_negation(data.get("negation", {})),
    )


def _negation(entry: dict[str, Any]) -> Negation:
    return Negation(
        before=tuple(str(cue) for cue in entry.get("before", ())),
        after=tuple(str(cue) for cue in entry.get("after", ())),
        window=int(entry.get("window", DEFAULT_NEGATION_WINDOW)),
    )


def _rule(entry: dict[str, Any], key: str) -> Rule:
    return Rule(str(entry[key]), re.compile(entry["pattern"]), float(entry["weight"]))
