"""Precision and recall of the urgency rules against hand-judged training letters.

bench/data/urgency_judged.csv holds one row per judged petition: its id in the training file, the
urgency a reader judged (emergency: someone is in danger now and needs an immediate response; urgent: a
prompt response, e.g. a lost water or power supply, a lift that traps people, a structure about to fail;
normal: neither), the urgency the rules gave before the context rules were written (rules_urgency), and
a short note. Two samples are in it:

- the judged set, drawn before the rules were changed: every letter the old rules flagged emergency, a
  seeded sample of 150 they flagged urgent, a seeded sample of 200 unflagged letters with danger words
  (火, 气, 电梯, 困, 塌, 伤, 死 …) and three targeted ones (notes starting "targeted:");
- an after-check: a seeded sample of 40 letters the changed rules flag urgent that were not in the judged
  set (notes starting "after-check:"), judged after the change, to see how far the figures on the judged
  set (which the rules were tuned on) carry over.

The texts are read from the training file by id and put together as the classifier does (the title,
then 500 characters of the body). The samples are stratified, so the figures describe them, not the file.

    .venv/bin/python bench/urgency.py [--data CSV] [--judged CSV] [--rules TOML] [--show]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nlp_classifier.dataset import read_labelled
from nlp_classifier.features import make_doc
from nlp_classifier.rules import Rules, load_rules
from nlp_classifier.types import Urgency

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data" / "petitions_train.csv"
DEFAULT_JUDGED = HERE / "data" / "urgency_judged.csv"
LEVELS = (Urgency.EMERGENCY, Urgency.URGENT, Urgency.NORMAL)
AFTER_CHECK = "after-check:"


@dataclass(frozen=True, slots=True)
class Judged:
    """One hand-judged petition."""

    id: str
    judged: Urgency
    before: Urgency
    note: str

    @property
    def after_check(self) -> bool:
        return self.note.startswith(AFTER_CHECK)


def read_judged(path: Path) -> list[Judged]:
    """The judgement file (id, judged_urgency, rules_urgency, note)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Judged(row["id"], Urgency(row["judged_urgency"]), Urgency(row["rules_urgency"]), row["note"])
            for row in csv.DictReader(f)
        ]


def read_texts(path: Path, ids: set[str]) -> dict[str, str]:
    """The classifier's text (title, newline, truncated body) of each wanted petition."""
    texts = {e.id: make_doc(e.title, e.text).text for e in read_labelled(path) if e.id in ids}
    missing = ids - texts.keys()
    if missing:
        raise SystemExit(f"ids not in {path}: {sorted(missing, key=int)[:10]}")
    return texts


def report(title: str, pairs: list[tuple[Urgency, Urgency]]) -> None:
    """Print the confusion table and precision/recall per level of (judged, rules) pairs."""
    counts = Counter(pairs)
    print(f"\n{title} ({len(pairs)} judged)")
    print(f"{'judged / rules':<16}" + "".join(f"{level.value:>11}" for level in LEVELS))
    for judged in LEVELS:
        print(f"{judged.value:<16}" + "".join(f"{counts[judged, rules]:>11}" for rules in LEVELS))
    print(f"{'level':<11}{'precision':>20}{'recall':>20}")
    for level in LEVELS:
        hit = counts[level, level]
        flagged = sum(counts[j, level] for j in LEVELS)
        actual = sum(counts[level, r] for r in LEVELS)
        print(f"{level.value:<11}{_ratio(hit, flagged):>20}{_ratio(hit, actual):>20}")
    missed = sum(counts[Urgency.EMERGENCY, r] for r in LEVELS if r is not Urgency.EMERGENCY)
    print(f"judged emergencies the rules miss: {missed}")


def _ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.1%}" if total else f"{hit}/0 = -"


def evaluate(judged: list[Judged], texts: dict[str, str], rules: Rules, show: bool) -> None:
    """Print the figures of the rules before the change and of `rules`, on each sample."""
    now = {j.id: rules.assess(texts[j.id]) for j in judged}
    sample = [j for j in judged if not j.after_check]
    report("judged set, rules before the change", [(j.judged, j.before) for j in sample])
    report("judged set, these rules", [(j.judged, now[j.id].urgency) for j in sample])
    for stratum in LEVELS:
        rows = [j for j in sample if j.before is stratum]
        title = f"judged set, these rules, letters flagged {stratum.value} before the change"
        report(title, [(j.judged, now[j.id].urgency) for j in rows])
    check = [j for j in judged if j.after_check]
    if check:
        report("after-check sample, these rules", [(j.judged, now[j.id].urgency) for j in check])
    if show:
        print("\nwrong (id, judged, rules, reasons, note):")
        for j in judged:
            got = now[j.id]
            if got.urgency is not j.judged:
                reasons = ",".join(got.reasons)
                print(f"{j.id:>5} {j.judged.value:>9} {got.urgency.value:>9}  {reasons:<24} {j.note}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Precision and recall of the urgency rules.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the training CSV")
    parser.add_argument("--judged", type=Path, default=DEFAULT_JUDGED, help="the judgement CSV")
    parser.add_argument("--rules", type=Path, default=None, help="another rules.toml")
    parser.add_argument("--show", action="store_true", help="list the petitions the rules get wrong")
    args = parser.parse_args()
    judged = read_judged(args.judged)
    evaluate(judged, read_texts(args.data, {j.id for j in judged}), load_rules(args.rules), args.show)


if __name__ == "__main__":
    main()
