"""The store's ingest cost as it grows, and reads under load while a heavy upload is in
flight (run from bench/serve_load.py).

Ingest: a store filled (in batches, through `Store.add`) with the real articles of
../shared/data/clusters, reused under new ids and dated ten minutes apart so that the
collection spans years; at each size, single-article ingests of new reports dated across
that span: p50/p95 per size, SQLite and PostgreSQL. The alternative beside it is the store
before issue 20, which re-clustered the whole collection on every ingest (`--window 0`
measures that: every stored article in the window).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from newsfuse.ingest import read
from newsfuse.model import Article
from newsfuse.pipeline import Pipeline
from newsfuse.serve.store import WINDOW, Store

ROOT = Path(__file__).resolve().parents[1]
CLUSTERS = ROOT.parent / "shared" / "data" / "clusters"
START = datetime(2020, 1, 1)
STEP = timedelta(minutes=10)


def corpus() -> list[Article]:
    articles = read(sorted(CLUSTERS.glob("*.jsonl")))
    if not articles:
        raise SystemExit(f"serve_ingest: no articles in {CLUSTERS}")
    return articles


def _nth(pile: list[Article], n: int) -> Article:
    return replace(pile[n % len(pile)], id=f"a{n}", published=START + n * STEP)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ingest_run(
    db: str,
    sizes: list[int],
    probes: int,
    window: int = WINDOW,
    batch: int = 2000,
    latest: bool = False,
) -> list[tuple[int, float, float, float]]:
    """(stored articles, p50 s, p95 s, median CPU s) of single-article ingests at each size:
    reports dated anywhere in the stored span, or with `latest` each after the newest (news
    arriving in time order, whose window was clustered by the ingest before).

    CPU is this process's time (`time.process_time`): on a shared machine wall time
    measures the neighbours as much as the ingest."""
    pile = corpus()
    pipeline = Pipeline()
    store = Store(db, cluster=pipeline.stories, window=window or 10**9)
    rng = random.Random(20)
    stored = 0
    results = []
    for size in sorted(sizes):
        while stored < size:
            take = min(batch, size - stored)
            store.add([_nth(pile, stored + i) for i in range(take)], origin="bench")
            stored += take
        took, cpu = [], []
        for p in range(probes):
            at = stored + p if latest else rng.randrange(stored)
            probe = replace(pile[rng.randrange(len(pile))], id=f"probe{size}-{p}")
            probe = replace(probe, published=START + at * STEP + STEP / 2)
            t0, c0 = time.perf_counter(), time.process_time()
            store.add([probe], origin="bench")
            took.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        stored += probes
        results.append(
            (size, _percentile(took, 0.5), _percentile(took, 0.95), _percentile(cpu, 0.5))
        )
        print(f"  {size} stored: p95 {max(took):.3f} s", file=sys.stderr)
    store.close()
    return results


def postgres() -> object:
    """A throwaway PostgreSQL server on loopback (the test suite's helper)."""
    sys.path.insert(0, str(ROOT / "tests"))
    helpers = importlib.import_module("test_serve_store")
    bin_dir = helpers._pg_bin()
    if bin_dir is None:
        raise SystemExit("serve_ingest: PostgreSQL not installed (apt-get install postgresql)")
    server = helpers._Postgres(bin_dir)
    server.start()
    return server


def heavy_upload(size: int = 5_000_000) -> bytes:
    """5 MB of sentences of the corpus in random order, as one .txt upload."""
    rng = random.Random(5)
    parts = [s for a in corpus() for s in a.text.split(". ") if len(s) > 40]
    chosen: list[str] = []
    total = 0
    while total < size:
        chosen.append(rng.choice(parts))
        total += len(chosen[-1]) + 2
    return ". ".join(chosen).encode("utf-8")[:size]


async def mixed_run(url: str, seconds: float, clients: int = 8) -> tuple[int, float, float, str]:
    """Reads (story list, story pages, a static file) from `clients` while one heavy upload
    is posted and its story briefed: (reads, p50 s, p95 s, the upload's outcome)."""
    latencies: list[float] = []
    async with httpx.AsyncClient(timeout=600.0, trust_env=False) as client:
        stories = (await client.get(url + "/api/stories")).json()["stories"]
        paths = ["/api/stories", "/static/style.css"] + [f"/stories/{s['id']}" for s in stories]
        for path in paths:  # briefs of the light stories cached before the heavy upload
            await client.get(url + path)
        outcome = "not finished"

        async def upload() -> None:
            nonlocal outcome
            files = {"files": ("heavy.txt", heavy_upload())}
            response = await client.post(url + "/api/uploads", files=files)
            if response.status_code != 201:
                outcome = f"upload {response.status_code}: {response.text[:200]}"
                return
            story = response.json()["stories"][0]
            brief = await client.get(f"{url}/stories/{story}")
            outcome = f"upload {response.status_code}, its page {brief.status_code}"

        deadline = time.perf_counter() + seconds

        async def reader(n: int) -> None:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                response = await client.get(url + paths[n % len(paths)])
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - t0)
                n += 1

        task = asyncio.create_task(upload())
        await asyncio.gather(*(reader(n) for n in range(clients)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(task, timeout=120)
    if not latencies:
        return 0, float("nan"), float("nan"), outcome
    return (
        len(latencies),
        statistics.median(latencies),
        _percentile(latencies, 0.95),
        outcome,
    )
