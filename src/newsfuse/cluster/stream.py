"""The batch story model (`newsfuse.cluster.refine`), run over a stream.

Articles arrive in time order and are held in an open window: the latest
`window_articles` arrivals (and, if `window_days` is set, of those only the ones that
arrived within that many days of the newest).
Everything the model keeps per article (its TF-IDF vector, its nearest neighbours, the
index that finds them) lives only while the article is in the window, so work per
article and memory are bounded by the window, not by the history.

Each arriving article is weighed under IDF counted over the window, finds its
`neighbours` nearest window articles through an inverted index with bounded posting
lists, and enters the neighbour lists of the window articles it is nearer to than their
current farthest neighbour (`newsfuse.cluster.window`). It then joins the open story
whose window members share its neighbours at a mean cosine (of neighbour rows weighed as in
batch, faded with time apart as batch pairs are) of at least the window's cut at its last
re-clustering and at least `refine_threshold`, else opens a story.

That first decision is made before the article's later neighbours exist, and each arrival
changes older articles' neighbour lists. So every `recluster_every` arrivals the window is
re-clustered from scratch with the batch merge (`newsfuse.cluster.refine.merge`, at the
window's own cut) over the kept neighbour lists, and the new groups take over the ids of
the open stories they overlap most: stories keep their ids while they grow, and articles
that left the window (closed stories, or the closed part of a long story) never change
story.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import itemgetter, mul, truediv

import numpy as np

from newsfuse.cluster.features import Features, extract, features_ahead
from newsfuse.cluster.particulars import IdfByCount, NameCounts, count_matrix, particulars, uncount
from newsfuse.cluster.refine import chunks, day_of, merge, nearest_others, neighbour_rows
from newsfuse.cluster.window import TermColumns, WindowArticle, link, shared
from newsfuse.config import ClusterConfig
from newsfuse.model import Article, Story


class StoryClusterer:
    """Streaming story detection: `add` articles in time order, read `labels`/`stories`."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._window: OrderedDict[int, WindowArticle] = OrderedDict()
        self._df: Counter[str] = Counter()
        self._names = NameCounts()  # the window articles' names
        self._idf = IdfByCount(1)  # the window's, by document frequency (`_weigh`)
        self._columns = TermColumns()
        self._postings: dict[str, OrderedDict[int, None]] = {}
        self._clock = math.nan  # the latest publication day seen
        self._labels: list[int] = []
        # Window members per story: a story with none is closed.
        self._open_size: Counter[int] = Counter()
        self._stories = 0
        self._since_recluster = 0
        # The cut an arrival must reach to join a story: the window's own at its last
        # re-clustering (`refine.merge_cut`), and at least the fixed cut (`recluster`).
        self._cut = self.config.refine_threshold
        self._articles: list[Article] = []
        # Once the window has filled (an article has left it), arrivals are weighed under
        # a full window; from the next re-clustering on, no longer re-weighed (`_refresh`).
        self._filled = False
        self._warm = False
        # Window originals already reprinted once, those first reprints (articles of the
        # window, not reprinted themselves), and the later reprints of each original
        # (folded: never in the window).
        self._copied: set[int] = set()
        self._first_reprints: set[int] = set()
        self._reprints: dict[int, list[int]] = {}

    # -- the window ------------------------------------------------------------------------

    def _vector(self, features: Features) -> tuple[dict[str, float], list[str]]:
        """The unit TF-IDF vector of a new article on its heaviest terms, and its index
        keys; its terms join the window's document frequencies."""
        self._df.update(features.terms.keys())
        return self._weigh(features.terms, len(self._window) + 2, self.config.article_terms)

    def _weigh(
        self, terms: dict[str, float], n: int, limit: int | None
    ) -> tuple[dict[str, float], list[str]]:
        """Unit TF-IDF weights of `terms` (the heaviest `limit`) under the window's IDF
        over `n` - 1 articles, and the heaviest `query_terms` as index keys."""
        if self._idf.n != n:
            self._idf = IdfByCount(n)
        weights = map(
            mul, terms.values(), map(self._idf.__getitem__, map(self._df.__getitem__, terms))
        )
        # (weight, term) pairs sort in C, heaviest first; ties go to the later term.
        ranked = sorted(zip(weights, terms, strict=True), reverse=True)[:limit]
        kept = list(map(itemgetter(0), ranked))
        norm = math.sqrt(sum(map(mul, kept, kept))) or 1.0
        # One sort gives both the kept terms and the keys (the heaviest of them).
        heaviest = list(map(itemgetter(1), ranked))
        vector = dict(zip(heaviest, map(truediv, kept, repeat(norm)), strict=True))
        return vector, heaviest[: self.config.query_terms]

    def _expire(self) -> None:
        config = self.config
        window = self._window
        # Arrival order is time order, so the articles to drop are at the front. (NaN days
        # compare False: undated articles never go stale.)
        while window:
            index, entry = next(iter(window.items()))
            days = config.window_days
            stale = days is not None and self._clock - entry.day > days
            if len(window) < config.window_articles and not stale:
                break
            window.popitem(last=False)
            self._drop(index, entry)
            # The window has filled (by count or by age): arrivals are weighed under it.
            self._filled = True

    def _drop(self, index: int, entry: WindowArticle) -> None:
        uncount(self._df, entry.terms)
        self._names.remove(entry.names)
        for term in entry.keys:
            posting = self._postings.get(term)
            if posting is not None:
                posting.pop(index, None)
                if not posting:
                    del self._postings[term]
        for other in entry.held_by:
            self._window[other].near.pop(index, None)
        for other in entry.near:
            found = self._window.get(other)
            if found is not None:
                found.held_by.discard(index)
        self._leave(self._labels[index])
        # Its reprints close with it.
        self._reprints.pop(index, None)
        self._copied.discard(index)
        self._first_reprints.discard(index)

    def _leave(self, story: int) -> None:
        # Only open stories are counted, so the counter stays within the window.
        self._open_size[story] -= 1
        if not self._open_size[story]:
            del self._open_size[story]

    # -- neighbours ------------------------------------------------------------------------

    def _scored(self, entry: WindowArticle) -> list[tuple[float, int]]:
        """(cosine, window article) of the candidates at least `neighbour_floor` alike."""
        config = self.config
        hits: Counter[int] = Counter()
        for term in entry.keys:
            posting = self._postings.get(term)
            if posting:
                hits.update(posting.keys())
        found = [other for other, _ in hits.most_common(config.candidates)]
        if not found:
            return []
        # Indexed articles have terms, so no candidate's vector is empty.
        cosines = self._columns.cosines(entry, [self._window[other] for other in found])
        floor = config.neighbour_floor
        return [(c, other) for c, other in zip(cosines, found, strict=True) if c >= floor]

    def _fade(
        self, entry: WindowArticle, other: WindowArticle, by_particulars: bool = True
    ) -> float:
        """`refine.pair_similarity`'s fade with time apart, for one pair (without
        `by_particulars`, `refine.fade` as reprints are found)."""
        config = self.config
        scale = config.time_scale_days
        apart = abs(entry.day - other.day)
        if scale is None or math.isnan(apart):
            return 1.0
        unlike = config.unlike_scale_days
        if (
            by_particulars
            and unlike is not None
            and apart > 0
            and self._names.cosine(entry.names, entry.names_norm, other.names, other.names_norm)
            < config.particulars_cosine
        ):
            scale = unlike
        return math.exp(-apart / scale)

    # -- the stream ------------------------------------------------------------------------

    def add(self, article: Article, features: Features | None = None) -> int:
        """Assign one article (later than or as late as those before it); its story id."""
        config = self.config
        if features is None:
            features = extract(article, config.max_words, config.title_weight, config.name_weight)
        day = day_of(article)
        if not math.isnan(day) and not day <= self._clock:  # the clock starts as NaN
            self._clock = day
        self._expire()
        vector, keys = self._vector(features)
        raw = None if self._warm else features.terms
        names = features.names
        entry = WindowArticle(
            tuple(features.terms), raw, vector, keys, day, names, self._names.norm(names)
        )
        index = len(self._labels)
        self._columns.place(entry)
        scored = self._scored(entry)
        self._articles.append(
            # Only what a Story shows is kept: memory per article stays small and fixed.
            Article(
                id=article.id,
                text="",
                title=article.title,
                outlet=article.outlet,
                published=article.published,
            )
        )
        original = self._folds_into(index, entry, scored)
        if original is not None:
            # A reprint follows its original's story and stays out of the window, as in
            # batch (`refine.originals`); its terms leave the window's counts again.
            uncount(self._df, entry.terms)
            self._reprints.setdefault(original, []).append(index)
            self._labels.append(self._labels[original])
            return self._labels[original]
        window = self._window
        link(index, entry, scored, window, config.neighbours)
        totals: dict[int, float] = {}
        for other, value in shared(index, entry, window, config.relative_neighbours).items():
            story = self._labels[other]
            # Faded with time apart as batch pairs are (`refine.pair_similarity`).
            totals[story] = totals.get(story, 0.0) + value * self._fade(entry, window[other])
        best, mean = -1, 0.0
        for story, total in totals.items():
            value = total / self._open_size[story]
            if value > mean or (value == mean and story < best):
                best, mean = story, value
        if mean < self._cut:
            best = self._stories
            self._stories += 1
        self._labels.append(best)
        self._open_size[best] += 1
        self._window[index] = entry
        self._names.add(entry.names)
        self._index(index, keys)
        self._since_recluster += 1
        if self._since_recluster >= config.recluster_every:
            self.recluster()
        return best

    def _folds_into(
        self, index: int, entry: WindowArticle, scored: list[tuple[float, int]]
    ) -> int | None:
        """The window article a new one reprints and folds into (`refine.originals`), if
        any. An original's first reprint stays an article, as in batch."""
        cosine = self.config.reprint_cosine
        if cosine is None:
            return None
        found = [
            (-faded, other)
            for value, other in scored
            if other not in self._first_reprints  # only originals are reprinted
            and (faded := value * self._fade(entry, self._window[other], False)) >= cosine
        ]
        if not found:
            return None
        original = min(found)[1]
        if original in self._copied:
            return original
        self._copied.add(original)
        self._first_reprints.add(index)
        return None

    def _index(self, index: int, keys: list[str]) -> None:
        limit = self.config.posting_limit
        for term in keys:
            posting = self._postings.setdefault(term, OrderedDict())
            posting[index] = None
            if len(posting) > limit:
                posting.popitem(last=False)

    def _refresh(self) -> None:
        """Re-weigh the window under its current IDF and find every article's neighbours
        in it exactly, as batch does over a collection.

        An article is weighed once, under the IDF of the window it arrives in. Until the
        window first fills, that IDF is counted over few articles and weighs terms
        poorly, and the neighbour lists built from those weights stay with the articles
        for as long as they are in the window. So until then every re-clustering starts
        from fresh weights and exact lists; this costs O(window^2) a few times in all,
        after which each arrival is weighed under a full window."""
        entries = list(self._window.values())
        n = len(entries) + 1
        for entry in entries:
            assert entry.raw is not None  # kept until the window has filled
            # All terms, as batch weighs them: these few passes are not on the hot path.
            entry.vector, entry.keys = self._weigh(entry.raw, n, None)
            self._columns.place(entry)
        self._postings = {}
        for index, entry in self._window.items():
            self._index(index, entry.keys)
        matrix = count_matrix([entry.vector for entry in entries])
        indices = list(self._window)
        for entry in entries:
            entry.near, entry.held_by = {}, set()
        for start, stop in chunks(len(entries)):
            scores, rows, cols = nearest_others(matrix, start, stop, self.config)
            for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
                entries[start + row].near[indices[col]] = float(scores[row, col])
                entries[col].held_by.add(indices[start + row])

    def recluster(self) -> None:
        """Re-cluster the open window with the batch merge; open stories keep their ids."""
        self._since_recluster = 0
        window = self._window
        if not window:
            return
        if not self._warm:
            self._refresh()
            if self._filled or len(window) >= self.config.window_articles:
                self._warm = True
                for entry in window.values():
                    entry.raw = None
        self._columns.compact(window.values())
        position = {index: p for p, index in enumerate(window)}
        rows: list[int] = []
        cols: list[int] = []
        cosines: list[float] = []
        for p, entry in enumerate(window.values()):
            # Its neighbours, as batch neighbour rows hold them.
            rows.extend([p] * len(entry.near))
            cols.extend(position[j] for j in entry.near)
            cosines.extend(entry.near.values())
        size = len(window)
        matrix = neighbour_rows(
            np.array(rows, dtype=np.intp),
            np.array(cols, dtype=np.intp),
            np.array(cosines),
            (size, size),
            self.config,
        )
        days = np.array([entry.day for entry in window.values()])
        names = particulars([entry.names for entry in window.values()])
        groups, cut = merge(matrix, self.config, days, names)
        # An arrival is placed before its later neighbours exist, and re-clustering only
        # merges what arrivals kept apart when those come: precision first, it joins a
        # story at the window's cut where that is high (a window of events told once or
        # twice, `refine.merge_cut`), else at the fixed cut. (Warm stream, B3 F1 of the
        # story on arrival, ECB+ / Giveme5W1H / DUC + MultiLing: 0.822 / 0.919 / 0.835; at
        # the window's cut alone 0.813 / 0.912 / 0.854: `cluster_quality.py --arrivals`.)
        self._cut = max(cut, self.config.refine_threshold)
        self._relabel(list(window), groups)

    def _relabel(self, indices: list[int], groups: list[int]) -> None:
        """New story ids for the window articles from their `groups`: each group takes the
        id of the story it shares most articles with, largest overlaps first, each id once."""
        labels = self._labels
        overlap = Counter(zip(groups, (labels[i] for i in indices), strict=True))
        taken: set[int] = set()
        named: dict[int, int] = {}
        # Ties: the older story and the group of the earlier article win, for determinism.
        ranked = sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0]))
        for (group, story), _ in ranked:
            if group not in named and story not in taken:
                named[group] = story
                taken.add(story)
        for group in groups:
            if group not in named:
                named[group] = self._stories
                self._stories += 1
        for index, group in zip(indices, groups, strict=True):
            story = named[group]
            if labels[index] != story:
                self._leave(labels[index])
                self._open_size[story] += 1
                labels[index] = story
                for reprint in self._reprints.get(index, ()):
                    labels[reprint] = story

    def _settle(self) -> None:
        # Results are read from a settled window: the last arrivals were placed one at a
        # time; one merge over the window (bounded by its size) places them as batch would.
        if self._since_recluster:
            self.recluster()

    @property
    def labels(self) -> list[int]:
        """The story of every article added so far, in order of arrival."""
        self._settle()
        return list(self._labels)

    def extend(self, articles: Iterable[Article], workers: int = 0) -> Iterator[int]:
        """`add` each article; with `workers`, their features are extracted in that many
        other processes ahead of the assignment (`features.features_ahead`)."""
        if workers <= 0:
            for article in articles:
                yield self.add(article)
            return
        for article, features in features_ahead(articles, self.config, workers):
            yield self.add(article, features)

    @property
    def open_stories(self) -> int:
        """Stories still open: those with an article in the window."""
        return len(self._open_size)

    # -- results -------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story so far, largest first (ties: earliest first)."""
        self._settle()
        members: dict[int, list[Article]] = {}
        for article, label in zip(self._articles, self._labels, strict=True):
            members.setdefault(label, []).append(article)
        found = [make_story(f"s{sid:05d}", group) for sid, group in sorted(members.items())]
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
