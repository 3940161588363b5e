"""Every system on every cluster, scored; the scores as a Markdown table."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.clean import clean
from newsfuse.evaluate.data import Cluster
from newsfuse.evaluate.rouge import METRICS, score
from newsfuse.evaluate.systems import SYSTEMS, System

__all__ = ["Result", "evaluate", "to_markdown"]


@dataclass(slots=True)
class Result:
    """One system's scores, averaged over the clusters it summarized."""

    system: str
    clusters: int = 0
    seconds: float = 0.0
    totals: dict[str, float] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)

    def mean(self, key: str) -> float:
        return self.totals.get(key, 0.0) / max(self.clusters, 1)

    @property
    def seconds_per_cluster(self) -> float:
        return self.seconds / max(self.clusters, 1)


def evaluate(
    clusters: Iterable[Cluster],
    systems: Sequence[str] | dict[str, System] = tuple(SYSTEMS),
    words: int = 100,
    cache: Path | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> list[Result]:
    """Score each system on each cluster that has articles and references.

    With `cache` (a JSON file), summaries and timings of every system but `newsfuse` are
    read from and written to it, so that baselines run once while newsfuse is tuned.
    """
    chosen = systems if isinstance(systems, dict) else {name: SYSTEMS[name] for name in systems}
    stored: dict[str, list[object]] = {}
    if cache is not None and cache.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
    results = {name: Result(name) for name in chosen}
    for cluster in clusters:
        if not cluster.articles or not cluster.references:
            if on_skip:
                on_skip(f"{cluster.id}: no articles or no references, skipped")
            continue
        # Every system reads the same cleaned articles, as newsfuse's pipeline does.
        articles = [clean(a) for a in cluster.articles]
        for name, system in chosen.items():
            key = f"{name}|{words}|{cluster.id}"
            if name != "newsfuse" and key in stored:
                text, seconds = str(stored[key][0]), float(str(stored[key][1]))
            else:
                start = time.perf_counter()
                text = " ".join(system(articles, words, cluster.references))
                seconds = time.perf_counter() - start
                stored[key] = [text, seconds]
            result = results[name]
            result.clusters += 1
            result.seconds += seconds
            result.summaries[cluster.id] = text
            for metric, value in score(text, cluster.references, words).items():
                result.totals[metric] = result.totals.get(metric, 0.0) + value
    if cache is not None:
        cache.write_text(json.dumps(stored), encoding="utf-8")
    return list(results.values())


def to_markdown(results: Sequence[Result]) -> str:
    """A Markdown table: ROUGE recall and F1 in percent, and seconds per cluster."""
    names = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L"}
    head = ["system"]
    for metric in METRICS:
        head += [f"{names[metric]} R", f"{names[metric]} F1"]
    head.append("s/cluster")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for result in results:
        cells = [result.system]
        for metric in METRICS:
            cells += [f"{100 * result.mean(f'{metric}_{k}'):.2f}" for k in "rf"]
        cells.append(f"{result.seconds_per_cluster:.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    clusters = max((r.clusters for r in results), default=0)
    lines.append("")
    lines.append(f"{clusters} clusters.")
    return "\n".join(lines) + "\n"
