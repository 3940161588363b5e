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

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

from newsfuse.cluster.features import Features
from newsfuse.config import ClusterConfig

# Rows of the similarity matrix computed at once: bounds memory at CHUNK x articles floats.
CHUNK = 512


def vectors(
    features: Sequence[Features],
    embeddings: np.ndarray | None = None,
    embedding_weight: float = 0.5,
) -> sparse.csr_matrix:
    """Unit rows, one per article: TF-IDF under collection IDF, beside the embeddings."""
    matrix = TfidfTransformer().fit_transform(
        DictVectorizer().fit_transform([f.terms for f in features])
    )
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


def neighbours(
    matrix: sparse.csr_matrix, start: int, stop: int, config: ClusterConfig
) -> sparse.csr_matrix:
    """Neighbour rows of articles `start:stop`: each a unit vector over the articles, on
    the article itself and its `config.neighbours` most similar others of cosine at least
    `config.neighbour_floor`. Rows depend on nothing but their own article, so they
    can be computed in chunks anywhere (Ray tasks) and stacked."""
    n = matrix.shape[0]
    # Time is left out: a broad story's reports span weeks, and the neighbourhood already
    # keeps two events of one kind apart (measured: a time penalty here only cost recall).
    scores = np.asarray((matrix[start:stop] @ matrix.T).todense())
    rows = np.arange(stop - start)
    scores[rows, rows + start] = -np.inf
    k = min(config.neighbours, n - 1)
    # Stable sort on -score: ties go to the earlier article, so rows are deterministic.
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    keep = scores[rows[:, None], top] >= config.neighbour_floor
    row_ids = np.concatenate([rows, np.repeat(rows, keep.sum(axis=1))])
    col_ids = np.concatenate([rows + start, top[keep]])
    counts = np.bincount(row_ids, minlength=stop - start)
    values = 1.0 / np.sqrt(counts[row_ids])
    return sparse.csr_matrix((values, (row_ids, col_ids)), shape=(stop - start, n))


def chunks(n: int) -> list[tuple[int, int]]:
    return [(start, min(n, start + CHUNK)) for start in range(0, n, CHUNK)]


# Neighbour rows of each (start, stop) chunk, in order: in process, or as Ray tasks.
RowMapper = Callable[
    [sparse.csr_matrix, list[tuple[int, int]], ClusterConfig], list[sparse.csr_matrix]
]


def _in_process(
    matrix: sparse.csr_matrix, spans: list[tuple[int, int]], config: ClusterConfig
) -> list[sparse.csr_matrix]:
    return [neighbours(matrix, start, stop, config) for start, stop in spans]


def merge(matrix: sparse.csr_matrix, labels: Sequence[int], threshold: float) -> list[int]:
    """Labels after average-link merging of the labelled groups of unit `matrix` rows while
    the best pair's mean cross cosine is at least `threshold`; a group keeps one of its
    labels."""
    if not labels:
        return []
    ids = sorted(set(labels))
    position = {label: i for i, label in enumerate(ids)}
    rows = [position[label] for label in labels]
    member = sparse.csr_matrix(
        ([1.0] * len(rows), (rows, range(len(rows)))), shape=(len(ids), len(rows))
    )
    sums = member @ matrix
    gram = (sums @ sums.T).tocoo()
    # sim[i][j]: sum of cosines over all article pairs across groups i and j.
    sim: list[dict[int, float]] = [{} for _ in ids]
    size = [0] * len(ids)
    for row in rows:
        size[row] += 1
    for i, j, value in zip(gram.row, gram.col, gram.data, strict=True):
        if i != j:
            sim[int(i)][int(j)] = float(value)

    version = [0] * len(ids)
    heap: list[tuple[float, int, int, int, int]] = []
    for i, row_sims in enumerate(sim):
        for j, value in row_sims.items():
            mean = value / (size[i] * size[j])
            if i < j and mean >= threshold:
                heap.append((-mean, i, j, 0, 0))
    heapq.heapify(heap)
    parent = list(range(len(ids)))
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

    return [ids[root(position[label])] for label in labels]


def refine(
    features: Sequence[Features],
    config: ClusterConfig,
    embeddings: np.ndarray | None = None,
    rows_of: RowMapper = _in_process,
) -> list[int]:
    """A story number per article: shared-neighbour average link over the collection."""
    if not features:
        return []
    matrix = vectors(features, embeddings, config.embedding_weight)
    rows = rows_of(matrix, chunks(len(features)), config)
    return merge(sparse.vstack(rows).tocsr(), range(len(features)), config.refine_threshold)
