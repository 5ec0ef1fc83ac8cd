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
import itertools
import random
import time
from collections import defaultdict
from pathlib import Path

from nlp_classifier.dataset import Example, read_labelled
from nlp_classifier.places import extract_places
from nlp_classifier.similar import DEFAULT_THRESHOLD, PetitionRef, similar
from nlp_classifier.text import MAX_BODY_CHARS

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "petitions_train.csv"
THRESHOLDS = (0.3, 0.4, DEFAULT_THRESHOLD, 0.6, 0.7, 0.8)


def known_duplicates(letters: list[Example]) -> list[tuple[Example, Example]]:
    """Pairs with the same title whose letters are worded differently."""
    by_title: dict[str, list[Example]] = defaultdict(list)
    for letter in letters:
        if letter.title:
            by_title[letter.title].append(letter)
    return [
        (a, b)
        for group in by_title.values()
        for a, b in itertools.combinations(group, 2)
        if a.text != b.text and a.text and b.text
    ]


def ref(letter: Example) -> PetitionRef:
    text = letter.text[:MAX_BODY_CHARS]
    return PetitionRef(letter.id, text, extract_places(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pool", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    letters = read_labelled(args.data)
    pairs = known_duplicates(letters)
    by_label: dict[str, list[Example]] = defaultdict(list)
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
