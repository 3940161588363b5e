"""Sentence similarity, as a swappable component.

A Similarity is fitted on the sentences of one story and then answers, block by block, how
much of sentence i's content sentence j states (1.0: all of it). It may be asymmetric: a
short sentence can be wholly stated inside a long one, not the other way round. Working in
blocks keeps memory bounded on large stories. TF-IDF containment is the default; any model
with this shape (sentence embeddings with cosine, say) plugs in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, Self

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.memo import per_brief
from newsfuse.segment import tokens
from newsfuse.summarize.terms import fit_binary

Rows = slice | Sequence[int]


class Similarity(Protocol):
    def fit(self, texts: Sequence[str]) -> Self: ...

    def block(self, rows: Rows, cols: Rows | None = None) -> NDArray[np.float32]:
        """Similarity of each fitted sentence in `rows` to each in `cols` (default: all)."""
        ...


@per_brief
def content_tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(text) if t not in ENGLISH_STOP_WORDS)


class TfidfContainment:
    """Share of a sentence's content words, weighted by IDF, that another sentence holds.

    IDF is fitted on the story itself, so words every report uses ('Merrow', 'Norway')
    weigh little and the words that make a statement specific weigh most.
    """

    def __init__(self, min_shared: int = 3) -> None:
        # Below this many shared content words two sentences cannot state the same fact:
        # "Both sides are yet to comment" shares "sides" and "talks" with much else.
        self.min_shared = min_shared
        self._query: sparse.csr_matrix | None = None
        self._present: sparse.csr_matrix | None = None

    def fit(self, texts: Sequence[str]) -> Self:
        # Copies of one story repeat sentences word for word: each distinct text is
        # tokenised once and its row repeated. IDF still counts every sentence, as
        # TfidfVectorizer(binary=True, norm=None) would: ln((1 + n) / (1 + df)) + 1.
        distinct: dict[str, int] = {}
        rows = np.array([distinct.setdefault(t, len(distinct)) for t in texts], dtype=np.intp)
        try:
            weighted = fit_binary(map(content_tokens, distinct), np.float32)[0][rows]
        except ValueError:  # no text holds a content word
            weighted = sparse.csr_matrix((len(texts), 1), dtype=np.float32)
        else:
            df = np.bincount(weighted.indices, minlength=weighted.shape[1]).astype(np.float32)
            df += 1.0
            idf = np.full_like(df, fill_value=len(texts) + 1, dtype=np.float32)
            idf /= df
            np.log(idf, out=idf)
            idf += 1.0
            weighted.data *= idf[weighted.indices]
        totals = np.asarray(weighted.sum(axis=1)).ravel()
        totals[totals == 0] = 1.0
        self._query = sparse.diags(1.0 / totals).astype(np.float32) @ weighted
        self._present = (weighted > 0).astype(np.float32).tocsr()
        return self

    def block(self, rows: Rows, cols: Rows | None = None) -> NDArray[np.float32]:
        if self._query is None or self._present is None:
            raise RuntimeError("fit() first")
        present = self._present if cols is None else self._present[cols]
        contained = (self._query[rows] @ present.T).toarray()
        shared = (self._present[rows] @ present.T).toarray()
        contained[shared < self.min_shared] = 0.0
        return np.asarray(contained, dtype=np.float32)
