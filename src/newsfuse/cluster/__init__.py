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
last, in input order), so both give the same stories on time-ordered input.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def time_blocks(articles: Sequence[Article], config: ClusterConfig) -> list[list[int]]:
    """Article positions in time order (undated last, in input order), cut into blocks of
    `config.block_size`: the units the stream-only batch path runs independently (and
    Ray in parallel)."""
    order = sorted(range(len(articles)), key=lambda i: articles[i].sort_time)
    size = max(1, config.block_size)
    return [order[start : start + size] for start in range(0, len(order), size)]


def stream_block(
    articles: Sequence[Article], features: Sequence[Features], config: ClusterConfig
) -> list[int]:
    """Story numbers (from 0) of one time-ordered block under the streaming model."""
    clusterer = StoryClusterer(config)
    for article, feature in zip(articles, features, strict=True):
        clusterer.add(article, feature)
    return clusterer.labels


def join_blocks(
    n: int, blocks: Sequence[Sequence[int]], block_labels: Sequence[Sequence[int]]
) -> list[int]:
    """One label per article from per-block story numbers, distinct across blocks."""
    labels = [0] * n
    offset = 0
    for positions, numbers in zip(blocks, block_labels, strict=True):
        for i, label in zip(positions, numbers, strict=True):
            labels[i] = offset + label
        offset += max(numbers, default=-1) + 1
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
        stream_block([articles[i] for i in b], [features[i] for i in b], config) for b in blocks
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
