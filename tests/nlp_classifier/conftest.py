"""Fixtures: a small stratified sample of the training file and a model trained on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_classifier.classifier import PetitionClassifier
from nlp_classifier.dataset import Example, read_labelled
from nlp_classifier.training import TrainConfig, TrainReport, train

SAMPLE_CSV = Path(__file__).parent / "data" / "petitions_sample.csv"
SMALL = TrainConfig(folds=3)


@pytest.fixture(scope="session")
def sample() -> list[Example]:
    """210 real petitions, 30 of each category."""
    return read_labelled(SAMPLE_CSV)


@pytest.fixture(scope="session")
def small_model_dir(sample: list[Example], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained on the sample and saved, as the CLI would."""
    model, report = train(sample, SMALL)
    model.meta = report.as_dict()
    directory = tmp_path_factory.mktemp("model")
    model.save(directory)
    return directory


@pytest.fixture(scope="session")
def small_trained(sample: list[Example]) -> tuple[PetitionClassifier, TrainReport]:
    model, report = train(sample, SMALL)
    return PetitionClassifier(model), report
