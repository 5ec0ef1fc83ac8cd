"""Training on a small real sample: deterministic, calibrated, and it learns."""

from __future__ import annotations

import numpy as np

from nlp_classifier.classifier import PetitionClassifier
from nlp_classifier.dataset import Example
from nlp_classifier.training import TrainReport, train
from tests.nlp_classifier.conftest import SMALL


def test_training_is_deterministic(sample: list[Example]) -> None:
    first, first_report = train(sample, SMALL)
    second, second_report = train(sample, SMALL)
    assert np.array_equal(first.coef, second.coef)
    assert first_report == second_report


def test_report_has_cross_validated_figures(small_trained: tuple[PetitionClassifier, TrainReport]) -> None:
    _, report = small_trained
    assert report.cv.n == 210
    assert set(report.cv.per_class) == {
        "城乡建设",
        "劳动和社会保障",
        "教育文体",
        "商贸旅游",
        "环境保护",
        "卫生计生",
        "交通运输",
    }
    assert 0.5 < report.cv.macro_f1 <= 1.0  # 30 examples a class already separate them
    assert report.temperature > 0.0
    assert 0.0 <= report.triage_share < 1.0
    assert report.auto_precision >= report.cv.accuracy


def test_confidence_is_a_probability_with_a_runner_up(
    small_trained: tuple[PetitionClassifier, TrainReport],
) -> None:
    classifier, _ = small_trained
    result = classifier.classify("拖欠农民工工资", "工地老板拖欠我们三个月工资，劳动监察不管。")
    assert result.category == "劳动和社会保障"
    assert result.runner_up not in (None, result.category)
    assert 1.0 >= result.confidence >= result.runner_up_confidence > 0.0
    assert result.needs_triage == (result.confidence < classifier.model.threshold)


def test_corrections_teach_the_model(sample: list[Example]) -> None:
    text = "本市的共享单车乱停乱放占用盲道"
    before = PetitionClassifier(train(sample, SMALL)[0]).classify("共享单车乱停放", text)
    wrong = "卫生计生" if before.category != "卫生计生" else "教育文体"
    corrections = [Example("共享单车乱停放", text, wrong, weight=5.0)] * 3
    after = PetitionClassifier(train(sample + corrections, SMALL)[0]).classify("共享单车乱停放", text)
    assert after.category == wrong
