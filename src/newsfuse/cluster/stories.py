"""Batch entry points: a story number per article (`assign`), or the stories (`cluster`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsfuse.cluster.blocks import join_blocks, stream_block, time_blocks
from newsfuse.cluster.features import FeatureCache, features_of
from newsfuse.cluster.refine import days_of
from newsfuse.cluster.refine import refine as _refine
from newsfuse.cluster.stream import make_story
from newsfuse.config import ClusterConfig
from newsfuse.model import Article, Story


def assign(
    articles: Sequence[Article],
    config: ClusterConfig | None = None,
    refine: bool = True,
    embeddings: np.ndarray | None = None,
    cache: FeatureCache | None = None,
) -> list[int]:
    """A story number per article, aligned with `articles`.

    With `refine`, shared-neighbour average link over the whole collection
    (`newsfuse.cluster.refine`); `embeddings` (`newsfuse.cluster.embed.embed`, optional
    extra) join TF-IDF there at `config.embedding_weight`. Without, the streaming model
    over the articles in time order (in blocks of `config.block_size`). Features come from
    `cache` when given (articles clustered again and again, as the store's window is).
    """
    config = config or ClusterConfig()
    features = features_of(articles, config, cache)
    if refine:
        return _refine(features, config, days=days_of(articles), embeddings=embeddings)
    blocks = time_blocks(articles, config)
    numbers = [
        stream_block([articles[i] for i in b.streamed], [features[i] for i in b.streamed], config)
        for b in blocks
    ]
    return join_blocks(len(articles), blocks, numbers)


def cluster(
    articles: Sequence[Article],
    config: ClusterConfig | None = None,
    refine: bool = True,
    cache: FeatureCache | None = None,
) -> list[Story]:
    """The stories in `articles`, largest first (ties: earliest first)."""
    labels = assign(articles, config, refine, cache=cache)
    groups: dict[int, list[Article]] = {}
    for article, label in zip(articles, labels, strict=True):
        groups.setdefault(label, []).append(article)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), min(a.sort_time for a in g)))
    return [make_story(f"s{n:04d}", group) for n, group in enumerate(ordered, start=1)]
