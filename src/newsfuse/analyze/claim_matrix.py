"""The sparse matrices the alignment is made of (`newsfuse.analyze.align`): which features
each claim holds, the all-pairs prefix filter and the pairs' shared weight."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsfuse.model import Sentence

__all__ = ["held_by", "incidence_of", "prefixes", "shared"]


def incidence_of(
    features: Sequence[frozenset[str]], vocabulary: dict[str, int]
) -> sparse.csr_matrix:
    # Sorted: sums of weights in set order would differ in the last bit with the hash seed.
    indices = [vocabulary.setdefault(f, len(vocabulary)) for fs in features for f in sorted(fs)]
    indptr = np.r_[0, np.cumsum([len(fs) for fs in features])]
    incidence = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), indices, indptr),
        shape=(len(features), max(len(vocabulary), 1)),
    )
    # In feature order: products and the pairs' sums (`shared`) add in one order.
    incidence.sort_indices()
    return incidence


def prefixes(
    weighted: sparse.csr_matrix, sizes: NDArray[np.float64], min_coverage: float
) -> tuple[sparse.csr_matrix, NDArray[np.float64]]:
    """Each row's prefix (Bayardo et al., "Scaling up all pairs similarity search", 2007),
    and the weight of the rest of the row.

    The prefix is the row's heaviest features, the rarest, until those left weigh less
    than `min_coverage` of the row: a claim sharing none of them covers less than that, so
    the pairs worth comparing share a prefix feature, and rare features are shared by few.
    A pair whose shared prefix weight and the rest together fall short is dropped too."""
    lengths = np.diff(weighted.indptr)
    rows = np.repeat(np.arange(weighted.shape[0]), lengths)
    order = np.lexsort((weighted.indices, -weighted.data, rows))
    data = weighted.data[order]
    # Weight of the row's heavier features before each one.
    before = np.cumsum(data) - data
    before -= np.repeat(before[weighted.indptr[:-1][lengths > 0]], lengths[lengths > 0])
    # Kept while the rest could still reach the threshold, with a margin for rounding.
    keep = sizes[rows] - before >= min_coverage * sizes[rows] * (1 - 1e-6)
    indptr = np.r_[0, np.cumsum(np.bincount(rows[keep], minlength=weighted.shape[0]))]
    prefix = sparse.csr_matrix((data[keep], weighted.indices[order][keep], indptr), weighted.shape)
    rest = sizes - np.asarray(prefix.sum(axis=1)).ravel()
    return prefix, rest


def shared(
    weighted: sparse.csr_matrix,
    incidence: sparse.csr_matrix,
    rows: NDArray[np.int32],
    cols: NDArray[np.int32],
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """For each pair (rows[k], cols[k]): the weight of the row's features the column's claim
    holds, and their number. Rows in feature order, summed in that order, as the sparse
    product `weighted @ incidence.T` sums them: a coverage at a threshold's edge falls on
    the same side."""
    both = weighted[rows].multiply(incidence[cols]).tocsr()
    return np.asarray(both.sum(axis=1)).ravel(), np.diff(both.indptr)


def held_by(
    sentences: Mapping[str, Sequence[Sentence]],
    index: Mapping[str, int],
    incidence: sparse.csr_matrix,
) -> tuple[tuple[sparse.csr_matrix, ...], dict[str, tuple[NDArray[np.intp], ...]]]:
    """The feature incidence of claims and of pairs of consecutive sentences, and each
    article's rows in them (`Alignment.support`)."""
    rows: dict[str, tuple[NDArray[np.intp], ...]] = {}
    first: list[int] = []
    second: list[int] = []
    for article, article_sentences in sentences.items():
        own = np.array([index[s.text] for s in article_sentences], dtype=np.intp)
        paired = np.arange(len(first), len(first) + max(len(own) - 1, 0), dtype=np.intp)
        first.extend(own[:-1].tolist())
        second.extend(own[1:].tolist())
        rows[article] = (own, paired)
    pairs = (incidence[first] + incidence[second]).sign().tocsr()
    return (incidence, pairs), rows
