"""Summarize: an extractive, cited summary that favours facts several sources carry.

1. Every sentence of every article is a candidate fact. Its support is the set of articles
   that hold a sentence similar enough to state the same thing.
2. A fact scores by how many articles carry it, how central it is to the story and how early
   its sentence stands (news puts what matters first).
3. Maximal marginal relevance picks facts under the word budget without repeating one.
4. The chosen facts are ordered by time, then by position in their articles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from newsfuse.config import SummaryConfig
from newsfuse.model import Article, Fact, Sentence, SummaryItem
from newsfuse.segment import segment
from newsfuse.summarize.similarity import Similarity, TfidfContainment, content_tokens

__all__ = ["Similarity", "TfidfContainment", "find_facts", "summarize"]

_BLOCK = 1024  # rows per block of similarities: bounds memory on large stories

# Sentences that cannot open or stand alone in a summary: they lean on an earlier one.
_DANGLING = re.compile(
    r"^(?:he|she|it|they|his|her|its|their|this|that|these|those|but|and|or|so|also|"
    r"meanwhile|however|instead|still|yet|then|there|here)\b",
    re.IGNORECASE,
)
_OPEN_QUOTES = "\"“‘'"
# A quote attributed to a bare pronoun: the reader cannot tell who spoke.
_PRONOUN_SPEAKER = re.compile(
    r"[,\"”’]\s+(?:he|she|they|it)\s+(?:said|says|added|told|stressed|noted|warned)\b",
    re.IGNORECASE,
)


def _balanced_quotes(text: str) -> bool:
    straight = text.count('"') % 2 == 0
    curly = text.count("“") == text.count("”")
    return straight and curly


def _usable(sentence: Sentence, config: SummaryConfig) -> bool:
    """Whether a sentence reads well on its own as a summary line."""
    text = sentence.text
    return (
        config.min_sentence_words <= sentence.words <= config.max_sentence_words
        and (text[:1].isupper() or text[:1] in _OPEN_QUOTES)
        and text.rstrip("\"”’')").endswith((".", "!"))
        and not _DANGLING.match(text)
        and not _PRONOUN_SPEAKER.search(text)
        and _balanced_quotes(text)
    )


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
    support = np.zeros((n, len(ids)), dtype=bool)
    centrality = np.zeros(n, dtype=np.float32)
    for lo in range(0, n, _BLOCK):
        sims = similarity.block(slice(lo, lo + _BLOCK))
        # Article a carries sentence i's fact when one of its sentences states most of it.
        support[lo : lo + _BLOCK] = np.maximum.reduceat(sims, starts, axis=1) >= (
            config.same_fact_similarity
        )
        centrality[lo : lo + _BLOCK] = sims.mean(axis=1)
    article_of = np.repeat(np.arange(len(ids)), np.diff(np.r_[starts, n]))
    support[np.arange(n), article_of] = True

    if sources:
        source_of = np.unique([sources.get(str(a), str(a)) for a in ids], return_inverse=True)[1]
        by_source = np.zeros((len(ids), source_of.max() + 1), dtype=bool)
        by_source[np.arange(len(ids)), source_of] = True
        counts = (support.astype(np.int32) @ by_source).astype(bool).sum(axis=1)
        n_sources = by_source.shape[1]
    else:
        counts, n_sources = support.sum(axis=1), len(ids)
    lengths = np.diff(np.r_[starts, n])[article_of]
    position = np.array([s.index for s in sentences]) / np.maximum(lengths, 1)
    score = (
        counts / n_sources + 0.5 * centrality / (centrality.max() or 1.0) + 0.25 * (1.0 - position)
    )
    return [
        Fact(
            representative=sentence,
            carriers=tuple(str(a) for a in ids[support[i]]),
            score=float(score[i]),
        )
        for i, sentence in enumerate(sentences)
    ]


def concept_weights(sentences: Sequence[Sentence]) -> tuple[sparse.csr_matrix, NDArray[np.float64]]:
    """Concepts (content words and bigrams) per sentence, weighted by how many articles use
    them: a concept many sources state is what the story is about."""
    vectorizer = CountVectorizer(
        tokenizer=content_tokens,
        lowercase=False,
        token_pattern=None,
        binary=True,
        ngram_range=(1, 2),
    )
    try:
        present = vectorizer.fit_transform([s.text for s in sentences]).tocsr()
    except ValueError:
        return sparse.csr_matrix((len(sentences), 1)), np.zeros(1)
    owners = np.unique([s.article_id for s in sentences], return_inverse=True)[1]
    by_article = (
        sparse.csr_matrix((np.ones(len(sentences)), (owners, np.arange(len(sentences))))) @ present
    )
    weights = np.asarray((by_article > 0).sum(axis=0), dtype=np.float64).ravel()
    return present, weights


def _select(
    facts: Sequence[Fact],
    similarity: Similarity,
    usable: Sequence[bool],
    config: SummaryConfig,
) -> list[int]:
    """Greedy budgeted maximum coverage of weighted concepts (a submodular objective): each
    pick adds the concepts not yet stated, so repeating a fact gains nothing."""
    sentences = [f.representative for f in facts]
    present, weights = concept_weights(sentences)
    ranked = sorted((i for i in range(len(facts)) if usable[i]), key=lambda i: -facts[i].score)
    candidates = ranked[: max(60, config.words)]
    if not candidates:
        return []
    concepts = [present[i].indices for i in candidates]
    redundancy = similarity.block(candidates, candidates)
    covered = np.zeros(len(weights), dtype=bool)
    chosen: list[int] = []  # positions in candidates
    words = 0
    remaining = set(range(len(candidates)))
    while remaining:
        best, best_value = -1, 0.0
        for a in remaining:
            if chosen and redundancy[a, chosen].max() >= config.redundancy_cutoff:
                continue
            fact = facts[candidates[a]]
            ids = concepts[a]
            gain = float(weights[ids[~covered[ids]]].sum())
            value = gain * fact.score / fact.representative.words**config.length_penalty
            if value > best_value:
                best, best_value = a, value
        if best < 0:
            break
        remaining.discard(best)
        length = sentences[candidates[best]].words
        if words + length <= config.words:
            chosen.append(best)
            covered[concepts[best]] = True
            words += length
    return [candidates[a] for a in chosen]


def summarize(
    articles: Sequence[Article],
    config: SummaryConfig | None = None,
    similarity: Similarity | None = None,
    sources: Mapping[str, str] | None = None,
) -> list[SummaryItem]:
    """A cited extractive summary of cleaned articles, at most `config.words` words.

    `sources` maps article ids to independent sources (see `find_facts`); by default every
    article is its own source.
    """
    config = config or SummaryConfig()
    sentences = [s for article in articles for s in segment(article)]
    if not sentences:
        return []
    similarity = (similarity or TfidfContainment()).fit([s.text for s in sentences])
    facts = find_facts(sentences, similarity, config, sources)
    chosen = _select(facts, similarity, [_usable(s, config) for s in sentences], config)

    published = {a.id: a.sort_time for a in articles}
    length = {a.id: 0 for a in articles}
    for s in sentences:
        length[s.article_id] += 1

    def when(fact: Fact) -> tuple[date, float]:
        # By day: reports of one day differ in hours for reasons that are not the story's.
        first = min(published[a] for a in fact.carriers).date()
        sentence = fact.representative
        return first, sentence.index / max(length[sentence.article_id], 1)

    picked = sorted((facts[i] for i in chosen), key=when)
    source_of = sources or {}
    return [
        SummaryItem(
            f.representative.text,
            f.carriers,
            len({source_of.get(a, a) for a in f.carriers}),
            f,
        )
        for f in picked
    ]
