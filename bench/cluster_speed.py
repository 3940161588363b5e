"""Streaming story clustering: throughput, peak memory and how cost grows with size.

    python bench/cluster_speed.py [--sizes 1000 10000 100000] [--data ../shared/data]
    python bench/cluster_speed.py --batch [1000 10000 30000]

The collection mixes the shared labelled sets (ECB+, Giveme5W1H, DUC 2003) with perturbed
copies: every copy renames the capitalised words (so it tells new stories rather than
joining the old ones), drops a tenth of the words at random and is shifted later in time,
so a stream of 100k articles holds thousands of stories spread over years. Articles are
built lazily, so the memory measured is the clusterer's, not the collection's.

Each size runs twice. "1 process": feature extraction plus assignment
(`StoryClusterer.add`, including its periodic re-clustering of the open window), timed
per article. "2 processes": `StoryClusterer.extend(..., workers=1)`, features extracted in
a second process ahead of the assignment, the whole loop timed less the time spent
building the copies (in the main process); CPU time there is the main process's.
Peak memory is the main process's maximum resident set size (ru_maxrss) so far.
`--batch` times `newsfuse.cluster.assign` over the whole collection instead (held in
memory, so its peak includes the articles): the neighbour search there is quadratic.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_protocol import BASE, perturb
from cluster_quality import DATA, datasets

from newsfuse.cluster import StoryClusterer, assign
from newsfuse.model import Article


def collection(base: Sequence[Article], size: int, seed: int = 0) -> Iterator[Article]:
    """`size` articles in time order: the originals, then copy 1, copy 2, ..."""
    rng = random.Random(seed)
    # Undated originals (ECB+) get a date so closing windows are exercised everywhere.
    dated = [
        a if a.published is not None else replace(a, published=BASE + timedelta(hours=i))
        for i, a in enumerate(base)
    ]
    ordered = sorted(dated, key=lambda a: a.sort_time)
    made = 0
    copy = 0
    while made < size:
        for article in ordered:
            if made >= size:
                return
            yield article if copy == 0 else perturb(article, copy, rng)
            made += 1
        copy += 1


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class _Timed:
    """An iterator that keeps count of the time spent producing its items."""

    def __init__(self, items: Iterator[Article]) -> None:
        self.items, self.seconds, self.cpu = items, 0.0, 0.0

    def __iter__(self) -> Iterator[Article]:
        return self

    def __next__(self) -> Article:
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu += time.process_time() - start_cpu


def _row(mode: str, size: int, clusterer: StoryClusterer, seconds: float, cpu: float) -> None:
    stories = len({*clusterer.labels})
    print(
        f"{mode:12} {size:9d} {stories:8d} {clusterer.open_stories:6d} {seconds:7.1f} "
        f"{size / seconds:6.0f} {cpu:7.1f} {size / cpu:9.0f} {_rss_mb():8.0f}"
    )
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--batch", type=int, nargs="*", metavar="SIZE",
        help="instead time batch `assign` (whole collection in memory) at these sizes",
    )  # fmt: skip
    args = parser.parse_args(argv)
    base = [a for articles, _ in datasets(args.data).values() for a in articles]
    print(f"{len(base)} original articles; peak RSS before clustering {_rss_mb():.0f} MB")
    print(
        f"{'mode':12} {'articles':>9} {'stories':>8} {'open':>6} {'wall s':>7} {'art/s':>6} "
        f"{'cpu s':>7} {'art/cpu-s':>9} {'peak MB':>8}"
    )
    if args.batch is not None:
        for size in args.batch or [1000, 10000, 30000]:
            articles = list(collection(base, size))
            start, start_cpu = time.perf_counter(), time.process_time()
            stories = len(set(assign(articles)))
            seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            print(f"{'batch':12} {size:9d} {stories:8d} {'':6} {seconds:7.1f} "
                  f"{size / seconds:6.0f} {cpu:7.1f} {size / cpu:9.0f} "
                  f"{_rss_mb():8.0f}")  # fmt: skip
            sys.stdout.flush()
        return 0
    for size in args.sizes:
        clusterer = StoryClusterer()
        seconds = cpu = 0.0
        # Only `add` is timed: building the perturbed copies is the benchmark's own cost.
        # CPU time is reported too: on a shared machine wall time measures the neighbours.
        for article in collection(base, size):
            start, start_cpu = time.perf_counter(), time.process_time()
            clusterer.add(article)
            seconds += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
        _row("1 process", size, clusterer, seconds, cpu)
        # Two cores: features are read in a second process ahead of the assignment. The
        # whole loop is timed, less the time spent building the copies, as above.
        clusterer = StoryClusterer()
        building = _Timed(collection(base, size))
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in clusterer.extend(building, workers=1):
            pass
        _row("2 processes", size, clusterer, time.perf_counter() - start - building.seconds,
             time.process_time() - start_cpu - building.cpu)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
