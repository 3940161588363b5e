"""Summary citations: every article that states a summary line's fact, read from the
story's one alignment (`newsfuse.analyze.align`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from newsfuse.analyze.align import Alignment
from newsfuse.model import SummaryItem

__all__ = ["cite"]


def cite(
    items: Iterable[SummaryItem],
    alignment: Alignment,
    *,
    min_share: float = 0.75,
    restated: tuple[float, int] = (0.9, 8),
    main_share: float = 1.01,
    support: float = 1.01,
    copy_support: float = 1.01,
    pair_saying: float = 0.4,
    paraphrase: float = 1.01,
) -> list[SummaryItem]:
    """Summary items citing every article that states their fact: each article of the
    story one of whose sentences holds `min_share` of the line's content words, or is a
    shorter restatement of it (`restated`), with its figures, or `main_share` of its main
    clause's weight with that clause's figures (`Alignment.holding`), or whose `support`
    score (`Alignment.support`: the fact told in other words, over a sentence or two)
    reaches `support` (above 1: never; `pair_saying` as `Alignment.support` reads it), or,
    of the articles so scored, whose sentence nearest the line's in meaning reaches the
    cosine `paraphrase` (`Alignment.paraphrase`: only an alignment made with sentence
    embeddings has one; above 1: never); the independent count follows copy groups.
    A copy of a cited article (one source: `Alignment.sources`) is cited at the lower
    `copy_support`: a copy group prints one text, so a copy that tells the line at all
    (its support score passes the figure, saying-word and date checks) most likely prints
    what its group-mate was cited for, reworded or cut by the copying outlet.

    Every article is checked, not only those the summary's similarity or the alignment's
    links found: a restatement in fewer words shares too little of the line to be linked."""
    cited = []
    for item in items:
        if item.fact is None:
            cited.append(item)
            continue
        sentence = item.fact.representative
        if alignment.claim_of(sentence) is None:  # an alignment of another story: as found
            carriers = item.citations
        else:
            carriers = alignment.holding(
                sentence, item.text, alignment.order, min_share, restated, main_share
            )
            if min(support, copy_support, paraphrase) <= 1.0:
                scores = alignment.support(item.text, pair_saying=pair_saying)
                more = {a for a, score in scores.items() if score >= support}
                if paraphrase <= 1.0:
                    near = alignment.paraphrase(sentence, scores)
                    more |= {a for a, cosine in near.items() if cosine >= paraphrase}
                cited_sources = {alignment.sources.get(a, a) for a in (*carriers, *more)}
                more |= {
                    a
                    for a, score in scores.items()
                    if score >= copy_support and alignment.sources.get(a, a) in cited_sources
                }
                carriers = tuple(
                    sorted({*carriers, *more}, key=lambda a: alignment.order.get(a, 0))
                )
        cited.append(
            dataclasses.replace(
                item, citations=carriers, independent_sources=alignment.source_count(carriers)
            )
        )
    return cited
