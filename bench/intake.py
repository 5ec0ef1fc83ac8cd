"""Intake throughput and latency: N petitions from the training file, on SQLite and on PostgreSQL.

Each backend gets a fresh database with the demo city; `--workers` submits run at once (as several
channel adapters and API clients would). Prints petitions accepted per second and p50/p99 latency.

    .venv/bin/python bench/intake.py [--count 10000] [--workers 8] [--classifier model|keywords]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg

from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.enums import Channel
from dispatch.intake import PetitionIn
from dispatch.service import DispatchService
from minqing.composition import keyword_classifier
from minqing.seed import apply_city, load_city
from nlp_classifier.types import Classifier

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "petitions_train.csv"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
ZONE = ZoneInfo("Asia/Shanghai")


def petitions(count: int) -> list[PetitionIn]:
    """`count` petitions from the training file (cycled), each with its own message id and phone."""
    with DATA.open(encoding="utf-8") as handle:
        rows = [
            (row["title"], row["detail"] or row["seg_text"].replace(" ", ""))
            for row in csv.DictReader(handle)
        ]
    return [
        PetitionIn(
            Channel.API,
            f"bench-{index}",
            text[:2000] or title,
            title=title,
            submitter_ref=f"139{index:08d}",
        )
        for index, (title, text) in enumerate(rows[i % len(rows)] for i in range(count))
    ]


async def classifier_for(kind: str, database: Database) -> Classifier:
    if kind == "keywords":
        return await keyword_classifier(database)
    from nlp_classifier import load_default

    return await asyncio.get_running_loop().run_in_executor(None, load_default)


async def run(url: str, label: str, items: list[PetitionIn], workers: int, kind: str) -> None:
    database = Database(url)
    await database.create_all()
    await apply_city(database, load_city())
    service = DispatchService(database, await classifier_for(kind, database), WorkCalendar(ZONE), ZONE)
    queue: asyncio.Queue[PetitionIn] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    latencies: list[float] = []

    async def worker() -> None:
        while not queue.empty():
            item = queue.get_nowait()
            started = time.perf_counter()
            await service.submit(item)
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    elapsed = time.perf_counter() - began
    await database.dispose()
    cuts = statistics.quantiles(latencies, n=100)
    rate = len(items) / elapsed
    print(
        f"{label:<10} {len(items):>6} petitions in {elapsed:6.1f} s: {rate:7.1f} petitions/s, "
        f"p50 {cuts[49] * 1000:6.1f} ms, p99 {cuts[98] * 1000:6.1f} ms "
        f"({workers} concurrent, {kind} classifier)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--classifier", choices=["model", "keywords"], default="model")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    items = petitions(args.count)
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            await run(f"sqlite:///{folder}/bench.db", "SQLite", items, args.workers, args.classifier)
    if args.backend in ("postgresql", "both"):
        name = f"minqing_bench_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(PG_ADMIN)
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            await run(
                PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", "PostgreSQL", items, args.workers, args.classifier
            )
        finally:
            await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
