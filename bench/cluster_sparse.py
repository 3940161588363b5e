"""Rules for sparse piles measured leave one set out (issue 17, sixth pass; docs/design.md).

    python bench/cluster_sparse.py [--data ../shared/data]

In piles of events told once or twice, a topic's reports fill each other's few neighbour
slots, so the shared-neighbour similarity of two events of one kind sits near that of one
event's reports, while their direct TF-IDF cosine still parts them. Two rules lean on that
only where the pile is sparse (its articles hold n neighbours on average, as the sparse cut
reads it), each beside the default's grid (`cluster_protocol.grid`):
- sparse floor: the neighbour floor rises from the grid's floor towards `top` by
  exp(-n / scale),
- direct gate: pair similarity times min(1, cosine / d0) ^ exp(-n / scale).
Each is scored with its own settings fixed (the rest chosen by the protocol) and with them
in the grid, chosen leave one set out as they would have to be. Neighbours are found once
per pile at a floor of 0.08 and filtered per setting (the k nearest above a higher floor are
those of the k nearest above 0.08 that clear it).
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
    nearest_others,
    neighbour_rows,
    originals,
    vectors,
)
from newsfuse.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_protocol import PILES, grid, piles
from cluster_quality import DATA, datasets

LOWEST_FLOOR = 0.08


@dataclass
class Pile:
    """One pile's vectors, names, days and nearest neighbours at `LOWEST_FLOOR`."""

    matrix: sparse.csr_matrix
    names: sparse.csr_matrix
    days: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    cosines: np.ndarray
    source: list[int]  # each article's position among the distinct texts


def prepare(articles: Sequence[Article]) -> Pile:
    config = replace(ClusterConfig(), neighbour_floor=LOWEST_FLOOR)
    features = features_of(articles, config)
    days = days_of(articles)
    matrix = vectors(features)
    source = originals(matrix, config.reprint_cosine, days, config.time_scale_days)
    distinct = np.flatnonzero(source == np.arange(len(features)))
    if len(distinct) < len(features):
        matrix = vectors([features[int(i)] for i in distinct])
        days = days[distinct]
    found = []
    for start, stop in chunks(len(distinct)):
        scores, rows, cols = nearest_others(matrix, start, stop, config)
        found.append((rows + start, cols, scores[rows, cols]))
    position = {int(a): p for p, a in enumerate(distinct)}
    return Pile(
        matrix,
        particulars([features[int(i)].names for i in distinct]),
        days,
        np.concatenate([f[0] for f in found]),
        np.concatenate([f[1] for f in found]),
        np.concatenate([f[2] for f in found]),
        [position[int(a)] for a in source],
    )


# (config, top floor or None, direct-gate d0 or None, scale)
Setting = tuple[ClusterConfig, float | None, float | None, float]


def labels(pile: Pile, setting: Setting) -> list[int]:
    config, top, d0, scale = setting
    n = pile.matrix.shape[0]
    floor = config.neighbour_floor
    if top is not None:
        mean = np.sum(pile.cosines >= floor) / n
        floor += (top - floor) * np.exp(-mean / scale)
    keep = pile.cosines >= floor
    linked = neighbour_rows(pile.rows[keep], pile.cols[keep], pile.cosines[keep], (n, n), config)
    pairs = (linked @ linked.T).tocoo()
    r, c = pairs.row, pairs.col
    apart = np.abs(pile.days[r] - pile.days[c])
    agree = np.asarray(pile.names[r].multiply(pile.names[c]).sum(axis=1)).ravel()
    fade = np.full(len(apart), config.time_scale_days)
    fade[(apart > 0) & (agree < config.particulars_cosine)] = config.unlike_scale_days
    values = pairs.data * np.exp(-np.nan_to_num(apart, nan=0.0) / fade)
    per_article = linked.nnz / n - 1.0
    if d0 is not None:
        direct = np.asarray(pile.matrix[r].multiply(pile.matrix[c]).sum(axis=1)).ravel()
        values = values * np.minimum(1.0, direct / d0) ** np.exp(-per_article / scale)
    similarity = sparse.coo_matrix((values, (r, c)), shape=(n, n)).tocsr()
    groups = link(similarity, merge_cut(similarity, config, per_article))
    return [groups[p] for p in pile.source]


Found = dict[tuple[str, str], list[float]]


def leave_one_set_out(tag: str, found: Found, settings: Sequence[Setting]) -> None:
    names = list(dict.fromkeys(name for name, _ in found))

    def best(sets: Sequence[str]) -> int:
        worst = [min(f[i] for (name, _), f in found.items() if name in sets)
                 for i in range(len(settings))]  # fmt: skip
        return max(range(len(settings)), key=lambda i: (worst[i], -i))

    held = {name: best([n for n in names if n != name]) for name in names}
    worst_held = min(found[name, kind][i] for name, i in held.items() for kind in PILES)
    chosen = best(names)
    worst_pile = min(f[chosen] for f in found.values())
    print(f"{tag:48} worst held-out {worst_held:.3f}  worst pile {worst_pile:.3f}  "
          + " ".join(f"{name[:5]} " + "/".join(f"{found[name, k][i]:.3f}" for k in PILES)
                     for name, i in held.items()))  # fmt: skip
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    prepared = {
        (name, kind): [(prepare(a), g) for a, g in cuts]
        for name, labelled in datasets(args.data).items()
        for kind, cuts in piles(labelled)
    }

    def scored(settings: Sequence[Setting]) -> Found:
        return {
            key: [
                float(np.mean([score(labels(p, s), g).bcubed_f1 for p, g in cuts]))
                for s in settings
            ]
            for key, cuts in prepared.items()
        }

    configs = grid()
    rules: dict[str, Callable[[float, float], list[Setting]]] = {
        "sparse floor, top {} scale {}": lambda top, s: [(c, top, None, s) for c in configs],
        "direct gate, d0 {} scale {}": lambda d0, s: [(c, None, d0, s) for c in configs],
    }
    default: list[Setting] = [(c, None, None, 1.0) for c in configs]
    leave_one_set_out("default grid", scored(default), default)
    for name, make in rules.items():
        values = (0.15, 0.18, 0.2) if name.startswith("sparse") else (0.2, 0.25, 0.3, 0.4)
        every: list[Setting] = []
        for value, scale in product(values, (2.0, 4.0)):
            settings = make(value, scale)
            every.extend(settings)
            leave_one_set_out(name.format(value, scale), scored(settings), settings)
        leave_one_set_out(name.format("in grid", "in grid"), scored(every), every)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
