"""The summary: greedy budgeted coverage of weighted concepts over usable sentences."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsfuse.config import SummaryConfig
from newsfuse.model import Article, Fact, Sentence, SummaryItem
from newsfuse.segment import segment
from newsfuse.summarize.compress import compress
from newsfuse.summarize.concepts import concept_terms, concept_weights
from newsfuse.summarize.facts import find_facts
from newsfuse.summarize.similarity import Similarity, TfidfContainment
from newsfuse.summarize.terms import transform_binary

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
    shared with the other stages. `similarity` (default `TfidfContainment`) is copied
    before it is fitted to the story's sentences.
    """
    config = config or SummaryConfig()
    if segmented is None:
        segmented = [segment(article) for article in articles]
    sentences = [s for article_sentences in segmented for s in article_sentences]
    if not sentences:
        return []
    # Fitted on a copy: a caller's Similarity stays as it was, so threads may share one.
    model = copy.deepcopy(similarity) if similarity is not None else TfidfContainment()
    similarity = model.fit([s.text for s in sentences])
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
