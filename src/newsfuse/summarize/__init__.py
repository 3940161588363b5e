"""Summarize: an extractive, cited summary that favours facts several sources carry.

1. Every sentence of every article is a candidate fact. The articles holding a sentence
   that states most of it carry it and are cited for it.
2. A fact's prior: how many independent sources corroborate it (a looser match than
   citing), how central it is to the story and how early it stands (news puts what
   matters first).
3. Selection is greedy budgeted maximum coverage of concepts (content words and bigrams,
   weighted by a power of the number of sources stating them; uncorroborated ones weigh
   nothing), scaled by the prior and divided by a power of the length: a submodular
   objective, so repeating a fact gains nothing.
4. Sentences are compressed first (wire datelines, trailing bare attributions), so the
   budget buys content; the chosen facts are ordered by time, then by position.

Settings are in `SummaryConfig`; they were tuned on the even-indexed half of DUC 2003 task 2
only (see README, "Summary quality").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsfuse.config import SummaryConfig
from newsfuse.memo import per_brief
from newsfuse.model import Article, Fact, Sentence, SummaryItem
from newsfuse.segment import segment
from newsfuse.summarize.compress import compress
from newsfuse.summarize.similarity import Similarity, TfidfContainment, content_tokens
from newsfuse.summarize.terms import fit_binary, transform_binary, with_bigrams

__all__ = ["Similarity", "TfidfContainment", "find_facts", "summarize"]

_BLOCK = 1024  # rows per block of similarities: bounds memory on large stories

# Sentences that cannot open or stand alone in a summary: they lean on an earlier one.
_DANGLING = re.compile(
    r"^(?:he|she|it|they|his|her|its|their|this|that|these|those|but|and|or|so|also|"
    r"meanwhile|however|instead|still|yet|then|there|here|"
    # "Later, ...", "Seconds later, ...", "Two days later ...": after what?
    r"(?:(?:\w+\s+)?(?:seconds|minutes|hours|days|weeks|months|years|moments)\s+|shortly\s+)?"
    r"later)\b",
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


def _distinct(texts: Sequence[str]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
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
    first, inverse = _distinct([s.text for s in sentences])
    strength = np.zeros((len(first), len(ids)), dtype=np.float32)
    centrality = np.zeros(len(first), dtype=np.float32)
    for lo in range(0, len(first), _BLOCK):
        rows = first[lo : lo + _BLOCK].tolist()
        sims = similarity.block(rows, first.tolist())[:, inverse]
        strength[lo : lo + _BLOCK] = np.maximum.reduceat(sims, starts, axis=1)
        centrality[lo : lo + _BLOCK] = sims.mean(axis=1)
    strength, centrality = strength[inverse], centrality[inverse]
    article_of = np.repeat(np.arange(len(ids)), np.diff(np.r_[starts, n]))
    strength[np.arange(n), article_of] = 1.0
    # Article a carries sentence i's fact, and is cited for it, when one of its sentences
    # states most of it.
    support = strength >= config.same_fact_similarity

    # Corroboration counts sources, not articles: copies of one wire story count once. Its
    # threshold is looser than citing's: a source restating a good part of a fact, too little
    # to be cited for all of it, still tells that the story converges on it.
    strength = (strength >= config.corroboration_similarity).astype(np.float32)
    if sources:
        source_of = np.unique([sources.get(str(a), str(a)) for a in ids], return_inverse=True)[1]
        n_sources = int(source_of.max()) + 1
        by_source = np.zeros((n, n_sources), dtype=np.float32)
        for a, group in enumerate(source_of):
            np.maximum(by_source[:, group], strength[:, a], out=by_source[:, group])
    else:
        by_source, n_sources = strength, len(ids)
    counts = by_source.sum(axis=1)
    lengths = np.diff(np.r_[starts, n])[article_of]
    position = np.array([s.index for s in sentences]) / np.maximum(lengths, 1)
    score = (
        counts / n_sources
        + config.centrality_weight * centrality / (centrality.max() or 1.0)
        + config.position_weight * (1.0 - position)
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


_IRREGULAR_PLURALS = frozenset(
    {"news", "series", "species", "us", "its", "his", "has", "was", "does", "goes", "whereas"}
)
# Words of attribution and reporting: every report uses them, none states what happened.
_REPORTING = frozenset(
    "said says say told tell tells according added adding reported reports reporting "
    "statement statements quoted quoting asked stressed noted stated".split()
)


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
    first, inverse = _distinct([s.text for s in sentences])
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


def _select(
    facts: Sequence[Fact],
    similarity: Similarity,
    usable: Sequence[bool],
    config: SummaryConfig,
    sources: Mapping[str, str] | None = None,
) -> tuple[list[int], int | None]:
    """Greedy budgeted maximum coverage of weighted concepts (a submodular objective): each
    pick adds the concepts not yet stated, so repeating a fact gains nothing. A candidate's
    gain is scaled by its fact's prior (corroboration, centrality, position) and divided by
    a power of its length, the cost it takes from the budget. Returns the picks, and the
    pick past the budget when `config.overflow` asks for one."""
    sentences = [f.representative for f in facts]
    vocabulary, weights = concept_weights(sentences, config, sources)
    ranked = sorted((i for i in range(len(facts)) if usable[i]), key=lambda i: -facts[i].score)
    candidates = ranked[: max(config.candidates, config.words)]
    if not candidates or vocabulary is None:
        return [], None
    # A candidate states, and costs, only what its compressed wording keeps.
    texts = [compress(sentences[i].text) for i in candidates]
    present = transform_binary(map(concept_terms, texts), vocabulary)
    prior = np.array([facts[i].score for i in candidates])
    cost = np.array([len(t.split()) for t in texts], dtype=np.float64)
    redundancy = similarity.block(candidates, candidates)
    # Concepts not yet stated keep their weight; candidates not too alike any pick so far.
    unstated = np.array(weights, dtype=np.float64)
    distinct = np.ones(len(candidates), dtype=bool)
    chosen: list[int] = []  # positions in candidates
    words = 0

    # Every candidate's value at once per pick (a loop over candidates was most of the
    # summary's time); the first of equal values wins, as in reading order.
    def pick(
        stated: sparse.csr_matrix, factor: NDArray[np.float64], allowed: NDArray[np.bool_]
    ) -> int | None:
        values = np.where(allowed & distinct, (stated @ unstated) * factor, 0.0)
        best = int(np.argmax(values))
        return best if values[best] > 0.0 else None

    scale = prior / cost**config.length_penalty
    alive = np.ones(len(candidates), dtype=bool)
    while True:
        alive &= words + cost <= config.words
        best = pick(present, scale, alive)
        if best is None:
            break
        alive[best] = False
        chosen.append(best)
        distinct &= redundancy[:, best] < config.redundancy_cutoff
        unstated[present.indices[present.indptr[best] : present.indptr[best + 1]]] = 0.0
        words += int(cost[best])
    over = None
    if config.overflow and words < config.words:
        # Past the budget a scorer reads only the opening words, as many as are left; the
        # sentence is not charged for its length, which the cut makes equal for all.
        room = config.words - words
        openings = (concept_terms(" ".join(t.split()[:room])) for t in texts)
        unchosen = np.ones(len(candidates), dtype=bool)
        unchosen[chosen] = False
        over = pick(transform_binary(openings, vocabulary), prior, unchosen)
    return [candidates[a] for a in chosen], None if over is None else candidates[over]


def summarize(
    articles: Sequence[Article],
    config: SummaryConfig | None = None,
    similarity: Similarity | None = None,
    sources: Mapping[str, str] | None = None,
    segmented: Sequence[Sequence[Sentence]] | None = None,
) -> list[SummaryItem]:
    """A cited extractive summary of cleaned articles, at most `config.words` words.

    `sources` maps article ids to independent sources (see `find_facts`); by default every
    article is its own source. `segmented` may hold `segment` of each article, in order,
    shared with the other stages.
    """
    config = config or SummaryConfig()
    if segmented is None:
        segmented = [segment(article) for article in articles]
    sentences = [s for article_sentences in segmented for s in article_sentences]
    if not sentences:
        return []
    similarity = (similarity or TfidfContainment()).fit([s.text for s in sentences])
    facts = find_facts(sentences, similarity, config, sources)
    chosen, over = _select(
        facts, similarity, [_usable(s, config) for s in sentences], config, sources
    )

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
    # A sentence past the budget stays last, where a scorer's cut falls.
    picked += [facts[over]] if over is not None else []
    source_of = sources or {}
    return [
        SummaryItem(
            compress(f.representative.text),
            f.carriers,
            len({source_of.get(a, a) for a in f.carriers}),
            f,
        )
        for f in picked
    ]
