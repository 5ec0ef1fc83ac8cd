"""The full classification: category with keywords, urgency, risk tags and places together."""

from __future__ import annotations

from nlp_classifier.classifier import PetitionClassifier
from nlp_classifier.training import TrainReport
from nlp_classifier.types import Classifier, PlaceKind, Urgency


def test_a_gas_leak_in_an_estate(small_trained: tuple[PetitionClassifier, TrainReport]) -> None:
    classifier: Classifier = small_trained[0]
    result = classifier.classify(
        "A3区金星小区燃气泄漏", "A3区金星小区5栋楼道里燃气泄漏，味道很大，请马上派人处理！"
    )
    assert result.urgency is Urgency.EMERGENCY
    assert ("金星小区", PlaceKind.ESTATE) in {(p.name, p.kind) for p in result.places}
    assert ("A3区", PlaceKind.DISTRICT) in {(p.name, p.kind) for p in result.places}
    assert result.model


def test_keywords_explain_the_category(small_trained: tuple[PetitionClassifier, TrainReport]) -> None:
    result = small_trained[0].classify(
        "学校违规补课收费", "A市某中学暑假组织学生补课，每人收取补课费一千元。"
    )
    assert result.category == "教育文体"
    assert result.keywords
    assert any(
        word in "学校违规补课收费A市某中学暑假组织学生补课每人收取补课费一千元" for word in result.keywords
    )


def test_classify_many_matches_classify(small_trained: tuple[PetitionClassifier, TrainReport]) -> None:
    classifier = small_trained[0]
    items = [("小区噪音扰民", "楼下烧烤店每晚噪音到凌晨"), ("医院乱收费", "某医院检查费收取过高")]
    assert classifier.classify_many(items) == [classifier.classify(t, x) for t, x in items]
    assert classifier.classify_many([]) == []
