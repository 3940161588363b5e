"""Stories: split a mixed pile, or a stream, of articles into the events they report.

    >>> from newsfuse.cluster import cluster
    >>> stories = cluster(articles)            # batch: largest story first
    >>> clusterer = StoryClusterer()           # streaming: one article at a time
    >>> story_id = clusterer.add(article)

Batch is the streaming model run over the collection in time order (undated articles
last, in input order), so both give the same stories on time-ordered input.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.cluster.features import extract
from newsfuse.cluster.metrics import ClusterScores, score
from newsfuse.cluster.refine import refine as _refine
from newsfuse.cluster.stream import ClusterConfig, StoryClusterer, make_story
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


def assign(
    articles: Sequence[Article], config: ClusterConfig | None = None, refine: bool = True
) -> list[int]:
    """A story number per article, aligned with `articles`.

    The streaming model over the articles in time order; with `refine`, its stories are
    then merged by average link under collection-wide IDF (`newsfuse.cluster.refine`).
    """
    config = config or ClusterConfig()
    features = [
        extract(a, config.max_words, config.title_weight, config.name_weight) for a in articles
    ]
    order = sorted(range(len(articles)), key=lambda i: articles[i].sort_time)
    clusterer = StoryClusterer(config)
    for i in order:
        clusterer.add(articles[i], features[i])
    labels = [0] * len(articles)
    for i, label in zip(order, clusterer.labels, strict=True):
        labels[i] = label
    if refine:
        labels = _refine(features, labels, config.refine_threshold, config.refine_cohesion)
    return labels


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
