"""Benchmark of duplicate detection on the letters that citizens sent twice.

The training file holds groups of petitions with the same title but a differently worded letter (the
same citizen writing again, or a neighbour copying the letter). Each such pair is a known duplicate.
For each one, the detail of one letter (title left out, so the match has to come from the text and
the places) is compared with a pool of its partner and `--pool` other petitions of the same category,
the hardest kind of non-duplicate. Prints recall and false matches per pool at several thresholds,
and the time per comparison.

    .venv/bin/python bench/similar.py [--data CSV] [--pool 200]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from nlp_classifier.places import extract_places
from nlp_classifier.similar import DEFAULT_THRESHOLD, PetitionRef, similar
from nlp_classifier.text import MAX_BODY_CHARS, petition_body

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "petitions_train.csv"
THRESHOLDS = (0.3, 0.4, DEFAULT_THRESHOLD, 0.6, 0.7, 0.8)


@dataclass(frozen=True, slots=True)
class Letter:
    id: str
    title: str
    body: str
    label: str


def read_letters(path: Path) -> list[Letter]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Letter(
                row["id"], row["title"].strip(), petition_body(row["detail"], row["seg_text"]), row["label"]
            )
            for row in csv.DictReader(f)
        ]


def known_duplicates(letters: list[Letter]) -> list[tuple[Letter, Letter]]:
    """Pairs with the same title whose letters are worded differently."""
    by_title: dict[str, list[Letter]] = defaultdict(list)
    for letter in letters:
        if letter.title:
            by_title[letter.title].append(letter)
    return [
        (a, b)
        for group in by_title.values()
        for a, b in itertools.combinations(group, 2)
        if a.body != b.body and a.body and b.body
    ]


def ref(letter: Letter) -> PetitionRef:
    text = letter.body[:MAX_BODY_CHARS]
    return PetitionRef(letter.id, text, extract_places(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pool", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    letters = read_letters(args.data)
    pairs = known_duplicates(letters)
    by_label: dict[str, list[Letter]] = defaultdict(list)
    for letter in letters:
        by_label[letter.label].append(letter)
    rng = random.Random(args.seed)
    found = dict.fromkeys(THRESHOLDS, 0)
    false = dict.fromkeys(THRESHOLDS, 0)
    comparisons, seconds = 0, 0.0
    for a, b in pairs:
        others = [x for x in by_label[a.label] if x.title != a.title]
        pool = [ref(b), *(ref(x) for x in rng.sample(others, min(args.pool, len(others))))]
        started = time.perf_counter()
        matches = similar(ref(a), pool, threshold=min(THRESHOLDS))
        seconds += time.perf_counter() - started
        comparisons += len(pool)
        for threshold in THRESHOLDS:
            hits = {m.id for m in matches if m.score >= threshold}
            found[threshold] += b.id in hits
            false[threshold] += len(hits - {b.id})
    print(f"known duplicate pairs: {len(pairs)}; pool: partner + {args.pool} of the same category")
    print("threshold  recall  false matches per pool")
    for threshold in THRESHOLDS:
        print(f"{threshold:9.2f}  {found[threshold] / len(pairs):6.3f}  {false[threshold] / len(pairs):8.3f}")
    print(
        f"{comparisons / seconds:,.0f} comparisons/s (text vectors fitted per query, places extracted before)"
    )


if __name__ == "__main__":
    main()
