"""Batch refinement: average-link merging of the streaming stories with collection IDF.

The stream must decide with the document frequencies seen so far and never revisits a
decision, so it splits some stories. With the whole collection at hand, stories are
merged bottom-up (UPGMA: mean cosine over all cross pairs of articles) while the best
pair is at least `threshold` apart. Starting from the stream's stories instead of single
articles keeps this cheap: the similarity of a merged story is the sum of its parts' rows.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

from newsfuse.cluster.features import Features


def refine(features: Sequence[Features], labels: Sequence[int], threshold: float) -> list[int]:
    """Labels after merging stories whose mean cross cosine is at least `threshold`."""
    if not labels:
        return []
    matrix = TfidfTransformer().fit_transform(
        DictVectorizer().fit_transform([f.terms for f in features])
    )
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
    for i, j, value in zip(gram.row, gram.col, gram.data, strict=True):
        if i != j:
            sim[int(i)][int(j)] = float(value)
    size = [0] * len(ids)
    for row in rows:
        size[row] += 1
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
        while parent[x] != x:
            x = parent[x]
        return x

    return [ids[root(position[label])] for label in labels]

