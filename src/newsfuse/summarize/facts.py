"""Candidate facts: every sentence scored by the independent sources that carry it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from newsfuse.config import SummaryConfig
from newsfuse.model import Fact, Sentence
from newsfuse.summarize.similarity import Similarity

_BLOCK = 1024  # rows per block of similarities: bounds memory on large stories


def distinct(texts: Sequence[str]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Where each distinct text first stands, and for every text the number of its distinct
    text (texts[first[inverse[i]]] == texts[i])."""
    number: dict[str, int] = {}
    inverse = np.array([number.setdefault(t, len(number)) for t in texts], dtype=np.intp)
    first = np.zeros(len(number), dtype=np.intp)
    first[inverse[::-1]] = np.arange(len(texts) - 1, -1, -1)
    return first, inverse


def find_facts(
    sentences: Sequence[Sentence],
    similarity: Similarity,
    config: SummaryConfig,
    sources: Mapping[str, str] | None = None,
) -> list[Fact]:
    """Score every sentence as a candidate fact, with the articles that carry it.

    Sentences must come grouped by article, as `segment` returns them. `sources` maps an
    article id to its independent source (copies of one wire story share one); a fact
    scores by the independent sources that carry it, not by the articles.
    """
    owners = np.array([s.article_id for s in sentences])
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    ids = owners[starts]
    n = len(sentences)
    # How much of sentence i's content article a states at best (1.0: all of it).
    # Copies of one story repeat sentences word for word, and equal texts have equal rows
    # and columns: similarities are computed between distinct texts only, then spread to
    # every sentence (on 500 articles made of 5 this is 250 distinct of 12,700).
    first, inverse = distinct([s.text for s in sentences])
    article_of = np.repeat(np.arange(len(ids)), np.diff(np.r_[starts, n]))
    source_ids = [(sources or {}).get(str(a), str(a)) for a in ids]
    source_of = np.unique(source_ids, return_inverse=True)[1]
    # Centrality is the mean similarity to the story's sentences, the copies of one wire
    # story together weighing as one of them: background every copy repeats is not central.
    weight = (1.0 / np.bincount(source_of)[source_of])[article_of].astype(np.float32)
    weight /= weight.sum()
    strength = np.zeros((len(first), len(ids)), dtype=np.float32)
    centrality = np.zeros(len(first), dtype=np.float32)
    for lo in range(0, len(first), _BLOCK):
        rows = first[lo : lo + _BLOCK].tolist()
        sims = similarity.block(rows, first.tolist())[:, inverse]
        strength[lo : lo + _BLOCK] = np.maximum.reduceat(sims, starts, axis=1)
        centrality[lo : lo + _BLOCK] = sims @ weight if sources else sims.mean(axis=1)
    strength, centrality = strength[inverse], centrality[inverse]
    strength[np.arange(n), article_of] = 1.0
    # Article a carries sentence i's fact, and is cited for it, when one of its sentences
    # states most of it.
    support = strength >= config.same_fact_similarity

    # Corroboration counts sources, not articles: copies of one wire story count once. Its
    # threshold is looser than citing's: a source restating a good part of a fact, too little
    # to be cited for all of it, still tells that the story converges on it.
    strength = (strength >= config.corroboration_similarity).astype(np.float32)
    if sources:
        n_sources = int(source_of.max()) + 1
        by_source = np.zeros((n, n_sources), dtype=np.float32)
        for a, group in enumerate(source_of):
            np.maximum(by_source[:, group], strength[:, a], out=by_source[:, group])
    else:
        by_source, n_sources = strength, len(ids)
    counts = by_source.sum(axis=1)
    lengths = np.diff(np.r_[starts, n])[article_of]
    index = np.array([s.index for s in sentences])
    position = index / np.maximum(lengths, 1)
    central = centrality / (centrality.max() or 1.0)
    score = (
        counts / n_sources
        + config.centrality_weight * central
        + config.position_weight * (1.0 - position)
        # A report's first sentence is its writer's choice of the news: an outlet's lead.
        + config.lead_weight * (index == 0)
    )
    # One pass over the nonzeros instead of a boolean mask per sentence: on 500-article
    # stories this was a second of the summary's time.
    rows, cols = np.nonzero(support)
    names = [str(a) for a in ids]
    carriers = np.split(cols, np.searchsorted(rows, np.arange(1, n)))
    return [
        Fact(
            representative=sentence,
            carriers=tuple(names[a] for a in carriers[i]),
            score=float(value),
        )
        for i, (sentence, value) in enumerate(zip(sentences, score.tolist(), strict=True))
    ]
