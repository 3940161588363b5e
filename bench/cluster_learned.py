"""A learned pairwise same-story model beside the default clustering, leave one set out.

    python bench/cluster_learned.py [--data ../shared/data] [--models learned learned+days]
        [--hard-weight 1] [--no-side-by-side] [--no-current-loso]
    python bench/cluster_learned.py --speed 10000

The experiment of issue 17's learned-model idea, kept so it can be rerun: is a logistic
regression over pair features, with average link on its probability, better than the
default shared-neighbour similarity (`newsfuse.cluster.refine`) on piles it was not fitted
to? Not adopted: figures in docs/design.md (issue 17, third pass).

Pairs: those sharing a nearest neighbour (the default's own candidate pairs: the support of
the shared-neighbour matrix at the default floor); other pairs count 0 in the average link,
as in the default. Features of a pair, from what the articles give (`Features` of
`newsfuse.cluster.features`): shared-neighbour cosine, TF-IDF cosine, cosine of the
IDF-weighted names (`particulars`), Jaccard of title terms and whether both have a title,
a shared figure, figures on both sides and none shared, and two products (shared
neighbours x cosine, x names). Models:
- learned: the probability times the default's fade with time apart (30 days unless the
  names agree, else 300: `refine.pair_similarity`),
- learned+days: the date gap (log days, both dated) as features instead of the fade,
- learned+minilm: learned, with the MiniLM cosine (centred on the pile's mean, as
  `refine.vectors` mixes embeddings) as a feature (needs the `embeddings` extra),
- boosted: learned's features and fade, gradient-boosted trees (depth 3, 100 rounds) instead
  of the logistic regression.

Each pile (a set whole, a set cut to small events: `cluster_protocol.piles`) weighs the
same in training; pairs of two events of one kind (ECB+ topics, Giveme5W1H kinds), the hard
negatives, weigh `--hard-weight` times as much. Leave one set out: fitted on two sets'
piles, the cut (on the mean probability) chosen by the worst of their piles, scored on the
held-out set. "all sets" fits on all three and picks the cut by the worst pile: the model
that would ship (in-sample figures). The default's leave-one-set-out over its floor x cut
grid (`cluster_protocol.leave_one_set_out`) is printed beside.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from newsfuse.cluster import ClusterConfig, assign, score
from newsfuse.cluster.features import features_of
from newsfuse.cluster.particulars import particulars
from newsfuse.cluster.refine import chunks, days_of, link, neighbours, vectors
from newsfuse.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_protocol import event_kinds, hard_negatives, leave_one_set_out, piles
from cluster_quality import DATA, agglomerative, best_baseline, datasets

Labelled = tuple[list[Article], list[str]]
# The piles this experiment was measured on (the protocol has since added tiny events).
KINDS = ("whole", "small")
Columns = dict[str, np.ndarray]
Embedded = dict[tuple[str, str], np.ndarray]
CUTS = tuple(round(0.1 + 0.05 * i, 2) for i in range(17))
MODELS = ("learned", "learned+days", "learned+minilm", "boosted")


def _overlap(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Row i . row j for each pair (0 where `a` has no columns)."""
    if not a.shape[1]:
        return np.zeros(len(i))
    return np.asarray(a[i].multiply(a[j]).sum(axis=1)).ravel()


def _binary(sets: Sequence[frozenset[str]]) -> sparse.csr_matrix:
    return sparse.csr_matrix(DictVectorizer().fit_transform([dict.fromkeys(s, 1.0) for s in sets]))


def pair_table(
    articles: Sequence[Article], config: ClusterConfig, embedded: Embedded | None = None
) -> tuple[np.ndarray, np.ndarray, Columns]:
    """(i, j, columns) for each pair i < j that shares a nearest neighbour."""
    features = features_of(articles, config)
    matrix = vectors(features)
    linked = sparse.vstack(
        [neighbours(matrix, a, b, config) for a, b in chunks(len(features))]
    ).tocsr()
    shared = sparse.triu(linked @ linked.T, k=1).tocoo()
    i, j = shared.row, shared.col
    titles = _binary([f.title for f in features])
    title_size = np.asarray(titles.sum(axis=1)).ravel() if titles.shape[1] else np.zeros(len(i))
    common = _overlap(titles, i, j)
    union = np.maximum(title_size[i] + title_size[j] - common, 1)
    titled = (title_size[i] > 0) & (title_size[j] > 0)
    figures = [frozenset(n for n in f.names if n[0].isdigit()) for f in features]
    has_figures = np.array([bool(f) for f in figures])
    shared_figures = _overlap(_binary(figures), i, j)
    days = days_of(articles)
    apart = np.abs(days[i] - days[j])
    minilm = np.zeros(len(i))
    if embedded is not None:
        rows = np.array([embedded[a.id, a.text] for a in articles])
        # Centred on the pile's mean, as `refine.vectors` mixes them.
        rows = rows - rows.mean(axis=0)
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
        minilm = np.einsum("ij,ij->i", rows[i], rows[j])
    return (
        i,
        j,
        {
            "minilm": minilm,
            "neighbours": shared.data,
            "cosine": _overlap(matrix, i, j),
            "names": _overlap(particulars([f.names for f in features]), i, j),
            "title": np.where(titled, common / union, 0),
            "titled": titled.astype(float),
            "figure": (shared_figures > 0).astype(float),
            "figures apart": (has_figures[i] & has_figures[j] & (shared_figures == 0)).astype(
                float
            ),
            "dated": (~np.isnan(apart)).astype(float),
            "apart": np.nan_to_num(apart, nan=0.0),
        },
    )


def design(columns: Columns, model: str) -> np.ndarray:
    s, names = columns["neighbours"], columns["names"]
    cosine = columns["cosine"]
    parts = [s, cosine, names, columns["title"], columns["titled"], columns["figure"],
             columns["figures apart"], s * cosine, s * names]  # fmt: skip
    if model == "learned+days":
        parts += [np.log1p(columns["apart"]), columns["dated"]]
    if model == "learned+minilm":
        parts += [columns["minilm"], s * columns["minilm"]]
    return np.column_stack(parts)


def fade(columns: Columns, config: ClusterConfig) -> np.ndarray:
    """The default's fade with time apart (`refine.pair_similarity`)."""
    assert config.time_scale_days is not None and config.unlike_scale_days is not None
    unlike = columns["names"] < config.particulars_cosine
    scale = np.where(unlike, config.unlike_scale_days, config.time_scale_days)
    return np.asarray(np.exp(-columns["apart"] / scale))


class Pile:
    """One pile's candidate pairs, their features and gold, computed once."""

    def __init__(
        self,
        labelled: Labelled,
        kind: dict[str, str],
        config: ClusterConfig,
        embedded: Embedded | None = None,
    ) -> None:
        articles, gold = labelled
        self.n, self.gold = len(articles), gold
        self.i, self.j, self.columns = pair_table(articles, config, embedded)
        label = np.asarray(gold, dtype=object)
        self.same = (label[self.i] == label[self.j]).astype(int)
        of = np.asarray([kind.get(a.id, a.id) for a in articles], dtype=object)
        self.hard = (of[self.i] == of[self.j]) & (self.same == 0)

    def labels(self, p: np.ndarray, cut: float) -> list[int]:
        both = (np.r_[self.i, self.j], np.r_[self.j, self.i])
        return link(sparse.csr_matrix((np.r_[p, p], both), shape=(self.n, self.n)), cut)


Scorer = Callable[[Columns], np.ndarray]


def fit(piles_of: dict[tuple[str, str], list[Pile]], model: str, hard_weight: float) -> Scorer:
    rows, labels, weights = [], [], []
    for cuts in piles_of.values():
        for pile in cuts:
            rows.append(design(pile.columns, model))
            labels.append(pile.same)
            weight = np.where(pile.hard, hard_weight, 1.0)
            weights.append(weight / weight.sum() / len(cuts))
    x, y, w = np.vstack(rows), np.concatenate(labels), np.concatenate(weights)
    scaler = StandardScaler().fit(x)
    regression = (
        HistGradientBoostingClassifier(max_depth=3, random_state=0)
        if model == "boosted"
        else LogisticRegression(max_iter=2000)
    ).fit(scaler.transform(x), y, sample_weight=w * len(w) / w.sum())
    config = ClusterConfig()

    def probability(columns: Columns) -> np.ndarray:
        if not len(columns["neighbours"]):
            return np.zeros(0)
        p = regression.predict_proba(scaler.transform(design(columns, model)))[:, 1]
        return p if model == "learned+days" else p * fade(columns, config)

    return probability


def pile_f1(scorer: Scorer, cuts: Sequence[Pile], cut: float) -> float:
    return sum(score(p.labels(scorer(p.columns), cut), p.gold).bcubed_f1 for p in cuts) / len(cuts)


def choose(scorer: Scorer, piles_of: dict[tuple[str, str], list[Pile]]) -> float:
    """The cut with the best worst pile F1 (ties: the lowest)."""
    return max(CUTS, key=lambda c: (min(pile_f1(scorer, p, c) for p in piles_of.values()), -c))


def as_method(
    scorer: Scorer,
    cut: float,
    kind: dict[str, str],
    config: ClusterConfig,
    embedded: Embedded | None = None,
) -> Callable[[Sequence[Article]], list[int]]:
    def run(articles: Sequence[Article]) -> list[int]:
        pile = Pile((list(articles), [a.id for a in articles]), kind, config, embedded)
        return pile.labels(scorer(pile.columns), cut)

    return run


def speed(data: Path, size: int) -> int:
    """CPU seconds of the default batch `assign` and of the learned model's pairs, features,
    scoring and average link, over `size` articles of `cluster_speed.collection`."""
    from cluster_speed import collection

    base = [a for articles, _ in datasets(data).values() for a in articles]
    articles = list(collection(base, size))
    config = ClusterConfig()
    start = time.process_time()
    assign(articles, config)
    default = time.process_time() - start
    built = {
        (name, pile): [Pile(c, {}, config) for c in cuts]
        for name, labelled in datasets(data).items()
        for pile, cuts in piles(labelled, KINDS)
    }
    scorer = fit(built, "learned", 1.0)
    start = time.process_time()
    pile = Pile((articles, [a.id for a in articles]), {}, config)
    features = time.process_time() - start
    # 0.2: the cut the logistic model takes when fitted on all sets.
    pile.labels(scorer(pile.columns), 0.2)
    learned = time.process_time() - start
    print(f"{size} articles: default assign {default:.1f} CPU-s; learned {learned:.1f} CPU-s "
          f"(of which pairs and features {features:.1f}; {len(pile.i)} pairs)")  # fmt: skip
    return 0


def side_by_side(
    sets: dict[str, Labelled],
    models: Sequence[str],
    held_out: dict[tuple[str, str, str], float],
    in_sample: dict[tuple[str, str, str], float],
) -> None:
    """B-cubed F1 per pile: the default, the baseline at 0.8 and at its best, the models."""
    config = ClusterConfig()
    print("\nside by side, B-cubed F1 (learned: held-out / fitted on all sets)")
    print(f"{'set':16} {'pile':5} {'default':>7} {'base@0.8':>8} {'base-best':>9} "
          + " ".join(f"{m:>15}" for m in models))  # fmt: skip
    for name, labelled in sets.items():
        for pile, cuts in piles(labelled, KINDS):
            default = sum(score(assign(a, config), g).bcubed_f1 for a, g in cuts) / len(cuts)
            base = sum(score(agglomerative(a), g).bcubed_f1 for a, g in cuts) / len(cuts)
            _, best = best_baseline(cuts)
            learned = " ".join(
                f"{held_out[m, name, pile]:7.3f}/{in_sample[m, name, pile]:.3f}" for m in models
            )
            print(f"{name:16} {pile:5} {default:7.3f} {base:8.3f} {best:9.3f} {learned}")
            sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--hard-weight", type=float, default=1.0)
    parser.add_argument("--no-current-loso", action="store_true")
    parser.add_argument("--models", nargs="+", choices=MODELS, default=["learned", "learned+days"])
    parser.add_argument("--no-side-by-side", action="store_true")
    parser.add_argument(
        "--speed", type=int, metavar="N", help="instead: CPU time at N articles beside assign"
    )
    args = parser.parse_args(argv)
    if args.speed:
        return speed(args.data, args.speed)
    config = ClusterConfig()
    sets = datasets(args.data)
    kind = event_kinds(args.data)
    embedded = None
    if "learned+minilm" in args.models:
        from newsfuse.cluster.embed import embed

        start = time.process_time()
        everything = [a for articles, _ in sets.values() for a in articles]
        embedded = dict(zip([(a.id, a.text) for a in everything], embed(everything), strict=True))
        print(f"MiniLM embeddings: {time.process_time() - start:.1f} CPU-s")
    start = time.process_time()
    built = {(name, pile): [Pile(c, kind, config, embedded) for c in cuts]
             for name, labelled in sets.items()
             for pile, cuts in piles(labelled, KINDS)}  # fmt: skip
    print(f"pair features of all piles: {time.process_time() - start:.1f} CPU-s")
    names = list(sets)
    held_out: dict[tuple[str, str, str], float] = {}
    in_sample: dict[tuple[str, str, str], float] = {}
    shipped: dict[str, tuple[Scorer, float]] = {}
    print(f"\nleave one set out (hard-negative weight {args.hard_weight:g})")
    print(f"{'model':14} {'held-out set':16} {'cut':>5} {'whole':>6} {'small':>6}")
    models = args.models
    for model in models:
        for held in names:
            train = {key: value for key, value in built.items() if key[0] != held}
            scorer = fit(train, model, args.hard_weight)
            cut = choose(scorer, train)
            for pile in ("whole", "small"):
                held_out[model, held, pile] = pile_f1(scorer, built[held, pile], cut)
            print(f"{model:14} {held:16} {cut:5.2f} {held_out[model, held, 'whole']:6.3f} "
                  f"{held_out[model, held, 'small']:6.3f}")  # fmt: skip
        worst = min(v for k, v in held_out.items() if k[0] == model)
        print(f"{model:14} {'worst held-out':16} {'':5} {worst:6.3f}")
        scorer = fit(built, model, args.hard_weight)
        cut = choose(scorer, built)
        shipped[model] = scorer, cut
        for (name, pile), cuts in built.items():
            in_sample[model, name, pile] = pile_f1(scorer, cuts, cut)
        worst = min(v for k, v in in_sample.items() if k[0] == model)
        print(f"{model:14} {'all sets (in)':16} {cut:5.2f} worst pile {worst:.3f}")
    checked = {m: as_method(*shipped[m], kind, config, embedded) for m in models}
    checked["newsfuse"] = partial(assign, config=config)
    hard_negatives(args.data, sets, checked)
    if not args.no_side_by_side:
        side_by_side(sets, models, held_out, in_sample)
    if not args.no_current_loso:
        leave_one_set_out(sets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
