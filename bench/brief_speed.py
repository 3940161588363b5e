"""How fast newsfuse briefs, beside sumy's LexRank on the same inputs.

(a) 200 briefs of the 5 seed articles (1,000 articles): articles/second and peak memory.
(b) one brief over 500 articles (the seeds repeated with perturbations): seconds.
(c) sumy's LexRank on the same inputs, with newsfuse's segmenter plugged in (no NLTK data).

    python bench/brief_speed.py [--repeat 200] [--big 500]
"""

from __future__ import annotations

import argparse
import dataclasses
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


def measure(run: Callable[[], object]) -> tuple[float, float]:
    """Seconds and peak traced memory (MiB) of one call."""
    tracemalloc.start()
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--big", type=int, default=500)
    # sumy's LexRank builds a dense sentence graph in pure Python: quadratic, so it gets a
    # smaller "big" input to finish at all; the table says which size each system ran.
    parser.add_argument("--sumy-big", type=int, default=100)
    args = parser.parse_args()
    seeds = newsfuse.read(SEEDS)
    big = perturbed(seeds, args.big)
    n_small = args.repeat * len(seeds)

    rows = []
    for name, brief_fn, many in (
        ("newsfuse", lambda arts: newsfuse.brief(arts), big),
        ("sumy LexRank", sumy_lexrank, big[: args.sumy_big]),
    ):
        # Warm caches (imports, regex compilation) outside the timed runs.
        brief_fn(seeds)
        time_start = time.perf_counter()
        for _ in range(args.repeat):
            brief_fn(seeds)
        small_s = time.perf_counter() - time_start
        _, small_peak = measure(lambda f=brief_fn: f(seeds))  # type: ignore[misc]
        big_s, big_peak = measure(lambda f=brief_fn, b=many: f(b))  # type: ignore[misc]
        rows.append((name, n_small / small_s, small_peak, len(many), big_s, big_peak))

    print(f"(a) {args.repeat} briefs of {len(seeds)} articles; (b) one brief of many articles")
    print("| system | (a) articles/s | (a) peak MiB | (b) articles | (b) seconds | (b) peak MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rate, peak, n_big, big_s, big_peak in rows:
        print(f"| {name} | {rate:,.0f} | {peak:.1f} | {n_big} | {big_s:.2f} | {big_peak:.1f} |")


if __name__ == "__main__":
    main()
