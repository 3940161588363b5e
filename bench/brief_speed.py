"""How fast newsfuse briefs, beside sumy's LexRank on the same inputs.

(a) 200 briefs of the 5 seed articles (1,000 articles): articles/second and peak memory.
    The briefs are independent, so they run in `--workers` processes (default 2: the target
    is set for 2 cores); --workers 1 runs them in this process.
(b) one brief over 500 articles (the seeds repeated with perturbations): seconds.
(c) sumy's LexRank on the same inputs, with newsfuse's segmenter plugged in (no NLTK data).

Beside wall time, CPU time (time.process_time, summed over the workers): on a shared machine
it is what the code costs, whatever else runs.

    python bench/brief_speed.py [--repeat 200] [--big 500] [--workers 2] [--systems newsfuse]
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import random
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import newsfuse
from newsfuse.clean import clean
from newsfuse.model import Article
from newsfuse.segment import split_sentences, tokenize

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"


def perturbed(articles: Sequence[Article], n: int, seed: int = 0) -> list[Article]:
    """n articles made from the seeds: paragraphs dropped and shuffled, sentences cut."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = articles[i % len(articles)]
        paragraphs = base.text.split("\n\n")
        keep = [p for p in paragraphs if rng.random() > 0.2] or paragraphs[:1]
        head, tail = keep[:2], keep[2:]
        rng.shuffle(tail)
        out.append(dataclasses.replace(base, id=f"{base.id}-{i}", text="\n\n".join(head + tail)))
    return out


class _SumyTokenizer:
    """sumy's tokenizer interface over newsfuse's segmenter: sumy's own needs NLTK data."""

    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return split_sentences(text)

    def to_words(self, sentence: str) -> list[str]:
        return tokenize(sentence)


def sumy_lexrank(articles: Sequence[Article], words: int = 120) -> list[str]:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    text = "\n\n".join(clean(a).text for a in articles)
    document = PlaintextParser.from_string(text, _SumyTokenizer()).document
    chosen, total = [], 0
    for sentence in LexRankSummarizer()(document, 12):
        length = len(str(sentence).split())
        if total + length <= words:
            chosen.append(str(sentence))
            total += length
    return chosen


def measure(run: Callable[[], object], trace: bool = False) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and, with `trace`, peak traced memory (MiB) of one call."""
    if trace:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
    tracemalloc.stop()
    return seconds, cpu, peak


_SYSTEMS: dict[str, Callable[[Sequence[Article]], object]] = {
    "newsfuse": lambda arts: newsfuse.brief(arts),
    "sumy LexRank": lambda arts: sumy_lexrank(arts),
}


def _repeat(system: str, articles: Sequence[Article], times: int) -> float:
    """CPU seconds of `times` runs (in a worker process: the parent cannot see its CPU)."""
    brief_fn = _SYSTEMS[system]
    brief_fn(articles)  # warm this process's caches (imports, regex compilation)
    cpu = time.process_time()
    for _ in range(times):
        brief_fn(articles)
    return time.process_time() - cpu


def repeated(
    system: str, articles: Sequence[Article], times: int, workers: int
) -> tuple[float, float]:
    """Wall and CPU seconds of `times` runs, shared among `workers` processes."""
    if workers <= 1:
        _repeat(system, articles, 1)  # warm up outside the timed runs
        start = time.perf_counter()
        cpu = _repeat(system, articles, times)
        return time.perf_counter() - start, cpu
    shares = [times // workers + (i < times % workers) for i in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.starmap(_repeat, [(system, articles, 0)] * workers)  # start and warm the workers
        start = time.perf_counter()
        cpus = pool.starmap(_repeat, [(system, articles, n) for n in shares])
        return time.perf_counter() - start, sum(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--big", type=int, default=500)
    # sumy's LexRank builds a dense sentence graph in pure Python: quadratic, so it gets a
    # smaller "big" input to finish at all; the table says which size each system ran.
    parser.add_argument("--sumy-big", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    # sumy's rows take minutes: leave them out while timing newsfuse alone.
    parser.add_argument("--systems", nargs="+", choices=list(_SYSTEMS), default=list(_SYSTEMS))
    args = parser.parse_args()
    seeds = newsfuse.read(SEEDS)
    big = perturbed(seeds, args.big)
    n_small = args.repeat * len(seeds)

    rows = []
    for name, many in (("newsfuse", big), ("sumy LexRank", big[: args.sumy_big])):
        if name not in args.systems:
            continue
        brief_fn = _SYSTEMS[name]
        brief_fn(seeds)  # warm caches (imports, regex compilation) outside the timed runs
        small_s, small_cpu = repeated(name, seeds, args.repeat, args.workers)
        _, _, small_peak = measure(lambda f=brief_fn: f(seeds), trace=True)  # type: ignore[misc]
        big_s, big_cpu, _ = measure(lambda f=brief_fn, b=many: f(b))  # type: ignore[misc]
        # Memory in a run of its own: tracing allocations doubles the time of a large brief.
        _, _, big_peak = measure(lambda f=brief_fn, b=many: f(b), trace=True)  # type: ignore[misc]
        small = (n_small / small_s, small_cpu / args.repeat * 1000, small_peak)
        rows.append((name, small, (len(many), big_s, big_cpu, big_peak)))

    print(
        f"(a) {args.repeat} briefs of {len(seeds)} articles in {args.workers} process(es); "
        "(b) one brief of many articles in this process"
    )
    print(
        "| system | (a) articles/s | (a) CPU ms/brief | (a) peak MiB "
        "| (b) articles | (b) seconds | (b) CPU s | (b) peak MiB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, (rate, cpu_ms, peak), (n_big, big_s, big_cpu, big_peak) in rows:
        print(
            f"| {name} | {rate:,.0f} | {cpu_ms:.1f} | {peak:.1f} "
            f"| {n_big} | {big_s:.2f} | {big_cpu:.2f} | {big_peak:.1f} |"
        )


if __name__ == "__main__":
    main()
