"""One alignment of claims across sources: which sentences of different articles state the
same fact, even when worded differently.

Every sentence is a `Claim`: its content words and its anchors, the figures and names it
prints ("19", "Atta", "Boston"). A sentence states the fact of another when most of the
shorter one's content words are shared (overlap coefficient), or when they share two
anchors and a good part of their words: "Police said 19 men boarded the planes" and "The
19 hijackers boarded four planes, police said" meet on "19", "police", "boarded", "planes".
The summary's citations, the corroboration counts, "where sources differ" and "one source
only" all read this one alignment (`Work.alignment`).

Sentences are compared as distinct texts (copies of one wire story repeat them word for
word), and only the pairs that share a claim's rarest features (its prefix,
`claim_matrix.prefixes`): the links are those of all pairs, at a cost near linear in the
claims of real stories.

A summary line cites every article with a sentence holding the line (`Alignment.holding`),
restating its main clause (`Alignment.restating`, weighted as the alignment weighs) or
telling it in other words (`Alignment.support`; with sentence embeddings, `Alignment.paraphrase`):
`newsfuse.analyze.citations`.
What a sentence's figures, dates, names and main clause are: `newsfuse.analyze.claim_parts`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsfuse.analyze._text import content_set
from newsfuse.analyze.claim_matrix import held_by, incidence_of, prefixes, shared
from newsfuse.analyze.claim_parts import (
    anchors,
    another_time,
    counts,
    features,
    figures,
    main_clause,
    miscounts,
    saying_words,
    telling_figures,
    weekdays,
    when,
    without_speaker,
)
from newsfuse.model import Sentence

__all__ = ["AlignedFact", "Alignment", "Claim", "align"]

_BLOCK = 512  # rows per sparse product: bounds memory on large stories


@dataclass(frozen=True, slots=True)
class Claim:
    """One distinct sentence text as a statement: what it says and which articles print it."""

    text: str
    sentences: tuple[Sentence, ...]  # every printing, in article order
    words: frozenset[str]  # stemmed content words
    anchors: frozenset[str]  # figures ("19", "2.5") and names ("atta") it prints

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article_id for s in self.sentences))


@dataclass(frozen=True, slots=True)
class AlignedFact:
    """Claims of several articles that state one fact, and the independent sources behind
    them (copies of one wire story are one source)."""

    claims: tuple[int, ...]  # indices into `Alignment.claims`
    articles: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alignment:
    """The claims of one story and which of them state the same fact."""

    claims: tuple[Claim, ...] = ()
    # Claim index -> the indices of other claims stating its fact, each with the share of
    # its content words they state.
    links: Mapping[int, tuple[tuple[int, float], ...]] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)  # article id -> its source
    order: Mapping[str, int] = field(default_factory=dict)  # article id -> its position
    # Feature (content word, "#" + anchor) -> its weight: inverse frequency among the claims.
    weights: Mapping[str, float] = field(default_factory=dict)
    _index: Mapping[str, int] = field(default_factory=dict)
    # Feature -> the claims holding it: the claims that may restate a clause (`restating`).
    _postings: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # What `support` reads: the features held by each claim and by each pair of consecutive
    # sentences of an article (rows), over `_vocabulary` (columns).
    _vocabulary: Mapping[str, int] = field(default_factory=dict)
    _held: Sequence[sparse.csr_matrix] = ()
    # Article id -> its rows in each of `_held`: its claims, its sentence pairs.
    _rows: Mapping[str, tuple[NDArray[np.intp], ...]] = field(default_factory=dict)
    # Unit sentence embeddings of the claims, one row each, when the alignment was made with
    # an encoder (the `embeddings` extra): `paraphrase` reads them.
    vectors: NDArray[np.float64] | None = None
    # Article id -> the days of the week it names: a report naming only other days than a
    # line's tells another event (`support`).
    _days: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def claim_of(self, sentence: Sentence | str) -> int | None:
        """The index of the claim a sentence (or a sentence text) makes."""
        text = sentence if isinstance(sentence, str) else sentence.text
        return self._index.get(text)

    def linked(self, a: Sentence | str, b: Sentence | str) -> bool:
        """Whether two sentences are aligned (in either direction): about one fact."""
        i, j = self.claim_of(a), self.claim_of(b)
        if i is None or j is None:
            return False
        return (
            i == j
            or any(k == j for k, _ in self.links.get(i, ()))
            or any(k == i for k, _ in self.links.get(j, ()))
        )

    def stated_by(self, sentence: Sentence | str, min_coverage: float = 0.75) -> tuple[str, ...]:
        """Every article that states the sentence's fact (printing it, or a sentence aligned
        with it), in the story's order."""
        i = self.claim_of(sentence)
        if i is None:
            return ()
        found = set(self.claims[i].articles)
        numbers = figures(self.claims[i].text)
        for j, coverage in self.links.get(i, ()):
            if coverage < min_coverage:
                continue  # about the fact, but not all of it
            # A sentence giving other figures states another fact, or disagrees.
            if numbers <= self.claims[j].anchors:
                found.update(self.claims[j].articles)
        return tuple(sorted(found, key=lambda a: self.order.get(a, len(self.order))))

    def holding(
        self,
        sentence: Sentence,
        text: str,
        articles: Iterable[str],
        min_share: float,
        restated: tuple[float, int],
        main_share: float,
    ) -> tuple[str, ...]:
        """The articles, of `articles`, that print `sentence` or hold `text` (its summary
        line) in one sentence: `min_share` of its content words, or a shorter restatement
        (`restated`: a sentence with that share of its own content words in the line, and
        at least that many), with every figure the line prints but the parts of its dates
        ("on July 7th, 2005"), which a restatement often leaves out; or `main_share` of the
        weight of its main clause's words and anchors (`main_clause`; weights as in the
        alignment: a rare name or figure counts more than the story's common words), with
        that clause's figures. A sentence dated in other years states another event.

        The check behind a citation: similarity over the whole line lets a sentence on the
        story's common words (an airline, a flight number, an ocean) pass for one stating
        the line's own news ("bodies located"); a restatement often keeps the main claim
        and leaves out the clauses hanging on it ("..., who was filmed last month")."""
        wanted = set(articles)
        i = self.claim_of(sentence)
        found = set(self.claims[i].articles) & wanted if i is not None else set()
        need = content_set(text)
        numbers = telling_figures(text)
        dated = when(text)
        counted = counts(text)
        restated_share, restated_words = restated
        for claim in self.claims:
            unchecked = wanted.intersection(claim.articles) - found
            if not unchecked or not numbers <= claim.anchors:
                continue
            if another_time(dated, claim.text):
                continue
            if counted and miscounts(counted, claim.text):
                continue
            shared = len(need & claim.words)
            if shared >= min_share * len(need) or (
                restated_words
                and shared >= restated_words
                and shared >= restated_share * len(claim.words)
            ):
                found |= unchecked
        if main_share <= 1.0:
            found |= wanted.intersection(self.restating(text, main_share))
        return tuple(sorted(found, key=lambda a: self.order.get(a, len(self.order))))

    def restating(self, text: str, share: float) -> set[str]:
        """The articles with a sentence that restates the main clause of `text`
        (`main_clause`): `share` of the clause's weight and of the weight of what it says
        beyond its names ("X bothered Y" is not "Y announced Z"), with the clause's figures,
        and no other year.

        Only claims holding one of the clause's heaviest features can hold `share` of its
        weight (the prefix filter of `align`): those are the ones compared."""
        main = main_clause(text)
        weights = {f: self.weight(f) for f in features(main)}
        saying = content_set(main) - anchors(main)
        total, saying_total = sum(weights.values()), sum(weights[f] for f in saying)
        if not total:
            return set()
        numbers = telling_figures(main)
        dated = when(text)
        counted = counts(main)
        rest, prefix = total, []
        for f in sorted(weights, key=lambda f: (-weights[f], f)):
            if rest < share * total * (1 - 1e-6):
                break
            prefix.append(f)
            rest -= weights[f]
        found: set[str] = set()
        for i in sorted({i for f in prefix for i in self._postings.get(f, ())}):
            claim = self.claims[i]
            if not numbers <= claim.anchors or found.issuperset(claim.articles):
                continue
            if another_time(dated, claim.text):
                continue
            if counted and miscounts(counted, claim.text):
                continue
            said = sum(weights[f] for f in saying if f in claim.words)
            held = sum(
                w
                for f, w in weights.items()
                if (f[1:] in claim.anchors if f[0] == "#" else f in claim.words)
            )
            if said >= share * saying_total and held >= share * total:
                found.update(claim.articles)
        return found

    def support(
        self,
        text: str,
        min_saying: int = 2,
        pair_saying: float = 0.4,
    ) -> dict[str, float]:
        """How far each article states `text` in other words: the mean of two shares of the
        text's weighted features (`weights`) an article holds, in its best pair of
        consecutive sentences (a fact told over two) and, of the text's main clause
        (`main_clause`), in its best sentence or in its best pair holding `pair_saying` of
        the weight of the clause's words saying what happened (a pair holds the names of
        most claims of its story; "52 people were killed" told as "the bombers struck three
        trains and a bus. Fifty-two people were killed ..."). Only sentences, or pairs,
        printing the figures of the text's main clause (`telling_figures`) count: without
        them an article states another fact, or a part of it (a restatement may leave out
        the figures of the clauses hanging on it: "52 people were killed ... when four
        bombers ..."). Nor do windows holding fewer than `min_saying` of the words saying
        what happened (`saying_words`), or counting a thing the text counts in other
        amounts (`counts`), or dated in another year or on another day of the week
        (`another_time`); nor articles naming only other days of the week.

        A logistic regression on the two, fit to the hand-read "dev" half of
        bench/support_judged.py, weighed them about alike (3.07, 2.69): their mean is the
        score, and the summary's threshold (`SummaryConfig.cite_support`) was chosen there.
        The share held by the whole article, a third candidate, cost precision there: a
        long report holds most words of any line of its story somewhere. What the fact is
        in other words altogether is `paraphrase`'s (sentence embeddings), read beside this
        score, not folded into it."""
        if not self._held:
            return {}
        claims, pairs = self._held
        said = without_speaker(text)
        numbers = ["#" + f for f in telling_figures(main_clause(said))]
        if any(f not in self._vocabulary for f in numbers):
            return {}
        columns = [self._vocabulary[f] for f in numbers]
        claim_figured = len(columns) <= claims[:, columns].sum(axis=1).A1
        pair_figured = len(columns) <= pairs[:, columns].sum(axis=1).A1
        # The speaker's names are not the fact (`said`), and they are heavy (rare names): a
        # report quoting the same speaker on something else held most of such a line's weight.
        # Nor are its names and days alone: a window stating the fact holds `min_saying` of
        # the words saying what happened ("I will miss the game," Arians said Monday" is not
        # "Arians retired on Monday").
        saying = [self._vocabulary[f] for f in saying_words(said) if f in self._vocabulary]
        if len(saying) < min_saying:
            return {}
        claim_figured &= min_saying <= claims[:, saying].sum(axis=1).A1
        pair_figured &= min_saying <= pairs[:, saying].sum(axis=1).A1
        line, total = self._weighted(features(said))
        clause = main_clause(said)
        main, main_total = self._weighted(features(clause))
        by_claim, by_pair = claims @ line / total, pairs @ line / total
        main_by_claim = claims @ main / main_total
        what, what_total = self._weighted(saying_words(clause))
        main_by_pair = (pairs @ main / main_total) * (pairs @ what >= pair_saying * what_total)
        counted, dated = counts(said), when(text)
        scores = {}
        for article, (own, paired) in self._rows.items():
            if dated[1] and (days := self._days.get(article)) and not dated[1] & days:
                continue
            at_pairs = np.flatnonzero(pair_figured[paired])
            own_pairs, own_figured = paired[at_pairs], own[claim_figured[own]]
            if not len(own_pairs) and not len(own_figured):
                continue
            # A one-sentence article has no pair: its sentence is its window.
            pair_best = by_pair[own_pairs].max(initial=0.0)
            window = max(pair_best, by_claim[own_figured].max(initial=0.0))
            if counted or any(dated):
                if len(own_pairs) and window == pair_best:
                    at = at_pairs[int(by_pair[own_pairs].argmax())]
                    held = own[at : at + 2].tolist()
                else:
                    held = [int(own_figured[by_claim[own_figured].argmax()])]
                told = " ".join(self.claims[i].text for i in held)
                if another_time(dated, told) or (counted and miscounts(counted, told)):
                    continue
            told_main = max(main_by_claim[own].max(), main_by_pair[paired].max(initial=0.0))
            scores[article] = float(window + told_main) / 2
        return scores

    def paraphrase(self, like: Sentence, articles: Iterable[str]) -> dict[str, float]:
        """How near each of `articles` comes to `like` in meaning: the best cosine of its
        sentences' embeddings with `like`'s ("regained control" for "re-established
        contact"); nothing without `vectors` (an alignment made without an encoder)."""
        i = self.claim_of(like)
        if self.vectors is None or i is None:
            return {}
        similar = self.vectors @ self.vectors[i]
        return {a: float(similar[self._rows[a][0]].max()) for a in articles if a in self._rows}

    def _weighted(self, held: frozenset[str]) -> tuple[NDArray[np.float64], float]:
        """A text's features as a weight vector over the vocabulary, and their total weight
        (features no claim holds count in the total only)."""
        vector = np.zeros(len(self._vocabulary))
        for f in held:
            if f in self._vocabulary:
                vector[self._vocabulary[f]] = self.weight(f)
        return vector, max(sum(map(self.weight, held)), 1e-9)

    def weight(self, feature: str) -> float:
        """A feature's weight; one no claim holds weighs as the rarest."""
        return self.weights.get(feature, self._unseen)

    @property
    def _unseen(self) -> float:
        return float(np.log(1 + len(self.claims)) + 1.0)

    def source_count(self, articles: Sequence[str]) -> int:
        return len({self.sources.get(a, a) for a in articles})

    @property
    def facts(self) -> tuple[AlignedFact, ...]:
        """Facts stated by two or more independent sources: claims joined by links."""
        parent = list(range(len(self.claims)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, linked in self.links.items():
            for j, _ in linked:
                parent[find(i)] = find(j)
        groups: dict[int, list[int]] = {}
        for i in range(len(self.claims)):
            groups.setdefault(find(i), []).append(i)
        found = []
        for members in groups.values():
            articles = tuple(dict.fromkeys(a for i in members for a in self.claims[i].articles))
            sources = tuple(dict.fromkeys(self.sources.get(a, a) for a in articles))
            if len(sources) >= 2:
                found.append(AlignedFact(tuple(members), articles, sources))
        return tuple(found)


def align(
    sentences: Mapping[str, Sequence[Sentence]],
    sources: Mapping[str, str] | None = None,
    min_coverage: float = 0.5,
    min_shared: int = 3,
    anchor_weight: float = 1.5,
    encode: Callable[[Sequence[str]], NDArray[np.float64]] | None = None,
) -> Alignment:
    """Align the sentences of a story's articles (article id -> its sentences, in order).

    A claim of another article states claim i when it shares `min_shared` features (content
    words, figures, names) and `min_coverage` of claim i's features weighted by their
    inverse frequency among the story's claims: words every report prints ("Asian Games")
    weigh little, a figure or a rare name much (anchors weigh `anchor_weight` times more).
    `encode` (unit sentence embeddings: `newsfuse.cluster.embed.encode`) adds the claims'
    vectors, which `Alignment.paraphrase` reads."""
    sources = dict(sources or {})
    printings: dict[str, list[Sentence]] = {}
    for article_sentences in sentences.values():
        for s in article_sentences:
            printings.setdefault(s.text, []).append(s)
    texts = list(printings)
    claims = tuple(Claim(t, tuple(printings[t]), content_set(t), anchors(t)) for t in texts)
    index = {t: i for i, t in enumerate(texts)}
    order = {a: n for n, a in enumerate(sentences)}
    if len(order) < 2 or not claims:
        return Alignment(claims, {}, sources, order, {}, index)
    vocabulary: dict[str, int] = {}
    held = [c.words | {"#" + a for a in c.anchors} for c in claims]
    incidence = incidence_of(held, vocabulary)
    frequency = np.asarray(incidence.sum(axis=0)).ravel()
    weight = np.log((1 + len(claims)) / (1 + frequency)) + 1.0
    weight[[n for f, n in vocabulary.items() if f.startswith("#")]] *= anchor_weight
    weights = {f: float(weight[n]) for f, n in vocabulary.items()}
    postings: dict[str, list[int]] = {}
    for i, fs in enumerate(held):
        for f in fs:
            postings.setdefault(f, []).append(i)
    # Built on the incidence's own pattern, so that a row's entries keep their order.
    weighted = sparse.csr_matrix(
        (weight[incidence.indices], incidence.indices, incidence.indptr), shape=incidence.shape
    )
    sizes = np.asarray(weighted.sum(axis=1)).ravel()
    # A claim printed by one article alone, by its article: pairs within one article are
    # not restatements by another source.
    only = np.array([c.articles[0] if len(c.articles) == 1 else "" for c in claims], dtype=object)
    article = np.unique(only, return_inverse=True)[1]
    article[only == ""] = -1
    links: dict[int, list[tuple[int, float]]] = {}
    prefix, rest = prefixes(weighted, sizes, min_coverage)
    reach = min_coverage * sizes * (1 - 1e-6)
    for lo in range(0, len(claims), _BLOCK):
        # Only claims sharing enough of a row's prefix can cover enough of it.
        pairs = (prefix[lo : lo + _BLOCK] @ incidence.T).tocoo()
        row, col = pairs.row + lo, pairs.col
        other = (pairs.data + rest[row] >= reach[row]) & (row != col)
        other &= (article[row] < 0) | (article[row] != article[col])
        row, col = row[other], col[other]
        weight_shared, n_shared = shared(weighted, incidence, row, col)
        coverage = weight_shared / np.maximum(sizes[row], 1e-9)
        keep = (coverage >= min_coverage) & (n_shared >= min_shared)
        for i, j, c in zip(
            row[keep].tolist(), col[keep].tolist(), coverage[keep].tolist(), strict=True
        ):
            links.setdefault(i, []).append((j, round(c, 4)))
    # In claim order: the product's order follows its vocabulary's, which follows set order.
    ordered = {i: tuple(sorted(links[i])) for i in sorted(links)}
    holders = {f: tuple(ids) for f, ids in postings.items()}
    matrices, rows = held_by(sentences, index, incidence)
    vectors = encode(texts) if encode is not None else None
    return Alignment(
        claims,
        ordered,
        sources,
        order,
        weights,
        index,
        holders,
        vocabulary,
        matrices,
        rows,
        vectors,
        {a: weekdays(" ".join(s.text for s in ss)) for a, ss in sentences.items()},
    )
