"""The story's main event: the who and what the independent sources' ledes agree on.

A report's lede, its first sentence, is its writer's choice of the news. A concept (a content
word or a pair of adjacent ones: "car bomb", "Jerusalem market", "exploded") that the ledes of
many sources hold is what the story is about; a feature's anecdotal opening ("Cruising at
19,000 feet, the captain ...") or one report's angle is held by few. The summary weighs each
concept up by this share for its opening pick only, so that its first line states the main
event; the later picks weigh concepts by the whole reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsfuse.model import Sentence
from newsfuse.summarize.concepts import concept_terms
from newsfuse.summarize.terms import transform_binary

__all__ = ["lede_concepts"]


def lede_concepts(
    sentences: Sequence[Sentence], vocabulary: Mapping[str, int], sources: Mapping[str, str]
) -> NDArray[np.float64]:
    """For each concept column of `vocabulary`, the share of the independent sources
    (`sources` maps article ids to them; by default an article is its own) whose lede
    states it."""
    ledes = [s for s in sentences if s.index == 0]
    if not ledes:
        return np.zeros(len(vocabulary))
    present = transform_binary((concept_terms(s.text) for s in ledes), vocabulary)
    groups = np.unique(
        [sources.get(s.article_id, s.article_id) for s in ledes], return_inverse=True
    )[1]
    by_source = sparse.csr_matrix((np.ones(len(ledes)), (groups, np.arange(len(ledes))))) @ present
    counts = np.asarray((by_source > 0).sum(axis=0), dtype=np.float64).ravel()
    return counts / (int(groups.max()) + 1)
