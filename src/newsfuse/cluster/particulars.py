"""Particulars: the who, where and how many of a report, as its names (capitalised words,
multi-word names, figures: `Features.names`) weighed by their IDF among the articles'
names. Two reports tell the same particulars as far as these agree (their cosine); batch
weighs names over the collection (`particulars`), the stream over its window
(`NameCounts`), by the same formula (scikit-learn's smoothed IDF)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, MutableMapping, Sequence
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer


def _keyed_matrix(
    rows: Sequence[Collection[str]], values: Iterable[float] | None = None
) -> sparse.csr_matrix:
    """One row per collection of keys, columns the keys in sorted order, each cell its value
    in `values` (row after row, key after key) or 1."""
    vocabulary = sorted(set().union(*rows))
    column = {key: i for i, key in enumerate(vocabulary)}
    indptr = np.zeros(len(rows) + 1, dtype=np.intc)
    np.cumsum([len(row) for row in rows], out=indptr[1:])
    data = np.ones(indptr[-1]) if values is None else np.array(list(values), dtype=np.float64)
    matrix = sparse.csr_matrix(
        (
            data,
            np.array(list(map(column.__getitem__, chain.from_iterable(rows))), dtype=np.intc),
            indptr,
        ),
        shape=(len(rows), len(vocabulary)),
    )
    matrix.sort_indices()
    return matrix


def count_matrix(rows: Sequence[Mapping[str, float]]) -> sparse.csr_matrix:
    """One row per mapping, columns its keys in sorted order: the matrix of
    `DictVectorizer().fit_transform(rows)` exactly (float64, sorted indices), built without
    its per-value checks, which cost a third of a store ingest (the window is vectorised
    again on each)."""
    return _keyed_matrix(rows, chain.from_iterable(row.values() for row in rows))


def particulars(names: Sequence[frozenset[str]]) -> sparse.csr_matrix:
    """Unit rows of each article's names under IDF among `names`."""
    # Each row's names at 1, without building a mapping per row (the stream weighs its
    # window's names so on every re-clustering).
    found = _keyed_matrix(names)
    if not found.shape[1]:
        return sparse.csr_matrix(found)
    return sparse.csr_matrix(TfidfTransformer().fit_transform(found))


def uncount(counts: MutableMapping[str, int], keys: Iterable[str]) -> None:
    """Take one off each key's count, dropping the keys that reach nothing (a window's
    document frequencies, which must not grow with every term ever seen)."""
    for key in keys:
        left = counts[key] - 1
        if left:
            counts[key] = left
        else:
            del counts[key]


class IdfByCount(dict[int, float]):
    """Smoothed IDF, log(`n` / (df + 1)) + 1, raised to `power`, by document frequency df,
    over `n` - 1 articles: each value is computed once, when first asked for. A full
    window's `n` stays put while its frequencies change, so its terms are weighed by
    look-ups rather than a logarithm each."""

    def __init__(self, n: int, power: int = 1) -> None:
        super().__init__()
        self.n = n
        self.power = power

    def __missing__(self, df: int) -> float:
        value = math.log(self.n / (df + 1)) + 1.0
        self[df] = value = value**self.power if self.power != 1 else value
        return value


class NameCounts:
    """Names counted over a window of articles, to weigh one pair's particulars at a time."""

    def __init__(self) -> None:
        self.articles = 0
        self._df: Counter[str] = Counter()
        self._squared_idf = IdfByCount(1, 2)

    def add(self, names: frozenset[str]) -> None:
        self.articles += 1
        self._df.update(names)

    def remove(self, names: frozenset[str]) -> None:
        self.articles -= 1
        uncount(self._df, names)

    def norm(self, names: frozenset[str]) -> float:
        """The squared length of an article's names row: the squared IDF of each name (as
        `particulars` weighs it over the window) summed, with its log and look-ups bound once
        (this runs for every pair the stream fades, tens an arrival)."""
        if self._squared_idf.n != self.articles + 1:
            self._squared_idf = IdfByCount(self.articles + 1, 2)
        return sum(map(self._squared_idf.__getitem__, map(self._df.__getitem__, names)))

    def cosine(self, names: frozenset[str], norm: float, others: frozenset[str],
               others_norm: float) -> float:  # fmt: skip
        """The cosine of two articles' names rows, given their squared lengths (`norm`)."""
        shared = names & others
        if not shared:
            return 0.0
        return self.norm(shared) / math.sqrt(norm * others_norm)
