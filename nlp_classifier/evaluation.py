"""Evaluating a classifier on a labelled file: quality and throughput."""

from __future__ import annotations

import time
from dataclasses import asdict

from nlp_classifier.dataset import Example
from nlp_classifier.metrics import scorecard
from nlp_classifier.types import Classifier

BATCH = 256


def evaluate(classifier: Classifier, examples: list[Example]) -> dict[str, object]:
    """Macro-F1, accuracy, F1 per class, petitions per second (full classify, in batches) and n."""
    predicted: list[str] = []
    classifier.classify_many([(e.title, e.text) for e in examples[:1]])  # load lazily built tables first
    start = time.perf_counter()
    for i in range(0, len(examples), BATCH):
        batch = examples[i : i + BATCH]
        predicted.extend(c.category for c in classifier.classify_many([(e.title, e.text) for e in batch]))
    seconds = time.perf_counter() - start
    card = asdict(scorecard([e.label for e in examples], predicted))
    return {
        "macro_f1": card["macro_f1"],
        "accuracy": card["accuracy"],
        "per_class": card["per_class"],
        "docs_per_s": round(len(examples) / seconds, 1) if seconds > 0 else 0.0,
        "n": len(examples),
    }
