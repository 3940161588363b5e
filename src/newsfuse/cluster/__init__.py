"""Stories: split a mixed pile, or a stream, of articles into the events they report.

    >>> from newsfuse.cluster import cluster
    >>> stories = cluster(articles)            # batch: largest story first
    >>> clusterer = StoryClusterer()           # streaming: one article at a time
    >>> story_id = clusterer.add(article)

Batch sees the whole collection: it links each article to its nearest neighbours and
groups articles that share them (`newsfuse.cluster.refine`), which separates two events of
one kind that a single cosine cut merges. The stream runs the same model over a bounded
window of its latest articles (`newsfuse.cluster.stream`), re-clustering the window as it
goes; stories that leave the window are closed and never change. With `refine=False`
batch is the streaming model run over the collection in time order (undated articles
last, in input order), so both give the same stories on time-ordered input (up to
`ClusterConfig.block_size` articles; beyond, blocks are joined at their borders).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from newsfuse.cluster.features import Features, features_of
from newsfuse.cluster.metrics import ClusterScores, score
from newsfuse.cluster.refine import days_of
from newsfuse.cluster.refine import refine as _refine
from newsfuse.cluster.stream import StoryClusterer, make_story
from newsfuse.config import ClusterConfig
from newsfuse.model import Article, Story

__all__ = [
    "ClusterConfig",
    "ClusterScores",
    "StoryClusterer",
    "assign",
    "cluster",
    "make_story",
    "score",
]


class TimeBlock(NamedTuple):
    """Article positions streamed as one unit: `lead_in`, the latest articles of the blocks
    before (up to a window's worth), then the block's `own` articles."""

    lead_in: list[int]
    own: list[int]

    @property
    def streamed(self) -> list[int]:
        return self.lead_in + self.own


def time_blocks(articles: Sequence[Article], config: ClusterConfig) -> list[TimeBlock]:
    """Article positions in time order (undated last, in input order), cut into blocks of
    `config.block_size`: the units the stream-only batch path runs independently (and
    Ray in parallel). Each block leads in with the `config.window_articles` articles before
    it, so that its stream starts with the window a single stream would hold there."""
    order = sorted(range(len(articles)), key=lambda i: articles[i].sort_time)
    size = max(1, config.block_size)
    return [
        TimeBlock(
            order[max(0, start - config.window_articles) : start], order[start : start + size]
        )
        for start in range(0, len(order), size)
    ]


def stream_block(
    articles: Sequence[Article], features: Sequence[Features], config: ClusterConfig
) -> list[int]:
    """Story numbers (from 0) of one time-ordered block under the streaming model."""
    clusterer = StoryClusterer(config)
    for article, feature in zip(articles, features, strict=True):
        clusterer.add(article, feature)
    return clusterer.labels


def join_blocks(
    n: int, blocks: Sequence[TimeBlock], block_labels: Sequence[Sequence[int]]
) -> list[int]:
    """One label per article from per-block story numbers (`block_labels[b]` over
    `blocks[b].streamed`), merged at the borders: a block's story continues the earlier
    story that holds most of its lead-in articles (ties: the earliest); a story without
    lead-in articles is new. Lead-in articles keep the label of their own block."""
    labels = [0] * n
    stories = 0
    for block, numbers in zip(blocks, block_labels, strict=True):
        votes: dict[int, Counter[int]] = {}
        for i, number in zip(block.lead_in, numbers[: len(block.lead_in)], strict=True):
            votes.setdefault(number, Counter())[labels[i]] += 1
        story = {
            number: min(count.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            for number, count in votes.items()
        }
        for i, number in zip(block.own, numbers[len(block.lead_in) :], strict=True):
            if number not in story:
                story[number] = stories
                stories += 1
            labels[i] = story[number]
    return labels


def assign(
    articles: Sequence[Article],
    config: ClusterConfig | None = None,
    refine: bool = True,
    embeddings: np.ndarray | None = None,
) -> list[int]:
    """A story number per article, aligned with `articles`.

    With `refine`, shared-neighbour average link over the whole collection
    (`newsfuse.cluster.refine`); `embeddings` (`newsfuse.cluster.embed.embed`, optional
    extra) join TF-IDF there at `config.embedding_weight`. Without, the streaming model
    over the articles in time order (in blocks of `config.block_size`).
    """
    config = config or ClusterConfig()
    features = features_of(articles, config)
    if refine:
        return _refine(features, config, days=days_of(articles), embeddings=embeddings)
    blocks = time_blocks(articles, config)
    numbers = [
        stream_block([articles[i] for i in b.streamed], [features[i] for i in b.streamed], config)
        for b in blocks
    ]
    return join_blocks(len(articles), blocks, numbers)


def cluster(
    articles: Sequence[Article], config: ClusterConfig | None = None, refine: bool = True
) -> list[Story]:
    """The stories in `articles`, largest first (ties: earliest first)."""
    labels = assign(articles, config, refine)
    groups: dict[int, list[Article]] = {}
    for article, label in zip(articles, labels, strict=True):
        groups.setdefault(label, []).append(article)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), min(a.sort_time for a in g)))
    return [make_story(f"s{n:04d}", group) for n, group in enumerate(ordered, start=1)]
