"""Concurrent classify requests share one batch; each caller gets its own answer, or the failure."""

from __future__ import annotations

import asyncio
import threading

import pytest

from dispatch.batching import BatchingClassifier
from nlp_classifier.types import Classification


class RecordingClassifier:
    """Labels a petition with its title; remembers the batches it was given and the threads it ran on."""

    def __init__(self, fail: bool = False) -> None:
        self.batches: list[list[tuple[str, str]]] = []
        self.threads: set[int] = set()
        self.fail = fail

    def classify(self, title: str, text: str) -> Classification:
        return self.classify_many([(title, text)])[0]

    def classify_many(self, items: list[tuple[str, str]]) -> list[Classification]:
        self.batches.append(items)
        self.threads.add(threading.get_ident())
        if self.fail:
            raise RuntimeError("model file is corrupt")
        return [Classification(title, 0.9) for title, _ in items]


async def test_concurrent_requests_are_classified_together_off_the_loop() -> None:
    model = RecordingClassifier()
    batcher = BatchingClassifier(model, max_batch=64, max_wait=0.01)
    results = await asyncio.gather(*(batcher.classify(f"t{i}", "text") for i in range(10)))
    assert [result.category for result in results] == [f"t{i}" for i in range(10)]
    assert [len(batch) for batch in model.batches] == [10]
    assert threading.get_ident() not in model.threads


async def test_a_full_batch_goes_at_once_and_the_rest_follows() -> None:
    model = RecordingClassifier()
    batcher = BatchingClassifier(model, max_batch=4, max_wait=0.01)
    results = await asyncio.gather(*(batcher.classify(f"t{i}", "") for i in range(10)))
    assert [result.category for result in results] == [f"t{i}" for i in range(10)]
    assert sorted(len(batch) for batch in model.batches) == [2, 4, 4]


async def test_a_lone_request_is_answered_after_the_wait() -> None:
    batcher = BatchingClassifier(RecordingClassifier(), max_wait=0.001)
    assert (await asyncio.wait_for(batcher.classify("alone", ""), timeout=1)).category == "alone"


async def test_a_model_failure_reaches_every_caller() -> None:
    batcher = BatchingClassifier(RecordingClassifier(fail=True))
    outcomes = await asyncio.gather(*(batcher.classify("x", "") for _ in range(3)), return_exceptions=True)
    assert all(isinstance(outcome, RuntimeError) and "corrupt" in str(outcome) for outcome in outcomes)


async def test_a_cancelled_caller_does_not_disturb_the_others() -> None:
    batcher = BatchingClassifier(RecordingClassifier(), max_wait=0.01)
    doomed = asyncio.create_task(batcher.classify("doomed", ""))
    kept = asyncio.create_task(batcher.classify("kept", ""))
    await asyncio.sleep(0)
    doomed.cancel()
    assert (await kept).category == "kept"
    with pytest.raises(asyncio.CancelledError):
        await doomed
