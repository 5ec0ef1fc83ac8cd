"""The petition classifier dispatch calls: category model, urgency and risk rules, places."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from nlp_classifier.category_model import CategoryModel
from nlp_classifier.features import make_doc
from nlp_classifier.places import extract_places
from nlp_classifier.rules import Rules, load_rules
from nlp_classifier.types import Classification

MODEL_NAME = "tfidf-nbsvm"


class PetitionClassifier:
    """Implements the `Classifier` protocol with a trained `CategoryModel` and the rules data."""

    def __init__(self, model: CategoryModel, rules: Rules | None = None) -> None:
        self.model = model
        self.rules = rules or load_rules()

    def classify(self, title: str, text: str) -> Classification:
        return self.classify_many([(title, text)])[0]

    def classify_many(self, items: list[tuple[str, str]]) -> list[Classification]:
        """Classify a batch (much faster per petition than one at a time)."""
        if not items:
            return []
        docs = [make_doc(title, text) for title, text in items]
        x = self.model.features(docs)
        proba = self.model.proba(x)
        ranked = np.argsort(-proba, axis=1, kind="stable")
        labels = self.model.labels
        out = []
        for row, doc in enumerate(docs):
            best, second = int(ranked[row, 0]), int(ranked[row, 1])
            confidence = float(proba[row, best])
            assessment = self.rules.assess(doc.text)
            out.append(
                Classification(
                    category=labels[best],
                    confidence=round(confidence, 4),
                    runner_up=labels[second],
                    runner_up_confidence=round(float(proba[row, second]), 4),
                    urgency=assessment.urgency,
                    risk_tags=assessment.risk_tags,
                    places=extract_places(doc.text, doc.tokens),
                    keywords=self.model.keywords(x, row, best),
                    needs_triage=confidence < self.model.threshold,
                    model=MODEL_NAME,
                )
            )
        return out


def load(directory: Path, rules_path: Path | None = None) -> PetitionClassifier:
    """A classifier from a model directory written by `python -m nlp_classifier train`."""
    return PetitionClassifier(CategoryModel.load(directory), load_rules(rules_path))


def default_model_dir() -> Path:
    """Where the shipped model lives (nlp_classifier/model/)."""
    return Path(str(resources.files(__package__).joinpath("model")))


@cache
def load_default() -> PetitionClassifier:
    """The shipped model with the packaged rules, loaded once per process."""
    return load(default_model_dir())
