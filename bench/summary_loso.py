"""Summary settings chosen leave-one-set-out, reported on the set left out.

Two scored sets: DUC 2003 task 2 (30 newswire clusters, 100 words) and MultiLing 2011
(10 WikiNews topics, 250 words). For each held-out set, the setting best on the other set
(mean of ROUGE-1 and ROUGE-2 recall, the summary cut at the budget as `newsfuse eval`
scores it) is reported on the held-out one. The default is the setting whose worse set is
best, each set's score taken relative to the best setting on it (so the two scales meet).

Every setting must also pass the web-text checks, on both sets and on the Giveme5W1H events
(noisy web news, no references), within the budget as a brief prints it (no overflow): no
summary empty while its sources hold a usable sentence, none under 90% of the budget where
the cleaned sources hold three times it. A setting failing them is not chosen.

    python bench/summary_loso.py            # the grid below
    python bench/summary_loso.py --quick    # the current default only
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

from newsfuse.clean import clean
from newsfuse.config import SummaryConfig
from newsfuse.dedupe import find_copies, source_map
from newsfuse.evaluate.data import read_clusters
from newsfuse.evaluate.rouge import truncate
from newsfuse.memo import one_brief
from newsfuse.model import Article, Sentence
from newsfuse.pipeline import read
from newsfuse.segment import segment
from newsfuse.summarize import summarize

# ROUGE-L is not searched on and is the slowest to compute.
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SETS = {
    "duc": (DATA / "duc2003" / "task2.jsonl", 100),
    "multiling": (DATA / "multiling2011" / "english.jsonl", 250),
}
GIVEME = DATA / "clusters" / "giveme5w1h_news_cluster.jsonl"

# The settings searched: every combination.
GRID: dict[str, Sequence[Any]] = {
    "position_weight": (0.0, 0.25, 0.5),
    "centrality_weight": (0.5, 1.0),
    "length_penalty": (0.7, 0.9),
    "redundancy_cutoff": (0.5, 0.55, 0.6, 0.7),
    "outlet_tie": (0.0, 0.05, 0.1),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Prepared:
    """One cluster, cleaned and segmented once for every setting."""

    id: str
    articles: tuple[Article, ...]
    segmented: tuple[tuple[Sentence, ...], ...]
    sources: dict[str, str]
    references: tuple[str, ...]
    source_words: int


def _prepare(
    id_: str, articles: Sequence[Article], references: Sequence[str], copies: bool
) -> Prepared:
    """`copies`: copies of one story count as one source, as in a brief; `newsfuse eval`
    summarizes without copy detection, and so do the scored sets here."""
    cleaned = tuple(clean(a) for a in articles)
    sources = source_map(find_copies(cleaned)) if copies else {}
    segmented = tuple(tuple(segment(a)) for a in cleaned)
    words = sum(len(a.text.split()) for a in cleaned)
    return Prepared(id_, cleaned, segmented, sources, tuple(references), words)


def scored_sets(skip: frozenset[str] = frozenset()) -> dict[str, list[Prepared]]:
    return {
        name: [
            _prepare(c.id, c.articles, c.references, False)
            for c in read_clusters(path)
            if c.id not in skip
        ]
        for name, (path, _) in SETS.items()
    }


def giveme_events() -> list[Prepared]:
    with GIVEME.open(encoding="utf-8") as lines:
        event = {str(r["id"]): str(r["cluster_id"]) for r in map(json.loads, lines)}
    by_event: dict[str, list[Article]] = defaultdict(list)
    for article in read(GIVEME):
        by_event[event[article.id]].append(article)
    return [_prepare(k, v, (), True) for k, v in sorted(by_event.items())]


def _summary(cluster: Prepared, config: SummaryConfig) -> str:
    with one_brief():
        items = summarize(
            cluster.articles, config, sources=cluster.sources, segmented=cluster.segmented
        )
    return " ".join(item.text for item in items)


def rouge(clusters: Sequence[Prepared], config: SummaryConfig, words: int) -> dict[str, float]:
    """Mean ROUGE-1/2 recall and F1 (percent), overflow on as `newsfuse eval` runs it."""
    config = dataclasses.replace(config, words=words, overflow=True)
    totals: dict[str, float] = defaultdict(float)
    for cluster in clusters:
        cut = truncate(_summary(cluster, config), words)
        for reference in cluster.references:
            for metric, value in SCORER.score(reference, cut).items():
                share = 100 / len(clusters) / len(cluster.references)
                totals[f"{metric}_r"] += value.recall * share
                totals[f"{metric}_f"] += value.fmeasure * share
    return dict(totals)


def fill(clusters: Sequence[Prepared], config: SummaryConfig, words: int) -> dict[str, Any]:
    """Within the budget: mean length, summaries empty, and those under 90% of the budget
    where the sources hold three times it (with their ids)."""
    config = dataclasses.replace(config, words=words, overflow=False)
    lengths, empty, short = [], [], []
    for cluster in clusters:
        n = len(_summary(cluster, config).split())
        lengths.append(n)
        if n == 0 and cluster.source_words:
            empty.append(cluster.id)
        elif n < 0.9 * words and cluster.source_words >= 3 * words:
            short.append(cluster.id)
    return {"mean": sum(lengths) / len(lengths), "empty": empty, "short": short}


def settings(grid: dict[str, Sequence[Any]]) -> Iterator[dict[str, Any]]:
    for values in itertools.product(*grid.values()):
        yield dict(zip(grid, values, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the current default")
    parser.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="NAME=V1,V2",
        help="search these values of a setting instead of the grid above (repeatable)",
    )
    parser.add_argument(
        "--skip",
        default="",
        metavar="ID,ID",
        help="clusters left out of the choice (held out for reading), comma-separated",
    )
    args = parser.parse_args()
    sets = scored_sets(frozenset(filter(None, args.skip.split(","))))
    giveme = giveme_events()
    asked = {
        name: tuple(json.loads(v) for v in values.split(","))
        for name, values in (g.split("=", 1) for g in args.grid)
    }
    grid = [{}] if args.quick else list(settings(asked or GRID))
    rows = []
    start = time.perf_counter()
    for overrides in grid:
        config = dataclasses.replace(SummaryConfig(), **overrides)
        row: dict[str, Any] = {"settings": overrides}
        for name, clusters in sets.items():
            row[name] = rouge(clusters, config, SETS[name][1])
        rows.append(row)
        figures = "; ".join(
            f"{n} {row[n]['rouge1_r']:.2f} / {row[n]['rouge2_r']:.2f}" for n in sets
        )
        print(f"{figures} with {overrides}", flush=True)
    seconds = time.perf_counter() - start
    names = list(sets)

    def objective(row: dict[str, Any], name: str) -> float:
        return float(row[name]["rouge1_r"] + row[name]["rouge2_r"]) / 2

    print(f"{len(grid)} settings in {seconds:.0f} s")
    for held_out in names:
        (chosen_on,) = (n for n in names if n != held_out)
        best = max(rows, key=lambda r: objective(r, chosen_on))
        r = best[held_out]
        print(
            f"chosen on {chosen_on}, reported on {held_out}: R-1 {r['rouge1_r']:.2f} "
            f"R-2 {r['rouge2_r']:.2f} recall (F1 {r['rouge1_f']:.2f} / {r['rouge2_f']:.2f}) "
            f"with {best['settings']}"
        )
    top = {n: max(objective(r, n) for r in rows) for n in names}
    ranked = sorted(rows, key=lambda r: -min(objective(r, n) / top[n] for n in names))
    for row in ranked[:5]:
        worse = min(objective(row, n) / top[n] for n in names)
        figures = "; ".join(
            f"{n} {row[n]['rouge1_r']:.2f} / {row[n]['rouge2_r']:.2f}" for n in names
        )
        print(f"worse-set {worse:.4f}: {figures} with {row['settings']}")
    default = dataclasses.replace(SummaryConfig(), **ranked[0]["settings"])
    for name, clusters in [*sets.items(), ("giveme", giveme)]:
        for words in (100, 250):
            checked = fill(clusters, default, words)
            print(
                f"fill {name} {words} w: mean {checked['mean']:.1f}, "
                f"empty {len(checked['empty'])}, short {len(checked['short'])} "
                f"{checked['short'][:8]}"
            )


if __name__ == "__main__":
    main()
