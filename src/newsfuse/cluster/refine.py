"""Batch refinement: average-link merging of the streaming stories with collection IDF.

The stream must decide with the document frequencies seen so far and never revisits a
decision, so it splits some stories. With the whole collection at hand, stories are
merged bottom-up (UPGMA: mean cosine over all cross pairs of articles) while the best
pair is at least `threshold` alike, and alike enough next to its own stories' cohesion.
Starting from the stream's stories instead of single articles keeps this cheap: the
similarity of a merged story is the sum of its parts' rows.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

from newsfuse.cluster.features import Features


def refine(
    features: Sequence[Features],
    labels: Sequence[int],
    threshold: float,
    cohesion: float = 0.0,
    embeddings: np.ndarray | None = None,
    embedding_weight: float = 0.5,
) -> list[int]:
    """Labels after merging stories whose mean cross cosine is at least `threshold` and at
    least `cohesion` times the mean inner cosine of the looser of the two."""
    if not labels:
        return []
    matrix = TfidfTransformer().fit_transform(
        DictVectorizer().fit_transform([f.terms for f in features])
    )
    if embeddings is not None:
        # Any two news reports sit at a sizeable MiniLM cosine; centred on the collection's
        # mean, unrelated reports score near 0 as under TF-IDF, so one threshold serves both.
        centred = embeddings - embeddings.mean(axis=0)
        centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
        # Unit rows side by side, scaled: cosines mix linearly, so story sums still work.
        matrix = sparse.hstack(
            [
                matrix * math.sqrt(1.0 - embedding_weight),
                sparse.csr_matrix(centred * math.sqrt(embedding_weight)),
            ]
        ).tocsr()
    ids = sorted(set(labels))
    position = {label: i for i, label in enumerate(ids)}
    rows = [position[label] for label in labels]
    member = sparse.csr_matrix(
        ([1.0] * len(rows), (rows, range(len(rows)))), shape=(len(ids), len(rows))
    )
    sums = member @ matrix
    gram = (sums @ sums.T).tocoo()
    # sim[i][j]: sum of cosines over all article pairs across stories i and j.
    sim: list[dict[int, float]] = [{} for _ in ids]
    size = [0] * len(ids)
    for row in rows:
        size[row] += 1
    # inner[i]: sum of cosines over the pairs of articles within story i (|sum|^2 counts
    # every pair twice plus each unit vector's own 1).
    inner = [0.0] * len(ids)
    for i, j, value in zip(gram.row, gram.col, gram.data, strict=True):
        if i != j:
            sim[int(i)][int(j)] = float(value)
        else:
            inner[int(i)] = (float(value) - size[int(i)]) / 2

    def needed(i: int, j: int) -> float:
        # Two events of one kind (two quakes in one region, two robberies of one shop)
        # share their topic words, so their cross cosine is fair in absolute terms but
        # clearly below how alike each event's own reports are: merging is judged
        # against the stories' own cohesion, not only against a fixed floor. The looser
        # story's counts: a broad story (a hurricane's week of reports) may still absorb
        # a report of itself that is only loosely alike.
        loose = min(
            (inner[k] * 2 / (size[k] * (size[k] - 1)) for k in (i, j) if size[k] > 1),
            default=0.0,
        )
        return max(threshold, cohesion * loose)

    version = [0] * len(ids)
    heap: list[tuple[float, int, int, int, int]] = []

    for i, row_sims in enumerate(sim):
        for j, value in row_sims.items():
            mean = value / (size[i] * size[j])
            if i < j and mean >= needed(i, j):
                heap.append((-mean, i, j, 0, 0))
    heapq.heapify(heap)
    parent = list(range(len(ids)))
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if version[i] != vi or version[j] != vj or parent[i] != i or parent[j] != j:
            continue
        # Merge j into i: i's similarities are the sums of both rows.
        parent[j] = i
        inner[i] += inner[j] + sim[i].get(j, 0.0)
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
            if mean >= needed(i, k):
                heapq.heappush(heap, (-mean, i, k, version[i], version[k]))

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    return [ids[root(position[label])] for label in labels]
