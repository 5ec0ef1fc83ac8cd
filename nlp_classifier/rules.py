"""Urgency and risk rules: weighted patterns read from a TOML data file.

An urgency rule is a regular expression with a weight. Every match is first checked against the plain
negation cues (没有着火, 火灾隐患); a rule marked `event` is then read in its sentence for context cues:
a hypothetical (一旦发生火灾), past (去年着火), reported-elsewhere or figurative (慢性自杀) or resolved
(火已被扑灭) context drops the match; a habitual (经常被困电梯) or ideation (自杀的念头) context demotes it
to the rule's `demoted` weight; a present cue (正在, 刚刚) cancels the past and habitual cues. With
`emergency_needs_event` only an event counted in full makes an emergency. All cue lists are
regular-expression fragments compiled once at load time, and each rule is screened by literals derived
from its pattern so that most petitions skip most patterns.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from nlp_classifier.types import Urgency


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, its weight, and the name (urgency) or tag (risk) it stands for.

    `event` rules are read in context (tense, mood); `demoted` is their weight when the context makes
    the event habitual or only a thought (经常被困电梯 → urgent rather than emergency). `literals`, when
    known, are strings one of which every match contains: a text without any is not searched.
    """

    name: str
    pattern: re.Pattern[str]
    weight: float
    event: bool = False
    demoted: float = 0.0
    literals: frozenset[str] | None = field(default=None, compare=False)  # one is in every match
    screen: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "screen", _literal_regex(self.literals) if self.literals else None)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the rules say about one petition."""

    urgency: Urgency
    risk_tags: tuple[str, ...]
    reasons: tuple[str, ...]


DEFAULT_NEGATION_WINDOW = 4
SENTENCE_END = "。！？!?；;\n"
CLAUSE_END = SENTENCE_END + "，,、：:"
NEAR, FAR = 2, 1
_NEVER = re.compile(r"(?!)")


def _cue_pattern(cues: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c})" for c in cues)) if cues else _NEVER


def _around(text: str, match: re.Match[str], before: int, after: int, ends: str) -> tuple[str, str]:
    """Up to `before` characters before the match and `after` after it, not crossing any of `ends`."""
    preceding = text[max(0, match.start() - before) : match.start()]
    cut = max(preceding.rfind(c) for c in ends)
    if cut >= 0:
        preceding = preceding[cut + 1 :]
    following = text[match.end() : match.end() + after]
    cuts = [i for i in (following.find(c) for c in ends) if i >= 0]
    if cuts:
        following = following[: min(cuts)]
    return preceding, following


class Effect(StrEnum):
    """What a context cue does to an event match."""

    DROP = "drop"  # the event is not happening now: hypothetical, past, elsewhere, resolved
    DEMOTE = "demote"  # the event recurs or is only a thought: the rule's demoted weight
    PRESENT = "present"  # the event is happening now: cancels the overridable cues
    FRESH = "fresh"  # a new occurrence (又, 再次): not tied to the letter's other mentions of the event


@dataclass(frozen=True, slots=True)
class Cue:
    """One class of context cues, read in the match's sentence (or clause) up to a window each side."""

    name: str
    effect: Effect
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    window: int = 20
    after_window: int = 10
    clause: bool = False  # look only in the match's clause, not in the rest of its sentence
    overridable: bool = False  # a present cue in the clause cancels this one even within the clause
    _before: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _after: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_before", _cue_pattern(self.before))
        object.__setattr__(self, "_after", _cue_pattern(self.after))

    def reach(self, text: str, match: re.Match[str]) -> int:
        """NEAR when a cue stands in the match's clause, FAR when only elsewhere in its sentence, else 0."""
        if self._in(*_around(text, match, self.window, self.after_window, CLAUSE_END)):
            return NEAR
        if not self.clause and self._in(*_around(text, match, self.window, self.after_window, SENTENCE_END)):
            return FAR
        return 0

    def _in(self, preceding: str, following: str) -> bool:
        return bool(self._before.search(preceding) or self._after.search(following))


@dataclass(frozen=True, slots=True)
class Rules:
    """Urgency rules with two thresholds, and risk rules grouped by tag with one threshold."""

    urgency_rules: tuple[Rule, ...]
    urgent: float
    emergency: float
    risk_rules: tuple[Rule, ...]
    risk_threshold: float
    negation: Cue = field(default_factory=lambda: _negation({}))
    context: tuple[Cue, ...] = ()
    emergency_needs_event: bool = False
    _gate: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One search for every rule's screen literals at once: a petition without any skips all rules.
        keys = [rule.literals for rule in (*self.urgency_rules, *self.risk_rules)]
        known = [k for k in keys if k]
        gate = _literal_regex(frozenset().union(*known)) if known and len(known) == len(keys) else None
        object.__setattr__(self, "_gate", gate)

    def assess(self, text: str) -> Assessment:
        """Score `text` against every rule; each rule counts once, at its best match in context."""
        if self._gate is not None and self._gate.search(text) is None:
            return Assessment(self._level([]), (), ())
        hits: list[tuple[Rule, float]] = []
        for rule in self.urgency_rules:
            screen = rule.screen  # inlined: most rules are screened out of most petitions
            if screen is not None and screen.search(text) is None:
                continue
            weight = self._weight(rule, text)
            if weight > 0:
                hits.append((rule, weight))
        by_tag: defaultdict[str, float] = defaultdict(float)
        for risk in self.risk_rules:
            screen = risk.screen
            if (screen is None or screen.search(text) is not None) and risk.pattern.search(text):
                by_tag[risk.name] += risk.weight
        tags = tuple(sorted(tag for tag, weight in by_tag.items() if weight >= self.risk_threshold))
        return Assessment(self._level(hits), tags, tuple(rule.name for rule, _ in hits))

    def _level(self, hits: list[tuple[Rule, float]]) -> Urgency:
        score = sum(weight for _, weight in hits)
        if self.emergency_needs_event:
            # Hazards and demoted events add up to urgent at most; an emergency needs an event in full.
            emergency = any(rule.event and weight >= self.emergency for rule, weight in hits)
        else:
            emergency = score >= self.emergency
        if emergency:
            return Urgency.EMERGENCY
        return Urgency.URGENT if score >= self.urgent else Urgency.NORMAL

    def _weight(self, rule: Rule, text: str) -> float:
        """The rule's weight at its best match in context (the caller has applied the screen)."""
        if not rule.event:
            found = any(not self.negation.reach(text, m) for m in rule.pattern.finditer(text))
            return rule.weight if found else 0.0
        best = 0.0
        unanchored = False  # a match in full whose context says nothing about time or mood
        cued: set[Effect] = set()
        for match in rule.pattern.finditer(text):
            if self.negation.reach(text, match):
                continue
            cues = [(cue, reach) for cue in self.context if (reach := cue.reach(text, match))]
            present = any(cue.effect is Effect.PRESENT for cue, _ in cues)
            anchored = present or any(cue.effect is Effect.FRESH for cue, _ in cues)
            # A present cue in the event's own clause beats overridable cues; a present or fresh one beats
            # any cue that stands only in another clause of the sentence.
            effects = {
                cue.effect
                for cue, reach in cues
                if not ((present and cue.overridable) or (anchored and reach == FAR))
            }
            if Effect.DROP in effects:
                cued.add(Effect.DROP)
            elif Effect.DEMOTE in effects:
                cued.add(Effect.DEMOTE)
                best = max(best, rule.demoted)
            elif present or Effect.FRESH in effects:
                return rule.weight
            else:
                unanchored = True
        if unanchored:
            # Other mentions of the same event in the letter tell its time: 2017年发生了火灾。此次火灾…
            if not cued:
                return rule.weight
            best = max(best, rule.demoted if Effect.DEMOTE in cued else 0.0)
        return best


def load_rules(path: Path | None = None) -> Rules:
    """Read rules from `path`, or the packaged rules.toml."""
    if path is None:
        data = tomllib.loads(resources.files(__package__).joinpath("rules.toml").read_text(encoding="utf-8"))
    else:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    urgency, risk = data["urgency"], data["risk"]
    return Rules(
        urgency_rules=tuple(_rule(r, "name") for r in urgency.get("rules", ())),
        urgent=float(urgency["urgent"]),
        emergency=float(urgency["emergency"]),
        risk_rules=tuple(_rule(r, "tag") for r in risk.get("rules", ())),
        risk_threshold=float(risk["threshold"]),
        negation=_negation(data.get("negation", {})),
        context=tuple(_cue(c) for c in data.get("context", ())),
        emergency_needs_event=bool(urgency.get("emergency_needs_event", False)),
    )


def _negation(entry: dict[str, Any]) -> Cue:
    """Words that make a matched event not an actual one (没有着火, 防止火灾, 火灾隐患, 消防演练): a cue
    within `window` characters either side, in the match's clause."""
    window = int(entry.get("window", DEFAULT_NEGATION_WINDOW))
    return _cue(
        {
            **entry,
            "name": "negation",
            "effect": "drop",
            "window": window,
            "after_window": window,
            "clause": True,
        }
    )


def _cue(entry: dict[str, Any]) -> Cue:
    return Cue(
        name=str(entry["name"]),
        effect=Effect(entry["effect"]),
        before=tuple(str(cue) for cue in entry.get("before", ())),
        after=tuple(str(cue) for cue in entry.get("after", ())),
        window=int(entry.get("window", 20)),
        after_window=int(entry.get("after_window", 10)),
        clause=bool(entry.get("clause", False)),
        overridable=bool(entry.get("overridable", False)),
    )


def _rule(entry: dict[str, Any], key: str) -> Rule:
    pattern = str(entry["pattern"])
    return Rule(
        str(entry[key]),
        re.compile(pattern),
        float(entry["weight"]),
        event=bool(entry.get("event", False)),
        demoted=float(entry.get("demoted", 0.0)),
        literals=_required_literals(pattern),
    )


# Python's re tries every alternative at every position of the text when a pattern's branches do not
# start with a plain literal, which makes broad rules slow (~100 µs a petition each). A rule's screen
# searches for literals of which every match must contain one, derived from the pattern's parse tree;
# it runs at C speed and lets most petitions skip the pattern (and, all screens in one, most rules).
# When the literals cannot be told (or the parser's private API changes) the pattern is searched as is.

_MAX_EXPANSION = 64


def _required_literals(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of `pattern` contains, or None when that cannot be told."""
    try:
        tree = importlib.import_module("re._parser").parse(pattern)
        if tree.state.flags & re.IGNORECASE:
            return None
        finite, required = _analyse(tree.data, importlib.import_module("re._constants"))
    except Exception:  # any failure only means no screen
        return None
    literals = finite if finite is not None else required
    if not literals or "" in literals:
        return None
    return frozenset(literals)


def _literal_regex(literals: frozenset[str]) -> re.Pattern[str]:
    """A search for any of `literals`, written as a trie (天然气管?|煤气…), which re scans fastest."""
    trie: dict[str, Any] = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        alternatives = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return re.compile(branch(trie))


def _analyse(items: list[Any], sre: Any) -> tuple[set[str] | None, set[str] | None]:
    """For a parsed sequence: the strings it matches when they are few and fixed (else None), and a set
    of literals one of which every match contains (else None)."""
    candidates: list[set[str]] = []
    run: set[str] | None = {""}
    whole_finite = True
    for op, av in items:
        finite, required = _item(op, av, sre)
        if finite is not None and run is not None and len(run) * len(finite) <= _MAX_EXPANSION:
            run = {a + b for a in run for b in finite}
            continue
        whole_finite = False
        if run is not None and run != {""}:
            candidates.append(run)
        run = {""}
        if required:
            candidates.append(required)
    if run is not None and run != {""}:
        candidates.append(run)
    if whole_finite:
        return run, run
    best = max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)
    return None, best


def _item(op: Any, av: Any, sre: Any) -> tuple[set[str] | None, set[str] | None]:
    if op is sre.LITERAL:
        return {chr(av)}, {chr(av)}
    if op is sre.IN:
        if all(member_op is sre.LITERAL for member_op, _ in av):
            chars = {chr(code) for _, code in av}
            return chars, chars
        return None, None
    if op is sre.SUBPATTERN:
        _, add_flags, _, body = av
        return (None, None) if add_flags & re.IGNORECASE else _analyse(body.data, sre)
    if op is sre.BRANCH:
        parts = [_analyse(branch.data, sre) for branch in av[1]]
        finite: set[str] | None = set()
        required: set[str] | None = set()
        for part_finite, part_required in parts:
            finite = finite | part_finite if finite is not None and part_finite is not None else None
            either = part_required if part_required is not None else part_finite
            required = required | either if required is not None and either is not None else None
        return finite, required
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, body = av
        if low == 0:
            return None, None
        finite, required = _analyse(body.data, sre)
        return (finite if low == high == 1 else None), (required if required is not None else finite)
    return None, None
