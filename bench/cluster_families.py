"""Why the one default stops where it does: the shared sets' errors taken apart, and pair
similarities other than the default's measured leave-one-set-out on one grid.

    python bench/cluster_families.py [--data ../shared/data] [--no-families]

Three parts (issue 17, fifth pass; figures in docs/design.md):
- The pooled DUC 2003 + MultiLing pile scored per source collection, from the one run over
  the pool: are its errors merges (precision) or splits (recall), and where?
- Each pile's best fixed cut beside the cut the pile sets itself (`refine.merge_cut`):
  how far one rule over a pile's own pairs is from the cut each pile would want.
- Families of pair similarity, each over the same grid (neighbour floor x quantile x
  least cut x prior weight) and chosen as the default is (`cluster_protocol`): by the
  worst of the other sets' whole, small and tiny piles, leave one set out. Each family
  multiplies the default's shared-neighbour similarity (time fade included) by
  - `direct`: the pair's own TF-IDF cosine over the nearer of the two articles' nearest
    cosines, to a power (a topic's other event is further than the article's own),
  - `shrink`: sqrt(|a|^2 |b|^2 / ((|a|^2 + c)(|b|^2 + c))) of the raw neighbour-row
    lengths, as if each row held c more neighbours elsewhere (a row of one or two
    neighbours says little, yet two such rows sharing them sit at 1),
  - both.
  A family that helps only in the sample shows it here: the held-out worst falls.
  Then the default's similarity with the pile's cut raised where its articles hold few
  neighbours (`ClusterConfig.sparse_cut_neighbours`), at several scales.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path

import numpy as np
from scipy import sparse

from newsfuse.cluster import ClusterConfig, score
from newsfuse.cluster.features import features_of
from newsfuse.cluster.particulars import particulars
from newsfuse.cluster.refine import (
    chunks,
    days_of,
    link,
    merge_cut,
    neighbours,
    originals,
    pair_similarity,
    vectors,
)
from newsfuse.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_protocol import PILES, piles
from cluster_quality import DATA, datasets

Labelled = tuple[list[Article], list[str]]
Key = tuple[str, str]
Scores = dict[Key, tuple[float, float, float]]
FLOORS = (0.11, 0.12, 0.13, 0.15)
QUANTILES = (0.3, 0.35, 0.4, 0.45)
LEAST_CUTS = (0.05, 0.1, 0.2)
PRIOR_PAIRS = (25.0, 100.0)
CUTS = tuple(round(0.05 * i, 2) for i in range(1, 20))
SPARSE_CUTS = (2.0, 3.0, 4.0, 5.0, 6.0, 8.0)


@dataclass
class Pile:
    """One pile's candidate pairs as the default finds them, with what the families use."""

    gold: list[str]
    source: np.ndarray  # `refine.originals`: the article each one folds into
    distinct: np.ndarray
    pairs: sparse.coo_matrix  # shared-neighbour similarity, faded: `refine.pair_similarity`
    direct: np.ndarray  # per pair: TF-IDF cosine over the nearer article's nearest cosine
    length: np.ndarray  # per distinct article: squared length of its raw neighbour row
    per_article: float  # mean neighbours an article (`refine.merge`)

    @classmethod
    def of(cls, labelled: Labelled, config: ClusterConfig) -> Pile:
        articles, gold = labelled
        features = features_of(articles, config)
        matrix = vectors(features)
        days = days_of(articles)
        source = originals(matrix, config.reprint_cosine, days, config.time_scale_days)
        distinct = np.flatnonzero(source == np.arange(len(features)))
        matrix = vectors([features[int(i)] for i in distinct])
        linked = sparse.vstack(
            [neighbours(matrix, a, b, config) for a, b in chunks(matrix.shape[0])]
        ).tocsr()
        names = particulars([features[int(i)].names for i in distinct])
        pairs = pair_similarity(linked, days[distinct], config, names).tocoo()
        cosines = (matrix @ matrix.T).tolil()
        cosines.setdiag(0)
        nearest = np.asarray(cosines.tocsr().max(axis=1).todense()).ravel()
        i, j = pairs.row, pairs.col
        cosine = np.asarray(matrix[i].multiply(matrix[j]).sum(axis=1)).ravel()
        nearer = np.maximum(np.minimum(nearest[i], nearest[j]), 1e-9)
        # A row holds its own article at 1 / its raw length (`refine.unit_rows`).
        length = 1.0 / np.asarray(linked.diagonal()) ** 2
        per_article = linked.nnz / linked.shape[0] - 1.0
        direct = np.minimum(1.0, cosine / nearer)
        return cls(gold, source, distinct, pairs, direct, length, per_article)

    def labels(self, similarity: np.ndarray, config: ClusterConfig, cut: float | None = None
               ) -> list[int]:  # fmt: skip
        found = sparse.csr_matrix((similarity, (self.pairs.row, self.pairs.col)),
                                  shape=self.pairs.shape)  # fmt: skip
        groups = link(found, merge_cut(found, config, self.per_article) if cut is None else cut)
        position = {int(a): p for p, a in enumerate(self.distinct)}
        return [groups[position[int(a)]] for a in self.source]

    def shrunk(self, c: float) -> np.ndarray:
        a, b = self.length[self.pairs.row], self.length[self.pairs.col]
        return np.asarray(np.sqrt(a * b / ((a + c) * (b + c))))


Family = Callable[[Pile], np.ndarray]
FAMILIES: dict[str, Family] = {
    "default": lambda p: p.pairs.data,
    "direct^0.5": lambda p: p.pairs.data * p.direct**0.5,
    "direct^1": lambda p: p.pairs.data * p.direct,
    "shrink 4": lambda p: p.pairs.data * p.shrunk(4.0),
    "direct^0.5 x shrink 2": lambda p: p.pairs.data * p.direct**0.5 * p.shrunk(2.0),
    "direct^0.5 x shrink 4": lambda p: p.pairs.data * p.direct**0.5 * p.shrunk(4.0),
}


def built(sets: dict[str, Labelled], config: ClusterConfig) -> dict[Key, list[Pile]]:
    return {
        (name, kind): [Pile.of(cut, config) for cut in cuts]
        for name, labelled in sets.items()
        for kind, cuts in piles(labelled)
    }


def scores(found: dict[Key, list[Pile]], family: Family, config: ClusterConfig) -> Scores:
    """Mean B-cubed precision, recall and F1 per (set, pile)."""
    result: Scores = {}
    for key, cuts in found.items():
        s = [score(p.labels(family(p), config), p.gold) for p in cuts]
        result[key] = (
            float(np.mean([x.bcubed_precision for x in s])),
            float(np.mean([x.bcubed_recall for x in s])),
            float(np.mean([x.bcubed_f1 for x in s])),
        )
    return result


def by_collection(sets: dict[str, Labelled]) -> None:
    """The pooled summarisation pile under the default, scored per source collection."""
    articles, gold = sets["DUC03+MultiLing"]
    pile = Pile.of((articles, gold), ClusterConfig())
    labels = pile.labels(pile.pairs.data, ClusterConfig())
    print("DUC 2003 + MultiLing whole, one run over the pool, scored per collection:")
    for prefix in ("duc2003", "multiling2011"):
        kept = [i for i, g in enumerate(gold) if g.startswith(prefix)]
        s = score([labels[i] for i in kept], [gold[i] for i in kept])
        print(f"  {prefix:14} B3 P {s.bcubed_precision:.3f} R {s.bcubed_recall:.3f} "
              f"F1 {s.bcubed_f1:.3f}  stories {s.predicted} true {s.true}")  # fmt: skip


def best_cuts(found: dict[Key, list[Pile]]) -> None:
    """Each pile's best fixed cut (mean F1 over its cuts) beside its own cut's F1."""
    config = ClusterConfig()
    print("\nbest fixed cut per pile (default similarity) beside the pile's own cut:")
    print(f"  {'set':16} {'pile':5} {'own cut':>7} {'F1':>6} {'best cut':>8} {'F1':>6}")
    for (name, kind), cuts in found.items():
        own = np.mean([merge_cut(p.pairs.tocsr(), config, p.per_article) for p in cuts])
        f1 = [np.mean([score(p.labels(p.pairs.data, config, cut), p.gold).bcubed_f1
                       for p in cuts]) for cut in CUTS]  # fmt: skip
        mine = np.mean([score(p.labels(p.pairs.data, config), p.gold).bcubed_f1 for p in cuts])
        best = int(np.argmax(f1))
        print(f"  {name:16} {kind:5} {own:7.2f} {mine:6.3f} {CUTS[best]:8.2f} {f1[best]:6.3f}")


def grid(sparse_cut: float | None) -> list[ClusterConfig]:
    return [
        replace(
            ClusterConfig(),
            neighbour_floor=f,
            cut_quantile=q,
            least_cut=least,
            cut_prior_pairs=prior,
            sparse_cut_neighbours=sparse_cut,
        )
        for f, q, least, prior in product(FLOORS, QUANTILES, LEAST_CUTS, PRIOR_PAIRS)
    ]


def _worst(found: Scores, sets: Sequence[str]) -> float:
    return min(v[2] for k, v in found.items() if k[0] in sets)


def families(sets: dict[str, Labelled]) -> None:
    """Leave one set out per family over one grid; the worst held-out set and the worst
    pile of the setting chosen on all sets. The families with the sparse-pile cut off (as
    they were measured), then the default's similarity under sparse-pile cuts
    (`ClusterConfig.sparse_cut_neighbours`) of several scales."""
    table: dict[str, list[Scores]] = {}
    for floor in FLOORS:
        found = built(sets, replace(ClusterConfig(), neighbour_floor=floor))
        for sparse_cut in (None, *SPARSE_CUTS):
            for config in grid(sparse_cut):
                if config.neighbour_floor != floor:
                    continue
                if sparse_cut is None:
                    for name, family in FAMILIES.items():
                        table.setdefault(name, []).append(scores(found, family, config))
                else:
                    table.setdefault(f"default, sparse cut {sparse_cut:g}", []).append(
                        scores(found, FAMILIES["default"], config)
                    )
    configs = grid(None)
    names = list(sets)
    print(f"\nleave one set out, {len(configs)} settings per family (floor x quantile x least "
          "cut x prior), chosen by the worst of the other sets' piles; held-out "
          + "/".join(PILES))  # fmt: skip
    for family, rows in table.items():
        held = []
        for out in names:
            others = [n for n in names if n != out]
            i = max(range(len(rows)), key=lambda i: (_worst(rows[i], others), -i))
            held.append(" / ".join(f"{rows[i][out, kind][2]:.3f}" for kind in PILES))
        worst_held = min(min(float(x) for x in h.split(" / ")) for h in held)
        i = max(range(len(rows)), key=lambda i: (_worst(rows[i], names), -i))
        chosen = _worst(rows[i], names)
        print(f"  {family:22} held out: "
              + "; ".join(f"{n} {h}" for n, h in zip(names, held, strict=True))
              + f"; worst {worst_held:.3f}; all sets worst pile {chosen:.3f}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-families", action="store_true", help="skip the family grid")
    args = parser.parse_args(argv)
    sets = datasets(args.data)
    by_collection(sets)
    best_cuts(built(sets, ClusterConfig()))
    if not args.no_families:
        families(sets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
