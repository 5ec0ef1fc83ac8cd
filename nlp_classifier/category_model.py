"""The learned category model: features, linear weights, temperature and triage threshold."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix

from nlp_classifier.calibration import Scores, softmax
from nlp_classifier.features import Doc, PetitionVectorizer

MODEL_FILE = "model.joblib"
META_FILE = "model.json"


@dataclass
class CategoryModel:
    """Linear scores over PetitionVectorizer features, turned into calibrated probabilities."""

    vectorizer: PetitionVectorizer
    labels: list[str]
    coef: NDArray[np.float32]
    intercept: NDArray[np.float32]
    temperature: float = 1.0
    threshold: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def features(self, docs: list[Doc]) -> csr_matrix:
        return self.vectorizer.transform(docs)

    def scores(self, x: csr_matrix) -> Scores:
        return np.asarray(x @ self.coef.T + self.intercept, dtype=np.float64)

    def proba(self, x: csr_matrix) -> Scores:
        return softmax(self.scores(x), self.temperature)

    @cached_property
    def _word_names(self) -> list[str]:
        return self.vectorizer.word_names()

    def keywords(self, x: csr_matrix, row: int, label: int, limit: int = 5) -> tuple[str, ...]:
        """The words (and word pairs, joined) that pushed row `row` of `x` most towards class `label`."""
        start, end = x.indptr[row], x.indptr[row + 1]
        indices, data = x.indices[start:end], x.data[start:end]
        is_word = indices < self.vectorizer.n_word_features
        columns = indices[is_word]
        weights = data[is_word] * self.coef[label, columns]
        order = np.argsort(-weights, kind="stable")[:limit]
        words = (self._word_names[columns[i]].replace(" ", "") for i in order if weights[i] > 0)
        return tuple(dict.fromkeys(words))

    def save(self, directory: Path) -> None:
        """Write the model (compressed joblib) and its metadata (JSON) into `directory`."""
        directory.mkdir(parents=True, exist_ok=True)
        self.__dict__.pop("_word_names", None)
        meta, self.meta = self.meta, {}
        try:
            joblib.dump(self, directory / MODEL_FILE, compress=("zlib", 6))
        finally:
            self.meta = meta
        text = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True)
        (directory / META_FILE).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> CategoryModel:
        model = joblib.load(directory / MODEL_FILE)
        if not isinstance(model, cls):
            raise TypeError(f"{directory / MODEL_FILE} holds no {cls.__name__}")
        meta_path = directory / META_FILE
        if meta_path.exists():
            model.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return model
