"""Benchmark of the petition classifier on the training file.

Prints the 5-fold cross-validated macro-F1 (per class and overall) of the shipped configuration, the
baseline (jieba + TF-IDF + MultinomialNB) on the same folds, the triage threshold with the precision
on auto-routed petitions, and the throughput of the full classify() (title + 500 characters of
detail; one process, one thread).

    .venv/bin/python bench/classifier.py [--data CSV] [--folds 5]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import jieba
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import MultinomialNB

from nlp_classifier.classifier import PetitionClassifier, default_model_dir
from nlp_classifier.dataset import Example, read_labelled
from nlp_classifier.metrics import Scorecard, scorecard
from nlp_classifier.text import MAX_BODY_CHARS
from nlp_classifier.training import TrainConfig, train

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "petitions_train.csv"


def baseline(examples: list[Example], config: TrainConfig, alpha: float) -> Scorecard:
    """jieba words, TF-IDF and MultinomialNB, cross-validated on the same folds as the model."""
    texts = [" ".join(jieba.lcut(f"{e.title}\n{e.text[:MAX_BODY_CHARS]}")) for e in examples]
    truth = np.array([e.label for e in examples])
    predicted = np.empty(len(truth), dtype=object)
    folds = StratifiedKFold(config.folds, shuffle=True, random_state=config.seed)
    for train_rows, test_rows in folds.split(np.zeros(len(truth)), truth):
        vectorizer = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b")
        nb = MultinomialNB(alpha=alpha).fit(
            vectorizer.fit_transform([texts[r] for r in train_rows]), truth[train_rows]
        )
        predicted[test_rows] = nb.predict(vectorizer.transform([texts[r] for r in test_rows]))
    return scorecard(list(truth), list(predicted))


def throughput(classifier: PetitionClassifier, examples: list[Example], batch: int) -> float:
    """Petitions per second through the full classify_many (category, rules, places, keywords)."""
    items = [(e.title, e.text[:MAX_BODY_CHARS]) for e in examples]
    classifier.classify_many(items[:batch])  # warm up (dictionary load)
    start = time.perf_counter()
    for i in range(0, len(items), batch):
        classifier.classify_many(items[i : i + batch])
    return len(items) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    examples = read_labelled(args.data)
    config = TrainConfig(folds=args.folds)
    started = time.perf_counter()
    model, report = train(examples, config)
    print(f"data: {args.data} (n={len(examples)}), {config.folds}-fold stratified CV, seed {config.seed}")
    print(
        "model: TF-IDF words 1-2 + chars 1-3 + title chars 1-3 "
        f"(min_df {config.min_df}), NB-SVM (LinearSVC C={config.c} per class), softmax temperature"
    )
    for label, f1 in report.cv.per_class.items():
        print(f"  {label:<8} F1 {f1:.4f}")
    print(f"  macro-F1 {report.cv.macro_f1:.4f}   accuracy {report.cv.accuracy:.4f}")
    print(
        f"triage: confidence < {report.threshold:.2f} (temperature {report.temperature:.3f}) sends "
        f"{report.triage_share:.1%} to manual triage; auto-routed precision {report.auto_precision:.4f} "
        f"(target {config.target_precision})"
    )
    for alpha in (1.0, 0.1):
        base = baseline(examples, config, alpha)
        print(
            f"baseline jieba + TF-IDF + MultinomialNB(alpha={alpha}): "
            f"macro-F1 {base.macro_f1:.4f}  accuracy {base.accuracy:.4f}"
        )
    classifier = PetitionClassifier(model)
    speed = throughput(classifier, examples, batch=256)
    single = throughput(classifier, examples[:1000], batch=1)
    print(
        f"speed on one core, title + {MAX_BODY_CHARS} chars, full classification: {speed:,.0f} petitions/s "
        f"in batches of 256 (classify_many), {single:,.0f}/s one at a time (classify)"
    )
    shipped = default_model_dir() / "model.joblib"
    if shipped.exists():
        print(f"shipped model file: {shipped.stat().st_size / 1e6:.1f} MB")
    print(f"bench time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
