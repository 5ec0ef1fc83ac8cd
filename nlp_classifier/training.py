"""Training the category model, with cross-validated figures, calibration and a triage threshold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np
import sklearn
from numpy.typing import NDArray
from sklearn.model_selection import StratifiedKFold

from nlp_classifier.calibration import Scores, choose_threshold, fit_temperature, softmax
from nlp_classifier.category_model import CategoryModel
from nlp_classifier.dataset import Example
from nlp_classifier.features import Doc, PetitionVectorizer, make_doc
from nlp_classifier.metrics import Scorecard, scorecard
from nlp_classifier.nbsvm import fit_nbsvm

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Hyper-parameters, chosen by a small 5-fold search on the training file (see bench/classifier.py)."""

    folds: int = 5
    seed: int = 0
    c: float = 0.5
    min_df: int = 3
    target_precision: float = 0.97


@dataclass(frozen=True, slots=True)
class TrainReport:
    """Cross-validated figures of a training run and the calibration fitted on them."""

    cv: Scorecard
    temperature: float
    threshold: float
    auto_precision: float
    triage_share: float
    config: TrainConfig

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "sklearn": sklearn.__version__}


def training_steps(config: TrainConfig) -> int:
    """How many times `train` reports progress."""
    return config.folds + 2


def train(
    examples: list[Example], config: TrainConfig, progress: Progress | None = None
) -> tuple[CategoryModel, TrainReport]:
    """Cross-validate, calibrate on the held-out scores, then fit the final model on everything."""
    step = progress or (lambda _: None)
    docs = [make_doc(e.title, e.text) for e in examples]
    step("tokenised")
    labels = sorted({e.label for e in examples})
    truth = np.array([labels.index(e.label) for e in examples], dtype=np.intp)
    weights = np.array([e.weight for e in examples])
    held_out = np.zeros((len(docs), len(labels)))
    folds = StratifiedKFold(config.folds, shuffle=True, random_state=config.seed)
    for i, (train_rows, test_rows) in enumerate(folds.split(np.zeros(len(truth)), truth), start=1):
        model = fit([docs[r] for r in train_rows], truth[train_rows], weights[train_rows], labels, config)
        held_out[test_rows] = model.scores(model.features([docs[r] for r in test_rows]))
        step(f"fold {i}/{config.folds}")
    report = _report(held_out, truth, labels, config)
    model = fit(docs, truth, weights, labels, config)
    model.temperature, model.threshold = report.temperature, report.threshold
    step("final model")
    return model, report


def fit(
    docs: list[Doc],
    truth: NDArray[np.intp],
    weights: NDArray[np.float64],
    labels: list[str],
    config: TrainConfig,
) -> CategoryModel:
    """NB-SVM on TF-IDF features (uncalibrated)."""
    vectorizer = PetitionVectorizer(config.min_df)
    x = vectorizer.fit_transform(docs)
    coef, intercept = fit_nbsvm(x, truth, weights, len(labels), config.c, config.seed)
    return CategoryModel(vectorizer=vectorizer, labels=labels, coef=coef, intercept=intercept)


def _report(held_out: Scores, truth: NDArray[np.intp], labels: list[str], config: TrainConfig) -> TrainReport:
    temperature = fit_temperature(held_out, truth)
    point = choose_threshold(softmax(held_out, temperature), truth, config.target_precision)
    predicted = [labels[i] for i in held_out.argmax(axis=1)]
    return TrainReport(
        cv=scorecard([labels[i] for i in truth], predicted),
        temperature=round(temperature, 4),
        threshold=point.threshold,
        auto_precision=round(point.auto_precision, 4),
        triage_share=round(point.triage_share, 4),
        config=config,
    )
