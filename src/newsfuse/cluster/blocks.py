"""Time blocks: the stream-only batch path (`assign(..., refine=False)`) cut into units
that run independently (in parallel on Ray) and are joined at their borders."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from newsfuse.cluster.features import Features
from newsfuse.cluster.stream import StoryClusterer
from newsfuse.config import ClusterConfig
from newsfuse.model import Article


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
