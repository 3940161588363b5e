"""Summarize: an extractive, cited summary that favours facts several sources carry.

1. Every sentence of every article is a candidate fact. The articles holding a sentence
   that states most of it carry it and are cited for it.
2. A fact's prior: how many independent sources corroborate it (a looser match than
   citing), how central it is to the story and how early it stands (news puts what
   matters first); a report's first sentence, its lead, weighs most for the opening pick
   (each outlet's own choice of the news, even when their figures differ). Copies of one
   wire story count once. Timeless background weighs less and never opens the summary
   (summarize/kinds.py). An opinion piece's sentences are never lines.
3. Selection is greedy budgeted maximum coverage of concepts (content words and bigrams,
   weighted by a power of the number of sources stating them; uncorroborated ones weigh
   nothing), scaled by the prior and divided by a power of the length: a submodular
   objective, so repeating a fact gains nothing; two reports' leads are redundant at a
   lower similarity than other sentences, and when they tell one act on one day. A line
   whose subject points back ("The request angered ...") waits for what it points to.
   For the opening pick, a concept weighs more by the share of independent sources whose
   lede holds it (summarize/lede.py): the first line states the main event the ledes agree
   on; a line whose only act is someone's saying ("X says ...") never opens while a chosen
   line telling news can.
4. Sentences are compressed first (wire datelines, trailing bare attributions), so the
   budget buys content; the lead (the first fact chosen) opens the summary, the rest
   follow by time, then by position (summarize/order.py).

Settings are in `SummaryConfig`; they are chosen leave-one-set-out over DUC 2003 and
MultiLing 2011 by the worse set (bench/summary_loso.py, docs/benchmarks.md).
"""

from newsfuse.summarize.concepts import concept_terms, concept_tokens, concept_weights
from newsfuse.summarize.facts import find_facts
from newsfuse.summarize.similarity import Similarity, TfidfContainment
from newsfuse.summarize.summary import summarize

__all__ = [
    "Similarity",
    "TfidfContainment",
    "concept_terms",
    "concept_tokens",
    "concept_weights",
    "find_facts",
    "summarize",
]
