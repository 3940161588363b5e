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
