"""Calibrated confidence: a softmax over decision scores with a temperature fitted on held-out scores."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize_scalar

Scores = NDArray[np.float64]


def softmax(scores: Scores, temperature: float) -> Scores:
    """Row-wise probabilities from decision scores."""
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def fit_temperature(scores: Scores, truth: NDArray[np.intp]) -> float:
    """The temperature that minimises the log-loss of held-out (cross-validated) scores."""

    def log_loss(log_t: float) -> float:
        p = softmax(scores, float(np.exp(log_t)))
        return float(-np.mean(np.log(p[np.arange(len(truth)), truth] + 1e-12)))

    result = minimize_scalar(log_loss, bounds=(-5.0, 3.0), method="bounded")
    return float(np.exp(result.x))


@dataclass(frozen=True, slots=True)
class TriagePoint:
    """Auto-route petitions at or above `threshold`; the rest go to a person."""

    threshold: float
    auto_precision: float
    triage_share: float


def choose_threshold(proba: Scores, truth: NDArray[np.intp], target_precision: float) -> TriagePoint:
    """The lowest confidence threshold whose auto-routed petitions reach `target_precision`."""
    confidence = proba.max(axis=1)
    correct = proba.argmax(axis=1) == truth
    point = TriagePoint(1.0, 1.0, 1.0)
    for threshold in np.round(np.arange(0.99, 0.0, -0.01), 2):
        routed = confidence >= threshold
        if not routed.any():
            continue
        precision = float(correct[routed].mean())
        if precision < target_precision:
            break
        point = TriagePoint(float(threshold), precision, float(1.0 - routed.mean()))
    return point
