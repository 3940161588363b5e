"""How long a Markdown brief is beside what it summarizes: a desk reads it in a minute.

Over the shared multi-document clusters (DUC 2003 task 2, MultiLing 2011 English, and the
Giveme5W1H events of 3 or more articles), each cluster is briefed once and rendered twice:
the default brief (ranked, capped sections) and `--full` (every item: the obvious
alternative, and what the brief printed before the caps). For each: brief prose words
(`newsfuse.render.prose_words`: citations and the sources table excluded) over the input
articles' words, median and max, the briefs longer than their inputs, the briefs over 400
prose words among stories of up to 10 articles, and the mean items shown per section.
Throughput (articles/second of the briefs) and peak memory (tracemalloc) are printed too.

    python bench/brief_length.py [--limit N]   # targets: median <= 0.35, every brief < 1.0
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from dateutil import parser as dates

import newsfuse
from newsfuse.model import Article, Brief
from newsfuse.render import build_view, prose_words, to_markdown
from newsfuse.render.rank import FULL

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _date(value: object) -> object:
    try:
        return dates.parse(str(value)) if value else None
    except (ValueError, OverflowError):
        return None


def summary_sets(limit: int | None) -> Iterator[tuple[str, list[Article]]]:
    for name, path in (
        ("duc2003", DATA / "duc2003" / "task2.jsonl"),
        ("multiling2011", DATA / "multiling2011" / "english.jsonl"),
    ):
        with path.open(encoding="utf-8") as lines:
            for n, line in enumerate(lines):
                if limit is not None and n >= limit:
                    break
                record = json.loads(line)
                yield (
                    f"{name}/{record['cluster_id']}",
                    [
                        Article(
                            id=str(d["id"]),
                            text=d["text"],
                            title=d.get("title") or None,
                            published=_date(d.get("published")),  # type: ignore[arg-type]
                        )
                        for d in record["documents"]
                    ],
                )


def events(limit: int | None, smallest: int = 3) -> Iterator[tuple[str, list[Article]]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    path = DATA / "clusters" / "giveme5w1h_news_cluster.jsonl"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            groups[str(r["cluster_id"])].append(
                Article(
                    id=str(r["id"]),
                    text=r["text"],
                    title=r.get("title") or None,
                    outlet=r.get("source") or None,
                    url=r.get("url") or None,
                    published=_date(r.get("date")),  # type: ignore[arg-type]
                )
            )
    kept = [(k, v) for k, v in groups.items() if len(v) >= smallest]
    for cluster_id, articles in kept[:limit]:
        yield f"giveme5w1h/{cluster_id}", articles


_SECTIONS = ("summary", "key_figures", "outlets", "quotes", "timeline", "exclusives")


def measure(briefs: Sequence[tuple[str, list[Article], Brief]], full: bool) -> dict[str, object]:
    ratios, long_small, over = [], 0, []
    sizes: dict[str, list[int]] = defaultdict(list)
    for name, articles, brief in briefs:
        markdown = to_markdown(brief, full=full)
        words = prose_words(markdown)
        inputs = sum(a.words for a in articles)
        ratios.append(words / max(inputs, 1))
        if words >= inputs:
            over.append(name)
        if len(articles) <= 10 and words > 400:
            long_small += 1
        view = build_view(brief, caps=FULL) if full else build_view(brief)
        for section in _SECTIONS:
            sizes[section].append(len(getattr(view, section)))
    return {
        "median": statistics.median(ratios),
        "max": max(ratios),
        "over_inputs": over,
        "over_400_small": long_small,
        "sizes": {k: round(statistics.mean(v), 1) for k, v in sizes.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="at most N clusters of each set")
    args = parser.parse_args()
    clusters = [*summary_sets(args.limit), *events(args.limit)]
    pipeline = newsfuse.Pipeline()
    tracemalloc.start()
    started = time.perf_counter()
    briefs = [(name, articles, pipeline.brief(articles)) for name, articles in clusters]
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    n_articles = sum(len(a) for _, a, _ in briefs)
    print(
        f"{len(briefs)} briefs, {n_articles} articles: {n_articles / seconds:.1f} articles/s, "
        f"peak {peak / 2**20:.0f} MiB"
    )
    for label, full in (("default brief", False), ("--full", True)):
        started = time.perf_counter()
        m = measure(briefs, full)
        seconds = time.perf_counter() - started
        print(
            f"{label:14} prose/input words: median {m['median']:.3f}, max {m['max']:.3f}; "
            f"longer than inputs: {len(m['over_inputs'])}; "  # type: ignore[arg-type]
            f"over 400 words (<= 10 articles): {m['over_400_small']}; "
            f"rendered in {seconds:.1f} s"
        )
        print(f"{'':14} mean items per section: {m['sizes']}")
        for name in m["over_inputs"][:5]:  # type: ignore[index]
            print(f"{'':14} longer than its inputs: {name}")


if __name__ == "__main__":
    main()
