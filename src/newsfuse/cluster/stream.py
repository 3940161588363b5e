"""One story model for streams and batches.

Articles arrive in time order. Each is compared only with the open stories that share one
of its strongest terms (an inverted index with bounded posting lists), so the cost per
article does not grow with the number of stories seen. It joins the best-scoring story if
that score clears `threshold`, else it opens a new story. A story that has not grown for
`window_days` closes and is no longer a candidate.

The score of an article against a story is the cosine of their TF-IDF vectors (document
frequencies counted as the stream goes), where in-sentence capitalised words (names) and
title words weigh more, minus a penalty for publication-time distance.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from newsfuse.cluster.features import Features, extract
from newsfuse.config import ClusterConfig
from newsfuse.model import Article, Story


@dataclass(slots=True)
class _OpenStory:
    id: int
    centroid: dict[str, float]
    norm: float
    members: list[int] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None


def _weight(item: tuple[str, float]) -> tuple[float, str]:
    # Ties broken by term, so the kept terms never depend on dict order.
    return (item[1], item[0])


def _top(weights: dict[str, float], k: int) -> dict[str, float]:
    if len(weights) <= k:
        return weights
    return dict(heapq.nlargest(k, weights.items(), key=_weight))


def _days(a: datetime, b: datetime) -> float:
    return abs((a - b).total_seconds()) / 86400.0


class StoryClusterer:
    """Streaming story detection: `add` articles in time order, read `labels`/`stories`."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._df: Counter[str] = Counter()
        self._n = 0
        self._open: OrderedDict[int, _OpenStory] = OrderedDict()
        self._postings: dict[str, OrderedDict[int, None]] = {}
        self._clock: datetime | None = None
        self._labels: list[int] = []
        self._parent: list[int] = []
        self._articles: list[Article] = []
        self._story_members: list[list[int]] = []

    # -- vectors ---------------------------------------------------------------------------

    def _vector(self, features: Features) -> dict[str, float]:
        for term in features.terms:
            self._df[term] += 1
        self._n += 1
        n = self._n + 1
        df = self._df
        weights = {
            t: w * (math.log(n / (df[t] + 1)) + 1.0) for t, w in features.terms.items()
        }
        weights = _top(weights, self.config.article_terms)
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    # -- the stream --------------------------------------------------------------------------

    def _close_idle(self, now: datetime) -> None:
        window = self.config.window_days
        # Stories sit in order of their last growth, so idle ones are at the front.
        while self._open:
            story = next(iter(self._open.values()))
            if story.last is None or _days(now, story.last) <= window:
                break
            self._open.popitem(last=False)

    def _candidates(self, query: list[str]) -> list[_OpenStory]:
        config = self.config
        hits: Counter[int] = Counter()
        for term in query:
            posting = self._postings.get(term)
            if posting:
                hits.update(posting.keys())
        found = []
        roots: Counter[int] = Counter()
        for story_id, count in hits.items():
            roots[self._find(story_id)] += count
        for story_id, _ in roots.most_common(config.candidates):
            story = self._open.get(story_id)
            if story is not None:
                found.append(story)
        return found

    def _score(self, vector: dict[str, float], story: _OpenStory, when: datetime | None) -> float:
        centroid = story.centroid
        # Set intersection runs in C; most terms of the two are not shared.
        cosine = sum(vector[t] * centroid[t] for t in vector.keys() & centroid.keys()) / story.norm
        if when is not None and story.first is not None and story.last is not None:
            gap = 0.0
            if when < story.first:
                gap = _days(story.first, when)
            elif when > story.last:
                gap = _days(when, story.last)
            config = self.config
            cosine -= config.time_penalty * min(1.0, gap / config.window_days)
        return cosine

    def _index(self, story_id: int, query: list[str]) -> None:
        limit = self.config.posting_limit
        for term in query:
            posting = self._postings.setdefault(term, OrderedDict())
            posting[story_id] = None
            posting.move_to_end(story_id)
            if len(posting) > limit:
                posting.popitem(last=False)

    def add(self, article: Article, features: Features | None = None) -> int:
        """Assign one article (later than or as late as those before it); its story id."""
        config = self.config
        if features is None:
            features = extract(article, config.max_words, config.title_weight, config.name_weight)
        vector = self._vector(features)
        when = article.published if article.published is not None else None
        if when is not None:
            when = article.sort_time
            if self._clock is None or when > self._clock:
                self._clock = when
                self._close_idle(when)
        # The article's heaviest terms: how it finds stories, and how stories find it later.
        query = [t for t, _ in heapq.nlargest(config.query_terms, vector.items(), key=_weight)]
        scored = sorted(
            ((self._score(vector, story, when), story) for story in self._candidates(query)),
            key=lambda pair: (-pair[0], pair[1].id),
        )
        index = len(self._articles)
        # Only what a Story shows is kept: memory per article stays small and fixed.
        self._articles.append(
            Article(
                id=article.id,
                text="",
                title=article.title,
                outlet=article.outlet,
                published=article.published,
            )
        )
        matches = [story for value, story in scored if value >= config.threshold]
        if matches:
            best = matches[0]
            # An article close to two stories shows they are one event told two ways
            # (typical when the first reports were short): merge them if they agree.
            for other in matches[1:]:
                if self._cosine(best, other) >= config.merge_threshold:
                    self._merge(best, other)
        else:
            best = _OpenStory(id=len(self._story_members), centroid={}, norm=1.0)
            self._story_members.append([])
            self._parent.append(best.id)
        self._join(best, index, vector, when)
        self._index(best.id, query)
        self._labels.append(best.id)
        return best.id

    def _cosine(self, a: _OpenStory, b: _OpenStory) -> float:
        small, large = (a, b) if len(a.centroid) < len(b.centroid) else (b, a)
        dot = sum(w * large.centroid.get(t, 0.0) for t, w in small.centroid.items())
        return dot / (a.norm * b.norm)

    def _find(self, story_id: int) -> int:
        parent = self._parent
        while parent[story_id] != story_id:
            parent[story_id] = parent[parent[story_id]]
            story_id = parent[story_id]
        return story_id

    def _merge(self, into: _OpenStory, other: _OpenStory) -> None:
        centroid = into.centroid
        for term, w in other.centroid.items():
            centroid[term] = centroid.get(term, 0.0) + w
        into.centroid = _top(centroid, self.config.story_terms)
        into.norm = math.sqrt(sum(w * w for w in into.centroid.values())) or 1.0
        into.members.extend(other.members)
        self._story_members[into.id].extend(self._story_members[other.id])
        self._story_members[other.id] = []
        for when in (other.first, other.last):
            if when is not None:
                into.first = when if into.first is None or when < into.first else into.first
                into.last = when if into.last is None or when > into.last else into.last
        self._parent[other.id] = into.id
        self._open.pop(other.id, None)

    @property
    def labels(self) -> list[int]:
        """The story of every article added so far, in order of arrival."""
        return [self._find(label) for label in self._labels]

    def _join(
        self, story: _OpenStory, index: int, vector: dict[str, float], when: datetime | None
    ) -> None:
        centroid = story.centroid
        for term, w in vector.items():
            centroid[term] = centroid.get(term, 0.0) + w
        # Bounded centroids keep scoring and memory constant per story.
        story.centroid = _top(centroid, self.config.story_terms)
        story.norm = math.sqrt(sum(w * w for w in story.centroid.values())) or 1.0
        story.members.append(index)
        self._story_members[story.id].append(index)
        if when is not None:
            story.first = when if story.first is None or when < story.first else story.first
            story.last = when if story.last is None or when > story.last else story.last
        self._open[story.id] = story
        self._open.move_to_end(story.id)

    def extend(self, articles: Iterable[Article]) -> Iterator[int]:
        for article in articles:
            yield self.add(article)

    @property
    def open_stories(self) -> int:
        """Stories still open: those that grew within the window."""
        return len(self._open)

    # -- results -------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story so far, largest first (ties: earliest first)."""
        found = [
            make_story(f"s{sid:05d}", [self._articles[i] for i in sorted(members)])
            for sid, members in enumerate(self._story_members)
            if members
        ]
        return sorted(found, key=lambda s: -len(s.article_ids))


def make_story(story_id: str, articles: list[Article]) -> Story:
    dated = sorted(a.sort_time for a in articles if a.published is not None)
    titles = [a.title for a in articles if a.title]
    # The title most often given, else the earliest report's: a story's plainest name.
    title = Counter(titles).most_common(1)[0][0] if titles else None
    outlets = tuple(sorted({a.outlet for a in articles if a.outlet}))
    return Story(
        id=story_id,
        article_ids=tuple(a.id for a in articles),
        title=title,
        outlets=outlets,
        first=dated[0] if dated else None,
        last=dated[-1] if dated else None,
    )
