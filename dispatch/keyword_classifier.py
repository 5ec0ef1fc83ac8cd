"""A keyword classifier over the categories' keyword lists: the fallback when no trained model is loaded."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from nlp_classifier.types import Classification, Urgency

EMERGENCY_WORDS = ("燃气泄漏", "煤气泄漏", "火灾", "着火", "跳楼", "被困", "爆炸", "坍塌", "触电", "溺水")
URGENT_WORDS = ("停水", "停电", "漏水", "堵塞", "围堵", "欠薪", "讨薪")


class KeywordClassifier:
    """Counts keyword hits per top-level category; unsure when no category clearly leads."""

    model = "keywords"

    def __init__(self, keywords: Mapping[str, Sequence[str]], min_confidence: float = 0.5) -> None:
        self._keywords = {category: tuple(words) for category, words in keywords.items() if words}
        self._min_confidence = min_confidence

    def classify(self, title: str, text: str) -> Classification:
        """Classify one petition."""
        document = f"{title}\n{text}"
        hits = Counter(
            {
                category: sum(document.count(word) for word in words)
                for category, words in self._keywords.items()
            }
        )
        ranked = [(category, count) for category, count in hits.most_common() if count > 0]
        total = sum(count for _, count in ranked)
        urgency = _urgency(document)
        if not ranked:
            return Classification("", 0.0, urgency=urgency, needs_triage=True, model=self.model)
        best, best_count = ranked[0]
        runner_up, runner_up_count = ranked[1] if len(ranked) > 1 else (None, 0)
        confidence = best_count / total
        matched = tuple(word for word in self._keywords[best] if word in document)
        return Classification(
            category=best,
            confidence=confidence,
            runner_up=runner_up,
            runner_up_confidence=runner_up_count / total,
            urgency=urgency,
            keywords=matched,
            needs_triage=confidence < self._min_confidence,
            model=self.model,
        )

    def classify_many(self, items: list[tuple[str, str]]) -> list[Classification]:
        """Classify several petitions."""
        return [self.classify(title, text) for title, text in items]


def _urgency(document: str) -> Urgency:
    if any(word in document for word in EMERGENCY_WORDS):
        return Urgency.EMERGENCY
    if any(word in document for word in URGENT_WORDS):
        return Urgency.URGENT
    return Urgency.NORMAL
