"""Scores of predicted against true categories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.metrics import accuracy_score, f1_score


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Macro-F1, accuracy and F1 per class."""

    macro_f1: float
    accuracy: float
    per_class: dict[str, float]
    n: int


def scorecard(truth: Sequence[str], predicted: Sequence[str]) -> Scorecard:
    """Score `predicted` against `truth`; classes are those present in either."""
    labels = sorted(set(truth) | set(predicted))
    per_class = f1_score(truth, predicted, labels=labels, average=None, zero_division=0)
    return Scorecard(
        macro_f1=round(float(per_class.mean()), 4),
        accuracy=round(float(accuracy_score(truth, predicted)), 4),
        per_class={label: round(float(f), 4) for label, f in zip(labels, per_class, strict=True)},
        n=len(truth),
    )
