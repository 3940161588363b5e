"""Concepts: content words and bigrams of adjacent content words, weighted by how many
independent sources state them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsfuse.config import SummaryConfig
from newsfuse.memo import per_brief
from newsfuse.model import Sentence
from newsfuse.summarize.facts import distinct
from newsfuse.summarize.similarity import content_tokens
from newsfuse.summarize.terms import fit_binary, with_bigrams

_IRREGULAR_PLURALS = frozenset(
    {"news", "series", "species", "us", "its", "his", "has", "was", "does", "goes", "whereas"}
)
# Words of attribution and reporting: every report uses them, none states what happened.


@lru_cache(maxsize=65536)
def _stem(token: str) -> str:
    """A light stemmer for concepts: possessives and plurals fold onto the singular, so that
    "officials" and "official's" state the same concept (Porter would do; this is faster)."""
    if token.endswith(("'s", "'")):
        token = token.rstrip("'s") if token.endswith("'") else token[:-2]
    if len(token) > 3 and token not in _IRREGULAR_PLURALS:
        if token.endswith("ies") and len(token) > 4:
            return token[:-3] + "y"
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            return token[:-1]
    return token


def concept_tokens(text: str) -> tuple[str, ...]:
    # Single letters are the debris of abbreviations ("U.S." -> "u", "s").
    return tuple(_stem(t) for t in content_tokens(text) if len(t) > 1)


@per_brief
def concept_terms(text: str) -> tuple[str, ...]:
    """Concept tokens, then bigrams of adjacent ones."""
    return with_bigrams(concept_tokens(text))


def concept_weights(
    sentences: Sequence[Sentence],
    config: SummaryConfig,
    sources: Mapping[str, str] | None = None,
) -> tuple[dict[str, int] | None, NDArray[np.float64]]:
    """Concepts (content words and bigrams of adjacent content words) per sentence, weighted
    by how many independent sources state them: a concept many sources state is what the
    story is about, one only a single source states is not yet corroborated. Returns the
    concepts' columns (None when there are none) and their weights."""
    # Each distinct text is tokenised once; copies repeat its row.
    first, inverse = distinct([s.text for s in sentences])
    try:
        present, vocabulary = fit_binary(concept_terms(sentences[i].text) for i in first)
    except ValueError:
        return None, np.zeros(1)
    present = present[inverse]
    source_of = sources or {}
    groups = np.unique(
        [source_of.get(s.article_id, s.article_id) for s in sentences], return_inverse=True
    )[1]
    by_source = (
        sparse.csr_matrix((np.ones(len(sentences)), (groups, np.arange(len(sentences))))) @ present
    )
    counts = np.asarray((by_source > 0).sum(axis=0), dtype=np.float64).ravel()
    # With fewer sources than the threshold, every concept of the few there are counts.
    floor = min(config.min_concept_sources, int(groups.max()) + 1)
    weights = np.where(counts >= floor, counts, 0.0) ** config.concept_exponent
    return vocabulary, weights
