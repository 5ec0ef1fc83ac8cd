"""Micro-batching of classification: concurrent intakes share one `classify_many` call off the event loop."""

from __future__ import annotations

import asyncio

from nlp_classifier.types import Classification, Classifier


class BatchingClassifier:
    """Collects classify requests for up to `max_wait` seconds or `max_batch` items, then runs them at once.

    The model runs in the default executor, so the event loop never waits on it; a lone request waits
    at most `max_wait` longer than it would alone.
    """

    def __init__(self, classifier: Classifier, *, max_batch: int = 64, max_wait: float = 0.005) -> None:
        self._classifier = classifier
        self._max_batch = max_batch
        self._max_wait = max_wait
        self._pending: list[tuple[tuple[str, str], asyncio.Future[Classification]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._running: set[asyncio.Task[None]] = set()

    async def classify(self, title: str, text: str) -> Classification:
        """The classification of one petition, computed in a batch with its concurrent neighbours."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Classification] = loop.create_future()
        self._pending.append(((title, text), future))
        if len(self._pending) >= self._max_batch:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self._max_wait, self._flush)
        return await future

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        if batch:
            task = asyncio.get_running_loop().create_task(self._run(batch))
            self._running.add(task)
            task.add_done_callback(self._running.discard)

    async def _run(self, batch: list[tuple[tuple[str, str], asyncio.Future[Classification]]]) -> None:
        items = [item for item, _ in batch]
        try:
            results = await asyncio.get_running_loop().run_in_executor(
                None, self._classifier.classify_many, items
            )
        except Exception as error:  # every waiting intake learns of the failure
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)
