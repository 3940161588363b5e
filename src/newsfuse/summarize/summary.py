"""The summary: greedy budgeted coverage of weighted concepts over usable sentences."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsfuse.config import SummaryConfig
from newsfuse.model import Article, Fact, Sentence, SummaryItem
from newsfuse.segment import segment
from newsfuse.segment.lines import opinion_piece
from newsfuse.summarize.compress import compress
from newsfuse.summarize.concepts import concept_sources, concept_terms, concept_tokens
from newsfuse.summarize.facts import find_facts
from newsfuse.summarize.kinds import (
    event_words,
    points_back,
    reaction,
    timeless,
    told_days,
)
from newsfuse.summarize.lede import lede_concepts
from newsfuse.summarize.lines import prose, usable
from newsfuse.summarize.order import arrange
from newsfuse.summarize.similarity import Similarity, TfidfContainment
from newsfuse.summarize.terms import transform_binary


def _same_events(
    texts: Sequence[str], lead: NDArray[np.bool_], days: Sequence[date], shared: int
) -> NDArray[np.bool_]:
    """Pairs of leads on one day sharing `shared` or more stems of what happened (names and
    days left out): one event told twice. Two leads are on one day when they name a common
    day, or, unless both name days, when both reports are of one day (`days`)."""
    n = len(texts)
    same = np.zeros((n, n), dtype=bool)
    told = [(k, told_days(texts[k]), event_words(texts[k])) for k in np.flatnonzero(lead).tolist()]
    for x, (a, days_a, words_a) in enumerate(told):
        for b, days_b, words_b in told[x + 1 :]:
            one_day = days_a & days_b if days_a and days_b else days[a] == days[b]
            if one_day and len(words_a & words_b) >= shared:
                same[a, b] = same[b, a] = True
    return same


@dataclass(slots=True)
class _Waiting:
    """Candidates whose subject points back ("The request angered ...", "Such a deal ..."):
    each may be picked once the summary tells what it points to: the sentence before it in
    its article (or a line stating most of that sentence), or the noun it names."""

    at: NDArray[np.intp]  # positions in the candidates
    before: NDArray[np.float32]  # (waiting x candidates): a candidate states its antecedent
    noun: list[int | None]  # concept column of the noun pointed back to
    cutoff: float
    # Position of a candidate that was waiting -> the pick that told what it points to.
    told_by: dict[int, int] = field(default_factory=dict)

    def update(self, best: int, stated: NDArray[np.bool_], told: NDArray[np.bool_]) -> None:
        for k, at in enumerate(self.at.tolist()):
            if told[at]:
                continue
            column = self.noun[k]
            if self.before[k, best] >= self.cutoff or (column is not None and stated[column]):
                told[at] = True
                self.told_by[at] = best


def _pointing_back(
    candidates: Sequence[int],
    sentences: Sequence[Sentence],
    texts: Sequence[str],
    vocabulary: Mapping[str, int],
    similarity: Similarity,
    config: SummaryConfig,
) -> tuple[NDArray[np.bool_], _Waiting]:
    """Which candidates may be picked now (`told`), and those waiting for what they point
    back to. `sentences` come grouped by article, in order."""
    told = np.ones(len(candidates), dtype=bool)
    at, antecedents, nouns = [], [], []
    for k, i in enumerate(candidates):
        noun = points_back(texts[k])
        if noun is None:
            continue
        told[k] = False
        # A line opening its article has nothing before it to lean on: never picked.
        if i == 0 or sentences[i - 1].article_id != sentences[i].article_id:
            continue
        at.append(k)
        antecedents.append(i - 1)
        stems = concept_tokens(noun)
        nouns.append(vocabulary.get(stems[0]) if noun and stems else None)
    before = np.zeros((len(at), len(candidates)), dtype=np.float32)
    if at:
        before = np.maximum(
            similarity.block(antecedents, list(candidates)),
            similarity.block(list(candidates), antecedents).T,
        )
        for row, antecedent in enumerate(antecedents):
            before[row, [k for k, i in enumerate(candidates) if i == antecedent]] = 1.0
    return told, _Waiting(np.array(at, dtype=np.intp), before, nouns, config.redundancy_cutoff)


def _select(
    facts: Sequence[Fact],
    similarity: Similarity,
    fit: Sequence[bool],
    config: SummaryConfig,
    published: Mapping[str, datetime],
    sources: Mapping[str, str] | None = None,
    outlets: Mapping[str, str] | None = None,
) -> tuple[list[int], int | None, dict[int, int]]:
    """Greedy budgeted maximum coverage of weighted concepts (a submodular objective): each
    pick adds the concepts not yet stated, so repeating a fact gains nothing. A candidate's
    gain is scaled by its fact's prior (corroboration, centrality, position) and divided
    by a power of its length, the cost it takes from the budget. Among candidates within
    `config.outlet_tie` of the best gain, the one from the outlet drawn on least so far
    wins: equally supported facts alternate outlets (`outlets` maps article ids to
    outlets; by default an article is its own).

    Corroborated concepts and the best-scored candidates come first; when they run out
    with room left, every concept and every usable sentence fill the budget. Returns the
    picks, the pick past the budget when `config.overflow` asks for one, and for each pick
    that points back, the pick that tells what it points to."""
    sentences = [f.representative for f in facts]
    vocabulary, counts, n_sources = concept_sources(sentences, sources)
    ranked = sorted((i for i in range(len(facts)) if fit[i]), key=lambda i: -facts[i].score)
    first = max(config.candidates, config.words)
    candidates = ranked[: max(first, config.fill_candidates)]
    if not candidates or vocabulary is None:
        return [], None, {}
    # With fewer sources than the threshold, every concept of the few there are counts.
    floor = min(config.min_concept_sources, n_sources)
    every = counts**config.concept_exponent
    corroborated = np.where(counts >= floor, every, 0.0)
    # A candidate states, and costs, only what its compressed wording keeps.
    texts = [compress(sentences[i].text) for i in candidates]
    present = transform_binary(map(concept_terms, texts), vocabulary)
    # Timeless background ("X is the highest award ...") is what every report repeats, not
    # what happened: it weighs less, and never opens the summary while news can.
    background = np.array([timeless(t) for t in texts])
    prior = np.array([facts[i].score for i in candidates])
    prior = np.where(background, config.timeless_factor * prior, prior)
    cost = np.array([len(t.split()) for t in texts], dtype=np.float64)
    # Alike either way: a short sentence wholly inside a chosen long one repeats its fact,
    # and so does a long one holding a chosen short one.
    redundancy = similarity.block(candidates, candidates)
    redundancy = np.maximum(redundancy, redundancy.T)
    # Reports' leads all tell the news: two of them sharing less already tell it twice.
    lead = np.array([sentences[i].index == 0 for i in candidates])
    cutoff = np.where(
        lead[:, None] & lead[None, :], config.lead_redundancy_cutoff, config.redundancy_cutoff
    )
    # Two leads telling one act on one day in other words ("opened their bridge Tuesday",
    # "the opening of their bridge Tuesday") are one event.
    days = [published[sentences[i].article_id].date() for i in candidates]
    same_event = _same_events(texts, lead, days, config.event_shared_words)
    redundancy = np.where(same_event, 1.0, redundancy)
    told, waiting = _pointing_back(candidates, sentences, texts, vocabulary, similarity, config)
    outlet_of = outlets or {}
    outlet = np.unique(
        [outlet_of.get(a, a) for a in (sentences[i].article_id for i in candidates)],
        return_inverse=True,
    )[1]
    picks_from = np.zeros(int(outlet.max()) + 1)
    stated = np.zeros(len(counts), dtype=bool)
    distinct = np.ones(len(candidates), dtype=bool)
    chosen: list[int] = []  # positions in candidates
    words = 0

    # Every candidate's value at once per pick (a loop over candidates was most of the
    # summary's time); the first of equal values wins, as in reading order.
    def pick(
        present: sparse.csr_matrix,
        weights: NDArray[np.float64],
        factor: NDArray[np.float64],
        allowed: NDArray[np.bool_],
    ) -> int | None:
        values = np.where(allowed & distinct, (present @ weights) * factor, 0.0)
        best = int(np.argmax(values))
        if values[best] <= 0.0:
            return None
        if config.outlet_tie > 0.0:
            # Near-ties go to the least-used outlet, then to the best gain among them.
            tied = values >= (1.0 - config.outlet_tie) * values[best]
            least = picks_from[outlet][tied].min()
            best = int(np.argmax(np.where(tied & (picks_from[outlet] == least), values, 0.0)))
        return best

    scale = opening_scale = prior / cost**config.length_penalty
    # A sentence compressed to a stub ("NAME: (Speaking German)." to "NAME:.") says nothing.
    alive = cost >= config.min_sentence_words
    leading = np.arange(len(candidates)) < first
    news = ~background
    # The opening pick states the main event: what the sources' ledes agree on weighs more.
    opening = 1.0 + config.lede_concept_weight * lede_concepts(sentences, vocabulary, sources or {})
    for weights, allowed in ((corroborated, leading), (every, alive)):
        while True:
            alive &= words + cost <= config.words
            open_to = alive & allowed & told
            if not chosen and (open_to & news).any():
                open_to &= news
            now = weights * opening if not chosen else weights
            best = pick(present, np.where(stated, 0.0, now), scale, open_to)
            if best is None:
                break
            alive[best] = False
            chosen.append(best)
            distinct &= redundancy[:, best] < cutoff[:, best]
            stated[present.indices[present.indptr[best] : present.indptr[best + 1]]] = True
            waiting.update(best, stated, told)
            picks_from[outlet[best]] += 1
            words += int(cost[best])
            if len(chosen) == 1:
                # The lead weight is the opening pick's: later leads mostly retell it.
                later = prior - (1.0 - config.later_lead_share) * config.lead_weight * lead
                scale = later / cost**config.length_penalty
    over = None
    if config.overflow and words < config.words:
        # Past the budget a scorer reads only the opening words, as many as are left; the
        # sentence is not charged for its length, which the cut makes equal for all.
        room = config.words - words
        openings = (concept_terms(" ".join(t.split()[:room])) for t in texts)
        unchosen = np.ones(len(candidates), dtype=bool)
        unchosen[chosen] = False
        cut = transform_binary(openings, vocabulary)
        for weights, allowed in ((corroborated, leading), (every, unchosen)):
            over = pick(cut, np.where(stated, 0.0, weights), prior, unchosen & allowed & told)
            if over is not None:
                break
    if chosen and reaction(texts[chosen[0]]):
        # The opening line states the act, not someone's word on it ("Egypt's president
        # says ..."): of the picks that tell news on their own, the most valuable at the
        # opening's weights opens instead. Only the order changes, not what is said.
        own = [
            k
            for k in chosen
            if not (reaction(texts[k]) or background[k]) and k not in waiting.told_by
        ]
        if own:
            value = (present @ (corroborated * opening)) * opening_scale
            chosen.remove(opener := max(own, key=lambda k: value[k]))
            chosen.insert(0, opener)
    after = {candidates[a]: candidates[b] for a, b in waiting.told_by.items()}
    return [candidates[a] for a in chosen], None if over is None else candidates[over], after


def _after_what_they_point_to(order: Sequence[int], after: Mapping[int, int]) -> list[int]:
    """`order` with each line that points back placed after the line telling what it points
    to, when the order put it before."""
    placed = list(order)
    for line, told_by in after.items():
        if line in placed and told_by in placed and placed.index(line) < placed.index(told_by):
            placed.remove(line)
            placed.insert(placed.index(told_by) + 1, line)
    return placed


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
    # An opinion piece's sentences are its outlet's views, not what happened: they count
    # towards what the story is about but are never its lines.
    reported = {
        a.id
        for a, told in zip(articles, segmented, strict=True)
        if not (told and opinion_piece(a.title, told[0].text))
    }
    fit = [s.article_id in reported and usable(s, config) for s in sentences]
    if not any(fit):
        fit = [prose(s, config) for s in sentences]
    # An outlet is the site an article names, else its independent source.
    source_of = sources or {}
    outlets = {a.id: a.outlet or source_of.get(a.id, a.id) for a in articles}
    published = {a.id: a.sort_time for a in articles}
    chosen, over, after = _select(facts, similarity, fit, config, published, sources, outlets)

    lengths = dict.fromkeys((a.id for a in articles), 0)
    for s in sentences:
        lengths[s.article_id] += 1
    rank = {a.id: r for r, a in enumerate(sorted(articles, key=lambda a: a.sort_time))}
    number = {id(facts[i]): i for i in chosen}
    arranged = arrange([facts[i] for i in chosen], config.order, published, lengths, rank)
    order = _after_what_they_point_to([number[id(f)] for f in arranged], after)
    picked = [facts[i] for i in order]
    # A sentence past the budget stays last, where a scorer's cut falls.
    picked += [facts[over]] if over is not None else []
    return [
        SummaryItem(
            compress(f.representative.text),
            f.carriers,
            len({source_of.get(a, a) for a in f.carriers}),
            f,
        )
        for f in picked
    ]
