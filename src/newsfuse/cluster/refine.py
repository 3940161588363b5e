"""Batch stories: average link over shared nearest neighbours, with collection IDF.

With the whole collection at hand, each article's `neighbours` most similar articles are
found (cosine of TF-IDF vectors under collection IDF), and two articles are as alike as
the neighbours they share. Two events of one kind (two celebrities entering rehab, two
quakes in one region) share their topic words, so the direct cosine across them is fair
and no fixed cosine cut separates them from a broad event whose reports are only loosely
alike. But each report's nearest neighbours are its own event's reports, so across the two
events few neighbours are shared: the neighbourhood adapts to how tight each event is,
where a cosine threshold cannot.

Articles then merge bottom-up (UPGMA: mean shared-neighbour cosine over all cross pairs)
while the best pair is at least `threshold` alike. Each article's neighbour row is a unit
vector, so the similarity of a merged story is the sum of its parts' rows, and the rows
are sparse (an article shares neighbours with few others), which keeps merging cheap.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import pairwise

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from newsfuse.cluster.features import Features
from newsfuse.cluster.particulars import count_matrix, particulars
from newsfuse.config import ClusterConfig
from newsfuse.model import Article

EPOCH = datetime(1970, 1, 1)

# Similarity scores computed at once (rows x articles): 32 MB of floats per chunk (about
# three times that with the neighbour selection's temporaries), whatever the collection's
# size; at most CHUNK rows.
CELLS = 1 << 22
CHUNK = 512
# Heaviest terms per article under which near-copies are looked for (`originals`).
KEYS = 3


def vectors(
    features: Sequence[Features],
    embeddings: np.ndarray | None = None,
    embedding_weight: float = 0.5,
) -> sparse.csr_matrix:
    """Unit rows, one per article: TF-IDF under collection IDF, beside the embeddings."""
    counts = count_matrix([f.terms for f in features])
    # Articles of no content word at all ("the the", "..."): nothing to weigh, all apart.
    matrix = TfidfTransformer().fit_transform(counts) if counts.shape[1] else counts
    if embeddings is None:
        return sparse.csr_matrix(matrix)
    # Any two news reports sit at a sizeable MiniLM cosine; centred on the collection's
    # mean, unrelated reports score near 0 as under TF-IDF, so one threshold serves both.
    centred = embeddings - embeddings.mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
    # Unit rows side by side, scaled: cosines mix linearly.
    return sparse.hstack(
        [
            matrix * math.sqrt(1.0 - embedding_weight),
            sparse.csr_matrix(centred * math.sqrt(embedding_weight)),
        ]
    ).tocsr()


def nearest(scores: np.ndarray, k: int, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each row's `k` best scores of at least `floor` (a row's own column
    set to -inf beforehand). Of columns tied with the k-th best, the earliest are taken,
    so the choice is deterministic."""
    k = min(k, scores.shape[1] - 1)
    if k <= 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    # The k-th best by selection (linear) rather than a sort of the whole row.
    kth = np.partition(scores, scores.shape[1] - k, axis=1)[:, -k, None]
    tied = scores == kth
    room = k - (scores > kth).sum(axis=1, keepdims=True)
    chosen = (scores > kth) | (tied & (np.cumsum(tied, axis=1, dtype=np.int32) <= room))
    rows, cols = np.nonzero(chosen & (scores >= floor))
    return rows, cols


def nearest_others(
    matrix: sparse.csr_matrix, start: int, stop: int, config: ClusterConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cosines of rows `start:stop` with all rows, and (row, column) of each one's
    `config.neighbours` nearest others (`nearest`, rows counted from `start`)."""
    scores = (matrix[start:stop] @ matrix.T).toarray()
    own = np.arange(stop - start)
    scores[own, own + start] = -np.inf
    rows, cols = nearest(scores, config.neighbours, config.neighbour_floor)
    return scores, rows, cols


def unit_rows(
    rows: np.ndarray,
    cols: np.ndarray,
    shape: tuple[int, int],
    weights: np.ndarray,
) -> sparse.csr_matrix:
    """Rows holding `weights` at each (row, column) given, each scaled to unit length:
    neighbour sets whose dot products are shared-neighbour cosines."""
    length = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=shape[0]))
    return sparse.csr_matrix((weights / length[rows], (rows, cols)), shape=shape)


def relative_weights(rows: np.ndarray, cosines: np.ndarray, n: int) -> np.ndarray:
    """Each neighbour's cosine over its row's nearest (`relative_neighbours`): 1 for the
    nearest, less for those further out."""
    nearest_cosine = np.zeros(n)
    np.maximum.at(nearest_cosine, rows, cosines)
    # At a floor of 0 a row's neighbours may all be at cosine 0: they weigh 1 then.
    scale = nearest_cosine[rows]
    return np.asarray(np.divide(cosines, scale, out=np.ones(len(rows)), where=scale > 0))


def neighbour_rows(
    rows: np.ndarray,
    cols: np.ndarray,
    cosines: np.ndarray,
    shape: tuple[int, int],
    config: ClusterConfig,
    start: int = 0,
) -> sparse.csr_matrix:
    """Unit neighbour rows: row i holds its own article (column `start` + i) at 1 and each
    (row, column) neighbour at 1, or with `config.relative_neighbours` at its cosine over
    the row's nearest."""
    own = np.arange(shape[0])
    weights = (
        relative_weights(rows, cosines, shape[0])
        if config.relative_neighbours
        else np.ones(len(rows))
    )
    return unit_rows(
        np.concatenate([own, rows]),
        np.concatenate([own + start, cols]),
        shape,
        np.concatenate([np.ones(shape[0]), weights]),
    )


def neighbours(
    matrix: sparse.csr_matrix, start: int, stop: int, config: ClusterConfig
) -> sparse.csr_matrix:
    """Neighbour rows of articles `start:stop`: each a unit vector over the articles, on
    the article itself and its `config.neighbours` most similar others of cosine at least
    `config.neighbour_floor`. Rows depend on nothing but their own article, so they
    can be computed in chunks anywhere (Ray tasks) and stacked."""
    # Time is left out: a broad story's reports span weeks, and the neighbourhood already
    # keeps two events of one kind apart (measured: a time penalty here only cost recall).
    scores, near_rows, near_cols = nearest_others(matrix, start, stop, config)
    return neighbour_rows(
        near_rows,
        near_cols,
        scores[near_rows, near_cols],
        (stop - start, matrix.shape[0]),
        config,
        start,
    )


def chunks(n: int) -> list[tuple[int, int]]:
    rows = max(1, min(CHUNK, CELLS // max(n, 1)))
    return [(start, min(n, start + rows)) for start in range(0, n, rows)]


# Neighbour rows of each (start, stop) chunk, in order: in process, or as Ray tasks.
RowMapper = Callable[
    [sparse.csr_matrix, list[tuple[int, int]], ClusterConfig], list[sparse.csr_matrix]
]


def _in_process(
    matrix: sparse.csr_matrix, spans: list[tuple[int, int]], config: ClusterConfig
) -> list[sparse.csr_matrix]:
    return [neighbours(matrix, start, stop, config) for start, stop in spans]


def day_of(article: Article) -> float:
    """Days since the epoch (UTC) of an article's publication; NaN if undated."""
    if article.published is None:
        return math.nan
    return (article.sort_time - EPOCH).total_seconds() / 86400.0


def days_of(articles: Sequence[Article]) -> np.ndarray:
    """Publication day numbers per article, NaN where undated."""
    return np.array([day_of(a) for a in articles])


def fade(apart: np.ndarray, time_scale: float | None) -> np.ndarray:
    """exp(-days apart / `time_scale`): how much of two reports' similarity is left at
    that distance in time. 1 where a report is undated (NaN) or with no scale."""
    if time_scale is None:
        return np.ones_like(apart)
    return np.asarray(np.exp(-np.nan_to_num(np.abs(apart), nan=0.0) / time_scale))


def pair_similarity(
    matrix: sparse.csr_matrix,
    days: np.ndarray | None,
    config: ClusterConfig,
    names: sparse.csr_matrix | None = None,
) -> sparse.coo_matrix:
    """Cosines of all pairs of unit `matrix` rows, each times exp(-|days apart| / scale).

    The scale is `config.time_scale_days` for pairs whose `names` rows
    (`particulars.particulars`) are
    at a cosine of at least `config.particulars_cosine`, else `config.unlike_scale_days`:
    two reports on a shooting a month apart are two events unless their particulars
    agree, and a story that runs for months keeps its names. The long decay is mild within
    a story's weeks (0.92 at a month for a scale of a year) and strong across years, where
    reports of recurring events of one kind (two New Year's Eves, two missile tests over
    Japan) read alike. Undated pairs keep their cosine."""
    pairs = (matrix @ matrix.T).tocoo()
    if days is None or config.time_scale_days is None:
        return pairs
    apart = np.abs(days[pairs.row] - days[pairs.col])
    scale = np.full(len(apart), config.time_scale_days)
    if names is not None and config.unlike_scale_days is not None:
        # Only pairs apart in time need their particulars compared.
        far = np.flatnonzero(apart > 0)
        alike = np.asarray(
            names[pairs.row[far]].multiply(names[pairs.col[far]]).sum(axis=1)
        ).ravel()
        scale[far[alike < config.particulars_cosine]] = config.unlike_scale_days
    decayed = pairs.data * np.exp(-np.nan_to_num(apart, nan=0.0) / scale)
    return sparse.coo_matrix((decayed, (pairs.row, pairs.col)), shape=pairs.shape)


def merge(
    matrix: sparse.csr_matrix,
    config: ClusterConfig,
    days: np.ndarray | None = None,
    names: sparse.csr_matrix | None = None,
) -> tuple[list[int], float]:
    """A group number per row after average-link merging of unit `matrix` rows while the
    best pair of groups has a mean cross similarity (`pair_similarity`) of at least the
    pile's cut (`merge_cut`); a group is numbered by one of its rows. And that cut."""
    if not matrix.shape[0]:
        return [], config.refine_threshold
    pairs = pair_similarity(matrix, days, config, names).tocsr()
    # Each row holds its own article and its neighbours.
    cut = merge_cut(pairs, config, matrix.nnz / matrix.shape[0] - 1.0)
    return link(pairs, cut), cut


def merge_cut(
    pairs: sparse.csr_matrix, config: ClusterConfig, neighbours: float | None = None
) -> float:
    """The cut of one pile: the `config.cut_quantile` quantile of the similarities of its
    candidate pairs (two articles sharing a neighbour), drawn towards
    `config.refine_threshold` as far as the pile holds few pairs (weighed against
    `config.cut_prior_pairs` pairs at `refine_threshold`), and at least
    `config.least_cut`; `refine_threshold` alone with no quantile set.

    How alike two reports of one story are depends on the pile: where its events hold
    fewer reports than neighbour slots, a topic's reports fill each other's slots and
    share them whatever their event, so its pairs sit high and the cut must too; where
    stories are long and loose, pairs sit low. A cut taken from the pile's own pairs
    follows that. A quantile of a few pairs says little (a brief's five reports of one
    event are all of one story), so a small pile keeps about the fixed cut, and the least
    cut keeps a pile of unrelated news from merging its best pairs.

    Given the pile's mean `neighbours` per article, the cut is also at least
    exp(-neighbours / `config.sparse_cut_neighbours`): in a pile of events told once or
    twice an article's one or two neighbours weigh all of its row (the nearest weighs 1),
    so two reports of one topic that share them sit near 1 whatever their event, and the
    quantile of such pairs is no cut; only near-complete sharing merges there."""
    cut = config.refine_threshold
    upper = sparse.triu(pairs, k=1).data
    upper = upper[upper > 0]
    if config.cut_quantile is not None and len(upper):
        found = float(np.quantile(upper, config.cut_quantile))
        prior = config.cut_prior_pairs
        mean = (len(upper) * found + prior * config.refine_threshold) / (len(upper) + prior)
        cut = max(config.least_cut, mean)
    if neighbours is not None and config.sparse_cut_neighbours is not None:
        cut = max(cut, math.exp(-neighbours / config.sparse_cut_neighbours))
    return cut


def link(pairs: sparse.csr_matrix, threshold: float) -> list[int]:
    """A group number per row of the symmetric similarity matrix `pairs` (absent pairs
    count 0) after average-link merging while the best pair of groups has a mean cross
    similarity of at least `threshold`; a group is numbered by one of its rows."""
    n = pairs.shape[0]
    # sim[i][j]: sum of similarities over all article pairs across groups i and j.
    bounds, columns, values = pairs.indptr.tolist(), pairs.indices.tolist(), pairs.data.tolist()
    sim = [dict(zip(columns[a:b], values[a:b], strict=True)) for a, b in pairwise(bounds)]
    for i, row in enumerate(sim):
        row.pop(i, None)
    size = [1] * n

    version = [0] * n
    # The pairs of single articles at the cut, as (-similarity, i, j, versions) in row
    # order: built in numpy, as the merges below touch far fewer pairs than this.
    i_of = np.repeat(np.arange(n), np.diff(pairs.indptr))
    j_of = pairs.indices
    start = (i_of < j_of) & (pairs.data >= threshold)
    zeros = [0] * int(start.sum())
    heap = list(
        zip(
            (-pairs.data[start]).tolist(),
            i_of[start].tolist(),
            j_of[start].tolist(),
            zeros,
            zeros,
            strict=True,
        )
    )
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if version[i] != vi or version[j] != vj or parent[i] != i or parent[j] != j:
            continue
        # Merge j into i: i's similarities are the sums of both rows.
        parent[j] = i
        size[i] += size[j]
        version[i] += 1
        for k, value in sim[j].items():
            if k == i:
                continue
            sim[i][k] = sim[i].get(k, 0.0) + value
            sim[k][i] = sim[i][k]
            sim[k].pop(j, None)
        sim[i].pop(j, None)
        sim[j] = {}
        for k, value in sim[i].items():
            mean = value / (size[i] * size[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, i, k, version[i], version[k]))

    def root(x: int) -> int:
        # Path halving: a story absorbed by one that is absorbed in turn sits deeper each
        # time, and without it reading every article's root could walk long chains.
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    return [root(i) for i in range(n)]


def originals(
    matrix: sparse.csr_matrix,
    cosine: float | None,
    days: np.ndarray | None = None,
    time_scale: float | None = None,
) -> np.ndarray:
    """For each article, the earlier article it reprints and folds into, or itself.

    A reprint is the same text, perhaps trimmed or lightly edited, at about the same time:
    cosine, faded with time apart as in `pair_similarity` (a week costs 0.02 at a scale of
    a year), of at least `cosine`; of several, the most alike, ties to the earliest. Only
    originals can be reprinted, as in the stream, where a folded reprint never enters the
    window."""
    n = matrix.shape[0]
    source = np.arange(n)
    if cosine is None or n < 2:
        return source
    # Near-copies share their heaviest terms: pairs sharing one of their three heaviest
    # are the only candidates, so this is not another all-pairs pass.
    keys: list[int] = []
    for start, stop in pairwise(matrix.indptr.tolist()):
        weights = matrix.data[start:stop]
        top = np.argsort(-weights, kind="stable")[:KEYS]
        keys.extend(matrix.indices[start:stop][top].tolist())
    owners = np.repeat(np.arange(n), np.minimum(np.diff(matrix.indptr), KEYS))
    keyed = sparse.csr_matrix((np.ones(len(keys)), (owners, keys)), shape=matrix.shape)
    candidates: dict[int, list[tuple[float, int]]] = {}
    # In blocks of rows: articles sharing a common heavy term make many pairs.
    for start in range(0, n, CHUNK):
        shared = (keyed[start : start + CHUNK] @ keyed.T).tocoo()
        rows = shared.row + start
        earlier = shared.col < rows
        rows, cols = rows[earlier], shared.col[earlier]
        values = np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()
        if days is not None:
            values = values * fade(days[rows] - days[cols], time_scale)
        keep = values >= cosine
        for i, j, value in zip(rows[keep].tolist(), cols[keep].tolist(),
                               values[keep].tolist(), strict=True):  # fmt: skip
            candidates.setdefault(i, []).append((-value, j))
    for i in sorted(candidates):
        found = [(value, j) for value, j in candidates[i] if source[j] == j]
        if found:
            source[i] = min(found)[1]
    # An original and its first reprint (often a writethrough, a second version of one
    # report) stay two articles: a pair cannot crowd out the neighbours. From the third
    # copy on, reprints fold into the original.
    kept: set[int] = set()
    for i in range(n):
        if source[i] != i and int(source[i]) not in kept:
            kept.add(int(source[i]))
            source[i] = i
    return source


def refine(
    features: Sequence[Features],
    config: ClusterConfig,
    *,
    days: np.ndarray | None,
    embeddings: np.ndarray | None = None,
    rows_of: RowMapper = _in_process,
) -> list[int]:
    """A story number per article: shared-neighbour average link over the collection,
    pairs decayed by their distance in `days` (`days_of`).

    A reprint (`originals`) takes its original's story and is left out of the neighbour
    search: otherwise a wire text printed ten times fills every copy's ten neighbour slots
    with copies of itself, and the story's other reports share no neighbours with it."""
    if not features:
        return []
    matrix = vectors(features, embeddings, config.embedding_weight)
    source = originals(matrix, config.reprint_cosine, days, config.time_scale_days)
    distinct = np.flatnonzero(source == np.arange(len(features)))
    if len(distinct) < len(features):
        # IDF over distinct texts: a reprint is not another document.
        matrix = vectors(
            [features[int(i)] for i in distinct],
            embeddings[distinct] if embeddings is not None else None,
            config.embedding_weight,
        )
        days = days[distinct] if days is not None else None
    linked = sparse.vstack(rows_of(matrix, chunks(len(distinct)), config)).tocsr()
    names = particulars([features[int(i)].names for i in distinct])
    groups, _ = merge(linked, config, days, names)
    position = {int(article): p for p, article in enumerate(distinct)}
    return [groups[position[int(article)]] for article in source]
